import { expect } from "chai";
import { user } from "../helpers/given";
import { cash, fixtureDraft, PNG, work } from "../helpers/given-works";
import { decision, households } from "../decisions/given";
import { expectNoProblems, look, openWeb, signIn, VIEWPORTS, Web, signOut } from "./browser";

// the works screens and the hamlet head's approvals. A treasurer proposes a work and pays
// from it with the invoice photographed by the phone; above the unit's threshold (5.000.000 đ) the
// voucher waits for a head, who approves or rejects it on the work screen — never their own.

/** Fails with what the screen says, not only "timeout". */
async function see(web: Web, text: string | RegExp): Promise<void> {
  await web.page.getByText(text).first().waitFor({ timeout: 8000 }).catch(async (e) => {
    throw new Error(`${e.message}\n--- main:\n${await web.page.locator("main").innerText()}`);
  });
}

describe("web: works and the head's approvals", () => {
  for (const vp of VIEWPORTS) {
    it(`[${vp.width}px] when a treasurer records a voucher above the threshold with a photo, then it waits as a draft, a double click records one, and a head approves it on the work screen and it is posted`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, vp);
      try {
        const { page, url, w, t } = web;
        await cash(t, w.hamletA, "50000000");
        // the residents' decision the work will be approved on (it is paid partly by them)
        await households(t, w.hamletA, 5, "QD");
        const decided = await decision(t, w.hamletA, { subject: "work_investment", upto: "voted", title: "Đầu tư đường bê tông xóm Đồi" });
        // the treasurer proposes a work from the works list
        await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/works`);
        await page.locator("main h1", { hasText: "Công trình — Thôn Đồng Tâm" }).waitFor();
        await page.getByRole("button", { name: "Mở biểu mẫu đề xuất" }).click();
        await page.getByLabel("Tên công trình").fill("Đường bê tông xóm Đồi");
        await page.getByLabel("Địa điểm").fill("Xóm Đồi, thôn Đồng Tâm");
        await page.getByLabel("Loại công trình").fill("giao thông");
        await page.getByLabel("Dự kiến khởi công").fill("2025-07-01");
        await page.getByLabel("Dự kiến hoàn thành").fill("2025-09-30");
        await page.getByLabel(/^Vật liệu/).pressSequentially("60000000");
        await page.getByLabel(/^Nhân công/).pressSequentially("20000000");
        await page.getByLabel(/^Nhân dân đóng góp/).pressSequentially("50000000");
        await page.getByLabel(/^Ngân sách xã/).pressSequentially("30000000");
        await look(page, vp, "works-propose");
        await page.getByRole("button", { name: "Lưu đề xuất" }).click();
        await page.locator("main h1", { hasText: "Đường bê tông xóm Đồi" }).waitFor();
        const row = await t.db("works").where({ unit_id: w.hamletA }).first();
        expect(row.name).to.equal("Đường bê tông xóm Đồi");
        expect(new URL(page.url()).pathname).to.equal(`/app/units/${w.hamletA}/works/${row.id}`);

        // a voucher of 7.500.000 đ with the invoice's photo: a double click records one draft
        const form = page.locator("#new-expense form");
        await form.getByLabel("Loại").selectOption("materials");
        await form.getByLabel(/Số tiền/).pressSequentially("7500000");
        expect(await form.getByLabel(/Số tiền/).inputValue()).to.equal("7.500.000");
        expect(await form.locator(".in-words").innerText()).to.include("Bảy triệu năm trăm nghìn đồng");
        await form.getByLabel("Người nhận").fill("Cửa hàng VLXD Hòa Phát");
        await form.getByLabel("Mô tả").fill("Xi măng PCB40, 100 bao");
        await form.getByLabel("Hình thức chi").selectOption("cash");
        const file = form.locator("input[type=file]");
        expect(await file.getAttribute("capture")).to.equal("environment");
        expect(await file.getAttribute("accept")).to.equal("image/*,application/pdf");
        await file.setInputFiles({ name: "hoa-don.png", mimeType: "image/png", buffer: PNG });
        await look(page, vp, "work-expense-form");
        await form.getByRole("button", { name: "Ghi phiếu chi" }).dblclick();
        await see(web, /đã lưu, chờ trưởng thôn duyệt/);
        const drafts = await t.db("expenses").where({ work_id: row.id });
        expect(drafts.map((e: any) => e.status)).to.deep.equal(["draft"]);
        const listed = await t.as(w.headA.token).get(`/units/${w.hamletA}/works/${row.id}/expenses`);
        expect(listed.body.data[0].attachmentIds).to.have.length(1);
        expect(await t.db("attachments")).to.have.length(1);
        // one more draft, drafted elsewhere, for the head to reject
        await fixtureDraft(t, w, w.hamletA, row.id);

        // the head signs in and decides on the work screen
        await signOut(page);
        await signIn(page, url, "head.a", `/app/units/${w.hamletA}/works/${row.id}`);
        await page.locator("main h1", { hasText: "Đường bê tông xóm Đồi" }).waitFor();
        const mine = page.locator("#drafts li.card", { hasText: "7.500.000 đ" });
        await mine.waitFor();
        expect(await mine.innerText()).to.include("Người lập: treasurer.a");
        await look(page, vp, "work-head");
        await mine.getByRole("button", { name: "Duyệt và ghi sổ" }).click();
        await mine.getByRole("button", { name: "Xác nhận duyệt và ghi sổ" }).click();
        await see(web, "Đã duyệt: phiếu PC-2025-000001 đã ghi sổ.");
        const approved = await t.db("expenses").where({ work_id: row.id, amount: 7500000 }).first();
        expect(approved).to.include({ status: "posted", voucher_no: "PC-2025-000001" });
        const entry = await t.as(w.headA.token).get(`/units/${w.hamletA}/entries/${approved.entry_id}`);
        expect(entry.body.postings.map((p: any) => [p.account, p.amount])).to.deep.equal([["8011", "7500000"], ["111", "-7500000"]]);
        // the budget shows it spent
        expect(await page.locator("#budget").innerText()).to.include("7.500.000");

        const other = page.locator("#drafts li.card", { hasText: "6.000.000 đ" });
        await other.getByRole("button", { name: "Từ chối" }).click();
        await other.getByLabel("Lý do từ chối").fill("Thiếu hoá đơn đỏ");
        await other.getByRole("button", { name: "Xác nhận từ chối" }).click();
        await see(web, "Đã từ chối phiếu.");
        expect(await t.db("expenses").where({ work_id: row.id, amount: 6000000 }).first()).to.include({ status: "rejected", reject_reason: "Thiếu hoá đơn đỏ" });
        expect(await page.locator("#vouchers").innerText()).to.include("Thiếu hoá đơn đỏ");

        // a move the server refuses shows why; on the residents' decision it goes through
        const moves = page.locator("#moves form");
        await moves.getByLabel("Chuyển sang").selectOption("approved");
        const basis = moves.getByLabel(/^Quyết định của hộ dân/);
        await basis.locator(`option[value="${decided.id}"]`).waitFor({ state: "attached" });
        await basis.selectOption("");
        await moves.getByRole("button", { name: "Chuyển trạng thái" }).click();
        await see(web, /cần một quyết định của hộ dân đã ghi và đã thông qua/);
        await basis.selectOption(String(decided.id));
        await moves.getByRole("button", { name: "Chuyển trạng thái" }).click();
        await see(web, "Đã chuyển sang “Đã duyệt”.");
        expect((await t.db("works").where({ id: row.id }).first()).status).to.equal("approved");

        // the list shows the work's figures
        await page.getByRole("link", { name: "Về danh sách công trình" }).click();
        const line = page.locator("main tbody tr", { hasText: "Đường bê tông xóm Đồi" });
        await line.waitFor();
        expect(await line.innerText()).to.include("80.000.000");
        expect(await line.innerText()).to.include("7.500.000");
        await look(page, vp, "works");
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });

    it(`[${vp.width}px] when a head drafts a voucher, then approving it is refused with the server's reason and it stays a draft; progress and a consultation are recorded`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, vp);
      try {
        const { page, url, w, t } = web;
        const both = await user(t, "thu.quy.truong", { role: "treasurer", unitId: w.hamletA });
        expect((await t.as(w.root).post(`/users/${both.id}/grants`, { role: "head", unitId: w.hamletA })).status).to.equal(201);
        const a = await work(t, w);
        await signIn(page, url, "thu.quy.truong", `/app/units/${w.hamletA}/works/${a.id}`);
        const form = page.locator("#new-expense form");
        await form.getByLabel(/Số tiền/).pressSequentially("8000000");
        await form.getByLabel("Người nhận").fill("Nhà thầu Minh Phát");
        await form.getByLabel("Mô tả").fill("Đổ bê tông đoạn 1");
        await form.getByLabel("Hình thức chi").selectOption("payable");
        await form.getByRole("button", { name: "Ghi phiếu chi" }).click();
        await see(web, /đã lưu, chờ trưởng thôn duyệt/);
        const card = page.locator("#drafts li.card", { hasText: "8.000.000 đ" });
        await card.getByRole("button", { name: "Duyệt và ghi sổ" }).click();
        await card.getByRole("button", { name: "Xác nhận duyệt và ghi sổ" }).click();
        await see(web, "Người lập phiếu chi không được tự duyệt phiếu đó.");
        expect((await t.db("expenses").where({ work_id: a.id }).first()).status).to.equal("draft");

        // a progress report with a site photo, and a consultation linking to its public page
        await page.getByRole("button", { name: "Ghi báo cáo tiến độ" }).click();
        const progress = page.locator("#progress form");
        await progress.getByLabel("Tiến độ (%)").fill("30");
        await progress.getByLabel("Ghi chú").fill("Xong nền đường đoạn 1");
        await progress.locator("input[type=file]").setInputFiles({ name: "hien-truong.png", mimeType: "image/png", buffer: PNG });
        await progress.getByRole("button", { name: "Ghi tiến độ" }).click();
        await see(web, "Đã ghi tiến độ 30%.");
        expect((await t.db("works").where({ id: a.id }).first()).progress).to.equal(30);
        expect(await page.locator("#progress img").count()).to.equal(1);
        await page.getByRole("button", { name: "Mở đợt lấy ý kiến mới" }).click();
        const consult = page.locator("#consultations form");
        await consult.getByLabel("Nội dung hỏi ý kiến").fill("Bà con có đồng ý góp 500.000 đ mỗi hộ để làm đường?");
        await consult.getByRole("button", { name: "Mở lấy ý kiến" }).click();
        await see(web, "Đã mở lấy ý kiến.");
        const c = await t.db("consultations").where({ work_id: a.id }).first();
        expect(await page.locator(`#consultations a[href="/consultations/${c.id}"]`).count()).to.equal(1);
        await look(page, vp, "work-progress");
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });
  }
});

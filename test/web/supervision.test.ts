import { expect } from "chai";
import { cash, PNG, work } from "../helpers/given-works";
import { expectNoProblems, look, openWeb, signIn, VIEWPORTS, signOut } from "./browser";
import { holdAnswers } from "./hold";
import { until } from "../helpers/wait";

// an inspector files an inspection of a work with a finding and a photo and
// publishes it; a resident, signed out, reads the finding on the work's public page. And the cash
// count: its difference from the book shows as the notes are counted, and the unit answers the
// finding it opens.

describe("web: the supervision board", () => {
  for (const vp of VIEWPORTS) {
    it(`[${vp.width}px] when an inspector files and publishes an inspection of a work with a finding and a photo, then a resident sees the finding on the work's public page`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, vp);
      try {
        const { page, url, w, t } = web;
        const a = await work(t, w, { name: "Đường bê tông xóm 3" });
        const fb = await t.as().post(`/public/works/${a.id}/feedback`, { text: "Đề nghị Ban kiểm tra độ dày mặt đường", name: "Bà Lan" });
        expect(fb.status, JSON.stringify(fb.body)).to.equal(201);
        await signIn(page, url, "inspector", `/app/boards/${w.board}`);
        await page.locator("main h1", { hasText: "Ban GSĐTCĐ" }).waitFor();
        expect(await page.locator("main").innerText()).to.include("Thôn Đồng Tâm");
        await page.getByRole("link", { name: "Sổ nhật ký" }).first().waitFor();
        await page.locator("article.feedback", { hasText: "Bà Lan" }).waitFor();
        await look(page, vp, "board");

        // the residents' feedback, answered publicly
        await page.getByLabel(/Nội dung trả lời/).fill("Ban sẽ kiểm tra trong tuần này");
        await page.getByRole("button", { name: "Trả lời công khai" }).click();
        await page.locator("article.feedback", { hasText: "Ban sẽ kiểm tra trong tuần này" }).waitFor();

        // start an inspection of the work, with the checklist
        await page.getByLabel("Giám sát", { exact: true }).selectOption(`work:${a.id}`);
        await page.getByLabel("Kết quả: Vật liệu, chất lượng").selectOption("issue");
        await page.getByLabel("Ghi chú: Vật liệu, chất lượng").fill("Đá dăm không đúng cỡ");
        await page.getByRole("button", { name: "Lập biên bản (bản nháp)" }).click();
        await page.locator("main h1", { hasText: "Biên bản giám sát" }).waitFor();
        expect(new URL(page.url()).pathname).to.match(new RegExp(`^/app/boards/${w.board}/inspections/\\d+$`));

        // a finding with a photo from the camera
        await page.getByLabel(/Lĩnh vực/).fill("chất lượng");
        await page.getByLabel("Mức độ").selectOption("major");
        await page.getByLabel("Nội dung phát hiện").fill("Mặt đường chỉ dày 12 cm, thiết kế 18 cm");
        await page.getByLabel("Kiến nghị", { exact: true }).fill("Đổ bù cho đủ chiều dày");
        await page.getByLabel(/Gửi đến/).fill("Trưởng thôn Đồng Tâm");
        await page.getByLabel("Ảnh chứng cứ").setInputFiles({ name: "mat-duong.png", mimeType: "image/png", buffer: PNG });
        await page.getByText(/Đã tải lên: mat-duong\.png/).waitFor();
        await look(page, vp, "inspection-draft");
        await page.getByRole("button", { name: "Ghi kiến nghị" }).click();
        await page.locator("article.finding", { hasText: "Mặt đường chỉ dày 12 cm" }).waitFor();
        const [finding] = await t.db("findings").where({ work_id: a.id });
        expect(JSON.parse(finding.evidence).attachmentIds).to.have.length(1);

        // file (confirmed in the page): the minutes are offered as a PDF where the inspection is shown; then publish
        await page.getByRole("button", { name: "Nộp biên bản", exact: true }).click();
        await page.getByRole("button", { name: "Xác nhận nộp" }).click();
        await page.locator(".facts .badge", { hasText: "Đã nộp" }).waitFor();
        const [minutes] = await Promise.all([page.waitForEvent("download"), page.locator("p.minutes").getByRole("button", { name: "Tải biên bản (PDF)" }).click()]);
        expect(minutes.suggestedFilename()).to.match(/\.pdf$/);
        expect((await import("node:fs")).readFileSync((await minutes.path())!).subarray(0, 5).toString()).to.equal("%PDF-");
        await page.getByRole("button", { name: "Công bố cho người dân" }).click();
        await page.getByRole("button", { name: "Xác nhận công bố" }).click();
        await page.locator(".facts .badge", { hasText: "Đã công bố" }).waitFor();
        await look(page, vp, "inspection-published");

        // a resident, not signed in, on the work's public page
        const resident = await web.context.browser()!.newContext({ viewport: { width: vp.width, height: vp.height }, locale: "vi-VN" });
        try {
          const p = await resident.newPage();
          await p.goto(`${url}/u/ha`);
          await p.getByRole("link", { name: "Đường bê tông xóm 3" }).click();
          await p.locator("h1", { hasText: "Đường bê tông xóm 3" }).waitFor();
          const text = await p.locator("main").innerText();
          expect(text).to.include("Mặt đường chỉ dày 12 cm, thiết kế 18 cm");
          expect(text).to.include("Chưa xử lý");
          expect(text).to.include("Nghiêm trọng");
          expect(text).to.include("Ban sẽ kiểm tra trong tuần này");
          await look(p, vp, "public-work");
        } finally {
          await resident.close();
        }
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });

    it(`[${vp.width}px] when an inspector counts the cash note by note, then the difference from the book shows live, the count records a finding, and the head answers it`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, vp);
      try {
        const { page, url, w, t } = web;
        await cash(t, w.hamletA, "1250000", "2025-06-14");
        await signIn(page, url, "inspector", `/app/boards/${w.board}/cash-count`);
        await page.locator("main h1", { hasText: "Kiểm kê quỹ tiền mặt" }).waitFor();
        const diff = page.locator(".totals dd").nth(2);
        await page.locator(".totals dd").nth(1).filter({ hasText: "1.250.000" }).waitFor();
        await page.getByLabel("Tờ 500.000 đồng").pressSequentially("2");
        await page.getByLabel("Tờ 200.000 đồng").pressSequentially("1");
        expect(await page.locator(".totals dd").first().innerText()).to.include("1.200.000");
        expect(await diff.innerText()).to.match(/−50\.000 đ\s*Thiếu so với sổ/);
        await page.getByLabel("Tờ 50.000 đồng").pressSequentially("1");
        expect(await diff.innerText()).to.match(/0 đ\s*Khớp sổ sách/);
        await page.getByLabel("Tờ 50.000 đồng").fill("");
        await page.getByLabel("Tờ 20.000 đồng").pressSequentially("2");
        expect(await diff.innerText()).to.include("−10.000");
        await look(page, vp, "cash-count");
        await page.getByRole("button", { name: "Ghi biên bản kiểm kê" }).dblclick();
        await page.getByText(/Đã ghi biên bản kiểm kê/).waitFor();
        expect(await t.db("cash_counts").where({ unit_id: w.hamletA })).to.have.length(1);

        // the finding it opened, answered by the hamlet's head
        await page.getByRole("link", { name: "xem kiến nghị" }).click();
        await page.locator("article.finding", { hasText: "chênh lệch -10.000 đồng" }).waitFor();
        await signOut(page);
        await signIn(page, url, "head.a", `/app/units/${w.hamletA}/findings`);
        await page.locator("article.finding").waitFor();
        await page.getByLabel("Trả lời của đơn vị").fill("Thủ quỹ đã nộp bù 10.000 đồng ngày 15/6");
        await look(page, vp, "findings");
        await page.getByRole("button", { name: "Gửi trả lời" }).click();
        await page.locator("article.finding .timeline", { hasText: "Thủ quỹ đã nộp bù" }).waitFor();
        const [f] = await t.db("findings").where({ unit_id: w.hamletA });
        expect(f.status).to.equal("answered");

        // The open ones are asked for and answer late; the answered ones asked for meanwhile stay shown.
        const openOnes = (u: URL) => u.pathname.endsWith("/findings") && u.searchParams.get("status") === "open";
        const late = await holdAnswers(page, openOnes);
        await page.getByLabel("Tình trạng").selectOption("open");
        // The interception is asynchronous: on a busy machine the switch below could come before it.
        await until(() => late.count > 0, { timeoutMs: 10_000, what: "the open ones asked for" });
        await page.getByLabel("Tình trạng").selectOption("answered");
        await page.locator("article.finding", { hasText: "chênh lệch -10.000 đồng" }).waitFor();
        expect(late.count, "the open ones were asked for").to.be.greaterThan(0);
        await late.release();
        expect(await page.locator("article.finding").count()).to.equal(1);
        expect(await page.getByText("Không có kiến nghị nào khớp bộ lọc.").count()).to.equal(0);
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });
  }
});

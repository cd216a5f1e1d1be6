import fs from "node:fs";
import { expect } from "chai";
import { PNG } from "../helpers/given-works";
import { expectNoProblems, look, openWeb, signIn, VIEWPORTS, signOut } from "./browser";
import { holdAnswers } from "./hold";
import { until } from "../helpers/wait";

// the commune clerk's administration (units, boards, users and grants, the audit log)
// and publishing a statement (a treasurer drafts, a board signs off, a head approves, the paper
// goes up), through the screens.

describe("web: administration and publications", () => {
  for (const vp of VIEWPORTS) {
    it(`[${vp.width}px] when the commune admin adds a hamlet, a board, a user and a grant, then they are saved and the audit log shows them, filtered by date`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, vp);
      try {
        const { page, url, w, t, context } = web;
        // The test world was set up on 15/06; the clerk works on 20/06, so a date filter can tell them apart.
        t.clock.set("2025-06-20T03:00:00.000Z");
        await context.clock.setFixedTime(new Date("2025-06-20T03:00:00.000Z"));
        await signIn(page, url, "commune.admin", "/app/admin");
        await page.locator("main .unit-tree").getByRole("link", { name: "Thôn Đồng Tâm" }).waitFor();
        await look(page, vp, "admin");

        // a hamlet under the commune (the level defaults to hamlet, the parent to her commune)
        const add = page.locator("section", { has: page.getByRole("heading", { name: "Thêm đơn vị" }) });
        await add.getByLabel("Tên đơn vị").fill("Thôn Hoà Bình");
        await add.getByLabel("Mã đơn vị").fill("hoa-binh");
        await add.getByRole("button", { name: "Thêm đơn vị" }).click();
        await page.getByRole("heading", { name: "Thôn Hoà Bình (Thôn, hoa-binh)" }).waitFor();
        const hamlet = await t.db("units").where({ code: "hoa-binh" }).first();
        expect(hamlet).to.include({ name: "Thôn Hoà Bình", kind: "hamlet", parent_id: w.commune });
        // its approval threshold
        await page.getByLabel(/Ngưỡng duyệt phiếu chi/).fill("3000000");
        await page.getByRole("button", { name: "Lưu thay đổi" }).click();
        // the saved setting as listed (the amount field also shows its figures while typing)
        await page.getByRole("definition").filter({ hasText: "3.000.000 đ" }).waitFor();
        expect(String((await t.db("units").where({ id: hamlet.id }).first()).approval_threshold)).to.match(/^3000000(\.0+)?$/);
        // its cash count thresholds, typed as people say them
        await page.getByLabel("Chênh lệch kiểm kê quỹ: mức nhỏ").fill("20k");
        await page.getByLabel("Chênh lệch kiểm kê quỹ: mức nghiêm trọng").fill("2tr");
        await page.getByRole("button", { name: "Lưu thay đổi" }).click();
        await until(async () => String((await t.db("units").where({ id: hamlet.id }).first()).cash_difference_critical) === "2000000", { what: "the thresholds saved" });
        expect(String((await t.db("units").where({ id: hamlet.id }).first()).cash_difference_minor)).to.equal("20000");

        // a people's inspection board of the commune over the new hamlet
        await page.goto(`${url}/app/admin?unit=${w.commune}`);
        await page.getByRole("cell", { name: "Ban GSĐTCĐ" }).waitFor();
        await page.getByLabel("Loại ban", { exact: true }).selectOption("ttnd");
        await page.getByLabel("Tên ban", { exact: true }).fill("Ban TTND xã Tân Linh");
        await page.getByLabel("Thôn Hoà Bình").check();
        await page.getByRole("button", { name: "Lập ban" }).click();
        await page.getByRole("cell", { name: "Ban TTND xã Tân Linh" }).waitFor();
        await look(page, vp, "admin-commune");

        // a user, and a treasurer's grant on the new hamlet
        await page.getByRole("link", { name: "Người dùng và phân quyền" }).click();
        await page.getByLabel("Họ và tên").fill("Lê Thị Mai");
        await page.getByLabel("Tên đăng nhập", { exact: true }).fill("mai.hoabinh");
        await page.getByLabel("Số điện thoại").fill("0912 345 678");
        await page.getByLabel("Mật khẩu ban đầu").fill("mật khẩu tạm thời 1");
        await page.getByRole("button", { name: "Thêm người dùng" }).click();
        await page.getByRole("heading", { name: "Lê Thị Mai (mai.hoabinh)" }).waitFor();
        await page.getByLabel("Vai trò").selectOption("treasurer");
        await page.getByLabel("Đơn vị", { exact: true }).selectOption(String(hamlet.id));
        await page.getByRole("button", { name: "Cấp quyền" }).click();
        await page.getByRole("button", { name: /Thu hồi: Thủ quỹ — Thôn Hoà Bình/ }).waitFor();
        const mai = await t.db("users").where({ username: "mai.hoabinh" }).first();
        expect(await t.db("grants").where({ user_id: mai.id })).to.have.length(1).and.to.satisfy((g: any[]) => g[0].role === "treasurer" && g[0].unit_id === hamlet.id);
        // the list, filtered by a name typed without diacritics
        await page.getByLabel("Tìm theo tên hoặc tên đăng nhập").fill("le thi mai");
        await page.getByText("1 người dùng").waitFor();
        await look(page, vp, "admin-users");

        // closing hamlet A's books through May, after a step that says it cannot be undone
        await page.goto(`${url}/app/units/${w.hamletA}/closings`);
        await page.getByLabel("Khoá mọi ngày đến hết ngày").fill("2025-05-31");
        await page.getByRole("button", { name: "Tiếp tục" }).click();
        await page.getByText(/không thể hoàn tác/).waitFor();
        await page.getByRole("button", { name: "Khoá sổ, không hoàn tác" }).click();
        await page.getByText("Đã khoá sổ đến hết ngày 31/05/2025.").waitFor();
        expect(await t.db("closings").where({ unit_id: w.hamletA })).to.have.length(1);
        await look(page, vp, "closings");

        // the audit log: the day's actions, readable; a date filter keeps the days apart
        await page.goto(`${url}/app/admin/audit`);
        const log = page.locator("main table");
        await log.getByText("Khoá sổ").first().waitFor();
        for (const action of ["Thêm đơn vị", "Sửa đơn vị", "Lập ban giám sát", "Thêm người dùng", "Cấp quyền", "Khoá sổ"]) expect(await log.innerText(), action).to.include(action);
        await page.getByLabel("Từ ngày").fill("2025-06-20");
        await page.getByRole("button", { name: "Lọc" }).click();
        await page.waitForURL(/from=2025-06-20/);
        await log.getByText("Thêm người dùng").waitFor();
        const times = await page.locator("main table tbody tr td:first-child").allInnerTexts();
        expect(times.length).to.be.greaterThan(0);
        expect(times.every((x) => x.startsWith("20/06/2025")), times.join(",")).to.equal(true);
        await look(page, vp, "admin-audit");
        await page.getByLabel("Từ ngày").fill("");
        await page.getByLabel("Đến ngày").fill("2025-06-19");
        await page.getByRole("button", { name: "Lọc" }).click();
        await page.waitForURL(/to=2025-06-19/);
        await log.getByText("Lập ban giám sát").first().waitFor();
        const earlier = await page.locator("main table tbody tr td:first-child").allInnerTexts();
        expect(earlier.every((x) => x.startsWith("15/06/2025")), earlier.join(",")).to.equal(true);
        expect(await log.innerText()).to.not.include("Thôn Hoà Bình");
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });

    it(`[${vp.width}px] when a treasurer drafts a publication, a board signs it off and a head approves it, then it is on the unit's public page with its posting`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, vp);
      try {
        const { page, url, w } = web;
        await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/publications`);
        await page.getByRole("heading", { name: "Lập bản công khai" }).waitFor();
        await look(page, vp, "publications");
        // the default statement: receipts and payments from 01/01 to today; posted at the culture house and on the loudspeaker
        await page.getByLabel("Loa truyền thanh").check();
        // a preview while the server is slow shows that the file is being made
        const slowPdf = await holdAnswers(page, (u) => u.pathname.endsWith("/statements/receipts-payments.pdf"));
        const [preview] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "Xem trước (PDF)" }).click(),
          page.getByText(/Đang tạo tệp/).waitFor().then(() => slowPdf.release()),
        ]);
        expect(fs.readFileSync((await preview.path())!).subarray(0, 5).toString()).to.equal("%PDF-");
        await page.getByRole("button", { name: "Lưu bản nháp, gửi trưởng thôn duyệt" }).click();
        await page.getByText("Đã lưu bản nháp.").waitFor();
        const detail = new URL(page.url()).pathname;
        expect(detail).to.match(/\/publications\/\d+$/);
        expect(await page.locator("main").innerText()).to.include("Bản nháp, chờ duyệt");
        await look(page, vp, "publication-draft");

        // the board's inspector signs it off on the draft
        await signOut(page);
        await page.locator("form.login").waitFor();
        await signIn(page, url, "inspector", detail);
        await page.getByLabel("Nội dung ý kiến").fill("Ban đã đối chiếu chứng từ thu, chi.");
        await page.getByRole("button", { name: "Ghi ý kiến của ban" }).click();
        await page.locator(".timeline").getByText("Ban đã đối chiếu chứng từ thu, chi.").waitFor();

        // the head (not its drafter) approves and publishes it
        await signOut(page);
        await page.locator("form.login").waitFor();
        await signIn(page, url, "head.a", detail);
        await page.getByRole("button", { name: "Duyệt và công bố" }).click();
        await page.getByText(/không sửa được/).waitFor();
        await page.getByRole("group").getByRole("button", { name: "Duyệt và công bố" }).click();
        await page.getByText("Đã duyệt và công bố.").waitFor();
        const code = (await page.locator("main code.code").innerText()).trim();
        expect(code).to.match(/^[A-Z2-9]{10}$/);
        // proof that the paper went up, with a photo
        await page.getByLabel(/Ảnh chụp bản niêm yết/).setInputFiles({ name: "niem-yet.png", mimeType: "image/png", buffer: PNG });
        await page.getByRole("button", { name: "Ghi niêm yết" }).click();
        await page.getByRole("button", { name: "Ghi đã gỡ" }).waitFor();
        expect(await page.locator("main").innerText()).to.include("Nhà văn hoá thôn");
        await look(page, vp, "publication-published");

        await page.goto(`${url}/u/ha`);
        const body = await page.locator("body").innerText();
        expect(body).to.include("BÁO CÁO CÔNG KHAI THU, CHI");
        expect(body).to.include(code);
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });
  }
});

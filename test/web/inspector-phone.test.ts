import fs from "node:fs";
import { expect } from "chai";
import type { Locator, Page } from "playwright-core";
import { user } from "../helpers/given";
import { cash, work } from "../helpers/given-works";
import { expectNoProblems, phoneIt, look, openWeb, signIn, VIEWPORTS, Web } from "./browser";

// The inspector's day on a 360-px phone: the board by its whole name on the home screen; a finding
// recorded and the form emptied for the next one, the answer in view and focused; filing and
// publishing each asked first in the page (a cancel leaves the record as it was); the minutes' PDF
// one tap from the inspection; a cash count 5 đ off the book opens a mere observation.

const PHONE = VIEWPORTS.find((v) => v.width === 360)!;
const BOARD = "Ban Giám sát đầu tư của cộng đồng thôn Đồng Tâm";

/** A board of the commune with its full name and one member, who signs in. */
async function boardWithMember(web: Web) {
  const { t, w } = web;
  const made = await t.as(w.communeAdmin.token).post(`/units/${w.commune}/boards`, { kind: "gsdtcd", name: BOARD, oversees: { unitIds: [w.hamletA] } });
  expect(made.status, JSON.stringify(made.body)).to.equal(201);
  const member = await user(t, "gs.dongtam", { role: "inspector", boardId: made.body.id });
  return { boardId: made.body.id as number, member };
}

/** The element has the focus (or holds it) and lies within the phone's screen. */
async function focusedInView(page: Page, el: Locator, what: string) {
  // the page's own element, typed by what is read of it (no DOM library on the test's side)
  type Node = { ownerDocument: { activeElement: unknown }; contains(other: unknown): boolean };
  expect(await el.evaluate((n: Node) => n === n.ownerDocument.activeElement || n.contains(n.ownerDocument.activeElement)), `${what}: focused`).to.equal(true);
  const box = (await el.boundingBox())!;
  expect(box.y, `${what}: not above the screen`).to.be.at.least(0);
  expect(box.y + Math.min(box.height, 100), `${what}: not below the screen`).to.be.at.most(PHONE.height);
}

describe("web: the inspector's day on a phone", () => {
  phoneIt("[360px] when an inspector records a finding, files and publishes, then the board is named in full, the form empties, each move asks first (cancel leaves it) and the minutes are one tap away", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      const a = await work(t, w, { name: "Đường bê tông xóm 3" });
      const { boardId } = await boardWithMember(web);

      // home: the board by its whole name, "của cộng đồng" and all, never a number
      await signIn(page, url, "gs.dongtam");
      const tile = page.getByRole("link", { name: BOARD, exact: true });
      await tile.waitFor();
      expect(await page.locator("main").innerText()).not.to.match(/Ban giám sát số|#\d/);
      await look(page, PHONE, "inspector-home");
      // the account screen says the role in words, the board by its whole name
      await page.getByRole("link", { name: "Tài khoản" }).click();
      await page.locator("main dd", { hasText: `Thành viên ${BOARD}` }).waitFor();
      await page.getByRole("link", { name: "Trang chủ" }).click();

      // the board, then an inspection of the work
      await tile.click();
      await page.locator("main h1", { hasText: BOARD }).waitFor();
      await page.getByLabel("Giám sát", { exact: true }).selectOption(`work:${a.id}`);
      await page.getByRole("button", { name: "Lập biên bản (bản nháp)" }).click();
      await page.locator("main h1", { hasText: "Biên bản giám sát" }).waitFor();
      const path = new URL(page.url()).pathname;
      const inspectionId = Number(path.split("/").pop());
      expect(path).to.equal(`/app/boards/${boardId}/inspections/${inspectionId}`);
      expect(await page.getByRole("link", { name: `← ${BOARD}` }).count()).to.equal(1);

      // a finding: saved, shown, the form emptied, the answer in view and focused
      await page.getByLabel(/Lĩnh vực/).fill("chất lượng");
      await page.getByLabel("Mức độ").selectOption("major");
      await page.getByLabel("Nội dung phát hiện").fill("Mặt đường chỉ dày 12 cm, thiết kế 18 cm");
      await page.getByLabel("Kiến nghị", { exact: true }).fill("Đổ bù cho đủ chiều dày");
      await page.getByLabel(/Gửi đến/).fill("Trưởng thôn Đồng Tâm");
      await page.getByRole("button", { name: "Ghi kiến nghị" }).click();
      const saved = page.locator(".notice.ok", { hasText: "Đã ghi kiến nghị “chất lượng · Nghiêm trọng”" });
      await saved.waitFor();
      await page.locator("article.finding", { hasText: "Mặt đường chỉ dày 12 cm" }).waitFor();
      await focusedInView(page, saved, "the finding's confirmation");
      for (const label of [/Lĩnh vực/, "Nội dung phát hiện", /Gửi đến/]) expect(await page.getByLabel(label).inputValue(), String(label)).to.equal("");
      expect(await page.getByLabel("Kiến nghị", { exact: true }).inputValue()).to.equal("");
      expect(await page.getByLabel("Mức độ").inputValue(), "the severity back to its default").to.equal("minor");
      expect(await page.getByLabel("Hạn xử lý").inputValue(), "the due date back to its default").to.equal("2025-06-30");
      expect(await page.getByRole("heading", { name: "Kiến nghị (1)" }).count()).to.equal(1);
      expect(await t.db("findings").where({ inspection_id: inspectionId })).to.have.length(1);
      await look(page, PHONE, "inspector-finding-saved");
      // a reload does not bring the saved text back (no draft kept of what was recorded)
      await page.reload();
      await page.locator("article.finding", { hasText: "Mặt đường chỉ dày 12 cm" }).waitFor();
      expect(await page.getByLabel("Nội dung phát hiện").inputValue()).to.equal("");

      // filing asks first, in the page: what it does and that it cannot be undone; cancel leaves a draft
      const status = async () => (await t.db("inspections").where({ id: inspectionId }).first()).status;
      await page.getByRole("button", { name: "Nộp biên bản", exact: true }).click();
      const asking = page.locator(".confirm");
      await asking.waitFor();
      expect(await asking.innerText()).to.match(/Nộp biên bản giám sát ngày 15\/06\/2025\?[\s\S]*Không hoàn tác được/);
      await focusedInView(page, asking, "the filing question");
      await look(page, PHONE, "inspector-file-confirm");
      await page.getByRole("button", { name: "Huỷ" }).click();
      expect(await asking.count()).to.equal(0);
      expect(await status()).to.equal("draft");
      expect(await page.getByRole("button", { name: "Tải biên bản (PDF)" }).count(), "no minutes of a draft").to.equal(0);
      await page.getByRole("button", { name: "Nộp biên bản", exact: true }).click();
      await page.getByRole("button", { name: "Xác nhận nộp" }).click();
      const filed = page.locator(".notice.ok", { hasText: "Đã nộp biên bản" });
      await filed.waitFor();
      await focusedInView(page, filed, "the filing's answer");
      expect(await status()).to.equal("filed");
      await look(page, PHONE, "inspector-filed");

      // the minutes: one tap at the top of the inspection
      const top = page.locator("p.minutes").getByRole("button", { name: "Tải biên bản (PDF)" });
      const [minutes] = await Promise.all([page.waitForEvent("download"), top.click()]);
      expect(minutes.suggestedFilename()).to.match(/\.pdf$/);
      expect(fs.readFileSync((await minutes.path())!).subarray(0, 5).toString()).to.equal("%PDF-");

      // publishing asks too; cancel leaves it filed
      await page.getByRole("button", { name: "Công bố cho người dân" }).click();
      await asking.waitFor();
      expect(await asking.innerText()).to.match(/Công bố biên bản giám sát ngày 15\/06\/2025 cho người dân\?[\s\S]*1 kiến nghị[\s\S]*không rút lại được/);
      await page.getByRole("button", { name: "Huỷ" }).click();
      expect(await status()).to.equal("filed");
      await page.getByRole("button", { name: "Công bố cho người dân" }).click();
      await page.getByRole("button", { name: "Xác nhận công bố" }).click();
      await page.locator(".facts .badge", { hasText: "Đã công bố" }).waitFor();
      expect(await status()).to.equal("published");
      await look(page, PHONE, "inspector-published");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });

  phoneIt("[360px] when a cash count is 5 đ over the book, then the screen says it will be an observation and the finding it opens is one", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      const { boardId } = await boardWithMember(web);
      await cash(t, w.hamletA, "1249995", "2025-06-14");
      await signIn(page, url, "gs.dongtam", `/app/boards/${boardId}/cash-count`);
      await page.locator("main h1", { hasText: "Kiểm kê quỹ tiền mặt" }).waitFor();
      await page.locator(".totals dd").nth(1).filter({ hasText: "1.249.995" }).waitFor();
      expect(await page.locator(".totals").innerText()).to.include("chênh lệch dưới 10.000 đ là “Lưu ý”, từ 10.000 đ là “Nhẹ”, từ 1.000.000 đ là “Nghiêm trọng”, từ 10.000.000 đ là “Rất nghiêm trọng”");
      await page.getByLabel("Tờ 500.000 đồng").pressSequentially("2");
      await page.getByLabel("Tờ 200.000 đồng").pressSequentially("1");
      await page.getByLabel("Tờ 50.000 đồng").pressSequentially("1");
      expect(await page.locator(".totals dd").nth(2).innerText()).to.match(/^5 đ\s*Thừa so với sổ/);
      expect(await page.locator(".totals dd").nth(3).innerText()).to.equal("Lưu ý");
      await look(page, PHONE, "inspector-cash-count");
      await page.getByRole("button", { name: "Ghi biên bản kiểm kê" }).click();
      const said = page.locator(".notice.ok", { hasText: "Đã ghi biên bản kiểm kê" });
      await said.waitFor();
      expect(await said.innerText()).to.include("chênh lệch 5 đồng");
      expect(await said.innerText()).to.include("kiến nghị mức “Lưu ý”");
      await focusedInView(page, said, "the count's answer");
      const [f] = await t.db("findings").where({ unit_id: w.hamletA, category: "cash" });
      expect(f.severity).to.equal("observation");
      await look(page, PHONE, "inspector-cash-recorded");
      await page.getByRole("link", { name: "xem kiến nghị" }).click();
      await page.locator("article.finding", { hasText: "chênh lệch 5 đồng" }).filter({ hasText: "Lưu ý" }).waitFor();
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});

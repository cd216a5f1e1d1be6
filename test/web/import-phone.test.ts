import ExcelJS from "exceljs";
import { expect } from "chai";
import { campaign, household } from "../helpers/given-contributions";
import { expectNoProblems, look, openWeb, signIn, Web } from "./browser";

// The treasurer imports her sheet on a phone: the sheet's own total disagrees (warned first), one
// code names another family than the register (confirmed), one is the same name without
// diacritics (confirmed with the rest at once), a household exempt in the register and a negative
// amount are skipped; the rest is recorded, and the answer says what was recorded and skipped.

const PHONE = { name: "phone", width: 360, height: 740 } as const;

/** The treasurer's sheet as Excel saves it: a title, the header, five households and her "Tổng cộng". */
async function sheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Đường 2025");
  ws.addRows([
    ["DANH SÁCH HỘ ĐÓNG GÓP LÀM ĐƯỜNG"],
    ["STT", "Mã hộ", "Họ và tên chủ hộ", "Số tiền (đồng)", "Ngày nộp", "Ghi chú"],
    [1, "DT-001", "Nguyễn Văn An", 1000000, "03/03/2025", null],
    [2, "DT-002", "Hoàng Văn Huấn", 500000, "04/03/2025", null],
    [3, "DT-003", "Lê Văn Tám", 300000, "05/03/2025", null],
    [4, "DT-004", "Tran Van Tu", 200000, "06/03/2025", null],
    [5, "DT-005", "Phạm Thị Hoa", -500000, "07/03/2025", null],
    ["Tổng cộng", null, null, 1500000],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The screen's text when a wait fails: the failure says what the user saw. */
async function seen(web: Web, wait: Promise<unknown>): Promise<void> {
  await wait.catch(async (e: Error) => {
    throw new Error(`${e.message}\n--- main:\n${await web.page.locator("main").innerText()}`);
  });
}

describe("web: importing a sheet on a phone", () => {
  it("[360px] when the sheet disagrees with the register and with its own total, then the warnings come first, names are confirmed, bad rows skipped, and the rest is recorded", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      const c = await campaign(t, w, { startDate: "2025-02-01" });
      const son = await household(t, w, "DT-002", { headName: "Bùi Thị Thu Sơn" });
      const tam = await household(t, w, "DT-003", { headName: "Lê Văn Tám" });
      await household(t, w, "DT-004", { headName: "Trần Văn Tư" });
      expect((await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/exemptions`, { householdId: tam.id, campaignId: c.id, reason: "Hộ nghèo" })).status).to.equal(201);

      await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/campaigns/${c.id}/import`);
      await page.getByLabel("Tệp bảng kê (.xlsx, .csv)").setInputFiles({ name: "bang-ke.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await sheet() });
      await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
      const preview = page.locator("main h2", { hasText: "Xem trước" });
      await seen(web, preview.waitFor({ timeout: 20_000 }));

      // the sheet's total is the first thing said, both figures in đồng
      const first = page.locator("main h2:has-text('Xem trước') + .notice");
      expect(await first.getAttribute("class")).to.include("warn");
      expect(await first.innerText()).to.include("1.500.000 đ").and.include("2.000.000 đ");
      const facts = await page.locator("main dl.facts").innerText();
      expect(facts).to.match(/Hộ mới sẽ được tạo\s+1/);
      expect(facts).to.match(/Tổng cộng ghi trong bảng kê\s+1\.500\.000 đ không khớp/);

      // the rows to decide on: both names side by side, the cell as written beside its error
      const cards = page.locator("main ol.attention > li");
      expect(await cards.count()).to.equal(4);
      const huan = page.locator("main ol.attention > li[data-row='4']");
      expect(await huan.innerText()).to.include("Hoàng Văn Huấn").and.include("Bùi Thị Thu Sơn");
      expect(await page.locator("main ol.attention > li[data-row='7']").innerText()).to.include("“-500000”");
      expect(await page.locator("main ol.attention > li[data-row='5']").innerText()).to.include("được miễn đóng góp");
      expect(await page.locator("main ol.attention > li[data-row='6']").innerText()).to.include("Chỉ khác dấu");
      const commit = page.locator("main .commit button");
      expect(await commit.isDisabled()).to.equal(true);
      await look(page, PHONE, "import-phone-preview");

      // DT-002 confirmed on its own; the diacritics-only one with "confirm all"; two rows skipped
      const confirmHuan = huan.getByLabel("Đúng hộ DT-002: ghi cho Bùi Thị Thu Sơn");
      await confirmHuan.check();
      expect(await confirmHuan.evaluate((el) => el === el.ownerDocument.activeElement), "the tick keeps its focus").to.equal(true);
      expect(await commit.isDisabled()).to.equal(true);
      await page.getByLabel("Xác nhận tất cả 2 tên khác sổ hộ").check();
      await page.locator("main ol.attention > li[data-row='5']").getByLabel("Bỏ qua dòng này").check();
      expect(await commit.isDisabled(), "a bad row is left").to.equal(true);
      await page.locator("main ol.attention > li[data-row='7']").getByLabel("Bỏ qua dòng này").check();
      expect(await commit.isDisabled()).to.equal(false);
      expect(await commit.innerText()).to.equal("Ghi 3 dòng vào sổ, bỏ qua 2 dòng");
      expect(await page.locator("main dl.facts").innerText()).to.match(/Hộ mới sẽ được tạo\s+1/);
      await look(page, PHONE, "import-phone-decided");

      await commit.click();
      const done = page.locator("main h2", { hasText: "Đã ghi vào sổ" });
      await seen(web, done.waitFor({ timeout: 20_000 }));
      const result = await page.locator("main section.done").innerText();
      expect(result).to.include("Đã ghi 3 phiếu thu, 0 đăng ký, 0 miễn, 0 hiện vật; tạo mới 1 hộ.");
      expect(result).to.include("Đã bỏ qua 2 dòng").and.include("Dòng 5: DT-003 Lê Văn Tám").and.include("Dòng 7: DT-005 Phạm Thị Hoa");
      // the answer is where the eyes are: focused, and inside the phone's screen
      expect(await done.evaluate((el) => el === el.ownerDocument.activeElement)).to.equal(true);
      const box = await done.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= PHONE.height, JSON.stringify(box)).to.equal(true);
      await look(page, PHONE, "import-phone-done");

      const receipts = await t.db("contributions").where({ campaign_id: c.id, kind: "receipt" }).select("household_id", "amount");
      expect(receipts).to.have.length(3);
      expect(String(receipts.find((r: { household_id: number }) => Number(r.household_id) === son.id)?.amount)).to.equal("500000");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });

  it("[360px] when the register changes between the preview and the commit, then the refusal names the row, in view and focused, and nothing is recorded", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      const c = await campaign(t, w, { startDate: "2025-02-01" });
      await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/campaigns/${c.id}/import`);
      const csv = "Mã hộ,Họ và tên chủ hộ,Số tiền (đồng),Ngày nộp\r\nDT-001,Nguyễn Văn An,1.000.000,03/03/2025\r\nDT-002,Trần Thị Bình,500.000,04/03/2025\r\n";
      await page.getByLabel("Tệp bảng kê (.xlsx, .csv)").setInputFiles({ name: "bang-ke.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
      await page.getByRole("button", { name: "Tải lên và xem trước" }).click();
      await seen(web, page.getByText("Bảng kê hợp lệ: 2 dòng").waitFor({ timeout: 20_000 }));
      expect(await page.locator("main dl.facts").innerText()).to.match(/Hộ mới sẽ được tạo\s+2/);
      // meanwhile someone registers DT-002 under another name: the money would go to that family
      await household(t, w, "DT-002", { headName: "Bùi Thị Thu Sơn" });
      await page.getByRole("button", { name: "Ghi tất cả vào sổ" }).click();
      const refusal = page.locator("main .commit-msg");
      await seen(web, refusal.getByText("dòng 3").waitFor({ timeout: 20_000 }));
      expect(await refusal.evaluate((el) => el === el.ownerDocument.activeElement)).to.equal(true);
      expect(await refusal.innerText()).to.include("hãy tải tệp lên lại");
      const box = await refusal.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= PHONE.height, JSON.stringify(box)).to.equal(true);
      expect(await page.getByRole("button", { name: "Ghi tất cả vào sổ" }).isDisabled()).to.equal(false);
      await look(page, PHONE, "import-phone-refused");
      expect(await t.db("contributions").where({ campaign_id: c.id })).to.have.length(0);
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});

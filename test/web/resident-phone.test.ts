import { expect } from "chai";
import type { Locator } from "playwright-core";
import { TEST_DB } from "../helpers/db";
import { cash, fixtureConsultation, householdWithPin, PNG, work } from "../helpers/given-works";
import { moneyedHamlet } from "../publication/helpers";
import { expectNoProblems, look, openWeb, Viewport } from "./browser";

// A resident's phone on the public pages (no sign-in, no script): a hamlet's page shows each
// published statement's headline figures, its links are tall enough to tap and lead back by name;
// a work's page lists its payments a page at a time and takes feedback with a photo (no household
// code) and a household's opinion, each answered on the page. 360 px; the work's page on
// PostgreSQL too.

const PHONE: Viewport = { name: "phone", width: 360, height: 740 };

async function tall(link: Locator, what: string) {
  const box = (await link.boundingBox())!;
  expect(box.height, `${what}: ${box.height} px tall`).to.be.at.least(44);
}

describe("web: the resident's phone on the public pages", function () {
  this.timeout(90_000);

  if (TEST_DB !== "postgres") {
    it("when a resident opens the home page and a hamlet at 360 px, then the hamlet links are 44 px tall and the hamlet's page shows the statement's receipts, payments and balance in đồng, with a back link by name", async function () {
      const web = await openWeb(this, PHONE);
      try {
        const { t, w, page, url } = web;
        await moneyedHamlet(t, w, { households: 3 });
        const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "receipts-payments", params: { from: "2025-01-01", to: "2025-06-15" } }, places: ["culture_house"], postedFrom: "2025-06-15", postedUntil: "2025-07-31" });
        expect(d.status, JSON.stringify(d.body)).to.equal(201);
        expect((await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`)).status).to.equal(200);

        await page.goto(`${url}/`);
        const hamlet = page.getByRole("link", { name: "Thôn Đồng Tâm" });
        await tall(hamlet, "the hamlet's link on the home page");
        await look(page, PHONE, "resident-home");
        await hamlet.click();
        await page.locator("h1", { hasText: "Thôn Đồng Tâm" }).waitFor();
        const figures = page.locator(`#p-${d.body.id} dl.figures`);
        const said = (await figures.innerText()).replace(/\s+/g, " ");
        for (const label of ["Số dư đầu kỳ", "Tổng thu trong kỳ", "Tổng chi trong kỳ", "Số dư cuối kỳ"]) expect(said).to.include(label);
        // the treasurer's receipts of the demo hamlet: 1.250.000 + 1.000.000 (+ 500.000 reversed) in the period
        expect(said).to.match(/Tổng thu trong kỳ \d{1,3}(\.\d{3})* đồng/);
        const back = page.getByRole("link", { name: "← Xã Tân Linh" });
        await tall(back, "the back link");
        await look(page, PHONE, "resident-hamlet");
        // the statement's code opens its verification page, the same figures there, and leads back by name
        await page.locator(`#p-${d.body.id} a.code`).click();
        await page.locator("#figures").waitFor();
        expect((await page.locator("#figures").innerText()).replace(/\s+/g, " ")).to.include(said.match(/Tổng thu trong kỳ [0-9.]+ đồng/)![0]);
        await look(page, PHONE, "resident-verify");
        await page.getByRole("link", { name: "← Các bản công khai của Thôn Đồng Tâm" }).click();
        await page.locator("h1", { hasText: "Thôn Đồng Tâm" }).waitFor();
        await back.click();
        await page.locator("h1", { hasText: "Xã Tân Linh" }).waitFor();
        await page.getByRole("link", { name: "← Các xã, thôn" }).waitFor();
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });
  }

  it("when a resident opens a work's page at 360 px, then it lists 20 payments newest first and the rest on the next page; feedback with a photo and no household code is thanked on the page; a household's opinion counts in the open consultation", async function () {
    const web = await openWeb(this, PHONE);
    try {
      const { t, w, page, url } = web;
      await cash(t, w.hamletA, "50000000");
      const a = await work(t, w);
      for (let i = 0; i < 22; i++) {
        const r = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${a.id}/expenses`, {
          category: i % 2 ? "labour" : "materials", amount: String(1000000 + i * 1000), date: `2025-06-${String(1 + (i % 12)).padStart(2, "0")}`, payee: `Cửa hàng vật liệu xây dựng Hòa Phát số ${i}`, description: `Xi măng PCB40, đợt ${i}`, method: "cash",
        });
        expect(r.body.status, JSON.stringify(r.body)).to.equal("posted");
      }
      const c = await fixtureConsultation(t, w, w.hamletA, a.id);
      const h = await householdWithPin(t, w.hamletA, "DT-001");
      const api = (await t.as().get(`/public/works/${a.id}`)).body.expenses as { voucherNo: string }[];

      await page.goto(`${url}/u/ha`);
      await page.getByRole("link", { name: "Đường bê tông xóm 3" }).click();
      await page.locator("h1", { hasText: "Đường bê tông xóm 3" }).waitFor();
      const vouchers = page.locator("ol.payments .voucher");
      expect(await vouchers.allInnerTexts()).to.deep.equal(api.slice(0, 20).map((e) => e.voucherNo));
      await tall(page.getByRole("link", { name: "← Thôn Đồng Tâm" }), "the back link");
      await look(page, PHONE, "resident-work");
      await page.getByRole("link", { name: "Trang sau →" }).click();
      await page.getByText("Trang 2/2").waitFor();
      expect(await vouchers.allInnerTexts()).to.deep.equal(api.slice(20, 22).map((e) => e.voucherNo));
      await look(page, PHONE, "resident-work-page-2");

      // feedback with a photo, without household code or PIN
      const form = page.locator("form", { has: page.getByRole("button", { name: "Gửi phản ánh" }) });
      await form.getByLabel("Nội dung phản ánh").fill("Đoạn đầu xóm mặt đường đã nứt, đề nghị Ban kiểm tra.");
      await form.getByLabel(/Ảnh chụp/).setInputFiles({ name: "mat-duong.png", mimeType: "image/png", buffer: PNG });
      await Promise.all([page.waitForURL(/sent=feedback/), form.getByRole("button", { name: "Gửi phản ánh" }).click()]);
      const thanks = page.getByRole("status").filter({ hasText: "Đã gửi phản ánh" });
      await thanks.waitFor();
      expect(await thanks.isVisible()).to.equal(true);
      const fb = await t.db("feedback").select("text", "household_id", "photos");
      expect(fb.map((f) => [f.text, f.household_id, JSON.parse(f.photos).length])).to.deep.equal([["Đoạn đầu xóm mặt đường đã nứt, đề nghị Ban kiểm tra.", null, 1]]);
      await look(page, PHONE, "resident-work-feedback-sent");

      // a household's opinion: a wrong PIN first, answered on the page, then the right one
      const opinion = page.locator(`#y-kien-${c.id}`);
      await opinion.getByLabel("Đồng ý", { exact: true }).check();
      await opinion.getByLabel(/Mã hộ/).fill(h.code);
      await opinion.getByLabel(/Mã PIN/).fill(h.pin === "000000" ? "111111" : "000000");
      await opinion.getByLabel(/Góp ý thêm/).fill("Nên làm trước mùa mưa");
      await Promise.all([page.waitForNavigation(), opinion.getByRole("button", { name: "Gửi ý kiến" }).click()]);
      await page.getByRole("alert").filter({ hasText: "Mã hộ hoặc mã PIN không đúng" }).waitFor();
      expect(await opinion.getByLabel(/Góp ý thêm/).inputValue()).to.equal("Nên làm trước mùa mưa");
      await look(page, PHONE, "resident-work-opinion-refused");
      await opinion.getByLabel("Đồng ý", { exact: true }).check();
      await opinion.getByLabel(/Mã PIN/).fill(h.pin);
      await Promise.all([page.waitForURL(/sent=opinion/), opinion.getByRole("button", { name: "Gửi ý kiến" }).click()]);
      await page.getByRole("status").filter({ hasText: "Đã ghi ý kiến của hộ" }).waitFor();
      expect((await opinion.innerText()).replace(/\s+/g, " ")).to.include("Đồng ý 1 · Không đồng ý 0 · Không có ý kiến 0");
      await look(page, PHONE, "resident-work-opinion-sent");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});

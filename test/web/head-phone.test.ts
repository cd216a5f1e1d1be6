import { expect } from "chai";
import sharp from "sharp";
import type { Page } from "playwright-core";
import { TEST_DB } from "../helpers/db";
import type { TestApp } from "../helpers/app";
import type { World } from "../helpers/given";
import { cash, work } from "../helpers/given-works";
import { expectNoProblems, look, openWeb, signIn, signOut, VIEWPORTS, Web } from "./browser";

// The hamlet head's day on a phone (360 px): what waits for them on the home screen leads to where
// they decide it; a payment voucher is approved only after a confirmation that repeats its amount
// in figures and words, its payee and its purpose (cancelling leaves it waiting); its invoice photo
// shows as a picture; a publication is approved after reading the figures it will publish.

const PHONE = VIEWPORTS[0];

/** Fails with what the screen says, not only "timeout". */
async function see(web: Web, text: string | RegExp): Promise<void> {
  await web.page.getByText(text).first().waitFor({ timeout: 10_000 }).catch(async (e) => {
    throw new Error(`${e.message}\n--- main:\n${await web.page.locator("main").innerText()}`);
  });
}

/** The element that has the focus, by its text (the first 200 characters). */
const focused = (page: Page) => page.evaluate(() => ((globalThis as any).document.activeElement?.innerText ?? "").slice(0, 200) as string);

/** Whether the element is inside the window's height (in view without scrolling). */
async function inView(page: Page, selector: ReturnType<Page["locator"]>): Promise<boolean> {
  const box = await selector.boundingBox();
  const height = page.viewportSize()!.height;
  // half a pixel of sub-pixel layout either way
  return box !== null && box.y >= -0.5 && box.y + Math.min(box.height, 40) <= height + 0.5;
}

/** A phone's photo of an invoice: 640×400, the left half red, the right half blue. */
async function invoicePhoto(): Promise<Buffer> {
  const red = await sharp({ create: { width: 320, height: 400, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
  return sharp({ create: { width: 640, height: 400, channels: 3, background: { r: 30, g: 30, b: 200 } } }).composite([{ input: red, left: 0, top: 0 }]).jpeg().toBuffer();
}
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function uploaded(t: TestApp, w: World, bytes: Buffer, name: string, type: string): Promise<number> {
  const r = await t.api.post(`/api/v1/units/${w.hamletA}/attachments`).set("Authorization", `Bearer ${w.treasurerA.token}`).attach("file", bytes, { filename: name, contentType: type });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body.id;
}

/** A voucher the treasurer drafts above the threshold (5.000.000 đ): it waits for a head. */
async function drafted(t: TestApp, w: World, workId: number, body: Record<string, unknown>): Promise<number> {
  const r = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${workId}/expenses`, { category: "materials", date: "2025-06-10", method: "cash", ...body });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  expect(r.body.status).to.equal("draft");
  return r.body.id;
}

describe("web: the hamlet head on a phone", () => {
  it(`[${PHONE.width}px] when two vouchers wait, then the home screen links to them, approving shows the amount in figures and words and asks to confirm, cancelling leaves it waiting, and the invoice photo is a picture`, async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      await cash(t, w.hamletA, "50000000");
      const road = await work(t, w, { name: "Đường bê tông xóm Đồi" });
      const photo = await uploaded(t, w, await invoicePhoto(), "hoa-don-xi-mang.jpg", "image/jpeg");
      const pdf = await uploaded(t, w, PDF, "bao-gia-thep.pdf", "application/pdf");
      const big = await drafted(t, w, road.id, { amount: "12500000", payee: "Cửa hàng VLXD Hòa Phát", description: "Xi măng PCB40, 250 bao", attachmentIds: [photo, pdf] });
      const small = await drafted(t, w, road.id, { amount: "6000000", payee: "Tổ thợ anh Tâm", description: "Công đổ bê tông đoạn 1", category: "labour" });

      // the home screen: what waits is a link to where it is decided
      await signIn(page, url, "head.a");
      const waiting = page.getByRole("link", { name: "2 phiếu chi chờ duyệt" });
      await waiting.waitFor();
      await look(page, PHONE, "head-home");
      await waiting.click();
      await page.locator("main h1", { hasText: "Công trình — Thôn Đồng Tâm" }).waitFor();
      expect(new URL(page.url()).search).to.equal("?pending=1");
      const pending = page.getByRole("heading", { name: "Phiếu chi chờ duyệt (2)" });
      await pending.waitFor();
      await page.waitForFunction((el) => el === (globalThis as any).document.activeElement, await pending.elementHandle());
      const card = page.locator("li.card", { hasText: "12.500.000 đ" });
      expect(await card.innerText()).to.include("Mười hai triệu năm trăm nghìn đồng");
      expect(await card.innerText()).to.include("Đường bê tông xóm Đồi");

      // the invoice photo is a thumbnail (a picture, not "Tệp 1"); the PDF a download by its name
      const thumb = card.getByRole("button", { name: "Xem ảnh đầy đủ: hoa-don-xi-mang.jpg" });
      await page.waitForFunction((el) => (el as any)?.complete && (el as any).naturalWidth > 0, await thumb.locator("img").elementHandle());
      expect(await thumb.locator("img").evaluate((img) => [(img as any).naturalWidth, (img as any).naturalHeight])).to.deep.equal([320, 200]);
      expect(await card.getByRole("button", { name: "bao-gia-thep.pdf" }).count()).to.equal(1);
      expect(await card.getByText(/Tệp 1/).count()).to.equal(0);
      await look(page, PHONE, "head-pending");
      const [saved] = await Promise.all([page.waitForEvent("download"), card.getByRole("button", { name: "bao-gia-thep.pdf" }).click()]);
      expect(saved.suggestedFilename()).to.equal("bao-gia-thep.pdf");
      // a tap opens the whole image over the page; closing it gives the focus back to the thumbnail
      await thumb.click();
      const viewer = page.getByRole("dialog", { name: "hoa-don-xi-mang.jpg" });
      await viewer.waitFor();
      await page.waitForFunction(() => {
        const img = (globalThis as any).document.querySelector("dialog img.full");
        return img?.complete && img.naturalWidth > 0;
      });
      expect(await viewer.locator("img").evaluate((img) => (img as any).naturalWidth)).to.equal(640);
      await look(page, PHONE, "head-photo");
      await viewer.getByRole("button", { name: "Đóng" }).click();
      await viewer.waitFor({ state: "detached" });
      expect(await thumb.evaluate((el) => el === (globalThis as any).document.activeElement)).to.equal(true);

      // approving asks first, repeating what is paid, to whom and for what; cancelling leaves it waiting
      await card.getByRole("button", { name: "Duyệt và ghi sổ" }).click();
      const confirm = card.getByRole("group", { name: /Duyệt và ghi sổ phiếu chi này\?/ });
      await confirm.waitFor();
      const said = await confirm.innerText();
      for (const part of ["12.500.000 đ", "Mười hai triệu năm trăm nghìn đồng", "Cửa hàng VLXD Hòa Phát", "Xi măng PCB40, 250 bao", "Đường bê tông xóm Đồi"]) expect(said).to.include(part);
      expect(await confirm.evaluate((el) => el === (globalThis as any).document.activeElement)).to.equal(true);
      expect(await inView(page, confirm)).to.equal(true);
      await look(page, PHONE, "head-confirm-payment");
      await confirm.getByRole("button", { name: "Huỷ" }).click();
      await confirm.waitFor({ state: "detached" });
      expect((await t.db("expenses").where({ id: big }).first()).status).to.equal("draft");
      expect(await t.db("entries").where({ kind: "expense" })).to.have.length(0);
      expect(await card.getByRole("button", { name: "Duyệt và ghi sổ" }).evaluate((el) => el === (globalThis as any).document.activeElement)).to.equal(true);

      // confirmed: posted, and the answer is in view and focused
      await card.getByRole("button", { name: "Duyệt và ghi sổ" }).click();
      await card.getByRole("button", { name: "Xác nhận duyệt và ghi sổ" }).click();
      await see(web, "Đã duyệt: phiếu PC-2025-000001 đã ghi sổ.");
      const done = page.locator(".notice.ok", { hasText: "PC-2025-000001" });
      expect(await done.evaluate((el) => el === (globalThis as any).document.activeElement)).to.equal(true);
      expect(await inView(page, done)).to.equal(true);
      expect(await t.db("expenses").where({ id: big }).first()).to.include({ status: "posted", voucher_no: "PC-2025-000001" });
      await page.getByRole("heading", { name: "Phiếu chi chờ duyệt (1)" }).waitFor();
      await look(page, PHONE, "head-approved");

      // one voucher left: the home screen leads straight to its card; rejecting asks for the reason
      await page.getByRole("link", { name: "Trang chủ" }).first().click();
      await page.getByRole("link", { name: "1 phiếu chi chờ duyệt" }).click();
      await page.locator("main h1", { hasText: "Đường bê tông xóm Đồi" }).waitFor();
      expect(new URL(page.url()).search).to.equal(`?voucher=${small}`);
      const last = page.locator(`li.card[data-expense="${small}"]`);
      await page.waitForFunction((el) => el === (globalThis as any).document.activeElement, await last.elementHandle());
      expect(await inView(page, last)).to.equal(true);
      await last.getByRole("button", { name: "Từ chối" }).click();
      await last.getByRole("button", { name: "Xác nhận từ chối" }).click();
      await last.locator("textarea[aria-invalid=true]").waitFor();
      expect((await t.db("expenses").where({ id: small }).first()).status).to.equal("draft");
      await last.getByLabel("Lý do từ chối").fill("Thiếu bảng chấm công");
      await last.getByRole("button", { name: "Xác nhận từ chối" }).click();
      await see(web, "Đã từ chối phiếu.");
      expect(await t.db("expenses").where({ id: small }).first()).to.include({ status: "rejected", reject_reason: "Thiếu bảng chấm công" });
      // the posted voucher's files are pictures in the list of vouchers too
      expect(await page.locator("#vouchers").getByRole("button", { name: "Xem ảnh đầy đủ: hoa-don-xi-mang.jpg" }).count()).to.equal(1);
      await look(page, PHONE, "head-work-vouchers");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });

  // The publication's figures come from the same statement on both engines; SQLite covers the screen.
  if (TEST_DB !== "postgres") {
    it(`[${PHONE.width}px] when publications wait, then the home screen leads to them, a draft shows the figures it will publish in figures and words, cancelling leaves it a draft and approving publishes those figures`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, PHONE);
      try {
        const { page, url, w, t } = web;
        await cash(t, w.hamletA, "50000000", "2025-02-01");
        const draft = async (from: string, to: string) => {
          const r = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, {
            statement: { kind: "receipts-payments", params: { from, to } }, places: ["culture_house"], postedFrom: "2025-06-15", postedUntil: "2025-07-15",
          });
          expect(r.status, JSON.stringify(r.body)).to.equal(201);
          return r.body.id as number;
        };
        const half = await draft("2025-01-01", "2025-06-14");
        await draft("2025-01-01", "2025-03-31");
        // a draft read alone carries the figures its approval would publish
        const before = (await t.as(w.headA.token).get(`/units/${w.hamletA}/publications/${half}`)).body;
        expect(before.status).to.equal("draft");
        expect(before.figures.length).to.be.greaterThan(0);
        expect(before.figures.map((f: { amount?: string }) => f.amount)).to.include("50000000");

        await signIn(page, url, "head.a");
        await page.getByRole("link", { name: "2 bản công khai chờ ký duyệt" }).click();
        await page.locator("main h1", { hasText: "Công khai tài chính" }).waitFor();
        expect(new URL(page.url()).search).to.equal("?status=draft");
        await page.getByRole("link", { name: `Báo cáo công khai thu, chi #${half}` }).first().click();
        await page.locator("main h1", { hasText: `#${half}` }).waitFor();
        const figures = page.locator("section", { has: page.getByRole("heading", { name: "Số liệu chính" }) });
        expect(await figures.innerText()).to.include("50.000.000 đ");
        expect(await figures.innerText()).to.include("Năm mươi triệu đồng");
        await look(page, PHONE, "head-publication-draft");

        await page.getByRole("button", { name: "Duyệt và công bố" }).click();
        const confirm = page.getByRole("group", { name: /Duyệt và công bố bản này\?/ });
        await confirm.waitFor();
        expect(await confirm.innerText()).to.include("Năm mươi triệu đồng");
        expect(await confirm.innerText()).to.include("không sửa được");
        expect(await confirm.evaluate((el) => el === (globalThis as any).document.activeElement)).to.equal(true);
        expect(await inView(page, confirm)).to.equal(true);
        await look(page, PHONE, "head-confirm-publication");
        await confirm.getByRole("button", { name: "Huỷ" }).click();
        await confirm.waitFor({ state: "detached" });
        expect((await t.db("publications").where({ id: half }).first()).status).to.equal("draft");

        await page.getByRole("button", { name: "Duyệt và công bố" }).click();
        await confirm.getByRole("button", { name: "Duyệt và công bố" }).click();
        await see(web, "Đã duyệt và công bố.");
        expect(await focused(page)).to.include("Đã duyệt và công bố.");
        const after = (await t.as(w.headA.token).get(`/units/${w.hamletA}/publications/${half}`)).body;
        expect(after.status).to.equal("published");
        expect(after.figures).to.deep.equal(before.figures);
        expect(await figures.innerText()).to.include("50.000.000 đ");
        await look(page, PHONE, "head-publication-published");
        await signOut(page);
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });
  }
});

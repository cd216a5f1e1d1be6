import fs from "node:fs";
import { expect } from "chai";
import type { Locator, Page } from "playwright-core";
import { campaign, household } from "../helpers/given-contributions";
import { expectNoProblems, phoneIt, look, openWeb, signIn, Web } from "./browser";

// The treasurer's forms on a 360-px phone: amounts typed as people say them are read back before
// saving and anything unclear is refused in its field; every save ends in view with what was made
// and what to do next; a campaign's page opens the receipt form on that campaign; and one
// household's cash receipt, from the home screen to its PDF, takes at most five taps.

const PHONE = { name: "phone", width: 360, height: 740 } as const;

/** The screen's text when a wait fails: the failure says what the user saw. */
async function seen<T>(web: Web, wait: Promise<T>): Promise<T> {
  return wait.catch(async (e: Error) => {
    throw new Error(`${e.message}\n--- main:\n${await web.page.locator("main").innerText()}`);
  });
}

/** Whether the element is wholly inside the window, and whether it has the focus. */
async function inViewAndFocused(el: Locator): Promise<{ inView: boolean; focused: boolean }> {
  return el.evaluate((node) => {
    const g = globalThis as unknown as { innerHeight: number; document: { activeElement: unknown } };
    const r = (node as unknown as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect();
    return { inView: r.top >= 0 && r.bottom <= g.innerHeight, focused: g.document.activeElement === node };
  });
}

const amountBox = (page: Page) => page.getByRole("textbox", { name: /Số tiền/ });
const fieldOf = (page: Page, name: string) => page.locator(`main [data-field='${name}']`);

describe("web: the treasurer's forms on a phone", () => {
  phoneIt("[360px] when amounts are typed as people say them, then each is read back in figures and words, an unclear one is refused in its own field, and a tiny one needs confirming", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      const hh = await household(t, w, "HA-001", { headName: "Nguyễn Hữu Đức" });
      const c = await campaign(t, w);
      await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/receipts/new`);
      const box = amountBox(page);
      const said = fieldOf(page, "amount").locator(".in-words");
      for (const [typed, figures, words] of [
        ["5tr", "5.000.000 đ", "Năm triệu đồng"],
        ["5 triệu", "5.000.000 đ", "Năm triệu đồng"],
        ["5,5tr", "5.500.000 đ", "Năm triệu năm trăm nghìn đồng"],
        ["500k", "500.000 đ", "Năm trăm nghìn đồng"],
        ["500 nghìn", "500.000 đ", "Năm trăm nghìn đồng"],
        ["5,000,000", "5.000.000 đ", "Năm triệu đồng"],
        ["1 tỷ", "1.000.000.000 đ", "Một tỷ đồng"],
      ]) {
        await box.fill("");
        await box.pressSequentially(typed);
        expect(await said.innerText(), typed).to.include(figures).and.include(words);
      }
      // digits get their separators as typed; leaving the field writes "5tr" in figures
      await box.fill("");
      await box.pressSequentially("5000000");
      expect(await box.inputValue()).to.equal("5.000.000");
      await box.fill("5tr");
      await box.blur();
      expect(await box.inputValue()).to.equal("5.000.000");

      // nothing typed: said in the field (not "see the list" with no list), focus there
      await box.fill("");
      await page.getByRole("combobox", { name: "Hộ gia đình" }).fill("HA-001");
      await page.getByRole("combobox", { name: "Hộ gia đình" }).press("Enter");
      await page.getByText("Đã chọn: HA-001 — Nguyễn Hữu Đức").waitFor();
      await page.getByRole("button", { name: "Ghi phiếu thu", exact: true }).click();
      const error = fieldOf(page, "amount").locator(".field-error");
      await seen(web, error.getByText("Hãy nhập số tiền.").waitFor());
      expect(await box.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).to.equal(true);
      expect(await box.getAttribute("aria-invalid")).to.equal("true");
      expect(await page.getByText(/danh sách lỗi/).count()).to.equal(0);

      // "5.5": 5 đ? 5.500 đ? 5,5 triệu? refused in the field, never sent
      await box.pressSequentially("5.5");
      expect(await box.inputValue()).to.equal("5.5");
      await page.getByRole("button", { name: "Ghi phiếu thu", exact: true }).click();
      await seen(web, error.getByText(/không có phần lẻ/).waitFor());
      await look(page, PHONE, "forms-amount-refused");
      expect(await t.db("contributions").where({ campaign_id: c.id })).to.have.length(0);

      // "5" is probably "5tr" half typed: saved only once confirmed
      await box.fill("5");
      await fieldOf(page, "amount").getByText(/dưới 1\.000\sđ/).waitFor();
      await page.getByRole("button", { name: "Ghi phiếu thu", exact: true }).click();
      await seen(web, error.getByText(/Hãy xác nhận 5 đ/).waitFor());
      expect(await t.db("contributions").where({ campaign_id: c.id })).to.have.length(0);
      await look(page, PHONE, "forms-amount-small");
      await page.getByLabel("Đúng, 5 đồng").check();
      await page.getByRole("button", { name: "Ghi phiếu thu", exact: true }).click();
      await seen(web, page.getByText(/Đã ghi phiếu thu PT-/).waitFor());
      const rows = await t.db("contributions").where({ campaign_id: c.id, household_id: hh.id });
      expect(rows.map((r: { amount: number | string }) => String(r.amount))).to.deep.equal(["5"]);

      // the campaign's pledge form reads amounts the same way
      await page.goto(`${url}/app/units/${w.hamletA}/campaigns/${c.id}`);
      await page.getByText("Ghi đăng ký đóng góp").click();
      const pledge = page.locator("main details", { hasText: "Ghi đăng ký đóng góp" });
      await pledge.getByRole("combobox", { name: "Hộ gia đình" }).fill("HA-001");
      await pledge.getByRole("combobox", { name: "Hộ gia đình" }).press("Enter");
      await pledge.getByText("Đã chọn: HA-001").waitFor();
      await pledge.getByRole("textbox", { name: /Số tiền/ }).fill("1,5 triệu");
      expect(await pledge.locator(".in-words").innerText()).to.include("1.500.000 đ").and.include("Một triệu năm trăm nghìn đồng");
      await pledge.getByRole("button", { name: "Ghi đăng ký" }).click();
      await seen(web, pledge.getByText(/Đã ghi: PK-.*1\.500\.000 đ/).waitFor());
      expect(await inViewAndFocused(pledge.locator(".notice.ok"))).to.deep.equal({ inView: true, focused: true });
      expect(await pledge.getByRole("textbox", { name: /Số tiền/ }).inputValue()).to.equal("");
      const pledged = await t.db("contributions").where({ campaign_id: c.id, kind: "pledge" });
      expect(pledged.map((r: { amount: number | string }) => String(r.amount))).to.deep.equal(["1500000"]);
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });

  phoneIt("[360px] when a receipt is saved or refused, then the answer is in view and focused; a saved form is emptied with the voucher number and next steps, a refused one keeps what was typed", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      await household(t, w, "HA-001", { headName: "Trần Thị Hường" });
      const c = await campaign(t, w, { startDate: "2025-02-01" });
      await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/receipts/new`);
      const search = page.getByRole("combobox", { name: "Hộ gia đình" });
      await search.fill("HA-001");
      await search.press("Enter");
      await page.getByText("Đã chọn: HA-001").waitFor();
      await amountBox(page).fill("300k");
      // a day before the campaign started: the server refuses
      await page.getByLabel("Ngày thu").fill("2025-01-15");
      await page.getByLabel("Ghi chú").fill("nộp tại nhà văn hoá");
      await page.getByRole("button", { name: "Ghi phiếu thu", exact: true }).click();
      const refusal = page.locator("main .notice.error");
      await seen(web, refusal.waitFor());
      expect(await inViewAndFocused(refusal)).to.deep.equal({ inView: true, focused: true });
      expect(await refusal.getAttribute("role")).to.equal("alert");
      expect(await amountBox(page).inputValue()).to.equal("300.000");
      expect(await page.getByLabel("Ghi chú").inputValue()).to.equal("nộp tại nhà văn hoá");
      await page.getByText("Đã chọn: HA-001").waitFor();
      await look(page, PHONE, "forms-receipt-refused");

      await page.getByLabel("Ngày thu").fill("2025-06-14");
      await page.getByRole("button", { name: "Ghi phiếu thu", exact: true }).click();
      const ok = page.locator("main .notice.ok");
      await seen(web, ok.getByText(/Đã ghi phiếu thu PT-2025-/).waitFor());
      expect(await inViewAndFocused(ok)).to.deep.equal({ inView: true, focused: true });
      expect(await ok.getAttribute("role")).to.equal("status");
      expect(await ok.innerText()).to.include("HA-001 — Trần Thị Hường · 300.000 đ").and.include("Ba trăm nghìn đồng");
      // emptied for the next household, the day and the campaign kept
      expect(await amountBox(page).inputValue()).to.equal("");
      expect(await page.getByLabel("Ghi chú").inputValue()).to.equal("");
      expect(await page.getByText(/Đã chọn:/).count()).to.equal(0);
      expect(await page.getByLabel("Ngày thu").inputValue()).to.equal("2025-06-14");
      expect(await page.getByLabel("Đợt vận động").inputValue()).to.equal(String(c.id));
      for (const next of ["Tải phiếu thu (PDF)", "Ghi phiếu thu khác"]) expect(await page.getByRole("button", { name: next }).isVisible(), next).to.equal(true);
      await look(page, PHONE, "forms-receipt-saved");
      await page.getByRole("button", { name: "Ghi phiếu thu khác" }).click();
      expect(await search.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).to.equal(true);
      expect(await t.db("contributions").where({ campaign_id: c.id })).to.have.length(1);

      // A refusal naming a field of the form and one it does not have: the first in its field (which
      // takes the focus), the other listed — never "see the list" with no list.
      await page.route("**/api/v1/units/*/contributions", (route) =>
        route.fulfill({
          status: 400,
          contentType: "application/problem+json",
          body: JSON.stringify({ type: "about:blank", title: "Dữ liệu không hợp lệ", status: 400, code: "validation_failed", detail: "Một số trường không hợp lệ; xem danh sách lỗi.", errors: [{ path: "/payer", code: "too_long", message: "Tên người nộp quá dài." }, { path: "/receivedBy", code: "required", message: "Thiếu người nhận tiền." }] }),
        }),
      );
      await search.fill("HA-001");
      await search.press("Enter");
      await page.getByText("Đã chọn: HA-001").waitFor();
      await amountBox(page).fill("200k");
      await page.getByLabel("Người nộp (nếu không phải chủ hộ)").fill("Trần Văn Nộp");
      await page.getByRole("button", { name: "Ghi phiếu thu", exact: true }).click();
      await seen(web, fieldOf(page, "payer").getByText("Tên người nộp quá dài.").waitFor());
      const payer = page.getByLabel("Người nộp (nếu không phải chủ hộ)");
      expect(await payer.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).to.equal(true);
      expect(await page.locator("main .notice.error li").allInnerTexts()).to.deep.equal(["Thiếu người nhận tiền."]);
      expect(await amountBox(page).inputValue()).to.equal("200.000");
      await page.unroute("**/api/v1/units/*/contributions");

      // the receipt reversed from the household's page: the answer in view and focused
      const hh = await t.db("households").where({ code: "HA-001" }).first();
      await page.goto(`${url}/app/units/${w.hamletA}/households/${hh.id}`);
      await page.getByRole("button", { name: "Đảo bút toán" }).click();
      await page.getByLabel("Lý do đảo (ghi vào sổ)").fill("Ghi nhầm hộ");
      await page.getByRole("button", { name: "Đảo bút toán", exact: true }).last().click();
      // The history is drawn again after the reversal: wait for the answer that stays, focused.
      const reversed = page.locator("main .notice.ok:focus", { hasText: /Đã đảo PT-2025-/ });
      await seen(web, page.waitForFunction(() => {
        const a = (globalThis as unknown as { document: { activeElement: { className: string; textContent: string; isConnected: boolean } | null } }).document.activeElement;
        return !!a && a.isConnected && a.className.includes("notice") && a.textContent.includes("Đã đảo PT-2025-");
      }));
      expect(await inViewAndFocused(reversed)).to.deep.equal({ inView: true, focused: true });
      await look(page, PHONE, "forms-household-reversed");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });

  phoneIt("[360px] when a campaign's page opens the receipt form, then that campaign is chosen; a campaign past its end shows as ended; the receipt is named after its voucher number, on the paper chosen, and shared where the phone can", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      await household(t, w, "HA-007", { headName: "Lê Văn Tám" });
      await campaign(t, w, { name: "Quỹ khuyến học 2025" });
      const road = await campaign(t, w, { name: "Đường liên xóm 2025" });
      const hall = await campaign(t, w, { name: "Sửa nhà văn hoá", endDate: "2025-05-31" });
      // what the screen will call "ended" is what the server refuses today
      const today = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/contributions`, { householdId: (await t.db("households").where({ code: "HA-007" }).first()).id, campaignId: hall.id, amount: "100000", date: "2025-06-15", method: "cash" });
      expect(today.body.code).to.equal("campaign_closed");
      // a phone that can share files: what it was asked to share is kept
      await page.addInitScript(() => {
        const g = globalThis as unknown as { navigator: Record<string, unknown>; __shared: { name: string; type: string; size: number }[] };
        g.__shared = [];
        g.navigator.canShare = (d: { files?: unknown[] }) => Array.isArray(d.files);
        g.navigator.share = async (d: { files: { name: string; type: string; size: number }[] }) => {
          g.__shared.push(...d.files.map((f) => ({ name: f.name, type: f.type, size: f.size })));
        };
      });
      await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/campaigns`);
      const ended = page.getByRole("row", { name: /Sửa nhà văn hoá/ });
      expect(await ended.innerText()).to.include("Đã hết hạn (31/05/2025)").and.not.include("Đang mở");
      await look(page, PHONE, "forms-campaigns-states");

      // past its end: the page says so, and offers no receipt that the server would refuse
      await page.getByRole("link", { name: "Sửa nhà văn hoá" }).click();
      await seen(web, page.getByText(/Đợt vận động đã hết hạn ngày 31\/05\/2025/).waitFor());
      expect(await page.locator("main dl.facts").innerText()).to.include("Đã hết hạn (31/05/2025)").and.not.include("Đang mở");
      expect(await page.getByRole("link", { name: "Ghi phiếu thu" }).count()).to.equal(0);
      await page.goBack();
      await page.getByRole("link", { name: "Đường liên xóm 2025" }).click();
      await page.getByRole("link", { name: "Ghi phiếu thu" }).click();
      await page.locator("main h1", { hasText: "Thu tiền đóng góp" }).waitFor();
      expect(await page.getByLabel("Đợt vận động").inputValue()).to.equal(String(road.id));
      await page.keyboard.type("HA-007");
      await page.keyboard.press("Enter");
      await page.getByText("Đã chọn: HA-007").waitFor();
      await page.keyboard.type("2tr");
      await page.keyboard.press("Enter");
      const ok = page.locator("main .notice.ok");
      const voucher = (await seen(web, ok.getByText(/PT-2025-\d+/).innerText())).match(/PT-2025-\d+/)![0];
      const recorded = await t.db("contributions").where({ kind: "receipt" });
      expect(recorded.map((r: { campaign_id: number }) => r.campaign_id)).to.deep.equal([road.id]);
      const paper = page.getByLabel("Khổ giấy");
      expect(await paper.locator("option").allInnerTexts()).to.deep.equal(["A4", "A5", "Cuộn 80 mm"]);
      expect(await paper.inputValue()).to.equal("a4");
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải phiếu thu (PDF)" }).click()]);
      expect(file.suggestedFilename()).to.equal(`${voucher}.pdf`);
      // the 80 mm roll of a pocket printer: a page 80 mm wide, still named after the voucher
      await paper.selectOption("roll80");
      const [roll] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải phiếu thu (PDF)" }).click()]);
      expect(roll.suggestedFilename()).to.match(new RegExp(`^${voucher}\\b.*\\.pdf$`));
      const rollPdf = fs.readFileSync((await roll.path())!).toString("latin1");
      const box = /\/MediaBox \[0 0 ([\d.]+) /.exec(rollPdf);
      expect(Number(box?.[1]), "page width in points").to.be.closeTo((80 / 25.4) * 72, 1);
      await page.getByRole("button", { name: "Chia sẻ" }).click();
      await page.waitForFunction(() => (globalThis as unknown as { __shared: unknown[] }).__shared.length === 1);
      const shared = await page.evaluate(() => (globalThis as unknown as { __shared: { name: string; type: string; size: number }[] }).__shared[0]);
      expect(shared).to.include({ name: `${voucher}.pdf`, type: "application/pdf" });
      expect(shared.size).to.be.greaterThan(1000);
      await look(page, PHONE, "forms-receipt-next-steps");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });

  phoneIt("[360px] when a treasurer records one household's cash receipt from the home screen, then it takes 5 taps (Enter counted) to its PDF, in the campaign used last", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      await household(t, w, "HA-012", { headName: "Phạm Thị Lan" });
      await household(t, w, "HA-120", { headName: "Phạm Văn Lâm" });
      await campaign(t, w, { name: "Quỹ khuyến học 2025" });
      const road = await campaign(t, w, { name: "Đường liên xóm 2025" });
      // Yesterday's receipt was for the road: this phone remembers it.
      await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/receipts/new`);
      await page.getByLabel("Đợt vận động").selectOption(String(road.id));
      await page.keyboard.type("HA-120");
      await page.getByRole("combobox", { name: "Hộ gia đình" }).press("Enter");
      await page.getByText("Đã chọn: HA-120").waitFor();
      await page.keyboard.type("200k");
      await page.keyboard.press("Enter");
      await seen(web, page.getByText(/Đã ghi phiếu thu PT-/).waitFor());

      // From the home screen: only taps and Enter count; text is typed where the focus already is.
      let taps = 0;
      const tap = (l: Locator) => (taps++, l.click());
      const enter = () => (taps++, page.keyboard.press("Enter"));
      await page.goto(`${url}/app`);
      await page.getByRole("heading", { name: /Xin chào/ }).waitFor();
      await tap(page.getByRole("link", { name: "Thôn Đồng Tâm" }));
      await tap(page.getByRole("link", { name: "Thu tiền (phiếu thu)" }));
      await page.locator("main h1", { hasText: "Thu tiền đóng góp" }).waitFor();
      await page.keyboard.type("ha-012");
      await enter();
      await seen(web, page.getByText("Đã chọn: HA-012 — Phạm Thị Lan").waitFor());
      await page.keyboard.type("500k");
      await enter();
      await seen(web, page.getByText(/Đã ghi phiếu thu PT-/).waitFor());
      const [file] = await Promise.all([page.waitForEvent("download"), tap(page.getByRole("button", { name: "Tải phiếu thu (PDF)" }))]);
      expect(file.suggestedFilename()).to.match(/^PT-2025-\d+\.pdf$/);
      expect(taps, "taps from the home screen to the receipt's PDF").to.equal(5);
      const last = await t.db("contributions").orderBy("id", "desc").first();
      expect(last).to.include({ campaign_id: road.id });
      expect(String(last.amount)).to.equal("500000");
      await look(page, PHONE, "forms-five-taps");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});

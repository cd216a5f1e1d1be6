import { expect } from "chai";
import { testApp, type TestApp } from "../helpers/app";
import { world } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { cash, fixtureActor, work } from "../helpers/given-works";
import { recordExpense } from "../../src/works";
import { dong, formatDong, parseDong } from "../../src/shared/money";
import { inWords } from "../../src/shared/words-vi";
import { binary, keep, moneyedHamlet, pdfText, readXlsx, requireTool } from "./helpers";

// The receipts-and-payments statement as a commune accountant reads it: opening balance in cash and
// in the bank, receipts by fund and campaign, payments by work and category, the closing balance,
// and as memo lines the pledges not yet paid and what is owed to suppliers. Its figures are the
// ledger's (the API's balances); a reversal makes its line smaller; `fund=` narrows it to one fund.

type Cell = { formula?: string; result?: number } | number | string | null;

async function twoFunds(t: TestApp) {
  const w = await world(t, { only: ["treasurerA"] });
  const as = t.as(w.treasurerA.token);
  for (const [code, name] of [["411", "Quỹ giao thông nông thôn"], ["413", "Quỹ nhà văn hóa"]]) {
    const r = await as.post(`/units/${w.hamletA}/accounts`, { code, name, type: "net_assets" });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
  }
  const road = await campaign(t, w, { name: "Bê tông hóa đường thôn 2025", fundAccount: "411" });
  const hall = await campaign(t, w, { name: "Sửa nhà văn hóa", fundAccount: "413" });
  const hh: { id: number }[] = [];
  for (let i = 1; i <= 4; i++) hh.push(await household(t, w, `DT-00${i}`, { headName: `Chủ hộ ${i}`, members: 3 }));
  const receipt = async (h: number, c: number, amount: string, date: string, method: "cash" | "bank") => {
    const r = await as.post(`/units/${w.hamletA}/contributions`, { householdId: hh[h].id, campaignId: c, amount, date, method });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return r.body as { id: number };
  };
  // before the period: the opening balance, in cash and in the bank
  await receipt(0, road.id, "2000000", "2025-02-10", "cash");
  await receipt(1, road.id, "3000000", "2025-02-11", "bank");
  // in the period
  await receipt(2, road.id, "1500000", "2025-03-05", "cash");
  const wrong = await receipt(3, road.id, "700000", "2025-03-06", "cash");
  expect((await as.post(`/units/${w.hamletA}/contributions/${wrong.id}/reversal`, { date: "2025-03-07", reason: "Ghi nhầm hộ" })).status).to.equal(201);
  await receipt(0, hall.id, "300000", "2025-04-01", "cash");
  expect((await as.post(`/units/${w.hamletA}/pledges`, { householdId: hh[1].id, campaignId: hall.id, amount: "2500000", date: "2025-04-02" })).status).to.equal(201);
  // a work paid in cash for materials and owing its supplier for the rest
  const wk = await work(t, w);
  await cash(t, w.hamletA, "10000000", "2025-04-10");
  for (const [amount, method, payee] of [["4000000", "cash", "Cửa hàng VLXD Hưng Thịnh"], ["3000000", "payable", "Công ty Đá Tân Linh"]] as const) {
    const v = await t.db.transaction((trx) =>
      recordExpense(trx, fixtureActor(t, w), w.hamletA, wk.id, { category: "materials", amount: parseDong(amount), date: "2025-05-02", payee, description: "Xi măng, đá", method }),
    );
    expect(v.status).to.equal("posted");
  }
  return { w, road, hall, wk };
}

describe("publication: receipts and payments", () => {
  it("when a hamlet has two funds, a reversed receipt, a pledge and a supplier owed, then the statement reads by fund, campaign and work, and agrees with the ledger", async function () {
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const { w } = await twoFunds(t);
    const as = t.as(w.treasurerA.token);
    const get = async (p: string) => {
      const r = await t.api.get(`/api/v1/units/${w.hamletA}/statements/${p}`).set("Authorization", `Bearer ${w.treasurerA.token}`).buffer(true).parse(binary);
      expect(r.status, `${p}: ${r.body.toString().slice(0, 300)}`).to.equal(200);
      return r.body as Buffer;
    };
    const balance = async (code: string, at: string) => parseDong((await as.get(`/units/${w.hamletA}/accounts/${code}/balance?at=${at}`)).body.balance);

    const pdf = await get("receipts-payments.pdf?from=2025-03-01&to=2025-06-30");
    keep("receipts-payments-funds.pdf", pdf);
    const text = pdfText(pdf);
    const openingCash = await balance("111", "2025-02-28");
    const openingBank = await balance("112", "2025-02-28");
    const closing = dong((await balance("111", "2025-06-30")) + (await balance("112", "2025-06-30")));
    expect(openingCash).to.equal(2000000n);
    expect(openingBank).to.equal(3000000n);
    for (const s of [
      `Trong đó, tiền mặt: ${formatDong(openingCash)} đồng`,
      `Trong đó, tiền gửi ngân hàng, kho bạc: ${formatDong(openingBank)} đồng`,
      `Số dư đầu kỳ: ${formatDong(dong(openingCash + openingBank))} đồng`,
      `Số dư cuối kỳ: ${formatDong(closing)} đồng`,
      inWords(closing),
      // receipts by fund, then campaign; the reversed 700,000 makes its line smaller and says so
      "A. CÁC KHOẢN THU",
      "Quỹ 411 Quỹ giao thông nông thôn",
      "Thu đóng góp: đợt Bê tông hóa đường thôn 2025",
      "(đã trừ 1 bút toán đảo)",
      "711 1.500.000",
      "Quỹ 413 Quỹ nhà văn hóa",
      "Thu đóng góp: đợt Sửa nhà văn hóa",
      // payments by work and category
      "B. CÁC KHOẢN CHI",
      "Công trình: Đường bê tông xóm 3",
      "Chi vật liệu 8011 4.000.000",
      // memo lines: what the closing balance does not show
      "Ghi nhớ (ngoài số dư cuối kỳ)",
      "Đã đăng ký, chưa đóng: đợt Sửa nhà văn hóa 131 2.500.000",
      "Phải trả người bán: công trình Đường bê tông xóm 3 331 3.000.000",
    ]) {
      expect(text, s).to.include(s);
    }
    // the totals are the ledger's movements: 1,500,000 + 300,000 (+ 10,000,000 held for others) in, 4,000,000 out
    expect(text).to.include(`Tổng thu trong kỳ: ${formatDong(parseDong("11800000"))} đồng`);
    expect(text).to.include("Tổng chi trong kỳ: 4.000.000 đồng");
    expect(dong(openingCash + openingBank + 11800000n - 4000000n)).to.equal(closing);
    // one vocabulary, no English, no doubled words, no line that pays a receipt, no household "debt"
    expect(text).to.not.match(/Chi: Thu|Thu: Thu|Chi chi|\bnợ\b|not published/i);

    // one fund: only its campaigns' receipts, its own pledges
    const road = pdfText(await get("receipts-payments.pdf?from=2025-03-01&to=2025-06-30&fund=411"));
    expect(road).to.include("Quỹ: 411 Quỹ giao thông nông thôn");
    expect(road).to.include("Thu đóng góp: đợt Bê tông hóa đường thôn 2025");
    expect(road).to.not.include("Sửa nhà văn hóa");
    expect(road).to.include("Số dư đầu kỳ: 5.000.000 đồng");
    expect(road).to.include("Số dư cuối kỳ: 6.500.000 đồng");
    const hall = pdfText(await get("receipts-payments.pdf?from=2025-03-01&to=2025-06-30&fund=413"));
    expect(hall).to.include("Đã đăng ký, chưa đóng: đợt Sửa nhà văn hóa 131 2.500.000");
    expect(hall).to.not.include("Bê tông hóa đường thôn 2025");
    expect(hall).to.include("Số dư cuối kỳ: 300.000 đồng");

    // Excel: numbers, the totals and the closing balance formulas with their results (zero included)
    const xlsx = await get("receipts-payments.xlsx?from=2025-03-01&to=2025-06-30&fund=413");
    keep("receipts-payments-fund-413.xlsx", xlsx);
    const wb = await readXlsx(xlsx);
    const ws = wb.worksheets[0];
    const rows = (ws.getSheetValues().filter(Boolean) as Cell[][]).map((r) => r.slice(1));
    // exceljs's `value` drops a formula's result of 0, its `result` keeps what the file holds
    const at = (label: string, col: number) => {
      const c = ws.getRow(rows.findIndex((r) => r.includes(label)) + 1).getCell(col);
      return { formula: c.formula, result: c.result };
    };
    expect(at("Tổng cộng", 4).formula).to.match(/^SUM\(D2:D\d+\)$/);
    expect(at("Tổng cộng", 4).result).to.equal(300000);
    expect(at("Tổng cộng", 5).formula).to.match(/^SUM\(E2:E\d+\)$/);
    expect(at("Tổng cộng", 5).result, "a zero total still carries its value").to.equal(0);
    const rowOf = (label: string) => rows.findIndex((r) => r.includes(label)) + 1;
    expect(at("Số dư đầu kỳ", 4)).to.deep.equal({ formula: `D${rowOf("Trong đó, tiền mặt")}+D${rowOf("Trong đó, tiền gửi ngân hàng, kho bạc")}`, result: 0 });
    const closingCell = at("Số dư cuối kỳ", 4);
    expect(closingCell.result).to.equal(300000);
    // recomputing the formulas as Excel would gives the same closing balance
    const value = (ref: string): number => {
      const c = ws.getCell(ref);
      return c.formula ? (c.result as number) : (c.value as number);
    };
    const recomputed = closingCell.formula!.split(/(?=[+-])/).reduce((a, term) => a + (term.startsWith("-") ? -1 : 1) * value(term.replace(/^[+-]/, "")), 0);
    expect(closingCell.formula).to.equal(`D${rowOf("Số dư đầu kỳ")}+D${rowOf("Tổng thu trong kỳ")}-D${rowOf("Tổng chi trong kỳ")}`);
    expect(recomputed).to.equal(300000);
    expect(typeof ws.getRow(rows.findIndex((r) => r.includes("Thu đóng góp: đợt Sửa nhà văn hóa")) + 1).getCell(1).value).to.equal("number");
    expect(wb.worksheets.map((x) => x.name)).to.deep.equal(["Thu chi", "Ghi nhớ", "Thông tin"]);
    const memo = (wb.getWorksheet("Ghi nhớ")!.getSheetValues().filter(Boolean) as Cell[][]).map((r) => r.slice(1));
    expect(memo[1]).to.deep.equal([1, "Đã đăng ký, chưa đóng: đợt Sửa nhà văn hóa", "131", 2500000]);
  });

  it("when a statement is published, then its loudspeaker text reads figures and dates as words, and a contribution list's Excel counts are numbers", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const { campaignId } = await moneyedHamlet(t, w);
    const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, {
      statement: { kind: "receipts-payments", params: { from: "2025-03-01", to: "2025-06-30" } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16",
    });
    expect(d.status, JSON.stringify(d.body)).to.equal(201);
    const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    const text: string = a.body.announcement;
    const [spoken, code] = text.split("Mã xác minh");
    expect(spoken, spoken).to.not.match(/[0-9]/);
    expect(spoken).to.include("ngày mùng một tháng ba năm hai nghìn không trăm hai mươi lăm");
    expect(code).to.match(/^ của bản công khai là( [A-Z2-9]){10}\./);

    const x = await t.api.get(`/api/v1/units/${w.hamletA}/statements/contribution-list.xlsx?campaignId=${campaignId}`).set("Authorization", `Bearer ${w.treasurerA.token}`).buffer(true).parse(binary);
    const ws = (await readXlsx(x.body)).worksheets[0];
    const rows = (ws.getSheetValues().filter(Boolean) as Cell[][]).map((r) => r.slice(1));
    const count = rows.find((r) => r.includes("Số hộ trong danh sách"))!;
    expect(count.find((v) => typeof v === "number"), JSON.stringify(count)).to.equal(8);
  });
});

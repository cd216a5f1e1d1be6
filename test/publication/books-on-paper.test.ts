import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { ALL, CALLERS, Caller } from "../helpers/authz";
import { refused } from "../helpers/refused";
import { tokenOf } from "../security/route-cases";
import { binary, keep, moneyedHamlet, pdfText, readXlsx, requireTool } from "./helpers";

// The books a treasurer keeps on paper: the journal in date then voucher order, the cash book and
// the bank book with a running balance that is the ledger's balance at each date, the payment
// voucher of a cash payment, and a receipt printed as a cash voucher or as the bank's credit advice
// by where the money went, each refusing the other's entry.

describe("publication: the books on paper (journal, cash book, bank book, vouchers)", () => {
  it("when the books are printed, then the journal runs by date, the cash and bank books' balances are the ledger's at each date, and each voucher prints only for its money", async function () {
    requireTool("pdftotext", this);
    this.timeout(120_000); // a dozen documents, each made and read back
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "treasurerB", "headA"] });
    const { receipts, campaignId, households } = await moneyedHamlet(t, w);
    const as = t.as(w.treasurerA.token);
    // a back-dated payment, posted last: the chain has it last, the books on its day
    const late = await as.post(`/units/${w.hamletA}/entries`, {
      date: "2025-03-06", kind: "expense", description: "Mua sổ sách, văn phòng phẩm",
      postings: [{ account: "141", amount: "200000" }, { account: "111", amount: "-200000" }],
    });
    expect(late.status, JSON.stringify(late.body)).to.equal(201);
    const get = (token: string, p: string) => t.api.get(`/api/v1/units/${w.hamletA}/statements/${p}`).set("Authorization", `Bearer ${token}`).buffer(true).parse(binary);
    const ok = async (p: string) => {
      const r = await get(w.treasurerA.token, p);
      expect(r.status, `${p}: ${r.body.toString().slice(0, 300)}`).to.equal(200);
      return r;
    };
    const period = "from=2025-01-01&to=2025-06-30";

    // ---- the journal: date, then voucher number, in PDF and Excel
    const jx = await readXlsx((await ok(`journal.xlsx?${period}`)).body);
    const js = jx.worksheets[0];
    const lines: { date: string; voucher: string }[] = [];
    js.eachRow((row, n) => {
      const d = row.getCell(2).value;
      if (n > 1 && d instanceof Date) lines.push({ date: d.toISOString().slice(0, 10), voucher: String(row.getCell(3).value) });
    });
    expect(lines.length).to.be.greaterThan(5);
    const sorted = [...lines].sort((a, b) => (a.date === b.date ? (a.voucher < b.voucher ? -1 : 1) : a.date < b.date ? -1 : 1));
    expect(lines).to.deep.equal(sorted);
    expect(lines.findIndex((l) => l.voucher === late.body.voucherNo)).to.be.lessThan(lines.findIndex((l) => l.voucher === receipts[2].voucherNo));
    const jt = pdfText((await ok(`journal.pdf?${period}`)).body);
    const at = (v: string) => jt.indexOf(v);
    expect(at(late.body.voucherNo)).to.be.greaterThan(-1);
    expect(at(late.body.voucherNo)).to.be.lessThan(at(receipts[2].voucherNo));

    // ---- the cash book: opening, every cash movement, running balance = the ledger's balance at each date
    for (const [kind, code] of [["cash-book", "111"], ["bank-book", "112"]] as const) {
      const xlsx = (await ok(`${kind}.xlsx?from=2025-03-01&to=2025-06-30`)).body;
      keep(`${kind}.xlsx`, xlsx);
      const x = await readXlsx(xlsx);
      const sheet = x.worksheets[0];
      const byDate = new Map<string, bigint>();
      sheet.eachRow((row, n) => {
        const d = row.getCell(1).value;
        const bal = row.getCell(8).value;
        if (n > 1 && d instanceof Date && typeof bal === "number") byDate.set(d.toISOString().slice(0, 10), BigInt(bal));
        // a day's receipts come before its payments: no line shows money that was not there
        if (n > 1 && typeof bal === "number") expect(bal, `${kind} line ${n}`).to.be.at.least(0);
      });
      expect(byDate.size, kind).to.be.greaterThan(1); // the opening line and at least one day of movements
      for (const [date, balance] of byDate) {
        const api = await as.get(`/units/${w.hamletA}/accounts/${code}/balance?at=${date}`);
        expect(api.status).to.equal(200);
        expect(balance, `${kind} ${date}`).to.equal(BigInt(api.body.balance));
      }
      const pdf = await ok(`${kind}.pdf?from=2025-03-01&to=2025-06-30`);
      keep(`${kind}.pdf`, pdf.body);
      const text = pdfText(pdf.body);
      expect(text).to.include(kind === "cash-book" ? "SỔ QUỸ TIỀN MẶT" : "SỔ TIỀN GỬI NGÂN HÀNG, KHO BẠC");
      expect(text).to.include("Số dư đầu kỳ");
      expect(text).to.include("Số dư cuối kỳ");
      expect(text).to.not.include("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    }
    const cashText = pdfText((await ok(`cash-book.pdf?from=2025-03-01&to=2025-06-30`)).body);
    // opening carried in: the 5 March receipt went to the bank, so cash opens at zero; the back-dated payment sits on 6 March
    expect(cashText).to.include(late.body.voucherNo);
    expect(cashText).to.not.include(receipts[0].voucherNo);

    // ---- the payment voucher (phiếu chi, C41-BB)
    const pv = await ok(`payment-voucher.pdf?entryId=${late.body.id}`);
    keep("payment-voucher.pdf", pv.body);
    const pvText = pdfText(pv.body).replace(/\s+/g, " ");
    for (const s of ["PHIẾU CHI", "Mẫu số C41-BB", "Quyển số: PC-2025", `Số: ${late.body.voucherNo}`, "Nợ: 141", "Có: 111", "Họ và tên người nhận tiền",
      "Đã nhận đủ số tiền (viết bằng chữ): Hai trăm nghìn đồng.", "THỦ TRƯỞNG", "KẾ TOÁN", "THỦ QUỸ", "NGƯỜI LẬP", "NGƯỜI NHẬN"]) expect(pvText, s).to.include(s);

    // ---- a receipt into the bank prints as its credit advice; one in cash as the receipt voucher
    const bankEntry = receipts[0].entryId;
    const cashEntry = receipts[1].entryId;
    const br = pdfText((await ok(`bank-receipt.pdf?entryId=${bankEntry}`)).body).replace(/\s+/g, " ");
    for (const s of ["GIẤY BÁO CÓ", "Quyển số: PT-2025", `Số: ${receipts[0].voucherNo}`, "Nợ: 112"]) expect(br, s).to.include(s);
    const rc = pdfText((await ok(`receipt.pdf?entryId=${cashEntry}`)).body).replace(/\s+/g, " ");
    for (const s of ["PHIẾU THU", "Mẫu số C40-BB", "Quyển số: PT-2025", "Nợ: 111", "Đã nhận đủ số tiền (viết bằng chữ): Một triệu đồng.", "NGƯỜI NỘP", "THỦ QUỸ"]) expect(rc, s).to.include(s);

    // ---- refusals
    await refused(t, () => as.get(`/units/${w.hamletA}/statements/receipt.pdf?entryId=${bankEntry}`), 422, "not_cash_receipt");
    await refused(t, () => as.get(`/units/${w.hamletA}/statements/bank-receipt.pdf?entryId=${cashEntry}`), 422, "not_bank_receipt");
    await refused(t, () => as.get(`/units/${w.hamletA}/statements/payment-voucher.pdf?entryId=${cashEntry}`), 422, "not_a_payment");
    await refused(t, () => as.get(`/units/${w.hamletA}/statements/payment-voucher.pdf?entryId=999999`), 404, "not_found");
    // another unit's treasurer sees no such entry in their own unit, and cannot read this one
    await refused(t, () => t.as(w.treasurerB.token).get(`/units/${w.hamletB}/statements/payment-voucher.pdf?entryId=${late.body.id}`), 404, "not_found");
    await refused(t, () => t.as(w.treasurerB.token).get(`/units/${w.hamletA}/statements/payment-voucher.pdf?entryId=${late.body.id}`), 404, "not_found");
    // a cash book is published like the other books: approved once, verified by its figures, and a
    // bank deposit afterwards leaves it current (its scope is cash)
    const d = await as.post(`/units/${w.hamletA}/publications`, { statement: { kind: "cash-book", params: { from: "2025-03-01", to: "2025-06-30" } }, places: ["culture_house"], postedFrom: "2025-06-15", postedUntil: "2025-07-31" });
    expect(d.status, JSON.stringify(d.body)).to.equal(201);
    const ap = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
    expect(ap.status, JSON.stringify(ap.body)).to.equal(200);
    const deposit = await as.post(`/units/${w.hamletA}/contributions`, { householdId: households[1].id, campaignId, amount: "300000", date: "2025-06-10", method: "bank" });
    expect(deposit.status, JSON.stringify(deposit.body)).to.equal(201);
    expect(deposit.body.receiptUrl).to.include("/statements/bank-receipt.pdf?entryId=");
    const v = await t.as().get(`/public/verify/${ap.body.code}?hash=${ap.body.dataHash}`);
    expect(v.body).to.include({ genuine: true, current: true, newerEntries: 0 });
    expect(JSON.stringify(v.body.figures)).to.include("Số dư cuối kỳ");

    // who may print: staff of the unit, as for the receipt voucher
    expect((await get(w.headA.token, `payment-voucher.pdf?entryId=${late.body.id}`)).status).to.equal(200);
    expect((await t.api.get(`/api/v1/units/${w.hamletA}/statements/payment-voucher.pdf?entryId=${late.body.id}`)).status).to.equal(401);
  });

  it("when each kind of caller asks for the new books and vouchers, then staff and boards of the unit get them as they get the receipt voucher, others nothing", async function () {
    this.timeout(120_000); // five documents for each of seven callers
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    // every kind of caller the route table's cases name: this walks them all
    const w = await world(t);
    const { receipts } = await moneyedHamlet(t, w, { households: 2 });
    const pay = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/entries`, {
      date: "2025-04-02", kind: "expense", description: "Mua chổi quét đường", postings: [{ account: "141", amount: "100000" }, { account: "111", amount: "-100000" }],
    });
    expect(pay.status, JSON.stringify(pay.body)).to.equal(201);
    const READ: Record<Caller, number> = { ...ALL(200), none: 401, treasurerB: 404 };
    const asks = [
      `receipt.pdf?entryId=${receipts[1].entryId}`,
      `payment-voucher.pdf?entryId=${pay.body.id}`,
      `bank-receipt.pdf?entryId=${receipts[0].entryId}`,
      "cash-book.pdf?from=2025-01-01&to=2025-06-30",
      "bank-book.xlsx?from=2025-01-01&to=2025-06-30",
    ];
    for (const ask of asks) {
      const got: Record<string, number> = {};
      for (const who of CALLERS) {
        const req = t.api.get(`/api/v1/units/${w.hamletA}/statements/${ask}`).buffer(true).parse(binary);
        const token = tokenOf(w, who);
        got[who] = (await (token ? req.set("Authorization", `Bearer ${token}`) : req)).status;
      }
      expect(got, ask).to.deep.equal(READ);
    }
  });
});

import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { inWords } from "../../src/shared/words-vi";
import { dong, formatDong, parseDong, toWire } from "../../src/shared/money";
import { binary, keep, moneyedHamlet, pdfText, readXlsx, requireTool } from "./helpers";
import { cash, fixtureActor, fixtureFinding, fixtureInspection, work } from "../helpers/given-works";
import { recordExpense } from "../../src/works";

// Every statement renders as PDF and Excel from the same data; the PDF's
// text has the heading, every household, the totals and the amount in words; Excel reads back the
// same numbers; PDF, Excel and the ledger agree to the đồng. Verified with pdftotext and exceljs.

const HEX64 = /^[0-9a-f]{64}$/;

describe("publication: statements for staff and boards", () => {
  it("when staff download the contribution list, receipts and payments, trial balance and journal, then PDF, Excel and the ledger agree", async function () {
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA", "inspector"] });
    const { campaignId, households, paid: paidStr } = await moneyedHamlet(t, w);
    const get = async (token: string, p: string) => {
      const r = await t.api.get(`/api/v1/units/${w.hamletA}/statements/${p}`).set("Authorization", `Bearer ${token}`).buffer(true).parse(binary);
      expect(r.status, `${p}: ${r.body.toString().slice(0, 300)}`).to.equal(200);
      return r;
    };

    // ---- contribution list (as the board's inspector: boards read statements too)
    const pdfRes = await get(w.inspector.token, `contribution-list.pdf?campaignId=${campaignId}`);
    const xlsxRes = await get(w.headA.token, `contribution-list.xlsx?campaignId=${campaignId}`);
    expect(pdfRes.headers["content-type"]).to.equal("application/pdf");
    expect(pdfRes.headers["x-data-hash"]).to.match(HEX64);
    expect(pdfRes.headers["x-chain-head"]).to.match(/^[0-9]+:[0-9a-f]{64}$/);
    // the same data gives the same hash, whatever the format or the reader
    expect(xlsxRes.headers["x-data-hash"]).to.equal(pdfRes.headers["x-data-hash"]);
    keep("contribution-list.pdf", pdfRes.body);
    keep("contribution-list.xlsx", xlsxRes.body);
    const text = pdfText(pdfRes.body);
    for (const s of ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "THÔN ĐỒNG TÂM", "UBND XÃ TÂN LINH", "DANH SÁCH ĐÓNG GÓP", "Tân Linh, ngày 15 tháng 6 năm 2025", "Trang 1/"]) {
      expect(text, s).to.include(s);
    }
    for (const h of households) expect(text, h.name).to.include(`${h.code} ${h.name}`);
    const paid = parseDong(paidStr);
    const summary = await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/campaigns/${campaignId}/summary`);
    expect(summary.body.paid, "the ledger's campaign total").to.equal(toWire(paid));
    expect(text).to.include(`Tổng cộng`);
    expect(text).to.include(formatDong(paid));
    expect(text).to.include(inWords(paid));
    expect(text).to.include(pdfRes.headers["x-data-hash"]);
    expect(text).to.include(pdfRes.headers["x-chain-head"]);
    expect(text).to.include("chưa công bố");
    // Excel: real numbers, the totals a formula with its value
    const wb = await readXlsx(xlsxRes.body);
    const ws = wb.worksheets[0];
    expect(ws.name).to.equal("Danh sách đóng góp");
    expect(ws.getRow(1).getCell(3).value).to.equal("Họ và tên chủ hộ");
    const byCode = new Map<string, ExcelRow>();
    type ExcelRow = { paid: unknown; name: unknown };
    for (let r = 2; r <= households.length + 1; r++) byCode.set(String(ws.getRow(r).getCell(2).value), { name: ws.getRow(r).getCell(3).value, paid: ws.getRow(r).getCell(5).value });
    expect([...byCode.keys()].sort()).to.deep.equal(households.map((h) => h.code).sort());
    expect(byCode.get("DT-001")!.paid).to.equal(1250000);
    const total = ws.getRow(households.length + 2).getCell(5).value as { formula: string; result: number };
    expect(total.formula).to.equal(`SUM(E2:E${households.length + 1})`);
    expect(total.result).to.equal(Number(paid));
    expect(ws.getCell("E2").numFmt).to.equal("#,##0");
    expect(ws.views[0]).to.include({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).to.not.equal(undefined);
    const info = wb.getWorksheet("Thông tin")!;
    const infoText = JSON.stringify(info.getSheetValues());
    expect(infoText).to.include(pdfRes.headers["x-data-hash"]);
    expect(infoText).to.include(pdfRes.headers["x-chain-head"]);

    // ---- receipts and payments: opening + receipts - payments = closing = the cash the ledger holds
    const rp = await get(w.treasurerA.token, "receipts-payments.pdf?from=2025-01-01&to=2025-06-30");
    const rpX = await get(w.treasurerA.token, "receipts-payments.xlsx?from=2025-01-01&to=2025-06-30");
    keep("receipts-payments.pdf", rp.body);
    const cash = dong(
      parseDong((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/accounts/111/balance?at=2025-06-30`)).body.balance) +
        parseDong((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/accounts/112/balance?at=2025-06-30`)).body.balance),
    );
    const rpText = pdfText(rp.body);
    expect(rpText).to.include("BÁO CÁO CÔNG KHAI THU, CHI");
    expect(rpText).to.include(`Số dư cuối kỳ: ${formatDong(cash)} đồng`);
    expect(rpText).to.include(inWords(cash));
    expect(rpText).to.include(`Tổng thu trong kỳ: ${formatDong(paid)} đồng`);
    expect(rpText).to.include("Tổng chi trong kỳ: 300.000 đồng");
    const rpWs = (await readXlsx(rpX.body)).worksheets[0];
    const rpRows = rpWs.getSheetValues().filter(Boolean) as unknown[][];
    const totalRow = rpRows.find((r) => r.includes("Tổng cộng"))!;
    expect((totalRow[4] as { result: number }).result).to.equal(Number(paid));
    expect((totalRow[5] as { result: number }).result).to.equal(300000);

    // ---- trial balance: debits equal credits, in the PDF and in Excel
    const tb = await get(w.inspector.token, "trial-balance.pdf?from=2025-01-01&to=2025-06-30");
    const tbX = await get(w.inspector.token, "trial-balance.xlsx?from=2025-01-01&to=2025-06-30");
    keep("trial-balance.pdf", tb.body);
    const api = (await t.as(w.inspector.token).get(`/units/${w.hamletA}/trial-balance?from=2025-01-01&to=2025-06-30`)).body;
    const tbText = pdfText(tb.body);
    expect(tbText).to.include("BẢNG CÂN ĐỐI TÀI KHOẢN");
    expect(tbText).to.include(inWords(api.totals.debit));
    const tbRows = (await readXlsx(tbX.body)).worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    const tbTotal = tbRows.find((r) => r.includes("Tổng cộng"))!;
    expect((tbTotal[5] as { result: number }).result).to.equal(Number(api.totals.debit));
    expect((tbTotal[6] as { result: number }).result).to.equal(Number(api.totals.credit));

    // ---- journal: one row per entry, by date then voucher number
    const j = await get(w.treasurerA.token, "journal.pdf?from=2025-01-01&to=2025-06-30");
    const jX = await get(w.treasurerA.token, "journal.xlsx?from=2025-01-01&to=2025-06-30");
    keep("journal.pdf", j.body);
    const entries = (await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/entries?limit=500`)).body.data as { voucherNo: string; date: string }[];
    const jText = pdfText(j.body);
    for (const e of entries) expect(jText).to.include(e.voucherNo);
    const jWs = (await readXlsx(jX.body)).worksheets[0];
    const byDate = [...entries].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.voucherNo < b.voucherNo ? -1 : 1));
    expect(jWs.getRow(entries.length + 1).getCell(3).value).to.equal(byDate[byDate.length - 1].voucherNo);
    expect(jWs.getRow(2).getCell(2).value).to.be.instanceOf(Date);
    expect((jWs.getRow(2).getCell(2).value as Date).toISOString().slice(0, 10)).to.equal(byDate[0].date);
    expect(jWs.getRow(2).getCell(3).value).to.equal(byDate[0].voucherNo);
  });

  it("when a household's receipt is downloaded, then it has the accounting-form heading and the amount in words, and its code shows it in the public ledger", async function () {
    requireTool("pdftotext", this);
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const { receipts } = await moneyedHamlet(t, w, { households: 3 }); // the second paid in cash: enough cash stays to reverse it
    const r = await t.api.get(`/api/v1/units/${w.hamletA}/statements/receipt.pdf?entryId=${receipts[1].entryId}`).set("Authorization", `Bearer ${w.treasurerA.token}`).buffer(true).parse(binary);
    expect(r.status).to.equal(200);
    keep("receipt.pdf", r.body);
    const text = pdfText(r.body);
    expect(text).to.include("PHIẾU THU");
    expect(text).to.include("Mẫu số C40-BB");
    expect(text).to.include(receipts[1].voucherNo);
    expect(text).to.include("Quyển số: PT-2025");
    expect(text).to.include("Trần Thị Ngọc Ánh (hộ DT-002)");
    expect(text).to.include("Đã nhận đủ số tiền (viết bằng chữ): Một triệu đồng");
    expect(text).to.include("Ngày 06 tháng 3 năm 2025");
    expect(text).to.not.include("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).to.not.include("Độc lập - Tự do - Hạnh phúc");
    // its code shows the receipt in the public ledger, and says when it has been cancelled
    const code = /Mã xác minh: (R-[0-9]+-[0-9a-f]{10})/.exec(text)![1];
    const v = await t.as().get(`/public/verify/${code}?hash=${r.headers["x-data-hash"]}`);
    expect(v.status).to.equal(200);
    expect(v.body).to.include({ genuine: true, kind: "receipt", current: true });
    expect(v.body.receipt).to.deep.equal({ voucherNo: receipts[1].voucherNo, date: "2025-03-06", amount: "1000000", household: "DT-002", reversed: false });
    const page = await t.api.get(`/verify/${code}`);
    expect(page.text).to.include(receipts[1].voucherNo);
    expect(page.text).to.include("1.000.000 đồng");
    const contribution = (await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/households/${(await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/households`)).body.data[1].id}/history`)).body.campaigns[0].items[0];
    expect((await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/contributions/${contribution.id}/reversal`, { date: "2025-03-06", reason: "Nhầm" })).status).to.equal(201);
    expect((await t.as().get(`/public/verify/${code}?hash=${r.headers["x-data-hash"]}`)).body).to.include({ genuine: true, current: false });
    expect((await t.api.get(`/verify/${code}`)).text).to.include("đã bị hủy");
    expect((await t.as().get(`/public/verify/R-${receipts[1].entryId}-0000000000?hash=${r.headers["x-data-hash"]}`)).status).to.equal(404);
  });

  it("when a work has expenses and a finding, then its settlement shows cost by category, funding by source and the findings, and Excel agrees", async function () {
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA", "inspector"] });
    const wk = await work(t, w);
    await cash(t, w.hamletA, "50000000");
    // Three payees: one payee's 9,500,000 in a day would be a split payment awaiting a head.
    for (const [category, amount, payee] of [["materials", "4000000", "Cửa hàng VLXD Hưng Thịnh"], ["materials", "3500000", "Công ty Đá Tân Linh"], ["labour", "2000000", "Tổ thợ ông Tâm"]] as const) {
      await t.db.transaction((trx) =>
        recordExpense(trx, fixtureActor(t, w), w.hamletA, wk.id, { category, amount: parseDong(amount), date: "2025-06-01", payee, description: "Xi măng, cát, đá", method: "cash" }),
      );
    }
    const insp = await fixtureInspection(t, w, { workId: wk.id });
    await fixtureFinding(t, w, insp.id, "major", "2025-06-10");
    const get = (ext: string) => t.api.get(`/api/v1/units/${w.hamletA}/statements/work-settlement.${ext}?workId=${wk.id}`).set("Authorization", `Bearer ${w.inspector.token}`).buffer(true).parse(binary);
    const pdf = await get("pdf");
    expect(pdf.status, pdf.body.toString().slice(0, 300)).to.equal(200);
    keep("work-settlement.pdf", pdf.body);
    const text = pdfText(pdf.body);
    for (const x of ["BÁO CÁO THU – CHI CÔNG TRÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Công trình: Đường bê tông xóm 3", "Vật liệu", "60.000.000", "7.500.000", "Nhân công", "Nguồn vốn", "Nhân dân đóng góp", "Ngân sách xã", "Bê tông thiếu độ dày", "Nghiêm trọng", "Chưa xử lý (quá hạn)", "Tổng thực chi: 9.500.000 đồng", "Chín triệu năm trăm nghìn đồng"]) {
      expect(text, x).to.include(x);
    }
    const wb = await readXlsx((await get("xlsx")).body);
    expect(wb.worksheets.map((x) => x.name)).to.deep.equal(["Chi phí", "Nguồn vốn", "Kết quả giám sát", "Thông tin"]);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((r) => r.includes("Tổng cộng"))!;
    expect((total[5] as { result: number }).result).to.equal(9500000);
    expect((total[4] as { result: number }).result).to.equal(80000000);
    // the board signs the settlement on its draft, and the published copy prints it
    const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "work-settlement", params: { workId: wk.id } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" });
    expect(d.status, JSON.stringify(d.body)).to.equal(201);
    expect((await t.as(w.inspector.token).post(`/units/${w.hamletA}/publications/${d.body.id}/board-opinions`, { stance: "sign_off", text: "Ban đã kiểm tra hồ sơ quyết toán." })).status).to.equal(201);
    const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    const published = pdfText((await t.api.get(`/api/v1/public/publications/${d.body.id}.pdf`).buffer(true).parse(binary)).body);
    expect(published).to.include("Xác nhận — Ban GSĐTCĐ");
  });
});

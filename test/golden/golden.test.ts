import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { STATEMENT_KINDS, StatementKind } from "../../reports/statements";
import { testApp, TestApp } from "../helpers/app";
import { world, WorldOf } from "../helpers/given";
import { fixtureFinding, fixtureInspection, work } from "../helpers/given-works";
import { decision } from "../decisions/given";
import { binary, keep, moneyedHamlet, pdfText, requireTool } from "../publication/helpers";

// Golden documents: every statement kind, made from one small world on a fixed clock, reads back
// through `pdftotext -layout` as the text committed in test/golden/<kind>.txt, so that a change of
// layout shows as a diff to review. After a deliberate change, rewrite them and read the diff:
//   TEST_DB=sqlite UPDATE_GOLDEN=1 node_modules/.bin/mocha test/golden
// The same texts hold on SQLite and PostgreSQL: what depends on neither the data nor the layout (the
// data hash, the chain head's hash, a receipt's code) is masked before comparing. Each document's
// page breaks are checked too: a table crossing pages repeats its header and carries its sums over,
// and no page holds a signature block alone.

const GOLDEN = __dirname;
const NOW = "2025-06-15T03:00:00.000Z";
type People = "treasurerA" | "headA" | "inspector" | "communeAdmin";

interface Fixture {
  t: TestApp;
  w: WorldOf<People>;
  campaignId: number;
  receiptEntryId: number;
  bankReceiptEntryId: number;
  paymentEntryId: number;
  workId: number;
  inspectionId: number;
  decisionId: number;
}

/** The query of each kind's document in the fixture (a new kind fails to compile until it has one). */
const QUERIES: Record<StatementKind, (f: Fixture) => string> = {
  "contribution-list": (f) => `campaignId=${f.campaignId}`,
  "receipts-payments": () => "from=2025-01-01&to=2025-06-30",
  "work-settlement": (f) => `workId=${f.workId}`,
  "inspection-minutes": (f) => `inspectionId=${f.inspectionId}`,
  receipt: (f) => `entryId=${f.receiptEntryId}`,
  "trial-balance": () => "from=2025-01-01&to=2025-06-30",
  journal: () => "from=2025-01-01&to=2025-06-30",
  "cash-book": () => "from=2025-03-01&to=2025-06-30",
  "bank-book": () => "from=2025-01-01&to=2025-06-30",
  "payment-voucher": (f) => `entryId=${f.paymentEntryId}`,
  "bank-receipt": (f) => `entryId=${f.bankReceiptEntryId}`,
  "board-report": (f) => `boardId=${f.w.board}&from=2025-06-01&to=2025-06-30`,
  decision: (f) => `decisionId=${f.decisionId}`,
};
/** A board's report is its commune's: read there by the commune's admin; every other kind is hamlet A's, read by its treasurer. */
const WHERE = (f: Fixture, kind: StatementKind): [number, string] => (kind === "board-report" ? [f.w.commune, f.w.communeAdmin.token] : [f.w.hamletA, f.w.treasurerA.token]);

/** Hamlet A with 40 households (the list and the journal cross pages), a work with payments and an inspection filed with a finding. */
async function fixture(): Promise<Fixture> {
  const t = await testApp({ now: NOW });
  const w = await world(t, { only: ["treasurerA", "headA", "inspector", "communeAdmin"] });
  const { campaignId, receipts } = await moneyedHamlet(t, w, { households: 40 });
  const funds = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/entries`, {
    date: "2025-05-02", kind: "adjustment", description: "Tiền quỹ chuyển sang",
    postings: [{ account: "111", amount: "30000000" }, { account: "338", amount: "-30000000" }],
  });
  expect(funds.status, JSON.stringify(funds.body)).to.equal(201);
  const wk = await work(t, w, { contractor: "Hợp tác xã Xây dựng Quyết Tiến" });
  const payments: number[] = [];
  for (const [category, amount, payee] of [["materials", "4000000", "Cửa hàng VLXD Hưng Thịnh"], ["materials", "3500000", "Công ty Đá Tân Linh"], ["labour", "2000000", "Tổ thợ ông Tâm"]] as const) {
    const r = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${wk.id}/expenses`, { category, amount, date: "2025-06-01", payee, description: "Xi măng, cát, đá", method: "cash" });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    payments.push(r.body.entryId);
  }
  const insp = await fixtureInspection(t, w, { workId: wk.id });
  await fixtureFinding(t, w, insp.id, "major", "2025-06-10");
  const filed = await t.as(w.inspector.token).post(`/boards/${w.board}/inspections/${insp.id}/transitions`, { to: "filed" });
  expect(filed.status, JSON.stringify(filed.body)).to.equal(200);
  // 40 households in the register, 31 agreeing: more than two thirds (27 needed)
  const dec = await decision(t, w.hamletA, { agree: 31, title: "Mức đóng góp làm đường bê tông trục chính" });
  // the first household paid into the bank (its credit advice), the second in cash (its receipt voucher)
  return { t, w, campaignId, decisionId: dec.id, receiptEntryId: receipts[1].entryId, bankReceiptEntryId: receipts[0].entryId, paymentEntryId: payments[0], workId: wk.id, inspectionId: insp.id };
}

/** pdftotext -layout, page by page, with trailing blanks cut and what varies by engine masked. */
function layoutPages(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-golden-"));
  const file = path.join(dir, "a.pdf");
  fs.writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]).toString("utf8");
  fs.rmSync(dir, { recursive: true, force: true });
  const pages = text.split("\f");
  if (pages[pages.length - 1].trim() === "") pages.pop();
  return pages.map((p) =>
    p
      .replace(/R-[0-9]+-[0-9a-f]{10}/g, "R-<entry>-<hash>")
      .replace(/[0-9a-f]{64}/g, "<sha256>")
      .split("\n")
      .map((l) => l.trimEnd())
      .join("\n")
      .replace(/^\n+|\n+$/g, ""),
  );
}

const SUMS = /Cộng chuyển sang trang sau((?: \(?[0-9.]+\)?)+)/;

/**
 * The page-break rules on one document (pdftotext -raw, a page at a time): a page that carries its
 * sums to the next ends with "Cộng chuyển sang trang sau", and the next page starts, under its
 * running line, with the table's header and "Cộng trang trước chuyển sang" with the same sums; the
 * signature block shares its page with what comes before it.
 */
function checkBreaks(kind: string, pdf: Buffer, pages: number) {
  const raw = Array.from({ length: pages }, (_x, i) => pdfText(pdf, i + 1));
  for (let i = 0; i < pages; i++) {
    const out = SUMS.exec(raw[i]);
    if (!out) continue;
    expect(i + 1, `${kind}: page ${i + 1} carries sums past the last page`).to.be.lessThan(pages);
    const next = raw[i + 1];
    expect(next, `${kind}: page ${i + 2} starts with the table's header`).to.match(/\(tiếp theo\) (STT|Số hiệu TK|Tài khoản|Ngày) .* Cộng trang trước chuyển sang/);
    expect(next, `${kind}: the sums carried from page ${i + 1} to ${i + 2}`).to.include(`Cộng trang trước chuyển sang${out[1]} `);
  }
  // the signature block: on the page of its first hint "(Ký", words of the document (any with a lower
  // case letter: the roles are upper case) stand before it besides the running line and a date line
  const sigPage = raw.findIndex((r) => r.includes("(Ký"));
  expect(sigPage, `${kind}: a signature block`).to.be.at.least(0);
  const before = raw[sigPage]
    .slice(0, raw[sigPage].indexOf("(Ký"))
    .replace(/^.*\(tiếp theo\)/, "")
    .replace(/[^ ]+, ngày [0-9]+ tháng [0-9]+ năm [0-9]+/, "");
  const words = before.split(" ").filter((x) => x !== x.toLocaleUpperCase("vi"));
  expect(words.length, `${kind}: page ${sigPage + 1} holds more than the signatures`).to.be.at.least(3);
}

describe("golden documents: every statement kind's text and page breaks", function () {
  this.timeout(180_000);
  it("when every statement kind is made from the fixed world, then each reads as its golden text and its pages break by the rules", async function () {
    requireTool("pdftotext", this);
    // one world for all kinds (a test's database lives as long as the test)
    const f = await fixture();
    const differ: string[] = [];
    for (const kind of STATEMENT_KINDS) {
      const [unitId, token] = WHERE(f, kind);
      const r = await f.t.api.get(`/api/v1/units/${unitId}/statements/${kind}.pdf?${QUERIES[kind](f)}`).set("Authorization", `Bearer ${token}`).buffer(true).parse(binary);
      expect(r.status, `${kind}: ${r.body.toString().slice(0, 300)}`).to.equal(200);
      keep(`golden-${kind}.pdf`, r.body);
      const pages = layoutPages(r.body);
      const text = pages.map((p, i) => `---- page ${i + 1} ----\n${p}\n`).join("\n");
      const file = path.join(GOLDEN, `${kind}.txt`);
      if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(file, text);
      if (!fs.existsSync(file)) differ.push(`${kind}: ${file} is missing: make it with UPDATE_GOLDEN=1 and review it`);
      else if (text !== fs.readFileSync(file, "utf8")) differ.push(`${kind}: differs from test/golden/${kind}.txt (UPDATE_GOLDEN=1 rewrites it after a deliberate change; review the diff)`);
      checkBreaks(kind, r.body, pages.length);
    }
    expect(differ, differ.join("\n")).to.deep.equal([]);
  });
});

/** The page size pdfinfo reads (points, rounded). */
function pageSize(pdf: Buffer): { w: number; h: number; pages: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-golden-"));
  const file = path.join(dir, "a.pdf");
  fs.writeFileSync(file, pdf);
  const info = execFileSync("pdfinfo", [file]).toString();
  fs.rmSync(dir, { recursive: true, force: true });
  const m = /Page size:\s+([0-9.]+) x ([0-9.]+) pts/.exec(info)!;
  return { w: Math.round(Number(m[1])), h: Math.round(Number(m[2])), pages: Number(/Pages:\s+(\d+)/.exec(info)![1]) };
}

describe("golden documents: a receipt on the papers a household keeps", function () {
  this.timeout(180_000);
  it("when a receipt is asked on A5 or an 80 mm roll, then it reads as its golden text with every part of the C40-BB form, on A5 portrait or one 80 mm page as long as it needs, named after its voucher number; another paper is refused", async function () {
    requireTool("pdftotext", this);
    const f = await fixture();
    const get = (q: string, kind = "receipt") =>
      f.t.api.get(`/api/v1/units/${f.w.hamletA}/statements/${kind}.pdf?${q}`).set("Authorization", `Bearer ${f.w.treasurerA.token}`).buffer(true).parse(binary);
    const differ: string[] = [];
    const sizes: Record<string, { w: number; h: number; pages: number }> = {};
    for (const paper of ["a4", "a5", "roll80"] as const) {
      const r = await get(`entryId=${f.receiptEntryId}${paper === "a4" ? "" : `&paper=${paper}`}`);
      expect(r.status, `${paper}: ${r.body.toString().slice(0, 300)}`).to.equal(200);
      // named after the voucher number as printed
      expect(r.headers["content-disposition"], paper).to.equal('attachment; filename="PT-2025-000002.pdf"');
      keep(`golden-receipt-${paper}.pdf`, r.body);
      sizes[paper] = pageSize(r.body);
      const raw = pdfText(r.body);
      // every part of the form (documents.md: C40-BB), the amount in words and the verification
      for (const part of ["Mẫu số C40-BB", "Thông tư số 70/2019/TT-BTC", "Đơn vị: Thôn Đồng Tâm, xã Tân Linh", "PHIẾU THU", "Ngày 06 tháng 3 năm 2025", "Quyển số: PT-2025", "Số: PT-2025-000002", "Nợ: 111", "Có: 711",
        "Họ và tên người nộp tiền: Trần Thị Ngọc Ánh (hộ DT-002)", "Địa chỉ:", "Lý do nộp:", "Số tiền: 1.000.000 đồng", "Kèm theo:", "Đã nhận đủ số tiền (viết bằng chữ): Một triệu đồng.",
        "THỦ TRƯỞNG", "KẾ TOÁN", "NGƯỜI NỘP", "NGƯỜI LẬP", "THỦ QUỸ", "(Ký, họ tên)", "Mã xác minh", "Kiểm tra tại:", "Mã băm dữ liệu"]) {
        expect(raw, `${paper}: ${part}`).to.include(part);
      }
      expect(raw, `${paper}: the receipt's code`).to.match(/R-[0-9]+-[0-9a-f]{10}/);
      if (paper === "a4") continue;
      // a roll prints a hash and the link in pieces: masked like whole ones
      const pieces = (x: string) => x.replace(/R-[0-9]+-[0-9a-f]{0,9}\n[0-9a-f]{1,10}\b/g, "R-<entry>-<hash>").replace(/[0-9a-f]{12,}/g, "<hex>");
      const text = layoutPages(r.body).map((p, i) => `---- page ${i + 1} ----\n${pieces(p)}\n`).join("\n");
      const file = path.join(GOLDEN, `receipt-${paper}.txt`);
      if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(file, text);
      if (!fs.existsSync(file)) differ.push(`receipt-${paper}: ${file} is missing: make it with UPDATE_GOLDEN=1 and review it`);
      else if (text !== fs.readFileSync(file, "utf8")) differ.push(`receipt-${paper}: differs from test/golden/receipt-${paper}.txt`);
    }
    expect(differ, differ.join("\n")).to.deep.equal([]);
    expect(sizes.a4).to.deep.equal({ w: 595, h: 842, pages: 1 });
    expect(sizes.a5).to.deep.equal({ w: 420, h: 595, pages: 1 });
    // one 80 mm page, as long as the receipt, no longer than a roll's page may be
    expect(sizes.roll80.w).to.equal(227);
    expect(sizes.roll80.pages).to.equal(1);
    expect(sizes.roll80.h).to.be.within(500, 14400);

    // A5 and the roll for the other vouchers too; any other paper, or a paper for a statement, is refused
    const pay = await get(`entryId=${f.paymentEntryId}&paper=roll80`, "payment-voucher");
    expect(pay.status).to.equal(200);
    expect(pay.headers["content-disposition"]).to.match(/^attachment; filename="PC-2025-[0-9]{6}\.pdf"$/);
    for (const [q, kind] of [[`entryId=${f.receiptEntryId}&paper=a3`, "receipt"], [`entryId=${f.receiptEntryId}&paper=`, "receipt"], [`campaignId=${f.campaignId}&paper=a5`, "contribution-list"]] as const) {
      const bad = await get(q, kind);
      expect(bad.status, q).to.equal(400);
      expect(bad.headers["content-type"], q).to.match(/^application\/problem\+json/);
      expect(JSON.parse(bad.body.toString()).code, q).to.equal("validation_failed");
    }
  });
});

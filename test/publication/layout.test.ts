import { PassThrough } from "node:stream";
import { expect } from "chai";
import { STATEMENTS } from "../../reports/statements";
import { countPages, renderPdf, renderXlsx, scan, StatementModel, Row } from "../../src/publication";
import { dong, ZERO } from "../../src/shared/money";
import { inWords } from "../../src/shared/words-vi";
import { keep, pdfPages, pdfText, readXlsx, requireTool } from "./helpers";

// A 40-page statement repeats its table header on every page, numbers its
// pages "Trang n/40" and breaks no row across pages. The renderers work on a statement model, so
// this needs no database: rows are made here, some with names long enough to wrap.

const LONG = "Nguyễn Thị Thu Hương Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý";

function model(n: number): StatementModel {
  const rows = (): AsyncIterable<Row> =>
    (async function* () {
      for (let i = 1; i <= n; i++) {
        yield {
          stt: i,
          code: `DT-${String(i).padStart(4, "0")}`,
          name: i % 7 === 0 ? `${LONG} ${i}` : `Hộ số ${i} Đặng Văn Ất`,
          suggested: dong(1000000n),
          paid: dong(i % 3 === 0 ? 0n : 1250000n),
          outstanding: ZERO,
          exempt: i % 11 === 0 ? "Miễn" : "",
          inKind: i % 5 === 0 ? "3 ngày công; 45 m²" : "",
          receipts: i % 3 === 0 ? "" : `PT-2025-${String(i).padStart(6, "0")}`,
        };
      }
    })();
  const paid = dong(1250000n * BigInt(n - Math.floor(n / 3)));
  return {
    kind: "contribution-list",
    def: STATEMENTS["contribution-list"],
    params: { campaignId: 1 },
    unit: { id: 1, code: "dong-tam", name: "Thôn Đồng Tâm", kind: "hamlet" },
    parentLine: "UBND Xã Tân Linh",
    unitFullName: "Thôn Đồng Tâm, xã Tân Linh",
    recipients: ["- UBND xã Tân Linh (để báo cáo);", "- Lưu: VT."],
    place: "Tân Linh",
    date: "2025-03-05",
    subtitle: ["Đợt vận động: Bê tông hóa đường trục thôn", "(Tính đến ngày 05 tháng 3 năm 2025)"],
    period: { from: "2025-02-01", to: "2025-03-05" },
    fields: [{ label: "Mục đích", value: "Đổ bê tông 1,2 km đường trục chính" }],
    tables: [{ def: STATEMENTS["contribution-list"].table, rows }],
    summary: [{ label: "Số hộ trong danh sách", value: String(n) }],
    words: { label: STATEMENTS["contribution-list"].wordsLabel, amount: paid },
    opinions: [],
    chainHead: { seq: 4242, hash: "ab".repeat(32) },
    generatedAt: "2025-03-05T03:00:00.000Z",
    code: null,
    verifyUrl: "http://localhost:3000/verify/not-published",
  };
}

async function toBuffer(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await write(out);
  return Buffer.concat(chunks);
}

describe("publication: the layout of long statements", () => {
  it("when a statement runs to 40 pages, then every page repeats the header, says Trang n/40, and no row is split", async function () {
    requireTool("pdftotext", this);
    // The most rows that fit in 40 pages: one more takes 41 (page count grows with rows; the dry run counts them).
    const pagesOf = async (n: number) => {
      const m = model(n);
      return countPages(m, await scan(m));
    };
    const perPage = 700 / ((await pagesOf(700)) - 1); // a first guess narrows the search to a few tries
    let lo = Math.floor(40 * perPage - 2 * perPage);
    let hi = Math.ceil(41 * perPage + 2 * perPage);
    expect(await pagesOf(lo)).to.be.lessThan(41);
    expect(await pagesOf(hi)).to.be.at.least(41);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const m = model(mid);
      if ((await countPages(m, await scan(m))) >= 41) hi = mid;
      else lo = mid + 1;
    }
    lo -= 1;
    const m = model(lo);
    const s = await scan(m);
    const pdf = await toBuffer((out) => renderPdf(m, s, out));
    keep("forty-pages.pdf", pdf);
    expect(pdfPages(pdf)).to.equal(40);
    const seen = new Map<string, number>();
    for (let page = 1; page <= 40; page++) {
      const text = pdfText(pdf, page);
      expect(text, `page ${page}`).to.include(`Trang ${page}/40`);
      // every page with rows has the header above them
      if (/DT-\d{4}/.test(text)) expect(text, `page ${page}`).to.include("STT Mã hộ Họ và tên chủ hộ Mức vận động Đã đóng góp");
      else expect(page, "only the last page may hold no rows").to.equal(40);
      for (const match of text.matchAll(/DT-(\d{4})/g)) {
        const i = Number(match[1]);
        expect(seen.has(match[0]), `${match[0]} on page ${page} and page ${seen.get(match[0])}`).to.equal(false);
        seen.set(match[0], page);
        // the whole row is on this page: its name (wrapped or not) and its amounts
        expect(text, `row ${i} on page ${page}`).to.include(i % 7 === 0 ? `${LONG} ${i}` : `Hộ số ${i} Đặng Văn Ất`);
      }
    }
    expect(seen.size).to.equal(lo);
    const last = pdfText(pdf, 40);
    expect(last).to.include("Tổng cộng");
    expect(last).to.include(inWords(m.words.amount));
    expect(last).to.include(s.dataHash);
    // Excel from the same model: the same rows and total
    const wb = await readXlsx(await toBuffer((out) => renderXlsx(m, s, out)));
    const ws = wb.worksheets[0];
    expect(ws.rowCount).to.be.at.least(lo + 2);
    expect((ws.getRow(lo + 2).getCell(5).value as { result: number }).result).to.equal(Number(m.words.amount));
  });

  it("when the same model is rendered twice, then the PDF bytes are the same (the creation date is the clock's)", async () => {
    const m = model(30);
    const s = await scan(m);
    const a = await toBuffer((out) => renderPdf(m, s, out));
    const b = await toBuffer((out) => renderPdf(m, s, out));
    expect(a.equals(b)).to.equal(true);
  });
});

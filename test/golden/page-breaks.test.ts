import { PassThrough } from "node:stream";
import { expect } from "chai";
import { STATEMENTS, StatementKind } from "../../reports/statements";
import { countPages, renderPdf, Row, scan, StatementModel } from "../../src/publication";
import { dong } from "../../src/shared/money";
import { pdfPages, pdfText, requireTool } from "../publication/helpers";

// Where a page ends, on statements of every length up to beyond a page of rows (no database: the
// model is made here). Whatever the number of rows, the signatures share their page with the last rows and
// the totals row, a page the table continues from ends with the sums carried over, and the next
// one starts with the header and the same sums carried in.

function model(kind: StatementKind, n: number): StatementModel {
  const def = STATEMENTS[kind];
  const rows = (): AsyncIterable<Row> =>
    (async function* () {
      for (let i = 1; i <= n; i++) {
        const r: Row = {};
        for (const c of def.table.columns) {
          r[c.key] = c.kind === "money" ? dong(BigInt(100000 * (i % 7) + 50000)) : c.kind === "int" ? i : c.kind === "date" ? "2025-03-05" : c.kind === "code" ? `R${String(i).padStart(4, "0")}` : `Hộ ông Đặng Văn Ất số ${i}`;
        }
        yield r;
      }
    })();
  return {
    kind,
    def,
    params: {},
    unit: { id: 1, code: "dong-tam", name: "Thôn Đồng Tâm", kind: "hamlet" },
    parentLine: "UBND Xã Tân Linh",
    recipients: ["- UBND xã Tân Linh (để báo cáo);", "- Ban Công tác Mặt trận thôn Đồng Tâm;", "- Lưu: VT."],
    unitFullName: "Thôn Đồng Tâm, xã Tân Linh",
    place: "Tân Linh",
    date: "2025-03-05",
    subtitle: ["Sổ theo dõi thử", "(Từ ngày 01/01/2025 đến ngày 31/03/2025)"],
    period: { from: "2025-01-01", to: "2025-03-31" },
    fields: [],
    tables: [{ def: def.table, rows }],
    summary: [{ label: "Số hộ trong danh sách", value: String(n) }],
    words: { label: def.wordsLabel, amount: dong(0n) },
    wordsTotal: def.table.columns.find((c) => c.total)?.key,
    opinions: [],
    chainHead: { seq: 7, hash: "ab".repeat(32) },
    generatedAt: "2025-03-05T03:00:00.000Z",
    code: null,
    verifyUrl: "https://soquy.tanlinh.example/verify/not-published",
  };
}

async function pdfOf(m: StatementModel): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await renderPdf(m, await scan(m), out);
  return Buffer.concat(chunks);
}

describe("golden documents: page breaks at every length of a table", function () {
  this.timeout(120_000);
  for (const kind of ["contribution-list", "trial-balance"] as const) {
    it(`when a ${kind} has from 1 to 45 rows, then the signatures keep the last rows and the total, and the sums carry over`, async function () {
      requireTool("pdftotext", this);
      const header = STATEMENTS[kind].table.columns.map((c) => c.title).join(" ");
      // the lengths at which the page count changes, and two each side of them, from one row to
      // well past a page of rows (the dry run counts pages; only those lengths are drawn and read)
      const count = new Map<number, number>();
      for (let n = 1; n <= 45; n++) {
        const m = model(kind, n);
        count.set(n, await countPages(m, await scan(m)));
      }
      const lengths = new Set<number>([1]);
      for (let n = 2; n <= 45; n++) if (count.get(n) !== count.get(n - 1)) for (let d = -2; d <= 2; d++) if (n + d >= 1 && n + d <= 45) lengths.add(n + d);
      expect(Math.max(...count.values()), "the sweep crosses pages").to.be.at.least(2);
      for (const n of [...lengths].sort((a, b) => a - b)) {
        const m = model(kind, n);
        const pdf = await pdfOf(m);
        const pages = pdfPages(pdf);
        const raw = Array.from({ length: pages }, (_x, i) => pdfText(pdf, i + 1));
        const last = `R${String(n).padStart(4, "0")}`;
        const sigPage = raw.findIndex((r) => r.includes("(Ký"));
        const at = `${n} rows, page ${sigPage + 1} of ${pages}`;
        expect(raw[sigPage], `${at}: the total with the signatures`).to.include("Tổng cộng");
        expect(raw[sigPage], `${at}: the last row with the signatures`).to.include(last);
        expect(raw[sigPage].indexOf(last), `${at}: the last row before the signatures`).to.be.lessThan(raw[sigPage].indexOf("(Ký"));
        for (let i = 1; i < pages; i++) {
          const out = /Cộng chuyển sang trang sau((?: [0-9.]+)+)/.exec(raw[i - 1]);
          const rowsHere = /R[0-9]{4}/.test(raw[i - 1]);
          const rowsNext = /R[0-9]{4}/.test(raw[i]);
          // the table continues on the next page: the sums go with it; it starts there: only its header
          if (rowsHere && rowsNext) {
            expect(out, `${n} rows: page ${i} carries its sums`).to.not.equal(null);
            expect(raw[i], `${n} rows: page ${i + 1} starts with the header and the sums carried in`).to.include(`(tiếp theo) ${header} Cộng trang trước chuyển sang${out![1]}`);
          } else {
            expect(out, `${n} rows: page ${i} carries no sums`).to.equal(null);
            if (rowsNext) expect(raw[i], `${n} rows: page ${i + 1} starts with the header`).to.include(`(tiếp theo) ${header} `);
          }
        }
      }
    });
  }
});

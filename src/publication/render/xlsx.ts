import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import type { ColumnDef } from "../../../reports/statements";
import { TEXTS } from "../../../reports/statements";
import { formatInstantVi } from "../../shared/dates";
import type { Dong } from "../../shared/money";
import { inWords } from "../../shared/words-vi";
import type { Cell, Scan, StatementModel } from "../model";

// The statement as Excel, for checking (DESIGN §8): one sheet per table, the main table first, with
// real numbers formatted #,##0 (a resident can re-add a column), dates as dates, a frozen header,
// an autofilter and widths; the totals are SUM formulas stored with their computed value; a
// "Thông tin" sheet says whose statement it is, for when, and its data hash and chain head.
// Written with exceljs's streaming writer: each row is committed as it comes, memory stays bounded
// and the response streams while later rows are still being read.

/** The one place an amount becomes a JS number (STYLE §6): ≤ 15 digits, so exact in a double. */
function money(d: Dong): number {
  const n = d.isZero() ? 0 : Number(d.toFixed(0)); // never -0
  if (!Number.isSafeInteger(n)) throw new Error(`amount beyond exact range: ${d.toFixed(0)}`);
  return n;
}

function cellValue(col: ColumnDef, v: Cell): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (col.kind === "money") return money(v as Dong);
  if (col.kind === "date") {
    const [y, m, d] = String(v).split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d)); // exceljs writes the UTC day: the sheet shows that date
  }
  if (col.kind === "int") return Number(v);
  return String(v);
}

function colLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

// Loaded on first use, not at start-up: most requests never render a document (issue 2: start-up
// time and idle memory).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exceljs = (): typeof ExcelJS => require("exceljs");

/** Writes the statement as .xlsx to `out` (`s`: the scan of the same model, for hash and totals). */
export async function renderXlsx(model: StatementModel, s: Scan, out: Writable): Promise<void> {
  const wb = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  const at = new Date(model.generatedAt);
  wb.creator = "Sổ quỹ minh bạch";
  wb.created = at;
  wb.modified = at;
  for (const [ti, t] of model.tables.entries()) {
    const cols = t.def.columns;
    const ws = wb.addWorksheet(t.def.sheet, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
    // Only numbers and dates carry a style: exceljs looks each cell's style up, and a text cell needs none.
    ws.columns = cols.map((c) => ({
      key: c.key,
      width: c.excelWidth,
      ...(c.kind === "money" || c.kind === "int" ? { style: { numFmt: "#,##0" } } : c.kind === "date" ? { style: { numFmt: "dd/mm/yyyy" } } : {}),
    }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
    const head = ws.addRow(cols.map((c) => c.title));
    head.font = { bold: true };
    head.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    head.commit();
    // One style object per column (and per empty cell of it), shared by its cells: exceljs then finds
    // the style's id by object identity instead of building and looking up its XML for every cell.
    // The styles are those exceljs gives the cells itself (the column's numFmt, or none).
    const styles = cols.map((c) => {
      const own = (): Partial<ExcelJS.Style> => (c.kind === "money" || c.kind === "int" ? { numFmt: "#,##0" } : c.kind === "date" ? { numFmt: "dd/mm/yyyy" } : {});
      return { value: own(), empty: own() };
    });
    let n = 0;
    for await (const r of t.rows()) {
      const row = ws.addRow(cols.map((c) => cellValue(c, r[c.key] ?? null)));
      for (let i = 0; i < cols.length; i++) {
        const cell = row.getCell(i + 1);
        cell.style = cell.value === null ? styles[i].empty : styles[i].value;
      }
      row.commit();
      n++;
    }
    if (cols.some((c) => c.total)) {
      const labelCol = cols.findIndex((c) => c.kind === "text");
      const values = cols.map((c, i): ExcelJS.CellValue => {
        if (c.total) {
          const L = colLetter(i + 1);
          // The formula Excel recomputes, and the value it computes, stored with it.
          return { formula: n ? `SUM(${L}2:${L}${n + 1})` : "0", result: money(s.totals[ti][c.key]) } as ExcelJS.CellFormulaValue;
        }
        return i === labelCol ? TEXTS.total : null;
      });
      const row = ws.addRow(values);
      row.font = { bold: true };
      row.commit();
    }
    if (ti === 0) {
      for (const item of model.summary) {
        const r = ws.addRow([]);
        const labelAt = Math.max(1, cols.findIndex((c) => c.kind === "text") + 1);
        r.getCell(labelAt).value = item.label;
        const moneyAt = cols.findIndex((c) => c.kind === "money") + 1;
        if (typeof item.value === "string") r.getCell(labelAt + 1).value = item.value;
        else r.getCell(moneyAt || labelAt + 1).value = money(item.value);
        r.commit();
      }
    }
    ws.commit();
  }
  const info = wb.addWorksheet("Thông tin");
  info.columns = [{ width: 34 }, { width: 90 }];
  const words = model.words.amount.isNegative() ? `Âm ${inWords(model.words.amount.abs()).toLocaleLowerCase("vi")}` : inWords(model.words.amount);
  const rows: [string, string][] = [
    ["Báo cáo", model.def.title.vi],
    ["Nội dung", model.subtitle.join(" ")],
    ["Đơn vị", `${model.unit.name} (${model.unit.code})`],
    ["Kỳ", [model.period.from ? `từ ${model.period.from}` : "", model.period.to ? `đến ${model.period.to}` : ""].filter(Boolean).join(" ")],
    ["Lập lúc (giờ Việt Nam)", formatInstantVi(model.generatedAt)],
    ["Lập lúc (UTC)", model.generatedAt],
    [TEXTS.dataHash, s.dataHash],
    [TEXTS.chainHead, `${model.chainHead.seq}:${model.chainHead.hash}`],
    [TEXTS.verifyCode, model.code ?? TEXTS.notPublished],
    [TEXTS.verifyAt, model.verifyUrl],
    ...(model.words.label ? [[model.words.label, words] as [string, string]] : []),
    ...model.fields.map((f) => [f.label, f.value] as [string, string]),
  ];
  for (const r of rows) info.addRow(r).commit();
  info.getColumn(1).font = { bold: true };
  info.commit();
  await wb.commit();
}

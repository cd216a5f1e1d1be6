import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import type { ColumnDef } from "../../../reports/statements";
import { TEXTS } from "../../../reports/statements";
import { formatInstantVi } from "../../shared/dates";
import { abs, ZERO, type Dong } from "../../shared/money";
import { inWords } from "../../shared/words-vi";
import type { Cell, Scan, StatementModel } from "../model";

// The statement as Excel, for checking (DESIGN §8): one sheet per table, the main table first, with
// real numbers formatted #,##0 (a resident can re-add a column), dates as dates, a frozen header,
// an autofilter and widths; the totals are SUM formulas stored with their computed value (zero too),
// a summary line computed from others (the closing balance) a formula too, counts numbers; a
// "Thông tin" sheet says whose statement it is, for when, and its data hash and chain head.
// Written with exceljs's streaming writer: each row is committed as it comes, memory stays bounded
// and the response streams while later rows are still being read.

/** The one place an amount becomes a JS number (STYLE §6): ≤ 15 digits, so exact in a double. */
function money(d: Dong): number {
  const n = Number(d); // a bigint has no -0
  if (!Number.isSafeInteger(n)) throw new Error(`amount beyond exact range: ${d}`);
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

/** What the fast row writer uses of exceljs's WorksheetWriter (not in its types). */
interface SheetInternals {
  _rows: unknown[];
  _rowZero: number;
  startedData: boolean;
  _write(text: string): void;
  /** exceljs's StreamBuf: it hands its 64 kB buffers to the zip's entry stream without waiting. */
  stream: { pipes?: Writable[] };
}

/**
 * Waits while the zip's entry stream holds more than its buffer (it deflates on the thread pool,
 * slower than rows are made): without this the whole sheet's XML queues in memory (~40 MB for
 * 100,000 journal lines). exceljs's StreamBuf ignores the entry stream's backpressure; this applies it.
 */
async function drained(wsi: SheetInternals): Promise<void> {
  // archiver's streams come from readable-stream, whose Writable has no writableNeedDrain getter
  const pipe = wsi.stream.pipes?.[0] as (Writable & { _writableState?: { needDrain?: boolean } }) | undefined;
  if (!pipe || !(pipe.writableNeedDrain ?? pipe._writableState?.needDrain)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      pipe.off("drain", done);
      pipe.off("close", done);
      pipe.off("error", done);
      resolve();
    };
    pipe.on("drain", done);
    pipe.on("close", done);
    pipe.on("error", done);
  });
}

const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
/** Text as exceljs's xmlEncode writes it: the five entities, control characters dropped. */
function xmlEncode(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) out += "&quot;";
    else if (c === 38) out += "&amp;";
    else if (c === 39) out += "&apos;";
    else if (c === 60) out += "&lt;";
    else if (c === 62) out += "&gt;";
    else if (c === 127 || (c <= 31 && (c <= 8 || (c >= 11 && c !== 13)))) continue;
    else out += text[i];
  }
  return out;
}

// Loaded on first use, not at start-up: most requests never render a document (start-up time and
// idle memory).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exceljs = (): typeof ExcelJS => require("exceljs");

/** Writes the statement as .xlsx to `out` (`s`: the scan of the same model, for hash and totals). */
export async function renderXlsx(model: StatementModel, s: Scan, out: Writable): Promise<void> {
  const wb = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  const wbi = wb as unknown as { styles: { addStyleModel(style: object, type: number): number } };
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
    // The data rows' XML is written here, as exceljs's row and cell writers write it for these rows
    // (every column's cell present, so spans 1:n; one shared style per column, or per empty cell of
    // it; numbers, dates and inline strings), without exceljs's per-cell models and style look-ups:
    // the same bytes at a fraction of the cost. Blocks of rows go out in one write.
    const styles = cols.map((c) => {
      const own = (): Partial<ExcelJS.Style> => (c.kind === "money" || c.kind === "int" ? { numFmt: "#,##0" } : c.kind === "date" ? { numFmt: "dd/mm/yyyy" } : {});
      return { value: own(), empty: own() };
    });
    const { ValueType } = exceljs();
    const wsi = ws as unknown as SheetInternals;
    const styleIds = cols.map((c, i) => {
      const type = c.kind === "money" || c.kind === "int" ? ValueType.Number : c.kind === "date" ? ValueType.Date : ValueType.String;
      return { value: wbi.styles.addStyleModel(styles[i].value, type), empty: wbi.styles.addStyleModel(styles[i].empty, ValueType.Null) };
    });
    const letters = cols.map((_c, i) => colLetter(i + 1));
    const spans = ` spans="1:${cols.length}"`;
    if (wsi._rows.length !== 0 || !wsi.startedData) throw new Error("xlsx: rows left uncommitted before the data rows");
    let xml = "";
    let inBlock = 0;
    let n = 0;
    for await (const r of t.rows()) {
      const num = wsi._rowZero++;
      xml += `<row r="${num}"${spans} x14ac:dyDescent="0.25">`;
      for (let i = 0; i < cols.length; i++) {
        const v = cellValue(cols[i], r[cols[i].key] ?? null);
        const ref = `${letters[i]}${num}`;
        if (v === null) {
          const sid = styleIds[i].empty;
          if (sid) xml += `<c r="${ref}" s="${sid}"/>`;
          continue;
        }
        const sid = styleIds[i].value;
        const sAttr = sid ? ` s="${sid}"` : "";
        if (typeof v === "number") xml += `<c r="${ref}"${sAttr}><v>${v}</v></c>`;
        else if (v instanceof Date) xml += `<c r="${ref}"${sAttr}><v>${25569 + v.getTime() / (24 * 3600 * 1000)}</v></c>`;
        else xml += `<c r="${ref}"${sAttr} t="str"><v>${xmlEncode(String(v))}</v></c>`;
      }
      xml += "</row>";
      n++;
      if (++inBlock === 200) {
        wsi._write(xml);
        xml = "";
        inBlock = 0;
        await drained(wsi);
      }
    }
    if (xml) wsi._write(xml);
    let totalsRow = 0;
    if (cols.some((c) => c.total)) {
      const labelCol = cols.findIndex((c) => c.kind === "text");
      const values = cols.map((c, i): ExcelJS.CellValue => {
        if (c.total) {
          const L = colLetter(i + 1);
          // The formula Excel recomputes, and the value it computes, stored with it (a zero too).
          return { formula: n ? `SUM(${L}2:${L}${n + 1})` : "0", result: money(s.totals[ti][c.key] ?? ZERO) } as ExcelJS.CellFormulaValue;
        }
        return i === labelCol ? TEXTS.total : null;
      });
      const row = ws.addRow(values);
      row.font = { bold: true };
      totalsRow = row.number;
      row.commit();
    }
    if (ti === 0) {
      const labelAt = Math.max(1, cols.findIndex((c) => c.kind === "text") + 1);
      const moneyAt = cols.findIndex((c) => c.kind === "money") + 1 || labelAt + 1;
      // the summary's rows follow the table (and its totals) one by one
      const firstLine = (totalsRow || n + 1) + 1;
      // a line computed from others (the closing balance) is a formula over their cells and the totals
      const ref = (x: number | string) =>
        typeof x === "number" ? `${colLetter(moneyAt)}${firstLine + x}` : `${colLetter(cols.findIndex((c) => c.key === x) + 1)}${totalsRow}`;
      for (const [i, item] of model.summary.entries()) {
        const r = ws.addRow([]);
        if (r.number !== firstLine + i) throw new Error("xlsx: a summary line is not where its formulas look");
        r.getCell(labelAt).value = item.label;
        if (typeof item.value === "string") {
          // a count is a number, which Excel can add up
          const count = /^[0-9]{1,15}$/.test(item.value);
          const cell = r.getCell(labelAt + 1);
          cell.value = count ? Number(item.value) : item.value;
          if (count) cell.numFmt = "#,##0";
        } else {
          const cell = r.getCell(moneyAt);
          const c = item.calc;
          cell.value = c
            ? ({ formula: c.plus.map(ref).join("+") + (c.minus ?? []).map((m) => `-${ref(m)}`).join(""), result: money(item.value) } as ExcelJS.CellFormulaValue)
            : money(item.value);
          cell.numFmt = "#,##0";
        }
        r.commit();
      }
    }
    ws.commit();
  }
  const info = wb.addWorksheet("Thông tin");
  info.columns = [{ width: 34 }, { width: 90 }];
  const words = model.words.amount < 0n ? `Âm ${inWords(abs(model.words.amount)).toLocaleLowerCase("vi")}` : inWords(model.words.amount);
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

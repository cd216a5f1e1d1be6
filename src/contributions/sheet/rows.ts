import { dong, parseDong, toWire, ZERO } from "../../shared/money";
import { cellText, fold, isEmpty, isMalformed, parseAmount, parseDate, rawText, shownMalformed } from "./cells";
import { householdCode } from "../household-code";
import { matchHeader, type Header } from "./header";
import { problemText } from "./messages";
import { SheetError } from "./sheet-error";
import type { Cell, Field, InKindKind, Problem, RawRow, RowError, RowSource, SheetRow, SheetTotals } from "./types";

// From raw rows to the preview: find the header, classify every row after it up to the total
// row, check each one, and add up the totals (DESIGN §5 "Import", data/README §1-2).

// Title rows above the header are few; past this many non-empty rows the file is not a list.
export const HEADER_SCAN_ROWS = 50;

type DataKind = "cash" | "pledge" | "exempt" | "in_kind";
type InKind = { quantity: string; unit: string; kind: InKindKind };

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const LABOUR = new RegExp(`${NUMBER}\\s*ngay cong\\b`); // on folded text: "Góp 5 ngày công"
const LAND = new RegExp(`${NUMBER}\\s*(m2|m²|mét vuông|met vuong)(?![\\p{L}\\d])`, "iu"); // "Hiến 50 m2 đất"
const MATERIALS = new RegExp(
  `^(?:góp|gop|ủng hộ|ung ho|tặng|tang|hiến|hien|cho|đóng|dong)\\s+${NUMBER}\\s*` +
    `(bao|tấn|tan|tạ|kg|khối|khoi|m3|m³|xe|chuyến|chuyen|viên|vien|cây|cay)(?![\\p{L}\\d])`,
  "iu",
); // "Góp 10 bao xi măng", "Ủng hộ 2 khối cát": a giving verb first, so a remark does not match

const quantity = (s: string) => s.replace(",", ".");

/** The kind a note gives a row (data/README §1: Miễn… exempt, Hứa nộp… pledge, … ngày công in kind). */
export function classifyNote(note: string | null): { kind: DataKind; inKind: InKind | null } {
  if (!note) return { kind: "cash", inKind: null };
  const f = fold(note);
  if (/^mien\b/.test(f)) return { kind: "exempt", inKind: null };
  if (/^hua\b/.test(f)) return { kind: "pledge", inKind: null };
  const labour = LABOUR.exec(f);
  if (labour) return { kind: "in_kind", inKind: { kind: "labour", quantity: quantity(labour[1]), unit: "ngày công" } };
  const text = note.normalize("NFC");
  const land = LAND.exec(text);
  if (land) return { kind: "in_kind", inKind: { kind: "land", quantity: quantity(land[1]), unit: land[2] } };
  const materials = MATERIALS.exec(text);
  if (materials) return { kind: "in_kind", inKind: { kind: "materials", quantity: quantity(materials[1]), unit: materials[2] } };
  return { kind: "cash", inKind: null };
}

/**
 * "Tổng cộng", "Cộng", "Tổng", "Tổng số", "TONG CONG:" (maybe in a cell merged across A:C, whose
 * first cell holds the text) ends the list.
 */
function isTotal(raw: RawRow): boolean {
  const first = raw.cells.find((c) => !isEmpty(c));
  if (typeof first !== "string") return false;
  return /^(?:tong(?: cong| so(?: tien)?)?|cong)$/.test(fold(first).replace(/[^a-z ]+/g, " ").replace(/\s+/g, " ").trim());
}

/** The amount the totals row states in the amount column (Excel's cached SUM, or typed text); null when it reads as none. */
/** The totals row's amount, or the cell as written when it does not read as one. */
function totalOf(raw: RawRow, header: Header): { value: string | null; unread: string | null } {
  const i = header.index.amount;
  if (i === undefined || isEmpty(raw.cells[i])) return { value: null, unread: null };
  const parsed = parseAmount(raw.cells[i]);
  return parsed.ok ? { value: parsed.value, unread: null } : { value: null, unread: String(raw.cells[i]).slice(0, 100) };
}

function emptyRow(row: number, kind: "blank" | "total"): SheetRow {
  return { row, kind, code: null, name: null, amount: null, date: null, note: null, bank: false, inKind: null, errors: [] };
}

const TEXT_FIELDS: Field[] = ["code", "name", "amount", "date", "note"];

interface Context {
  header: Header;
  date1904: boolean;
  firstRowOfCode: Map<string, number>;
}

function dataRow(raw: RawRow, ctx: Context): SheetRow {
  const { header } = ctx;
  const cell = (f: Field): Cell => {
    const i = header.index[f];
    return i === undefined ? undefined : raw.cells[i];
  };
  const errors: RowError[] = [];
  const fail = (field: Field, problem: Problem, raw: string | null, params: Record<string, string | number> = {}) =>
    errors.push({ field, column: header.columns[field]?.label ?? null, problem, raw, ...problemText(problem, params) });

  // A cell whose text cannot be stored is this row's error, and is read as no value at all.
  const malformed = new Set<Field>();
  for (const f of TEXT_FIELDS) {
    const c = cell(f);
    if (isMalformed(c)) {
      malformed.add(f);
      fail(f, "malformed_text", shownMalformed(c as string));
    }
  }
  const text = (f: Field) => (malformed.has(f) ? null : cellText(cell(f)));
  const typedCode = text("code");
  // Stored upper-case: "dt-002" is DT-002 typed in a hurry (household-code.ts).
  const code = typedCode === null ? null : householdCode(typedCode);
  const name = text("name");
  const note = text("note");
  const { kind, inKind } = classifyNote(note);

  if (code === null) {
    if (!malformed.has("code")) fail("code", "missing_code", null);
  } else {
    // The code identifies the household (two households may share a name); a second row for it is
    // an error, the first is fine.
    const first = ctx.firstRowOfCode.get(code);
    if (first === undefined) ctx.firstRowOfCode.set(code, raw.row);
    else {
      fail("code", "duplicate_code", typedCode, { code: typedCode!, row: first });
      errors[errors.length - 1].duplicateOfRow = first;
    }
  }
  if (name === null && !malformed.has("name")) fail("name", "missing_name", null);

  let amount: string | null = null;
  if (kind === "cash" || kind === "pledge") {
    const value = cell("amount");
    if (malformed.has("amount")) {
      // already this row's error
    } else if (isEmpty(value)) fail("amount", "missing_amount", null);
    else {
      const parsed = parseAmount(value);
      if (parsed.ok) amount = parsed.value;
      else fail("amount", parsed.problem, rawText(value));
    }
  }
  // Only money received has a date: a pledge is dated by its campaign, exemptions and in-kind gifts
  // carry none in the preview (a date for cash, null otherwise).
  let date: string | null = null;
  if (kind === "cash") {
    const value = cell("date");
    if (malformed.has("date")) {
      // already this row's error
    } else if (isEmpty(value)) fail("date", "missing_date", null);
    else {
      const parsed = parseDate(value, ctx.date1904);
      if (parsed.ok) date = parsed.value;
      else fail("date", parsed.problem, rawText(value));
    }
  }
  const bank = note !== null && fold(note).includes("chuyen khoan");
  return { row: raw.row, kind, code, name, amount, date, note, bank, inKind, errors };
}

export function computeTotals(rows: SheetRow[]): SheetTotals {
  const seen = new Set<string>();
  const t = { households: 0, cashCount: 0, exemptCount: 0, pledgeCount: 0, inKindCount: 0 };
  let cash = ZERO;
  for (const r of rows) {
    if (r.kind === "blank" || r.kind === "total" || r.errors.length > 0 || r.code === null) continue;
    if (seen.has(r.code)) continue; // each household once
    seen.add(r.code);
    t.households++;
    if (r.kind === "cash") {
      t.cashCount++;
      cash = dong(cash + parseDong(r.amount!));
    } else if (r.kind === "exempt") t.exemptCount++;
    else if (r.kind === "pledge") t.pledgeCount++;
    else t.inKindCount++;
  }
  return { ...t, cashTotal: toWire(cash) };
}

export interface Assembled {
  header: Header;
  rows: SheetRow[];
  totals: SheetTotals;
  sheetTotal: string | null;
  sheetTotalUnread: string | null;
}

/**
 * Reads rows from `source` until the total row (or the end), never more than `maxRows` data rows:
 * the row past the limit throws too_many_rows before anything more is read.
 */
export async function assemble(source: RowSource, opts: { maxRows: number; date1904: boolean }): Promise<Assembled> {
  let header: Header | null = null;
  let scanned = 0;
  while (!header) {
    const raw = await source.next();
    if (!raw) throw new SheetError(scanned === 0 ? "empty_sheet" : "header_not_found", { scanned });
    if (raw.cells.every(isEmpty)) continue;
    header = matchHeader(raw);
    if (!header && ++scanned >= HEADER_SCAN_ROWS) throw new SheetError("header_not_found", { scanned });
  }

  const ctx: Context = { header, date1904: opts.date1904, firstRowOfCode: new Map() };
  const rows: SheetRow[] = [];
  const tooMany = () => new SheetError("too_many_rows", { maxRows: opts.maxRows });
  let last = header.row; // the last non-blank row kept
  let dataCount = 0;
  let blankCount = 0; // blank rows kept, and blank rows read: each bounded by maxRows too
  let blankRead = 0;
  let sheetTotal: string | null = null;
  let sheetTotalUnread: string | null = null;
  for (;;) {
    const raw = await source.next();
    if (!raw) break; // no total row: the list ends at its last non-blank row
    if (raw.row <= last) continue;
    if (raw.cells.every(isEmpty)) {
      if (++blankRead > opts.maxRows) throw tooMany();
      continue;
    }
    // Blank rows between two kept rows are kept (the xlsx reader skips rows with no cells at all).
    blankCount += raw.row - last - 1;
    if (blankCount > opts.maxRows) throw tooMany();
    for (let n = last + 1; n < raw.row; n++) rows.push(emptyRow(n, "blank"));
    last = raw.row;
    if (isTotal(raw)) {
      rows.push(emptyRow(raw.row, "total"));
      ({ value: sheetTotal, unread: sheetTotalUnread } = totalOf(raw, header));
      break; // nothing after the total row is read
    }
    if (++dataCount > opts.maxRows) throw tooMany();
    rows.push(dataRow(raw, ctx));
  }
  if (dataCount === 0) throw new SheetError("empty_sheet", { headerRow: header.row });
  return { header, rows, totals: computeTotals(rows), sheetTotal, sheetTotalUnread };
}

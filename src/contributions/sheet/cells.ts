import type { Cell, Problem } from "./types";
import { isWellFormedText, shownText, tidyName as tidy } from "../../shared/text";

// Reading one cell: what a treasurer typed, into whole đồng or a calendar date, or a problem.
// Money never passes through a JS number beyond the cell itself: an exceljs number cell is
// checked to be a safe integer and turned into digits at once (STYLE §6).

export const MAX_DIGITS = 15; // as shared/money.ts: every sum stays exact in both drivers

// The same folding and tidying as everywhere else (search, household names).
export { foldVi as fold, tidyName as tidy } from "../../shared/text";

/**
 * A text cell that cannot be stored (a lone surrogate, NUL, a control character other than tab and
 * line breaks, which tidying turns into spaces): the row is refused rather than the text changed.
 */
export function isMalformed(cell: Cell): boolean {
  return typeof cell === "string" && !isWellFormedText(cell, true);
}

/** The malformed cell as shown back in the preview: what cannot be shown as U+FFFD. */
export function shownMalformed(cell: string): string {
  return shownText(cell).slice(0, 200);
}

/** The cell as text (the value reported back in an error), or null when empty. */
export function cellText(cell: Cell): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : isoDate(cell);
  const s = typeof cell === "string" ? tidy(cell) : String(cell);
  return s === "" ? null : s;
}

/** The cell as the treasurer sees it in Excel (an error's `raw`): a date cell as dd/mm/yyyy, anything else as text. */
export function rawText(cell: Cell): string | null {
  if (cell instanceof Date && !Number.isNaN(cell.getTime())) return isoDate(cell).split("-").reverse().join("/");
  return cellText(cell);
}

export function isEmpty(cell: Cell): boolean {
  // Called on every cell of every row: no string is built to answer (memory of a 100k-row sheet).
  if (typeof cell === "string") return !/\S/.test(cell);
  return cellText(cell) === null;
}

function isoDate(d: Date): string {
  // exceljs gives a date cell as a Date at UTC midnight of the calendar day: read it in UTC.
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (problem: Problem): Parsed<never> => ({ ok: false, problem });

/** Digits of whole đồng ("1250000"), from the digits of a whole number without separators. */
function dong(digits: string): Parsed<string> {
  const d = digits.replace(/^0+(?=\d)/, "");
  if (d.length > MAX_DIGITS) return bad("invalid_amount");
  if (d === "0") return bad("invalid_amount"); // a receipt or pledge of nothing is not one
  return ok(d);
}

const HAS_SPACE = /[\s\u00a0\u202f\u2009\u2007]/;
const CURRENCY = /\s*(?:vnd|vnđ|dong|đồng|đ|d|₫)\.?$/;
const INT_DOTS = /^\d{1,3}(?:\.\d{3})+$/; // 1.250.000: Vietnamese thousands
const INT_COMMAS = /^\d{1,3}(?:,\d{3}){2,}$/; // 1,250,000: English thousands, at least two groups (1,250 is 1.25 here)
const DEC_COMMA = /^(\d+|\d{1,3}(?:\.\d{3})+),(\d+)$/; // 150.000,5: Vietnamese decimal comma
const DEC_DOT = /^(\d+)\.(\d{1,2}|\d{4,})$/; // 150000.5: a decimal point (not a thousands group)

/**
 * Whole đồng from a cell: a number cell, or text such as "1.250.000", "1.250.000 đ", "1 250 000",
 * "1250000 đồng". Problems: negative_amount, fractional_amount, invalid_amount.
 */
export function parseAmount(cell: Cell): Parsed<string> {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return bad("invalid_amount");
    if (cell < 0) return bad("negative_amount");
    if (!Number.isInteger(cell)) return bad("fractional_amount");
    if (!Number.isSafeInteger(cell)) return bad("invalid_amount"); // past 2^53 the digits are already lost
    return dong(cell.toFixed(0));
  }
  if (typeof cell !== "string") return bad("invalid_amount"); // a date or TRUE in the amount column
  let t = cell.normalize("NFC").trim().toLowerCase().replace(CURRENCY, "").trim();
  let negative = false;
  if (/^[-\u2212\u2013]/.test(t)) {
    negative = true;
    t = t.slice(1).trim();
  }
  t = t.replace(/(\d)[\s\u00a0\u202f\u2009\u2007]+(?=\d)/g, "$1."); // 1 250 000 -> 1.250.000
  if (HAS_SPACE.test(t)) return bad("invalid_amount");
  let whole: string | null = null;
  let fraction = "";
  if (/^\d+$/.test(t)) whole = t;
  else if (INT_DOTS.test(t)) whole = t.replace(/\./g, "");
  else if (INT_COMMAS.test(t)) whole = t.replace(/,/g, "");
  else {
    const m = DEC_COMMA.exec(t) ?? DEC_DOT.exec(t);
    if (m) {
      whole = m[1].replace(/\./g, "");
      fraction = m[2];
    }
  }
  if (whole === null) return bad("invalid_amount");
  if (negative && /[1-9]/.test(whole + fraction)) return bad("negative_amount");
  if (/[1-9]/.test(fraction)) return bad("fractional_amount");
  return dong(whole);
}

function validYmd(y: number, m: number, d: number): string | null {
  // Years a hamlet's books can hold; a typo such as 2205 or 0025 is caught here.
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const DMY = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** Days since 1899-12-30 (Excel's 1900 system, past its phantom 29/02/1900) or since 1904-01-01. */
function fromSerial(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const base = date1904 ? Date.UTC(1904, 0, 1) : serial < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(base + Math.floor(serial) * 86_400_000);
  return validYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A calendar date YYYY-MM-DD from a date cell, from text d/m/yyyy (day first, always: 05/03/2025
 * is 5 March) or YYYY-MM-DD, or from a bare serial number (a formula's date result, or a date
 * column left in General format). Problem: invalid_date.
 */
export function parseDate(cell: Cell, date1904 = false): Parsed<string> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return bad("invalid_date");
    const d = validYmd(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
    return d ? ok(d) : bad("invalid_date");
  }
  if (typeof cell === "number") {
    const d = fromSerial(cell, date1904);
    return d ? ok(d) : bad("invalid_date");
  }
  if (typeof cell !== "string") return bad("invalid_date");
  const t = cell.normalize("NFC").trim();
  let m = DMY.exec(t);
  if (m) {
    const d = validYmd(Number(m[3]), Number(m[2]), Number(m[1]));
    return d ? ok(d) : bad("invalid_date");
  }
  m = YMD.exec(t);
  if (m) {
    const d = validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? ok(d) : bad("invalid_date");
  }
  return bad("invalid_date");
}

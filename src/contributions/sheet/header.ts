import { cellText, fold } from "./cells";
import type { Cell, Field, HeaderColumn, RawRow } from "./types";

// Finding the header row by its texts and the columns by header text, in any order, with or
// without diacritics (data/README §1): the header is not always row 4.

/** "Số tiền (đồng)" -> "so tien": folded, parenthesised units and punctuation dropped. */
function key(label: string): string {
  return fold(label)
    .replace(/\([^)]*\)/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const LABELS: Record<Field, (k: string) => boolean> = {
  stt: (k) => ["stt", "tt", "so tt", "so thu tu"].includes(k),
  code: (k) => ["ma ho", "ma so ho", "ma ho gia dinh", "ma"].includes(k),
  name: (k) => ["ho va ten chu ho", "ho ten chu ho", "chu ho", "ho va ten", "ho ten", "ten chu ho"].includes(k),
  amount: (k) => k === "so tien" || k.startsWith("so tien "),
  date: (k) => ["ngay", "ngay nop", "ngay dong", "ngay thu", "ngay nop tien"].includes(k),
  note: (k) => k === "ghi chu",
};
const FIELDS = Object.keys(LABELS) as Field[];

/** Excel's column letters: 1 -> A, 27 -> AA. */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export interface Header {
  row: number;
  /** Field -> 1-based column index. */
  index: Partial<Record<Field, number>>;
  columns: Partial<Record<Field, HeaderColumn>>;
}

/**
 * The row's header, if it is one: a row naming at least three of our columns, among them the
 * name and the amount (a title row such as "DANH SÁCH HỘ ĐÓNG GÓP" names none). The first column
 * that matches a field wins.
 */
export function matchHeader(raw: RawRow): Header | null {
  const index: Partial<Record<Field, number>> = {};
  const columns: Partial<Record<Field, HeaderColumn>> = {};
  raw.cells.forEach((cell: Cell, col) => {
    if (typeof cell !== "string") return;
    const label = cellText(cell);
    if (!label) return;
    const k = key(label);
    const field = FIELDS.find((f) => index[f] === undefined && LABELS[f](k));
    if (!field) return;
    index[field] = col;
    columns[field] = { column: columnLetter(col), label };
  });
  const found = Object.keys(index).length;
  if (found < 3 || index.name === undefined || index.amount === undefined) return null;
  return { row: raw.row, index, columns };
}

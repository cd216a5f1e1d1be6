// The shapes parseSheet returns: one row per sheet row after the header, up to the total row
// (the preview's exact shapes). Amounts are decimal strings of whole đồng, dates YYYY-MM-DD.

export type RowKind = "cash" | "pledge" | "exempt" | "in_kind" | "blank" | "total";

export type Problem =
  | "negative_amount"
  | "invalid_amount"
  | "fractional_amount"
  | "invalid_date"
  | "missing_date"
  | "missing_amount"
  | "missing_code"
  | "missing_name"
  | "duplicate_code"
  | "malformed_text" // a lone surrogate, NUL or control character: text that cannot be stored
  | "household_exempt" // decided by the service (the household's category), never by the parser
  | "unknown_category"; // likewise

export type Field = "stt" | "code" | "name" | "amount" | "date" | "note";

export type InKindKind = "labour" | "land" | "materials";

export interface RowError {
  /** Which value is wrong: "code", "name", "amount" or "date". */
  field: string;
  /** The header label of that column as the sheet wrote it ("Số tiền (đồng)"); null when the column is absent. */
  column: string | null;
  problem: Problem;
  /** The cell as the treasurer typed it ("150.000,5", "-500000", "31/02/2025"); null when empty. */
  raw: string | null;
  message: string;
  messageEn: string;
  /** duplicate_code only: the row of the first occurrence. */
  duplicateOfRow?: number;
}

export interface SheetRow {
  /** 1-based Excel row, which is also the CSV line (record) number. */
  row: number;
  kind: RowKind;
  code: string | null;
  name: string | null;
  amount: string | null;
  date: string | null;
  note: string | null;
  /** The note says chuyển khoản: the cash went to the bank (112), not the cash box (111). */
  bank: boolean;
  inKind?: { quantity: string; unit: string; kind: InKindKind } | null;
  errors: RowError[];
}

export interface HeaderColumn {
  column: string;
  label: string;
}

export interface SheetTotals {
  households: number;
  cashCount: number;
  cashTotal: string;
  exemptCount: number;
  pledgeCount: number;
  inKindCount: number;
}

export interface ParsedSheet {
  fileType: "xlsx" | "csv";
  sheet: string | null;
  header: { row: number; columns: Partial<Record<Field, HeaderColumn>> };
  rows: SheetRow[];
  totals: SheetTotals;
  /** The amount on the sheet's own totals row ("Tổng cộng"), whole đồng; null without one or when it does not read as an amount. */
  sheetTotal: string | null;
  /** The totals row's amount as written, when it is there but does not read as an amount (else null). */
  sheetTotalUnread: string | null;
}

export interface ParseOptions {
  /** Data rows (households) allowed after the header; default 100 000. */
  maxRows?: number;
  /** Total uncompressed size an xlsx may unpack to; default 100 MB. */
  maxUncompressed?: number;
  /** Size of the file itself; default 5 MB, the upload limit. */
  maxBytes?: number;
}

/** One sheet row as read, before any meaning: cells by 1-based column (index 0 unused). */
export type Cell = string | number | boolean | Date | null | undefined;
export interface RawRow {
  row: number;
  cells: readonly Cell[];
}

/** Rows of one sheet, pulled one at a time so a caller can stop early or drain the rest. */
export interface RowSource {
  next(): Promise<RawRow | null>;
}

import type { ParsedSheet, SheetRow } from "./sheet/types";

// What an import shows the treasurer before anything is recorded: each row as read, with its
// errors. Its own file, so that the import and the stored previews both name it without importing
// each other.

/** A difference the treasurer should see; only `name_mismatch` must be confirmed before the commit. */
export type RowWarning =
  | { problem: "possible_duplicate"; entryId: number }
  /** The sheet names the code's household otherwise than the register (diacriticsOnly: the same letters, other marks). */
  | { problem: "name_mismatch"; sheetName: string; registerName: string; diacriticsOnly: boolean };

/**
 * A warning about the whole sheet: its own totals row states another total than its rows add up to,
 * or its total cannot be read as an amount (so nothing checks the rows against it).
 */
export type SheetWarning =
  | { problem: "total_mismatch"; sheetTotal: string; cashTotal: string; pledgeTotal: string }
  | { problem: "total_unreadable"; text: string; cashTotal: string };

export interface PreviewRow {
  row: number;
  kind: SheetRow["kind"];
  code: string | null;
  name: string | null;
  amount: string | null;
  date: string | null;
  note: string | null;
  householdId: number | null;
  newHousehold?: true;
  /** The note says chuyển khoản: the money went to the bank (112). */
  bank: boolean;
  inKind: { quantity: string; unit: string; kind: "labour" | "land" | "materials" } | null;
  /** `raw`: the cell as written in the sheet ("-500000", "abc", "31/02/2025"), null when empty. */
  errors: { field: string; column: string | null; problem: string; raw: string | null; message: string }[];
  warnings?: RowWarning[];
}

export interface Preview {
  id: number;
  campaignId: number;
  fileType: "xlsx" | "csv";
  sheet: string | null;
  contentHash: string;
  header: ParsedSheet["header"];
  rows: PreviewRow[];
  totals: ParsedSheet["totals"];
  /** Codes the register does not have, on rows without errors: households the commit creates. */
  newHouseholds: number;
  /** The sheet's own totals row ("Tổng cộng"), whole đồng; null without one. */
  sheetTotal: string | null;
  /**
   * The sheet's total equals the money its rows record (totals.cashTotal), or that plus the pledged
   * amounts (a SUM over the whole amount column); null without a sheet total.
   */
  totalMatches: boolean | null;
  /** Sheet-wide warnings, shown first; none blocks the commit. */
  warnings: SheetWarning[];
  /** No row has an error (rows with errors may still be skipped at the commit). */
  valid: boolean;
  alreadyImported?: true;
  duplicateOf?: number;
}

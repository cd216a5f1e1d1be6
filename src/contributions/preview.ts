import type { ParsedSheet, SheetRow } from "./sheet/types";

// What an import shows the treasurer before anything is recorded: each row as read, with its
// errors. Its own file, so that the import and the stored previews both name it without importing
// each other.

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
  errors: { field: string; column: string | null; problem: string; value: string | null; message: string }[];
  warnings?: { problem: "possible_duplicate"; entryId: number }[];
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
  valid: boolean;
  alreadyImported?: true;
  duplicateOf?: number;
}

// Why a whole file is refused (as opposed to a bad row, which is a RowError in the preview).
// Stable codes: the importer maps them to problem+json (file_too_large 413, the rest 4xx).

export type SheetErrorCode =
  | "unsupported_file"
  | "file_too_large"
  | "too_many_rows"
  | "zip_bomb"
  | "header_not_found"
  | "empty_sheet"
  | "sheet_too_complex";

export class SheetError extends Error {
  constructor(
    readonly code: SheetErrorCode,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = "SheetError";
  }
}

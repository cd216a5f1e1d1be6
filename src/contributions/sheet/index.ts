// The treasurer's sheet, read without a database (DESIGN §5 "Import"): parseSheet turns the bytes
// of an xlsx or CSV into a preview the contributions service matches to households and commits.
export type {
  Field,
  HeaderColumn,
  InKindKind,
  ParsedSheet,
  ParseOptions,
  Problem,
  RowError,
  RowKind,
  SheetRow,
  SheetTotals,
} from "./types";
export { SheetError, type SheetErrorCode } from "./sheet-error";
export { parseSheet, DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, DEFAULT_MAX_UNCOMPRESSED } from "./parse";

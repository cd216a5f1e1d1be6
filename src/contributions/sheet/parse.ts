import { csvRows, DELIMITERS, isUtf8Text } from "./csv";
import { isEmpty } from "./cells";
import { matchHeader } from "./header";
import { assemble, HEADER_SCAN_ROWS, type Assembled } from "./rows";
import { SheetError } from "./sheet-error";
import type { ParsedSheet, ParseOptions } from "./types";
import { xlsxSheets } from "./xlsx";
import { isZip, xlsxStream } from "./zip";

export const DEFAULT_MAX_ROWS = 100_000;
export const DEFAULT_MAX_UNCOMPRESSED = 100 * 1024 * 1024;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024; // the upload limit: ≤ 5 MB

/**
 * Reads a treasurer's sheet (xlsx or CSV, told apart by content, never by name) into a preview:
 * header, every row after it up to the total row, totals. Pure: no database, no clock.
 * Throws SheetError: unsupported_file, file_too_large, zip_bomb, too_many_rows, header_not_found,
 * empty_sheet. Bad rows are not thrown: each carries its errors.
 */
export async function parseSheet(bytes: Buffer, opts: ParseOptions = {}): Promise<ParsedSheet> {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const maxUncompressed = opts.maxUncompressed ?? DEFAULT_MAX_UNCOMPRESSED;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) throw new SheetError("file_too_large", { size: bytes.length, limit: maxBytes });
  if (bytes.length === 0) throw new SheetError("empty_sheet");
  if (isZip(bytes)) return parseXlsx(bytes, maxRows, maxUncompressed);
  if (isUtf8Text(bytes)) return parseCsv(bytes, maxRows);
  throw new SheetError("unsupported_file", { reason: "neither an xlsx (zip) nor UTF-8 text" });
}

function result(fileType: "xlsx" | "csv", sheet: string | null, a: Assembled): ParsedSheet {
  return { fileType, sheet, header: { row: a.header.row, columns: a.header.columns }, rows: a.rows, totals: a.totals, sheetTotal: a.sheetTotal, sheetTotalUnread: a.sheetTotalUnread };
}

/** Anything but our own refusals, thrown by exceljs or csv-parse on a broken file, is "unsupported". */
function unsupported(err: unknown): never {
  if (err instanceof SheetError) throw err;
  throw new SheetError("unsupported_file", { reason: err instanceof Error ? err.message : String(err) });
}

async function parseXlsx(bytes: Buffer, maxRows: number, maxUncompressed: number): Promise<ParsedSheet> {
  const stream = await xlsxStream(bytes, maxUncompressed);
  let refusal: SheetError | null = null;
  try {
    // The first visible sheet with a header is the list; a cover sheet before it is passed over.
    for await (const sheet of xlsxSheets(stream)) {
      if (!sheet.hidden) {
        try {
          return result("xlsx", sheet.name, await assemble(sheet.rows, { maxRows, date1904: sheet.date1904 }));
        } catch (err) {
          if (!(err instanceof SheetError) || (err.code !== "header_not_found" && err.code !== "empty_sheet")) throw err;
          refusal ??= err;
        }
      }
      await sheet.drain();
    }
  } catch (err) {
    unsupported(err);
  } finally {
    stream.destroy(); // we may stop before the end: let go of the rest
  }
  throw refusal ?? new SheetError("empty_sheet");
}

/**
 * The delimiter whose records show a header within the first rows. Excel saves with the list
 * separator of the computer's region: a comma, or a semicolon where the comma is the decimal mark
 * (as in Vietnamese). A wrong guess may not even parse (quotes land mid-field): that guess is out.
 */
async function detectDelimiter(bytes: Buffer): Promise<string> {
  for (const delimiter of DELIMITERS) {
    const rows = csvRows(bytes, delimiter);
    try {
      for (let scanned = 0; scanned < HEADER_SCAN_ROWS; ) {
        const raw = await rows.next();
        if (!raw) break;
        if (raw.cells.every(isEmpty)) continue;
        if (matchHeader(raw)) return delimiter;
        scanned++;
      }
    } catch {
      // not this delimiter
    } finally {
      rows.close();
    }
  }
  return DELIMITERS[0]; // no header either way: assemble says so
}

async function parseCsv(bytes: Buffer, maxRows: number): Promise<ParsedSheet> {
  const rows = csvRows(bytes, await detectDelimiter(bytes));
  try {
    return result("csv", null, await assemble(rows, { maxRows, date1904: false }));
  } catch (err) {
    unsupported(err); // a line csv-parse cannot read (an unclosed quote): the file is broken
  } finally {
    rows.close();
  }
}

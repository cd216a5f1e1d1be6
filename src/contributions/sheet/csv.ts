import { parse, type Parser } from "csv-parse";
import { Readable } from "node:stream";
import { SheetError } from "./sheet-error";
import type { Cell, RowSource } from "./types";

// The rows of a CSV, through csv-parse (RFC 4180 quoting, BOM, CRLF): record N is Excel row N,
// as when a treasurer saves the sheet as "CSV UTF-8" (data/README §1).

const CHUNK = 64 * 1024;

/** Strict UTF-8 (a BOM allowed) without NUL: what a saved CSV is, and a renamed binary is not. */
export function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false; // UTF-16 text or a binary file
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// What a treasurer's list never needs, and a crafted file uses to make reading it slow: one field of
// megabytes, a line of millions of columns, millions of lines. Refused as soon as they are seen.
export const MAX_FIELD = 32 * 1024;
export const MAX_COLUMNS = 1000;
export const MAX_RECORDS = 200_000; // every record, blank ones too: twice the most households a sheet may list

// Tried in this order; the header decides (parse.ts, detectDelimiter).
export const DELIMITERS = [",", ";", "\t"] as const;

export interface CsvRows extends RowSource {
  close(): void;
}

/**
 * The first line (1-based) with more than MAX_COLUMNS delimiters, quotes ignored: a byte scan, so a
 * line of millions of empty fields is refused before csv-parse spends seconds building it.
 */
function tooWide(bytes: Buffer, delimiter: string): number | undefined {
  const d = delimiter.charCodeAt(0);
  let line = 1;
  let count = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a) {
      line++;
      count = 0;
    } else if (b === d && ++count > MAX_COLUMNS) return line;
  }
  return undefined;
}

/** Records of `bytes` split on `delimiter`, fed in small chunks so memory follows the reader. */
export function csvRows(bytes: Buffer, delimiter: string): CsvRows {
  const wide = tooWide(bytes, delimiter);
  if (wide !== undefined) {
    const refusal = new SheetError("sheet_too_complex", { reason: "too_many_columns", limit: MAX_COLUMNS, line: wide });
    return { next: () => Promise.reject(refusal), close: () => undefined };
  }
  const parser: Parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true, // "Tổng cộng,,,113.230.000" may have fewer fields
    relax_quotes: true, // a stray quote inside a name is text, not a broken file
    skip_empty_lines: false, // an empty line is a blank row and keeps the numbering
    max_record_size: MAX_FIELD,
  });
  const chunks = (function* () {
    for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
  })();
  const input = Readable.from(chunks, { objectMode: false });
  // The reader gets the parser's errors through the iterator, but only while it is reading: one raised
  // before the first read or after the last (the reader stopped early) must not stop the process.
  parser.on("error", () => undefined);
  input.on("error", () => undefined);
  input.pipe(parser);
  const it = parser[Symbol.asyncIterator]();
  let row = 0;
  return {
    async next() {
      let r: IteratorResult<unknown>;
      try {
        r = await it.next();
      } catch (err) {
        if ((err as { code?: string }).code === "CSV_MAX_RECORD_SIZE") throw new SheetError("sheet_too_complex", { reason: "cell_too_long", limit: `${MAX_FIELD / 1024} KB`, row: row + 1 });
        throw err;
      }
      if (r.done) return null;
      const fields = r.value as string[];
      if (fields.length > MAX_COLUMNS) throw new SheetError("sheet_too_complex", { reason: "too_many_columns", limit: MAX_COLUMNS, row: row + 1 });
      if (row >= MAX_RECORDS) throw new SheetError("sheet_too_complex", { reason: "too_many_lines", limit: MAX_RECORDS });
      const cells: Cell[] = [null, ...fields]; // 1-based, as exceljs gives them
      return { row: ++row, cells };
    },
    close() {
      input.unpipe(parser);
      input.destroy();
      parser.destroy();
    },
  };
}

import { parse, type Parser } from "csv-parse";
import { Readable } from "node:stream";
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

// Tried in this order; the header decides (parse.ts, detectDelimiter).
export const DELIMITERS = [",", ";", "\t"] as const;

export interface CsvRows extends RowSource {
  close(): void;
}

/** Records of `bytes` split on `delimiter`, fed in small chunks so memory follows the reader. */
export function csvRows(bytes: Buffer, delimiter: string): CsvRows {
  const parser: Parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true, // "Tổng cộng,,,113.230.000" may have fewer fields
    relax_quotes: true, // a stray quote inside a name is text, not a broken file
    skip_empty_lines: false, // an empty line is a blank row and keeps the numbering
  });
  const chunks = (function* () {
    for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
  })();
  const input = Readable.from(chunks, { objectMode: false });
  input.pipe(parser);
  const it = parser[Symbol.asyncIterator]();
  let row = 0;
  return {
    async next() {
      const r = await it.next();
      if (r.done) return null;
      const fields = r.value as string[];
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

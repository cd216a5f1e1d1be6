import type ExcelJS from "exceljs";
import type { Readable } from "node:stream";
import type { Cell, RawRow, RowSource } from "./types";

// The rows of an xlsx, one at a time, through exceljs's streaming reader (TOOLCHAIN: 100k rows in
// bounded memory; styles cached so date cells come back as dates). The stream given here has
// already been measured by zip.ts.

type ExcelValue = ExcelJS.CellValue | { sharedString: number } | undefined;

/** A cell's value as a plain Cell: formulas give their cached result, rich text its text. */
export function plainCell(v: ExcelValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? "").join("");
  if ("formula" in v || "sharedFormula" in v) return plainCell((v as { result?: ExcelValue }).result);
  if ("error" in v) return String(v.error); // "#VALUE!": reported back as an invalid value
  if ("text" in v) return plainCell((v as { text: ExcelValue }).text); // a hyperlink's text
  return null;
}

export interface XlsxSheet {
  name: string | null;
  hidden: boolean;
  date1904: boolean;
  rows: RowSource;
  /** Reads the rest of the sheet, so the reader can move on to the next one. */
  drain(): Promise<void>;
}

interface StreamWorksheet extends AsyncIterable<ExcelJS.Row> {
  name?: string;
  state?: string;
}

/**
 * The workbook's worksheets in order. A sheet must be read to its end (drain) before the next
 * one can arrive; a caller that has what it wants simply stops: nothing here holds a file or a
 * timer, so what is left is garbage collected.
 */
// Loaded on first use, not at start-up (start-up time and idle memory).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exceljs = (): typeof ExcelJS => require("exceljs");

export async function* xlsxSheets(input: Readable): AsyncGenerator<XlsxSheet> {
  const reader = new (exceljs().stream.xlsx.WorkbookReader)(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  for await (const ws of reader as AsyncIterable<unknown>) {
    const sheet = ws as StreamWorksheet;
    const it = sheet[Symbol.asyncIterator]();
    let previous = 0;
    const next = async (): Promise<RawRow | null> => {
      const r = await it.next();
      if (r.done) return null;
      const row = r.value;
      // A row without its r attribute follows the previous one (the format allows leaving it out).
      const number = Number.isInteger(row.number) && row.number > 0 ? row.number : previous + 1;
      previous = number;
      const values = Array.isArray(row.values) ? (row.values as ExcelValue[]) : [];
      const cells: Cell[] = new Array(values.length);
      values.forEach((v, i) => {
        cells[i] = plainCell(v);
      });
      return { row: number, cells };
    };
    const props = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
    yield {
      name: sheet.name ?? null,
      hidden: sheet.state === "hidden" || sheet.state === "veryHidden",
      date1904: props?.model?.date1904 === true,
      rows: { next },
      drain: async () => {
        while (!(await it.next()).done) {
          /* read and drop */
        }
      },
    };
  }
}

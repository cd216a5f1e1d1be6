import type { FontName } from "../../../reports/fonts";
import type { ColumnDef } from "../../../reports/statements";
import { abs, Dong, dong, formatDong } from "../../shared/money";
import type { Scan, StatementModel } from "../model";
import { GlyphWidths } from "./glyphs";
import { FastText } from "./pdfkit-internals";

// The paper a statement is drawn on and the page's shape on it: its size, margins, orientation and
// scale, chosen before anything is laid out; and the sizes every layout shares.

export const A4 = { w: 595.28, h: 841.89 };
const MM = 72 / 25.4;
/**
 * Decree 30/2020 (documents.md §1): top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm, the same
 * in landscape. The page number sits in the bottom margin's lower part, never nearer the edge than 20 mm.
 */
export const M = { top: 20 * MM, bottom: 25 * MM, left: 30 * MM, right: 15 * MM };
export type Margins = typeof M;

/**
 * The paper a document is drawn on. A4 is every statement's (the notice board's). A receipt a
 * household keeps may also come on A5 portrait, or on an 80 mm roll (a receipt printer's 72 mm of
 * print, one narrow column as long as it needs): their margins are a hand-held paper's, not the
 * decree's, and everything is drawn at `scale` of its A4 size.
 */
export const PAPERS = {
  a4: { w: A4.w, h: A4.h, m: M, scale: 1 },
  a5: { w: 148 * MM, h: 210 * MM, m: { top: 10 * MM, bottom: 12 * MM, left: 12 * MM, right: 10 * MM }, scale: 0.8 },
  roll80: { w: 80 * MM, h: 0, m: { top: 5 * MM, bottom: 8 * MM, left: 4 * MM, right: 4 * MM }, scale: 0.8 },
} as const;
export type Paper = keyof typeof PAPERS;
/** The longest page a roll is cut to (PDF readers' limit is 200 inches); a longer document goes on. */
export const ROLL_MAX = 14400;
/** A table cell's padding. */
export const PAD = { x: 3, y: 2.5 };
/** Table text (rows and header): at least 10 pt, as posted paper is read from a step away. */
export const TABLE_PT = 10;
/** The text around the tables: at least 12 pt. */
export const BODY_PT = 12;

export interface Geometry {
  landscape: boolean;
  width: number;
  height: number;
  content: number;
  /** The page's margins. */
  m: Margins;
  paper: Paper;
  /** Every font size is drawn at this share of its A4 size. */
  scale: number;
  /** One narrow column (a roll): blocks stack that stand side by side on a page. */
  narrow: boolean;
}

/**
 * Portrait, unless a column of the main table, at its share of a portrait page's width, is narrower
 * than what it must hold on one line: the longest word of its title, or for an amount its widest
 * total, for a date dd/mm/yyyy, for a number the count of rows. `width` measures text in a font at a
 * size. The same rule for every kind: a wide table turns the page, a narrow one never does.
 */
export function geometry(model: StatementModel, s: Scan, width: (font: FontName, size: number, text: string) => number, paper: Paper = "a4", rollHeight = ROLL_MAX): Geometry {
  if (paper !== "a4") {
    // a receipt's paper is portrait: its one table is narrow
    const p = PAPERS[paper];
    const w = p.w;
    return { landscape: false, width: w, height: paper === "roll80" ? rollHeight : p.h, content: w - p.m.left - p.m.right, m: p.m, paper, scale: p.scale, narrow: paper === "roll80" };
  }
  const cols = model.tables[0].def.columns;
  const sum = cols.reduce((a, c) => a + c.width, 0);
  const portrait = A4.w - M.left - M.right;
  const landscape = cols.some((c) => (c.width * portrait) / sum < minWidth(c, s.totals[0]?.[c.key], s.rowCounts[0] ?? 0, width));
  const w = landscape ? A4.h : A4.w;
  const height = landscape ? A4.w : A4.h;
  return { landscape, width: w, height, content: w - M.left - M.right, m: M, paper, scale: 1, narrow: false };
}

/**
 * The least width of a column: the longest word of its title, and for an amount its total (or
 * 999.999.999, whichever is wider: a sum of a hamlet's money), for a date dd/mm/yyyy, for a number
 * the count of rows; other cells wrap at their words.
 */
export function minWidth(c: ColumnDef, total: Dong | undefined, rows: number, width: (font: FontName, size: number, text: string) => number): number {
  const title = Math.max(...c.title.split(/\s+/).map((w) => width("condBold", TABLE_PT, w)));
  const sample = c.kind === "money" ? signedDong(total !== undefined && abs(total) > 999_999_999n ? total : dong(999_999_999n)) : c.kind === "date" ? "00/00/0000" : c.kind === "int" ? String(Math.max(rows, 999)) : "";
  return Math.max(title, sample ? width("condBold", TABLE_PT, sample) : 0) + 2 * PAD.x;
}

/** Text widths in `doc`'s fonts before a painter exists (the page's orientation is chosen with them). */
export function textWidth(doc: PDFKit.PDFDocument): (font: FontName, size: number, text: string) => number {
  const fast = new FastText(doc);
  const glyphs = new GlyphWidths((cp) => fast.advanceOf(cp));
  return (font, size, text) => {
    doc.font(font);
    return glyphs.width(font, size, text);
  };
}

/** Negatives in parentheses (documents.md §4). */
export function signedDong(d: Dong): string {
  return d < 0n ? `(${formatDong(abs(d))})` : formatDong(d);
}

import type { FontName } from "../../../reports/fonts";
import { ColumnDef, TEXTS, TableDef } from "../../../reports/statements";
import { formatDateVi } from "../../shared/dates";
import { Dong, formatDong } from "../../shared/money";
import type { Cell, Row, StatementModel } from "../model";
import { GlyphWidths, wrap } from "./glyphs";
import { FastText, num } from "./pdfkit-internals";

// The page as the layouts see it: a cursor (page, y) over A4 pages, blocks of wrapped text, rules
// and tables whose header repeats on every page and whose rows never break across pages. The same
// painter runs twice: a dry run (draw false) that only measures and counts pages, then the drawing
// run. pdfkit's own page breaking is never used (bottom margin 0): every break is decided here.

export const A4 = { w: 595.28, h: 841.89 };
export const M = { top: 42, bottom: 48, left: 50, right: 36 };
const PAD = { x: 3, y: 2.5 };
const BODY = 9;
const HEAD = 8.5;

export type Align = "left" | "center" | "right";

export interface Geometry {
  landscape: boolean;
  width: number;
  height: number;
  content: number;
}

/** Portrait, unless the main table's columns need the width of a landscape page. */
export function geometry(model: StatementModel): Geometry {
  const need = model.tables[0].def.columns.reduce((a, c) => a + c.width, 0);
  const portrait = A4.w - M.left - M.right;
  const landscape = need > portrait + 0.5;
  const width = landscape ? A4.h : A4.w;
  const height = landscape ? A4.w : A4.h;
  return { landscape, width, height, content: width - M.left - M.right };
}

/** Negatives in parentheses (documents.md §4: a -0 is 0). */
function signedDong(d: Dong): string {
  return d.isNegative() && !d.isZero() ? `(${formatDong(d.abs())})` : formatDong(d.abs());
}

function fmtCell(col: ColumnDef, v: Cell): string {
  if (v === null || v === undefined) return "";
  if (col.kind === "money") return signedDong(v as Dong);
  if (col.kind === "date") return formatDateVi(String(v));
  return String(v);
}

export class Painter {
  page = 0;
  y = 0;
  private widths = new Map<TableDef, number[]>();
  private current: { name: FontName | ""; size: number } = { name: "", size: 0 };
  private readonly fast: FastText;
  private readonly glyphs: GlyphWidths;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly draw: boolean,
    readonly g: Geometry,
    readonly model: StatementModel,
    readonly totalPages: number,
  ) {
    this.fast = new FastText(doc);
    this.glyphs = new GlyphWidths((cp) => this.fast.advanceOf(cp));
  }

  get bottom() {
    return this.g.height - M.bottom;
  }

  font(name: FontName, size: number) {
    if (this.current.name !== name || this.current.size !== size) this.doc.font(name).fontSize(size);
    this.current = { name, size };
    return this;
  }

  /** Width of `text` in the current font. */
  width(text: string): number {
    return this.glyphs.width(this.current.name, this.current.size, text);
  }

  private readonly measure = (t: string) => this.width(t);

  /** The lines `text` takes in `width` with the current font. */
  wrap(text: string, width: number): string[] {
    return wrap(text, width, this.measure);
  }

  /** Height of `text` in `width` with the current font. */
  height(text: string, width: number): number {
    return this.wrap(text, width).length * this.doc.currentLineHeight(true);
  }

  /** Draws wrapped lines from (x, y), each aligned in `width`, with the current font. */
  private drawLines(lines: string[], x: number, y: number, width: number, align: Align, underline?: boolean) {
    const lh = this.doc.currentLineHeight(true);
    for (const [i, l] of lines.entries()) {
      if (!l) continue;
      const w = this.width(l);
      const dx = align === "right" ? width - w : align === "center" ? (width - w) / 2 : 0;
      // textWidth given: pdfkit need not lay the line out a second time to measure it
      this.doc.text(l, x + dx, y + i * lh, { lineBreak: false, underline, textWidth: w, wordCount: 1 } as PDFKit.Mixins.TextOptions);
    }
  }

  /** Writes a block of text at (x, y) within `width`; returns its height. Draws only in the drawing run. */
  text(text: string, x: number, y: number, width: number, opts: { align?: Align; font: FontName; size: number; underline?: boolean }): number {
    this.font(opts.font, opts.size);
    const lines = text ? this.wrap(text, width) : [""];
    if (this.draw && text) this.drawLines(lines, x, y, width, opts.align ?? "left", opts.underline);
    return lines.length * this.doc.currentLineHeight(true);
  }

  /** One line that is never wrapped (a hash: pdftotext gives it back whole); returns its height. */
  unbroken(text: string, x: number, y: number, font: FontName, size: number): number {
    this.font(font, size);
    if (this.draw) this.doc.text(text, x, y, { lineBreak: false });
    return this.doc.currentLineHeight(true);
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.6) {
    if (this.draw) this.doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).strokeColor("#000").stroke();
  }

  image(png: Buffer, x: number, y: number, size: number) {
    if (this.draw) this.doc.image(png, x, y, { width: size, height: size });
  }

  /** A new page: its number at the bottom, and from page 2 on a running title line. */
  newPage() {
    this.page++;
    if (this.draw) this.doc.addPage({ size: "A4", layout: this.g.landscape ? "landscape" : "portrait", margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    this.y = M.top;
    if (this.draw) {
      this.font("serif", 8.5);
      this.doc.text(TEXTS.page(this.page, this.totalPages), M.left, this.g.height - M.bottom + 18, { width: this.g.content, align: "center", lineBreak: false });
    }
    if (this.page > 1) {
      const running = `${this.model.def.title.vi} — ${this.model.unit.name}${this.model.subtitle[0] ? ` — ${this.model.subtitle[0]}` : ""} (tiếp theo)`;
      this.y += this.text(running, M.left, this.y, this.g.content, { font: "serifItalic", size: 8 }) + 4;
    }
  }

  /** Makes room for `h` points, starting a new page when the current one cannot hold them. */
  ensure(h: number): boolean {
    if (this.y + h <= this.bottom) return false;
    this.newPage();
    return true;
  }

  private colWidths(t: TableDef): number[] {
    let w = this.widths.get(t);
    if (!w) {
      const sum = t.columns.reduce((a, c) => a + c.width, 0);
      w = t.columns.map((c) => (c.width * this.g.content) / sum);
      this.widths.set(t, w);
    }
    return w;
  }

  /** A table row: its height, and how to paint it at the cursor. */
  private cells(t: TableDef, texts: string[], font: FontName, size: number, fill: string | null, alignOf: (c: ColumnDef) => Align) {
    const w = this.colWidths(t);
    this.font(font, size);
    const lines = texts.map((s, i) => (s ? this.wrap(s, w[i] - 2 * PAD.x) : []));
    const rowH = Math.max(1, ...lines.map((l) => l.length)) * this.doc.currentLineHeight(true) + 2 * PAD.y;
    return {
      height: rowH,
      paint: () => {
        if (!this.draw) return;
        let x = M.left;
        const y = this.y;
        if (fill) this.doc.rect(M.left, y, this.g.content, rowH).fillColor(fill).fill().fillColor("#000");
        this.doc.lineWidth(0.5).strokeColor("#000");
        // The row's operators, as pdfkit's rect().stroke() and text() would write them, in one write.
        const ops: string[] = [];
        this.font(font, size);
        const lh = this.doc.currentLineHeight(true);
        for (let i = 0; i < texts.length; i++) {
          ops.push(`${num(x)} ${num(y)} ${num(w[i])} ${num(rowH)} re`, "S");
          const cell = lines[i];
          if (cell.length) {
            const align = alignOf(t.columns[i]);
            const cw = w[i] - 2 * PAD.x;
            for (let j = 0; j < cell.length; j++) {
              const l = cell[j];
              if (!l) continue;
              const lw = align === "left" ? 0 : this.width(l);
              const dx = align === "right" ? cw - lw : align === "center" ? (cw - lw) / 2 : 0;
              this.fast.lineOps(ops, l, x + PAD.x + dx, y + PAD.y + j * lh);
            }
          }
          x += w[i];
        }
        this.fast.write(ops);
      },
    };
  }

  private header(t: TableDef) {
    return this.cells(t, t.columns.map((c) => c.title), "condBold", HEAD, "#e6e6e6", () => "center");
  }

  private paintHeader(t: TableDef) {
    const h = this.header(t);
    h.paint();
    this.y += h.height;
  }

  /** A table at the cursor: header (repeated on each new page), rows, and a totals row when given. */
  async table(t: TableDef, rows: AsyncIterable<Row>, totals: Record<string, Dong> | null) {
    const align = (c: ColumnDef): Align => (c.kind === "money" || c.kind === "int" ? "right" : c.kind === "date" || c.kind === "code" ? "center" : "left");
    const head = this.header(t);
    // The header never stands alone at the foot of a page: it needs one body line under it.
    this.font("cond", BODY);
    this.ensure(head.height + 2 * (this.doc.currentLineHeight(true) + 2 * PAD.y));
    this.paintHeader(t);
    for await (const r of rows) {
      const row = this.cells(t, t.columns.map((c) => fmtCell(c, r[c.key] ?? null)), "cond", BODY, null, align);
      if (this.ensure(row.height)) this.paintHeader(t);
      row.paint();
      this.y += row.height;
    }
    if (totals) {
      const labelCol = t.columns.findIndex((c) => c.kind === "text");
      const texts = t.columns.map((c, i) => (c.total ? fmtCell(c, totals[c.key]) : i === labelCol ? TEXTS.total : ""));
      const row = this.cells(t, texts, "condBold", BODY, "#f3f3f3", (c) => (c.total ? "right" : "center"));
      if (this.ensure(row.height)) this.paintHeader(t);
      row.paint();
      this.y += row.height;
    }
  }
}

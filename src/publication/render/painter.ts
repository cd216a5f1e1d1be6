import type { FontName } from "../../../reports/fonts";
import { ColumnDef, TEXTS, TableDef } from "../../../reports/statements";
import { formatDateVi } from "../../shared/dates";
import { Dong, dong, ZERO } from "../../shared/money";
import type { Cell, Row, StatementModel } from "../model";
import { type Geometry, minWidth, PAD, signedDong, TABLE_PT } from "./geometry";
import { GlyphWidths, wrap } from "./glyphs";
import { FastText, num } from "./pdfkit-internals";

// The page as the layouts see it: a cursor (page, y) over the pages of its paper (geometry.ts),
// blocks of wrapped text, rules and tables whose header repeats on every page and whose rows never
// break across pages. The same painter runs twice: a dry run (draw false) that only measures and
// counts pages, then the drawing run. pdfkit's own page breaking is never used (bottom margin 0):
// every break is decided here.

export { A4, BODY_PT, geometry, M, PAPERS, ROLL_MAX, signedDong, TABLE_PT, textWidth } from "./geometry";
export type { Geometry, Margins, Paper } from "./geometry";

const FOOTER = { size: 10 };
/** Rows that always share the page of the totals row and of what follows the table (the signatures). */
const KEEP_ROWS = 2;
export type Align = "left" | "center" | "right";

function fmtCell(col: ColumnDef, v: Cell): string {
  if (v === null || v === undefined) return "";
  if (col.kind === "money") return signedDong(v as Dong);
  if (col.kind === "date") return formatDateVi(String(v));
  return String(v);
}

export class Painter {
  page = 0;
  y = 0;
  /** Measuring (see measure()): nothing is drawn and no page ends. */
  private measuring = false;
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
    return this.measuring ? Infinity : this.g.height - this.g.m.bottom;
  }

  /** Whether this call puts ink on the page: the drawing run, outside a measurement. */
  private get ink() {
    return this.draw && !this.measuring;
  }

  /**
   * The height `lay` takes from the cursor when no page ends (nothing is drawn, the cursor is
   * restored): what must stay on one page with what comes before it is measured with the same code
   * that lays it out.
   */
  measure(lay: () => void): number {
    const saved = { page: this.page, y: this.y, measuring: this.measuring };
    this.measuring = true;
    this.y = 0;
    try {
      lay();
      return this.y;
    } finally {
      this.measuring = saved.measuring;
      this.page = saved.page;
      this.y = saved.y;
    }
  }

  /** Sets the font at `size` as on A4 (drawn at the paper's scale). */
  font(name: FontName, size: number) {
    const scaled = size * this.g.scale;
    if (this.current.name !== name || this.current.size !== scaled) this.doc.font(name).fontSize(scaled);
    this.current = { name, size: scaled };
    return this;
  }

  /** Width of `text` in the current font. */
  width(text: string): number {
    return this.glyphs.width(this.current.name, this.current.size, text);
  }

  private readonly measureText = (t: string) => this.width(t);

  /** The lines `text` takes in `width` with the current font. */
  wrap(text: string, width: number): string[] {
    return wrap(text, width, this.measureText);
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
    if (this.ink && text) this.drawLines(lines, x, y, width, opts.align ?? "left", opts.underline);
    return lines.length * this.doc.currentLineHeight(true);
  }

  /** One line that is never wrapped (a hash: pdftotext gives it back whole); returns its height. */
  unbroken(text: string, x: number, y: number, font: FontName, size: number): number {
    this.font(font, size);
    if (this.ink) this.doc.text(text, x, y, { lineBreak: false });
    return this.doc.currentLineHeight(true);
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.6) {
    if (this.ink) this.doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).strokeColor("#000").stroke();
  }

  image(png: Buffer, x: number, y: number, size: number) {
    if (this.ink) this.doc.image(png, x, y, { width: size, height: size });
  }

  /** The line at the top of every page after the first (what the page continues). */
  private get running() {
    const subject = this.model.subtitle[0] && this.model.subtitle[0] !== this.model.unit.name ? ` — ${this.model.subtitle[0]}` : "";
    return `${this.model.def.title.vi} — ${this.model.unit.name}${subject} (tiếp theo)`;
  }

  /** The height the running line takes at the top of a page after the first. */
  private runningHeight() {
    this.font("serifItalic", TABLE_PT);
    return this.height(this.running, this.g.content) + 4;
  }

  /** A new page: its number at the bottom, and from page 2 on a running title line. */
  newPage() {
    if (this.measuring) return;
    this.page++;
    const m = this.g.m;
    const size: PDFKit.PDFDocumentOptions["size"] = this.g.paper === "a4" ? "A4" : [this.g.width, this.g.height];
    if (this.draw) this.doc.addPage({ size, layout: this.g.landscape ? "landscape" : "portrait", margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    this.y = m.top;
    // the page number in the bottom margin, just under the text; a roll in one piece has none
    if (this.draw && !(this.g.paper === "roll80" && this.totalPages === 1)) {
      this.font("serif", FOOTER.size);
      this.doc.text(TEXTS.page(this.page, this.totalPages), m.left, this.g.height - m.bottom + 1, { width: this.g.content, align: "center", lineBreak: false });
    }
    if (this.page > 1) this.y += this.text(this.running, m.left, this.y, this.g.content, { font: "serifItalic", size: TABLE_PT }) + 4;
  }

  /** Makes room for `h` points, starting a new page when the current one cannot hold them. */
  ensure(h: number): boolean {
    if (this.y + h <= this.bottom) return false;
    this.newPage();
    return true;
  }

  /**
   * The columns' widths on the page: each its share of the width, but never less than it must hold
   * on one line (minWidth): what the narrow ones need is taken from the others, in proportion to
   * what they have beyond their own least. `totals` (a table's first call) sizes the amounts.
   */
  private colWidths(t: TableDef, totals?: Record<string, Dong> | null, rows = 0): number[] {
    let w = this.widths.get(t);
    if (!w) {
      const C = this.g.content;
      const sum = t.columns.reduce((a, c) => a + c.width, 0);
      const least = t.columns.map((c) => minWidth(c, totals?.[c.key], rows, (font, size, text) => this.font(font, size).width(text)));
      w = t.columns.map((c, i) => Math.max((c.width * C) / sum, least[i]));
      const over = w.reduce((a, b) => a + b, 0) - C;
      const slack = w.reduce((a, b, i) => a + (b - least[i]), 0);
      if (over > 0 && slack >= over) w = w.map((x, i) => x - ((x - least[i]) * over) / slack);
      else if (over > 0) w = w.map((x) => (x * C) / (C + over));
      this.widths.set(t, w);
    }
    return w;
  }

  /** A table row: its height, and how to paint it at the cursor. `w`: the cells' widths (a cell may span columns). */
  private cells(w: number[], texts: string[], font: FontName, size: number, fill: string | null, aligns: Align[]) {
    this.font(font, size);
    const lines = texts.map((s, i) => (s ? this.wrap(s, w[i] - 2 * PAD.x) : []));
    const rowH = Math.max(1, ...lines.map((l) => l.length)) * this.doc.currentLineHeight(true) + 2 * PAD.y;
    return {
      height: rowH,
      paint: () => {
        if (!this.ink) return;
        let x = this.g.m.left;
        const y = this.y;
        if (fill) this.doc.rect(this.g.m.left, y, this.g.content, rowH).fillColor(fill).fill().fillColor("#000");
        this.doc.lineWidth(0.5).strokeColor("#000");
        // The row's operators, as pdfkit's rect().stroke() and text() would write them, in one write.
        const ops: string[] = [];
        this.font(font, size);
        const lh = this.doc.currentLineHeight(true);
        for (let i = 0; i < texts.length; i++) {
          ops.push(`${num(x)} ${num(y)} ${num(w[i])} ${num(rowH)} re`, "S");
          const cell = lines[i];
          if (cell.length) {
            const align = aligns[i];
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
    return this.cells(this.colWidths(t), t.columns.map((c) => c.title), "condBold", TABLE_PT, "#e6e6e6", t.columns.map(() => "center"));
  }

  /**
   * A row of sums (the totals, or the running sums carried across a page break): its label spans
   * the columns before the first summed one, the summed columns hold their sums.
   */
  private sumRow(t: TableDef, label: string, sums: Record<string, Dong>, bold: boolean) {
    const w = this.colWidths(t);
    const first = t.columns.findIndex((c) => c.total);
    const span = Math.max(1, first);
    const widths = [w.slice(0, span).reduce((a, b) => a + b, 0), ...w.slice(span)];
    const rest = t.columns.slice(span);
    const texts = [label, ...rest.map((c) => (c.total ? fmtCell(c, sums[c.key] ?? ZERO) : ""))];
    return this.cells(widths, texts, bold ? "condBold" : "cond", TABLE_PT, bold ? "#f3f3f3" : null, ["center", ...rest.map((c): Align => (c.total ? "right" : "center"))]);
  }

  /**
   * A table at the cursor: header (repeated on each new page), `count` rows (the scan counted them),
   * and a totals row when given. A table with totals carries its running sums over each page break:
   * "Cộng chuyển sang trang sau" at the foot of the page, "Cộng trang trước chuyển sang" under the
   * next page's header. The last rows stay with the totals row and with what follows: `after` are
   * heights of it, the most wished first (up to the verification block, up to the signatures); the
   * last is the least that must share their page. So the signatures never stand alone on a page.
   * `lead` (a title over the table) is drawn right over the header, on the page the header goes to.
   */
  async table(t: TableDef, rows: AsyncIterable<Row>, count: number, totals: Record<string, Dong> | null, after: number[] = [], lead?: { height: number; draw: () => void }) {
    const aligns = t.columns.map((c): Align => (c.kind === "money" || c.kind === "int" ? "right" : c.kind === "date" || c.kind === "code" ? "center" : "left"));
    const w = this.colWidths(t, totals, count);
    const head = this.header(t);
    const summed = t.columns.filter((c) => c.total).map((c) => c.key);
    const sums: Record<string, Dong> | null = totals && summed.length ? Object.fromEntries(summed.map((k) => [k, ZERO])) : null;
    const carryH = sums ? Math.max(this.sumRow(t, TEXTS.carriedOut, totals!, false).height, this.sumRow(t, TEXTS.carriedIn, totals!, false).height) : 0;
    const totalsRow = totals ? this.sumRow(t, TEXTS.total, totals, true) : null;
    // the most a page after a break holds below the running line, the header and the sums carried in
    const fresh = this.g.height - this.g.m.bottom - this.g.m.top - this.runningHeight() - head.height - Math.max(carryH, lead?.height ?? 0);
    const headH = head.height + (lead?.height ?? 0);

    let headerDue = true;
    /** Room for `h` points at the cursor (the lead and header first, when still to come): a break when not. */
    const room = (h: number) => {
      if (this.y + (headerDue ? headH : 0) + h > this.bottom) {
        if (!headerDue) {
          if (sums) this.put(this.sumRow(t, TEXTS.carriedOut, sums, false));
          this.newPage();
          this.put(head);
          if (sums) this.put(this.sumRow(t, TEXTS.carriedIn, sums, false));
        } else this.newPage();
      }
      if (headerDue) {
        lead?.draw();
        this.put(head);
        headerDue = false;
      }
    };
    const add = (r: Row) => {
      if (sums) for (const k of summed) if (r[k] !== null && r[k] !== undefined) sums[k] = dong(sums[k] + (r[k] as Dong));
    };

    const keep = Math.min(KEEP_ROWS, count);
    const last: { row: Row; height: number; paint: () => void }[] = [];
    let i = 0;
    for await (const r of rows) {
      const row = this.cells(w, t.columns.map((c) => fmtCell(c, r[c.key] ?? null)), "cond", TABLE_PT, null, aligns);
      if (++i > count - keep) {
        last.push({ row: r, ...row });
        continue;
      }
      // a row leaves room under it for the sums carried to the next page
      room(row.height + carryH);
      this.put(row);
      add(r);
    }
    const block = last.reduce((a, x) => a + x.height, 0) + (totalsRow?.height ?? 0);
    // stay on this page when the last rows take at least the least of `after` with them; else break
    // here and take the most of it that fits on the next page
    const here = this.bottom - this.y - (headerDue ? headH : 0);
    if (!(after.length ? after : [0]).some((h) => block + h <= here)) {
      const kept = [...after, 0].find((h) => block + h <= fresh);
      if (kept !== undefined) room(block + kept);
    }
    for (const x of last) {
      room(x.height + (x === last[last.length - 1] ? (totalsRow?.height ?? 0) : carryH));
      this.put(x);
      add(x.row);
    }
    if (totalsRow) {
      room(totalsRow.height);
      this.put(totalsRow);
    }
    if (headerDue) room(0);
  }

  /** Paints a row at the cursor and moves under it. */
  private put(row: { height: number; paint: () => void }) {
    row.paint();
    this.y += row.height;
  }
}

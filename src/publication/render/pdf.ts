import fs from "node:fs";
import type { Writable } from "node:stream";
import type PDFKitDocument from "pdfkit";
import { FONTS, FontName } from "../../../reports/fonts";
import { CHANGES_TABLE, ColumnDef, NATIONAL_HEADING, RECEIPT_FORM, TEXTS, TableDef } from "../../../reports/statements";
import { dateLineVi, formatDateVi, formatInstantVi } from "../../shared/dates";
import { Dong, formatDong } from "../../shared/money";
import { inWords } from "../../shared/words-vi";
import type { Cell, Row, Scan, StatementModel } from "../model";

// The statement as an A4 PDF for the notice board (DESIGN §8, documents.md): the national heading
// beside the unit (or the accounting-form heading on a receipt), title and period, the place-and-date
// line, a table whose header repeats on every page and whose rows never break across pages, totals,
// the amount in words, the board's opinions, signature blocks, "Trang n/N", and the verification
// block (QR code, data hash and chain head, each printed unbroken).
//
// Layout runs twice with the same code: a dry run that only measures (it counts the pages, so each
// page can say "Trang n/N" as it is drawn), then the drawing run, whose pages are flushed as they
// end: the response streams while later pages are still being made, and memory stays bounded.
// pdfkit's own page breaking is never used (bottom margin 0): every break is decided here.

const A4 = { w: 595.28, h: 841.89 };
const M = { top: 42, bottom: 48, left: 50, right: 36 };
const PAD = { x: 3, y: 2.5 };
const BODY = 9;
const HEAD = 8.5;

function fmtCell(col: ColumnDef, v: Cell): string {
  if (v === null || v === undefined) return "";
  if (col.kind === "money") {
    const d = v as Dong;
    // documents.md §4: negatives in reports in parentheses (a -0 is 0)
    return d.isNegative() && !d.isZero() ? `(${formatDong(d.abs())})` : formatDong(d.abs());
  }
  if (col.kind === "date") return formatDateVi(String(v));
  return String(v);
}

interface Geometry {
  landscape: boolean;
  width: number;
  height: number;
  content: number;
}

function geometry(model: StatementModel): Geometry {
  const need = model.tables[0].def.columns.reduce((a, c) => a + c.width, 0);
  const portrait = A4.w - M.left - M.right;
  const landscape = need > portrait + 0.5;
  const width = landscape ? A4.h : A4.w;
  const height = landscape ? A4.w : A4.h;
  return { landscape, width, height, content: width - M.left - M.right };
}

/**
 * Lays out text by the font's character map alone, without OpenType shaping: a statement is
 * thousands of short cells, and fontkit's shaping plan per word cost ~1 ms a row. Vietnamese text
 * is NFC (precomposed letters, which DejaVu has), so no mark positioning is needed; and one glyph per
 * character keeps pdftotext's extraction exact (TOOLCHAIN: ccmp can lose the dot below "ị").
 * pdfkit's EmbeddedFont is not exported: its prototype is reached through the first document's font.
 */
let cmapOnly = false;
function useCmapLayout(doc: PDFKit.PDFDocument) {
  if (cmapOnly) return;
  const font = (doc as unknown as { _font?: object })._font;
  const proto = font && (Object.getPrototypeOf(font) as { layoutRun?: unknown });
  if (!proto || typeof proto.layoutRun !== "function") return;
  proto.layoutRun = function (this: { font: any; scale: number }, text: string) {
    const glyphs = this.font.glyphsForString(text.normalize("NFC"));
    let advanceWidth = 0;
    const positions = glyphs.map((g: { advanceWidth: number }) => {
      const w = g.advanceWidth * this.scale;
      advanceWidth += w;
      return { xAdvance: w, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: w };
    });
    return { glyphs, positions, advanceWidth };
  };
  cmapOnly = true;
}

// Loaded on first use, not at start-up: most requests never render a document (issue 2: start-up
// time and idle memory).
/* eslint-disable @typescript-eslint/no-require-imports */
const pdfkit = (): typeof PDFKitDocument => require("pdfkit");
const qrcode = (): typeof import("qrcode") => require("qrcode");
/* eslint-enable @typescript-eslint/no-require-imports */

let fonts: [string, Buffer][] | undefined;
/** The TTF files, read once per process (every document embeds a subset of them). */
function fontBytes(): [string, Buffer][] {
  return (fonts ??= Object.entries(FONTS).map(([name, file]) => [name, fs.readFileSync(file)]));
}

function newDoc(model: StatementModel, g: Geometry, autoFirstPage: boolean) {
  const at = new Date(model.generatedAt);
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({
    size: "A4",
    layout: g.landscape ? "landscape" : "portrait",
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage,
    compress: true,
    info: {
      Title: `${model.def.title.vi} — ${model.unit.name}`,
      Author: model.unit.name,
      Subject: model.subtitle.join(" "),
      Creator: "Sổ quỹ minh bạch",
      Producer: "Sổ quỹ minh bạch",
      CreationDate: at,
      ModDate: at,
    },
  });
  for (const [name, bytes] of fontBytes()) doc.registerFont(name, bytes);
  doc.font("serif");
  useCmapLayout(doc);
  return doc;
}

/**
 * Puts the verification fields into the document's Info dictionary, read back by POST /public/verify:
 * a copy's hash and code travel inside the file too (ASCII, so pdfkit stores them as plain strings).
 */
function stamp(doc: PDFKit.PDFDocument, model: StatementModel, dataHash: string) {
  const info = doc.info as unknown as Record<string, string>;
  info.DataHash = dataHash;
  info.ChainHead = `${model.chainHead.seq}:${model.chainHead.hash}`;
  info.VerifyCode = model.code ?? "not-published";
}

/** A PDF number as pdfkit writes it (PDFObject.number: rounded to 6 decimals). */
const num = (n: number) => `${Math.round(n * 1e6) / 1e6}`;
const COMBINING = /[\u0300-\u036f]/;
const SELECTORS = /[\ufe00-\ufe0f]|\udb40[\udd00-\uddef]/;

/** The parts of pdfkit's document and embedded font the fast line writer uses (not in its types). */
interface PdfInternals {
  _font: {
    id: string;
    font: {
      glyphForCodePoint(cp: number): { id: number; advanceWidth: number; codePoints: number[] };
      glyphsForString(t: string): { id: number; advanceWidth: number; codePoints: number[] }[];
    };
    scale: number;
    ascender: number;
    subset: { includeGlyph(id: number): number };
    widths: number[];
    unicode: number[][];
    ref(): unknown;
  };
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown>; write(chunk: Uint8Array): void };
}

class Painter {
  page = 0;
  y = 0;
  private widths = new Map<TableDef, number[]>();

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly draw: boolean,
    readonly g: Geometry,
    readonly model: StatementModel,
    readonly totalPages: number,
  ) {}

  get bottom() {
    return this.g.height - M.bottom;
  }

  font(name: FontName, size: number) {
    if (this.current.name !== name || this.current.size !== size) this.doc.font(name).fontSize(size);
    this.current = { name, size };
    return this;
  }

  /**
   * Splits `text` into the lines it takes in `width` with the current font: greedy by words, a word
   * wider than the column by characters. Both runs wrap with this one function (never pdfkit's line
   * wrapper), so what the dry run measured is what the drawing run draws.
   */
  wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    const fits = (t: string) => this.width(t) <= width;
    for (const para of text.split("\n")) {
      if (fits(para)) {
        lines.push(para);
        continue;
      }
      let line = "";
      for (const word of para.split(" ")) {
        const cand = line ? `${line} ${word}` : word;
        if (fits(cand)) {
          line = cand;
          continue;
        }
        if (line) lines.push(line);
        line = word;
        while (!fits(line) && line.length > 1) {
          let k = line.length - 1;
          while (k > 1 && !fits(line.slice(0, k))) k--;
          lines.push(line.slice(0, k));
          line = line.slice(k);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  private advances = new Map<string, Float64Array>();
  private current: { name: FontName | ""; size: number } = { name: "", size: 0 };

  /**
   * Width of `text` in the current font: the sum of its characters' advances, as the cmap-only
   * layout (useCmapLayout) places them; per font a table of the characters met so far (an array
   * indexed by code unit for the Basic Multilingual Plane, where every Vietnamese letter is).
   */
  width(text: string): number {
    let table = this.advances.get(this.current.name);
    if (!table) this.advances.set(this.current.name, (table = new Float64Array(0x10000).fill(-1)));
    // NFC only when a combining mark is there (text is mostly precomposed already)
    const t = COMBINING.test(text) ? text.normalize("NFC") : text;
    let w = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        // astral: measured the slow way (never in the book's text, kept exact anyway)
        const cp = t.codePointAt(i)!;
        i++;
        w += this.advanceOf(cp);
        continue;
      }
      let a = table[c];
      if (a < 0) table[c] = a = this.advanceOf(c);
      w += a;
    }
    return (w * this.current.size) / 1000;
  }

  private advanceOf(cp: number): number {
    const font = (this.doc as unknown as { _font: { font: any; scale: number } })._font;
    return font.font.glyphForCodePoint(cp).advanceWidth * font.scale;
  }

  /** Height of `text` in `width` with the current font. */
  height(text: string, width: number): number {
    return this.wrap(text, width).length * this.doc.currentLineHeight(true);
  }

  /** Draws wrapped lines from (x, y), each aligned in `width`, with the current font. */
  private drawLines(lines: string[], x: number, y: number, width: number, align: "left" | "center" | "right", underline?: boolean) {
    const lh = this.doc.currentLineHeight(true);
    for (const [i, l] of lines.entries()) {
      if (!l) continue;
      const w = this.width(l);
      const dx = align === "right" ? width - w : align === "center" ? (width - w) / 2 : 0;
      // textWidth given: pdfkit need not lay the line out a second time to measure it
      this.doc.text(l, x + dx, y + i * lh, { lineBreak: false, underline, textWidth: w, wordCount: 1 } as PDFKit.Mixins.TextOptions);
    }
  }

  /**
   * The operators pdfkit's `text(l, x, y, { lineBreak: false })` writes for one line, byte for byte
   * (q, the flip, BT, Tm, Tf, one TJ, ET, Q), made here without its per-call option objects, second
   * layout for the width, word cache and one page write per operator: a table row's operators are
   * collected and written once. The glyphs go into the font's subset as pdfkit's encode does.
   */
  private lineOps(ops: string[], l: string, x: number, y: number) {
    const doc = this.doc as unknown as PdfInternals;
    const font = doc._font;
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
    let hex = this.hexes.get(font);
    if (!hex) this.hexes.set(font, (hex = new Map()));
    const t = COMBINING.test(l) ? l.normalize("NFC") : l;
    let s = "";
    if (SELECTORS.test(t)) {
      // a variation selector picks its glyph with the character before it: fontkit's own mapping
      for (const glyph of font.font.glyphsForString(t)) {
        const gid = font.subset.includeGlyph(glyph.id);
        if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
        if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
        s += `0000${gid.toString(16)}`.slice(-4);
      }
    } else for (const ch of t) {
      const cp = ch.codePointAt(0)!;
      let h = hex.get(cp);
      if (h === undefined) {
        const glyph = font.font.glyphForCodePoint(cp);
        const gid = font.subset.includeGlyph(glyph.id);
        h = `0000${gid.toString(16)}`.slice(-4);
        if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
        if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
        hex.set(cp, h);
      }
      s += h;
    }
    const size = doc._fontSize;
    const dy = (font.ascender / 1000) * size;
    const H = doc.page.height;
    ops.push("q", `1 0 0 -1 0 ${num(H)} cm`, "BT", `1 0 0 1 ${num(x)} ${num(H - y - dy)} Tm`, `/${font.id} ${num(size)} Tf`, `[<${s}> 0] TJ`, "ET", "Q");
  }

  private hexes = new WeakMap<object, Map<number, string>>();

  /** Writes a block of text at (x, y) within `width`; returns its height. Draws only in the drawing run. */
  text(text: string, x: number, y: number, width: number, opts: { align?: "left" | "center" | "right"; font: FontName; size: number; underline?: boolean }): number {
    this.font(opts.font, opts.size);
    const lines = text ? this.wrap(text, width) : [""];
    if (this.draw && text) this.drawLines(lines, x, y, width, opts.align ?? "left", opts.underline);
    return lines.length * this.doc.currentLineHeight(true);
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.6) {
    if (this.draw) this.doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).strokeColor("#000").stroke();
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

  colWidths(t: TableDef): number[] {
    let w = this.widths.get(t);
    if (!w) {
      const sum = t.columns.reduce((a, c) => a + c.width, 0);
      w = t.columns.map((c) => (c.width * this.g.content) / sum);
      this.widths.set(t, w);
    }
    return w;
  }

  private cells(t: TableDef, texts: string[], font: FontName, size: number, fill: string | null, alignOf: (c: ColumnDef) => "left" | "center" | "right") {
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
              this.lineOps(ops, l, x + PAD.x + dx, y + PAD.y + j * lh);
            }
          }
          x += w[i];
        }
        // as bytes: pdfkit turns a string into bytes a character at a time (and adds the newline itself)
        (this.doc as unknown as PdfInternals).page.write(Buffer.from(`${ops.join("\n")}\n`, "latin1"));
      },
    };
  }

  header(t: TableDef) {
    const h = this.cells(t, t.columns.map((c) => c.title), "condBold", HEAD, "#e6e6e6", () => "center");
    return h;
  }

  paintHeader(t: TableDef) {
    const h = this.header(t);
    h.paint();
    this.y += h.height;
  }

  async table(t: TableDef, rows: AsyncIterable<Row>, totals: Record<string, Dong> | null) {
    const align = (c: ColumnDef) => (c.kind === "money" || c.kind === "int" ? "right" : c.kind === "date" || c.kind === "code" ? "center" : "left");
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

async function paint(p: Painter, model: StatementModel, s: Scan, qr: Buffer | null) {
  const { g } = p;
  const C = g.content;
  p.newPage();

  // ---- heading
  if (model.def.heading === "national") {
    const leftW = C * 0.42;
    const rightX = M.left + C * 0.42;
    const rightW = C * 0.58;
    let ly = p.y;
    if (model.parentLine) ly += p.text(model.parentLine.toLocaleUpperCase("vi"), M.left, ly, leftW, { font: "serif", size: 10, align: "center" });
    ly += p.text(model.unit.name.toLocaleUpperCase("vi"), M.left, ly, leftW, { font: "serifBold", size: 10, align: "center" });
    p.line(M.left + leftW * 0.35, ly + 4, M.left + leftW * 0.65, ly + 4);
    let ry = p.y;
    ry += p.text(NATIONAL_HEADING.name, rightX, ry, rightW, { font: "serifBold", size: 10, align: "center" });
    p.font("serifBold", 10.5);
    const mottoW = p.width(NATIONAL_HEADING.motto);
    ry += p.text(NATIONAL_HEADING.motto, rightX, ry, rightW, { font: "serifBold", size: 10.5, align: "center" });
    p.line(rightX + (rightW - mottoW) / 2, ry + 3, rightX + (rightW + mottoW) / 2, ry + 3);
    ry += 10;
    ry += p.text(`${model.place}, ${dateLineVi(model.date)}`, rightX, ry, rightW, { font: "serifItalic", size: 10, align: "center" });
    p.y = Math.max(ly + 6, ry) + 12;
    p.y += p.text(model.def.title.vi, M.left, p.y, C, { font: "serifBold", size: 13.5, align: "center" });
    for (const [i, line] of model.subtitle.entries()) {
      p.y += p.text(line, M.left, p.y, C, { font: i === model.subtitle.length - 1 && model.subtitle.length > 1 ? "serifItalic" : "serifBold", size: 10.5, align: "center" });
    }
    p.line(M.left + C * 0.44, p.y + 6, M.left + C * 0.56, p.y + 6);
    p.y += 14;
  } else {
    // documents.md §2: the accounting form carries the unit and the form code, not the national heading.
    const leftW = C * 0.6;
    let ly = p.y;
    ly += p.text(`Đơn vị: ${model.unitFullName}`, M.left, ly, leftW, { font: "serifBold", size: 10 });
    let ry = p.y;
    ry += p.text(RECEIPT_FORM.code, M.left + leftW, ry, C - leftW, { font: "serifBold", size: 10, align: "center" });
    for (const l of RECEIPT_FORM.basis) ry += p.text(l, M.left + leftW, ry, C - leftW, { font: "serifItalic", size: 8.5, align: "center" });
    p.y = Math.max(ly, ry) + 10;
    const top = p.y;
    let cy = top;
    cy += p.text(model.def.title.vi, M.left + C * 0.2, cy, C * 0.6, { font: "serifBold", size: 15, align: "center" });
    if (model.form) cy += p.text(model.form.dateLine, M.left + C * 0.2, cy, C * 0.6, { font: "serifItalic", size: 10, align: "center" });
    let fy = top;
    if (model.form) {
      for (const l of [`Số: ${model.form.number}`, `Nợ: ${model.form.debit}`, `Có: ${model.form.credit}`]) fy += p.text(l, M.left + C * 0.8, fy, C * 0.2, { font: "serif", size: 9.5 });
    }
    p.y = Math.max(cy, fy) + 8;
  }

  // ---- fields
  for (const f of model.fields) {
    p.font("serif", 10);
    const text = `${f.label}: ${f.value}`;
    const h = p.height(text, C);
    p.ensure(h);
    p.y += p.text(text, M.left, p.y, C, { font: "serif", size: 10 }) + 1;
  }
  if (model.fields.length) p.y += 4;

  // ---- main table
  const main = model.tables[0];
  const hasMoney = main.def.columns.some((c) => c.kind === "money");
  if (hasMoney) {
    p.ensure(14);
    p.y += p.text(TEXTS.unitLine, M.left, p.y, C, { font: "serifItalic", size: 8.5, align: "right" }) + 1;
  }
  await p.table(main.def, main.rows(), main.def.columns.some((c) => c.total) ? s.totals[0] : null);
  p.y += 6;

  // ---- summary and amount in words
  for (const item of model.summary) {
    const v = typeof item.value === "string" ? item.value : `${item.value.isNegative() ? `(${formatDong(item.value.abs())})` : formatDong(item.value)} đồng`;
    p.font("serif", 10);
    p.ensure(p.height(`${item.label}: ${v}`, C));
    p.y += p.text(`${item.label}: ${v}`, M.left, p.y, C, { font: "serif", size: 10 });
  }
  if (model.words.label) {
    // a statement without an amount (inspection minutes) has no amount in words
    const w = model.words.amount;
    const words = `${model.words.label}: ${w.isNegative() ? `Âm ${inWords(w.abs()).toLocaleLowerCase("vi")}` : inWords(w)}.`;
    p.font("serifItalic", 10);
    p.ensure(p.height(words, C) + 4);
    p.y += p.text(words, M.left, p.y + 2, C, { font: "serifItalic", size: 10 }) + 8;
  } else p.y += 8;

  // ---- further tables (changes since the last posting)
  for (const [i, t] of model.tables.slice(1).entries()) {
    p.font("serifBold", 10.5);
    p.ensure(60);
    if (t.def.title) p.y += p.text(t.def.title, M.left, p.y, C, { font: "serifBold", size: 10.5 }) + 2;
    const intro = model.changesSince && t.def.sheet === CHANGES_TABLE.sheet ? TEXTS.changesIntro(model.changesSince.code, model.changesSince.seq) : "";
    if (intro) p.y += p.text(intro, M.left, p.y, C, { font: "serifItalic", size: 9 }) + 2;
    if (s.rowCounts[i + 1] === 0) p.y += p.text(t.def.empty ?? "", M.left, p.y, C, { font: "serif", size: 9.5 }) + 4;
    else await p.table(t.def, t.rows(), t.def.columns.some((c) => c.total) ? s.totals[i + 1] : null);
    p.y += 8;
  }

  // ---- the board's word on the paper
  if (model.opinions.length) {
    p.ensure(40);
    p.y += p.text(TEXTS.opinions, M.left, p.y, C, { font: "serifBold", size: 10.5 }) + 2;
    for (const o of model.opinions) {
      const text = `${TEXTS.stance[o.stance]} — ${o.board} (${o.by}, ${formatInstantVi(o.at)}): ${o.text}`;
      p.font("serif", 9.5);
      p.ensure(p.height(text, C));
      p.y += p.text(text, M.left, p.y, C, { font: "serif", size: 9.5 }) + 2;
    }
    p.y += 6;
  }

  // ---- signature blocks, kept together
  const sigs = model.def.signatures;
  const sigW = C / sigs.length;
  const names: string[] = sigs.map((sg, i) =>
    sg.name !== undefined ? sg.name : i === 0 && model.drafted ? model.drafted.name : /TRƯỞNG THÔN|THỦ TRƯỞNG/.test(sg.title) && model.approved ? model.approved.name : "",
  );
  p.font("serifBold", 9);
  const titleH = Math.max(...sigs.map((s) => p.height(s.title, sigW - 6)));
  const sigH = titleH + 12 + 52 + 14;
  p.ensure(sigH);
  const sy = p.y;
  for (const [i, sg] of sigs.entries()) {
    const x = M.left + i * sigW;
    p.text(sg.title, x + 3, sy, sigW - 6, { font: "serifBold", size: 9, align: "center" });
    p.text(sg.hint, x + 3, sy + titleH, sigW - 6, { font: "serifItalic", size: 8, align: "center" });
    if (names[i]) p.text(names[i], x + 3, sy + titleH + 12 + 52, sigW - 6, { font: "serifBold", size: 9, align: "center" });
  }
  p.y = sy + sigH + 12;

  // ---- verification block: QR, code, link, data hash and chain head, each unbroken
  const qrSize = 90;
  const lines: { text: string; font: FontName; size: number }[] = [];
  lines.push({ text: TEXTS.verifyTitle, font: "serifBold", size: 9 });
  if (model.code) lines.push({ text: `${TEXTS.verifyCode}: ${model.code}`, font: "serifBold", size: 9 });
  else lines.push({ text: TEXTS.notPublished, font: "serifBold", size: 9 });
  lines.push({ text: `${TEXTS.verifyAt}: ${model.verifyUrl}`, font: "serif", size: 8 });
  lines.push({ text: `${TEXTS.dataHash}:`, font: "serif", size: 8 });
  lines.push({ text: s.dataHash, font: "mono", size: 7.5 });
  lines.push({ text: `${TEXTS.chainHead}:`, font: "serif", size: 8 });
  lines.push({ text: `${model.chainHead.seq}:${model.chainHead.hash}`, font: "mono", size: 7.5 });
  const people = [
    model.drafted ? `${TEXTS.draftedBy}: ${model.drafted.name} (${formatInstantVi(model.drafted.at)})` : "",
    model.approved ? `${TEXTS.approvedBy}: ${model.approved.name} (${formatInstantVi(model.approved.at)})` : "",
    `${TEXTS.generatedAt}: ${formatInstantVi(model.generatedAt)}`,
  ].filter(Boolean);
  lines.push({ text: people.join(" · "), font: "serif", size: 8 });
  const textW = C - qrSize - 10;
  let blockH = 0;
  for (const l of lines) {
    p.font(l.font, l.size);
    blockH += l.font === "mono" ? p.doc.currentLineHeight(true) : p.height(l.text, textW);
  }
  p.ensure(Math.max(qrSize, blockH) + 4);
  const vy = p.y;
  p.line(M.left, vy - 2, M.left + C, vy - 2, 0.3);
  if (p.draw && qr) p.doc.image(qr, M.left, vy + 2, { width: qrSize, height: qrSize });
  let ty = vy + 2;
  for (const l of lines) {
    if (l.font === "mono") {
      // A hash is one word on one line (lineBreak off), so pdftotext gives it back whole.
      p.font("mono", l.size);
      if (p.draw) p.doc.text(l.text, M.left + qrSize + 10, ty, { lineBreak: false });
      ty += p.doc.currentLineHeight(true);
    } else ty += p.text(l.text, M.left + qrSize + 10, ty, textW, { font: l.font, size: l.size });
  }
  p.y = Math.max(vy + qrSize + 4, ty);
}

/** Counts the pages the statement takes (a dry run of the layout: nothing is drawn). */
export async function countPages(model: StatementModel, s: Scan): Promise<number> {
  const g = geometry(model);
  const doc = newDoc(model, g, true); // one blank page, only for the fonts' metrics; never sent anywhere
  const p = new Painter(doc, false, g, model, 0);
  await paint(p, model, s, null);
  doc.end();
  doc.resume(); // discard its bytes
  return p.page;
}

/**
 * Writes the statement as PDF to `out`, page by page as each page ends. `s` is the scan of the same
 * model (its hash and totals); the creation date is the model's generatedAt, so the same model gives
 * the same bytes.
 */
export async function renderPdf(model: StatementModel, s: Scan, out: Writable): Promise<{ pages: number }> {
  const pages = await countPages(model, s);
  const g = geometry(model);
  const doc = newDoc(model, g, false);
  stamp(doc, model, s.dataHash);
  const done = new Promise<void>((resolve, reject) => {
    out.once("finish", resolve);
    out.once("close", resolve);
    out.once("error", reject);
    doc.once("error", reject);
  });
  doc.pipe(out);
  // The QR carries the hash too: scanning it checks this copy's data in one step.
  const qr = await qrcode().toBuffer(`${model.verifyUrl}?hash=${s.dataHash}`, { type: "png", margin: 1, width: 240, errorCorrectionLevel: "M" });
  const p = new Painter(doc, true, g, model, pages);
  await paint(p, model, s, qr);
  if (p.page !== pages) throw new Error(`layout drift: counted ${pages} pages, drew ${p.page}`);
  doc.end();
  await done;
  return { pages };
}

/** Reads the verification fields a generated PDF carries in its Info dictionary (undefined when absent). */
export function embeddedFields(pdf: Buffer): { dataHash?: string; chainHead?: string; code?: string } {
  const text = pdf.toString("latin1");
  // pdfkit writes each Info value as an indirect object: "/DataHash 26 0 R" ... "26 0 obj\n(<value>)"
  const get = (key: string, re: string) => {
    const direct = new RegExp(`/${key} \\((${re})\\)`).exec(text)?.[1];
    if (direct) return direct;
    const ref = new RegExp(`/${key} ([0-9]+) 0 R`).exec(text)?.[1];
    return ref ? new RegExp(`(?:^|\\n)${ref} 0 obj\\s*\\((${re})\\)`).exec(text)?.[1] : undefined;
  };
  return { dataHash: get("DataHash", "[0-9a-f]{64}"), chainHead: get("ChainHead", "[0-9]+:[0-9a-f]{64}"), code: get("VerifyCode", "[A-Za-z0-9-]{1,32}") };
}

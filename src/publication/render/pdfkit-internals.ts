// Every reach into pdfkit's private parts lives in this file. pdfkit is pinned to one exact version
// in package.json for that reason: these fields and the operators below are that version's, and an
// upgrade means re-reading pdfkit's text and font code and comparing a rendered statement byte for byte.
//
// Why reach in at all: a statement is thousands of short table cells, and pdfkit's public path costs
// an OpenType shaping plan per word and an option object, a second layout and a page write per call.

/** A PDF number as pdfkit writes it (PDFObject.number: rounded to 6 decimals). */
export const num = (n: number) => `${Math.round(n * 1e6) / 1e6}`;
export const COMBINING = /[\u0300-\u036f]/;
const SELECTORS = /[\ufe00-\ufe0f]|\udb40[\udd00-\uddef]/;

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** The parts of pdfkit's document and embedded font used here (not in its types). */
interface PdfInternals {
  _font: {
    id: string;
    font: { glyphForCodePoint(cp: number): Glyph; glyphsForString(t: string): Glyph[] };
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

/**
 * Lays out text by the font's character map alone, without OpenType shaping (fontkit's plan per
 * word is most of a row's cost). Vietnamese text is NFC (precomposed letters, which DejaVu has), so no mark
 * positioning is needed; and one glyph per character keeps pdftotext's extraction exact (TOOLCHAIN:
 * ccmp can lose the dot below "ị"). pdfkit's EmbeddedFont class is not exported: its prototype is
 * reached through the first document's current font, and patched once per process.
 */
let cmapOnly = false;
export function useCmapLayout(doc: PDFKit.PDFDocument) {
  if (cmapOnly) return;
  const font = (doc as unknown as { _font?: object })._font;
  const proto = font && (Object.getPrototypeOf(font) as { layoutRun?: unknown });
  if (!proto || typeof proto.layoutRun !== "function") return;
  proto.layoutRun = function (this: { font: PdfInternals["_font"]["font"]; scale: number }, text: string) {
    const glyphs = this.font.glyphsForString(text.normalize("NFC"));
    let advanceWidth = 0;
    const positions = glyphs.map((g) => {
      const w = g.advanceWidth * this.scale;
      advanceWidth += w;
      return { xAdvance: w, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: w };
    });
    return { glyphs, positions, advanceWidth };
  };
  cmapOnly = true;
}

/**
 * One document's fast text path: glyph advances of its current font, and a line written as the
 * operators pdfkit's `text(l, x, y, { lineBreak: false })` writes, byte for byte (q, the flip, BT,
 * Tm, Tf, one TJ, ET, Q). The glyphs go into the font's subset as pdfkit's encode does.
 */
export class FastText {
  private hexes = new WeakMap<object, Map<number, string>>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private get internals() {
    return this.doc as unknown as PdfInternals;
  }

  /** Advance of one character in the current font, in thousandths of the font size. */
  advanceOf(cp: number): number {
    const font = this.internals._font;
    return font.font.glyphForCodePoint(cp).advanceWidth * font.scale;
  }

  /** Appends to `ops` the operators of one line at (x, y) in the current font and size. */
  lineOps(ops: string[], l: string, x: number, y: number) {
    const doc = this.internals;
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

  /** Writes collected operators to the current page in one write. */
  write(ops: string[]) {
    // as bytes: pdfkit turns a string into bytes a character at a time (and adds the newline itself)
    this.internals.page.write(Buffer.from(`${ops.join("\n")}\n`, "latin1"));
  }
}

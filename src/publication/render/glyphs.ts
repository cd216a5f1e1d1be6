import { COMBINING } from "./pdfkit-internals";

// Measuring and wrapping text. Both layout runs (the dry run that counts pages and the drawing run)
// measure and wrap with this code only, never pdfkit's line wrapper, so what the dry run measured is
// what the drawing run draws.

/**
 * Widths of text by the sum of its characters' advances, as the cmap-only layout places them
 * (pdfkit-internals useCmapLayout). Per font a table of the characters met so far: an array indexed
 * by code unit for the Basic Multilingual Plane, where every Vietnamese letter is.
 */
export class GlyphWidths {
  private advances = new Map<string, Float64Array>();

  /** `advanceOf` gives a character's advance in the document's current font (the one `font` names). */
  constructor(private readonly advanceOf: (cp: number) => number) {}

  width(font: string, size: number, text: string): number {
    let table = this.advances.get(font);
    if (!table) this.advances.set(font, (table = new Float64Array(0x10000).fill(-1)));
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
    return (w * size) / 1000;
  }
}

/**
 * Splits `text` into the lines it takes in `width`, measured by `measure`: greedy by words, a word
 * wider than the column by characters; "\n" always breaks.
 */
export function wrap(text: string, width: number, measure: (t: string) => number): string[] {
  const lines: string[] = [];
  const fits = (t: string) => measure(t) <= width;
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

import fs from "node:fs";
import type { Writable } from "node:stream";
import type PDFKitDocument from "pdfkit";
import { FONTS } from "../../../reports/fonts";
import type { Scan, StatementModel } from "../model";
import { layStatement } from "./layouts";
import { geometry, Painter, Paper, ROLL_MAX, textWidth } from "./painter";
import { useCmapLayout } from "./pdfkit-internals";

// The statement as an A4 PDF for the notice board (DESIGN §8, documents.md), or a receipt on the
// paper a household keeps (A5, an 80 mm roll: painter.ts PAPERS). The layout runs twice
// with the same code: a dry run that only measures (it counts the pages, so each page can say
// "Trang n/N" as it is drawn), then the drawing run, whose pages are flushed as they end: the
// response streams while later pages are still being made, and memory stays bounded.

// Loaded on first use, not at start-up: most requests never render a document (start-up time and
// idle memory).
/* eslint-disable @typescript-eslint/no-require-imports */
const pdfkit = (): typeof PDFKitDocument => require("pdfkit");
const qrcode = (): typeof import("qrcode") => require("qrcode");
/* eslint-enable @typescript-eslint/no-require-imports */

let fonts: [string, Buffer][] | undefined;
/** The TTF files, read once per process (every document embeds a subset of them). */
function fontBytes(): [string, Buffer][] {
  return (fonts ??= Object.entries(FONTS).map(([name, file]) => [name, fs.readFileSync(file)]));
}

/** The document; the painter adds each page in its orientation (the first automatic page only serves the dry run's metrics). */
function newDoc(model: StatementModel, autoFirstPage: boolean) {
  const at = new Date(model.generatedAt);
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({
    size: "A4",
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

/**
 * A dry run of the layout (nothing is drawn): the pages the statement takes, and on a roll the
 * length its one page is cut to (the text's end and the bottom margin).
 */
async function dryRun(model: StatementModel, s: Scan, paper: Paper): Promise<{ pages: number; rollHeight: number }> {
  const doc = newDoc(model, true); // one blank page, only for the fonts' metrics; never sent anywhere
  const g = geometry(model, s, textWidth(doc), paper);
  const p = new Painter(doc, false, g, model, 0);
  await layStatement(p, model, s, null);
  doc.end();
  doc.resume(); // discard its bytes
  return { pages: p.page, rollHeight: p.page === 1 ? Math.ceil(p.y + g.m.bottom) : ROLL_MAX };
}

/** Counts the pages the statement takes (a dry run of the layout: nothing is drawn). */
export async function countPages(model: StatementModel, s: Scan, paper: Paper = "a4"): Promise<number> {
  return (await dryRun(model, s, paper)).pages;
}

/**
 * Writes the statement as PDF on `paper` to `out`, page by page as each page ends. `s` is the scan of the same
 * model (its hash and totals); the creation date is the model's generatedAt, so the same model gives
 * the same bytes.
 */
export async function renderPdf(model: StatementModel, s: Scan, out: Writable, paper: Paper = "a4"): Promise<{ pages: number }> {
  const { pages, rollHeight } = await dryRun(model, s, paper);
  const doc = newDoc(model, false);
  const g = geometry(model, s, textWidth(doc), paper, rollHeight);
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
  await layStatement(p, model, s, qr);
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

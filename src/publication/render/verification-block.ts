import type { FontName } from "../../../reports/fonts";
import { TEXTS } from "../../../reports/statements";
import { formatInstantVi } from "../../shared/dates";
import type { Scan, StatementModel } from "../model";
import { Painter, TABLE_PT } from "./painter";

// The verification block at a statement's end (documents.md: how a copy is checked): the QR of the
// verification link, the code large enough to type in off the wall, the link, the data hash and the
// chain head, who made it and when. On a roll it stacks in one narrow column.

/** The verification code's size on paper: read at arm's length off a notice board and typed in (22 pt: letters about 6 mm high). */
const CODE_SIZE = 22;

/**
 * How the code stands in `width`: beside its label at 22 pt when both fit, else under the label, as
 * large as fits (a receipt's code carries its entry id: a province's ids run to 14 digits).
 */
function codeLayout(p: Painter, code: string, width: number): { beside: boolean; size: number; labelW: number } {
  p.font("serifBold", 11);
  const labelW = p.width(`${TEXTS.verifyCode}: `);
  const codeW = p.font("mono", CODE_SIZE).width(code);
  if (labelW + codeW <= width) return { beside: true, size: CODE_SIZE, labelW };
  return { beside: false, size: Math.max(12, Math.min(CODE_SIZE, Math.floor((CODE_SIZE * width) / codeW))), labelW };
}

/** The code's lines' height: one line of the code, or the label's line above it. */
function codeHeight(p: Painter, code: string, width: number): number {
  const l = codeLayout(p, code, width);
  const big = p.font("mono", l.size).doc.currentLineHeight(true) + 2;
  return l.beside ? big : big + p.font("serifBold", 11).doc.currentLineHeight(true);
}

/** "Mã xác minh: ABCDEFGHJK", the code large, on the label's baseline or under it; returns the height used. */
function bigCode(p: Painter, code: string, x: number, y: number, width: number): number {
  const label = `${TEXTS.verifyCode}: `;
  const l = codeLayout(p, code, width);
  if (!l.beside) {
    const labelH = p.unbroken(label.trim(), x, y, "serifBold", 11);
    p.unbroken(code, x, y + labelH, "mono", l.size);
    return codeHeight(p, code, width);
  }
  // the label's baseline on the code's: both fonts put their baseline at about 0.76 of their size below the top
  p.unbroken(label, x, y + (CODE_SIZE - 11) * 0.76 * p.g.scale, "serifBold", 11);
  p.unbroken(code, x + l.labelW, y, "mono", CODE_SIZE);
  return codeHeight(p, code, width);
}

/**
 * A hash in as few pieces as fit `width` (on a roll a 64-character hash is two lines of 32): each
 * piece unbroken, so pdftotext gives it back whole on A4 and in halves on a roll.
 */
function hashLines(p: Painter, text: string, font: FontName, size: number, width: number): string[] {
  p.font(font, size);
  for (let n = 1; n < 8; n++) {
    const len = Math.ceil(text.length / n);
    const parts = Array.from({ length: n }, (_, i) => text.slice(i * len, (i + 1) * len)).filter(Boolean);
    if (parts.every((x) => p.width(x) <= width)) return parts;
  }
  return [text];
}

/** The verification block: QR, the code (large), link, data hash and chain head (each unbroken), who and when. */
export function verification(p: Painter, model: StatementModel, s: Scan, qr: Buffer | null) {
  if (p.g.narrow) return narrowVerification(p, model, s, qr);
  const C = p.g.content;
  const qrSize = Math.round(96 * p.g.scale);
  const textX = p.g.m.left + qrSize + 10;
  const textW = C - qrSize - 10;
  // the hashes at 8.5 pt, or as little smaller as keeps each on one line (A5), else in pieces
  const chain = `${model.chainHead.seq}:${model.chainHead.hash}`;
  const hashSize = [8.5, 8, 7.5, 7].find((size) => [s.dataHash, chain].every((h) => p.font("mono", size).width(h) <= textW)) ?? 7;
  const lines: { text: string; font: FontName; size: number; code?: true }[] = [];
  lines.push({ text: TEXTS.verifyTitle, font: "serifBold", size: TABLE_PT + 1 });
  if (model.code) lines.push({ text: model.code, font: "mono", size: CODE_SIZE, code: true });
  else lines.push({ text: TEXTS.notPublished, font: "serifBold", size: TABLE_PT });
  lines.push({ text: `${TEXTS.verifyAt}: ${model.verifyUrl}`, font: "serif", size: TABLE_PT });
  lines.push({ text: `${TEXTS.dataHash}:`, font: "serif", size: TABLE_PT });
  for (const l of hashLines(p, s.dataHash, "mono", hashSize, textW)) lines.push({ text: l, font: "mono", size: hashSize });
  lines.push({ text: `${TEXTS.chainHead}:`, font: "serif", size: TABLE_PT });
  for (const l of hashLines(p, chain, "mono", hashSize, textW)) lines.push({ text: l, font: "mono", size: hashSize });
  const people = [
    model.drafted ? `${TEXTS.draftedBy}: ${model.drafted.name} (${formatInstantVi(model.drafted.at)})` : "",
    model.approved ? `${TEXTS.approvedBy}: ${model.approved.name} (${formatInstantVi(model.approved.at)})` : "",
    `${TEXTS.generatedAt}: ${formatInstantVi(model.generatedAt)}`,
  ].filter(Boolean);
  lines.push({ text: people.join(" · "), font: "serif", size: TABLE_PT });
  let blockH = 0;
  for (const l of lines) {
    p.font(l.font, l.size);
    blockH += l.code ? codeHeight(p, l.text, textW) : l.font === "mono" ? p.doc.currentLineHeight(true) : p.height(l.text, textW);
  }
  p.ensure(Math.max(qrSize, blockH) + 4);
  const vy = p.y;
  p.line(p.g.m.left, vy - 2, p.g.m.left + C, vy - 2, 0.3);
  if (qr) p.image(qr, p.g.m.left, vy + 2, qrSize);
  let ty = vy + 2;
  for (const l of lines) {
    if (l.code) ty += bigCode(p, l.text, textX, ty, textW);
    else ty += l.font === "mono" ? p.unbroken(l.text, textX, ty, l.font, l.size) : p.text(l.text, textX, ty, textW, { font: l.font, size: l.size });
  }
  p.y = Math.max(vy + qrSize + 4, ty);
}

/** The verification block in one narrow column (a roll): the QR centred, the code under its label, then the rest. */
function narrowVerification(p: Painter, model: StatementModel, s: Scan, qr: Buffer | null) {
  const C = p.g.content;
  const x = p.g.m.left;
  const qrSize = Math.min(C * 0.6, 120);
  const people = [
    model.drafted ? `${TEXTS.draftedBy}: ${model.drafted.name} (${formatInstantVi(model.drafted.at)})` : "",
    model.approved ? `${TEXTS.approvedBy}: ${model.approved.name} (${formatInstantVi(model.approved.at)})` : "",
    `${TEXTS.generatedAt}: ${formatInstantVi(model.generatedAt)}`,
  ].filter(Boolean);
  const lay = () => {
    p.line(x, p.y, x + C, p.y, 0.3);
    p.y += 4;
    p.y += p.text(TEXTS.verifyTitle, x, p.y, C, { font: "serifBold", size: TABLE_PT + 1, align: "center" }) + 2;
    if (qr) p.image(qr, x + (C - qrSize) / 2, p.y, qrSize);
    p.y += qrSize + 4;
    if (model.code) {
      p.y += p.text(`${TEXTS.verifyCode}:`, x, p.y, C, { font: "serifBold", size: 11, align: "center" });
      p.font("mono", CODE_SIZE);
      const codeLines = hashLines(p, model.code, "mono", CODE_SIZE, C);
      for (const l of codeLines) p.y += p.unbroken(l, x + Math.max(0, (C - p.font("mono", CODE_SIZE).width(l)) / 2), p.y, "mono", CODE_SIZE);
      p.y += 2;
    } else p.y += p.text(TEXTS.notPublished, x, p.y, C, { font: "serifBold", size: TABLE_PT });
    p.y += p.text(`${TEXTS.verifyAt}: ${model.verifyUrl}`, x, p.y, C, { font: "serif", size: TABLE_PT });
    p.y += p.text(`${TEXTS.dataHash}:`, x, p.y, C, { font: "serif", size: TABLE_PT });
    for (const l of hashLines(p, s.dataHash, "mono", 8.5, C)) p.y += p.unbroken(l, x, p.y, "mono", 8.5);
    p.y += p.text(`${TEXTS.chainHead}:`, x, p.y, C, { font: "serif", size: TABLE_PT });
    for (const l of hashLines(p, `${model.chainHead.seq}:${model.chainHead.hash}`, "mono", 8.5, C)) p.y += p.unbroken(l, x, p.y, "mono", 8.5);
    p.y += p.text(people.join(" · "), x, p.y, C, { font: "serif", size: TABLE_PT });
  };
  p.ensure(p.measure(lay));
  lay();
}

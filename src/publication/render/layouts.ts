import type { FontName } from "../../../reports/fonts";
import { CHANGES_TABLE, NATIONAL_HEADING, RECEIPT_FORM, TEXTS } from "../../../reports/statements";
import { dateLineVi, formatInstantVi } from "../../shared/dates";
import { formatDong } from "../../shared/money";
import { inWords } from "../../shared/words-vi";
import type { Scan, StatementModel } from "../model";
import { M, Painter } from "./painter";

// What a statement's pages hold, top to bottom (DESIGN §8, documents.md): the heading, the fields,
// the main table with its totals, the summary and the amount in words, further tables, the board's
// opinions, the signature blocks kept together, and the verification block.

/** The national heading beside the unit, the place-and-date line, the title and the subtitle. */
function nationalHeading(p: Painter, model: StatementModel) {
  const C = p.g.content;
  const leftW = C * 0.42;
  const rightX = M.left + C * 0.42;
  const rightW = C * 0.58;
  const issuer = model.issuer ?? { parentLine: model.parentLine, name: model.unit.name };
  let ly = p.y;
  if (issuer.parentLine) ly += p.text(issuer.parentLine.toLocaleUpperCase("vi"), M.left, ly, leftW, { font: "serif", size: 10, align: "center" });
  ly += p.text(issuer.name.toLocaleUpperCase("vi"), M.left, ly, leftW, { font: "serifBold", size: 10, align: "center" });
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
}

/** documents.md §2: the accounting form carries the unit and the form code, not the national heading. */
function formHeading(p: Painter, model: StatementModel) {
  const C = p.g.content;
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

/** A paragraph of one font that moves to the next page whole when it does not fit. */
function paragraph(p: Painter, text: string, font: FontName, size: number, after: number) {
  p.font(font, size);
  p.ensure(p.height(text, p.g.content));
  p.y += p.text(text, M.left, p.y, p.g.content, { font, size }) + after;
}

async function body(p: Painter, model: StatementModel, s: Scan) {
  const C = p.g.content;
  for (const f of model.fields) paragraph(p, `${f.label}: ${f.value}`, "serif", 10, 1);
  if (model.fields.length) p.y += 4;

  const main = model.tables[0];
  if (main.def.columns.some((c) => c.kind === "money")) {
    p.ensure(14);
    p.y += p.text(TEXTS.unitLine, M.left, p.y, C, { font: "serifItalic", size: 8.5, align: "right" }) + 1;
  }
  await p.table(main.def, main.rows(), main.def.columns.some((c) => c.total) ? s.totals[0] : null);
  p.y += 6;

  for (const item of model.summary) {
    const v = typeof item.value === "string" ? item.value : `${item.value.isNegative() ? `(${formatDong(item.value.abs())})` : formatDong(item.value)} đồng`;
    paragraph(p, `${item.label}: ${v}`, "serif", 10, 0);
  }
  if (model.words.label) {
    // a statement without an amount (inspection minutes) has no amount in words
    const w = model.words.amount;
    const words = `${model.words.label}: ${w.isNegative() ? `Âm ${inWords(w.abs()).toLocaleLowerCase("vi")}` : inWords(w)}.`;
    p.font("serifItalic", 10);
    p.ensure(p.height(words, C) + 4);
    p.y += p.text(words, M.left, p.y + 2, C, { font: "serifItalic", size: 10 }) + 8;
  } else p.y += 8;

  // further tables (a work's sources and findings; the changes since a superseded publication)
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
}

/** The board's word on the paper. */
function opinions(p: Painter, model: StatementModel) {
  if (!model.opinions.length) return;
  p.ensure(40);
  p.y += p.text(TEXTS.opinions, M.left, p.y, p.g.content, { font: "serifBold", size: 10.5 }) + 2;
  for (const o of model.opinions) paragraph(p, `${TEXTS.stance[o.stance]} — ${o.board} (${o.by}, ${formatInstantVi(o.at)}): ${o.text}`, "serif", 9.5, 2);
  p.y += 6;
}

/** The signature blocks that fit side by side; more (minutes signed by every member present) go on further rows. */
const SIGNATURES_PER_ROW = 5;

/** The signature blocks, side by side in rows and kept together on one page. */
function signatures(p: Painter, model: StatementModel) {
  const sigs = model.def.signatures;
  const perRow = Math.min(sigs.length, SIGNATURES_PER_ROW);
  const sigW = p.g.content / perRow;
  const names: string[] = sigs.map((sg, i) =>
    sg.name !== undefined ? sg.name : i === 0 && model.drafted ? model.drafted.name : /TRƯỞNG THÔN|THỦ TRƯỞNG/.test(sg.title) && model.approved ? model.approved.name : "",
  );
  p.font("serifBold", 9);
  const rows: { from: number; titleH: number; sigH: number }[] = [];
  for (let from = 0; from < sigs.length; from += perRow) {
    const titleH = Math.max(...sigs.slice(from, from + perRow).map((s) => p.height(s.title, sigW - 6)));
    rows.push({ from, titleH, sigH: titleH + 12 + 52 + 14 });
  }
  p.ensure(rows.reduce((h, r) => h + r.sigH + 12, -12));
  for (const r of rows) {
    const sy = p.y;
    // a last row shorter than the others is centred under them
    const n = Math.min(perRow, sigs.length - r.from);
    const x0 = M.left + ((perRow - n) * sigW) / 2;
    for (let j = 0; j < n; j++) {
      const i = r.from + j;
      const x = x0 + j * sigW;
      p.text(sigs[i].title, x + 3, sy, sigW - 6, { font: "serifBold", size: 9, align: "center" });
      p.text(sigs[i].hint, x + 3, sy + r.titleH, sigW - 6, { font: "serifItalic", size: 8, align: "center" });
      if (names[i]) p.text(names[i], x + 3, sy + r.titleH + 12 + 52, sigW - 6, { font: "serifBold", size: 9, align: "center" });
    }
    p.y = sy + r.sigH + 12;
  }
}

/** The verification block: QR, code, link, data hash and chain head (each unbroken), who and when. */
function verification(p: Painter, model: StatementModel, s: Scan, qr: Buffer | null) {
  const C = p.g.content;
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
  const textX = M.left + qrSize + 10;
  const textW = C - qrSize - 10;
  let blockH = 0;
  for (const l of lines) {
    p.font(l.font, l.size);
    blockH += l.font === "mono" ? p.doc.currentLineHeight(true) : p.height(l.text, textW);
  }
  p.ensure(Math.max(qrSize, blockH) + 4);
  const vy = p.y;
  p.line(M.left, vy - 2, M.left + C, vy - 2, 0.3);
  if (qr) p.image(qr, M.left, vy + 2, qrSize);
  let ty = vy + 2;
  for (const l of lines) ty += l.font === "mono" ? p.unbroken(l.text, textX, ty, l.font, l.size) : p.text(l.text, textX, ty, textW, { font: l.font, size: l.size });
  p.y = Math.max(vy + qrSize + 4, ty);
}

/** Lays the whole statement out on `p`'s pages (`qr` null in the dry run). */
export async function layStatement(p: Painter, model: StatementModel, s: Scan, qr: Buffer | null) {
  p.newPage();
  if (model.def.heading === "national") nationalHeading(p, model);
  else formHeading(p, model);
  await body(p, model, s);
  opinions(p, model);
  signatures(p, model);
  verification(p, model, s, qr);
}

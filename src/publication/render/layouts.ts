import type { FontName } from "../../../reports/fonts";
import { CHANGES_TABLE, NATIONAL_HEADING, TEXTS } from "../../../reports/statements";
import { dateLineVi, formatInstantVi } from "../../shared/dates";
import { abs } from "../../shared/money";
import { inWords } from "../../shared/words-vi";
import type { Scan, StatementModel } from "../model";
import { BODY_PT, Painter, signedDong, TABLE_PT } from "./painter";
import { verification } from "./verification-block";

// What a statement's pages hold, top to bottom (DESIGN §8, documents.md): the heading (national, with
// the number, on a statement posted for residents; the accounting form's on vouchers and books), the
// fields, the main table with its totals, the summary and the amount in words, further tables, the
// board's opinions, the signature blocks kept together with "Nơi nhận", and the verification block.
// Every rule here goes by the heading and the model's parts, never by the kind.

/**
 * Sizes in points (Decree 30/2020, documents.md §1): the heading's lines 12–13, the motto 13, the
 * title 14; the text around the tables BODY_PT (12); "Nơi nhận" 12 over its list in 11, as the decree
 * sets them. Tables are the painter's (TABLE_PT, 10).
 */
const PT = { heading: 12, motto: 13, title: 14, subtitle: 13, body: BODY_PT, recipients: 11 };

/** The issuing body's abbreviation in the number line: the initials of its name, its place left out ("Thôn Đồng Tâm" → "TĐT"). */
export function bodyAbbreviation(name: string): string {
  const own = /^(ban|hội|tổ|ủy ban)\s/iu.test(name) ? name.replace(/\s+(thôn|xóm|bản|ấp|tổ dân phố|xã|phường|thị trấn|đặc khu)\s.*$/iu, "") : name;
  return own
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((w) => w[0].toLocaleUpperCase("vi"))
    .join("");
}

/**
 * The national heading (documents.md §1): the issuing body with the document's number under it, the
 * national name and motto with the place and date, then the title and the subtitle.
 */
function nationalHeading(p: Painter, model: StatementModel) {
  const C = p.g.content;
  const leftW = C * 0.4;
  const rightX = p.g.m.left + leftW;
  const rightW = C - leftW;
  const issuer = model.issuer ?? { parentLine: model.parentLine, name: model.unit.name };
  let ly = p.y;
  if (issuer.parentLine) ly += p.text(issuer.parentLine.toLocaleUpperCase("vi"), p.g.m.left, ly, leftW, { font: "serif", size: PT.heading, align: "center" });
  ly += p.text(issuer.name.toLocaleUpperCase("vi"), p.g.m.left, ly, leftW, { font: "serifBold", size: PT.heading, align: "center" });
  p.line(p.g.m.left + leftW * 0.35, ly + 3, p.g.m.left + leftW * 0.65, ly + 3);
  ly += 8;
  let ry = p.y;
  // the national name in the condensed face: DejaVu is wider than the Times of the decree's sample
  ry += p.text(NATIONAL_HEADING.name, rightX, ry, rightW, { font: "condBold", size: PT.heading, align: "center" });
  p.font("serifBold", PT.motto);
  const mottoW = p.width(NATIONAL_HEADING.motto);
  ry += p.text(NATIONAL_HEADING.motto, rightX, ry, rightW, { font: "serifBold", size: PT.motto, align: "center" });
  p.line(rightX + (rightW - mottoW) / 2, ry + 2, rightX + (rightW + mottoW) / 2, ry + 2);
  ry += 8;
  ry += p.text(`${model.place}, ${dateLineVi(model.date)}`, rightX, ry, rightW, { font: "serifItalic", size: PT.heading, align: "center" });
  // the number under the issuer, written after the right-hand block: the text reads issuer, nation, place and date, number
  ly += p.text(TEXTS.numberLine(model.def.symbol, bodyAbbreviation(issuer.name)), p.g.m.left, ly, leftW, { font: "serif", size: PT.heading, align: "center" });
  p.y = Math.max(ly, ry) + 14;
  p.y += p.text(model.def.title.vi, p.g.m.left, p.y, C, { font: "serifBold", size: PT.title, align: "center" });
  for (const [i, line] of model.subtitle.entries()) {
    p.y += p.text(line, p.g.m.left, p.y, C, { font: i === model.subtitle.length - 1 && model.subtitle.length > 1 ? "serifItalic" : "serifBold", size: PT.subtitle, align: "center" });
  }
  p.line(p.g.m.left + C * 0.44, p.y + 6, p.g.m.left + C * 0.56, p.y + 6);
  p.y += 16;
}

/**
 * documents.md §2: an accounting form or book carries the unit and its form code, not the national
 * heading; a voucher adds its date and its number block (Quyển số, Số, Nợ, Có) beside the title.
 */
function formHeading(p: Painter, model: StatementModel) {
  if (p.g.narrow) return narrowFormHeading(p, model);
  const C = p.g.content;
  const form = model.def.form;
  const rightW = Math.min(C * 0.45, 250);
  const leftW = C - rightW;
  let ly = p.y;
  ly += p.text(`Đơn vị: ${model.unitFullName}`, p.g.m.left, ly, leftW - 10, { font: "serifBold", size: PT.heading });
  let ry = p.y;
  if (form) {
    ry += p.text(form.code, p.g.m.left + leftW, ry, rightW, { font: "serifBold", size: PT.heading, align: "center" });
    ry += p.text(form.basis.join(" "), p.g.m.left + leftW, ry, rightW, { font: "serifItalic", size: PT.recipients, align: "center" });
  }
  p.y = Math.max(ly, ry) + 12;
  const top = p.y;
  const numbers = model.form ? [`Quyển số: ${model.form.book}`, `Số: ${model.form.number}`, `Nợ: ${model.form.debit}`, `Có: ${model.form.credit}`] : [];
  // the number block as wide as its longest line ("Số: PT-2025-000123"), the title centred beside it
  p.font("serif", PT.body);
  const numbersW = numbers.length ? Math.min(C * 0.35, Math.max(...numbers.map((l) => p.width(l))) + 4) : 0;
  const titleX = p.g.m.left + Math.min(numbersW, C * 0.15);
  const titleW = C - numbersW - (titleX - p.g.m.left);
  let cy = top;
  cy += p.text(model.def.title.vi, titleX, cy, titleW, { font: "serifBold", size: PT.title + 1, align: "center" });
  if (model.form) cy += p.text(model.form.dateLine, titleX, cy, titleW, { font: "serifItalic", size: PT.heading, align: "center" });
  // a book's subject and period (the unit is in the heading already)
  else for (const line of model.subtitle.filter((l) => l !== model.unit.name)) cy += p.text(line, p.g.m.left, cy, C, { font: "serifItalic", size: PT.heading, align: "center" });
  let fy = top;
  for (const l of numbers) fy += p.text(l, p.g.m.left + C - numbersW, fy, numbersW, { font: "serif", size: PT.body });
  p.y = Math.max(cy, fy) + 10;
}

/**
 * The same heading in one narrow column (a roll): the form code and its basis, the unit, the title
 * and date, then the number block, each line under the other.
 */
function narrowFormHeading(p: Painter, model: StatementModel) {
  const C = p.g.content;
  const x = p.g.m.left;
  const form = model.def.form;
  if (form) {
    p.y += p.text(form.code, x, p.y, C, { font: "serifBold", size: PT.heading, align: "right" });
    p.y += p.text(form.basis.join(" "), x, p.y, C, { font: "serifItalic", size: PT.recipients, align: "right" }) + 6;
  }
  p.y += p.text(`Đơn vị: ${model.unitFullName}`, x, p.y, C, { font: "serifBold", size: PT.heading }) + 8;
  p.y += p.text(model.def.title.vi, x, p.y, C, { font: "serifBold", size: PT.title + 1, align: "center" });
  if (model.form) p.y += p.text(model.form.dateLine, x, p.y, C, { font: "serifItalic", size: PT.heading, align: "center" });
  else for (const line of model.subtitle.filter((l) => l !== model.unit.name)) p.y += p.text(line, x, p.y, C, { font: "serifItalic", size: PT.heading, align: "center" });
  p.y += 4;
  if (model.form) {
    for (const l of [`Quyển số: ${model.form.book}`, `Số: ${model.form.number}`, `Nợ: ${model.form.debit}`, `Có: ${model.form.credit}`]) p.y += p.text(l, x, p.y, C, { font: "serif", size: PT.body });
  }
  p.y += 8;
}

/** A paragraph of one font that moves to the next page whole when it does not fit. */
function paragraph(p: Painter, text: string, font: FontName, size: number, after: number) {
  p.font(font, size);
  p.ensure(p.height(text, p.g.content));
  p.y += p.text(text, p.g.m.left, p.y, p.g.content, { font, size }) + after;
}

/** The summary lines and the amount in words, under the main table. */
function summaryAndWords(p: Painter, model: StatementModel) {
  const C = p.g.content;
  p.y += 6;
  for (const item of model.summary) {
    const v = typeof item.value === "string" ? item.value : `${signedDong(item.value)} đồng`;
    paragraph(p, `${item.label}: ${v}`, "serif", PT.body, 1);
  }
  if (model.words.label) {
    // a statement without an amount (inspection minutes) has no amount in words
    const w = model.words.amount;
    const words = `${model.words.label}: ${w < 0n ? `Âm ${inWords(abs(w)).toLocaleLowerCase("vi")}` : inWords(w)}.`;
    p.font("serifItalic", PT.body);
    p.ensure(p.height(words, C) + 2);
    p.y += p.text(words, p.g.m.left, p.y + 2, C, { font: "serifItalic", size: PT.body }) + 2;
  }
}

/** A further table's title (and a correction's introduction), kept with what follows it. */
function sectionHead(p: Painter, model: StatementModel, s: Scan, i: number) {
  const C = p.g.content;
  const t = model.tables[i];
  const intro = model.changesSince && t.def.sheet === CHANGES_TABLE.sheet ? TEXTS.changesIntro(model.changesSince.code, model.changesSince.seq) : "";
  const h = p.measure(() => {
    if (t.def.title) p.y += p.text(t.def.title, p.g.m.left, p.y, C, { font: "serifBold", size: PT.body }) + 2;
    if (intro) p.y += p.text(intro, p.g.m.left, p.y, C, { font: "serifItalic", size: PT.body }) + 2;
  });
  // an empty table's sentence, or the header and two rows of a table
  p.font("serif", PT.body);
  p.ensure(h + (s.rowCounts[i] === 0 ? p.height(t.def.empty ?? "", C) : 3 * p.doc.currentLineHeight(true) + 15));
  if (t.def.title) p.y += p.text(t.def.title, p.g.m.left, p.y, C, { font: "serifBold", size: PT.body }) + 2;
  if (intro) p.y += p.text(intro, p.g.m.left, p.y, C, { font: "serifItalic", size: PT.body }) + 2;
  if (s.rowCounts[i] === 0) p.y += p.text(t.def.empty ?? "", p.g.m.left, p.y, C, { font: "serif", size: PT.body }) + 4;
}

/**
 * What stands over table `i` and goes with its header to whichever page the header lands on: a
 * further table's title (and a correction's introduction), the main table's unit line.
 */
function lead(p: Painter, model: StatementModel, i: number): { height: number; draw: () => void } | undefined {
  const C = p.g.content;
  const t = model.tables[i];
  let draw: (() => void) | undefined;
  if (i > 0) {
    const intro = model.changesSince && t.def.sheet === CHANGES_TABLE.sheet ? TEXTS.changesIntro(model.changesSince.code, model.changesSince.seq) : "";
    draw = () => {
      if (t.def.title) p.y += p.text(t.def.title, p.g.m.left, p.y, C, { font: "serifBold", size: PT.body }) + 2;
      if (intro) p.y += p.text(intro, p.g.m.left, p.y, C, { font: "serifItalic", size: PT.body }) + 2;
    };
  } else if (t.def.columns.some((c) => c.kind === "money")) {
    draw = () => {
      p.y += p.text(TEXTS.unitLine, p.g.m.left, p.y, C, { font: "serifItalic", size: PT.body, align: "right" }) + 1;
    };
  }
  return draw && { height: p.measure(draw), draw };
}

/** What follows table `i` up to the signatures (the tables after it are empty), signatures included. */
function afterTable(p: Painter, model: StatementModel, s: Scan, i: number) {
  if (i === 0) summaryAndWords(p, model);
  p.y += 10;
  for (let j = i + 1; j < model.tables.length; j++) {
    sectionHead(p, model, s, j);
    p.y += 8;
  }
  opinions(p, model);
  signatures(p, model);
}

/**
 * The fields, the tables with the summary and the amount in words under the main one, the board's
 * opinions and the signatures. The last table with rows keeps its last rows and totals on one page
 * with everything after it up to the signatures: the signatures are never alone on a page.
 */
async function body(p: Painter, model: StatementModel, s: Scan, qr: Buffer | null) {
  for (const f of model.fields) paragraph(p, `${f.label}: ${f.value}`, "serif", PT.body, 1);
  if (model.fields.length) p.y += 4;
  let last = 0;
  for (const [i, n] of s.rowCounts.entries()) if (n > 0) last = i;
  for (let i = 0; i <= last; i++) {
    const t = model.tables[i];
    if (i > 0 && s.rowCounts[i] === 0) {
      sectionHead(p, model, s, i);
      p.y += 8;
      continue;
    }
    // what follows, kept with the last rows when it fits: with the verification block, or up to the signatures
    const upToSignatures = i === last ? p.measure(() => afterTable(p, model, s, i)) : 0;
    const after = i === last ? [upToSignatures + p.measure(() => verification(p, model, s, qr)), upToSignatures] : [];
    await p.table(t.def, t.rows(), s.rowCounts[i], t.def.columns.some((c) => c.total) ? s.totals[i] : null, after, lead(p, model, i));
    if (i === last) afterTable(p, model, s, i);
    else {
      if (i === 0) summaryAndWords(p, model);
      p.y += 10;
    }
  }
}

/** The board's word on the paper. */
function opinions(p: Painter, model: StatementModel) {
  if (!model.opinions.length) return;
  p.font("serifBold", PT.body);
  p.ensure(3 * p.doc.currentLineHeight(true));
  p.y += p.text(TEXTS.opinions, p.g.m.left, p.y, p.g.content, { font: "serifBold", size: PT.body }) + 2;
  for (const o of model.opinions) paragraph(p, `${TEXTS.stance[o.stance]} — ${o.board} (${o.by}, ${formatInstantVi(o.at)}): ${o.text}`, "serif", PT.body, 2);
  p.y += 6;
}

/** The room left to sign in, over the name (on A4; a smaller paper's at its scale). */
const SIGN_ROOM = 48;

/** The signature blocks that fit side by side; more (minutes signed by every member present) go on further rows. */
const SIGNATURES_PER_ROW = 5;

/**
 * The signature blocks, side by side in rows, kept together on one page: a book's place-and-date line
 * above them (documents.md §1: over the head's block), "Nơi nhận" under them on a posted statement.
 */
function signatures(p: Painter, model: StatementModel) {
  const C = p.g.content;
  const sigs = model.def.signatures;
  // rows as even as they can be (seven blocks: four and three), so no row is squeezed
  const perRow = Math.ceil(sigs.length / Math.ceil(sigs.length / (p.g.narrow ? 2 : SIGNATURES_PER_ROW)));
  const sigW = C / perRow;
  const names: string[] = sigs.map((sg, i) =>
    sg.name !== undefined ? sg.name : i === 0 && model.drafted ? model.drafted.name : /TRƯỞNG THÔN|THỦ TRƯỞNG/.test(sg.title) && model.approved ? model.approved.name : "",
  );
  p.font("serifBold", PT.body);
  const nameH = p.doc.currentLineHeight(true);
  // the roles in the condensed face, so that four or five fit side by side at 12 pt
  p.font("condBold", PT.body);
  const rows: { from: number; titleH: number; hintH: number; sigH: number }[] = [];
  for (let from = 0; from < sigs.length; from += perRow) {
    const titleH = Math.max(...sigs.slice(from, from + perRow).map((s) => p.height(s.title, sigW - 6)));
    rows.push({ from, titleH, hintH: 0, sigH: 0 });
  }
  for (const r of rows) {
    p.font("serifItalic", PT.body);
    r.hintH = Math.max(...sigs.slice(r.from, r.from + perRow).map((s) => p.height(s.hint, sigW - 6)));
    // a name too long for its block wraps under it: the row is as tall as its longest name
    p.font("serifBold", PT.body);
    const namesH = Math.max(nameH, ...names.slice(r.from, r.from + perRow).map((n) => (n ? p.height(n, sigW - 6) : 0)));
    r.sigH = r.titleH + r.hintH + SIGN_ROOM * p.g.scale + namesH;
  }
  const dated = model.def.heading === "accounting" && !model.form;
  const dateLine = `${model.place}, ${dateLineVi(model.date)}`;
  const dateW = Math.max(sigW, C * 0.4);
  const dateH = dated ? p.height(dateLine, dateW) + 4 : 0;
  const posted = model.def.heading === "national" && model.recipients.length > 0;
  const recipientsH = posted
    ? p.measure(() => {
        p.y += p.text(TEXTS.recipients, 0, 0, C, { font: "serifBold", size: PT.body }) + p.text(model.recipients.join("\n"), 0, 0, C * 0.65, { font: "serif", size: PT.recipients }) + 4;
      })
    : 0;
  p.ensure(dateH + rows.reduce((h, r) => h + r.sigH + 12, 0) + recipientsH);
  if (dated) p.y += p.text(dateLine, p.g.m.left + C - dateW, p.y, dateW, { font: "serifItalic", size: PT.body, align: "center" }) + 4;
  for (const r of rows) {
    const sy = p.y;
    // a last row shorter than the others is centred under them
    const n = Math.min(perRow, sigs.length - r.from);
    const x0 = p.g.m.left + ((perRow - n) * sigW) / 2;
    for (let j = 0; j < n; j++) {
      const i = r.from + j;
      const x = x0 + j * sigW;
      p.text(sigs[i].title, x + 3, sy, sigW - 6, { font: "condBold", size: PT.body, align: "center" });
      p.text(sigs[i].hint, x + 3, sy + r.titleH, sigW - 6, { font: "serifItalic", size: PT.body, align: "center" });
      if (names[i]) p.text(names[i], x + 3, sy + r.titleH + r.hintH + SIGN_ROOM * p.g.scale, sigW - 6, { font: "serifBold", size: PT.body, align: "center" });
    }
    p.y = sy + r.sigH + 12;
  }
  if (posted) {
    p.y += p.text(TEXTS.recipients, p.g.m.left, p.y, C, { font: "serifBold", size: PT.body });
    p.y += p.text(model.recipients.join("\n"), p.g.m.left, p.y, C * 0.65, { font: "serif", size: PT.recipients }) + 4;
  }
}

/** Lays the whole statement out on `p`'s pages (`qr` null in the dry run). */
export async function layStatement(p: Painter, model: StatementModel, s: Scan, qr: Buffer | null) {
  p.newPage();
  if (model.def.heading === "national") nationalHeading(p, model);
  else formHeading(p, model);
  await body(p, model, s, qr);
  verification(p, model, s, qr);
}

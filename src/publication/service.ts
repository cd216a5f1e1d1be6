import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Knex } from "knex";
import Decimal from "decimal.js";
import { PLACE_NAMES, STATEMENTS, StatementKind } from "../../reports/statements";
import type { Db } from "../db/knex";
import { Actor, audit, authorize, findBoard, findUnit, resolveRefs, STAFF, Unit } from "../identity";
import * as ledger from "../ledger";
import { canonicalJson } from "../shared/canonical-json";
import { addDays, localDate, spokenDateVi } from "../shared/dates";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from "../shared/errors";
import { inWords } from "../shared/words-vi";
import { Opinion, Scan, spool, StatementModel, StatementParams } from "./model";
import { embeddedFields, renderPdf } from "./render/pdf";
import { renderXlsx } from "./render/xlsx";
import type { OpinionInput, PostingInput, PublicationInput } from "./schemas";
import { buildStatement, checkParams, checkSubject, RECEIPT_CODE } from "./statements";
import * as contributions from "../contributions";
import * as q from "./queries";

ledger.registerAnchors("publication", q.publicationHeads);

// Publication (công khai, DESIGN §8): statements for staff and boards; publications drafted by a
// treasurer and approved by a head who is not the drafter, generated once at approval, stored and
// hashed; the board's opinions (recorded on the draft, so the hash covers them); proof of posting;
// verification of a copy by its code and hash, or by its bytes.

export interface PublicationEnv {
  filesDir: string;
  publicBaseUrl: string;
}

/** law.md L3: the posting period's minimum when a unit has set none. */
export const DEFAULT_MIN_POSTING_DAYS = 30;

export interface PostingRecord {
  id: number;
  place: string;
  postedAt: string;
  by: string;
  photoAttachmentId: number | null;
  takenDownAt: string | null;
  /** The first day the paper may come down (posted date + the unit's minimum). */
  minimumUntil: string;
  /** Taken down before the legal minimum (law.md L3). */
  removedEarly: boolean;
}

export interface Publication {
  id: number;
  unitId: number;
  kind: StatementKind;
  params: StatementParams;
  places: string[];
  postedFrom: string;
  postedUntil: string;
  status: "draft" | "published";
  supersedes: number | null;
  supersededBy: number | null;
  drafted: { by: number | null; name: string | null; at: string };
  approved: { by: number | null; name: string | null; at: string } | null;
  publishedAt: string | null;
  code: string | null;
  dataHash: string | null;
  chainHead: string | null;
  period: { from: string | null; to: string | null };
  subject: string | null;
  announcement: string | null;
  opinions: (Opinion & { id: number })[];
  postings: PostingRecord[];
}

const EDITORS = ["treasurer", "head"] as const;

function toPosting(r: q.PostingRow, minDays: number): PostingRecord {
  const minimumUntil = addDays(localDate(new Date(r.posted_at)), minDays);
  return {
    id: r.id,
    place: r.place,
    postedAt: r.posted_at,
    by: r.posted_by,
    photoAttachmentId: r.photo_attachment_id,
    takenDownAt: r.taken_down_at,
    minimumUntil,
    removedEarly: r.taken_down_at !== null && localDate(new Date(r.taken_down_at)) < minimumUntil,
  };
}

async function hydrate(db: Db, rows: q.PublicationRow[]): Promise<Publication[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [opinions, postings] = [await q.opinionsOf(db, ids), await q.postingsOf(db, ids)];
  const minDays = new Map<number, number>();
  for (const u of new Set(rows.map((r) => r.unit_id))) minDays.set(u, (await q.minPostingDays(db, u)) ?? DEFAULT_MIN_POSTING_DAYS);
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    kind: r.kind as StatementKind,
    params: JSON.parse(r.params),
    places: JSON.parse(r.places),
    postedFrom: r.posted_from,
    postedUntil: r.posted_until,
    status: r.status,
    supersedes: r.supersedes_id,
    supersededBy: r.superseded_by_id,
    drafted: { by: r.drafted_by, name: r.drafted_by_name, at: r.drafted_at },
    approved: r.published_at ? { by: r.approved_by, name: r.approved_by_name, at: r.published_at } : null,
    publishedAt: r.published_at,
    code: r.code,
    dataHash: r.data_hash,
    chainHead: r.chain_hash ? `${Number(r.chain_seq)}:${r.chain_hash}` : null,
    period: { from: r.period_from, to: r.period_to },
    subject: r.subject,
    announcement: r.announcement,
    opinions: opinions.filter((o) => o.publication_id === r.id).map((o) => ({ id: o.id, board: o.board_name, stance: o.stance, text: o.text, by: o.by_name ?? "", at: o.created_at })),
    postings: postings.filter((p) => p.publication_id === r.id).map((p) => toPosting(p, minDays.get(r.unit_id)!)),
  }));
}

// ---------------------------------------------------------------- statements for staff and boards

/**
 * A statement of a unit as staff or a board overseeing it download it (not published): its model
 * and the scan of its data (hash, totals). 404 for a unit the caller has nothing to do with;
 * 400 for missing parameters; 404 for an unknown campaign, entry or fund.
 */
export async function staffStatement(db: Db, actor: Actor, env: PublicationEnv, unitId: number, kind: StatementKind, query: StatementParams): Promise<{ model: StatementModel; scan: Scan; cleanup: () => void }> {
  const unit = await authorize(db, actor, STAFF, unitId);
  const params = checkParams(kind, query, "/query");
  return spool(await buildStatement(db, unit, kind, params, { actor, at: new Date(actor.at), code: null, publicBaseUrl: env.publicBaseUrl }));
}

// ---------------------------------------------------------------- publications

/** Statements whose scope is the same: the kind and its parameters other than the period. */
function scopeOf(kind: string, params: StatementParams): string {
  const { from: _f, to: _t, ...rest } = params;
  return canonicalJson({ kind, ...rest });
}

/**
 * Drafts a publication (treasurer of the unit): the statement, where it is posted, from when until
 * when (at least the unit's minimum, default 30 days: 422 posting_too_short), and optionally the
 * published publication of the same kind and scope it corrects.
 */
export async function draftPublication(trx: Knex.Transaction, actor: Actor, unitId: number, input: PublicationInput): Promise<Publication> {
  const unit = await authorize(trx, actor, ["treasurer"], unitId);
  const params = checkParams(input.statement.kind, input.statement.params, "/statement/params");
  await checkSubject(trx, unit, input.statement.kind, params); // the campaign, entry or fund exists now
  const minDays = (await q.minPostingDays(trx, unitId)) ?? DEFAULT_MIN_POSTING_DAYS;
  if (input.postedUntil < addDays(input.postedFrom, minDays)) {
    throw new RuleViolation("posting_too_short", { postedFrom: input.postedFrom, postedUntil: input.postedUntil, minimumDays: minDays, earliestUntil: addDays(input.postedFrom, minDays) });
  }
  if (input.supersedes !== undefined) {
    const old = await q.findPublication(trx, unitId, input.supersedes);
    if (!old || old.status !== "published") throw new NotFoundError("publication", { id: input.supersedes });
    if (scopeOf(old.kind, JSON.parse(old.params)) !== scopeOf(input.statement.kind, params)) throw new RuleViolation("supersedes_other_scope", { supersedes: old.id });
    if (old.superseded_by_id) throw new ConflictError("already_superseded", { supersededBy: old.superseded_by_id });
  }
  const id = await q.insertPublication(trx, {
    unit_id: unitId,
    kind: input.statement.kind,
    params: canonicalJson(params),
    places: JSON.stringify(input.places),
    posted_from: input.postedFrom,
    posted_until: input.postedUntil,
    status: "draft",
    supersedes_id: input.supersedes ?? null,
    superseded_by_id: null,
    drafted_by: actor.userId,
    drafted_by_name: actor.displayName ?? actor.username,
    drafted_at: actor.at,
    approved_by: null,
    approved_by_name: null,
    published_at: null,
    code: null,
    data_hash: null,
    chain_seq: null,
    chain_hash: null,
    period_from: null,
    period_to: null,
    pdf_file: null,
    pdf_sha256: null,
    xlsx_file: null,
    xlsx_sha256: null,
    subject: null,
    announcement: null,
  });
  await audit.record(trx, actor, { action: "publication.drafted", entity: "publication", entityId: id, unitId, details: { kind: input.statement.kind, params, supersedes: input.supersedes ?? null } });
  return getPublicationUnchecked(trx, unitId, id);
}

async function getPublicationUnchecked(db: Db, unitId: number, id: number): Promise<Publication> {
  const row = await q.findPublication(db, unitId, id);
  if (!row) throw new NotFoundError("publication", { id });
  return (await hydrate(db, [row]))[0];
}

/** One publication of a unit, drafts included (staff and boards of the unit). */
export async function getPublication(db: Db, actor: Actor, unitId: number, id: number): Promise<Publication> {
  await authorize(db, actor, STAFF, unitId);
  return getPublicationUnchecked(db, unitId, id);
}

/** A unit's publications, drafts included, newest first (staff and boards of the unit). */
export async function listPublications(db: Db, actor: Actor, unitId: number): Promise<Publication[]> {
  await authorize(db, actor, STAFF, unitId);
  return hydrate(db, await q.listPublications(db, unitId));
}

/**
 * Records a supervision board's sign-off or objection on a draft (an inspector of a board that
 * oversees the unit). Opinions are taken before approval, so the published document prints them and
 * its hash covers them: on a published publication it is a 409. Receipts-and-payments statements only (422).
 */
export async function recordBoardOpinion(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, input: OpinionInput): Promise<Publication> {
  const unit = await authorize(trx, actor, ["inspector"], unitId);
  const scope = actor.scopes.find((s) => s.role === "inspector" && s.boardId && unit.path.startsWith(s.path));
  const board = scope?.boardId ? await findBoard(trx, scope.boardId) : undefined;
  if (!board) throw new ForbiddenError("forbidden", { needs: ["inspector"] });
  const row = await q.findPublication(trx, unitId, id);
  if (!row) throw new NotFoundError("publication", { id });
  if (row.status !== "draft") throw new ConflictError("publication_published", { id });
  if (row.kind !== "receipts-payments" && row.kind !== "work-settlement") throw new RuleViolation("opinion_not_applicable", { kind: row.kind });
  const opinionId = await q.insertOpinion(trx, {
    unit_id: unitId,
    publication_id: id,
    board_id: board.id,
    board_name: board.name,
    stance: input.stance,
    text: input.text,
    by_user: actor.userId,
    by_name: actor.displayName ?? actor.username,
    created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "publication.opinion_recorded", entity: "publication", entityId: id, unitId, details: { opinionId, boardId: board.id, stance: input.stance } });
  return getPublicationUnchecked(trx, unitId, id);
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read off paper

function newCode(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return s;
}

/** The loudspeaker script (documents.md §6): who, what, totals in words, where, how long, feedback. */
export function announcement(model: StatementModel, s: Scan, p: { places: string[]; postedFrom: string; postedUntil: string; code: string }): string {
  const lower = (t: string) => t.charAt(0).toLocaleLowerCase("vi") + t.slice(1);
  const spoken = (d: { isNegative(): boolean; abs(): any }) => (d.isNegative() ? `âm ${lower(inWords(d.abs()))}` : lower(inWords(d as any)));
  const totals = model.summary.filter((x) => typeof x.value !== "string").map((x) => `${x.label}: ${spoken(x.value as any)}`);
  // A statement without money (inspection minutes) reads out its summary lines instead.
  if (!totals.length && model.words.label) totals.push(`${model.words.label.replace(/ bằng chữ$/, "")}: ${spoken(model.words.amount)}`);
  if (!totals.length) totals.push(...model.summary.map((x) => `${x.label}: ${String(x.value)}`));
  const boards = p.places.filter((x) => x === "culture_house" || x === "commune_office").map((x) => lower(PLACE_NAMES[x]));
  const where = boards.length ? `Bản đầy đủ được niêm yết tại ${boards.join(" và ")} từ ${spokenDateVi(p.postedFrom)} đến ${spokenDateVi(p.postedUntil)}` : `Bản đầy đủ được công khai từ ${spokenDateVi(p.postedFrom)} đến ${spokenDateVi(p.postedUntil)}`;
  const web = p.places.includes("website") ? ", và đăng trên trang thông tin điện tử của xã" : "";
  return [
    `Thông báo của ${model.unit.name}.`,
    // Titles are printed in capitals ("DANH SÁCH ĐÓNG GÓP"); read out, they are ordinary words.
    `${model.unit.name} công khai ${STATEMENTS[model.kind].title.vi.toLocaleLowerCase("vi")}: ${model.subtitle.join(" ").replace(/[()]/g, "")}.`,
    `${totals.join("; ")}.`,
    `${where}${web}. Mã xác minh của bản công khai là ${p.code.split("").join(" ")}.`,
    `Mọi ý kiến, bà con xin gửi trưởng thôn hoặc Ban Giám sát đầu tư của cộng đồng.`,
  ].join(" ");
}

async function writeOnce(file: string, write: (out: fs.WriteStream) => Promise<unknown>): Promise<string> {
  // "wx": a stored document is never overwritten (each has its own code in its name).
  const out = fs.createWriteStream(file, { flags: "wx" });
  // Its error (the file exists, the disk is full) ends this write: no renderer listens on it itself.
  const broken = new Promise<never>((_resolve, reject) => out.on("error", reject));
  broken.catch(() => undefined);
  await Promise.race([write(out), broken]);
  return crypto.createHash("sha256").update(await fs.promises.readFile(file)).digest("hex");
}

/**
 * Approves and publishes a draft (a head of the unit who did not draft it; admins neither draft nor
 * approve). The PDF and the Excel file are generated once, here, from the books at this moment,
 * stored under FILES_DIR and hashed; the row keeps the data hash, chain head, code and announcement.
 * A correction marks the publication it supersedes (both stay visible). 409 if already published.
 */
export async function approvePublication(trx: Knex.Transaction, actor: Actor, env: PublicationEnv, unitId: number, id: number): Promise<Publication> {
  const unit = await authorize(trx, actor, ["head"], unitId);
  const row = await q.findPublication(trx, unitId, id);
  if (!row) throw new NotFoundError("publication", { id });
  if (row.status !== "draft") throw new ConflictError("publication_published", { id });
  // DESIGN §2: nobody drafts and approves the same publication.
  if (row.drafted_by !== null && row.drafted_by === actor.userId) throw new ForbiddenError("approver_is_drafter");
  let supersedes: { code: string; seq: number } | undefined;
  if (row.supersedes_id) {
    const old = await q.findPublication(trx, unitId, row.supersedes_id);
    if (!old || old.status !== "published") throw new NotFoundError("publication", { id: row.supersedes_id });
    if (old.superseded_by_id) throw new ConflictError("already_superseded", { supersededBy: old.superseded_by_id });
    supersedes = { code: old.code!, seq: Number(old.chain_seq) };
  }
  const draft = (await hydrate(trx, [row]))[0];
  const code = newCode();
  const built = await buildStatement(trx, unit, draft.kind, draft.params, {
    actor,
    at: new Date(actor.at),
    code,
    publicBaseUrl: env.publicBaseUrl,
    opinions: draft.opinions.map(({ id: _id, ...o }) => o),
    drafted: { name: row.drafted_by_name ?? "", at: row.drafted_at },
    approved: { name: actor.displayName ?? actor.username ?? "", at: actor.at },
    supersedes,
  });
  const { model, scan: s, cleanup } = await spool(built);
  const dir = path.join(env.filesDir, "publications", String(unitId));
  await fs.promises.mkdir(dir, { recursive: true });
  const pdfFile = path.join(dir, `${id}-${code}.pdf`);
  const xlsxFile = path.join(dir, `${id}-${code}.xlsx`);
  try {
    const pdfSha = await writeOnce(pdfFile, (out) => renderPdf(model, s, out));
    const xlsxSha = await writeOnce(xlsxFile, (out) => renderXlsx(model, s, out));
    await q.updatePublication(trx, id, {
      status: "published",
      approved_by: actor.userId,
      approved_by_name: actor.displayName ?? actor.username,
      published_at: actor.at,
      code,
      data_hash: s.dataHash,
      chain_seq: model.chainHead.seq,
      chain_hash: model.chainHead.hash,
      period_from: model.period.from,
      period_to: model.period.to,
      pdf_file: path.relative(env.filesDir, pdfFile),
      pdf_sha256: pdfSha,
      xlsx_file: path.relative(env.filesDir, xlsxFile),
      xlsx_sha256: xlsxSha,
      subject: model.subtitle.join(" ").slice(0, 500),
      announcement: announcement(model, s, { places: draft.places, postedFrom: draft.postedFrom, postedUntil: draft.postedUntil, code }),
    });
    if (row.supersedes_id && (await q.markSuperseded(trx, row.supersedes_id, id)) !== 1) throw new ConflictError("already_superseded", { id: row.supersedes_id });
    await audit.record(trx, actor, {
      action: "publication.published",
      entity: "publication",
      entityId: id,
      unitId,
      details: { code, dataHash: s.dataHash, chainHead: model.chainHead, pdfSha256: pdfSha, xlsxSha256: xlsxSha, supersedes: row.supersedes_id },
    });
  } catch (err) {
    // The transaction rolls back: the files it wrote must not outlive it.
    for (const f of [pdfFile, xlsxFile]) await fs.promises.rm(f, { force: true });
    throw err;
  } finally {
    cleanup();
  }
  return getPublicationUnchecked(trx, unitId, id);
}

/** Records that the paper went up somewhere (treasurer or head of the unit); published publications only (409). */
export async function recordPosting(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, input: PostingInput): Promise<PostingRecord> {
  await authorize(trx, actor, [...EDITORS], unitId);
  const row = await q.findPublication(trx, unitId, id);
  if (!row) throw new NotFoundError("publication", { id });
  if (row.status !== "published") throw new ConflictError("publication_not_published", { id });
  if (input.postedAt > actor.at) throw new RuleViolation("future_date", { date: input.postedAt, today: actor.at });
  await resolveRefs(trx, unitId, [{ entity: "attachment", id: input.photoAttachmentId, path: "/photoAttachmentId" }]);
  const postingId = await q.insertPosting(trx, {
    unit_id: unitId,
    publication_id: id,
    place: input.place,
    posted_at: new Date(input.postedAt).toISOString(),
    photo_attachment_id: input.photoAttachmentId ?? null,
    posted_by: input.by,
    taken_down_at: null,
    recorded_by: actor.userId,
    created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "publication.posted", entity: "publication", entityId: id, unitId, details: { postingId, place: input.place, postedAt: input.postedAt } });
  return (await getPublicationUnchecked(trx, unitId, id)).postings.find((p) => p.id === postingId)!;
}

/** Records that a posted paper came down; flags it when that is before the legal minimum. 409 if already recorded. */
export async function recordTakenDown(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, postingId: number, takenDownAt: string): Promise<PostingRecord> {
  await authorize(trx, actor, [...EDITORS], unitId);
  const row = await q.findPublication(trx, unitId, id);
  if (!row) throw new NotFoundError("publication", { id });
  const posting = await q.findPosting(trx, id, postingId);
  if (!posting) throw new NotFoundError("posting", { id: postingId });
  const at = new Date(takenDownAt).toISOString();
  if (at < posting.posted_at) throw new ValidationError([{ path: "/takenDownAt", code: "before_posted" }]);
  if (at > actor.at) throw new RuleViolation("future_date", { date: takenDownAt, today: actor.at });
  if ((await q.markTakenDown(trx, postingId, at)) !== 1) throw new ConflictError("already_taken_down", { id: postingId });
  const rec = (await getPublicationUnchecked(trx, unitId, id)).postings.find((p) => p.id === postingId)!;
  await audit.record(trx, actor, { action: "publication.taken_down", entity: "publication", entityId: id, unitId, details: { postingId, takenDownAt: at, removedEarly: rec.removedEarly } });
  return rec;
}

// ---------------------------------------------------------------- public

async function publicUnit(db: Db, unitId: number): Promise<Unit> {
  const unit = await findUnit(db, unitId);
  if (!unit) throw new NotFoundError("unit", { id: unitId });
  return unit;
}

/** A unit's published publications, newest first (no login; drafts never). */
export async function listPublished(db: Db, unitId: number): Promise<Publication[]> {
  await publicUnit(db, unitId);
  return hydrate(db, await q.listPublished(db, unitId));
}

/** The stored file of a published publication; 404 for a draft or an unknown id. */
export async function publishedFile(db: Db, env: PublicationEnv, id: number, ext: "pdf" | "xlsx") {
  const row = await q.findPublished(db, id);
  if (!row) throw new NotFoundError("publication", { id });
  const rel = ext === "pdf" ? row.pdf_file! : row.xlsx_file!;
  return { file: path.resolve(env.filesDir, rel), sha256: ext === "pdf" ? row.pdf_sha256! : row.xlsx_sha256!, publication: (await hydrate(db, [row]))[0] };
}

export interface Verification {
  genuine: boolean;
  code?: string;
  publicationId?: number;
  unit?: { id: number; code: string; name: string };
  kind?: string;
  title?: string;
  period?: { from: string | null; to: string | null };
  publishedAt?: string;
  chainHead?: string;
  /** The chain head it was made from is still in the books (false: entries up to it are gone or differ). */
  chainIntact?: boolean;
  current?: boolean;
  newerEntries?: number;
  supersededBy?: number | null;
  reason?: string;
  /** A household receipt (code R-…): the receipt as the public ledger shows it. */
  receipt?: { voucherNo: string; date: string; amount: string; household: string | null; reversed: boolean };
}

/**
 * A household receipt's code names its entry and the start of the entry's chain hash: genuine when
 * both match (the hash printed on a receipt depends on when it was printed, so it is not checked);
 * current while the receipt has not been reversed. 404 when no such receipt.
 */
async function verifyReceipt(db: Db, entryId: number, hashStart: string): Promise<Verification> {
  const [e] = await ledger.entriesByIds(db, undefined, [entryId]);
  if (!e || e.kind !== "contribution" || !e.voucherNo.startsWith("PT-") || !e.hash.startsWith(hashStart)) throw new NotFoundError("receipt", { id: entryId });
  const unit = (await findUnit(db, e.unitId))!;
  const household = e.householdId ? await contributions.findHousehold(db, e.householdId) : undefined;
  const amount = e.postings.filter((p) => p.amount.isPositive()).reduce((a, p) => a.plus(p.amount), new Decimal(0));
  return {
    genuine: true,
    code: `R-${e.id}-${hashStart}`,
    unit: { id: unit.id, code: unit.code, name: unit.name },
    kind: "receipt",
    title: STATEMENTS.receipt.title.vi,
    period: { from: e.date, to: e.date },
    publishedAt: e.createdAt,
    chainHead: `${e.seq}:${e.hash}`,
    current: !e.reversedBy,
    newerEntries: await ledger.countEntriesAfter(db, e.unitId, e.seq),
    receipt: { voucherNo: e.voucherNo, date: e.date, amount: amount.toFixed(0), household: household?.code ?? null, reversed: Boolean(e.reversedBy) },
  };
}

async function verification(db: Db, row: q.PublicationRow): Promise<Verification> {
  const unit = (await findUnit(db, row.unit_id))!;
  const newerEntries = await ledger.countEntriesAfter(db, row.unit_id, Number(row.chain_seq));
  const chainIntact = await ledger.anchorHolds(db, row.unit_id, Number(row.chain_seq), row.chain_hash!);
  return {
    genuine: true,
    code: row.code!,
    publicationId: row.id,
    unit: { id: unit.id, code: unit.code, name: unit.name },
    kind: row.kind,
    title: STATEMENTS[row.kind as StatementKind]?.title.vi,
    period: { from: row.period_from, to: row.period_to },
    publishedAt: row.published_at!,
    chainHead: `${Number(row.chain_seq)}:${row.chain_hash}`,
    chainIntact,
    // Books cut below its head are not "unchanged since": no count of newer entries can say so.
    current: chainIntact && newerEntries === 0,
    newerEntries,
    supersededBy: row.superseded_by_id,
  };
}

/** Checks a copy by its code and the data hash printed on it: 404 for an unknown code; {genuine: false} for another hash. */
export async function verifyCode(db: Db, code: string, hash: string): Promise<Verification> {
  const receipt = RECEIPT_CODE.exec(code);
  if (receipt) return verifyReceipt(db, Number(receipt[1]), receipt[2]);
  const row = await q.findByCode(db, code);
  if (!row) throw new NotFoundError("publication", { code });
  if (hash.toLowerCase() !== row.data_hash) return { genuine: false };
  return verification(db, row);
}

/** The published publication a code names and its unit, without checking a hash (the verify page). */
export async function findPublishedByCode(db: Db, code: string): Promise<{ publication: Publication; unit: Unit } | undefined> {
  const row = await q.findByCode(db, code);
  if (!row) return undefined;
  return { publication: (await hydrate(db, [row]))[0], unit: (await findUnit(db, row.unit_id))! };
}

/**
 * Checks an uploaded PDF: the hash and code embedded in it name a publication, and its bytes must be
 * the stored file's. 422 not_a_statement when the file carries neither; 404 for an unknown code.
 */
export async function verifyPdf(db: Db, bytes: Buffer): Promise<Verification> {
  const f = embeddedFields(bytes);
  if (!f.code || !f.dataHash) throw new RuleViolation("not_a_statement");
  if (f.code === "not-published") return { genuine: false, reason: "not_published" };
  const receipt = RECEIPT_CODE.exec(f.code);
  if (receipt) return verifyReceipt(db, Number(receipt[1]), receipt[2]); // a receipt is checked by its entry
  const row = await q.findByCode(db, f.code);
  if (!row) throw new NotFoundError("publication", { code: f.code });
  if (f.dataHash !== row.data_hash) return { genuine: false, reason: "hash_differs" };
  const sha = crypto.createHash("sha256").update(bytes).digest("hex");
  if (sha !== row.pdf_sha256) return { genuine: false, reason: "bytes_differ" };
  return verification(db, row);
}

import type { Knex } from "knex";
import Decimal from "decimal.js";
import { together, type Db } from "../db/knex";
import { Actor, audit, authorize, covers, createBoard, findUnit, listPublicUnits, related, resolveRefs, STAFF, Unit } from "../identity";
import * as ledger from "../ledger";
import { addDays, formatDateVi, isValidDate, localDate } from "../shared/dates";
import { AppError, ConflictError, ForbiddenError, NotFoundError, RuleViolation, TooManyRequestsError, ValidationError } from "../shared/errors";
import { formatDong, fromDb, toDb, toWire, Dong } from "../shared/money";
import { attachmentsOf, checkAttachments, findWork, linkAttachments, liftHold, placeHold, provePin, PinThrottles, Work, PublicSupervision, sniff, storeAttachment, cleanUpload } from "../works";
import type { Upload } from "../http/upload";
import type { Throttle } from "../identity";
import { CHECKLIST_ITEMS } from "./schemas";
import * as q from "./queries";

ledger.registerAnchors("cash_count", q.cashCountHeads);
ledger.registerAnchors("inspection", q.inspectionHeads);

/** The unit's chain head as counts and inspections record it: "<seq>:<hash>". */
async function headNow(db: Db, unitId: number): Promise<string> {
  const h = await ledger.chainHead(db, unitId);
  return `${h.seq}:${h.hash}`;
}

export type FindingStatus = q.FindingRow["status"];
export type InspectionStatus = q.InspectionRow["status"];

// Issue 5: an inspection is draft → filed → published; a finding open → answered → resolved, or
// escalated (and an answer that does not satisfy the board sends it back to open).
export const INSPECTION_MOVES: Record<InspectionStatus, InspectionStatus[]> = { draft: ["filed"], filed: ["published"], published: [] };
export const FINDING_MOVES: Record<FindingStatus, FindingStatus[]> = {
  open: ["answered", "resolved", "escalated"],
  answered: ["resolved", "escalated", "open"],
  escalated: ["resolved"],
  resolved: [],
};
/** Feedback must be answered within the work's unit's `feedbackAnswerDays` (PATCH /units/:unitId; default 15, 1–365). */
/** A cash count's finding is due this many days after the count. */
export const CASH_FINDING_DAYS = 15;

const today = (at: string) => localDate(new Date(at));
/** Past due and not resolved: flagged in every list and summary. */
export const isOverdue = (f: { due_date: string; status: string }, day: string) => f.due_date < day && f.status !== "resolved";

// ---------------------------------------------------------------- boards

export interface Board {
  id: number;
  unitId: number;
  unitPath: string;
  kind: "gsdtcd" | "ttnd";
  name: string;
  termStart: string | null;
  termEnd: string | null;
  unitIds: number[];
  unitPaths: string[];
  workIds: number[];
  members: { userId: number; username: string; displayName: string }[];
  createdAt: string;
}

async function boards(db: Db, rows: q.BoardRow[]): Promise<Board[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [units, works, members] = await together(db, () => q.boardUnits(db, ids), () => q.boardWorks(db, ids), () => q.boardMembers(db, ids));
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    unitPath: r.unit_path,
    kind: r.kind,
    name: r.name,
    termStart: r.term_start,
    termEnd: r.term_end,
    unitIds: units.filter((u) => u.board_id === r.id).map((u) => u.unit_id),
    unitPaths: units.filter((u) => u.board_id === r.id).map((u) => u.path),
    workIds: works.filter((w) => w.board_id === r.id).map((w) => w.work_id),
    members: members.filter((m) => m.board_id === r.id && m.is_active).map((m) => ({ userId: m.user_id, username: m.username, displayName: m.display_name })),
    createdAt: r.created_at,
  }));
}

export interface BoardInput {
  kind: "gsdtcd" | "ttnd";
  name: string;
  termStart?: string;
  termEnd?: string;
  oversees: { unitIds?: number[]; workIds?: number[] };
}

/**
 * Sets up a commune's board (commune admins) and what it oversees: units, and works (one Ban
 * GSĐTCĐ per work or programme). A work's unit joins the board's units, so that its inspectors
 * read that unit's books (DESIGN §2).
 */
export async function setUpBoard(trx: Knex.Transaction, actor: Actor, unitId: number, input: BoardInput): Promise<Board> {
  const commune = await authorize(trx, actor, ["admin"], unitId);
  for (const d of [input.termStart, input.termEnd]) if (d && !isValidDate(d)) throw new ValidationError([{ path: "/termStart", code: "invalid_date" }]);
  if (input.termStart && input.termEnd && input.termEnd < input.termStart) throw new RuleViolation("end_before_start", { startDate: input.termStart, endDate: input.termEnd });
  const works: Work[] = [];
  for (const id of input.oversees.workIds ?? []) {
    const w = await findWork(trx, id);
    const u = w && (await findUnit(trx, w.unitId));
    if (!w || !u || !u.path.startsWith(commune.path)) throw new NotFoundError("work", { id });
    works.push(w);
  }
  const unitIds = [...new Set([...(input.oversees.unitIds ?? []), ...works.map((w) => w.unitId)])];
  const { id } = await createBoard(trx, actor, unitId, { kind: input.kind, name: input.name, termStart: input.termStart, termEnd: input.termEnd, oversees: { unitIds } });
  await q.insertBoardWorks(trx, works.map((w) => ({ board_id: id, work_id: w.id, unit_id: w.unitId })));
  return (await boards(trx, [(await q.findBoard(trx, id))!]))[0];
}

/** The commune's boards with what they oversee and their members (commune admins). */
export async function listBoards(db: Db, actor: Actor, unitId: number): Promise<Board[]> {
  await authorize(db, actor, ["admin"], unitId);
  return boards(db, await q.boardsOf(db, unitId));
}

const isMember = (actor: Actor, boardId: number) =>
  Boolean(actor.user?.grants.some((g) => g.role === "inspector" && g.boardId === boardId)) || actor.scopes.some((s) => s.role === "inspector" && s.boardId === boardId);

/**
 * The board, when the actor is one of its inspectors (or, to read, an admin of its commune). 404
 * for a board that does not exist or that the actor has nothing to do with; 403 otherwise.
 */
async function boardFor(db: Db, actor: Actor, boardId: number, mode: "member" | "read" = "member"): Promise<Board> {
  const row = await q.findBoard(db, boardId);
  if (!row) throw new NotFoundError("board", { id: boardId });
  if (isMember(actor, boardId) || (mode === "read" && covers(actor, ["admin"], row.unit_path))) return (await boards(db, [row]))[0];
  if (related(actor, row.unit_path) || actor.scopes.some((s) => s.role === "inspector")) throw new ForbiddenError("forbidden", { needs: ["inspector"] });
  throw new NotFoundError("board", { id: boardId });
}

/** One board with what it oversees and its members: its inspectors, and admins of its commune. */
export async function getBoard(db: Db, actor: Actor, boardId: number): Promise<Board> {
  return boardFor(db, actor, boardId, "read");
}

const overseesUnit = (b: Board, u: Unit) => b.unitPaths.some((p) => u.path.startsWith(p));

async function overseenWork(db: Db, b: Board, workId: number): Promise<{ work: Work; unit: Unit }> {
  const work = await findWork(db, workId);
  const unit = work && (await findUnit(db, work.unitId));
  if (!work || !unit || !(b.workIds.includes(workId) || overseesUnit(b, unit))) throw new NotFoundError("work", { id: workId });
  return { work, unit };
}

async function overseenUnit(db: Db, b: Board, unitId: number): Promise<Unit> {
  const unit = await findUnit(db, unitId);
  if (!unit || !overseesUnit(b, unit)) throw new NotFoundError("unit", { id: unitId });
  return unit;
}

function checkMembers(b: Board, ids: number[], path: string) {
  for (const id of ids) if (!b.members.some((m) => m.userId === id)) throw new RuleViolation("not_board_member", { userId: id, path });
}

function checkDate(date: string, path: string, at: string, future = false) {
  if (!isValidDate(date)) throw new ValidationError([{ path, code: "invalid_date" }]);
  if (!future && date > today(at)) throw new RuleViolation("future_date", { date, today: today(at) });
}

// ---------------------------------------------------------------- inspections

export interface ChecklistLine {
  item: (typeof CHECKLIST_ITEMS)[number];
  result: "ok" | "issue" | "not_checked";
  note?: string;
}
export interface InspectionInput {
  subject: { workId: number } | { unitId: number };
  date: string;
  membersPresent: number[];
  checklist: ChecklistLine[];
}

function checkChecklist(list: ChecklistLine[]) {
  const seen = new Set<string>();
  list.forEach((l, i) => {
    if (seen.has(l.item)) throw new ValidationError([{ path: `/checklist/${i}/item`, code: "duplicate" }]);
    seen.add(l.item);
  });
}

/** Records an inspection as a draft (inspectors of the board), of a work or a unit it oversees. */
export async function recordInspection(trx: Knex.Transaction, actor: Actor, boardId: number, input: InspectionInput) {
  const b = await boardFor(trx, actor, boardId);
  let unitId: number;
  let workId: number | null = null;
  if ("workId" in input.subject) {
    const { work } = await overseenWork(trx, b, input.subject.workId);
    unitId = work.unitId;
    workId = work.id;
  } else unitId = (await overseenUnit(trx, b, input.subject.unitId)).id;
  checkDate(input.date, "/date", actor.at);
  checkMembers(b, input.membersPresent, "/membersPresent");
  checkChecklist(input.checklist);
  const id = await q.insertInspection(trx, {
    board_id: boardId, unit_id: unitId, work_id: workId, inspection_date: input.date, members_present: JSON.stringify(input.membersPresent),
    checklist: JSON.stringify(input.checklist.map((l) => ({ item: l.item, result: l.result, note: l.note ?? null }))), status: "draft",
    created_by: actor.userId, created_at: actor.at, updated_at: actor.at, filed_at: null, published_at: null,
  });
  await audit.record(trx, actor, { action: "inspection.recorded", entity: "inspection", entityId: id, unitId, details: { boardId, workId } });
  return inspectionView(trx, (await q.findInspection(trx, boardId, id))!, today(actor.at), true);
}

async function inspectionIn(db: Db, boardId: number, id: number) {
  const i = await q.findInspection(db, boardId, id);
  if (!i) throw new NotFoundError("inspection", { id });
  return i;
}

/** Corrects a draft inspection; a filed one is immutable (409 inspection_immutable: add an addendum). */
export async function reviseInspection(trx: Knex.Transaction, actor: Actor, boardId: number, id: number, patch: Partial<Omit<InspectionInput, "subject">>) {
  const b = await boardFor(trx, actor, boardId);
  const i = await inspectionIn(trx, boardId, id);
  if (i.status !== "draft") throw new ConflictError("inspection_immutable", { state: i.status });
  const row: Partial<q.InspectionRow> = { updated_at: actor.at };
  if (patch.date !== undefined) {
    checkDate(patch.date, "/date", actor.at);
    row.inspection_date = patch.date;
  }
  if (patch.membersPresent) {
    checkMembers(b, patch.membersPresent, "/membersPresent");
    row.members_present = JSON.stringify(patch.membersPresent);
  }
  if (patch.checklist) {
    checkChecklist(patch.checklist);
    row.checklist = JSON.stringify(patch.checklist.map((l) => ({ item: l.item, result: l.result, note: l.note ?? null })));
  }
  await q.updateInspection(trx, id, row);
  await audit.record(trx, actor, { action: "inspection.revised", entity: "inspection", entityId: id, unitId: i.unit_id, details: { boardId } });
  return inspectionView(trx, (await q.findInspection(trx, boardId, id))!, today(actor.at), true);
}

/** Files or publishes an inspection (draft → filed → published; anything else 409 invalid_transition). */
export async function moveInspection(trx: Knex.Transaction, actor: Actor, boardId: number, id: number, to: InspectionStatus) {
  await boardFor(trx, actor, boardId);
  const i = await inspectionIn(trx, boardId, id);
  const allowed = INSPECTION_MOVES[i.status];
  if (!allowed.includes(to)) throw new ConflictError("invalid_transition", { state: i.status, allowed });
  await q.updateInspection(
    trx,
    id,
    to === "filed" ? { status: to, filed_at: actor.at, updated_at: actor.at, chain_head: await headNow(trx, i.unit_id) } : { status: to, published_at: actor.at, updated_at: actor.at },
  );
  await audit.record(trx, actor, { action: `inspection.${to}`, entity: "inspection", entityId: id, unitId: i.unit_id, details: { boardId } });
  return inspectionView(trx, (await q.findInspection(trx, boardId, id))!, today(actor.at), true);
}

/** Adds an addendum to an inspection (the only change a filed one takes). */
export async function addAddendum(trx: Knex.Transaction, actor: Actor, boardId: number, id: number, input: { text: string; attachmentIds?: number[] }) {
  await boardFor(trx, actor, boardId);
  const i = await inspectionIn(trx, boardId, id);
  const files = await checkAttachments(trx, [i.unit_id], input.attachmentIds ?? []);
  const aid = await q.insertAddendum(trx, { inspection_id: id, unit_id: i.unit_id, text: input.text, attachments: JSON.stringify(files), created_by: actor.userId, created_by_name: actor.displayName ?? actor.username, created_at: actor.at });
  await linkAttachments(trx, files, "addendum", aid, false, actor.at);
  await audit.record(trx, actor, { action: "inspection.addendum_added", entity: "inspection", entityId: id, unitId: i.unit_id, details: { boardId, addendumId: aid } });
  return { id: aid, inspectionId: id, text: input.text, attachmentIds: files, createdAt: actor.at };
}

export async function listInspections(db: Db, actor: Actor, boardId: number) {
  await boardFor(db, actor, boardId, "read");
  const day = today(actor.at);
  return together(db, ...(await q.inspectionsOfBoard(db, boardId)).map((i) => () => inspectionView(db, i, day, false)));
}

export async function getInspection(db: Db, actor: Actor, boardId: number, id: number) {
  await boardFor(db, actor, boardId, "read");
  return inspectionView(db, await inspectionIn(db, boardId, id), today(actor.at), true);
}

async function inspectionView(db: Db, i: q.InspectionRow, day: string, full: boolean) {
  const findings = await q.findingsOfInspections(db, [i.id]);
  const base = {
    id: i.id,
    boardId: i.board_id,
    unitId: i.unit_id,
    workId: i.work_id,
    subject: i.work_id ? { workId: i.work_id } : { unitId: i.unit_id },
    date: i.inspection_date,
    membersPresent: JSON.parse(i.members_present) as number[],
    checklist: JSON.parse(i.checklist),
    status: i.status,
    createdAt: i.created_at,
    filedAt: i.filed_at,
    publishedAt: i.published_at,
    chainHead: i.chain_head ?? null,
    findingsSummary: summary(findings, day),
  };
  if (!full) return base;
  const addenda = await q.addendaOf(db, [i.id]);
  return {
    ...base,
    findings: await findingViews(db, findings, day),
    addenda: addenda.map((a: any) => ({ id: a.id, text: a.text, attachmentIds: JSON.parse(a.attachments), by: a.created_by_name, createdAt: a.created_at })),
  };
}

function summary(findings: q.FindingRow[], day: string) {
  const byStatus = { open: 0, answered: 0, resolved: 0, escalated: 0 };
  for (const f of findings) byStatus[f.status]++;
  return { total: findings.length, overdue: findings.filter((f) => isOverdue(f, day)).length, ...byStatus };
}

// ---------------------------------------------------------------- findings

export interface FindingInput {
  category: string;
  severity: "observation" | "minor" | "major" | "critical";
  description: string;
  recommendation: string;
  addressedTo: string;
  dueDate: string;
  evidence?: { attachmentIds?: number[]; entryIds?: number[] };
  feedbackId?: number;
}

async function insertFinding(trx: Knex.Transaction, actor: Actor, row: Omit<q.FindingRow, "id" | "status" | "escalated_to" | "created_by" | "created_at" | "updated_at">) {
  const id = await q.insertFinding(trx, { ...row, status: "open", escalated_to: null, created_by: actor.userId, created_at: actor.at, updated_at: actor.at });
  // DESIGN §7: an open critical finding holds further payments on its work, whatever its inspection's status.
  if (row.severity === "critical" && row.work_id) await placeHold(trx, row.work_id, id, actor.at);
  return id;
}

/** Records a finding of an inspection (inspectors of the board); a critical one on a work holds its payments. */
export async function recordFinding(trx: Knex.Transaction, actor: Actor, boardId: number, inspectionId: number, input: FindingInput) {
  await boardFor(trx, actor, boardId);
  const i = await inspectionIn(trx, boardId, inspectionId);
  checkDate(input.dueDate, "/dueDate", actor.at, true);
  const attachmentIds = await checkAttachments(trx, [i.unit_id], input.evidence?.attachmentIds ?? [], "/evidence/attachmentIds");
  const entryIds = input.evidence?.entryIds ?? [];
  if (entryIds.length) {
    const found = await ledger.entriesByIds(trx, i.unit_id, entryIds);
    const missing = entryIds.find((id) => !found.some((e) => e.id === id));
    if (missing !== undefined) throw new NotFoundError("entry", { id: missing, path: "/evidence/entryIds" });
  }
  let feedback: q.FeedbackRow | undefined;
  if (input.feedbackId) {
    feedback = await q.findFeedback(trx, input.feedbackId);
    if (!feedback || feedback.unit_id !== i.unit_id || (i.work_id !== null && feedback.work_id !== i.work_id)) throw new NotFoundError("feedback", { id: input.feedbackId });
    if (feedback.finding_id) throw new ConflictError("duplicate", { entity: "finding", field: "feedbackId" });
  }
  const id = await insertFinding(trx, actor, {
    board_id: boardId, unit_id: i.unit_id, work_id: i.work_id, inspection_id: i.id, cash_count_id: null, feedback_id: feedback?.id ?? null,
    category: input.category, severity: input.severity, description: input.description, recommendation: input.recommendation,
    addressed_to: input.addressedTo, due_date: input.dueDate, evidence: JSON.stringify({ attachmentIds, entryIds }),
  });
  await linkAttachments(trx, attachmentIds, "finding", id, false, actor.at);
  if (feedback) await q.updateFeedback(trx, feedback.id, { finding_id: id });
  await audit.record(trx, actor, { action: "finding.opened", entity: "finding", entityId: id, unitId: i.unit_id, details: { boardId, inspectionId, severity: input.severity, workId: i.work_id } });
  return (await findingViews(trx, [(await q.findFinding(trx, id))!], today(actor.at)))[0];
}

export interface FindingMove {
  to: FindingStatus;
  text: string;
  attachmentIds?: number[];
  escalatedTo?: "commune" | "province";
}

/**
 * Moves a finding: → answered by the unit's treasurer or head; → resolved, escalated or back to
 * open by inspectors of its board. 409 invalid_transition for a move the machine does not allow.
 * Resolving or escalating a critical finding lifts its hold on the work.
 */
export async function moveFinding(trx: Knex.Transaction, actor: Actor, findingId: number, input: FindingMove) {
  const f = await q.findFinding(trx, findingId);
  const unit = f && (await findUnit(trx, f.unit_id));
  if (!f || !unit || !(isMember(actor, f.board_id) || related(actor, unit.path))) throw new NotFoundError("finding", { id: findingId });
  const allowed = FINDING_MOVES[f.status];
  if (!allowed.includes(input.to)) throw new ConflictError("invalid_transition", { state: f.status, allowed });
  if (input.to === "answered") {
    if (!covers(actor, ["treasurer", "head"], unit.path)) throw new ForbiddenError("forbidden", { needs: ["treasurer", "head"] });
  } else if (!isMember(actor, f.board_id)) throw new ForbiddenError("forbidden", { needs: ["inspector"] });
  if (input.to === "escalated" && !input.escalatedTo) throw new ValidationError([{ path: "/escalatedTo", code: "required", params: { missingProperty: "escalatedTo" } }]);
  if (input.to !== "escalated" && input.escalatedTo) throw new ValidationError([{ path: "/escalatedTo", code: "additionalProperties", params: { additionalProperty: "escalatedTo" } }]);
  const files = await checkAttachments(trx, [f.unit_id], input.attachmentIds ?? []);
  await q.updateFinding(trx, f.id, { status: input.to, escalated_to: input.to === "escalated" ? input.escalatedTo! : f.escalated_to, updated_at: actor.at });
  const tid = await q.insertFindingTransition(trx, {
    finding_id: f.id, unit_id: f.unit_id, from_status: f.status, to_status: input.to, text: input.text, escalated_to: input.escalatedTo ?? null,
    attachments: JSON.stringify(files), author_id: actor.userId, author_name: actor.displayName ?? actor.username, at: actor.at,
  });
  await linkAttachments(trx, files, "finding_transition", tid, false, actor.at);
  if (input.to === "resolved" || input.to === "escalated") await liftHold(trx, f.id, actor.at);
  await audit.record(trx, actor, { action: `finding.${input.to}`, entity: "finding", entityId: f.id, unitId: f.unit_id, details: { from: f.status, to: input.to, escalatedTo: input.escalatedTo } });
  return (await findingViews(trx, [(await q.findFinding(trx, f.id))!], today(actor.at)))[0];
}

async function findingViews(db: Db, rows: q.FindingRow[], day: string) {
  const ids = rows.map((r) => r.id);
  const transitions = ids.length ? await q.transitionsOfFindings(db, ids) : [];
  const byFinding = new Map<number, any[]>();
  for (const t of transitions as any[]) (byFinding.get(t.finding_id) ?? byFinding.set(t.finding_id, []).get(t.finding_id)!).push(t);
  return rows.map((f) => ({
    id: f.id,
    boardId: f.board_id,
    unitId: f.unit_id,
    workId: f.work_id,
    inspectionId: f.inspection_id,
    cashCountId: f.cash_count_id,
    feedbackId: f.feedback_id,
    category: f.category,
    severity: f.severity,
    description: f.description,
    recommendation: f.recommendation,
    addressedTo: f.addressed_to,
    dueDate: f.due_date,
    evidence: JSON.parse(f.evidence),
    status: f.status,
    escalatedTo: f.escalated_to,
    overdue: isOverdue(f, day),
    createdAt: f.created_at,
    updatedAt: f.updated_at,
    transitions: (byFinding.get(f.id) ?? [])
      .map((t: any) => ({ from: t.from_status, to: t.to_status, text: t.text, escalatedTo: t.escalated_to, attachmentIds: JSON.parse(t.attachments), by: t.author_name, at: t.at })),
  }));
}

/** A unit's findings (staff of the unit, inspectors of its boards), filtered; overdue ones flagged. */
export async function listFindings(db: Db, actor: Actor, unitId: number, f: { status?: FindingStatus; overdue?: boolean; workId?: number }) {
  const unit = await authorize(db, actor, STAFF, unitId);
  await resolveRefs(db, unitId, [{ entity: "work", id: f.workId, path: "/query/workId" }]); // a filter on another unit's work is a 404, not an empty list
  const day = today(actor.at);
  const unitIds = (await listPublicUnits(db)).filter((u) => u.path.startsWith(unit.path)).map((u) => u.id);
  const rows = await q.listFindings(db, { unitIds, status: f.status, workId: f.workId, overdue: f.overdue, today: day });
  const all = await q.listFindings(db, { unitIds, today: day });
  return { data: await findingViews(db, rows, day), summary: summary(all, day) };
}

// ---------------------------------------------------------------- cash counts

export interface CashCountInput {
  unitId: number;
  at: string;
  denominations: { value: string; count: number }[];
  counters: number[];
}

/**
 * Records a cash count (kiểm kê quỹ) and compares it with 111 at the end of the count's day in
 * Vietnam; any difference, even 1 đồng, opens a major finding "cash" linked to the count.
 */
export async function countCash(trx: Knex.Transaction, actor: Actor, boardId: number, input: CashCountInput) {
  const b = await boardFor(trx, actor, boardId);
  const unit = await overseenUnit(trx, b, input.unitId);
  const at = new Date(input.at).toISOString();
  if (at > actor.at) throw new RuleViolation("future_date", { date: at, today: actor.at });
  const day = today(at);
  checkMembers(b, [], "/counters");
  const known = new Set((await q.userNames(trx, input.counters)).map((u) => u.id));
  const unknown = input.counters.find((id) => !known.has(id));
  if (unknown !== undefined) throw new NotFoundError("user", { id: unknown, path: "/counters" });
  const counted = input.denominations.reduce((a, d) => a.plus(new Decimal(d.value).times(d.count)), new Decimal(0));
  if (counted.toFixed(0).length > 15) throw new ValidationError([{ path: "/denominations", code: "invalid_amount" }]);
  const tb = await ledger.trialBalanceUnchecked(trx, unit.id, day, day);
  const book: Dong = tb.rows.find((r) => r.account === "111")?.closing ?? new Decimal(0);
  const difference = counted.minus(book);
  const chainHead = await headNow(trx, unit.id);
  const id = await q.insertCashCount(trx, {
    board_id: boardId, unit_id: unit.id, counted_at: at, count_date: day, denominations: JSON.stringify(input.denominations), counted: toDb(counted),
    ledger_balance: toDb(book), difference: toDb(difference), counters: JSON.stringify(input.counters), created_by: actor.userId, created_at: actor.at,
    chain_head: chainHead,
  });
  let findingId: number | null = null;
  if (!difference.isZero()) {
    findingId = await insertFinding(trx, actor, {
      board_id: boardId, unit_id: unit.id, work_id: null, inspection_id: null, cash_count_id: id, feedback_id: null,
      category: "cash", severity: "major",
      description: `Kiểm kê quỹ tiền mặt ngày ${formatDateVi(day)}: thực tế ${formatDong(counted)} đồng, sổ sách (TK 111) ${formatDong(book)} đồng, chênh lệch ${formatDong(difference)} đồng.`,
      recommendation: "Làm rõ nguyên nhân chênh lệch; điều chỉnh sổ sách hoặc bồi hoàn, báo cáo Ban.",
      addressed_to: `Thủ quỹ ${unit.name}`.slice(0, 200), due_date: addDays(today(actor.at), CASH_FINDING_DAYS), evidence: JSON.stringify({ attachmentIds: [], entryIds: [] }),
    });
  }
  await audit.record(trx, actor, { action: "cash_count.recorded", entity: "cash_count", entityId: id, unitId: unit.id, details: { boardId, counted: toWire(counted), ledger: toWire(book), findingId } });
  return { id, unitId: unit.id, at, date: day, counted, ledger: book, difference, findingId, chainHead };
}

// ---------------------------------------------------------------- feedback

export interface FeedbackInput {
  householdCode?: string;
  pin?: string;
  name?: string;
  contact?: string;
  text: string;
  photos?: number[];
}

/**
 * A resident's feedback on a work (public; anonymous allowed, or with a household code and PIN).
 * Rate-limited per address: 429 with Retry-After past the limit. Due for an answer within the work's
 * unit's `feedbackAnswerDays` (read when the feedback comes in: a later change moves no due date).
 * `photos`: ids of photos the resident uploaded for feedback on this work (each cited once), or, as
 * before, of attachments of the work's unit.
 */
export async function receiveFeedback(db: Knex, actor: Actor, throttles: { byAddress: Throttle; pins: PinThrottles }, workId: number, input: FeedbackInput) {
  const wait = throttles.byAddress.retryAfter(actor.ip);
  if (wait > 0) throw new TooManyRequestsError(wait);
  throttles.byAddress.fail(actor.ip); // every submission counts
  const work = await findWork(db, workId);
  if (!work) throw new NotFoundError("work", { id: workId });
  if (input.householdCode && !input.pin) throw new ValidationError([{ path: "/pin", code: "required", params: { missingProperty: "pin" } }]);
  if (input.pin && !input.householdCode) throw new ValidationError([{ path: "/householdCode", code: "required", params: { missingProperty: "householdCode" } }]);
  const household = input.householdCode ? await provePin(db, actor, throttles.pins, work.unitId, input.householdCode, input.pin!) : undefined;
  const photos = input.photos ?? [];
  const uploaded = photos.length ? await residentPhotos(db).whereIn("attachment_id", photos) : [];
  for (const p of uploaded) {
    // A resident's photo serves one feedback, on the work it was sent for.
    if (p.work_id !== work.id || p.feedback_id !== null) throw new NotFoundError("attachment", { id: p.attachment_id, path: "/photos" });
  }
  await checkAttachments(db, [work.unitId], photos.filter((id) => !uploaded.some((p) => p.attachment_id === id)), "/photos");
  const unit = await findUnit(db, work.unitId);
  return db.transaction(async (trx) => {
    const due = addDays(today(actor.at), unit!.feedbackAnswerDays);
    const id = await q.insertFeedback(trx, {
      unit_id: work.unitId, work_id: work.id, household_id: household?.id ?? null, name: input.name || null, contact: input.contact || null, text: input.text,
      photos: JSON.stringify(photos), created_at: actor.at, due_date: due, answer: null, answered_at: null, answered_by: null, answered_by_name: null, board_id: null, finding_id: null,
    });
    if (uploaded.length) {
      // Claimed only if still unclaimed: two feedbacks citing one photo at once cannot both have it.
      const n = await residentPhotos(trx).whereIn("attachment_id", uploaded.map((p) => p.attachment_id)).whereNull("feedback_id").update({ feedback_id: id });
      if (Number(n) !== uploaded.length) throw new ConflictError("duplicate", { entity: "attachment", field: "photos" });
    }
    await audit.record(trx, actor, { action: "feedback.received", entity: "feedback", entityId: id, unitId: work.unitId, details: { workId, withHousehold: Boolean(household), photos: photos.length } });
    return { id, workId: work.id, dueDate: due, receivedAt: actor.at };
  });
}

// ---------------------------------------------------------------- residents' photos

/** A resident's photo: ≤ 10 MB, jpeg, png or webp by its content. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];

interface ResidentPhotoRow {
  attachment_id: number;
  unit_id: number;
  work_id: number;
  feedback_id: number | null;
  created_at: string;
}
const residentPhotos = (db: Db) => db<ResidentPhotoRow>("feedback_photos");

/**
 * The one actor storeAttachment accepts for a resident's photo: the anonymous caller (their address,
 * request id and instant, no user) with an uploader's reach over the work's unit only, for this one
 * call. It never leaves this module and is never given to anything else.
 */
function residentUploader(actor: Actor, unit: Unit): Actor {
  return { ...actor, userId: null, sessionId: null, user: undefined, username: "resident", displayName: "Người dân (phản ánh)", scopes: [{ role: "treasurer", unitId: unit.id, path: unit.path }] };
}

/**
 * A resident uploads one photo for feedback on a work (public; rate-limited per address). The upload
 * is read only once the address and the work have passed; the photo is refused (and nothing stored)
 * unless it is a jpeg, png or webp by content, ≤ 10 MB, with a plain name. Its id may then be cited
 * in `photos` by one feedback on this work, and by nothing else of the resident's.
 */
export async function receiveFeedbackPhoto(db: Knex, actor: Actor, byAddress: Throttle, workId: number, read: () => Promise<Upload>, filesDir: string) {
  const wait = byAddress.retryAfter(actor.ip);
  if (wait > 0) throw new TooManyRequestsError(wait);
  byAddress.fail(actor.ip); // every upload counts
  const work = await findWork(db, workId);
  if (!work) throw new NotFoundError("work", { id: workId });
  const unit = (await findUnit(db, work.unitId))!;
  const file = await read();
  const type = sniff(file.bytes);
  // A PDF is a staff document, not a resident's photo.
  if (!type || !PHOTO_TYPES.includes(type.mime)) throw new AppError(415, "unsupported_file_type", { allowed: PHOTO_TYPES });
  // Re-encoded without its metadata (where it was taken) before the transaction takes the connection.
  const photo = await cleanUpload(file);
  return db.transaction(async (trx) => {
    const a = await storeAttachment(trx, residentUploader(actor, unit), unit.id, photo, filesDir);
    await residentPhotos(trx).insert({ attachment_id: a.id, unit_id: unit.id, work_id: work.id, feedback_id: null, created_at: actor.at });
    return { id: a.id, workId: work.id, type: a.mime, size: a.size };
  });
}

const feedbackView = (f: q.FeedbackRow, day: string) => ({
  id: f.id,
  unitId: f.unit_id,
  workId: f.work_id,
  householdId: f.household_id,
  name: f.name,
  contact: f.contact,
  text: f.text,
  photos: JSON.parse(f.photos) as number[],
  /** Where the board's inspectors (staff of the unit) read each photo. */
  photoUrls: (JSON.parse(f.photos) as number[]).map((id) => `/api/v1/units/${f.unit_id}/attachments/${id}`),
  receivedAt: f.created_at,
  dueDate: f.due_date,
  overdue: !f.answered_at && f.due_date < day,
  answer: f.answer,
  answeredAt: f.answered_at,
  answeredBy: f.answered_by_name,
  findingId: f.finding_id,
});

async function worksOfBoard(db: Db, b: Board): Promise<{ workIds: number[]; unitIds: number[] }> {
  const units = (await listPublicUnits(db)).filter((u) => b.unitPaths.some((p) => u.path.startsWith(p))).map((u) => u.id);
  return { workIds: b.workIds, unitIds: units };
}

/** Feedback on the works the board oversees, newest first (its inspectors). */
export async function listFeedback(db: Db, actor: Actor, boardId: number) {
  const b = await boardFor(db, actor, boardId);
  return (await q.feedbackFor(db, await worksOfBoard(db, b))).map((f) => feedbackView(f, today(actor.at)));
}

/** The board answers a resident's feedback, publicly (once). */
export async function answerFeedback(trx: Knex.Transaction, actor: Actor, boardId: number, feedbackId: number, text: string) {
  const b = await boardFor(trx, actor, boardId);
  const f = await q.findFeedback(trx, feedbackId);
  const scope = await worksOfBoard(trx, b);
  if (!f || !(scope.workIds.includes(f.work_id) || scope.unitIds.includes(f.unit_id))) throw new NotFoundError("feedback", { id: feedbackId });
  if (f.answered_at) throw new ConflictError("already_answered", { answeredAt: f.answered_at });
  await q.updateFeedback(trx, f.id, { answer: text, answered_at: actor.at, answered_by: actor.userId, answered_by_name: actor.displayName ?? actor.username, board_id: boardId });
  // Answered feedback is public, and so are the photos the resident sent with it (not staff documents it cited).
  const sent = (await residentPhotos(trx).where({ feedback_id: f.id }).orderBy("attachment_id")).map((p) => p.attachment_id);
  await linkAttachments(trx, sent, "feedback", f.id, true, actor.at);
  await audit.record(trx, actor, { action: "feedback.answered", entity: "feedback", entityId: f.id, unitId: f.unit_id, details: { boardId } });
  return feedbackView((await q.findFeedback(trx, f.id))!, today(actor.at));
}

// ---------------------------------------------------------------- what works asks of supervision

/** Published inspections of works with their findings, answered feedback, and finding counts (public). */
async function publicSupervision(db: Db, workIds: number[], day: string): Promise<Map<number, PublicSupervision>> {
  const out = new Map<number, PublicSupervision>();
  if (!workIds.length) return out;
  const inspections = await q.publishedOfWorks(db, workIds);
  const ids = inspections.map((i) => i.id);
  const [findings, addenda, answered, names] = await together(
    db,
    () => (ids.length ? q.findingsOfInspections(db, ids) : Promise.resolve([] as q.FindingRow[])),
    () => (ids.length ? q.addendaOf(db, ids) : Promise.resolve([])),
    () => q.answeredOfWorks(db, workIds),
    () => q.boardNames(db, [...new Set(inspections.map((i) => i.board_id))]),
  );
  const views = await findingViews(db, findings, day);
  for (const w of workIds) out.set(w, { inspections: [], feedback: [], findings: { total: 0, open: 0, overdue: 0 } });
  // Grouped once: a page with many inspections does not scan every finding and addendum per inspection.
  const byInspection = new Map<number, typeof views>();
  for (const f of views) (byInspection.get(f.inspectionId!) ?? byInspection.set(f.inspectionId!, []).get(f.inspectionId!)!).push(f);
  const addendaOf = new Map<number, any[]>();
  for (const a of addenda as any[]) (addendaOf.get(a.inspection_id) ?? addendaOf.set(a.inspection_id, []).get(a.inspection_id)!).push(a);
  for (const i of inspections) {
    const board = names.find((n) => n.id === i.board_id);
    const mine = byInspection.get(i.id) ?? [];
    const s = out.get(i.work_id!)!;
    s.inspections.push({
      id: i.id,
      board: board ? { name: board.name, kind: board.kind } : null,
      date: i.inspection_date,
      membersPresent: (JSON.parse(i.members_present) as number[]).length,
      checklist: JSON.parse(i.checklist),
      publishedAt: i.published_at,
      findings: mine.map((f) => ({
        id: f.id, category: f.category, severity: f.severity, description: f.description, recommendation: f.recommendation, addressedTo: f.addressedTo,
        dueDate: f.dueDate, status: f.status, escalatedTo: f.escalatedTo, overdue: f.overdue,
        transitions: f.transitions.map((t) => ({ from: t.from, to: t.to, text: t.text, at: t.at })),
      })),
      addenda: (addendaOf.get(i.id) ?? []).map((a) => ({ text: a.text, at: a.created_at })),
    });
    s.findings.total += mine.length;
    s.findings.open += mine.filter((f) => f.status === "open" || f.status === "answered").length;
    s.findings.overdue += mine.filter((f) => f.overdue).length;
  }
  const shown = await attachmentsOf(db, "feedback", answered.map((f) => f.id));
  for (const f of answered) {
    const photos = (shown.get(f.id) ?? []).map((a) => `/api/v1/public/attachments/${a.id}`);
    out.get(f.work_id)!.feedback.push({ id: f.id, text: f.text, answer: f.answer, receivedAt: f.created_at, dueDate: f.due_date, answeredAt: f.answered_at, answeredLate: today(f.answered_at!) > f.due_date, photos });
  }
  return out;
}

export const oversight = {
  unsettledFindings: async (db: Db, workId: number) => (await q.unsettledOfWork(db, workId)).map((r) => r.id),
  publicSupervision,
};



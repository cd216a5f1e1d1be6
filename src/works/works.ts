import type { Knex } from "knex";
import { together, type Db } from "../db/knex";
import { findCampaign } from "../contributions";
import { Actor, asSystem, authorize, audit, resolveRefs, Role, STAFF } from "../identity";
import * as ledger from "../ledger";
import * as notify from "../notify/tell";
import { checkDate, localDateOf } from "../shared/dates";
import { ConflictError, NotFoundError, RuleViolation } from "../shared/errors";
import { fromDb, Dong } from "../shared/money";
import { checkAttachments, linkAttachments } from "./attachments";
import { checkApproval, decisionWarnings, type Decision } from "./consent";
import { checkResponses } from "./responses";
import { COST_CATEGORIES, SOURCES } from "./schemas";
import { MOVES, type WorkStatus } from "../shared/work-life";
import { costPhrase } from "../shared/glossary";
export { MOVES, type WorkStatus };
import * as q from "./queries";
import type { BoardNeededWire, WorkWire } from "./wire";

// A work's record and life: proposal (with its expense accounts), revisions, moves, progress.
// The other rooms (expenses, budget, public) read a work through loadWork / workIn here.

export type CostCategory = (typeof COST_CATEGORIES)[number];
export type Source = (typeof SOURCES)[number];

/** Works and consultations: the unit's treasurer or head. */
export const WRITERS: Role[] = ["treasurer", "head"];

// DESIGN §3: 8 + the work's two-digit number + this digit (work 1: 8011 materials ... 8014 other).
export const CATEGORY_DIGIT: Record<CostCategory, string> = { materials: "1", labour: "2", machinery: "3", other: "4" };

/**
 * What works needs to know from supervision, given by modules.ts (supervision depends on works,
 * not the other way round): which findings keep a work from being settled, and what the public
 * page shows of its inspections, findings and feedback.
 */
export interface Oversight {
  unsettledFindings(db: Db, workId: number): Promise<number[]>;
  publicSupervision(db: Db, workIds: number[], today: string): Promise<Map<number, PublicSupervision>>;
  /** law.md L12: a work the community pays for, approved with no Ban GSĐTCĐ supervising it, asks for one. */
  boardNeeded(db: Db, work: Work): Promise<BoardNeededWire | null>;
}
/** What a work's public page shows of its oversight (supervision fills it; works only passes it on). */
export interface PublicSupervision {
  inspections: PublicInspection[];
  feedback: PublicFeedback[];
  findings: { total: number; open: number; overdue: number };
}
/** A published inspection of a work, with its findings and addenda. */
export interface PublicInspection {
  id: number;
  board: { name: string; kind: string } | null;
  date: string;
  /** How many members were present (not who). */
  membersPresent: number;
  checklist: { item: string; result: string; note?: string | null }[];
  publishedAt: string | null;
  findings: {
    id: number; category: string; severity: string; description: string; recommendation: string; addressedTo: string;
    dueDate: string; status: string; escalatedTo: string | null; overdue: boolean;
    transitions: { from: string; to: string; text: string; at: string }[];
  }[];
  addenda: { text: string; at: string }[];
}
/** A resident's feedback once answered: never their name, contact or household. */
export interface PublicFeedback {
  id: number; text: string; answer: string | null; receivedAt: string; dueDate: string; answeredAt: string | null; answeredLate: boolean;
  /** Where the photos they sent are read (public once answered). */
  photos: string[];
}

export interface Line {
  category: string;
  amount: Dong;
  campaignId: number | null;
}
/** A work as staff see it on the wire, its lines' amounts still as Dong and its accounts with their ids. */
export interface Work extends Omit<WorkWire, "selfBuilt" | "estimate" | "funding" | "accounts"> {
  estimate: Line[];
  funding: Line[];
  accounts: { category: CostCategory; code: string; id: number }[];
}

export function toWork(r: q.WorkRow, lines: q.LineRow[], holds: { finding_id: number; placed_at: string; lifted_at: string | null }[] = []): Work {
  const mine = lines.filter((l) => l.work_id === r.id);
  const line = (l: q.LineRow): Line => ({ category: l.category, amount: fromDb(l.amount), campaignId: l.campaign_id });
  return {
    id: r.id,
    unitId: r.unit_id,
    number: r.number,
    name: r.name,
    location: r.location,
    category: r.category,
    description: r.description,
    contractor: r.contractor,
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    actualStart: r.actual_start,
    actualEnd: r.actual_end,
    status: r.status as WorkStatus,
    progress: r.progress,
    estimate: mine.filter((l) => l.kind === "estimate").map(line),
    funding: mine.filter((l) => l.kind === "funding").map(line),
    accounts: JSON.parse(r.accounts),
    holds: holds.filter((h) => !h.lifted_at).map((h) => ({ findingId: h.finding_id, placedAt: h.placed_at })),
    decisionId: r.decision_id ?? null,
    warnings: [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function loadWork(db: Db, r: q.WorkRow): Promise<Work> {
  return (await warned(db, [toWork(r, await q.linesOf(db, [r.id]), await q.holdsOf(db, r.id))]))[0];
}

/** Works with their warnings (a decision not yet recognised). */
async function warned(db: Db, works: Work[]): Promise<Work[]> {
  const warnings = await decisionWarnings(db, works.map((w) => w.decisionId));
  return works.map((w) => (w.decisionId === null ? w : { ...w, warnings: warnings.get(w.decisionId) ?? [] }));
}

export async function workIn(db: Db, unitId: number, workId: number): Promise<q.WorkRow> {
  const w = await q.findWorkIn(db, unitId, workId);
  if (!w) throw new NotFoundError("work", { id: workId });
  return w;
}

/**
 * A funding line's campaign is of the work's own unit: its money is in the unit's books, where the
 * work's budget reads it (a campaign of a unit under it too is 404 campaign, like one of another unit).
 */
async function checkFunding(db: Db, unitId: number, funding: { campaignId?: number }[] | undefined) {
  const refs = (funding ?? []).map((f, i) => ({ entity: "campaign" as const, id: f.campaignId, path: `/funding/${i}/campaignId` }));
  await resolveRefs(db, unitId, refs);
  for (const r of refs) {
    if (r.id !== undefined && !(await findCampaign(db, unitId, r.id))) throw new NotFoundError("campaign", { id: r.id, path: r.path });
  }
}

function lineRows(workId: number, unitId: number, input: { estimate?: { category: string; amount: string }[]; funding?: { source: string; amount: string; campaignId?: number }[] }) {
  const rows: Omit<q.LineRow, "id">[] = [];
  for (const e of input.estimate ?? []) rows.push({ work_id: workId, unit_id: unitId, kind: "estimate", category: e.category, amount: e.amount, campaign_id: null });
  for (const f of input.funding ?? []) rows.push({ work_id: workId, unit_id: unitId, kind: "funding", category: f.source, amount: f.amount, campaign_id: f.campaignId ?? null });
  return rows;
}

export interface WorkInput {
  name: string;
  location: string;
  category: string;
  description?: string;
  estimate: { category: CostCategory; amount: string }[];
  funding: { source: Source; amount: string; campaignId?: number }[];
  contractor?: string | null;
  plannedStart: string;
  plannedEnd: string;
}

/** A correction of a work: any of its details; a null description clears it. */
export type WorkPatch = Partial<Omit<WorkInput, "description">> & { description?: string | null };

/** Records a proposed work and opens its expense accounts (8 + number + category digit). Treasurer or head. */
export async function proposeWork(trx: Knex.Transaction, actor: Actor, unitId: number, input: WorkInput): Promise<Work> {
  await authorize(trx, actor, WRITERS, unitId);
  checkDate(input.plannedStart, "/plannedStart", actor.at, true);
  checkDate(input.plannedEnd, "/plannedEnd", actor.at, true);
  if (input.plannedEnd < input.plannedStart) throw new RuleViolation("end_before_start", { startDate: input.plannedStart, endDate: input.plannedEnd });
  await checkFunding(trx, unitId, input.funding);
  const number = (await q.lastWorkNumber(trx, unitId)) + 1;
  if (number > 99) throw new RuleViolation("no_free_work_number", { max: 99 });
  const nn = String(number).padStart(2, "0");
  const accounts = [];
  for (const category of COST_CATEGORIES) {
    const acc = await ledger.openAccount(trx, actor, unitId, {
      code: `8${nn}${CATEGORY_DIGIT[category]}`,
      name: `${costPhrase(category)}: ${input.name}`.slice(0, 200),
      type: "expense",
    }, asSystem("a work's cost account"));
    accounts.push({ category, code: acc.code, id: acc.id });
  }
  const id = await q.insertWork(trx, {
    unit_id: unitId,
    number,
    name: input.name,
    location: input.location,
    category: input.category,
    description: input.description ?? null,
    contractor: input.contractor ?? null,
    planned_start: input.plannedStart,
    planned_end: input.plannedEnd,
    actual_start: null,
    actual_end: null,
    status: "proposed",
    progress: 0,
    accounts: JSON.stringify(accounts),
    created_by: actor.userId,
    created_at: actor.at,
    updated_at: actor.at,
  });
  await q.insertLines(trx, lineRows(id, unitId, input));
  await audit.record(trx, actor, { action: "work.proposed", entity: "work", entityId: id, unitId, details: { name: input.name, accounts: accounts.map((a) => a.code) } });
  return loadWork(trx, (await q.findWork(trx, id))!);
}

/** The unit's works (staff of the unit, inspectors of its boards). */
export async function listWorks(db: Db, actor: Actor, unitId: number): Promise<Work[]> {
  await authorize(db, actor, STAFF, unitId);
  const rows = await q.listWorks(db, unitId);
  const lines = rows.length ? await q.linesOf(db, rows.map((r) => r.id)) : [];
  return warned(db, rows.map((r) => toWork(r, lines)));
}

export async function getWork(db: Db, actor: Actor, unitId: number, workId: number) {
  await authorize(db, actor, STAFF, unitId);
  const row = await workIn(db, unitId, workId);
  const [work, transitions, progress] = await together(db, () => loadWork(db, row), () => q.transitionsOf(db, workId), () => progressWithPhotos(db, workId));
  return { work, transitions: transitions.map(transitionView), progress };
}

export const transitionView = (t: q.TransitionRow) => ({
  from: t.from_status,
  to: t.to_status,
  date: t.date,
  note: t.note,
  decision: t.decision ? JSON.parse(t.decision) : null,
  by: t.created_by_name,
  at: t.created_at,
});

export async function progressWithPhotos(db: Db, workId: number) {
  const rows = await q.progressOf(db, workId);
  const photos = rows.length ? await q.linksOf(db, "progress", rows.map((r) => r.id)) : [];
  return rows.map((r) => ({ date: r.date, percent: r.percent, note: r.note, photos: photos.filter((p) => p.ref_id === r.id).map((p) => p.id), at: r.created_at }));
}

/** Corrects a work's description, estimate or funding plan (not once settled or cancelled). */
export async function reviseWork(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, patch: WorkPatch): Promise<Work> {
  await authorize(trx, actor, WRITERS, unitId);
  const w = await workIn(trx, unitId, workId);
  if (w.status === "settled" || w.status === "cancelled") throw new ConflictError("work_closed", { state: w.status });
  await checkFunding(trx, unitId, patch.funding);
  const row: Partial<q.WorkRow> = { updated_at: actor.at };
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.location !== undefined) row.location = patch.location;
  if (patch.category !== undefined) row.category = patch.category;
  if (patch.description !== undefined) row.description = patch.description ?? null;
  if (patch.contractor !== undefined) row.contractor = patch.contractor;
  if (patch.plannedStart !== undefined) row.planned_start = patch.plannedStart;
  if (patch.plannedEnd !== undefined) row.planned_end = patch.plannedEnd;
  for (const k of ["plannedStart", "plannedEnd"] as const) if (patch[k] !== undefined) checkDate(patch[k]!, `/${k}`, actor.at, true);
  const start = row.planned_start ?? w.planned_start;
  const end = row.planned_end ?? w.planned_end;
  if (end < start) throw new RuleViolation("end_before_start", { startDate: start, endDate: end });
  await q.updateWork(trx, workId, row);
  if (patch.estimate) {
    await q.deleteLines(trx, workId, "estimate");
    await q.insertLines(trx, lineRows(workId, unitId, { estimate: patch.estimate }));
  }
  if (patch.funding) {
    await q.deleteLines(trx, workId, "funding");
    await q.insertLines(trx, lineRows(workId, unitId, { funding: patch.funding }));
  }
  await audit.record(trx, actor, { action: "work.revised", entity: "work", entityId: workId, unitId, details: patch });
  return loadWork(trx, (await q.findWork(trx, workId))!);
}

export interface MoveInput {
  to: WorkStatus;
  date?: string;
  note?: string;
  documents?: number[];
  decisionId?: number;
  decision?: Decision;
}

/**
 * Moves a work along its life (heads of the unit). 409 invalid_transition for a move the machine
 * does not allow; `approved` needs consent (a closed consultation with a majority in favour, or a
 * meeting decision with a majority of all households); `settled` needs every finding resolved or escalated.
 */
export async function moveWork(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, input: MoveInput, oversight: Oversight): Promise<Work> {
  await authorize(trx, actor, ["head"], unitId);
  await workIn(trx, unitId, workId);
  await q.lockWork(trx, workId);
  const w = (await q.findWork(trx, workId))!;
  const state = w.status as WorkStatus;
  const allowed = MOVES[state];
  if (!allowed.includes(input.to)) throw new ConflictError("invalid_transition", { state, allowed });
  const date = input.date ?? localDateOf(actor.at);
  checkDate(date, "/date", actor.at);
  const basis = input.to === "approved" ? await checkApproval(trx, { id: w.id, unitId, funding: (await q.linesOf(trx, [w.id])).filter((l) => l.kind === "funding") }, input.decisionId, input.decision, actor.at) : null;
  // law.md L10: residents read the commune's response to their opinions before the work is approved.
  if (input.to === "approved") await checkResponses(trx, workId, actor.at);
  if (input.to === "settled") {
    const open = await oversight.unsettledFindings(trx, workId);
    if (open.length) throw new RuleViolation("findings_unresolved", { findingIds: open });
  }
  const documents = await checkAttachments(trx, [unitId], input.documents ?? [], "/documents");
  const row: Partial<q.WorkRow> = { status: input.to, updated_at: actor.at };
  if (basis) row.decision_id = basis.id;
  if (input.to === "in_progress") row.actual_start = date;
  if (input.to === "completed") row.actual_end = date;
  await q.updateWork(trx, workId, row);
  const tid = await q.insertTransition(trx, {
    work_id: workId, unit_id: unitId, from_status: state, to_status: input.to, date, note: input.note ?? null,
    // The move shows the figures of the decision it rests on, as one typed from the minutes would.
    decision: basis ? JSON.stringify({ date: basis.heldOn, minutesRef: `QĐ ${basis.id}: ${basis.title}`.slice(0, 200), householdsTotal: basis.householdsTotal, householdsAgreeing: basis.agree, decisionId: basis.id }) : input.decision ? JSON.stringify(input.decision) : null, created_by: actor.userId, created_by_name: actor.displayName ?? actor.username, created_at: actor.at,
  });
  await linkAttachments(trx, documents, "transition", tid, true, actor.at);
  await audit.record(trx, actor, { action: "work.moved", entity: "work", entityId: workId, unitId, details: { from: state, to: input.to, date } });
  await notify.enqueue(trx, actor.at, { kind: "work_moved", unitId, refId: workId, work: w.name, to: input.to, date });
  return loadWork(trx, (await q.findWork(trx, workId))!);
}

/** A progress update: date, percent, note, photos (public). Treasurer or head. */
export async function recordProgress(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, input: { date: string; percent: number; note?: string; photos?: number[] }) {
  await authorize(trx, actor, WRITERS, unitId);
  const w = await workIn(trx, unitId, workId);
  if (w.status === "settled" || w.status === "cancelled") throw new ConflictError("work_closed", { state: w.status });
  checkDate(input.date, "/date", actor.at);
  const photos = await checkAttachments(trx, [unitId], input.photos ?? [], "/photos");
  const id = await q.insertProgress(trx, { work_id: workId, unit_id: unitId, date: input.date, percent: input.percent, note: input.note ?? null, created_by: actor.userId, created_at: actor.at });
  await linkAttachments(trx, photos, "progress", id, true, actor.at);
  await q.updateWork(trx, workId, { progress: input.percent, updated_at: actor.at });
  await audit.record(trx, actor, { action: "work.progress_recorded", entity: "work", entityId: workId, unitId, details: { percent: input.percent, date: input.date } });
  await notify.enqueue(trx, actor.at, { kind: "work_progress", unitId, refId: workId, work: w.name, percent: input.percent, date: input.date });
  return { id, date: input.date, percent: input.percent, note: input.note ?? null, photos };
}

/** Settled works of these units and the day each was settled (its settlement is published within 10 working days, law.md L3); no access check. */
export async function settledWorks(db: Db, unitIds: number[]): Promise<{ id: number; unitId: number; number: number; name: string; settledOn: string }[]> {
  if (!unitIds.length) return [];
  return (await q.settledOfUnits(db, unitIds)).map((r) => ({ id: r.id, unitId: r.unit_id, number: Number(r.number), name: r.name, settledOn: r.settled_on }));
}

/** A work, for other modules: no access check (they check their own). */
export async function findWork(db: Db, workId: number): Promise<Work | undefined> {
  const r = await q.findWork(db, workId);
  return r && loadWork(db, r);
}

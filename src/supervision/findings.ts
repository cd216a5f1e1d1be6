import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, audit, authorize, covers, findUnit, isSystem, listPublicUnits, related, resolveRefs, STAFF, SystemReason } from "../identity";
import * as ledger from "../ledger";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../shared/errors";
import { checkAttachments, liftHold, linkAttachments, placeHold } from "../works";
import { checkDate, localDateOf } from "../shared/dates";
import { boardFor, inspectionIn, isMember } from "./boards";
import * as q from "./queries";
import type { FindingWire } from "./wire";

// Findings (phát hiện) and their moves. A critical finding of a work holds its payments (works keeps
// the hold) from the moment it is recorded; resolving or escalating it lifts the hold.

export type FindingStatus = q.FindingRow["status"];

// A finding is open → answered → resolved, or escalated (and an answer that does not satisfy the
// board sends it back to open).
export const FINDING_MOVES: Record<FindingStatus, FindingStatus[]> = {
  open: ["answered", "resolved", "escalated"],
  answered: ["resolved", "escalated", "open"],
  escalated: ["resolved"],
  resolved: [],
};

/** Past due and not resolved: flagged in every list and summary. */
export const isOverdue = (f: { due_date: string; status: string }, day: string) => f.due_date < day && f.status !== "resolved";

/** Counts by status and overdue, for an inspection's or a unit's list. */
export function summary(findings: q.FindingRow[], day: string) {
  const byStatus = { open: 0, answered: 0, resolved: 0, escalated: 0 };
  for (const f of findings) byStatus[f.status]++;
  return { total: findings.length, overdue: findings.filter((f) => isOverdue(f, day)).length, ...byStatus };
}

export interface FindingInput {
  category: string;
  severity: "observation" | "minor" | "major" | "critical";
  description: string;
  recommendation: string;
  addressedTo: string;
  dueDate: string;
  evidence?: { attachmentIds?: number[]; entryIds?: number[] };
  feedbackId?: number;
  /** The board agreed that the text may name households in public (law.md L9); default false. */
  namesPublic?: boolean;
}

/** Inserts an open finding; a critical one of a work places its hold at once. */
export async function insertFinding(trx: Knex.Transaction, actor: Actor, row: Omit<q.FindingRow, "id" | "status" | "escalated_to" | "created_by" | "created_at" | "updated_at">) {
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
    addressed_to: input.addressedTo, due_date: input.dueDate, evidence: JSON.stringify({ attachmentIds, entryIds }), names_public: input.namesPublic ?? false,
  });
  await linkAttachments(trx, attachmentIds, "finding", id, false, actor.at);
  if (feedback) await q.updateFeedback(trx, feedback.id, { finding_id: id });
  await audit.record(trx, actor, { action: "finding.opened", entity: "finding", entityId: id, unitId: i.unit_id, details: { boardId, inspectionId, severity: input.severity, workId: i.work_id } });
  return (await findingViews(trx, [(await q.findFinding(trx, id))!], localDateOf(actor.at)))[0];
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
  return (await findingViews(trx, [(await q.findFinding(trx, f.id))!], localDateOf(actor.at)))[0];
}

/** What every view of a finding shows (the lists, an inspection's minutes): what was found, asked, by when, and where it stands. */
export const findingSummary = (f: q.FindingRow, day: string) => ({
  id: f.id,
  category: f.category,
  severity: f.severity,
  description: f.description,
  recommendation: f.recommendation,
  addressedTo: f.addressed_to,
  dueDate: f.due_date,
  status: f.status,
  escalatedTo: f.escalated_to,
  overdue: isOverdue(f, day),
  namesPublic: Boolean(f.names_public),
});

export async function findingViews(db: Db, rows: q.FindingRow[], day: string): Promise<FindingWire[]> {
  const ids = rows.map((r) => r.id);
  const transitions = ids.length ? await q.transitionsOfFindings(db, ids) : [];
  const byFinding = new Map<number, q.FindingTransitionRow[]>();
  for (const t of transitions) (byFinding.get(t.finding_id) ?? byFinding.set(t.finding_id, []).get(t.finding_id)!).push(t);
  return rows.map((f) => ({
    ...findingSummary(f, day),
    boardId: f.board_id,
    unitId: f.unit_id,
    workId: f.work_id,
    inspectionId: f.inspection_id,
    cashCountId: f.cash_count_id,
    feedbackId: f.feedback_id,
    evidence: JSON.parse(f.evidence),
    createdAt: f.created_at,
    updatedAt: f.updated_at,
    transitions: (byFinding.get(f.id) ?? [])
      .map((t) => ({ from: t.from_status, to: t.to_status, text: t.text, escalatedTo: t.escalated_to, attachmentIds: JSON.parse(t.attachments), by: t.author_name, at: t.at })),
  }));
}

/** The unit a finding belongs to, without an access check (an Idempotency-Key is stored per unit; the write checks access). */
export async function unitOfFinding(db: Db, findingId: number): Promise<number | undefined> {
  return (await q.findFinding(db, findingId))?.unit_id;
}

/** A unit's findings (staff of the unit, inspectors of its boards), filtered; overdue ones flagged. */
/**
 * A unit's findings and their summary as of `at` (an actor's request brings its own instant). A
 * stated reason (a published statement rebuilt to verify it) reads without a role and names the instant.
 */
export async function listFindings(db: Db, who: Actor | SystemReason, unitId: number, f: { status?: FindingStatus; overdue?: boolean; workId?: number }, at?: string) {
  const unit = isSystem(who) ? await findUnit(db, unitId) : await authorize(db, who, STAFF, unitId);
  if (!unit) throw new NotFoundError("unit", { id: unitId });
  const instant = at ?? (isSystem(who) ? undefined : who.at);
  if (!instant) throw new Error(`listFindings for ${(who as SystemReason).reason}: the instant is not stated`);
  await resolveRefs(db, unitId, [{ entity: "work", id: f.workId, path: "/query/workId" }]); // a filter on another unit's work is a 404, not an empty list
  const day = localDateOf(instant);
  const unitIds = (await listPublicUnits(db)).filter((u) => u.path.startsWith(unit.path)).map((u) => u.id);
  const rows = await q.listFindings(db, { unitIds, status: f.status, workId: f.workId, overdue: f.overdue, today: day });
  const all = await q.listFindings(db, { unitIds, today: day });
  return { data: await findingViews(db, rows, day), summary: summary(all, day) };
}

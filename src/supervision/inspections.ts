import type { Knex } from "knex";
import { together, type Db } from "../db/knex";
import { Actor, audit, findUnit } from "../identity";
import { compositionReason } from "../shared/board-composition";
import * as ledger from "../ledger";
import { ConflictError, RuleViolation, ValidationError } from "../shared/errors";
import { checkAttachments, linkAttachments } from "../works";
import { checkDate, localDateOf } from "../shared/dates";
import { type Board, boardFor, checkMembers, headNow, inspectionIn, overseenUnit, overseenWork } from "./boards";
import { findingViews, summary } from "./findings";
import { CHECKLIST_ITEMS } from "./schemas";
import * as q from "./queries";
import type { InspectionSummaryWire, InspectionWire } from "./wire";

// Inspections (đợt giám sát): draft → filed → published. A draft is corrected; a filed one is
// immutable but takes addenda. Filing records the unit's chain head, an anchor the ledger's verify
// holds the books to, so entries cut after an inspection are seen.
ledger.registerAnchors("inspection", q.inspectionHeads);

export type InspectionStatus = q.InspectionRow["status"];
export const INSPECTION_MOVES: Record<InspectionStatus, InspectionStatus[]> = { draft: ["filed"], filed: ["published"], published: [] };

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
  return inspectionView(trx, (await q.findInspection(trx, boardId, id))!, localDateOf(actor.at), true);
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
  return inspectionView(trx, (await q.findInspection(trx, boardId, id))!, localDateOf(actor.at), true);
}

/** Files or publishes an inspection (draft → filed → published; anything else 409 invalid_transition). */
export async function moveInspection(trx: Knex.Transaction, actor: Actor, boardId: number, id: number, to: InspectionStatus) {
  const board = await boardFor(trx, actor, boardId);
  const i = await inspectionIn(trx, boardId, id);
  const allowed = INSPECTION_MOVES[i.status];
  if (!allowed.includes(to)) throw new ConflictError("invalid_transition", { state: i.status, allowed });
  if (to === "filed") await checkComposition(trx, board, i.unit_id);
  await q.updateInspection(
    trx,
    id,
    to === "filed" ? { status: to, filed_at: actor.at, updated_at: actor.at, chain_head: await headNow(trx, i.unit_id) } : { status: to, published_at: actor.at, updated_at: actor.at },
  );
  await audit.record(trx, actor, { action: `inspection.${to}`, entity: "inspection", entityId: id, unitId: i.unit_id, details: { boardId } });
  return inspectionView(trx, (await q.findInspection(trx, boardId, id))!, localDateOf(actor.at), true);
}

/**
 * A board not made up as the law says files no minutes where its commune, or the unit it inspected,
 * requires it (`boardCompositionRequired`): 422 board_composition_incomplete, with the reasons.
 */
async function checkComposition(db: Db, board: Board, unitId: number): Promise<void> {
  if (board.composition.complete) return;
  const units = await together(db, () => findUnit(db, board.unitId), () => findUnit(db, unitId));
  if (!units.some((u) => u?.boardCompositionRequired)) return;
  throw new RuleViolation("board_composition_incomplete", { boardId: board.id, problems: board.composition.problems, reasons: board.composition.problems.map(compositionReason).join("; ") });
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

/** The board's inspections, newest first (its inspectors, admins of its commune). */
export async function listInspections(db: Db, actor: Actor, boardId: number) {
  await boardFor(db, actor, boardId, "read");
  const day = localDateOf(actor.at);
  return together(db, ...(await q.inspectionsOfBoard(db, boardId)).map((i) => () => inspectionView(db, i, day, false)));
}

/** One inspection with its findings and addenda (its board's inspectors, admins of its commune). */
export async function getInspection(db: Db, actor: Actor, boardId: number, id: number) {
  await boardFor(db, actor, boardId, "read");
  return inspectionView(db, await inspectionIn(db, boardId, id), localDateOf(actor.at), true);
}

async function inspectionView(db: Db, i: q.InspectionRow, day: string, full: true): Promise<InspectionWire>;
async function inspectionView(db: Db, i: q.InspectionRow, day: string, full: false): Promise<InspectionSummaryWire>;
async function inspectionView(db: Db, i: q.InspectionRow, day: string, full: boolean): Promise<InspectionSummaryWire | InspectionWire> {
  const findings = await q.findingsOfInspections(db, [i.id]);
  const base: InspectionSummaryWire = {
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
    addenda: addenda.map((a) => ({ id: a.id, text: a.text, attachmentIds: JSON.parse(a.attachments), by: a.created_by_name, createdAt: a.created_at })),
  };
}

/** Filed inspections of these units, with the day each was filed (its minutes are published within 10 working days, law.md L3); no access check. */
export async function filedInspections(db: Db, unitIds: number[]): Promise<{ id: number; unitId: number; boardId: number; workId: number | null; date: string; filedOn: string }[]> {
  if (!unitIds.length) return [];
  return (await q.filedOfUnits(db, unitIds)).map((i) => ({ id: i.id, unitId: i.unit_id, boardId: i.board_id, workId: i.work_id, date: i.inspection_date, filedOn: localDateOf(i.filed_at!) }));
}

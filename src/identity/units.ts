import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from "../shared/errors";
import { type Dong, fromDb, parseDong, toDb, toWire } from "../shared/money";
import { Actor, Role, SystemReason, covers, isSystem, related } from "./actor";
import * as audit from "./audit";
import * as q from "./queries";

// The units tree (province > commune > hamlet) and the one check every verb of every module makes
// before it acts on a unit: authorize.

export type UnitKind = "province" | "commune" | "hamlet";
const PARENT_KIND: Record<UnitKind, UnitKind | null> = { province: null, commune: "province", hamlet: "commune" };

export interface Unit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  path: string;
  isActive: boolean;
  approvalThreshold: string;
  /** Days the boards have to answer a resident's feedback on this unit's works. */
  feedbackAnswerDays: number;
  /** A cash count's difference below it is an observation, from it a minor finding (whole đồng). */
  cashDifferenceMinor: Dong;
  /** From it a cash difference is a major finding, from ten times it a critical one. */
  cashDifferenceCritical: Dong;
  /** Its Community Investment Supervision Boards file minutes only when made up as the law says. */
  boardCompositionRequired: boolean;
  succeededById: number | null;
  createdAt: string;
}

function toUnit(r: q.UnitRow): Unit {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentId: r.parent_id,
    path: r.path,
    isActive: Boolean(r.is_active),
    approvalThreshold: String(r.approval_threshold),
    feedbackAnswerDays: Number(r.feedback_answer_days),
    cashDifferenceMinor: fromDb(r.cash_difference_minor),
    cashDifferenceCritical: fromDb(r.cash_difference_critical),
    boardCompositionRequired: Boolean(r.board_composition_required),
    succeededById: r.succeeded_by_id,
    createdAt: r.created_at,
  };
}

/**
 * The unit, if the actor holds one of `roles` on it or an ancestor. Throws NotFound when the unit
 * does not exist or the actor has nothing to do with it (no existence leak), Forbidden when the
 * actor works there but lacks the role.
 */
export async function authorize(db: Db, actor: Actor, roles: Role[], unitId: number): Promise<Unit> {
  const row = await q.findUnit(db, unitId);
  if (!row || !related(actor, row.path)) throw new NotFoundError("unit", { id: unitId });
  if (!covers(actor, roles, row.path)) throw new ForbiddenError("forbidden", { needs: roles });
  return toUnit(row);
}

/** Like authorize, for a unit the route names by id but any staff role may read. */
export const STAFF: Role[] = ["admin", "treasurer", "head", "inspector"];

export interface UnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  parentId?: number | null;
}

/** Creates a unit under its parent (province > commune > hamlet); admins of the parent only. */
export async function createUnit(trx: Knex.Transaction, actor: Actor, input: UnitInput): Promise<Unit> {
  const parentKind = PARENT_KIND[input.kind];
  let parentPath = "/";
  if (parentKind === null) {
    if (input.parentId) throw new RuleViolation("invalid_parent", { kind: input.kind, parentKind: "—" });
    if (!covers(actor, ["admin"], "/")) throw new ForbiddenError();
  } else {
    if (!input.parentId) throw new ValidationError([{ path: "/parentId", code: "required", params: { missingProperty: "parentId" } }]);
    const parent = await authorize(trx, actor, ["admin"], input.parentId);
    if (parent.kind !== parentKind) throw new RuleViolation("invalid_parent", { kind: input.kind, parentKind });
    parentPath = parent.path;
  }
  if (await q.findUnitByCode(trx, input.code)) throw new ConflictError("duplicate", { entity: "unit", field: "code" });
  const id = await q.insertUnit(
    trx,
    { code: input.code, name: input.name, kind: input.kind, parent_id: input.parentId ?? null, created_at: actor.at },
    parentPath,
  );
  await audit.record(trx, actor, { action: "unit.created", entity: "unit", entityId: id, unitId: id, details: { code: input.code, name: input.name, kind: input.kind } });
  return toUnit((await q.findUnit(trx, id))!);
}

/** Units the actor holds any role in (and everything under them); every unit for a stated reason (a backup). */
export async function listUnits(db: Db, who: Actor | SystemReason): Promise<Unit[]> {
  const paths = isSystem(who) ? ["/"] : who.scopes.map((s) => s.path);
  if (paths.length === 0) return [];
  return (await q.listUnitsUnder(db, paths.includes("/") ? ["/"] : paths)).map(toUnit);
}

export async function getUnit(db: Db, actor: Actor, unitId: number): Promise<Unit> {
  return authorize(db, actor, STAFF, unitId);
}

/** Looks a unit up without any access check: for public pages and other modules' own checks. */
/** Many units' materialised paths, by id, in a query per 500 (units that do not exist are left out). */
export async function unitPaths(db: Db, unitIds: readonly number[]): Promise<{ id: number; path: string }[]> {
  return (await q.unitPaths(db, unitIds)).map((r) => ({ id: Number(r.id), path: r.path }));
}

export async function findUnit(db: Db, unitId: number): Promise<Unit | undefined> {
  const row = await q.findUnit(db, unitId);
  return row && toUnit(row);
}

export async function findUnitByCode(db: Db, code: string): Promise<Unit | undefined> {
  const row = await q.findUnitByCode(db, code);
  return row && toUnit(row);
}

/** Active units, for the public list of communes and hamlets. */
export async function listPublicUnits(db: Db): Promise<Unit[]> {
  return (await q.listUnitsUnder(db, ["/"]).where("is_active", true)).map(toUnit);
}

export interface UnitPatch {
  name?: string;
  approvalThreshold?: string;
  feedbackAnswerDays?: number;
  cashDifferenceMinor?: string;
  cashDifferenceCritical?: string;
  boardCompositionRequired?: boolean;
}

/** Renames a unit or changes its settings; admins of the unit. */
export async function updateUnit(trx: Knex.Transaction, actor: Actor, unitId: number, patch: UnitPatch): Promise<Unit> {
  const unit = await authorize(trx, actor, ["admin"], unitId);
  const row: Partial<q.UnitRow> = {};
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.approvalThreshold !== undefined) row.approval_threshold = patch.approvalThreshold;
  if (patch.feedbackAnswerDays !== undefined) row.feedback_answer_days = patch.feedbackAnswerDays;
  if (patch.cashDifferenceMinor !== undefined || patch.cashDifferenceCritical !== undefined) {
    const { minor, critical } = cashThresholds(unit, patch);
    row.cash_difference_minor = toDb(minor);
    row.cash_difference_critical = toDb(critical);
  }
  if (patch.boardCompositionRequired !== undefined) row.board_composition_required = patch.boardCompositionRequired;
  if (Object.keys(row).length) await q.updateUnit(trx, unitId, row);
  await audit.record(trx, actor, { action: "unit.updated", entity: "unit", entityId: unitId, unitId, details: { before: { name: unit.name, approvalThreshold: unit.approvalThreshold, feedbackAnswerDays: unit.feedbackAnswerDays, cashDifferenceMinor: toWire(unit.cashDifferenceMinor), cashDifferenceCritical: toWire(unit.cashDifferenceCritical), boardCompositionRequired: unit.boardCompositionRequired }, patch } });
  return toUnit((await q.findUnit(trx, unitId))!);
}

/**
 * The cash difference thresholds a patch leaves the unit with (a patch may name one of them): whole
 * đồng, neither negative, the minor one not above the critical one (422 otherwise).
 */
function cashThresholds(unit: Unit, patch: UnitPatch): { minor: Dong; critical: Dong } {
  const minor = patch.cashDifferenceMinor === undefined ? unit.cashDifferenceMinor : parseDong(patch.cashDifferenceMinor, "/cashDifferenceMinor");
  const critical = patch.cashDifferenceCritical === undefined ? unit.cashDifferenceCritical : parseDong(patch.cashDifferenceCritical, "/cashDifferenceCritical");
  for (const [field, v] of [["cashDifferenceMinor", minor], ["cashDifferenceCritical", critical]] as const) {
    if (v < 0n) throw new RuleViolation("negative_threshold", { field, value: toWire(v), path: `/${field}` });
  }
  if (minor > critical) throw new RuleViolation("thresholds_out_of_order", { minor: toWire(minor), critical: toWire(critical), path: "/cashDifferenceMinor" });
  return { minor, critical };
}

export const countUnits = q.countUnits;
export const holdsDemoData = q.holdsDemoData;

import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, audit, authorize, covers, findUnit, STAFF, type Role } from "../identity";
import { localDateOf } from "../shared/dates";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation } from "../shared/errors";
import { decisionIn, settingsOf, views } from "./decisions";
import * as q from "./queries";
import { CONTRIBUTION_SUBJECTS, MOVES, votedOn, type DecisionStatus, type Method, type Subject } from "./rules";
import type { DecisionWire } from "./wire";
import { submitDueOn } from "./working-days";

// Recognition (law.md L8): draft → voted → submitted → recognised | returned (a returned decision may
// be submitted again). Closing the vote and submitting are the hamlet's acts; recognising and
// returning the commune's, by the parent unit's admin or head.

/** Who makes each move: the hamlet's roles on the decision's own unit, or the commune's on its parent. */
const BY: Record<Exclude<DecisionStatus, "draft">, { roles: Role[]; where: "own" | "parent" }> = {
  voted: { roles: ["head", "treasurer"], where: "own" },
  submitted: { roles: ["head"], where: "own" },
  recognised: { roles: ["admin", "head"], where: "parent" },
  returned: { roles: ["admin", "head"], where: "parent" },
};

/** A role held on exactly this unit: the hamlet's own act is not a commune's or an installation admin's. */
const holdsHere = (actor: Actor, roles: Role[], path: string) => actor.scopes.some((s) => roles.includes(s.role) && s.path === path);

/**
 * Moves a decision: 409 invalid_transition for a move the machine does not allow, 403 for the
 * wrong hand, 422 no_counts (voting closed on nothing) and reason_required (returned without one).
 * Closing the vote sets the day to submit by: the unit's working days after the vote (default 5).
 */
export async function moveDecision(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, input: { to: DecisionStatus; reason?: string }): Promise<DecisionWire> {
  const unit = await authorize(trx, actor, STAFF, unitId);
  await decisionIn(trx, unitId, id);
  await q.lockDecision(trx, id);
  const d = (await q.findDecision(trx, id))!;
  const state = d.status as DecisionStatus;
  if (!MOVES[state].includes(input.to) || input.to === "draft") throw new ConflictError("invalid_transition", { state, allowed: MOVES[state] });
  const by = BY[input.to];
  if (by.where === "own" && !holdsHere(actor, by.roles, unit.path)) throw new ForbiddenError("forbidden", { needs: by.roles });
  if (by.where === "parent") {
    const parent = unit.parentId ? await findUnit(trx, unit.parentId) : undefined;
    if (!parent || !covers(actor, by.roles, parent.path)) throw new ForbiddenError("forbidden", { needs: by.roles });
  }
  if (input.to === "returned" && !input.reason?.trim()) throw new RuleViolation("reason_required", {});
  const row: Partial<q.DecisionRow> = { status: input.to, updated_at: actor.at };
  if (input.to === "voted") {
    const [view] = await views(trx, [d], actor.at);
    if (view.tally === null && view.ballots.paper + view.ballots.online === 0) throw new RuleViolation("no_counts", {});
    row.voted_on = votedOn(d.method as Method, d.held_on, localDateOf(actor.at));
    row.submit_by = await submitDueOn(trx, unitId, row.voted_on, (await settingsOf(trx, unitId)).submitWithinDays);
  }
  await q.updateDecision(trx, id, row);
  await q.insertTransition(trx, {
    decision_id: id, unit_id: unitId, from_status: state, to_status: input.to, reason: input.reason ?? null,
    created_by: actor.userId, created_by_name: actor.displayName ?? actor.username, created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "decision.moved", entity: "decision", entityId: id, unitId, details: { from: state, to: input.to, ...(input.reason ? { reason: input.reason } : {}) } });
  return (await views(trx, [(await q.findDecision(trx, id))!], actor.at))[0];
}

/** What a campaign or a work keeps of the decision it rests on. */
export interface DecisionBasis {
  id: number;
  title: string;
  heldOn: string;
  householdsTotal: number;
  present: number;
  agree: number;
  recognised: boolean;
}

async function basis(db: Db, unitId: number, decisionId: number, path: string, subjects: readonly Subject[]): Promise<DecisionBasis> {
  const d = await q.findDecisionIn(db, unitId, decisionId);
  if (!d) throw new NotFoundError("decision", { id: decisionId, path });
  if (!subjects.includes(d.subject as Subject)) throw new RuleViolation("decision_wrong_subject", { subject: d.subject, expected: subjects.join(", ") });
  // Only the counts are read here (not whether it is overdue): any instant will do.
  const [v] = await views(db, [d], d.updated_at);
  if (!v.passed) throw new RuleViolation("decision_not_passed", { agree: v.counts.agree, householdsTotal: v.householdsTotal, needed: v.threshold.needed });
  return { id: d.id, title: d.title, heldOn: d.held_on, householdsTotal: d.households_total, present: v.counts.present, agree: v.counts.agree, recognised: d.status === "recognised" };
}

/**
 * law.md L5, L8: a campaign opens only on a passed decision of a contribution subject that the
 * commune recognised (404 decision, 422 decision_wrong_subject / decision_not_passed / decision_not_recognised).
 */
export async function decisionForCampaign(db: Db, unitId: number, decisionId: number): Promise<DecisionBasis> {
  const b = await basis(db, unitId, decisionId, "/decisionId", CONTRIBUTION_SUBJECTS);
  if (!b.recognised) {
    const d = (await q.findDecision(db, decisionId))!;
    throw new RuleViolation("decision_not_recognised", { status: d.status });
  }
  return b;
}

/** A resident-funded work is approved only on a passed decision on its investment or its contributions; recognition may follow. */
export async function decisionForWork(db: Db, unitId: number, decisionId: number): Promise<DecisionBasis> {
  return basis(db, unitId, decisionId, "/decisionId", ["work_investment", ...CONTRIBUTION_SUBJECTS]);
}

/** Whether each decision is recognised yet (what rests on one that is not shows a warning). */
export async function recognisedOf(db: Db, ids: number[]): Promise<Map<number, DecisionStatus>> {
  const out = new Map<number, DecisionStatus>();
  for (const id of new Set(ids)) {
    const d = await q.findDecision(db, id);
    if (d) out.set(id, d.status as DecisionStatus);
  }
  return out;
}

/**
 * The units' decisions that carry a deadline (no access check): recognised ones, with the day of
 * recognition (residents are told the result within 10 working days, law.md L3), and voted ones
 * with the day to submit them by (law.md L8).
 */
export async function decisionDeadlines(db: Db, unitIds: number[]): Promise<{ id: number; unitId: number; title: string; status: DecisionStatus; submitBy: string | null; recognisedOn: string | null }[]> {
  if (!unitIds.length) return [];
  const recognised = await q.recognitionsOf(db, unitIds);
  const voted = (await q.listDecisions(db, unitIds)).filter((d) => d.status === "voted");
  return [
    ...recognised.map((d) => ({ id: d.id, unitId: d.unit_id, title: d.title, status: "recognised" as const, submitBy: d.submit_by, recognisedOn: localDateOf(d.recognised_at) })),
    ...voted.map((d) => ({ id: d.id, unitId: d.unit_id, title: d.title, status: "voted" as const, submitBy: d.submit_by, recognisedOn: null })),
  ];
}

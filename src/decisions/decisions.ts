import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { householdsOn, householdLabels, proveHouseholdPin, type PinGuard } from "../contributions";
import { Actor, audit, authorize, findUnit, listPublicUnits, resolveRefs, STAFF, userNames, type Role } from "../identity";
import { checkDate, localDateOf } from "../shared/dates";
import { ConflictError, NotFoundError, RuleViolation } from "../shared/errors";
import * as q from "./queries";
import { ruleFor, TAKES, type Choice, type Counts, type Method, type Subject, type ThresholdRule } from "./rules";
import { ballotDto, decisionDto, noBallots, transitionDto, type BallotSums } from "./dto";
import type { DecisionDetailWire, DecisionSettingsWire, DecisionWire, PublicDecisionWire, VoteWire } from "./wire";

// Decisions (quyết định của hộ dân) as records: recorded by the hamlet with the register's total on
// the day, counted by a meeting's tally, by ballots each household casts once (on paper, entered by
// the counting team, or online with its code and PIN), or both; then moved to the commune
// (transitions.ts).

/** Who records a decision, its tally and ballots: the unit's head or treasurer. */
export const WRITERS: Role[] = ["head", "treasurer"];

export interface DecisionInput {
  title: string;
  subject: Subject;
  method: Method;
  heldOn: string;
  minutesAttachmentId?: number;
}

const DEFAULTS = { workInvestmentRule: "more_than_half" as ThresholdRule, submitWithinDays: 5 };

/** A unit's decision settings: its own, else its parent's (a commune's rules for its hamlets), else the defaults. */
export async function settingsOf(db: Db, unitId: number): Promise<DecisionSettingsWire> {
  const unit = await findUnit(db, unitId);
  const own = await q.findSettings(db, unitId);
  const row = own ?? (unit?.parentId ? await q.findSettings(db, unit.parentId) : undefined);
  return row
    ? { unitId, workInvestmentRule: row.work_investment_rule as ThresholdRule, submitWithinDays: row.submit_within_days }
    : { unitId, ...DEFAULTS };
}

/** The register behind a decision: the unit's households on the day, or for a commune its hamlets'. */
async function registerOn(db: Db, unitId: number, kind: string, date: string): Promise<number[]> {
  if (kind === "hamlet") return householdsOn(db, unitId, date);
  const hamlets = (await listPublicUnits(db)).filter((u) => u.parentId === unitId).map((u) => u.id);
  const all: number[] = [];
  for (const h of hamlets) all.push(...(await householdsOn(db, h, date)));
  return all;
}

/** Records a decision (draft) with the register's total on `heldOn`; 422 register_empty when there is none. */
export async function recordDecision(trx: Knex.Transaction, actor: Actor, unitId: number, input: DecisionInput): Promise<DecisionWire> {
  const unit = await authorize(trx, actor, WRITERS, unitId);
  checkDate(input.heldOn, "/heldOn", actor.at);
  await resolveRefs(trx, unitId, [{ entity: "attachment", id: input.minutesAttachmentId, path: "/minutesAttachmentId" }]);
  const total = (await registerOn(trx, unitId, unit.kind, input.heldOn)).length;
  if (total < 1) throw new RuleViolation("register_empty", { heldOn: input.heldOn });
  const settings = await settingsOf(trx, unitId);
  const id = await q.insertDecision(trx, {
    unit_id: unitId, title: input.title, subject: input.subject, method: input.method, held_on: input.heldOn,
    minutes_attachment_id: input.minutesAttachmentId ?? null, households_total: total,
    threshold_rule: ruleFor(input.subject, settings.workInvestmentRule),
    present: null, agree: null, disagree: null, abstain: null, status: "draft", voted_on: null, submit_by: null,
    created_by: actor.userId, created_at: actor.at, updated_at: actor.at,
  });
  await audit.record(trx, actor, { action: "decision.recorded", entity: "decision", entityId: id, unitId, details: { subject: input.subject, method: input.method, heldOn: input.heldOn, householdsTotal: total } });
  return (await views(trx, [(await q.findDecision(trx, id))!], actor.at))[0];
}

/** A decision of the unit, or 404. */
export async function decisionIn(db: Db, unitId: number, id: number): Promise<q.DecisionRow> {
  const d = await q.findDecisionIn(db, unitId, id);
  if (!d) throw new NotFoundError("decision", { id });
  return d;
}

/** Decisions as the wire shows them: the tally and ballots added, the threshold and whether it passed. */
export async function views(db: Db, rows: q.DecisionRow[], at: string): Promise<DecisionWire[]> {
  const byDecision = new Map<number, BallotSums>();
  for (const r of await q.ballotCounts(db, rows.map((d) => d.id))) {
    const b = byDecision.get(r.decision_id) ?? noBallots();
    const n = Number(r.n);
    if (r.channel === "online") b.online += n;
    else b.paper += n;
    b.counts[r.choice as Choice] += n;
    b.counts.present += n;
    byDecision.set(r.decision_id, b);
  }
  const today = localDateOf(at);
  const names = new Map<number, string>();
  for (const id of new Set(rows.map((d) => d.unit_id))) names.set(id, (await findUnit(db, id))?.name ?? "");
  return rows.map((d) => decisionDto(d, names.get(d.unit_id) ?? "", byDecision.get(d.id) ?? noBallots(), today));
}

/** The unit's decisions, newest meeting first (staff of the unit, inspectors of its boards); with `below`, its hamlets' too. */
export async function listDecisions(db: Db, actor: Actor, unitId: number, below = false): Promise<DecisionWire[]> {
  await authorize(db, actor, STAFF, unitId);
  const children = below ? (await listPublicUnits(db)).filter((u) => u.parentId === unitId).map((u) => u.id) : [];
  return views(db, await q.listDecisions(db, [unitId, ...children]), actor.at);
}

/** One decision with its moves and its ballots (who entered each, and when). */
export async function getDecision(db: Db, actor: Actor, unitId: number, id: number): Promise<DecisionDetailWire> {
  await authorize(db, actor, STAFF, unitId);
  const d = await decisionIn(db, unitId, id);
  const [view] = await views(db, [d], actor.at);
  const [transitions, ballots] = [await q.transitionsOf(db, id), await q.ballotsOf(db, id)];
  const labels = await householdLabels(db, ballots.map((b) => b.household_id));
  const entered = [...new Set(ballots.flatMap((b) => (b.entered_by === null ? [] : [b.entered_by])))];
  const users = new Map((entered.length ? await userNames(db, entered) : []).map((u) => [u.id, u.display_name]));
  const ballotList = ballots.map((b) => ballotDto(b, labels.get(b.household_id), b.entered_by === null ? null : users.get(b.entered_by) ?? null));
  return { ...view, transitions: transitions.map(transitionDto), ballotList };
}

/** The decision, locked for a write, still open for counting (409 decision_voted otherwise) and taking `what`. */
async function openForCounting(trx: Knex.Transaction, unitId: number, id: number, what: "tally" | "ballots" | "online"): Promise<q.DecisionRow> {
  await decisionIn(trx, unitId, id);
  await q.lockDecision(trx, id);
  const d = (await q.findDecision(trx, id))!;
  if (d.status !== "draft") throw new ConflictError("decision_voted", { status: d.status });
  if (!TAKES[d.method as Method][what]) throw new RuleViolation("not_for_method", { method: d.method, what });
  return d;
}

async function ballotsCounted(db: Db, id: number): Promise<number> {
  return (await q.ballotCounts(db, [id])).reduce((n, r) => n + Number(r.n), 0);
}

/**
 * Records (or corrects, while a draft) a meeting's counts: 422 tally_inconsistent unless
 * agree + disagree + abstain ≤ present ≤ households in the register; with ballots (combined), present
 * and ballots together stay within the register (422 counts_exceed_register).
 */
export async function recordTally(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, input: Counts): Promise<DecisionWire> {
  await authorize(trx, actor, WRITERS, unitId);
  const d = await openForCounting(trx, unitId, id, "tally");
  const counted = input.agree + input.disagree + input.abstain;
  if (counted > input.present || input.present > d.households_total) throw new RuleViolation("tally_inconsistent", { counted, present: input.present, householdsTotal: d.households_total });
  const ballots = await ballotsCounted(trx, id);
  if (input.present + ballots > d.households_total) throw new RuleViolation("counts_exceed_register", { counted: input.present + ballots, householdsTotal: d.households_total });
  await q.updateDecision(trx, id, { ...input, updated_at: actor.at });
  await audit.record(trx, actor, { action: "decision.tallied", entity: "decision", entityId: id, unitId, details: { ...input } });
  return (await views(trx, [(await q.findDecision(trx, id))!], actor.at))[0];
}

/** Counts one household's choice once: in the register on the day (422), not already counted (409 already_counted). */
async function countBallot(trx: Knex.Transaction, actor: Actor, d: q.DecisionRow, household: { id: number; code: string }, choice: Choice, channel: "paper" | "online") {
  const unit = await findUnit(trx, d.unit_id);
  if (!(await registerOn(trx, d.unit_id, unit?.kind ?? "hamlet", d.held_on)).includes(household.id)) {
    throw new RuleViolation("household_not_in_register", { code: household.code, heldOn: d.held_on });
  }
  if (await q.hasBallot(trx, d.id, household.id)) throw new ConflictError("already_counted", { householdId: household.id });
  const present = (d.present ?? 0) + (await ballotsCounted(trx, d.id)) + 1;
  if (present > d.households_total) throw new RuleViolation("counts_exceed_register", { counted: present, householdsTotal: d.households_total });
  await q.insertBallot(trx, { decision_id: d.id, unit_id: d.unit_id, household_id: household.id, choice, channel, entered_by: channel === "paper" ? actor.userId : null, created_at: actor.at });
  // Who entered a paper ballot is kept with it; the audit trail names the household, not its choice.
  await audit.record(trx, actor, { action: channel === "paper" ? "decision.ballot_entered" : "decision.voted_online", entity: "decision", entityId: d.id, unitId: d.unit_id, details: { householdId: household.id } });
}

/** A household's paper ballot entered by the counting team (household_ballot or combined). */
export async function recordBallot(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, input: { householdId: number; choice: Choice }): Promise<DecisionWire> {
  await authorize(trx, actor, WRITERS, unitId);
  await resolveRefs(trx, unitId, [{ entity: "household", id: input.householdId, path: "/householdId" }]);
  const d = await openForCounting(trx, unitId, id, "ballots");
  const labels = await householdLabels(trx, [input.householdId]);
  await countBallot(trx, actor, d, { id: input.householdId, code: labels.get(input.householdId)?.code ?? "" }, input.choice, "paper");
  return (await views(trx, [(await q.findDecision(trx, id))!], actor.at))[0];
}

/** What a household sees of a decision before voting online (no sign-in). */
export async function publicDecision(db: Db, id: number): Promise<PublicDecisionWire> {
  const d = await q.findDecision(db, id);
  if (!d) throw new NotFoundError("decision", { id });
  const unit = await findUnit(db, d.unit_id);
  return { id: d.id, unitName: unit?.name ?? "", title: d.title, subject: d.subject as Subject, heldOn: d.held_on, open: d.status === "draft" && TAKES[d.method as Method].online };
}

/**
 * A household votes online with its code and PIN, as in a consultation (contributions/pins.ts: 403
 * invalid_pin, 429 past the limits, 423 pin_locked). Counted once (409 already_counted); only while
 * the decision is a draft of an online or combined method.
 */
export async function voteOnline(db: Knex, actor: Actor, guard: PinGuard, id: number, input: { householdCode: string; pin: string; choice: Choice }): Promise<VoteWire> {
  const d = await q.findDecision(db, id);
  if (!d) throw new NotFoundError("decision", { id });
  if (d.status !== "draft") throw new ConflictError("decision_voted", { status: d.status });
  if (!TAKES[d.method as Method].online) throw new RuleViolation("not_for_method", { method: d.method, what: "online" });
  const unit = await findUnit(db, d.unit_id);
  const units = unit?.kind === "hamlet" ? [d.unit_id] : (await listPublicUnits(db)).filter((u) => u.parentId === d.unit_id).map((u) => u.id);
  // The PIN is checked before the write transaction opens (scrypt takes a while).
  const household = await proveHouseholdPin(db, actor, guard, units, d.unit_id, input.householdCode, input.pin);
  await db.transaction(async (trx) => {
    const open = await openForCounting(trx, d.unit_id, id, "online");
    await countBallot(trx, actor, open, household, input.choice, "online");
  });
  return { decisionId: id, householdCode: household.code, choice: input.choice, at: actor.at };
}

/** A unit's decision settings (staff read them). */
export async function getSettings(db: Db, actor: Actor, unitId: number): Promise<DecisionSettingsWire> {
  await authorize(db, actor, STAFF, unitId);
  return settingsOf(db, unitId);
}

/** Changes a unit's decision settings (its admins): the work investment threshold, the days to submit. */
export async function changeSettings(trx: Knex.Transaction, actor: Actor, unitId: number, patch: { workInvestmentRule?: ThresholdRule; submitWithinDays?: number }): Promise<DecisionSettingsWire> {
  await authorize(trx, actor, ["admin"], unitId);
  const now = await settingsOf(trx, unitId);
  const next = { ...now, ...patch };
  await q.saveSettings(trx, { unit_id: unitId, work_investment_rule: next.workInvestmentRule, submit_within_days: next.submitWithinDays, updated_by: actor.userId, updated_at: actor.at });
  await audit.record(trx, actor, { action: "decision.settings_changed", entity: "unit", entityId: unitId, unitId, details: patch });
  return settingsOf(trx, unitId);
}

import type { Db } from "../db/knex";

// knex on the tables decisions own: decisions, decision_ballots, decision_transitions,
// decision_settings. Rows in, rows out.

export interface DecisionRow {
  id: number;
  unit_id: number;
  title: string;
  subject: string;
  method: string;
  held_on: string;
  minutes_attachment_id: number | null;
  households_total: number;
  threshold_rule: string;
  present: number | null;
  agree: number | null;
  disagree: number | null;
  abstain: number | null;
  status: string;
  voted_on: string | null;
  submit_by: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}
export interface BallotRow {
  id: number;
  decision_id: number;
  unit_id: number;
  household_id: number;
  choice: string;
  channel: string;
  entered_by: number | null;
  created_at: string;
}
export interface TransitionRow {
  id: number;
  decision_id: number;
  unit_id: number;
  from_status: string;
  to_status: string;
  reason: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
}
export interface SettingsRow {
  unit_id: number;
  work_investment_rule: string;
  submit_within_days: number;
  updated_by: number | null;
  updated_at: string;
}

export async function insertDecision(db: Db, row: Omit<DecisionRow, "id">): Promise<number> {
  const [r] = await db("decisions").insert(row).returning("id");
  return typeof r === "object" ? r.id : r;
}
export const findDecision = (db: Db, id: number): Promise<DecisionRow | undefined> => db("decisions").where({ id }).first();
export const findDecisionIn = (db: Db, unitId: number, id: number): Promise<DecisionRow | undefined> => db("decisions").where({ id, unit_id: unitId }).first();
export const listDecisions = (db: Db, unitIds: number[]): Promise<DecisionRow[]> => db("decisions").whereIn("unit_id", unitIds).orderBy([{ column: "held_on", order: "desc" }, { column: "id", order: "desc" }]);
export async function updateDecision(db: Db, id: number, row: Partial<DecisionRow>): Promise<void> {
  await db("decisions").where({ id }).update(row);
}
/** Serialises writes on one decision (PostgreSQL; SQLite writes one at a time anyway). */
export async function lockDecision(db: Db, id: number): Promise<void> {
  await db("decisions").select("id").where({ id }).forUpdate();
}

export async function insertBallot(db: Db, row: Omit<BallotRow, "id">): Promise<number> {
  const [r] = await db("decision_ballots").insert(row).returning("id");
  return typeof r === "object" ? r.id : r;
}
export const hasBallot = (db: Db, decisionId: number, householdId: number): Promise<{ id: number } | undefined> =>
  db("decision_ballots").select("id").where({ decision_id: decisionId, household_id: householdId }).first();
/** Ballots per decision, channel and choice. */
export const ballotCounts = (db: Db, ids: number[]): Promise<{ decision_id: number; channel: string; choice: string; n: number | string }[]> =>
  ids.length ? db("decision_ballots").select("decision_id", "channel", "choice").count({ n: "*" }).whereIn("decision_id", ids).groupBy("decision_id", "channel", "choice") : Promise.resolve([]);
/** A decision's ballots, in the order entered (who voted is kept; the public sees counts only). */
export const ballotsOf = (db: Db, decisionId: number): Promise<BallotRow[]> => db("decision_ballots").where({ decision_id: decisionId }).orderBy("id");

export async function insertTransition(db: Db, row: Omit<TransitionRow, "id">): Promise<void> {
  await db("decision_transitions").insert(row);
}
/** The day each of these units' decisions was recognised (the move's instant), with the decision. */
export const recognitionsOf = (db: Db, unitIds: number[]): Promise<(DecisionRow & { recognised_at: string })[]> =>
  db("decisions as d").join("decision_transitions as t", "t.decision_id", "d.id").whereIn("d.unit_id", unitIds).where("t.to_status", "recognised").select("d.*", { recognised_at: "t.created_at" }).orderBy("d.id");
export const transitionsOf = (db: Db, decisionId: number): Promise<TransitionRow[]> => db("decision_transitions").where({ decision_id: decisionId }).orderBy("id");

export const findSettings = (db: Db, unitId: number): Promise<SettingsRow | undefined> => db("decision_settings").where({ unit_id: unitId }).first();
export async function saveSettings(db: Db, row: SettingsRow): Promise<void> {
  await db("decision_settings").insert(row).onConflict("unit_id").merge();
}

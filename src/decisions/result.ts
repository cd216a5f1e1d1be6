import type { Db } from "../db/knex";
import { findUnit } from "../identity";
import { localDateOf } from "../shared/dates";
import { RuleViolation } from "../shared/errors";
import { decisionIn, views } from "./decisions";
import * as q from "./queries";
import type { DecisionWire } from "./wire";

// A recognised decision's result as residents are told it (law.md L3): the counts only, never a
// household's own choice, with who recognised it for the commune and when. Publication's statement
// reads it; the caller has already checked the actor's access to the unit.

export interface DecisionResult {
  decision: DecisionWire;
  /** The commune (the parent unit) that recognised it. */
  communeName: string;
  recognisedBy: string | null;
  recognisedOn: string;
}

/** 404 decision (not of the unit), 422 decision_not_recognised (not yet recognised by the commune). */
export async function decisionResult(db: Db, unitId: number, id: number): Promise<DecisionResult> {
  const d = await decisionIn(db, unitId, id);
  if (d.status !== "recognised") throw new RuleViolation("decision_not_recognised", { status: d.status });
  const moves = await q.transitionsOf(db, id);
  const move = moves.filter((t) => t.to_status === "recognised").pop()!;
  // only the counts are read (not whether it is overdue): the instant of recognition will do
  const [decision] = await views(db, [d], move.created_at);
  const unit = await findUnit(db, unitId);
  const parent = unit?.parentId ? await findUnit(db, unit.parentId) : undefined;
  return { decision, communeName: parent?.name ?? unit?.name ?? "", recognisedBy: move.created_by_name, recognisedOn: localDateOf(move.created_at) };
}

import type { Knex } from "knex";
import { moveDecision, recordDecision, recordTally } from "../src/decisions";
import type { Actor } from "../src/identity";

// Demo decisions: each demo campaign and the demo road rest on a meeting's decision that the
// hamlet recorded, voted, submitted, and the commune recognised (law.md L5–L8), as a hamlet using
// the software from the start would have them.

export interface DecisionActors {
  /** The hamlet's treasurer (records, counts), head (closes the vote, submits) and the commune's admin (recognises). */
  treasurer: Actor;
  head: Actor;
  commune: Actor;
}

/** A meeting's decision carried to recognised: `present` households at the meeting, `agree` of them agreeing. */
export async function recognisedDecision(
  trx: Knex.Transaction,
  who: DecisionActors,
  unitId: number,
  d: { title: string; subject: "contribution_policy" | "contribution_management" | "work_investment"; heldOn: string; present: number; agree: number; disagree: number },
): Promise<number> {
  const made = await recordDecision(trx, who.treasurer, unitId, { title: d.title, subject: d.subject, method: "meeting_show_of_hands", heldOn: d.heldOn });
  await recordTally(trx, who.treasurer, unitId, made.id, { present: d.present, agree: d.agree, disagree: d.disagree, abstain: d.present - d.agree - d.disagree });
  await moveDecision(trx, who.head, unitId, made.id, { to: "voted" });
  await moveDecision(trx, who.head, unitId, made.id, { to: "submitted" });
  await moveDecision(trx, who.commune, unitId, made.id, { to: "recognised" });
  return made.id;
}

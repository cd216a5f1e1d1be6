import { meets, MOVES, needed, type Choice, type Counts, type DecisionStatus, type Method, type Subject, type ThresholdRule } from "./rules";
import type { BallotRow, DecisionRow, TransitionRow } from "./queries";
import type { BallotWire, DecisionTransitionWire, DecisionWire } from "./wire";

// Wire shapes by hand: a decision with its counts added up (the meeting's tally and the ballots,
// each household once), its threshold and whether it passed; its moves and ballots.

/** What the ballots of one decision add up to, by channel and choice. */
export interface BallotSums {
  paper: number;
  online: number;
  counts: Counts;
}
export const noBallots = (): BallotSums => ({ paper: 0, online: 0, counts: { present: 0, agree: 0, disagree: 0, abstain: 0 } });

export function decisionDto(d: DecisionRow, unitName: string, b: BallotSums, today: string): DecisionWire {
  const tally = d.present === null ? null : { present: d.present, agree: d.agree ?? 0, disagree: d.disagree ?? 0, abstain: d.abstain ?? 0 };
  const counts = tally
    ? { present: tally.present + b.counts.present, agree: tally.agree + b.counts.agree, disagree: tally.disagree + b.counts.disagree, abstain: tally.abstain + b.counts.abstain }
    : { ...b.counts };
  const rule = d.threshold_rule as ThresholdRule;
  const status = d.status as DecisionStatus;
  return {
    id: d.id, unitId: d.unit_id, unitName, title: d.title, subject: d.subject as Subject, method: d.method as Method, heldOn: d.held_on,
    minutesAttachmentId: d.minutes_attachment_id, householdsTotal: d.households_total,
    tally, ballots: { paper: b.paper, online: b.online }, counts,
    threshold: { rule, needed: needed(rule, d.households_total) },
    passed: meets(rule, counts.agree, d.households_total),
    status, allowed: MOVES[status], votedOn: d.voted_on, submitBy: d.submit_by,
    submitOverdue: status === "voted" && d.submit_by !== null && today > d.submit_by,
    createdAt: d.created_at, updatedAt: d.updated_at,
  };
}

export const transitionDto = (t: TransitionRow): DecisionTransitionWire => ({
  from: t.from_status as DecisionStatus, to: t.to_status as DecisionStatus, reason: t.reason, by: t.created_by_name, at: t.created_at,
});

export const ballotDto = (b: BallotRow, household: { code: string; headName: string } | undefined, enteredBy: string | null): BallotWire => ({
  householdId: b.household_id, code: household?.code ?? "", headName: household?.headName ?? "",
  choice: b.choice as Choice, channel: b.channel as "paper" | "online", enteredBy, at: b.created_at,
});

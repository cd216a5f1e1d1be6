import type { Db } from "../db/knex";
import { decisionForWork, recognisedOf, type DecisionBasis } from "../decisions";
import { RuleViolation } from "../shared/errors";
import * as q from "./queries";

// Residents' consent to a work. One the residents fund (law.md L5: community money or in-kind
// gifts) is approved only on a passed decision record (decisionId): opinions in a consultation
// are not a decision, however few of the households gave them. Another work (state, commune,
// sponsor money: law.md L10) needs a meeting decision with a majority of all households, a passed
// decision record, or a closed consultation where more than half of the opinions given agree.

/** The sources that mean the residents pay: community money or in-kind gifts. */
const RESIDENTS_PAY = ["community", "in_kind"];
/** Does the residents' money or labour fund this work (any funding line of theirs, campaign named or not)? */
export const residentFunded = (funding: { category: string }[]) => funding.some((l) => RESIDENTS_PAY.includes(l.category));

/** Said on a work approved on a decision the commune has not recognised yet (law.md L8). */
export const DECISION_NOT_RECOGNISED = { code: "decision_not_recognised", message: "Quyết định của hộ dân chưa được xã công nhận" } as const;

/** Each work's warnings: its decision still awaiting the commune's recognition. */
export async function decisionWarnings(db: Db, decisionIds: (number | null | undefined)[]): Promise<Map<number, (typeof DECISION_NOT_RECOGNISED)[]>> {
  const ids = decisionIds.filter((d): d is number => typeof d === "number");
  const states = ids.length ? await recognisedOf(db, ids) : new Map();
  return new Map(ids.map((id) => [id, states.get(id) === "recognised" ? [] : [{ ...DECISION_NOT_RECOGNISED }]]));
}

/**
 * What `approved` rests on: for a resident-funded work, a passed decision record (422
 * decision_required, 404 decision, 422 decision_not_passed / decision_wrong_subject); otherwise that
 * record if named, else checkConsent. Returns the decision record, if any.
 */
export async function checkApproval(db: Db, work: { id: number; unitId: number; funding: { category: string }[] }, decisionId: number | undefined, decision: Decision | undefined, at: string): Promise<DecisionBasis | null> {
  if (decisionId !== undefined) return decisionForWork(db, work.unitId, decisionId);
  if (residentFunded(work.funding)) throw new RuleViolation("decision_required", {});
  await checkConsent(db, work.id, decision, at);
  return null;
}

export type Tally = { agree: number; disagree: number; abstain: number };
export const zeroTally = (): Tally => ({ agree: 0, disagree: 0, abstain: 0 });
/** More than half of the opinions given are "agree". */
export const inFavour = (t: Tally) => t.agree * 2 > t.agree + t.disagree + t.abstain;

/** Each consultation's tally, counting each household's latest opinion only. */
export async function tallyOf(db: Db, consultationIds: number[]): Promise<Map<number, Tally>> {
  const out = new Map<number, Tally>();
  if (!consultationIds.length) return out;
  for (const r of await q.tallies(db, consultationIds)) {
    const t = out.get(r.consultation_id) ?? zeroTally();
    t[r.choice as keyof Tally] = Number(r.n);
    out.set(r.consultation_id, t);
  }
  return out;
}

/** A hamlet meeting's decision on a work, as its minutes record it. */
export interface Decision {
  date: string;
  minutesRef: string;
  householdsTotal: number;
  householdsAgreeing: number;
}

/** A work is approved on residents' consent: a meeting decision, or a closed consultation in favour (422 otherwise). */
export async function checkConsent(db: Db, workId: number, decision: Decision | undefined, at: string) {
  if (decision) {
    if (decision.householdsAgreeing > decision.householdsTotal) throw new RuleViolation("decision_inconsistent", { ...decision });
    // A majority of ALL the households, exact in integers.
    if (decision.householdsAgreeing * 2 > decision.householdsTotal) return;
  }
  const closed = (await q.consultationsOf(db, workId)).filter((c) => c.closes_at <= at);
  if (closed.length) {
    const t = await tallyOf(db, closed.map((c) => c.id));
    if (closed.some((c) => inFavour(t.get(c.id) ?? zeroTally()))) return;
  }
  if (decision) throw new RuleViolation("decision_below_majority", { agreeing: decision.householdsAgreeing, total: decision.householdsTotal });
  throw new RuleViolation("consent_required", {});
}

import type { Db } from "../db/knex";
import { RuleViolation } from "../shared/errors";
import * as q from "./queries";

// Residents' consent to a work (law.md L10): a meeting decision with a majority of all households,
// or a closed consultation where more than half of the opinions given agree.

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

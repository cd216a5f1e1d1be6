import type { Db } from "../db/knex";
import { RuleViolation } from "../shared/errors";
import { addDays } from "../shared/dates";
import { dong, fromDb, ZERO, type Dong } from "../shared/money";
import { CHART, MONEY_ACCOUNTS } from "./chart";
import * as q from "./queries";
import type { AccountRow } from "./queries";
import type { CheckedEntry } from "./types";

// Payments and their approval (DESIGN §6): what an entry pays out, and no splitting of a payment
// into pieces under the threshold.

const isCash = (a: AccountRow) => MONEY_ACCOUNTS.includes(a.code) || (a.parent_code !== null && MONEY_ACCOUNTS.includes(a.parent_code));
// What a payment voucher pays for: a cost (an expense account) or an advance to a work's crew (141).
const isCost = (a: AccountRow) => a.type === "expense" || a.code === CHART.advances || a.parent_code === CHART.advances;

/**
 * Money an entry pays out of cash or bank (111, 112 and their sub-accounts) into costs or advances:
 * the smaller of the two sides, in đồng. The database computes the same (payments_approved trigger).
 */
export function paidOut(postings: { acc: AccountRow; dong: Dong }[]): Dong {
  let cost = ZERO;
  let cash = ZERO;
  for (const p of postings) {
    if (p.dong > 0n && isCost(p.acc)) cost = dong(cost + p.dong);
    else if (p.dong < 0n && isCash(p.acc)) cash = dong(cash - p.dong);
  }
  return cost < cash ? cost : cash;
}

/** Days a run of small payments to one work is summed over (DESIGN §6: no splitting around the threshold). */
export const SPLIT_WINDOW_DAYS = 30;

/**
 * Manual payments naming a work: together with the work's payments dated less than 30 days before
 * or after each one (a back-dated piece splits as well), they stay within the threshold, or the one that passes it is refused (split_payment: the
 * expenses route, where a head approves it, is the way). A manual entry names no payee, so every
 * payment on the work counts.
 */
export async function guardSplitPayments(trx: Db, unitId: number, resolved: CheckedEntry[], limit: Dong) {
  const named = resolved.map((r, i) => ({ i, workId: r.input.workId, date: r.input.date, paid: r.input.workId != null ? paidOut(r.postings) : ZERO })).filter((x) => x.paid > 0n);
  if (!named.length) return;
  const from = addDays(named.reduce((m, x) => (x.date < m ? x.date : m), named[0].date), -SPLIT_WINDOW_DAYS);
  const earlier = await q.workPaymentsSince(trx, unitId, [...new Set(named.map((x) => x.workId!))], from);
  const seen = earlier.map((r) => ({ workId: Number(r.work_id), date: r.entry_date, paid: fromDb(r.paid) }));
  for (const x of named) {
    const start = addDays(x.date, -SPLIT_WINDOW_DAYS);
    const end = addDays(x.date, SPLIT_WINDOW_DAYS);
    const before = seen.filter((s) => s.workId === x.workId && s.date > start && s.date < end).reduce((a, s) => dong(a + s.paid), ZERO);
    if (before + x.paid > limit) {
      throw new RuleViolation("split_payment", { workId: x.workId, amount: x.paid.toString(), within30Days: (before + x.paid).toString(), threshold: limit.toString(), entry: x.i });
    }
    seen.push({ workId: x.workId!, date: x.date, paid: x.paid });
  }
}

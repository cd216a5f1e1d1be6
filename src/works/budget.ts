import { isInKindAccount } from "../contributions";
import type { Db } from "../db/knex";
import { Actor, asSystem, authorize, STAFF } from "../identity";
import * as ledger from "../ledger";
import { dong, sum, ZERO, type Dong } from "../shared/money";
import { COST_CATEGORIES, SOURCES } from "./schemas";
import { loadWork, workIn, type CostCategory, type Source, type Work } from "./works";

// Budget vs actual: spent per cost category is the balance of the category's account in the ledger
// (reversals included), so it equals the ledger to the đồng; received per source is only what the
// ledger can tie to the work through a funding line's campaign.

export interface Budget {
  byCategory: { category: CostCategory; account: string; planned: Dong; spent: Dong; remaining: Dong; overspent: boolean }[];
  bySource: { source: Source; planned: Dong; received: Dong }[];
  totals: { planned: Dong; funded: Dong; received: Dong; spent: Dong; remaining: Dong; overspent: boolean };
}

/** Account closings of a unit at the end of time: the sums of every posting, straight from the ledger. */
export async function balances(db: Db, unitId: number): Promise<Map<string, Dong>> {
  const tb = await ledger.trialBalance(db, asSystem("a work's budget against the books"), unitId, "0001-01-01", "9999-12-31");
  return new Map(tb.rows.map((r) => [r.account, r.closing]));
}


export async function budgetOf(db: Db, w: Work, bal: Map<string, Dong>): Promise<Budget> {
  const byCategory = COST_CATEGORIES.map((category) => {
    const planned = sum(w.estimate.filter((l) => l.category === category).map((l) => l.amount));
    const account = w.accounts.find((a) => a.category === category)!.code;
    const spent = bal.get(account) ?? ZERO;
    return { category, account, planned, spent, remaining: dong(planned - spent), overspent: spent > planned };
  });
  const received = new Map<number, { cash: Dong; inKind: Dong }>();
  for (const id of new Set(w.funding.map((f) => f.campaignId).filter((x): x is number => x !== null))) {
    const sums = await ledger.campaignSums(db, w.unitId, id);
    received.set(id, {
      cash: sum(sums.filter((s) => ledger.MONEY_ACCOUNTS.includes(s.account)).map((s) => s.total)),
      inKind: sum(sums.filter((s) => isInKindAccount(s.account)).map((s) => s.total)),
    });
  }
  const bySource = SOURCES.filter((s) => w.funding.some((f) => f.category === s)).map((source) => {
    const lines = w.funding.filter((f) => f.category === source);
    const planned = sum(lines.map((l) => l.amount));
    // Only money the ledger can tie to the work: a campaign's receipts (community) or valued gifts (in_kind).
    const got = sum([...new Set(lines.map((l) => l.campaignId).filter((x): x is number => x !== null))].map((id) => {
      const r = received.get(id)!;
      return source === "in_kind" ? r.inKind : source === "community" ? r.cash : ZERO;
    }));
    return { source, planned, received: got };
  });
  const planned = sum(byCategory.map((c) => c.planned));
  const spent = sum(byCategory.map((c) => c.spent));
  return {
    byCategory,
    bySource,
    totals: {
      planned,
      funded: sum(w.funding.map((l) => l.amount)),
      received: sum(bySource.map((s) => s.received)),
      spent,
      remaining: dong(planned - spent),
      overspent: byCategory.some((c) => c.overspent),
    },
  };
}

/** Budget vs actual per cost category (spent = the work's expense accounts in the ledger) and per source. */
export async function workBudget(db: Db, actor: Actor, unitId: number, workId: number): Promise<Budget> {
  await authorize(db, actor, STAFF, unitId);
  const w = await loadWork(db, await workIn(db, unitId, workId));
  return budgetOf(db, w, await balances(db, unitId));
}

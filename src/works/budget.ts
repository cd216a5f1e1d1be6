import Decimal from "decimal.js";
import { isInKindAccount } from "../contributions";
import type { Db } from "../db/knex";
import { Actor, asSystem, authorize, STAFF } from "../identity";
import * as ledger from "../ledger";
import type { Dong } from "../shared/money";
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
  const zero = new Decimal(0);
  const byCategory = COST_CATEGORIES.map((category) => {
    const planned = w.estimate.filter((l) => l.category === category).reduce((a, l) => a.plus(l.amount), zero);
    const account = w.accounts.find((a) => a.category === category)!.code;
    const spent = bal.get(account) ?? zero;
    return { category, account, planned, spent, remaining: planned.minus(spent), overspent: spent.gt(planned) };
  });
  const received = new Map<number, { cash: Dong; inKind: Dong }>();
  for (const id of new Set(w.funding.map((f) => f.campaignId).filter((x): x is number => x !== null))) {
    const sums = await ledger.campaignSums(db, w.unitId, id);
    received.set(id, {
      cash: sums.filter((s) => ledger.MONEY_ACCOUNTS.includes(s.account)).reduce((a, s) => a.plus(s.total), zero),
      inKind: sums.filter((s) => isInKindAccount(s.account)).reduce((a, s) => a.plus(s.total), zero),
    });
  }
  const bySource = SOURCES.filter((s) => w.funding.some((f) => f.category === s)).map((source) => {
    const lines = w.funding.filter((f) => f.category === source);
    const planned = lines.reduce((a, l) => a.plus(l.amount), zero);
    // Only money the ledger can tie to the work: a campaign's receipts (community) or valued gifts (in_kind).
    const got = [...new Set(lines.map((l) => l.campaignId).filter((x): x is number => x !== null))].reduce((a, id) => {
      const r = received.get(id)!;
      return a.plus(source === "in_kind" ? r.inKind : source === "community" ? r.cash : zero);
    }, zero);
    return { source, planned, received: got };
  });
  const planned = byCategory.reduce((a, c) => a.plus(c.planned), zero);
  const spent = byCategory.reduce((a, c) => a.plus(c.spent), zero);
  return {
    byCategory,
    bySource,
    totals: {
      planned,
      funded: w.funding.reduce((a, l) => a.plus(l.amount), zero),
      received: bySource.reduce((a, s) => a.plus(s.received), zero),
      spent,
      remaining: planned.minus(spent),
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

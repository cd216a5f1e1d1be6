import { isInKindAccount } from "../contributions";
import type { Db } from "../db/knex";
import { Actor, asSystem, authorize, isSystem, STAFF, SystemReason } from "../identity";
import * as ledger from "../ledger";
import { allocate, dong, negate, sum, ZERO, type Dong } from "../shared/money";
import { COST_CATEGORIES, SOURCES } from "./schemas";
import { loadWork, workIn, type CostCategory, type Source, type Work } from "./works";
import * as q from "./queries";

// Budget vs actual: spent per cost category is the balance of the category's account in the ledger
// (reversals included), so it equals the ledger to the đồng. Raised per source is only what the
// ledger can tie to the work: a funding line's campaign's money, shared among the works it funds by
// their lines' amounts, and the other money its entries bring in, shared among its other lines. Of
// what was spent, what is still owed to suppliers (331 on the work's entries) is not paid:
// paid = spent - owed.

export interface Budget {
  byCategory: { category: CostCategory; account: string; planned: Dong; spent: Dong; remaining: Dong; overspent: boolean }[];
  bySource: { source: Source; planned: Dong; received: Dong }[];
  /** Per campaign and source (community: its cash and bank receipts; in_kind: its valued gifts), this work's share. */
  byCampaign: { campaignId: number; source: Source; planned: Dong; received: Dong }[];
  totals: {
    planned: Dong; funded: Dong; received: Dong; spent: Dong; remaining: Dong; overspent: boolean;
    /** Money out for the work: spent less what is owed. */
    paid: Dong;
    /** Phải trả người bán: payables of the work not yet paid. */
    owed: Dong;
    /** Raised less paid. */
    balance: Dong;
  };
}

/** A unit's books as a work's budget reads them: account closings, and what each work owes its suppliers. */
export interface UnitBooks {
  closings: Map<string, Dong>;
  owed: Map<number, Dong>;
}

/** Account closings of a unit at the end of time (the sums of every posting) and payables per work. */
export async function balances(db: Db, unitId: number): Promise<UnitBooks> {
  const tb = await ledger.trialBalance(db, asSystem("a work's budget against the books"), unitId, "0001-01-01", "9999-12-31");
  const owed = new Map<number, Dong>();
  const payables = await ledger.findAccount(db, unitId, ledger.CHART.payables);
  if (payables) {
    // 331 moves only for payables, so its entries are few: a voucher left payable credits it, paying it debits it
    const head = await ledger.chainHead(db, unitId);
    for await (const e of ledger.streamEntries(db, unitId, { throughSeq: head.seq, scope: { accountIds: [payables.id] } })) {
      if (e.workId === null || e.workId === undefined) continue;
      const moved = sum(e.postings.filter((p) => p.account === ledger.CHART.payables).map((p) => p.amount));
      owed.set(e.workId, dong((owed.get(e.workId) ?? ZERO) - moved));
    }
  }
  return { closings: new Map(tb.rows.map((r) => [r.account, r.closing])), owed };
}

const CAMPAIGN_SOURCES: Source[] = ["community", "in_kind"];

/**
 * This work's share of each campaign its funding lines name: the campaign's cash and bank receipts
 * (community) or valued gifts (in_kind), split among the works whose lines of that source name it,
 * by those lines' amounts, to the đồng (a cancelled work takes no share, unless it is this one).
 */
async function campaignShares(db: Db, w: Work): Promise<Budget["byCampaign"]> {
  const named = w.funding.filter((f) => f.campaignId !== null && CAMPAIGN_SOURCES.includes(f.category as Source));
  const ids = [...new Set(named.map((f) => f.campaignId!))];
  if (!ids.length) return [];
  const lines = await q.fundingOfCampaigns(db, w.unitId, ids);
  const out: Budget["byCampaign"] = [];
  for (const id of ids) {
    const sums = await ledger.campaignSums(db, w.unitId, id);
    const raised = {
      community: sum(sums.filter((s) => ledger.MONEY_ACCOUNTS.includes(s.account)).map((s) => s.total)),
      in_kind: sum(sums.filter((s) => isInKindAccount(s.account)).map((s) => s.total)),
    };
    for (const source of CAMPAIGN_SOURCES) {
      const mine = named.filter((f) => f.campaignId === id && f.category === source);
      if (!mine.length) continue;
      const planned = sum(mine.map((l) => l.amount));
      const byWork = new Map<number, Dong>([[w.id, planned]]);
      for (const l of lines) {
        if (l.campaign_id !== id || l.category !== source || l.work_id === w.id) continue;
        byWork.set(l.work_id, dong((byWork.get(l.work_id) ?? ZERO) + BigInt(l.amount)));
      }
      // weights are funding amounts (at most 15 digits, so exact as numbers); the parts add up to what was raised
      const works = [...byWork.keys()];
      const parts = allocate(raised[source as "community" | "in_kind"], works.map((k) => Number(byWork.get(k)!)));
      out.push({ campaignId: id, source, planned, received: parts[works.indexOf(w.id)] });
    }
  }
  return out;
}

/**
 * What the books tie to the work besides its campaigns (state, commune or sponsor money: an entry
 * naming the work and no campaign), shared among its funding lines without a campaign by their
 * amounts. Money came in for the work where such an entry credits anything but money, the work's
 * costs, advances and payables: its payments, transfers between cash and bank and the reversals of
 * either leave it unchanged.
 */
async function otherShares(db: Db, w: Work): Promise<Map<Source, Dong>> {
  const lines = w.funding.filter((f) => f.campaignId === null && f.category !== "in_kind");
  const out = new Map<Source, Dong>();
  if (!lines.length) return out;
  const own = new Set<string>([...ledger.MONEY_ACCOUNTS, ledger.CHART.advances, ledger.CHART.payables, ...w.accounts.map((a) => a.code)]);
  const sums = await ledger.workSums(db, w.unitId, w.id);
  const came = negate(sum(sums.filter((s) => !own.has(s.account) && !(s.parent !== null && own.has(s.parent))).map((s) => s.total)));
  // weights are funding amounts (at most 15 digits, so exact as numbers)
  const parts = allocate(came, lines.map((l) => Number(l.amount)));
  lines.forEach((l, i) => out.set(l.category as Source, dong((out.get(l.category as Source) ?? ZERO) + parts[i])));
  return out;
}

export async function budgetOf(db: Db, w: Work, books: UnitBooks): Promise<Budget> {
  const byCategory = COST_CATEGORIES.map((category) => {
    const planned = sum(w.estimate.filter((l) => l.category === category).map((l) => l.amount));
    const account = w.accounts.find((a) => a.category === category)!.code;
    const spent = books.closings.get(account) ?? ZERO;
    return { category, account, planned, spent, remaining: dong(planned - spent), overspent: spent > planned };
  });
  const byCampaign = await campaignShares(db, w);
  const others = await otherShares(db, w);
  const bySource = SOURCES.filter((s) => w.funding.some((f) => f.category === s)).map((source) => {
    const planned = sum(w.funding.filter((f) => f.category === source).map((l) => l.amount));
    const received = dong(sum(byCampaign.filter((c) => c.source === source).map((c) => c.received)) + (others.get(source) ?? ZERO));
    return { source, planned, received };
  });
  const planned = sum(byCategory.map((c) => c.planned));
  const spent = sum(byCategory.map((c) => c.spent));
  const received = sum(bySource.map((s) => s.received));
  const owed = books.owed.get(w.id) ?? ZERO;
  const paid = dong(spent - owed);
  return {
    byCategory,
    bySource,
    byCampaign,
    totals: {
      planned,
      funded: sum(w.funding.map((l) => l.amount)),
      received,
      spent,
      remaining: dong(planned - spent),
      overspent: byCategory.some((c) => c.overspent),
      paid,
      owed,
      balance: dong(received - paid),
    },
  };
}

/** Budget vs actual per cost category (spent = the work's expense accounts in the ledger) and per source. */
export async function workBudget(db: Db, who: Actor | SystemReason, unitId: number, workId: number): Promise<Budget> {
  if (!isSystem(who)) await authorize(db, who, STAFF, unitId);
  const w = await loadWork(db, await workIn(db, unitId, workId));
  return budgetOf(db, w, await balances(db, unitId));
}

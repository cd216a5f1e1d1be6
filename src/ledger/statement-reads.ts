import type { Db } from "../db/knex";
import { abs, dong, fromDb, negate, ZERO, Dong } from "../shared/money";
import { CHART } from "./chart";
import * as q from "./queries";
import { voucherNumbers } from "./lookups";
import { hydrate } from "./reads";
import type { Entry } from "./types";

// Reads for statements and public pages (publication, works): whole books streamed a page at a time
// up to a chain head, cash flows, the entries on a work's accounts.

export type EntryScope = q.EntryScope;

/**
 * Streams a unit's entries in chain order, a page at a time (memory stays bounded however long the
 * book): after `afterSeq` (default 0) up to `throughSeq` (a chain head the statement was made from),
 * optionally within dates and a scope (campaigns, accounts). Each entry with its postings and, when
 * it is a reversal, the voucher it reverses.
 */
export async function* streamEntries(
  db: Db,
  unitId: number,
  f: { from?: string; to?: string; afterSeq?: number; throughSeq: number; scope?: EntryScope; pageSize?: number },
): AsyncGenerator<Entry & { reversesVoucherNo: string | null }> {
  let after = f.afterSeq ?? 0;
  const size = f.pageSize ?? 1000;
  for (;;) {
    const rows = await q.entriesPage(db, unitId, { afterSeq: after, throughSeq: f.throughSeq, from: f.from, to: f.to, scope: f.scope }, size);
    if (!rows.length) return;
    const reversed = rows.filter((r) => r.reverses_id !== null).map((r) => Number(r.reverses_id));
    const vouchers = new Map((await voucherNumbers(db, reversed)).map((v) => [v.id, v.voucherNo]));
    for (const e of await hydrate(db, rows)) yield { ...e, reversesVoucherNo: e.reverses === null ? null : vouchers.get(Number(e.reverses)) ?? null };
    after = Number(rows[rows.length - 1].seq);
    if (rows.length < size) return;
  }
}

/** A line of receipts or payments: money in (or out) for one account, campaign and work, net of its corrections. */
export interface CashLine {
  account: string;
  name: string;
  /** The account's type (a fund is `net_assets`). */
  type: string;
  campaignId: number | null;
  workId: number | null;
  /** What came in (a receipt line) or went out (a payment line), after the reversals that correct it. */
  amount: Dong;
  /** How many reversals in the period corrected this line. */
  corrections: number;
}

export interface CashFlows {
  opening: Dong;
  /** The opening balance in cash (111) and in the bank (112). */
  openingCash: Dong;
  openingBank: Dong;
  closing: Dong;
  receipts: CashLine[];
  payments: CashLine[];
  /** At the period's end: pledges not yet paid, per campaign (memo, not money held). */
  pledges: { campaignId: number | null; amount: Dong }[];
  /** At the period's end: owed to suppliers, per work (memo: the closing balance is not all free). */
  payables: { workId: number | null; amount: Dong }[];
}

/**
 * Receipts and payments of a unit's cash (111, 112) for a period, as of a chain head: opening +
 * receipts - payments = closing. Each line is the net of the other postings of the entries that moved
 * cash, per account, campaign and work; a reversal reduces the line of what it reverses (a receipt's
 * reversal is a smaller receipt, never a payment) and is counted there. A scope limits it to a fund's entries.
 */
export async function cashFlows(db: Db, unitId: number, from: string, to: string, throughSeq: number, scope?: EntryScope): Promise<CashFlows> {
  const r = await q.cashFlows(db, unitId, from, to, throughSeq, scope);
  const openingOf = (code: string) => fromDb(r.opening.find((x) => x.code === code)?.total ?? null);
  const openingCash = openingOf(CHART.cash);
  const openingBank = openingOf(CHART.bank);
  const opening = dong(openingCash + openingBank);
  const lines = new Map<string, CashLine & { receipt: boolean }>();
  for (const x of r.rows) {
    const net = fromDb(x.net);
    const reversal = Number(x.reversal) === 1;
    // money came in when the other side was credited; a reversal undoes the side it reverses
    const receipt = reversal ? net > 0n : net < 0n;
    const amount = dong(reversal ? -abs(net) : abs(net));
    const campaignId = x.campaign_id === null ? null : Number(x.campaign_id);
    const workId = x.work_id === null ? null : Number(x.work_id);
    const key = `${receipt ? "in" : "out"}|${x.code}|${campaignId}|${workId}`;
    const line = lines.get(key) ?? { account: x.code, name: x.name, type: x.type, campaignId, workId, amount: ZERO, corrections: 0, receipt };
    line.amount = dong(line.amount + amount);
    if (reversal) line.corrections += Number(x.entries);
    lines.set(key, line);
  }
  const all = [...lines.values()].filter((l) => l.amount !== 0n || l.corrections > 0);
  const strip = ({ receipt: _receipt, ...l }: CashLine & { receipt: boolean }): CashLine => l;
  const pledges = (await q.balancesBy(db, unitId, CHART.pledges, "campaign_id", to, throughSeq, scope))
    .map((b) => ({ campaignId: b.id === null ? null : Number(b.id), amount: fromDb(b.total) }))
    .filter((b) => b.amount > 0n);
  const payables = (await q.balancesBy(db, unitId, CHART.payables, "work_id", to, throughSeq, scope))
    .map((b) => ({ workId: b.id === null ? null : Number(b.id), amount: negate(fromDb(b.total)) }))
    .filter((b) => b.amount > 0n);
  return {
    opening,
    openingCash,
    openingBank,
    closing: dong(opening + fromDb(r.period)),
    receipts: all.filter((l) => l.receipt).map(strip),
    payments: all.filter((l) => !l.receipt).map(strip),
    pledges,
    payables,
  };
}

/** Entries a unit posted after `seq`: how stale a statement made at that chain head is. */
export async function countEntriesAfter(db: Db, unitId: number, seq: number): Promise<number> {
  return q.countEntriesAfter(db, unitId, seq);
}

export interface AccountEntry {
  id: number;
  date: string;
  voucherNo: string;
  kind: string;
  description: string;
  /** The entry's net on the accounts asked for (a reversal's is negative). */
  amount: Dong;
  accountId: number;
}

/**
 * A page of the entries on some accounts (a work's expense accounts), newest first, with how many
 * there are: what a work's public page lists is what its `spent` sums, from the same postings.
 */
export async function entriesOnAccounts(db: Db, unitId: number, accountIds: number[], limit: number, after?: { date: string; id: number }): Promise<{ rows: AccountEntry[]; total: number }> {
  if (!accountIds.length) return { rows: [], total: 0 };
  const rows = await q.entriesOnAccountsPage(db, unitId, accountIds, limit, after);
  const total = await q.countEntriesOnAccounts(db, unitId, accountIds);
  return {
    rows: rows.map((r) => ({ id: Number(r.id), date: r.entry_date, voucherNo: r.voucher_no, kind: r.kind, description: r.description, amount: fromDb(r.amount), accountId: Number(r.account_id) })),
    total,
  };
}

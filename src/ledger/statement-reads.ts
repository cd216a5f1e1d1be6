import type { Db } from "../db/knex";
import { dong, fromDb, negate, Dong } from "../shared/money";
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

export interface CashFlows {
  opening: Dong;
  closing: Dong;
  receipts: { account: string; name: string; amount: Dong }[];
  payments: { account: string; name: string; amount: Dong }[];
}

/**
 * Receipts and payments of a unit's cash (111, 112) for a period, net per counter-account, as of a
 * chain head: opening + receipts - payments = closing. A scope limits it to a fund's entries.
 */
export async function cashFlows(db: Db, unitId: number, from: string, to: string, throughSeq: number, scope?: EntryScope): Promise<CashFlows> {
  const r = await q.cashFlows(db, unitId, from, to, throughSeq, scope);
  const opening = fromDb(r.opening);
  const nets = r.rows.map((x) => ({ account: x.code, name: x.name, net: fromDb(x.net) }));
  const receipts = nets.filter((x) => x.net < 0n).map((x) => ({ account: x.account, name: x.name, amount: negate(x.net) }));
  const payments = nets.filter((x) => x.net >= 0n).map((x) => ({ account: x.account, name: x.name, amount: x.net }));
  return { opening, closing: dong(opening + fromDb(r.period)), receipts, payments };
}

/** Entries a unit posted after `seq`: how stale a statement made at that chain head is. */
export async function countEntriesAfter(db: Db, unitId: number, seq: number): Promise<number> {
  return q.countEntriesAfter(db, unitId, seq);
}

export interface JournalLine {
  seq: number;
  date: string;
  voucherNo: string;
  kind: string;
  description: string;
  reversesVoucherNo: string | null;
  postings: { account: string; amount: Dong }[];
}

/**
 * The journal (sổ nhật ký) of a unit in chain order, up to a chain head, within dates: a lighter read
 * than streamEntries for long statements (one query per window of seq, no hashes or authors).
 */
export async function* streamJournal(db: Db, unitId: number, f: { from?: string; to?: string; throughSeq: number; window?: number }): AsyncGenerator<JournalLine> {
  const window = f.window ?? 5000;
  for (let after = 0; after < f.throughSeq; after += window) {
    const rows = await q.journalWindow(db, unitId, after, Math.min(after + window, f.throughSeq), f.from, f.to);
    let cur: JournalLine | undefined;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (!cur || cur.seq !== seq) {
        if (cur) yield cur;
        cur = { seq, date: r.entry_date, voucherNo: r.voucher_no, kind: r.kind, description: r.description, reversesVoucherNo: r.reverses_voucher_no, postings: [] };
      }
      cur.postings.push({ account: r.code, amount: fromDb(r.amount) });
    }
    if (cur) yield cur;
  }
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

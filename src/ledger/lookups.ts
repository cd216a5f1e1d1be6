import type { Db } from "../db/knex";
import { fromDb, Dong } from "../shared/money";
import * as q from "./queries";
import { hydrate } from "./reads";
import type { Entry } from "./types";

// Reads other modules make of the ledger (no actor: they authorize their own callers): sums per
// household and campaign, entries by id, voucher numbers.

export interface AccountSum {
  householdId: number | null;
  campaignId?: number | null;
  account: string;
  total: Dong;
}

/** Sums per household and account code of the entries concerning a campaign (contributions' views). */
export async function campaignSums(db: Db, unitId: number, campaignId: number, householdId?: number): Promise<AccountSum[]> {
  return (await q.campaignSums(db, unitId, campaignId, householdId)).map((r) => ({ householdId: r.household_id, account: r.code, total: fromDb(r.total) }));
}

/** Sums per account code (with its parent's) of the entries naming a work and no campaign. */
export async function workSums(db: Db, unitId: number, workId: number): Promise<{ account: string; parent: string | null; total: Dong }[]> {
  return (await q.workSums(db, unitId, workId)).map((r) => ({ account: r.code, parent: r.parent_code, total: fromDb(r.total) }));
}

/** Sums per campaign and account code of one household's entries, in every unit (its history). */
export async function householdSums(db: Db, householdId: number): Promise<AccountSum[]> {
  return (await q.householdSums(db, householdId)).map((r) => ({ householdId, campaignId: r.campaign_id, account: r.code, total: fromDb(r.total) }));
}

/** Entries by id, with postings and whether they were reversed (for receipts and histories). */
export async function entriesByIds(db: Db, unitId: number | undefined, ids: number[]): Promise<Entry[]> {
  if (!ids.length) return [];
  const rows = await q.entriesWithIds(db, unitId, ids);
  const reversed = await q.reversalsOf(db, ids);
  const by = new Map(reversed.map((r) => [Number(r.reverses_id), Number(r.id)]));
  return (await hydrate(db, rows)).map((e) => ({ ...e, reversedBy: by.get(e.id) ?? null }));
}

/** Which of these entries have been reversed. */
export async function reversedAmong(db: Db, entryIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < entryIds.length; i += 5000) {
    const rows = await q.reversalsOf(db, entryIds.slice(i, i + 5000));
    for (const r of rows) out.add(Number(r.reverses_id));
  }
  return out;
}

/** Voucher numbers of entries (lists and statements show them). */
export async function voucherNumbers(db: Db, ids: number[]): Promise<{ id: number; voucherNo: string }[]> {
  const out: { id: number; voucherNo: string }[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await q.voucherNosOf(db, ids.slice(i, i + 5000));
    for (const r of rows) out.push({ id: Number(r.id), voucherNo: r.voucher_no });
  }
  return out;
}

/** One entry of a unit with its postings and whether it was reversed (undefined when none). */
export async function findEntry(db: Db, unitId: number, entryId: number): Promise<Entry | undefined> {
  const [e] = await entriesByIds(db, unitId, [entryId]);
  return e;
}

/** Per household of a campaign, received (111 + 112) and still pledged (131). */
export async function campaignHouseholdTotals(db: Db, unitId: number, campaignId: number): Promise<{ householdId: number | null; cash: Dong; receivable: Dong }[]> {
  return (await q.campaignHouseholdTotals(db, unitId, campaignId)).map((r) => ({ householdId: r.household_id, cash: fromDb(r.cash), receivable: fromDb(r.receivable) }));
}

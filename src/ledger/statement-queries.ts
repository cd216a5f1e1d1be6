import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { dialectOf } from "../db/knex";
import { CHART, MONEY_ACCOUNTS } from "./chart";
import { exact } from "./rows";
import type { EntryRow } from "./rows";

// Sums per household and campaign, statements' streams and cash flows, the chain's reads (verify,
// anchors), a work's entries: reads for other modules and for verification.

/** Per household and account: the sum of postings of entries that concern a campaign. */
export function campaignSums(db: Db, unitId: number, campaignId: number, householdId?: number): Promise<{ household_id: number | null; code: string; total: string }[]> {
  const q = db("postings")
    .join("entries", "entries.id", "postings.entry_id")
    .join("accounts", "accounts.id", "postings.account_id")
    .select("entries.household_id", "accounts.code", exact(db, "SUM(postings.amount)", "total"))
    .where("entries.unit_id", unitId)
    .where("entries.campaign_id", campaignId)
    .groupBy("entries.household_id", "accounts.code");
  if (householdId !== undefined) q.where("entries.household_id", householdId);
  return q;
}

/** Per account: the sums of the entries naming a work and no campaign (what the books tie to the work besides its campaigns). */
export function workSums(db: Db, unitId: number, workId: number): Promise<{ code: string; parent_code: string | null; total: string }[]> {
  return db("postings")
    .join("entries", "entries.id", "postings.entry_id")
    .join("accounts", "accounts.id", "postings.account_id")
    .select("accounts.code", "accounts.parent_code", exact(db, "SUM(postings.amount)", "total"))
    .where("entries.unit_id", unitId)
    .where("entries.work_id", workId)
    .whereNull("entries.campaign_id")
    .groupBy("accounts.code", "accounts.parent_code");
}

/** Per campaign and account: the sums of one household's entries (its history). */
export function householdSums(db: Db, householdId: number): Promise<{ campaign_id: number | null; code: string; total: string }[]> {
  return db("postings")
    .join("entries", "entries.id", "postings.entry_id")
    .join("accounts", "accounts.id", "postings.account_id")
    .select("entries.campaign_id", "accounts.code", exact(db, "SUM(postings.amount)", "total"))
    .where("entries.household_id", householdId)
    .groupBy("entries.campaign_id", "accounts.code");
}

export interface EntryScope {
  /** Only entries concerning these campaigns or works, or posting to one of these accounts (a fund's books). */
  campaignIds?: number[];
  accountIds?: number[];
  workIds?: number[];
}

function inScope(db: Db, unitId: number, scope: EntryScope | undefined) {
  return (w: Knex.QueryBuilder) => {
    const campaigns = scope?.campaignIds ?? [];
    const accounts = scope?.accountIds ?? [];
    const works = scope?.workIds ?? [];
    if (campaigns.length) w.orWhereIn("entries.campaign_id", campaigns);
    if (works.length) w.orWhereIn("entries.work_id", works);
    if (accounts.length) w.orWhereIn("entries.id", db("postings").select("entry_id").where("unit_id", unitId).whereIn("account_id", accounts));
    if (!campaigns.length && !accounts.length && !works.length) w.whereRaw("1 = 0");
  };
}

/** A page of a unit's entries in chain order: after `afterSeq`, up to `throughSeq`, by date and scope. */
export function entriesPage(
  db: Db,
  unitId: number,
  f: { afterSeq: number; throughSeq: number; from?: string; to?: string; scope?: EntryScope },
  limit: number,
) {
  const q = db<EntryRow>("entries")
    .select("entries.*")
    .where("entries.unit_id", unitId)
    .where("entries.seq", ">", f.afterSeq)
    .where("entries.seq", "<=", f.throughSeq)
    .orderBy("entries.seq")
    .limit(limit);
  if (f.from) q.where("entries.entry_date", ">=", f.from);
  if (f.to) q.where("entries.entry_date", "<=", f.to);
  if (f.scope) q.where(inScope(db, unitId, f.scope));
  return q;
}

/**
 * Cash (111, 112) of a unit as a statement of receipts and payments: each money account's balance
 * before `from`, the cash movement in the period, and, of the entries in the period that move cash,
 * the net of their other postings per account, campaign, work and whether the entry is a reversal
 * (with how many entries: a reversal is counted on the line it corrects). Opening + receipts -
 * payments is the closing cash, because every entry balances. Only postings up to `throughSeq` count.
 */
export async function cashFlows(db: Db, unitId: number, from: string, to: string, throughSeq: number, scope?: EntryScope) {
  const cash = db("accounts").select("id").where("unit_id", unitId).whereIn("code", MONEY_ACCOUNTS);
  const scoped = <T extends Knex.QueryBuilder>(q: T): T => (scope ? q.whereIn("postings.entry_id", db("entries").select("id").where("unit_id", unitId).where(inScope(db, unitId, scope))) as T : q);
  const opening = await scoped(
    db("postings").join("accounts", "accounts.id", "postings.account_id").select("accounts.code", exact(db, "SUM(postings.amount)", "total"))
      .where("postings.unit_id", unitId).whereIn("postings.account_id", cash).where("postings.entry_date", "<", from).where("postings.seq", "<=", throughSeq)
      .groupBy("accounts.code"),
  );
  const period = await scoped(
    db("postings").select(exact(db, "SUM(postings.amount)", "total")).where("postings.unit_id", unitId).whereIn("postings.account_id", cash)
      .where("postings.entry_date", ">=", from).where("postings.entry_date", "<=", to).where("postings.seq", "<=", throughSeq),
  ).first();
  const movingCash = db("postings").select("entry_id").where("unit_id", unitId).whereIn("account_id", cash)
    .where("entry_date", ">=", from).where("entry_date", "<=", to).where("seq", "<=", throughSeq);
  const reversal = "CASE WHEN entries.kind = 'reversal' THEN 1 ELSE 0 END";
  const rows = await scoped(
    db("postings")
      .join("accounts", "accounts.id", "postings.account_id")
      .join("entries", "entries.id", "postings.entry_id")
      .select("accounts.code", "accounts.name", "accounts.type", "entries.campaign_id", "entries.work_id", db.raw(`${reversal} AS reversal`))
      .select(exact(db, "SUM(postings.amount)", "net"))
      .countDistinct({ entries: "postings.entry_id" })
      .where("postings.unit_id", unitId)
      .whereNotIn("postings.account_id", cash)
      .whereIn("postings.entry_id", movingCash)
      .groupBy("accounts.code", "accounts.name", "accounts.type", "entries.campaign_id", "entries.work_id")
      .groupByRaw(reversal)
      .orderBy("accounts.code"),
  );
  return {
    opening: opening as { code: string; total: number | string | null }[],
    period: period?.total as number | string | null,
    rows: rows as { code: string; name: string; type: string; campaign_id: number | string | null; work_id: number | string | null; reversal: number | string; net: number | string; entries: number | string }[],
  };
}

/**
 * The balance of one fixed account (pledges, payables) at the end of `to` up to a chain head, per
 * campaign or work of the entries that posted it: the memo lines under receipts and payments.
 */
export async function balancesBy(db: Db, unitId: number, code: string, by: "campaign_id" | "work_id", to: string, throughSeq: number, scope?: EntryScope) {
  const account = db("accounts").select("id").where("unit_id", unitId).where("code", code);
  const q = db("postings")
    .join("entries", "entries.id", "postings.entry_id")
    .select(`entries.${by} as id`, exact(db, "SUM(postings.amount)", "total"))
    .where("postings.unit_id", unitId)
    .whereIn("postings.account_id", account)
    .where("postings.entry_date", "<=", to)
    .where("postings.seq", "<=", throughSeq)
    .groupBy(`entries.${by}`)
    .orderBy(`entries.${by}`);
  if (scope) q.whereIn("postings.entry_id", db("entries").select("id").where("unit_id", unitId).where(inScope(db, unitId, scope)));
  return q as unknown as Promise<{ id: number | string | null; total: number | string }[]>;
}

/** How many entries a unit has after `seq` (a stale statement's newer entries). */
export async function countEntriesAfter(db: Db, unitId: number, seq: number): Promise<number> {
  const r = await db("entries").count({ n: "*" }).where("unit_id", unitId).where("seq", ">", seq).first();
  return Number(r?.n ?? 0);
}

/**
 * Per household of a campaign: money received (111 + 112) and pledged-but-unpaid (131), one row
 * each, as the entries trigger keeps them (migration 20251204000200).
 */
export function campaignHouseholdTotals(db: Db, unitId: number, campaignId: number): Promise<{ household_id: number | null; cash: string; receivable: string }[]> {
  return db("campaign_household_totals")
    .select("household_id", exact(db, "cash", "cash"), exact(db, "receivable", "receivable"))
    .where({ campaign_id: campaignId, unit_id: unitId });
}

export interface ChainPostingRow {
  entry_id: number | string;
  account_id: number;
  amount: number | string;
  memo: string | null;
  entry_date: string;
  seq: number | string;
}

/** Postings of a unit's entries whose ids lie in [fromId, toId], in posting order (a range scan, not an IN list). */
export function postingsInIdRange(db: Db, unitId: number, fromId: number, toId: number): Promise<ChainPostingRow[]> {
  return db("postings")
    .select("entry_id", "account_id", "amount", "memo", "entry_date", "seq")
    .where("unit_id", unitId)
    .whereBetween("entry_id", [fromId, toId])
    .orderBy("id");
}

/**
 * Per entry naming one of `workIds` on or after `from`: what it paid out of cash or bank (111, 112
 * and their sub-accounts) into costs or advances (expense accounts, 141), the smaller of the two.
 */
export async function workPaymentsSince(db: Db, unitId: number, workIds: number[], from: string): Promise<{ work_id: number; entry_date: string; paid: string }[]> {
  const rows = await db("entries as e")
    .join("postings as p", "p.entry_id", "e.id")
    .join("accounts as a", "a.id", "p.account_id")
    .where("e.unit_id", unitId)
    .whereIn("e.work_id", workIds)
    .where("e.entry_date", ">=", from)
    .groupBy("e.id", "e.work_id", "e.entry_date")
    .select(
      "e.work_id",
      "e.entry_date",
      db.raw("SUM(CASE WHEN p.amount > 0 AND (a.type = 'expense' OR a.code = ? OR a.parent_code = ?) THEN p.amount ELSE 0 END) AS cost", [CHART.advances, CHART.advances]),
      db.raw("SUM(CASE WHEN p.amount < 0 AND (a.code IN (?, ?) OR a.parent_code IN (?, ?)) THEN -p.amount ELSE 0 END) AS cash", [...MONEY_ACCOUNTS, ...MONEY_ACCOUNTS]),
    );
  return (rows as { work_id: number | string; entry_date: string; cost: string | number; cash: string | number }[]).map((r) => {
    const cost = BigInt(String(r.cost));
    const cash = BigInt(String(r.cash));
    return { work_id: Number(r.work_id), entry_date: r.entry_date, paid: String(cost < cash ? cost : cash) };
  });
}

/** The hash of the unit's entry at `seq` (undefined when there is none). */
export async function hashAt(db: Db, unitId: number, seq: number): Promise<string | undefined> {
  const r = await db<EntryRow>("entries").select("hash").where({ unit_id: unitId, seq }).first();
  return r?.hash;
}

export function headWithTime(db: Db, unitId: number): Promise<Pick<EntryRow, "seq" | "hash" | "created_at"> | undefined> {
  return db<EntryRow>("entries").select("seq", "hash", "created_at").where({ unit_id: unitId }).orderBy("seq", "desc").first();
}

/** Closings' chain heads as anchors ("<seq>:<hash>"). */
export async function closingHeads(db: Db, unitId: number): Promise<{ id: number; chainHead: string }[]> {
  const rows = await db("closings").select("id", "chain_seq", "chain_hash").where({ unit_id: unitId });
  return rows.map((r: { id: number; chain_seq: number | string; chain_hash: string }) => ({ id: r.id, chainHead: `${Number(r.chain_seq)}:${r.chain_hash}` }));
}

/**
 * Entries with postings on any of `accountIds` (a work's expense accounts), newest first by
 * (entry_date, id), after a cursor: limit + 1 rows. `amount` is the entry's net on those accounts,
 * `account_id` the first of them it touches. Seeks on postings_account_date.
 */
export function entriesOnAccountsPage(db: Db, unitId: number, accountIds: number[], limit: number, after?: { date: string; id: number }) {
  const q = db("postings as p")
    .join("entries as e", "e.id", "p.entry_id")
    .where("p.unit_id", unitId)
    .whereIn("p.account_id", accountIds)
    .groupBy("e.id", "e.entry_date", "e.voucher_no", "e.kind", "e.description")
    .select("e.id", "e.entry_date", "e.voucher_no", "e.kind", "e.description", exact(db, "SUM(p.amount)", "amount"), db.raw("MIN(p.account_id) AS account_id"))
    .orderBy("e.entry_date", "desc")
    .orderBy("e.id", "desc")
    .limit(limit + 1);
  if (after) q.where((w) => w.where("p.entry_date", "<", after.date).orWhere((x) => x.where("p.entry_date", after.date).where("p.entry_id", "<", after.id)));
  return q as unknown as Promise<{ id: number | string; entry_date: string; voucher_no: string; kind: string; description: string; amount: string | number; account_id: number }[]>;
}

export async function countEntriesOnAccounts(db: Db, unitId: number, accountIds: number[]): Promise<number> {
  const r = await db("postings").where("unit_id", unitId).whereIn("account_id", accountIds).countDistinct({ n: "entry_id" }).first();
  return Number(r?.n ?? 0);
}

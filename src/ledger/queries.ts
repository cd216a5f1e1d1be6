import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { dialectOf, insertRows, prepareRows } from "../db/knex";
import { exact } from "./rows";
import type { AccountRow, ClosingRow, EntryRow, RegisterPostingRow, TrialSumRow } from "./rows";

// knex on the tables the ledger owns: accounts, entries, postings, account_days, closings. Same SQL
// on both engines; rows in, rows out. This file: accounts, what a post reads and writes, the reads of
// the ledger's own routes; statement-queries.ts: sums and streams for other modules, the chain's reads.
export * from "./rows";
export * from "./statement-queries";

/** Serialises ledger writes of one unit on PostgreSQL (SQLite already has one writer at a time). */
export async function lockUnitBooks(db: Db, unitId: number): Promise<void> {
  if (dialectOf(db) === "postgres") await db.raw("SELECT pg_advisory_xact_lock(?, ?)", [4242, unitId]);
}

export const templateAccounts = (db: Db, template: string) => db("account_templates").where({ template }).orderBy("code");
export const listAccounts = (db: Db, unitId: number) => db<AccountRow>("accounts").where({ unit_id: unitId }).orderBy("code");
export const findAccount = (db: Db, unitId: number, code: string) => db<AccountRow>("accounts").where({ unit_id: unitId, code }).first();
export const accountsByCodes = (db: Db, unitId: number, codes: string[]) =>
  db<AccountRow>("accounts").where({ unit_id: unitId }).whereIn("code", codes);
export const accountsByIds = (db: Db, ids: number[]) => db<AccountRow>("accounts").whereIn("id", ids);
export async function insertAccounts(db: Db, rows: Omit<AccountRow, "id">[]) {
  return db("accounts").insert(rows).returning("id");
}
export const updateAccount = (db: Db, id: number, patch: Partial<AccountRow>) => db("accounts").where({ id }).update(patch);
export const accountById = (db: Db, id: number) => db<AccountRow>("accounts").where({ id }).first();

export async function head(db: Db, unitId: number): Promise<{ seq: number; hash: string } | undefined> {
  const r = await db<EntryRow>("entries").select("seq", "hash").where({ unit_id: unitId }).orderBy("seq", "desc").first();
  return r ? { seq: Number(r.seq), hash: r.hash } : undefined;
}

export async function lastClosed(db: Db, unitId: number): Promise<string | null> {
  const r = await db("closings").max({ through: "through" }).where({ unit_id: unitId }).first();
  return (r?.through as string | null) ?? null;
}

/**
 * What a post checks against, in one round trip (the caller holds the unit's lock): the last closed
 * date, the chain head, and the last voucher number of each series and year asked for.
 */
export async function bookState(
  db: Db,
  unitId: number,
  vouchers: { series: string; year: number }[],
): Promise<{ closed: string | null; head: { seq: number; hash: string } | undefined; lastVoucher: Map<string, number>; maxEntryId?: number }> {
  const cols = [
    "(SELECT MAX(c.through) FROM closings c WHERE c.unit_id = ?) AS closed",
    // Both from the row with the highest seq: the unique (unit_id, seq) index, read backwards.
    "(SELECT e.seq FROM entries e WHERE e.unit_id = ? ORDER BY e.seq DESC LIMIT 1) AS head_seq",
    "(SELECT e.hash FROM entries e WHERE e.unit_id = ? ORDER BY e.seq DESC LIMIT 1) AS head_hash",
  ];
  const bindings: Knex.RawBinding[] = [unitId, unitId, unitId];
  // SQLite: the highest entry id too (ids are MAX + 1 there, under the write lock), saving a statement.
  const sqlite = dialectOf(db) === "sqlite";
  if (sqlite) cols.push("(SELECT MAX(e.id) FROM entries e) AS max_id");
  vouchers.forEach((v, i) => {
    cols.push(`(SELECT MAX(e.voucher_number) FROM entries e WHERE e.unit_id = ? AND e.voucher_series = ? AND e.voucher_year = ?) AS v${i}`);
    bindings.push(unitId, v.series, v.year);
  });
  const raw = await db.raw(`SELECT ${cols.join(", ")}`, bindings);
  const r = (dialectOf(db) === "postgres" ? raw.rows[0] : raw[0]) as Record<string, unknown>;
  const lastVoucher = new Map<string, number>();
  vouchers.forEach((v, i) => lastVoucher.set(`${v.series}-${v.year}`, Number(r[`v${i}`] ?? 0)));
  return {
    closed: (r.closed as string | null) ?? null,
    head: r.head_seq === null || r.head_seq === undefined ? undefined : { seq: Number(r.head_seq), hash: r.head_hash as string },
    lastVoucher,
    maxEntryId: sqlite ? Number(r.max_id ?? 0) : undefined,
  };
}

/** Accounts by code in one unit and by id (any unit: the caller checks), in one query. */
export function accountsByCodesOrIds(db: Db, unitId: number, codes: string[], ids: number[]) {
  return db<AccountRow>("accounts").where((w) => {
    if (codes.length) w.orWhere((x) => x.where("unit_id", unitId).whereIn("code", codes));
    if (ids.length) w.orWhereIn("id", ids);
  });
}

export async function lastVoucherNumber(db: Db, unitId: number, series: string, year: number): Promise<number> {
  const r = await db("entries").max({ n: "voucher_number" }).where({ unit_id: unitId, voucher_series: series, voucher_year: year }).first();
  return Number(r?.n ?? 0);
}

/** `n` fresh entry ids: the posting rows need them before their entry exists. */
export async function nextEntryIds(db: Db, n: number, maxEntryId?: number): Promise<number[]> {
  if (dialectOf(db) === "postgres") {
    const r = await db.raw("SELECT nextval(pg_get_serial_sequence('entries', 'id')) AS id FROM generate_series(1, ?)", [n]);
    return r.rows.map((x: { id: string }) => Number(x.id));
  }
  const start = (maxEntryId ?? Number((await db("entries").max({ m: "id" }).first())?.m ?? 0)) + 1;
  return Array.from({ length: n }, (_, i) => start + i);
}

/**
 * daysFrom for the no-overdraft accounts among these (by code in the unit, or by id), found in the
 * same statements: the overdraft guard's reads can then go with the first ones, before the accounts
 * themselves are known.
 */
export function overdraftDays(db: Db, unitId: number, codes: string[], ids: number[], date: string) {
  const watched = db("accounts")
    .select("id")
    .where("no_overdraft", true)
    .andWhere((w) => {
      if (codes.length) w.orWhere((x) => x.where("unit_id", unitId).whereIn("code", codes));
      if (ids.length) w.orWhereIn("id", ids);
    });
  return daysFrom(db, watched, date);
}

/** Balance before `date` and the day-by-day movements from `date` on, for the overdraft guard. */
export async function daysFrom(db: Db, accountIds: number[] | Knex.QueryBuilder, date: string) {
  // One after the other: inside a transaction both would share one connection anyway, and a second
  // query sent while the first runs is what pg deprecates (and pg@9 refuses).
  const before = await db("account_days")
    .select("account_id", exact(db, "SUM(debit + credit)", "bal"))
    .whereIn("account_id", accountIds)
    .where("entry_date", "<", date)
    .groupBy("account_id");
  const days = await db("account_days")
    .select("account_id", "entry_date", exact(db, "debit + credit", "delta"))
    .whereIn("account_id", accountIds)
    .where("entry_date", ">=", date)
    .orderBy(["account_id", "entry_date"]);
  return { before: before as { account_id: number; bal: number | string }[], days: days as { account_id: number; entry_date: string; delta: number | string }[] };
}

// Rows as arrays, in these columns' order (a batch builds thousands of them).
export const POSTING_COLUMNS = ["entry_id", "unit_id", "account_id", "amount", "memo", "entry_date", "seq"] as const;
export const ENTRY_COLUMNS = [
  "id", "unit_id", "seq", "voucher_series", "voucher_year", "voucher_number", "voucher_no", "entry_date", "kind", "description",
  "household_id", "campaign_id", "work_id", "reverses_id", "created_by", "created_by_name", "created_at", "prev_hash", "hash",
  "hash_version", "payee",
] as const;
export const insertPostings = (db: Db, rows: unknown[][]) => insertRows(db, "postings", POSTING_COLUMNS, rows);
export const prepareEntries = (db: Db, rows: unknown[][]) => prepareRows(db, "entries", ENTRY_COLUMNS, rows);

export const findEntry = (db: Db, unitId: number, id: number) => db<EntryRow>("entries").where({ unit_id: unitId, id }).first();
export const reversalOf = (db: Db, id: number) => db<EntryRow>("entries").where({ reverses_id: id }).first();
export const entriesWithIds = (db: Db, unitId: number | undefined, ids: number[]) =>
  db<EntryRow>("entries").whereIn("id", ids).modify((b) => (unitId !== undefined ? b.where("unit_id", unitId) : b));
export const reversalsOf = (db: Db, ids: number[]) => db<EntryRow>("entries").select("id", "reverses_id").whereIn("reverses_id", ids);
export const voucherNosOf = (db: Db, ids: number[]) => db<EntryRow>("entries").select("id", "voucher_no").whereIn("id", ids);

/** Postings of these entries with their account codes, in posting order. */
export function postingsOf(db: Db, entryIds: (number | string)[]) {
  return db("postings")
    .join("accounts", "accounts.id", "postings.account_id")
    .select("postings.entry_id", "postings.id", "postings.amount", "postings.memo", "accounts.code", "accounts.name")
    .whereIn("postings.entry_id", entryIds)
    .orderBy("postings.id");
}

export interface EntryFilter {
  unitId: number;
  from?: string;
  to?: string;
  accountId?: number;
  kind?: string;
  q?: string;
  afterSeq?: number;
  limit: number;
  order?: "asc" | "desc";
}

export function listEntries(db: Db, f: EntryFilter) {
  const desc = f.order === "desc";
  const q = db<EntryRow>("entries").where("unit_id", f.unitId).orderBy("seq", desc ? "desc" : "asc").limit(f.limit);
  if (f.from) q.where("entry_date", ">=", f.from);
  if (f.to) q.where("entry_date", "<=", f.to);
  if (f.kind) q.where("kind", f.kind);
  if (f.afterSeq) q.where("seq", desc ? "<" : ">", f.afterSeq);
  if (f.accountId) q.whereIn("id", db("postings").select("entry_id").where("account_id", f.accountId));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const op = dialectOf(db) === "postgres" ? "ILIKE" : "LIKE";
    q.where((w) => w.whereRaw(`description ${op} ? ESCAPE '\\'`, [like]).orWhereRaw(`voucher_no ${op} ? ESCAPE '\\'`, [like]));
  }
  return q;
}

/** Journal order: by date, then by chain order. */
export function journalPage(db: Db, unitId: number, from: string | undefined, to: string | undefined, after: { date: string; seq: number } | undefined, limit: number) {
  const q = db<EntryRow>("entries").where("unit_id", unitId).orderBy([{ column: "entry_date" }, { column: "seq" }]).limit(limit);
  if (from) q.where("entry_date", ">=", from);
  if (to) q.where("entry_date", "<=", to);
  // A row-value comparison lets both engines seek the (unit_id, entry_date, seq) index; the
  // equivalent OR form made every page scan from the unit's first entry.
  if (after) q.whereRaw("(entry_date, seq) > (?, ?)", [after.date, after.seq]);
  return q;
}

export function entriesBySeq(db: Db, unitId: number, fromSeq: number, limit: number) {
  return db<EntryRow>("entries").where("unit_id", unitId).where("seq", ">=", fromSeq).orderBy("seq").limit(limit);
}

/** Signed balance of one account at the end of `at`. */
export async function balanceAt(db: Db, accountId: number, at: string) {
  const r = await db("account_days").select(exact(db, "SUM(debit + credit)", "bal")).where("account_id", accountId).where("entry_date", "<=", at).first();
  return r?.bal as number | string | null;
}

/** Per account: balance before `from`, debits and credits from `from` to `to`. */
export function trialBalance(db: Db, unitId: number, from: string, to: string): Promise<TrialSumRow[]> {
  return db("account_days")
    .select("account_id")
    .select(exact(db, "SUM(CASE WHEN entry_date < ? THEN debit + credit ELSE 0 END)", "opening", [from]))
    .select(exact(db, "SUM(CASE WHEN entry_date >= ? THEN debit ELSE 0 END)", "debit", [from]))
    .select(exact(db, "SUM(CASE WHEN entry_date >= ? THEN credit ELSE 0 END)", "credit", [from]))
    .where("unit_id", unitId)
    .where("entry_date", "<=", to)
    .groupBy("account_id");
}

/** Balances of every account of the unit at the end of `at`. */
export function balancesAt(db: Db, unitId: number, at: string): Promise<{ account_id: number; bal: string }[]> {
  return db("account_days")
    .select("account_id", exact(db, "SUM(debit + credit)", "bal"))
    .where("unit_id", unitId)
    .where("entry_date", "<=", at)
    .groupBy("account_id");
}

export function registerPage(db: Db, accountId: number, from: string, to: string, after: { date: string; seq: number; id: number } | undefined, limit: number, order: "asc" | "desc" = "asc"): Promise<RegisterPostingRow[]> {
  const q = db("postings")
    .join("entries", "entries.id", "postings.entry_id")
    .select(
      "postings.id", "postings.amount", "postings.memo", "postings.entry_date", "postings.seq",
      "entries.id as entry_id", "entries.voucher_no", "entries.description", "entries.kind",
    )
    .where("postings.account_id", accountId)
    .where("postings.entry_date", ">=", from)
    .where("postings.entry_date", "<=", to)
    .orderBy([{ column: "postings.entry_date", order }, { column: "postings.seq", order }, { column: "postings.id", order }])
    .limit(limit);
  if (after) {
    q.whereRaw(`(postings.entry_date, postings.seq, postings.id) ${order === "desc" ? "<" : ">"} (?, ?, ?)`, [after.date, after.seq, after.id]);
  }
  return q;
}

/** One posting's amount, only of this account (a cursor is the caller's to forge). */
export async function postingAmount(db: Db, accountId: number, postingId: number) {
  const r = await db("postings").select("amount").where({ id: postingId, account_id: accountId }).first();
  return r?.amount as number | string | null;
}

/** Sum of the account's postings on `date` that come before the cursor (same day, earlier in the chain). */
export async function sameDayBefore(db: Db, accountId: number, after: { date: string; seq: number; id: number }) {
  const r = await db("postings")
    .select(exact(db, "SUM(amount)", "s"))
    .where("account_id", accountId)
    .where("entry_date", after.date)
    .where((w) => w.where("seq", "<", after.seq).orWhere((x) => x.where("seq", after.seq).where("id", "<=", after.id)))
    .first();
  return r?.s as number | string | null;
}

export const listClosings = (db: Db, unitId: number): Promise<ClosingRow[]> => db<ClosingRow>("closings").where({ unit_id: unitId }).orderBy("through");
export async function insertClosing(db: Db, row: object) {
  const [{ id }] = await db("closings").insert(row).returning("id");
  return id as number;
}
export const findIdempotency = (db: Db, unitId: number, key: string) => db("idempotency_keys").where({ unit_id: unitId, key }).first();
export const insertIdempotency = (db: Db, row: object) => db("idempotency_keys").insert(row);

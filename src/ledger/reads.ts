import type { Db } from "../db/knex";
import { Actor, authorize, isSystem, SystemReason } from "../identity";
import { NotFoundError, ValidationError } from "../shared/errors";
import { fromDb, negate, ZERO, Dong, dong } from "../shared/money";
import * as q from "./queries";
import { READERS, toAccount } from "./types";
import type { Account, AccountType, Entry, Posting } from "./types";
import type { RegisterRowWire } from "./wire";

// What the ledger's routes read: entries, balances, the trial balance, an account's register and
// the journal, each for the unit's staff.

export async function getEntryRow(db: Db, unitId: number, entryId: number): Promise<q.EntryRow> {
  const row = await q.findEntry(db, unitId, entryId);
  if (!row) throw new NotFoundError("entry", { id: entryId });
  return row;
}

/** The fields of a stored entry that its hash covers (hash-chain.ts), from its row. */
export function chainedFields<P>(r: q.EntryRow, postings: P[]) {
  return {
    hashVersion: Number(r.hash_version),
    id: Number(r.id),
    unitId: r.unit_id,
    seq: Number(r.seq),
    voucherNo: r.voucher_no,
    date: r.entry_date,
    kind: r.kind,
    description: r.description,
    householdId: r.household_id,
    campaignId: r.campaign_id,
    workId: r.work_id,
    reverses: r.reverses_id === null ? null : Number(r.reverses_id),
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    payee: r.payee,
    postings,
  };
}

/** Entries with their postings, from rows (one query for all postings). */
export async function hydrate(db: Db, rows: q.EntryRow[]): Promise<Entry[]> {
  if (!rows.length) return [];
  const postings = await q.postingsOf(db, rows.map((r) => r.id));
  const byEntry = new Map<string, Posting[]>();
  for (const p of postings) {
    const k = String(p.entry_id);
    if (!byEntry.has(k)) byEntry.set(k, []);
    byEntry.get(k)!.push({ account: p.code, accountName: p.name, amount: fromDb(p.amount), memo: p.memo });
  }
  return rows.map((r) => ({
    ...chainedFields(r, []),
    id: Number(r.id),
    createdByName: r.created_by_name,
    prevHash: r.prev_hash,
    hash: r.hash,
    postings: byEntry.get(String(r.id)) ?? [],
  }));
}

export async function getEntry(db: Db, actor: Actor, unitId: number, entryId: number): Promise<Entry> {
  await authorize(db, actor, READERS, unitId);
  const [entry] = await hydrate(db, [await getEntryRow(db, unitId, entryId)]);
  const rev = await q.reversalOf(db, entryId);
  return { ...entry, reversedBy: rev ? Number(rev.id) : null };
}

export interface EntryQuery {
  from?: string;
  to?: string;
  account?: string;
  kind?: string;
  q?: string;
  afterSeq?: number;
  limit: number;
  /** `desc`: the newest first, the cursor then reads backwards. */
  order?: "asc" | "desc";
}

/** A page of entries in chain order (or its reverse), filtered; the cursor is the last seq. */
export async function listEntries(db: Db, actor: Actor, unitId: number, f: EntryQuery): Promise<{ data: Entry[]; nextCursor: string | null }> {
  await authorize(db, actor, READERS, unitId);
  let accountId: number | undefined;
  if (f.account) {
    const acc = await q.findAccount(db, unitId, f.account);
    if (!acc) throw new NotFoundError("account", { code: f.account });
    accountId = acc.id;
  }
  const rows = await q.listEntries(db, { unitId, from: f.from, to: f.to, accountId, kind: f.kind, q: f.q, afterSeq: f.afterSeq, limit: f.limit + 1, order: f.order });
  const page = rows.slice(0, f.limit);
  return { data: await hydrate(db, page), nextCursor: rows.length > f.limit ? String(page[page.length - 1].seq) : null };
}

async function accountOf(db: Db, unitId: number, code: string): Promise<q.AccountRow> {
  const acc = await q.findAccount(db, unitId, code);
  if (!acc) throw new NotFoundError("account", { code });
  return acc;
}

/** Signed balance (debit positive) of an account at the end of `at`. */
export async function balance(db: Db, actor: Actor, unitId: number, code: string, at: string): Promise<{ account: Account; at: string; balance: Dong }> {
  await authorize(db, actor, READERS, unitId);
  const acc = await accountOf(db, unitId, code);
  return { account: toAccount(acc), at, balance: fromDb(await q.balanceAt(db, acc.id, at)) };
}

export interface TrialBalanceRow {
  account: string;
  name: string;
  type: AccountType;
  opening: Dong;
  debit: Dong;
  credit: Dong;
  closing: Dong;
}

/**
 * Bảng cân đối tài khoản: per account, opening, period debits and credits (>= 0), closing. Anyone
 * who works on or oversees the unit; or a stated reason (a work's public budget, a statement).
 */
export async function trialBalance(db: Db, who: Actor | SystemReason, unitId: number, from: string, to: string) {
  if (!isSystem(who)) await authorize(db, who, READERS, unitId);
  const [accounts, sums] = [await q.listAccounts(db, unitId), await q.trialBalance(db, unitId, from, to)];
  const byId = new Map(sums.map((s) => [s.account_id, s]));
  const totals = { opening: ZERO, debit: ZERO, credit: ZERO, closing: ZERO };
  const rows: TrialBalanceRow[] = accounts.map((a) => {
    const s = byId.get(a.id);
    const opening = fromDb(s?.opening);
    const debit = fromDb(s?.debit);
    const credit = negate(fromDb(s?.credit));
    const closing = dong(opening + debit - credit);
    totals.opening = dong(totals.opening + opening);
    totals.debit = dong(totals.debit + debit);
    totals.credit = dong(totals.credit + credit);
    totals.closing = dong(totals.closing + closing);
    return { account: a.code, name: a.name, type: a.type as AccountType, opening, debit, credit, closing };
  });
  return { from, to, rows, totals };
}

/** A line of the register as the wire has it, its money still as Dong. */
export interface RegisterRow extends Omit<RegisterRowWire, "debit" | "credit" | "balance"> {
  debit: Dong;
  credit: Dong;
  balance: Dong;
}

type RegisterCursor = { date: string; seq: number; id: number };
const encodeCursor = (c: RegisterCursor) => Buffer.from(`${c.date}|${c.seq}|${c.id}`).toString("base64url");
function decodeCursor(s: string): RegisterCursor {
  const m = /^(\d{4}-\d{2}-\d{2})\|(\d+)\|(\d+)$/.exec(Buffer.from(s, "base64url").toString());
  if (!m) throw new ValidationError([{ path: "/query/cursor", code: "pattern" }]);
  return { date: m[1], seq: Number(m[2]), id: Number(m[3]) };
}

/** Sổ chi tiết: an account's postings in order with the running balance, a page at a time. */
export async function register(db: Db, actor: Actor, unitId: number, code: string, f: { from: string; to: string; cursor?: string; limit: number; order?: "asc" | "desc" }) {
  await authorize(db, actor, READERS, unitId);
  const acc = await accountOf(db, unitId, code);
  const after = f.cursor ? decodeCursor(f.cursor) : undefined;
  if (f.order === "desc") return registerNewestFirst(db, acc, f, after);
  // Opening of this page: everything before `from` (or before the cursor's day), plus that day's earlier postings.
  let start: Dong;
  if (after) {
    start = dong(fromDb(await q.balanceAt(db, acc.id, prevDay(after.date))) + fromDb(await q.sameDayBefore(db, acc.id, after)));
  } else start = fromDb(await q.balanceAt(db, acc.id, prevDay(f.from)));
  const rows = await q.registerPage(db, acc.id, f.from, f.to, after, f.limit + 1);
  const page = rows.slice(0, f.limit);
  let running = start;
  const out: RegisterRow[] = page.map((r) => {
    running = dong(running + fromDb(r.amount));
    return registerLine(r, running);
  });
  const last = page[page.length - 1];
  return {
    account: toAccount(acc),
    from: f.from,
    to: f.to,
    opening: start,
    rows: out,
    nextCursor: rows.length > f.limit ? encodeCursor({ date: last.entry_date, seq: Number(last.seq), id: Number(last.id) }) : null,
  };
}

/** One line of an account's register, with the balance after it. */
function registerLine(r: Awaited<ReturnType<typeof q.registerPage>>[number], balance: Dong): RegisterRow {
  const amount = fromDb(r.amount);
  return {
    entryId: Number(r.entry_id),
    seq: Number(r.seq),
    voucherNo: r.voucher_no,
    date: r.entry_date,
    kind: r.kind,
    description: r.description,
    memo: r.memo,
    debit: amount > 0n ? amount : ZERO,
    credit: amount < 0n ? negate(amount) : ZERO,
    balance,
  };
}

/**
 * The register read backwards (a screen's newest first): the same lines, each with the balance after
 * it; a page starts from the balance at the end of `to`, or after the cursor's line, and goes back.
 */
async function registerNewestFirst(db: Db, acc: q.AccountRow, f: { from: string; to: string; limit: number }, after: { date: string; seq: number; id: number } | undefined) {
  const opening = fromDb(await q.balanceAt(db, acc.id, prevDay(f.from)));
  // After the cursor's line: what stood before it, i.e. through that line less the line itself.
  let running = after
    ? dong(fromDb(await q.balanceAt(db, acc.id, prevDay(after.date))) + fromDb(await q.sameDayBefore(db, acc.id, after)) - fromDb(await q.postingAmount(db, acc.id, after.id)))
    : fromDb(await q.balanceAt(db, acc.id, f.to));
  const rows = await q.registerPage(db, acc.id, f.from, f.to, after, f.limit + 1, "desc");
  const page = rows.slice(0, f.limit);
  const out: RegisterRow[] = page.map((r) => {
    const line = registerLine(r, running);
    running = dong(running - fromDb(r.amount));
    return line;
  });
  const last = page[page.length - 1];
  return {
    account: toAccount(acc),
    from: f.from,
    to: f.to,
    opening,
    rows: out,
    nextCursor: rows.length > f.limit ? encodeCursor({ date: last.entry_date, seq: Number(last.seq), id: Number(last.id) }) : null,
  };
}

function prevDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Sổ nhật ký: entries in date order, then chain order, paged. */
export async function journal(db: Db, actor: Actor, unitId: number, f: { from?: string; to?: string; cursor?: string; limit: number }) {
  await authorize(db, actor, READERS, unitId);
  let after: { date: string; seq: number } | undefined;
  if (f.cursor) {
    const m = /^(\d{4}-\d{2}-\d{2})\|(\d+)$/.exec(Buffer.from(f.cursor, "base64url").toString());
    if (!m) throw new ValidationError([{ path: "/query/cursor", code: "pattern" }]);
    after = { date: m[1], seq: Number(m[2]) };
  }
  const rows = await q.journalPage(db, unitId, f.from, f.to, after, f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    from: f.from ?? null,
    to: f.to ?? null,
    data: await hydrate(db, page),
    nextCursor: rows.length > f.limit ? Buffer.from(`${last.entry_date}|${last.seq}`).toString("base64url") : null,
  };
}

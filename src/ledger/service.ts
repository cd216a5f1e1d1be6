import type { Knex } from "knex";
import Decimal from "decimal.js";
import type { Db } from "../db/knex";
import { Actor, authorize, audit, resolveRefs } from "../identity";
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from "../shared/errors";
import { fromDb, isDongString, toDb, toWire, Dong } from "../shared/money";
import { addDays, isValidDate, localDate } from "../shared/dates";
import { ZERO_HASH, HASH_VERSION, HASH_VERSIONS, entryHash, ChainedEntry } from "./hash-chain";
import * as q from "./queries";
import { POSTERS, READERS, SERIES_OF, toAccount } from "./types";
import type { AccountType, Account, Posting, Entry, PostedBrief, EntryInput, Series } from "./types";
import { Anchor, anchorsOf, registerAnchors } from "./anchors";

// A closing stores the head it closed on: an anchor (anchors.ts).
registerAnchors("closing", q.closingHeads);

export { POSTERS, READERS, SERIES_OF } from "./types";
export type { AccountType, EntryKind, Series, Account, Posting, Entry, PostingInput, PostedBrief, EntryInput } from "./types";

// ---------------------------------------------------------------- chart of accounts

/** Gives a new unit its chart of accounts from the template (DESIGN §3). Called when a unit is created. */
export async function openBooks(trx: Knex.Transaction, actor: Actor, unitId: number, template = "default"): Promise<void> {
  const rows = await q.templateAccounts(trx, template);
  if (!rows.length) return;
  await q.insertAccounts(
    trx,
    rows.map((t) => ({
      unit_id: unitId,
      code: t.code,
      name: t.name,
      type: t.type,
      parent_code: null,
      no_overdraft: t.no_overdraft,
      is_active: true,
      created_at: actor.at,
    })),
  );
}

export async function listAccounts(db: Db, actor: Actor, unitId: number): Promise<Account[]> {
  await authorize(db, actor, READERS, unitId);
  return (await q.listAccounts(db, unitId)).map(toAccount);
}

export interface AccountInput {
  code: string;
  name: string;
  type: AccountType;
  parentCode?: string;
  noOverdraft?: boolean;
}

/** Opens an account in a unit (codes unique per unit); the unit's treasurer or an admin. */
export async function openAccount(trx: Knex.Transaction, actor: Actor, unitId: number, input: AccountInput): Promise<Account> {
  await authorize(trx, actor, [...POSTERS], unitId);
  return openAccountUnchecked(trx, actor, unitId, input);
}

/** For other modules (campaigns, works) that have checked the caller themselves. */
export async function openAccountUnchecked(trx: Knex.Transaction, actor: Actor, unitId: number, input: AccountInput): Promise<Account> {
  if (await q.findAccount(trx, unitId, input.code)) throw new ConflictError("duplicate", { entity: "account", field: "code" });
  if (input.parentCode && !(await q.findAccount(trx, unitId, input.parentCode))) throw new NotFoundError("account", { code: input.parentCode });
  const [row] = await q.insertAccounts(trx, [
    {
      unit_id: unitId,
      code: input.code,
      name: input.name,
      type: input.type,
      parent_code: input.parentCode ?? null,
      no_overdraft: input.noOverdraft ?? input.code === "111",
      is_active: true,
      created_at: actor.at,
    },
  ]);
  const id = typeof row === "object" ? (row as { id: number }).id : (row as number);
  await audit.record(trx, actor, { action: "account.opened", entity: "account", entityId: id, unitId, details: { code: input.code, name: input.name } });
  return toAccount((await q.findAccount(trx, unitId, input.code))!);
}

/** Renames or (de)activates an account; accounts are never deleted. */
export async function updateAccount(trx: Knex.Transaction, actor: Actor, unitId: number, code: string, patch: { name?: string; isActive?: boolean }): Promise<Account> {
  await authorize(trx, actor, [...POSTERS], unitId);
  const acc = await q.findAccount(trx, unitId, code);
  if (!acc) throw new NotFoundError("account", { code });
  const row: Partial<q.AccountRow> = {};
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.isActive !== undefined) row.is_active = patch.isActive;
  await q.updateAccount(trx, acc.id, row);
  const action = patch.isActive === false ? "account.deactivated" : patch.isActive === true ? "account.activated" : "account.renamed";
  await audit.record(trx, actor, { action, entity: "account", entityId: acc.id, unitId, details: { code, patch } });
  return toAccount((await q.findAccount(trx, unitId, code))!);
}

// ---------------------------------------------------------------- posting

/** Records a manual entry (bút toán) through the API: the unit's treasurer or an admin. */
export async function recordEntries(trx: Knex.Transaction, actor: Actor, unitId: number, inputs: EntryInput[]): Promise<Entry[]> {
  if (!inputs.length) {
    await checkRecord(trx, actor, unitId, inputs);
    return [];
  }
  return (await post(trx, actor, unitId, inputs, {}, true, checkRecord(trx, actor, unitId, inputs))).entries!;
}

/** recordEntries for a bulk loader that keeps its own copy: the count and the two ends only. */
export async function recordEntriesBrief(trx: Knex.Transaction, actor: Actor, unitId: number, inputs: EntryInput[]): Promise<PostedBrief> {
  return (await post(trx, actor, unitId, inputs, {}, false, checkRecord(trx, actor, unitId, inputs))).brief;
}

/** The raw routes' checks; resolves to the unit's approval threshold, which post() then holds them to. */
async function checkRecord(trx: Knex.Transaction, actor: Actor, unitId: number, inputs: EntryInput[]): Promise<bigint> {
  const unit = await authorize(trx, actor, [...POSTERS], unitId);
  if (inputs.some((e) => e.kind === "reversal")) {
    throw new ValidationError([{ path: "/kind", code: "reversal_by_route" }]);
  }
  await resolveRefs(trx, unitId, entryRefs(inputs));
  return BigInt(unit.approvalThreshold);
}

/** The household, campaign and work each entry names: they must be of the unit (or under it). */
function entryRefs(inputs: EntryInput[]) {
  const refs: Parameters<typeof resolveRefs>[2] = [];
  inputs.forEach((e, i) => {
    const at = (f: string) => (inputs.length > 1 ? `/entries/${i}/${f}` : `/${f}`);
    if (e.householdId != null) refs.push({ entity: "household", id: e.householdId, path: at("householdId") });
    if (e.campaignId != null) refs.push({ entity: "campaign", id: e.campaignId, path: at("campaignId") });
    if (e.workId != null) refs.push({ entity: "work", id: e.workId, path: at("workId") });
  });
  return refs;
}

/**
 * Single entries of several requests to one unit, posted in one transaction (group commit): each
 * poster is authorized as if alone, and each entry leaves its own `entry.posted` audit record with
 * its request's actor. All or none: the caller posts them one by one when this throws.
 */
export async function recordEntriesTogether(trx: Knex.Transaction, unitId: number, items: { actor: Actor; input: EntryInput }[]): Promise<Entry[]> {
  const checked = new Set<number | null>();
  let threshold = 0n;
  for (const { actor } of items) {
    if (checked.has(actor.userId)) continue;
    threshold = BigInt((await authorize(trx, actor, [...POSTERS], unitId)).approvalThreshold);
    checked.add(actor.userId);
  }
  if (items.some((it) => it.input.kind === "reversal")) throw new ValidationError([{ path: "/kind", code: "reversal_by_route" }]);
  await resolveRefs(trx, unitId, entryRefs(items.map((it) => it.input)));
  if (!items.length) return [];
  const entries = (await post(trx, items[0].actor, unitId, items.map((it) => ({ ...it.input, by: it.actor })), { audit: false, approvalLimit: threshold }, true)).entries!;
  await audit.recordMany(
    trx,
    entries.map((e, i) => ({
      actor: items[i].actor,
      input: { action: "entry.posted", entity: "entry", entityId: e.id, unitId, details: { voucherNo: e.voucherNo, seq: e.seq } },
    })),
  );
  return entries;
}

/**
 * Posts entries to a unit's books, in order, all or none. The ledger's rules are checked here
 * (and again by the database): balanced, accounts of the unit and active, open period, no
 * overdraft at any date from the entry's on, gapless vouchers, the hash chain.
 * Other modules call this after their own checks. Throws RuleViolation / ValidationError.
 */
export async function postEntries(
  trx: Knex.Transaction,
  actor: Actor,
  unitId: number,
  inputs: EntryInput[],
  // A module that records its own audit event for the write (a receipt, an import) says so, so
  // that one write leaves one audit record.
  opts: { audit?: boolean } = {},
): Promise<Entry[]> {
  if (!inputs.length) return [];
  return (await post(trx, actor, unitId, inputs, opts, true)).entries!;
}

/**
 * postEntries; the entries themselves are built only when `echo` (a batch's 1,000 need not be).
 * `gate`: the caller's checks (authorization), whose query goes with the first reads; nothing is
 * written unless it holds.
 */
async function post(
  trx: Knex.Transaction,
  actor: Actor,
  unitId: number,
  inputs: EntryInput[],
  opts: { audit?: boolean; approvalLimit?: bigint },
  echo: boolean,
  gate?: Promise<bigint | void>,
): Promise<{ entries?: Entry[]; brief: PostedBrief }> {
  if (!inputs.length) throw new Error("post: no entries"); // callers refuse or skip an empty list first
  const todays = new Map<string, string>(); // per request instant: entries posted together may span midnight
  const todayOf = (a: Actor) => todays.get(a.at) ?? (todays.set(a.at, localDate(new Date(a.at))), todays.get(a.at)!);
  // The closed date, the chain head and the last voucher of each series and year these entries
  // use: one round trip (a receipt is a dozen statements; each one a wait on a busy server).
  const voucherKeys = new Map<string, { series: string; year: number }>();
  for (const e of inputs) {
    const series = e.series ?? SERIES_OF[e.kind];
    const year = Number(String(e.date).slice(0, 4));
    if (series && Number.isInteger(year)) voucherKeys.set(`${series}-${year}`, { series, year });
  }
  // Accounts, by code and by id, of this unit only; and for the overdraft guard, the days of every
  // account a negative amount may draw on, from the earliest date of such an entry (a superset of
  // what the guard needs once the accounts are known).
  const codes = new Set<string>();
  const ids = new Set<number>();
  const draw = { codes: new Set<string>(), ids: new Set<number>(), from: "" };
  const negative = (a: Dong | string) => (typeof a === "string" ? a.startsWith("-") : a.isNegative() && !a.isZero());
  for (const e of inputs) {
    const dated = isValidDate(e.date); // if not, refused below
    for (const p of e.postings) {
      if (p.accountId !== undefined) ids.add(p.accountId);
      else codes.add(p.account!);
      if (!dated || !negative(p.amount)) continue;
      if (p.accountId !== undefined) draw.ids.add(p.accountId);
      else draw.codes.add(p.account!);
      if (!draw.from || e.date < draw.from) draw.from = e.date;
    }
  }
  // Sent together: the transaction's connection runs them in this order (PostgreSQL: the unit's
  // lock first, before anything we check against, DESIGN §4.4), and the event loop is woken once
  // for all of them rather than once each, which a busy server makes each wait for.
  const [gated, , state, accRows, drawDays] = await allInOrder([
    gate,
    q.lockUnitBooks(trx, unitId),
    q.bookState(trx, unitId, [...voucherKeys.values()]),
    codes.size || ids.size ? q.accountsByCodesOrIds(trx, unitId, [...codes], [...ids]) : [],
    draw.from ? q.overdraftDays(trx, unitId, [...draw.codes], [...draw.ids], draw.from) : undefined,
  ] as const);
  const closed = state.closed;
  // Manual entries (the raw routes) pay nothing above the approval threshold (DESIGN §6).
  const approvalLimit = opts.approvalLimit ?? (typeof gated === "bigint" ? gated : undefined);
  const byCode = new Map(accRows.filter((a) => a.unit_id === unitId).map((a) => [a.code, a]));
  const byId = new Map(accRows.map((a) => [a.id, a]));

  // Amounts as integers from here on: exact, and far cheaper than Decimal for a thousand entries.
  const resolved = inputs.map((e, i) => {
    const at = (p: string) => (inputs.length > 1 ? `/entries/${i}${p}` : p);
    if (!isValidDate(e.date)) throw new ValidationError([{ path: at("/date"), code: "invalid_date" }]);
    const today = todayOf(e.by ?? actor);
    if (e.date > today) throw new RuleViolation("future_date", { date: e.date, today, entry: i });
    if (closed && e.date <= closed) throw new RuleViolation("period_closed", { date: e.date, closedThrough: closed, entry: i });
    if (e.postings.length < 2) throw new RuleViolation("unbalanced_entry", { reason: "too_few_postings", entry: i });
    let sum = 0n;
    const postings = e.postings.map((p, j) => {
      const acc = p.accountId !== undefined ? byId.get(p.accountId) : byCode.get(p.account!);
      if (!acc || acc.unit_id !== unitId) throw new RuleViolation("unknown_account", { account: p.account ?? p.accountId, path: at(`/postings/${j}/account`), entry: i });
      if (!acc.is_active) throw new RuleViolation("account_inactive", { account: acc.code, path: at(`/postings/${j}/account`), entry: i });
      let wire: string;
      if (typeof p.amount === "string") {
        if (!isDongString(p.amount)) throw new ValidationError([{ path: at(`/postings/${j}/amount`), code: "invalid_amount" }]);
        wire = p.amount;
      } else wire = p.amount.isZero() ? "0" : toDb(p.amount);
      if (wire === "0") throw new RuleViolation("zero_amount", { path: at(`/postings/${j}/amount`), entry: i });
      const dong = BigInt(wire);
      sum += dong;
      return { acc, amount: p.amount, wire, dong, memo: p.memo ?? null };
    });
    if (sum !== 0n) throw new RuleViolation("unbalanced_entry", { difference: sum.toString(), entry: i });
    if (approvalLimit !== undefined) {
      const paid = paidOut(postings);
      if (paid > approvalLimit) throw new RuleViolation("approval_required", { amount: paid.toString(), threshold: approvalLimit.toString(), entry: i });
    }
    return { input: e, postings };
  });
  if (approvalLimit !== undefined) await guardSplitPayments(trx, unitId, resolved, approvalLimit);

  await guardOverdraft(trx, resolved.map((r) => ({ date: r.input.date, postings: r.postings })), drawDays && { ...drawDays, from: draw.from });

  // Voucher numbers, entry ids, seq: all decided here, under the unit's lock.
  const counters = new Map<string, number>();
  const entryIds = await q.nextEntryIds(trx, resolved.length, state.maxEntryId);
  const firstSeq = (state.head?.seq ?? 0) + 1;
  const vouchers: { series: Series; year: number; number: number; no: string }[] = [];
  const postingRows: unknown[][] = [];
  for (let i = 0; i < resolved.length; i++) {
    const r = resolved[i];
    const e = r.input;
    const series = e.series ?? SERIES_OF[e.kind];
    const year = Number(e.date.slice(0, 4));
    const key = `${series}-${year}`;
    const number = (counters.get(key) ?? state.lastVoucher.get(key) ?? (await q.lastVoucherNumber(trx, unitId, series, year))) + 1;
    counters.set(key, number);
    vouchers.push({ series, year, number, no: `${series}-${year}-${String(number).padStart(6, "0")}` });
    for (const p of r.postings) postingRows.push([entryIds[i], unitId, p.acc.id, p.wire, p.memo, e.date, firstSeq + i]);
  }
  // Postings first: the database checks each entry against its postings when the entry arrives.
  // They go to the database while the hash chain is computed here (SQLite works on a thread of its
  // own; PostgreSQL in its own process): the chain is most of a large batch's JavaScript.
  const postingsIn = q.insertPostings(trx, postingRows);
  postingsIn.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
  // The audit record needs nothing the inserts return: it goes with them (one wait fewer).
  const n = resolved.length;
  const auditIn =
    opts.audit === false
      ? undefined
      : n === 1
        ? audit.record(trx, actor, { action: "entry.posted", entity: "entry", entityId: entryIds[0], unitId, details: { voucherNo: vouchers[0].no, seq: firstSeq } })
        : audit.record(trx, actor, {
            action: "entry.batch_posted",
            entity: "entry",
            entityId: entryIds[0],
            unitId,
            details: { count: n, firstSeq, lastSeq: firstSeq + n - 1 },
          });
  auditIn?.catch(() => undefined);
  // knex sends the statement a few promise turns from now: let it leave before the long loop.
  if (resolved.length > 100) await new Promise<void>((resolve) => setImmediate(resolve));

  let prevHash = state.head?.hash ?? ZERO_HASH;
  let firstHash = "";
  const entries: Entry[] = [];
  const entryRows: unknown[][] = [];
  for (let i = 0; i < resolved.length; i++) {
    const r = resolved[i];
    const e = r.input;
    const by = e.by ?? actor;
    const v = vouchers[i];
    const id = entryIds[i];
    const byName = by.displayName ?? by.username;
    const chained: ChainedEntry = {
      hashVersion: HASH_VERSION,
      id,
      unitId,
      seq: firstSeq + i,
      voucherNo: v.no,
      date: e.date,
      kind: e.kind,
      description: e.description,
      householdId: e.householdId ?? null,
      campaignId: e.campaignId ?? null,
      workId: e.workId ?? null,
      reverses: e.reversesId ?? null,
      createdBy: by.userId,
      createdByName: byName,
      createdAt: by.at,
      payee: e.payee ?? null,
      postings: r.postings.map((p) => ({ account: p.acc.code, amount: p.wire, memo: p.memo })),
    };
    const hash = entryHash(prevHash, chained);
    entryRows.push([
      id, unitId, chained.seq, v.series, v.year, v.number, v.no, e.date, e.kind, e.description,
      chained.householdId, chained.campaignId, chained.workId, chained.reverses, by.userId, byName, by.at, prevHash, hash,
      HASH_VERSION, chained.payee,
    ]);
    // Written out, not `{...chained}`: a spread per entry was 3–4 ms of a 1,000-entry batch.
    if (echo) {
      entries.push({
        id, unitId, seq: chained.seq, voucherNo: v.no, date: e.date, kind: e.kind, description: e.description,
        householdId: chained.householdId, campaignId: chained.campaignId, workId: chained.workId, reverses: chained.reverses,
        createdBy: by.userId, createdByName: byName, createdAt: by.at, prevHash, hash, hashVersion: HASH_VERSION, payee: chained.payee!,
        postings: r.postings.map((p) => ({ account: p.acc.code, accountName: p.acc.name, amount: typeof p.amount === "string" ? new Decimal(p.wire) : p.amount, memo: p.memo })),
      });
    }
    firstHash ||= hash;
    prevHash = hash;
  }
  const entriesIn = q.prepareEntries(trx, entryRows); // written while the postings go in
  try {
    await postingsIn;
    await entriesIn();
  } finally {
    // Settled before anything is thrown: no statement may still be running at the rollback.
    await auditIn?.catch(() => undefined);
  }
  await auditIn;
  const end = (i: number, hash: string) => ({ id: entryIds[i], seq: firstSeq + i, voucherNo: vouchers[i].no, hash });
  return { entries: echo ? entries : undefined, brief: { count: n, first: end(0, firstHash), last: end(n - 1, prevHash) } };
}

const isCash = (a: q.AccountRow) => a.code === "111" || a.code === "112" || a.parent_code === "111" || a.parent_code === "112";
// What a payment voucher pays for: a cost (an expense account) or an advance to a work's crew (141).
const isCost = (a: q.AccountRow) => a.type === "expense" || a.code === "141" || a.parent_code === "141";

/**
 * Money an entry pays out of cash or bank (111, 112 and their sub-accounts) into costs or advances:
 * the smaller of the two sides, in đồng. The database computes the same (payments_approved trigger).
 */
export function paidOut(postings: { acc: q.AccountRow; dong: bigint }[]): bigint {
  let cost = 0n;
  let cash = 0n;
  for (const p of postings) {
    if (p.dong > 0n && isCost(p.acc)) cost += p.dong;
    else if (p.dong < 0n && isCash(p.acc)) cash -= p.dong;
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
async function guardSplitPayments(trx: Db, unitId: number, resolved: { input: EntryInput; postings: { acc: q.AccountRow; dong: bigint }[] }[], limit: bigint) {
  const named = resolved.map((r, i) => ({ i, workId: r.input.workId, date: r.input.date, paid: r.input.workId != null ? paidOut(r.postings) : 0n })).filter((x) => x.paid > 0n);
  if (!named.length) return;
  const from = addDays(named.reduce((m, x) => (x.date < m ? x.date : m), named[0].date), -SPLIT_WINDOW_DAYS);
  const earlier = await q.workPaymentsSince(trx, unitId, [...new Set(named.map((x) => x.workId!))], from);
  const seen = earlier.map((r) => ({ workId: Number(r.work_id), date: r.entry_date, paid: BigInt(r.paid) }));
  for (const x of named) {
    const start = addDays(x.date, -SPLIT_WINDOW_DAYS);
    const end = addDays(x.date, SPLIT_WINDOW_DAYS);
    const before = seen.filter((s) => s.workId === x.workId && s.date > start && s.date < end).reduce((a, s) => a + s.paid, 0n);
    if (before + x.paid > limit) {
      throw new RuleViolation("split_payment", { workId: x.workId, amount: x.paid.toString(), within30Days: (before + x.paid).toString(), threshold: limit.toString(), entry: x.i });
    }
    seen.push({ workId: x.workId!, date: x.date, paid: x.paid });
  }
}

/**
 * Promise.all that waits for every one to settle and then throws the first failure in the list's
 * order: the caller's check decides the answer, and no statement of the transaction is still
 * running when it is rolled back.
 */
async function allInOrder<T extends readonly unknown[]>(ps: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(ps);
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/**
 * DESIGN §4.4: a no-overdraft account must not end any day below zero, from the entry's date on
 * (a back-dated payment must not make an earlier day negative). Works on end-of-day balances,
 * applying the entries in order; BigInt keeps the running sums exact.
 */
async function guardOverdraft(
  trx: Db,
  entries: { date: string; postings: { acc: q.AccountRow; dong: bigint }[] }[],
  // Read already (overdraftDays): the days of these accounts and more, from `from` (≤ every watched date) on.
  read?: Awaited<ReturnType<typeof q.daysFrom>> & { from: string },
) {
  const watched = new Map<number, q.AccountRow>();
  let minDate = "9999-12-31";
  for (const e of entries) {
    for (const p of e.postings) {
      if (p.acc.no_overdraft && p.dong < 0n) {
        watched.set(p.acc.id, p.acc);
        if (e.date < minDate) minDate = e.date;
      }
    }
  }
  if (!watched.size) return;
  const { before, days } = read && read.from <= minDate ? read : await q.daysFrom(trx, [...watched.keys()], minDate);
  // Per account: sorted dates and the running balance at the end of each.
  const books = new Map<number, { base: bigint; dates: string[]; running: bigint[] }>();
  for (const id of watched.keys()) books.set(id, { base: 0n, dates: [], running: [] });
  for (const b of before) {
    const book = books.get(b.account_id);
    if (book) book.base = BigInt(fromDb(b.bal).toFixed(0)); // (read may hold other accounts too)
  }
  for (const d of days) {
    const book = books.get(d.account_id);
    if (!book) continue;
    const last = book.running.length ? book.running[book.running.length - 1] : book.base;
    book.dates.push(d.entry_date);
    book.running.push(last + BigInt(fromDb(d.delta).toFixed(0)));
  }
  for (const [i, e] of entries.entries()) {
    const net = new Map<number, bigint>();
    for (const p of e.postings) if (books.has(p.acc.id)) net.set(p.acc.id, (net.get(p.acc.id) ?? 0n) + p.dong);
    for (const [accId, delta] of net) {
      const book = books.get(accId)!;
      let k = lowerBound(book.dates, e.date);
      if (book.dates[k] !== e.date) {
        book.dates.splice(k, 0, e.date);
        book.running.splice(k, 0, k > 0 ? book.running[k - 1] : book.base);
      }
      let min: bigint | undefined;
      for (let j = k; j < book.running.length; j++) {
        book.running[j] += delta;
        if (min === undefined || book.running[j] < min) min = book.running[j];
      }
      if (delta < 0n && min! < 0n) {
        const acc = watched.get(accId)!;
        const firstNegative = book.dates[book.running.findIndex((v, j) => j >= k && v < 0n)];
        throw new RuleViolation("overdraft", { account: acc.code, date: e.date, negativeOn: firstNegative, shortBy: (-min!).toString(), entry: i });
      }
    }
  }
}

function lowerBound(a: string[], x: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Reverses an entry with its mirror (sides swapped) on `date`; once only, never a reversal. */
export async function reverseEntry(trx: Knex.Transaction, actor: Actor, unitId: number, entryId: number, input: { date: string; reason: string }): Promise<Entry> {
  await authorize(trx, actor, [...POSTERS], unitId);
  return reverseEntryUnchecked(trx, actor, unitId, entryId, input);
}

export async function reverseEntryUnchecked(
  trx: Knex.Transaction,
  actor: Actor,
  unitId: number,
  entryId: number,
  input: { date: string; reason: string },
  opts: { audit?: boolean } = {},
): Promise<Entry> {
  await q.lockUnitBooks(trx, unitId);
  const original = await getEntryRow(trx, unitId, entryId);
  if (original.kind === "reversal") throw new ConflictError("cannot_reverse_reversal", { entryId });
  const already = await q.reversalOf(trx, entryId);
  if (already) throw new ConflictError("already_reversed", { entryId, reversalId: Number(already.id) });
  if (input.date < original.entry_date) throw new RuleViolation("reversal_before_original", { date: input.date, originalDate: original.entry_date });
  const postings = await q.postingsOf(trx, [entryId]);
  const [entry] = await postEntries(
    trx,
    actor,
    unitId,
    [
    {
      date: input.date,
      kind: "reversal",
      description: `Đảo bút toán ${original.voucher_no}: ${input.reason}`,
      householdId: original.household_id,
      campaignId: original.campaign_id,
      workId: original.work_id,
      reversesId: entryId,
      postings: postings.map((p) => ({ account: p.code, amount: fromDb(p.amount).negated(), memo: p.memo })),
    },
    ],
    opts,
  );
  return entry;
}

// ---------------------------------------------------------------- reads

async function getEntryRow(db: Db, unitId: number, entryId: number): Promise<q.EntryRow> {
  const row = await q.findEntry(db, unitId, entryId);
  if (!row) throw new NotFoundError("entry", { id: entryId });
  return row;
}

/** The fields of a stored entry that its hash covers (hash-chain.ts), from its row. */
function chainedFields<P>(r: q.EntryRow, postings: P[]) {
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
}

/** A page of entries in chain order, filtered; the cursor is the last seq. */
export async function listEntries(db: Db, actor: Actor, unitId: number, f: EntryQuery): Promise<{ data: Entry[]; nextCursor: string | null }> {
  await authorize(db, actor, READERS, unitId);
  let accountId: number | undefined;
  if (f.account) {
    const acc = await q.findAccount(db, unitId, f.account);
    if (!acc) throw new NotFoundError("account", { code: f.account });
    accountId = acc.id;
  }
  const rows = await q.listEntries(db, { unitId, from: f.from, to: f.to, accountId, kind: f.kind, q: f.q, afterSeq: f.afterSeq, limit: f.limit + 1 });
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

/** Bảng cân đối tài khoản: per account, opening, period debits and credits (>= 0), closing. */
export async function trialBalance(db: Db, actor: Actor, unitId: number, from: string, to: string) {
  await authorize(db, actor, READERS, unitId);
  return trialBalanceUnchecked(db, unitId, from, to);
}

export async function trialBalanceUnchecked(db: Db, unitId: number, from: string, to: string) {
  const [accounts, sums] = [await q.listAccounts(db, unitId), await q.trialBalance(db, unitId, from, to)];
  const byId = new Map(sums.map((s: any) => [s.account_id, s]));
  const zero = new Decimal(0);
  const totals = { opening: zero, debit: zero, credit: zero, closing: zero };
  const rows: TrialBalanceRow[] = accounts.map((a) => {
    const s: any = byId.get(a.id);
    const opening = fromDb(s?.opening);
    const debit = fromDb(s?.debit);
    const credit = fromDb(s?.credit).negated();
    const closing = opening.plus(debit).minus(credit);
    totals.opening = totals.opening.plus(opening);
    totals.debit = totals.debit.plus(debit);
    totals.credit = totals.credit.plus(credit);
    totals.closing = totals.closing.plus(closing);
    return { account: a.code, name: a.name, type: a.type as AccountType, opening, debit, credit, closing };
  });
  return { from, to, rows, totals };
}

export interface RegisterRow {
  entryId: number;
  seq: number;
  voucherNo: string;
  date: string;
  kind: string;
  description: string;
  memo: string | null;
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
export async function register(db: Db, actor: Actor, unitId: number, code: string, f: { from: string; to: string; cursor?: string; limit: number }) {
  await authorize(db, actor, READERS, unitId);
  const acc = await accountOf(db, unitId, code);
  const after = f.cursor ? decodeCursor(f.cursor) : undefined;
  // Opening of this page: everything before `from` (or before the cursor's day), plus that day's earlier postings.
  let start: Dong;
  if (after) {
    start = fromDb(await q.balanceAt(db, acc.id, prevDay(after.date))).plus(fromDb(await q.sameDayBefore(db, acc.id, after)));
  } else start = fromDb(await q.balanceAt(db, acc.id, prevDay(f.from)));
  const rows = await q.registerPage(db, acc.id, f.from, f.to, after, f.limit + 1);
  const page = rows.slice(0, f.limit);
  let running = start;
  const out: RegisterRow[] = page.map((r: any) => {
    const amount = fromDb(r.amount);
    running = running.plus(amount);
    return {
      entryId: Number(r.entry_id),
      seq: Number(r.seq),
      voucherNo: r.voucher_no,
      date: r.entry_date,
      kind: r.kind,
      description: r.description,
      memo: r.memo,
      debit: amount.isPositive() ? amount : new Decimal(0),
      credit: amount.isNegative() ? amount.negated() : new Decimal(0),
      balance: running,
    };
  });
  const last: any = page[page.length - 1];
  return {
    account: toAccount(acc),
    from: f.from,
    to: f.to,
    opening: start,
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

const HLEDGER_TOP: Record<string, string> = { asset: "assets", liability: "liabilities", net_assets: "equity", revenue: "revenues", expense: "expenses" };

/** hledger/ledger-cli account name: "assets:111 Tiền mặt" (a colon or two spaces would change its meaning). */
function hledgerName(a: q.AccountRow): string {
  const name = a.name.replace(/[:;\t]/g, " ").replace(/\s+/g, " ").trim();
  return `${HLEDGER_TOP[a.type]}:${a.code} ${name}`;
}

/** Streams the journal as hledger text, a chunk of entries at a time (memory stays bounded). */
export async function* streamHledger(db: Db, actor: Actor, unitId: number, f: { from?: string; to?: string }): AsyncGenerator<string> {
  const unit = await authorize(db, actor, READERS, unitId);
  const accounts = await q.listAccounts(db, unitId);
  const names = new Map(accounts.map((a) => [a.code, hledgerName(a)]));
  yield `; ${unit.name} (${unit.code}): sổ nhật ký${f.from ? ` từ ${f.from}` : ""}${f.to ? ` đến ${f.to}` : ""}\n`;
  yield "; Nợ (debit) là số dương, Có (credit) là số âm; đơn vị: đồng.\n\n";
  for (const a of accounts) yield `account ${names.get(a.code)}\n`;
  yield "\n";
  let after: { date: string; seq: number } | undefined;
  for (;;) {
    const rows = await q.journalPage(db, unitId, f.from, f.to, after, 1000);
    if (!rows.length) break;
    const entries = await hydrate(db, rows);
    let out = "";
    for (const e of entries) {
      const desc = `${e.voucherNo} ${e.description}`.replace(/[;\r\n]/g, ",");
      out += `${e.date} ${desc}  ; kind:${e.kind}, seq:${e.seq}\n`;
      for (const p of e.postings) out += `    ${names.get(p.account)}  ${toWire(p.amount)}${p.memo ? `  ; ${p.memo.replace(/[\r\n]/g, " ")}` : ""}\n`;
      out += "\n";
    }
    yield out;
    const last = rows[rows.length - 1];
    after = { date: last.entry_date, seq: Number(last.seq) };
    if (rows.length < 1000) break;
  }
}

// ---------------------------------------------------------------- verification and closing

export interface VerifyResult {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  /**
   * The first link that does not hold. reason: seq_gap, prev_hash_mismatch, unbalanced, posting_mismatch,
   * voucher_mismatch, unknown_hash_version, hash_version_downgrade, hash_mismatch; and against an anchor
   * (a head recorded elsewhere, named): anchor_mismatch (the entry at its seq has another hash),
   * missing_after_anchor (the chain ends before its seq: entries were cut).
   */
  firstBroken?: { seq: number; reason: string; anchor?: Anchor };
}

/** DESIGN §4.8: recomputes the unit's chain, holds it to every anchor, and names the first broken link. */
export async function verifyChain(db: Db, actor: Actor, unitId: number): Promise<VerifyResult> {
  await authorize(db, actor, READERS, unitId);
  return verifyChainUnchecked(db, unitId);
}

export async function verifyChainUnchecked(db: Db, unitId: number): Promise<VerifyResult> {
  let prev = ZERO_HASH;
  let expected = 1;
  let count = 0;
  let version = 1;
  const codes = new Map((await q.listAccounts(db, unitId)).map((a) => [a.id, a.code]));
  const anchors = await anchorsOf(db, unitId);
  let nextAnchor = 0; // anchors are by seq: the walk passes them in order
  const PAGE = 5000;
  for (;;) {
    const rows = await q.entriesBySeq(db, unitId, expected, PAGE);
    if (!rows.length) break;
    // Entries of a unit get increasing ids as their seq grows, so their postings lie in one id range.
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      lo = Math.min(lo, Number(r.id));
      hi = Math.max(hi, Number(r.id));
    }
    const byEntry = new Map<number, q.ChainPostingRow[]>();
    for (const p of await q.postingsInIdRange(db, unitId, lo, hi)) {
      const id = Number(p.entry_id);
      let list = byEntry.get(id);
      if (!list) byEntry.set(id, (list = []));
      list.push(p);
    }
    for (const r of rows) {
      const seq = Number(r.seq);
      const broken = (reason: string, anchor?: Anchor): VerifyResult => ({
        ok: false, entries: count, head: count ? { seq: expected - 1, hash: prev } : null, firstBroken: anchor ? { seq, reason, anchor } : { seq, reason },
      });
      if (seq !== expected) return { ...broken("seq_gap"), firstBroken: { seq: expected, reason: "seq_gap" } };
      if (r.prev_hash !== prev) return broken("prev_hash_mismatch");
      const ps = byEntry.get(Number(r.id)) ?? [];
      // Amounts are at most 15 digits, so BigInt sums them exactly whatever the driver gave.
      if (ps.length < 2 || ps.reduce((s, p) => s + BigInt(p.amount), 0n) !== 0n) return broken("unbalanced");
      // A posting's copies of its entry's date and seq are what registers and balances read.
      if (ps.some((p) => p.entry_date !== r.entry_date || Number(p.seq) !== seq)) return broken("posting_mismatch");
      if (!voucherAgrees(r)) return broken("voucher_mismatch");
      const v = Number(r.hash_version);
      if (!HASH_VERSIONS.includes(v)) return broken("unknown_hash_version");
      if (v < version) return broken("hash_version_downgrade"); // an entry claiming an older form to hide a field
      const postings = ps.map((p) => ({ account: codes.get(p.account_id) ?? "?", amount: String(p.amount), memo: p.memo }));
      const hash = entryHash(prev, chainedFields(r, postings));
      if (hash !== r.hash) return broken("hash_mismatch");
      for (; nextAnchor < anchors.length && anchors[nextAnchor].seq === seq; nextAnchor++) {
        if (anchors[nextAnchor].hash !== hash) return broken("anchor_mismatch", anchors[nextAnchor]);
      }
      version = v;
      prev = hash;
      expected++;
      count++;
    }
    if (rows.length < PAGE) break;
  }
  const head = count ? { seq: expected - 1, hash: prev } : null;
  // An anchor past the last entry: the books once went further.
  if (nextAnchor < anchors.length) return { ok: false, entries: count, head, firstBroken: { seq: expected, reason: "missing_after_anchor", anchor: anchors[nextAnchor] } };
  return { ok: true, entries: count, head };
}

/** The voucher number is its series, year and number as stored, and the year is its date's. */
function voucherAgrees(r: q.EntryRow): boolean {
  return r.voucher_no === `${r.voucher_series}-${r.voucher_year}-${String(r.voucher_number).padStart(6, "0")}` && String(r.voucher_year) === r.entry_date.slice(0, 4);
}

/**
 * Does the unit's chain hold, at `seq`, the entry with this hash? (A head noted down or printed
 * earlier; seq 0 is the empty books.) Compares with the stored hash: verify recomputes the chain.
 */
export async function anchorHolds(db: Db, unitId: number, seq: number, hash: string): Promise<boolean> {
  if (seq === 0) return hash === ZERO_HASH;
  return (await q.hashAt(db, unitId, seq)) === hash;
}

/** The unit's chain head and when its entry was recorded (null with no entries). */
export async function publicChainHead(db: Db, unitId: number): Promise<{ seq: number; hash: string; at: string | null }> {
  const h = await q.headWithTime(db, unitId);
  if (!h) return { seq: 0, hash: ZERO_HASH, at: null };
  const at = new Date(h.created_at);
  return { seq: Number(h.seq), hash: h.hash, at: Number.isNaN(at.getTime()) ? h.created_at : at.toISOString() };
}

export async function chainHead(db: Db, unitId: number): Promise<{ seq: number; hash: string }> {
  return (await q.head(db, unitId)) ?? { seq: 0, hash: ZERO_HASH };
}

export interface Closing {
  id: number;
  through: string;
  chainHead: { seq: number; hash: string };
  balances: { account: string; balance: string }[];
  createdBy: number | null;
  createdAt: string;
}

const toClosing = (r: any): Closing => ({
  id: r.id,
  through: r.through,
  chainHead: { seq: Number(r.chain_seq), hash: r.chain_hash },
  balances: JSON.parse(r.balances),
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Closes every date up to `through` (head or admin): stores the balances and the chain head. No reopening. */
export async function closePeriod(trx: Knex.Transaction, actor: Actor, unitId: number, through: string): Promise<Closing> {
  await authorize(trx, actor, ["head", "admin"], unitId);
  await q.lockUnitBooks(trx, unitId);
  if (!isValidDate(through)) throw new ValidationError([{ path: "/through", code: "invalid_date" }]);
  const today = localDate(new Date(actor.at));
  if (through >= today) throw new RuleViolation("period_not_over", { through, today });
  const closed = await q.lastClosed(trx, unitId);
  if (closed && through <= closed) throw new ConflictError("already_closed", { closedThrough: closed });
  const accounts = await q.listAccounts(trx, unitId);
  const sums = new Map((await q.balancesAt(trx, unitId, through)).map((s: any) => [s.account_id, fromDb(s.bal)]));
  const balances = accounts.map((a) => ({ account: a.code, balance: toWire(sums.get(a.id) ?? new Decimal(0)) }));
  const h = await chainHead(trx, unitId);
  const id = await q.insertClosing(trx, {
    unit_id: unitId,
    through,
    chain_seq: h.seq,
    chain_hash: h.hash,
    balances: JSON.stringify(balances),
    created_by: actor.userId,
    created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "closing.created", entity: "closing", entityId: id, unitId, details: { through, chainHead: h } });
  return toClosing((await q.listClosings(trx, unitId)).find((c: any) => c.id === id));
}

export async function listClosings(db: Db, actor: Actor, unitId: number): Promise<Closing[]> {
  await authorize(db, actor, READERS, unitId);
  return (await q.listClosings(db, unitId)).map(toClosing);
}

// ---------------------------------------------------------------- sums for other modules

export interface AccountSum {
  householdId: number | null;
  campaignId?: number | null;
  account: string;
  total: Dong;
}

/** Sums per household and account code of the entries concerning a campaign (contributions' views). */
export async function campaignSums(db: Db, unitId: number, campaignId: number, householdId?: number): Promise<AccountSum[]> {
  return (await q.campaignSums(db, unitId, campaignId, householdId)).map((r: any) => ({ householdId: r.household_id, account: r.code, total: fromDb(r.total) }));
}

/** Sums per campaign and account code of one household's entries, in every unit (its history). */
export async function householdSums(db: Db, householdId: number): Promise<AccountSum[]> {
  return (await q.householdSums(db, householdId)).map((r: any) => ({ householdId, campaignId: r.campaign_id, account: r.code, total: fromDb(r.total) }));
}

/** An account by code, for modules that post to it (undefined when the unit has none). */
export async function findAccount(db: Db, unitId: number, code: string): Promise<Account | undefined> {
  const r = await q.findAccount(db, unitId, code);
  return r && toAccount(r);
}

/** Entries by id, with postings and whether they were reversed (for receipts and histories). */
export async function entriesByIds(db: Db, unitId: number | undefined, ids: number[]): Promise<Entry[]> {
  if (!ids.length) return [];
  const rows = await db<q.EntryRow>("entries").whereIn("id", ids).modify((b) => (unitId !== undefined ? b.where("unit_id", unitId) : b));
  const reversed = await db<q.EntryRow>("entries").select("id", "reverses_id").whereIn("reverses_id", ids);
  const by = new Map(reversed.map((r) => [Number(r.reverses_id), Number(r.id)]));
  return (await hydrate(db, rows)).map((e) => ({ ...e, reversedBy: by.get(e.id) ?? null }));
}

/** Which of these entries have been reversed. */
export async function reversedAmong(db: Db, entryIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < entryIds.length; i += 5000) {
    const rows = await db("entries").select("reverses_id").whereIn("reverses_id", entryIds.slice(i, i + 5000));
    for (const r of rows) out.add(Number(r.reverses_id));
  }
  return out;
}

/** The first code in [from, to] the unit does not use yet (campaigns' 7xx, works' 8xx). */
export async function nextFreeCode(db: Db, unitId: number, from: number, to: number): Promise<string | undefined> {
  const used = new Set((await q.listAccounts(db, unitId)).map((a) => a.code));
  for (let c = from; c <= to; c++) if (!used.has(String(c))) return String(c);
  return undefined;
}

export async function findAccountById(db: Db, id: number): Promise<Account | undefined> {
  const r = await db<q.AccountRow>("accounts").where({ id }).first();
  return r && toAccount(r);
}

/** Voucher numbers of entries (lists and statements show them). */
export async function voucherNumbers(db: Db, ids: number[]): Promise<{ id: number; voucherNo: string }[]> {
  const out: { id: number; voucherNo: string }[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db("entries").select("id", "voucher_no").whereIn("id", ids.slice(i, i + 5000));
    for (const r of rows) out.push({ id: Number(r.id), voucherNo: r.voucher_no });
  }
  return out;
}

// ---------------------------------------------------------------- reads for statements (publication)

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
  const receipts = nets.filter((x) => x.net.isNegative()).map((x) => ({ account: x.account, name: x.name, amount: x.net.negated() }));
  const payments = nets.filter((x) => x.net.isPositive()).map((x) => ({ account: x.account, name: x.name, amount: x.net }));
  return { opening, closing: opening.plus(fromDb(r.period)), receipts, payments };
}

/** Entries a unit posted after `seq`: how stale a statement made at that chain head is. */
export async function countEntriesAfter(db: Db, unitId: number, seq: number): Promise<number> {
  return q.countEntriesAfter(db, unitId, seq);
}

/** One entry of a unit with its postings and whether it was reversed (undefined when none). */
export async function findEntry(db: Db, unitId: number, entryId: number): Promise<Entry | undefined> {
  const [e] = await entriesByIds(db, unitId, [entryId]);
  return e;
}

/**
 * Per household of a campaign, received (111 + 112) and still pledged (131), in whole đồng as
 * bigint: the caller sums thousands of them (a campaign's list), where a Decimal each costs.
 */
export async function campaignHouseholdTotals(db: Db, unitId: number, campaignId: number): Promise<{ householdId: number | null; cash: bigint; receivable: bigint }[]> {
  return (await q.campaignHouseholdTotals(db, unitId, campaignId)).map((r: any) => ({ householdId: r.household_id, cash: BigInt(r.cash), receivable: BigInt(r.receivable) }));
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

import type { Knex } from "knex";
import { Actor, authorize, audit, resolveRefs, SystemReason } from "../identity";
import { ValidationError } from "../shared/errors";
import { fromDb, ZERO, type Dong } from "../shared/money";
import { isValidDate, localDate } from "../shared/dates";
import { ZERO_HASH } from "./hash-chain";
import * as q from "./queries";
import { checkEntry, EntryState } from "./check-entry";
import { guardSplitPayments } from "./approvals";
import { guardOverdraft } from "./overdraft";
import { nextVouchers, voucherKeys } from "./vouchers";
import { chainEntries } from "./chain-entries";
import { POSTERS } from "./types";
import type { Entry, EntryInput, PostedBrief } from "./types";

// Posting: the verbs that write entries, and post(), the one function that posts them: it reads
// the books' state, has each entry checked (check-entry.ts), guards split payments (approvals.ts)
// and overdraft (overdraft.ts), numbers vouchers (vouchers.ts), links the chain (chain-entries.ts)
// and writes, all in the caller's transaction.

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
async function checkRecord(trx: Knex.Transaction, actor: Actor, unitId: number, inputs: EntryInput[]): Promise<Dong> {
  const unit = await authorize(trx, actor, [...POSTERS], unitId);
  if (inputs.some((e) => e.kind === "reversal")) {
    throw new ValidationError([{ path: "/kind", code: "reversal_by_route" }]);
  }
  await resolveRefs(trx, unitId, entryRefs(inputs));
  return fromDb(unit.approvalThreshold);
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
  let threshold = ZERO;
  for (const { actor } of items) {
    if (checked.has(actor.userId)) continue;
    threshold = fromDb((await authorize(trx, actor, [...POSTERS], unitId)).approvalThreshold);
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
 * The unit's treasurer or an admin, checked once per call with the first reads; or, `because`,
 * for another module that has authorized its caller by its own rules (a receipt, an import, a
 * work's payment approved by the head). Throws RuleViolation / ValidationError.
 */
export async function postEntries(
  trx: Knex.Transaction,
  actor: Actor,
  unitId: number,
  inputs: EntryInput[],
  // A module that records its own audit event for the write (a receipt, an import) says so, so
  // that one write leaves one audit record.
  opts: { audit?: boolean; because?: SystemReason } = {},
): Promise<Entry[]> {
  const gate = opts.because ? undefined : authorize(trx, actor, [...POSTERS], unitId).then(() => undefined);
  if (!inputs.length) {
    await gate;
    return [];
  }
  return (await post(trx, actor, unitId, inputs, { audit: opts.audit }, true, gate)).entries!;
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
  opts: { audit?: boolean; approvalLimit?: Dong },
  echo: boolean,
  gate?: Promise<Dong | void>,
): Promise<{ entries?: Entry[]; brief: PostedBrief }> {
  if (!inputs.length) throw new Error("post: no entries"); // callers refuse or skip an empty list first
  const todays = new Map<string, string>(); // per request instant: entries posted together may span midnight
  const todayOf = (a: Actor) => todays.get(a.at) ?? (todays.set(a.at, localDate(new Date(a.at))), todays.get(a.at)!);
  // The closed date, the chain head and the last voucher of each series and year these entries
  // use: one round trip (a receipt is a dozen statements; each one a wait on a busy server).
  const keys = voucherKeys(inputs);
  // Accounts, by code and by id, of this unit only; and for the overdraft guard, the days of every
  // account a negative amount may draw on, from the earliest date of such an entry (a superset of
  // what the guard needs once the accounts are known).
  const codes = new Set<string>();
  const ids = new Set<number>();
  const draw = { codes: new Set<string>(), ids: new Set<number>(), from: "" };
  const negative = (a: Dong | string) => (typeof a === "string" ? a.startsWith("-") : a < 0n);
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
    q.bookState(trx, unitId, keys),
    codes.size || ids.size ? q.accountsByCodesOrIds(trx, unitId, [...codes], [...ids]) : [],
    draw.from ? q.overdraftDays(trx, unitId, [...draw.codes], [...draw.ids], draw.from) : undefined,
  ] as const);
  const closed = state.closed;
  // Manual entries (the raw routes) pay nothing above the approval threshold (DESIGN §6).
  const approvalLimit = opts.approvalLimit ?? (typeof gated === "bigint" ? gated : undefined);
  const byCode = new Map(accRows.filter((a) => a.unit_id === unitId).map((a) => [a.code, a]));
  const byId = new Map(accRows.map((a) => [a.id, a]));

  // One state for all of them (no object per entry): checkEntry only reads it.
  const accounts = { byCode, byId };
  const checking: EntryState = { unitId, today: "", closedThrough: closed, approvalLimit, entry: 0, several: inputs.length > 1 };
  const resolved = inputs.map((e, i) => {
    checking.entry = i;
    checking.today = todayOf(e.by ?? actor);
    return checkEntry(e, accounts, checking);
  });
  if (approvalLimit !== undefined) await guardSplitPayments(trx, unitId, resolved, approvalLimit);

  await guardOverdraft(trx, resolved.map((r) => ({ date: r.input.date, postings: r.postings })), drawDays && { ...drawDays, from: draw.from });

  // Voucher numbers, entry ids, seq: all decided here, under the unit's lock.
  const vouchers = await nextVouchers(trx, unitId, inputs, state.lastVoucher);
  const entryIds = await q.nextEntryIds(trx, resolved.length, state.maxEntryId);
  const firstSeq = (state.head?.seq ?? 0) + 1;
  const postingRows: unknown[][] = [];
  for (let i = 0; i < resolved.length; i++) {
    const date = resolved[i].input.date;
    for (const p of resolved[i].postings) postingRows.push([entryIds[i], unitId, p.acc.id, p.wire, p.memo, date, firstSeq + i]);
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

  const chain = chainEntries(actor, unitId, resolved, vouchers, entryIds, firstSeq, state.head?.hash ?? ZERO_HASH, echo);
  const entriesIn = q.prepareEntries(trx, chain.rows); // written while the postings go in
  try {
    await postingsIn;
    await entriesIn();
  } finally {
    // Settled before anything is thrown: no statement may still be running at the rollback.
    await auditIn?.catch(() => undefined);
  }
  await auditIn;
  const end = (i: number, hash: string) => ({ id: entryIds[i], seq: firstSeq + i, voucherNo: vouchers[i].no, hash });
  return { entries: chain.entries, brief: { count: n, first: end(0, chain.firstHash), last: end(n - 1, chain.lastHash) } };
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

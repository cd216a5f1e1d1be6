import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, asSystem, audit, authorize, SystemReason } from "../identity";
import { ConflictError, RuleViolation } from "../shared/errors";
import { dong, fromDb, negate, ZERO, type Dong } from "../shared/money";
import { localDate } from "../shared/dates";
import * as q from "./queries";
import { recordClosing } from "./closings";
import { postEntries } from "./posting";
import { trialBalance } from "./reads";
import { READERS, toAccount, type Account } from "./types";
import type { YearClosingWire } from "./year-close-wire";
import * as yq from "./year-close-queries";

// Closing a year (L17, Circular 70/2019: kết chuyển cuối năm): each revenue and expense account's
// balance moves into its fund (a net-assets account, 4xx) by one closing entry dated 31/12, posted
// like any other (the hash chain covers it); then the year is closed as a period, and the balances
// after it are the next year's opening balances. Which fund an account closes into: the one the
// request names for it, else the one its module registered (a campaign's fund), else its parent
// account when that is a fund, else the request's default fund, else the unit's only fund.

export interface YearCloseInput {
  year: number;
  /** The default fund (4xx) for accounts given no other. */
  fund?: string;
  /** Per revenue or expense account code, its fund's code. */
  funds?: Record<string, string>;
}

export type YearClosing = YearClosingWire;

/**
 * A module that knows which fund an account of its own serves (a campaign's revenue account, the
 * fund the campaign raises for) registers it once, beside its tables, as anchors are registered:
 * the ledger reads no other module's tables. Answers account code → fund code for a unit.
 */
export type FundSource = (db: Db, unitId: number) => Promise<Map<string, string>>;
const FUND_SOURCES: FundSource[] = [];
export function registerFundSource(source: FundSource): void {
  FUND_SOURCES.push(source);
}

const CLOSES = new Set(["revenue", "expense"]);

/** Closes a year (head or admin of the unit): the closing entry, the period closing, the next year's opening balances. */
export async function closeYear(trx: Knex.Transaction, actor: Actor, unitId: number, input: YearCloseInput): Promise<YearClosing> {
  await authorize(trx, actor, ["head", "admin"], unitId);
  await q.lockUnitBooks(trx, unitId);
  const through = `${input.year}-12-31`;
  const today = localDate(new Date(actor.at));
  if (through >= today) throw new RuleViolation("period_not_over", { through, today });
  if (await yq.findYearClosing(trx, unitId, input.year)) throw new ConflictError("already_closed", { closedThrough: through });
  const closed = await q.lastClosed(trx, unitId);
  if (closed && through <= closed) throw new ConflictError("already_closed", { closedThrough: closed });

  const accounts = (await q.listAccounts(trx, unitId)).map(toAccount);
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const sums = new Map((await q.balancesAt(trx, unitId, through)).map((s) => [s.account_id, fromDb(s.bal)]));
  const isFund = (code: string | null | undefined): code is string => !!code && byCode.get(code)?.type === "net_assets";
  const funds = accounts.filter((a) => a.type === "net_assets");
  for (const [code, fund] of Object.entries({ ...input.funds, ...(input.fund ? { "": input.fund } : {}) })) {
    if (!isFund(fund)) throw new RuleViolation("not_a_fund", { account: fund, path: code ? `/funds/${code}` : "/fund" });
  }
  const registered = new Map<string, string>();
  for (const source of FUND_SOURCES) for (const [code, fund] of await source(trx, unitId)) if (isFund(fund)) registered.set(code, fund);
  const fundOf = (a: Account): string => {
    const named = input.funds?.[a.code] ?? registered.get(a.code) ?? (isFund(a.parentCode) ? a.parentCode : undefined) ?? input.fund ?? (funds.length === 1 ? funds[0].code : undefined);
    if (!named) throw new RuleViolation("fund_required", { account: a.code, path: `/funds/${a.code}` });
    return named;
  };

  // Each closed account's balance goes out; its fund takes the sum (revenue credit, expense debit).
  const postings: { accountId: number; amount: Dong; memo: string | null }[] = [];
  const intoFund = new Map<string, Dong>();
  for (const a of accounts.filter((x) => CLOSES.has(x.type))) {
    const bal = sums.get(a.id) ?? ZERO;
    if (bal === ZERO) continue;
    postings.push({ accountId: a.id, amount: negate(bal), memo: null });
    const f = fundOf(a);
    intoFund.set(f, dong((intoFund.get(f) ?? ZERO) + bal));
  }
  for (const [code, amount] of [...intoFund.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (amount !== ZERO) postings.push({ accountId: byCode.get(code)!.id, amount, memo: `Kết chuyển vào quỹ ${code}` });
  }
  const because: SystemReason = asSystem("the year's closing entry, by the head or admin closing the year");
  const [entry] = postings.length
    ? await postEntries(trx, actor, unitId, [{ date: through, kind: "adjustment", description: `Kết chuyển thu, chi năm ${input.year} vào quỹ`, postings }], { because })
    : [undefined];
  const closing = await recordClosing(trx, actor, unitId, through);
  const id = await yq.insertYearClosing(trx, {
    unit_id: unitId,
    year: input.year,
    entry_id: entry?.id ?? null,
    closing_id: closing.id,
    opening_balances: JSON.stringify(closing.balances.filter((b) => b.balance !== "0")),
    created_by: actor.userId,
    created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "year.closed", entity: "year_closing", entityId: id, unitId, details: { year: input.year, entryId: entry?.id ?? null, closingId: closing.id } });
  return toYearClosing((await yq.findYearClosing(trx, unitId, input.year))!);
}

const toYearClosing = (r: yq.YearClosingRow): YearClosing => ({
  id: r.id,
  year: Number(r.year),
  entryId: r.entry_id === null ? null : Number(r.entry_id),
  closingId: r.closing_id,
  nextYearOpening: JSON.parse(r.opening_balances),
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** A unit's closed years (anyone who reads its books). */
export async function listYearClosings(db: Db, actor: Actor, unitId: number): Promise<YearClosing[]> {
  await authorize(db, actor, READERS, unitId);
  return (await yq.listYearClosings(db, unitId)).map(toYearClosing);
}

/**
 * The trial balance at a stage of the year's closing: `after` (the books as they are) or `before`
 * (without the closing entries dated in the period: the year's revenue and expense as they stood).
 */
export async function trialBalanceAt(db: Db, who: Actor | SystemReason, unitId: number, from: string, to: string, stage: "before" | "after") {
  const tb = await trialBalance(db, who, unitId, from, to);
  if (stage === "after") return tb;
  const entryIds = (await yq.listYearClosings(db, unitId)).filter((y) => y.entry_id !== null && `${y.year}-12-31` >= from && `${y.year}-12-31` <= to).map((y) => y.entry_id!);
  if (!entryIds.length) return tb;
  const undo = new Map<string, Dong>();
  for (const p of await q.postingsOf(db, entryIds)) undo.set(p.code, dong((undo.get(p.code) ?? ZERO) + fromDb(p.amount)));
  const totals = { opening: ZERO, debit: ZERO, credit: ZERO, closing: ZERO };
  const rows = tb.rows.map((r) => {
    const a = undo.get(r.account) ?? ZERO;
    const debit = a > ZERO ? dong(r.debit - a) : r.debit;
    const credit = a < ZERO ? dong(r.credit + a) : r.credit;
    const closing = dong(r.opening + debit - credit);
    totals.opening = dong(totals.opening + r.opening);
    totals.debit = dong(totals.debit + debit);
    totals.credit = dong(totals.credit + credit);
    totals.closing = dong(totals.closing + closing);
    return { ...r, debit, credit, closing };
  });
  return { from, to, rows, totals };
}


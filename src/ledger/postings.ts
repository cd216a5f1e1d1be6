import { dong, negate, type Dong } from "../shared/money";
import { CHART } from "./chart";
import type { PostingInput } from "./types";

// Each domain posting, built by one function that every path uses (a single receipt, an import, an
// approval, a batch): the same input gives the same postings, in the same order, with the same memos,
// so the same entries and hashes. Pure: no database, no actor.

/** How money came in or went out: cash (111) or bank (112). */
export type MoneyMethod = "cash" | "bank";

const moneyAccount = (method: MoneyMethod) => (method === "bank" ? CHART.bank : CHART.cash);

/** The memo of the part of a receipt that settles a pledge (it is in the entry's hash). */
export const PLEDGE_SETTLED_MEMO = "Thu theo đăng ký";

/**
 * A receipt (phiếu thu): Dr 111 or 112 for the amount; Cr 131 for the part settling the household's
 * pledge (`toPledge`, 0 when none), Cr the campaign's revenue for the rest.
 */
export function receiptPostings(r: { method: MoneyMethod; amount: Dong; toPledge: Dong; revenueAccountId: number }): PostingInput[] {
  const postings: PostingInput[] = [{ account: moneyAccount(r.method), amount: r.amount }];
  if (r.toPledge > 0n) postings.push({ account: CHART.pledges, amount: negate(r.toPledge), memo: PLEDGE_SETTLED_MEMO });
  const toRevenue = dong(r.amount - r.toPledge);
  if (toRevenue > 0n) postings.push({ accountId: r.revenueAccountId, amount: negate(toRevenue) });
  return postings;
}

/** A pledge (đăng ký đóng góp): Dr 131, Cr the campaign's revenue. */
export function pledgePostings(p: { amount: Dong; revenueAccountId: number }): PostingInput[] {
  return [
    { account: CHART.pledges, amount: p.amount },
    { accountId: p.revenueAccountId, amount: negate(p.amount) },
  ];
}

/** Labour, land or materials given, at the campaign's unit value: Dr the in-kind account, Cr the campaign's revenue. */
export function inKindPostings(p: { amount: Dong; inKindAccountId: number; revenueAccountId: number }): PostingInput[] {
  return [
    { accountId: p.inKindAccountId, amount: p.amount },
    { accountId: p.revenueAccountId, amount: negate(p.amount) },
  ];
}

/** How a payment is settled: cash, bank, owed to the supplier, or out of the crew's advance. */
export type PaymentMethod = "cash" | "bank" | "payable" | "advance";

/** The Cr side of a payment, by method. */
export const CREDIT_OF: Record<PaymentMethod, string> = { cash: CHART.cash, bank: CHART.bank, payable: CHART.payables, advance: CHART.advances };

/**
 * A payment voucher (phiếu chi) of a work: Dr the work's cost account (`costAccountId`) or, for an
 * advance to its crew (`kind: "advance"`), 141; Cr by method (CREDIT_OF).
 */
export function expensePostings(p: { kind: "expense" | "advance"; method: PaymentMethod; amount: Dong; costAccountId?: number }): PostingInput[] {
  const debit: PostingInput = p.kind === "advance" ? { account: CHART.advances, amount: p.amount } : { accountId: p.costAccountId!, amount: p.amount };
  return [debit, { account: CREDIT_OF[p.method], amount: negate(p.amount) }];
}

/** Money moved between cash and bank (nộp tiền vào / rút tiền từ ngân hàng): Dr where it goes, Cr where it leaves. */
export function transferPostings(t: { from: MoneyMethod; to: MoneyMethod; amount: Dong; memo?: string | null }): PostingInput[] {
  return [
    { account: moneyAccount(t.to), amount: t.amount, memo: t.memo ?? null },
    { account: moneyAccount(t.from), amount: negate(t.amount), memo: t.memo ?? null },
  ];
}

/** A reversal: the original's postings with their sides swapped, memos kept. */
export function reversalPostings(original: { account: string; amount: Dong; memo: string | null }[]): PostingInput[] {
  return original.map((p) => ({ account: p.account, amount: negate(p.amount), memo: p.memo }));
}

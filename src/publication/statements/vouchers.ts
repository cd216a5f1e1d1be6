import { STATEMENTS } from "../../../reports/statements";
import * as contributions from "../../contributions";
import * as ledger from "../../ledger";
import { dateLineVi } from "../../shared/dates";
import { NotFoundError, RuleViolation } from "../../shared/errors";
import { formatDong, negate, sum } from "../../shared/money";
import { fromArray, Row, StatementModel } from "../model";
import type { Built, KindContext } from "./context";

// The vouchers of money moved (accounting.md §3): a payment's phiếu chi (C41-BB) for money out of
// cash, and for money in, the phiếu thu (C40-BB, books.ts) only when it came in as cash; money that
// reached the bank prints as the unit's slip of the bank's credit advice (giấy báo có). Each kind
// refuses the other's entry by its own code, so a bank deposit never gets a cash voucher.

/** A household receipt's verification code: "R-<entry id>-<first 10 hex of its chain hash>". */
export function receiptCode(entryId: number, hash: string): string {
  return `R-${entryId}-${hash.slice(0, 10)}`;
}
export const RECEIPT_CODE = /^R-([0-9]{1,15})-([0-9a-f]{10})$/;

export type VoucherKind = "receipt" | "bank-receipt" | "payment-voucher";

/** Cash (111) or the bank (112), sub-accounts included (their codes extend the parent's: 1121, 1128). */
const isOf = (root: string) => (account: string) => account.startsWith(root);
const isCash = isOf(ledger.CHART.cash);
const isBank = isOf(ledger.CHART.bank);

/** The entry a voucher prints, checked for its kind: 404 when not in the unit, 422 when it is not that voucher's money. */
export async function voucherEntry(db: KindContext["db"], unitId: number, kind: VoucherKind, entryId: number): Promise<ledger.Entry> {
  const e = await ledger.findEntry(db, unitId, entryId);
  if (!e) throw new NotFoundError("entry", { id: entryId });
  const debits = e.postings.filter((p) => p.amount > 0n).map((p) => p.account);
  const credits = e.postings.filter((p) => p.amount < 0n).map((p) => p.account);
  if (kind === "payment-voucher") {
    if (e.kind !== "expense" || !e.voucherNo.startsWith("PC-")) throw new RuleViolation("not_a_payment", { voucherNo: e.voucherNo });
    if (!credits.some(isCash)) throw new RuleViolation("not_cash_payment", { voucherNo: e.voucherNo });
    return e;
  }
  if (e.kind !== "contribution" || !e.voucherNo.startsWith("PT-")) throw new RuleViolation("not_a_receipt", { voucherNo: e.voucherNo });
  if (kind === "receipt" && !debits.some(isCash)) throw new RuleViolation("not_cash_receipt", { voucherNo: e.voucherNo });
  if (kind === "bank-receipt" && !debits.some(isBank)) throw new RuleViolation("not_bank_receipt", { voucherNo: e.voucherNo });
  return e;
}

/** The number block of a voucher: its book (the series and year it is numbered in), number, accounts and date line. */
export function voucherForm(e: ledger.Entry): NonNullable<StatementModel["form"]> {
  const accounts = (debit: boolean) => [...new Set(e.postings.filter((p) => (debit ? p.amount > 0n : p.amount < 0n)).map((p) => p.account))].join(", ");
  return {
    // vouchers are numbered without a gap per series and year (ledger/vouchers.ts): that run is the book
    book: e.voucherNo.split("-").slice(0, 2).join("-"),
    number: e.voucherNo,
    debit: accounts(true),
    credit: accounts(false),
    dateLine: dateLineVi(e.date).replace(/^n/, "N"),
  };
}

/** The voucher's accounts, one row per posting. */
export function voucherRows(e: ledger.Entry): Row[] {
  return e.postings.map((p) => ({
    account: p.account,
    name: p.accountName,
    debit: p.amount > 0n ? p.amount : null,
    credit: p.amount < 0n ? negate(p.amount) : null,
  }));
}

/**
 * The head of a household's voucher (phiếu thu, giấy báo có): its own code — its entry and the start
 * of its chain hash, so it shows that receipt in the public ledger, published or not — where to
 * verify it, and its number block.
 */
function householdVoucherHead(e: ledger.Entry, o: KindContext["o"]) {
  const code = o.code ?? receiptCode(e.id, e.hash);
  return { code, verifyUrl: `${o.publicBaseUrl}/verify/${code}`, subtitle: [e.voucherNo], period: { from: e.date, to: e.date }, form: voucherForm(e) };
}

const REVERSED = "Chứng từ này đã được hủy bằng bút toán đảo; số tiền không còn được ghi nhận.";

/** Phiếu chi: a payment out of cash on the accounting form C41-BB. */
export async function paymentVoucher(k: KindContext): Promise<Built> {
  const { db, unit, params, base } = k;
  const e = await voucherEntry(db, unit.id, "payment-voucher", params.entryId!);
  const amount = sum(e.postings.filter((p) => p.amount < 0n && isCash(p.account)).map((p) => negate(p.amount)));
  const model: StatementModel = {
    ...base,
    subtitle: [e.voucherNo],
    period: { from: e.date, to: e.date },
    form: voucherForm(e),
    fields: [
      { label: "Họ và tên người nhận tiền", value: e.payee ?? "……………………………" },
      { label: "Địa chỉ", value: "……………………………" },
      { label: "Lý do chi", value: e.description },
      { label: "Số tiền", value: `${formatDong(amount)} đồng` },
      { label: "Kèm theo", value: "…… chứng từ gốc" },
      ...(e.reversedBy ? [{ label: "Ghi chú", value: REVERSED }] : []),
    ],
    tables: [{ def: STATEMENTS["payment-voucher"].table, rows: fromArray(voucherRows(e)) }],
    words: { label: STATEMENTS["payment-voucher"].wordsLabel, amount },
  };
  return { model };
}

/** Giấy báo có: a contribution that reached the bank, as the unit files the bank's credit advice. */
export async function bankReceipt(k: KindContext): Promise<Built> {
  const { db, unit, params, o, base } = k;
  const e = await voucherEntry(db, unit.id, "bank-receipt", params.entryId!);
  const amount = sum(e.postings.filter((p) => p.amount > 0n && isBank(p.account)).map((p) => p.amount));
  const household = e.householdId ? await contributions.findHousehold(db, e.householdId) : undefined;
  const model: StatementModel = {
    ...base,
    ...householdVoucherHead(e, o),
    fields: [
      { label: "Người nộp", value: household ? `${household.headName} (hộ ${household.code})` : "—" },
      { label: "Nội dung", value: e.description },
      { label: "Số tiền", value: `${formatDong(amount)} đồng` },
      { label: "Kèm theo", value: "Giấy báo có của ngân hàng, kho bạc" },
      ...(e.reversedBy ? [{ label: "Ghi chú", value: REVERSED }] : []),
    ],
    tables: [{ def: STATEMENTS["bank-receipt"].table, rows: fromArray(voucherRows(e)) }],
    words: { label: STATEMENTS["bank-receipt"].wordsLabel, amount },
  };
  return { model };
}

/** Phiếu thu: one household receipt on the accounting form. */
export async function receipt(k: KindContext): Promise<Built> {
  const { db, unit, params, o, base, ctx } = k;
  // a cash receipt only: money into the bank prints as its credit advice (vouchers.ts)
  const e = await voucherEntry(db, unit.id, "receipt", params.entryId!);
  const household = e.householdId ? await contributions.findHousehold(db, e.householdId) : undefined;
  const amount = sum(e.postings.filter((p) => p.amount > 0n).map((p) => p.amount));
  const model: StatementModel = {
    ...base,
    ...householdVoucherHead(e, o),
    fields: [
      { label: "Họ và tên người nộp tiền", value: household ? `${household.headName} (hộ ${household.code})` : "—" },
      { label: "Địa chỉ", value: ctx.fullName },
      { label: "Lý do nộp", value: e.description },
      { label: "Số tiền", value: `${formatDong(amount)} đồng` },
      { label: "Kèm theo", value: "…… chứng từ gốc" },
      ...(e.reversedBy ? [{ label: "Ghi chú", value: "Phiếu thu này đã được hủy bằng bút toán đảo; số tiền không còn được ghi nhận." }] : []),
    ],
    tables: [{ def: STATEMENTS["receipt"].table, rows: fromArray(voucherRows(e)) }],
    words: { label: STATEMENTS["receipt"].wordsLabel, amount },
  };
  return { model };
}

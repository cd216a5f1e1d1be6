import type { NotifyEvent } from "../events";
import { amountVi, compose, dateVi, TemplateContext } from "./kit";

type E = Extract<NotifyEvent, { kind: "work_payment" }>;

/** To households that contributed to the work: a payment posted on it. */
export function workPaymentMessage(e: Omit<E, "kind" | "unitId" | "refId">, ctx: TemplateContext) {
  return compose(ctx, "Chi cho công trình", [
    `Công trình "${e.work}": đã chi ${amountVi(e.amount)} cho ${e.payee}.`,
    `Phiếu chi số ${e.voucherNo}, ngày ${dateVi(e.date)}.`,
  ], { templateId: "work_payment", params: { work: e.work, amount: e.amount, payee: e.payee, voucher_no: e.voucherNo, date: dateVi(e.date) } });
}

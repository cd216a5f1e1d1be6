import type { NotifyEvent } from "../events";
import { amountVi, compose, dateVi, TemplateContext } from "./kit";

type E = Extract<NotifyEvent, { kind: "receipt" }>;

/** To a household whose contribution was recorded. */
export function receiptMessage(e: Omit<E, "kind" | "unitId" | "refId">, ctx: TemplateContext) {
  return compose(ctx, "Đã nhận đóng góp", [
    `Hộ ${ctx.householdCode} đã đóng góp ${amountVi(e.amount)} cho đợt vận động "${e.campaign}".`,
    `Phiếu thu số ${e.voucherNo}, ngày ${dateVi(e.date)}.`,
    "Xin cảm ơn gia đình.",
  ], { templateId: "receipt", params: { household: ctx.householdCode, amount: e.amount, campaign: e.campaign, voucher_no: e.voucherNo, date: dateVi(e.date) } });
}

import { formatDong, parseDong } from "../../shared/money";
import { inWords } from "../../shared/words-vi";
import { formatDateVi } from "../../shared/dates";
import type { Composed } from "../channels/channel";

// What every template shares: the greeting's unit, amounts as on documents (1.250.000 đồng, and in
// words), dates as dd/mm/yyyy, and the closing "Hủy đăng ký" link.

export interface TemplateContext {
  unitName: string;
  householdCode: string;
  /** The subscription's own withdrawal link (a token only it knows). */
  unsubscribeUrl: string;
  /** Where the unit's public page is. */
  publicUrl: string;
}

export const amountVi = (amount: string) => {
  const d = parseDong(amount);
  return `${formatDong(d)} đồng (${inWords(d)})`;
};
export const dateVi = formatDateVi;

/** A message: its subject, its lines, and its ZNS template; the footer is added here. */
export function compose(ctx: TemplateContext, subject: string, lines: string[], zns: Composed["zns"]): Composed {
  const text = [`${ctx.unitName} — ${subject}`, "", ...lines, "", `Xem trên bảng tin: ${ctx.publicUrl}`, `Hủy đăng ký: ${ctx.unsubscribeUrl}`].join("\n");
  return { subject: `${subject} — ${ctx.unitName}`, text, zns: { templateId: zns.templateId, params: { ...zns.params, unsubscribe_url: ctx.unsubscribeUrl } } };
}

import type { NotifyEvent } from "../events";
import { compose, TemplateContext } from "./kit";
import { formatInstantVi } from "../../shared/dates";

type E = Extract<NotifyEvent, { kind: "consultation" }>;

/** To every subscribed household: a consultation opened. */
export function consultationMessage(e: Omit<E, "kind" | "unitId" | "refId">, ctx: TemplateContext) {
  const closes = formatInstantVi(e.closesAt);
  return compose(ctx, "Lấy ý kiến người dân", [`Công trình "${e.work}": ${e.question}`, `Mời gia đình cho ý kiến trước ${closes}.`], {
    templateId: "consultation", params: { work: e.work, question: e.question.slice(0, 100), closes_at: closes },
  });
}

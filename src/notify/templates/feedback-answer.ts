import type { NotifyEvent } from "../events";
import { compose, TemplateContext } from "./kit";

type E = Extract<NotifyEvent, { kind: "feedback_answer" }>;

/** To the household that sent feedback: the board answered it (the answer is public on the board). */
export function feedbackAnswerMessage(e: Omit<E, "kind" | "unitId" | "refId">, ctx: TemplateContext) {
  void e;
  return compose(ctx, "Phản ánh đã được trả lời", ["Ban giám sát đã trả lời phản ánh của gia đình. Câu trả lời được công khai trên bảng tin."], {
    templateId: "feedback_answer", params: { household: ctx.householdCode },
  });
}

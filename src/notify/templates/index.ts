import type { Composed } from "../channels/channel";
import type { EventKind } from "../events";
import type { TemplateContext } from "./kit";
import { receiptMessage } from "./receipt";
import { workMovedMessage } from "./work-moved";
import { workProgressMessage } from "./work-progress";
import { workPaymentMessage } from "./work-payment";
import { publicationMessage } from "./publication";
import { consultationMessage } from "./consultation";
import { feedbackAnswerMessage } from "./feedback-answer";

type Template = (payload: never, ctx: TemplateContext) => Composed;

// One template per event kind; the payload is the event as enqueued (without kind, unit and ref).
const TEMPLATES: Record<EventKind, Template> = {
  receipt: receiptMessage,
  work_moved: workMovedMessage,
  work_progress: workProgressMessage,
  work_payment: workPaymentMessage,
  publication: publicationMessage,
  consultation: consultationMessage,
  feedback_answer: feedbackAnswerMessage,
};

/** The message of an event of `kind` (payload as stored) for one recipient. */
export function messageOf(kind: EventKind, payload: unknown, ctx: TemplateContext): Composed {
  return (TEMPLATES[kind] as (p: unknown, c: TemplateContext) => Composed)(payload, ctx);
}

export type { TemplateContext } from "./kit";
export { confirmCodeMessage } from "./confirm-code";

import type { NotifyEvent } from "../events";
import { compose, TemplateContext } from "./kit";

type E = Extract<NotifyEvent, { kind: "publication" }>;

/** To the unit's subscribers: a statement published. */
export function publicationMessage(e: Omit<E, "kind" | "unitId" | "refId">, ctx: TemplateContext) {
  return compose(ctx, "Công khai tài chính", [`Đã công khai: ${e.title}.`, `Mã kiểm tra: ${e.code}.`], {
    templateId: "publication", params: { title: e.title, code: e.code },
  });
}

import type { NotifyEvent } from "../events";
import { compose, dateVi, TemplateContext } from "./kit";

type E = Extract<NotifyEvent, { kind: "work_progress" }>;

/** To households that contributed to the work: its progress. */
export function workProgressMessage(e: Omit<E, "kind" | "unitId" | "refId">, ctx: TemplateContext) {
  return compose(ctx, "Tiến độ công trình", [`Công trình "${e.work}" đạt ${e.percent}% khối lượng (cập nhật ngày ${dateVi(e.date)}).`], {
    templateId: "work_progress", params: { work: e.work, percent: String(e.percent), date: dateVi(e.date) },
  });
}

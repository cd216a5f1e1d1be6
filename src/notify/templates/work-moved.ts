import type { NotifyEvent } from "../events";
import { compose, dateVi, TemplateContext } from "./kit";

type E = Extract<NotifyEvent, { kind: "work_moved" }>;

// The states as residents read them on the notice board.
const STATES: Record<string, string> = {
  proposed: "đề xuất", consulting: "đang lấy ý kiến", approved: "đã được phê duyệt", in_progress: "bắt đầu thi công",
  completed: "đã hoàn thành", accepted: "đã nghiệm thu", settled: "đã quyết toán", cancelled: "đã hủy",
};

/** To households that contributed to the work: it moved to another state. */
export function workMovedMessage(e: Omit<E, "kind" | "unitId" | "refId">, ctx: TemplateContext) {
  const state = STATES[e.to] ?? e.to;
  return compose(ctx, "Công trình chuyển trạng thái", [`Công trình "${e.work}" ${state} từ ngày ${dateVi(e.date)}.`], {
    templateId: "work_moved", params: { work: e.work, state, date: dateVi(e.date) },
  });
}

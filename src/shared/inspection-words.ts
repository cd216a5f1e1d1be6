// An inspection's words (DESIGN §7): what a board examines, the results it records and the kinds of
// board, named once for the screen the board records on and the minutes it signs, so the paper says
// what the board saw when it recorded.

export const CHECKLIST_ITEMS = ["design", "progress", "materials", "costs_disclosure", "environment", "land_clearance"] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CHECKLIST_ITEM_NAMES: Record<ChecklistItem, string> = {
  design: "Thiết kế, bản vẽ",
  progress: "Tiến độ thi công",
  materials: "Vật liệu, chất lượng",
  costs_disclosure: "Công khai chi phí",
  environment: "Vệ sinh, môi trường",
  land_clearance: "Giải phóng mặt bằng",
};

export const CHECKLIST_RESULTS = ["ok", "issue", "not_checked"] as const;
export type ChecklistResult = (typeof CHECKLIST_RESULTS)[number];
export const CHECKLIST_RESULT_NAMES: Record<ChecklistResult, string> = { ok: "Đạt", issue: "Có vấn đề", not_checked: "Chưa kiểm tra" };

export type BoardKind = "gsdtcd" | "ttnd";
export const BOARD_KIND_NAMES: Record<BoardKind, string> = { gsdtcd: "Ban Giám sát đầu tư của cộng đồng", ttnd: "Ban Thanh tra nhân dân" };

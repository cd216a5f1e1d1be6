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

/**
 * A board's name spelled in full, as its members and the minutes say it: the name it was set up
 * with ("Ban Giám sát đầu tư của cộng đồng xã Tân Linh"), followed by its kind when the name does not
 * say it ("Ban số 1 (Ban Thanh tra nhân dân)"). Never shortened: "của cộng đồng" is the law's wording.
 */
export function boardTitle(name: string, kind: BoardKind): string {
  const kindName = BOARD_KIND_NAMES[kind];
  return name.toLocaleLowerCase("vi").includes(kindName.toLocaleLowerCase("vi")) ? name : `${name} (${kindName})`;
}

export type FindingSeverity = "observation" | "minor" | "major" | "critical";

/**
 * How serious a cash count's difference is, by its unit's thresholds (whole đồng) and whichever its
 * sign: below `minor` an observation, below `critical` minor, then major, and critical from ten
 * times `critical`. The server files the finding by it; the board's screen shows it as one counts.
 */
export function cashDifferenceSeverity(difference: bigint, thresholds: { minor: bigint; critical: bigint }): FindingSeverity {
  const size = difference < 0n ? -difference : difference;
  if (size < thresholds.minor) return "observation";
  if (size < thresholds.critical) return "minor";
  return size < thresholds.critical * 10n ? "major" : "critical";
}

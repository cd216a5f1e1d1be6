// A board's make-up as the law sets it (law.md L11–L12), named once for the server (filing minutes,
// the API's flag), the board's screen and the minutes PDF: the same reasons everywhere.
import type { BoardKind } from "./inspection-words";

export const BOARD_ROLES = ["chair", "vice_chair", "member"] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];
export const BOARD_ROLE_NAMES: Record<BoardRole, string> = { chair: "Trưởng ban", vice_chair: "Phó Trưởng ban", member: "Thành viên" };

/** The flag a board that is not made up as the law says carries, on its page and its minutes. */
export const INCOMPLETE_TITLE = "Ban chưa đủ thành phần theo quy định";

// Ban GSĐTCĐ: 5 to 7 members with a Fatherland Front representative (Decree 59/2023). Ban TTND: at
// most 2 vice-chairs (law.md gives its size, commonly 5–11, only as "verify": not checked).
export const GSDTCD_MIN_MEMBERS = 5;
export const GSDTCD_MAX_MEMBERS = 7;
export const TTND_MAX_VICE_CHAIRS = 2;

export type CompositionProblem =
  | { code: "too_few_members"; count: number; min: number }
  | { code: "too_many_members"; count: number; max: number }
  | { code: "no_front_representative" }
  | { code: "too_many_vice_chairs"; count: number; max: number };

export interface Composition {
  complete: boolean;
  problems: CompositionProblem[];
}

/** What keeps a board (its active members) from being made up as the law says; none: complete. */
export function boardComposition(kind: BoardKind, members: { role: BoardRole; frontRepresentative: boolean }[]): Composition {
  const problems: CompositionProblem[] = [];
  if (kind === "gsdtcd") {
    if (members.length < GSDTCD_MIN_MEMBERS) problems.push({ code: "too_few_members", count: members.length, min: GSDTCD_MIN_MEMBERS });
    if (members.length > GSDTCD_MAX_MEMBERS) problems.push({ code: "too_many_members", count: members.length, max: GSDTCD_MAX_MEMBERS });
    if (!members.some((m) => m.frontRepresentative)) problems.push({ code: "no_front_representative" });
  }
  const vice = members.filter((m) => m.role === "vice_chair").length;
  if (kind === "ttnd" && vice > TTND_MAX_VICE_CHAIRS) problems.push({ code: "too_many_vice_chairs", count: vice, max: TTND_MAX_VICE_CHAIRS });
  return { complete: problems.length === 0, problems };
}

/** One reason, in Vietnamese, as the screen and the minutes print it. */
export function compositionReason(p: CompositionProblem): string {
  switch (p.code) {
    case "too_few_members":
      return `Ban có ${p.count} thành viên, cần từ ${GSDTCD_MIN_MEMBERS} đến ${GSDTCD_MAX_MEMBERS} thành viên`;
    case "too_many_members":
      return `Ban có ${p.count} thành viên, nhiều hơn ${GSDTCD_MAX_MEMBERS} thành viên`;
    case "no_front_representative":
      return "Ban chưa có đại diện Ủy ban Mặt trận Tổ quốc Việt Nam xã";
    case "too_many_vice_chairs":
      return `Ban có ${p.count} Phó Trưởng ban, nhiều nhất ${p.max}`;
  }
}

import { registerProblems } from "../http/messages";

// Supervision's problem texts (README lists every code).
registerProblems(
  {
    not_board_member: { vi: ["Không phải thành viên Ban", "Người dùng {userId} không phải thành viên của Ban."], en: ["Not a board member", "User {userId} is not a member of the board."] },
    inspection_immutable: {
      vi: ["Biên bản đã nộp", "Đợt giám sát đang ở trạng thái {state}: không sửa được, chỉ bổ sung (phụ lục)."],
      en: ["Inspection filed", "The inspection is {state}: it cannot change; add an addendum instead."],
    },
    already_answered: { vi: ["Đã trả lời", "Phản ánh này đã được trả lời lúc {answeredAt}."], en: ["Already answered", "This feedback was answered at {answeredAt}."] },
  },
  { duplicate: { vi: "Trùng lặp", en: "Duplicate" } },
);

import { registerProblems } from "../http/messages";

// Supervision's problem texts (README lists every code).
registerProblems(
  {
    not_board_member: { vi: ["Không phải thành viên Ban", "Người dùng {userId} không phải thành viên của Ban."], en: ["Not a board member", "User {userId} is not a member of the board."] },
    inspection_immutable: {
      vi: ["Biên bản đã nộp", "Đợt giám sát đang ở trạng thái {state}: không sửa được, chỉ bổ sung (phụ lục)."],
      en: ["Inspection filed", "The inspection is {state}: it cannot change; add an addendum instead."],
    },
    board_has_chair: { vi: ["Ban đã có Trưởng ban", "Người dùng {userId} đang là Trưởng ban: mỗi Ban có một Trưởng ban."], en: ["The board has a chair", "User {userId} chairs the board: a board has one chair."] },
    board_composition_incomplete: {
      vi: ["Ban chưa đủ thành phần theo quy định", "Đơn vị yêu cầu Ban đủ thành phần trước khi nộp biên bản: {reasons}."],
      en: ["The board is not made up as the law says", "The unit requires the board to be complete before its minutes are filed: {reasons}."],
    },
    already_answered: { vi: ["Đã trả lời", "Phản ánh này đã được trả lời lúc {answeredAt}."], en: ["Already answered", "This feedback was answered at {answeredAt}."] },
  },
  { duplicate: { vi: "Trùng lặp", en: "Duplicate" } },
);

import { registerProblems } from "../http/messages";

// The ledger's problem texts (README lists every code).
registerProblems(
  {
    unbalanced_entry: {
      vi: ["Bút toán không cân", "Bút toán cần ít nhất hai định khoản, tổng Nợ bằng tổng Có (chênh lệch {difference})."],
      en: ["Unbalanced entry", "An entry needs two or more postings whose debits equal its credits (difference {difference})."],
    },
    zero_amount: { vi: ["Số tiền bằng 0", "Định khoản không được có số tiền bằng 0 ({path})."], en: ["Zero amount", "A posting cannot be zero ({path})."] },
    unknown_account: {
      vi: ["Không có tài khoản", "Đơn vị không có tài khoản {account}."],
      en: ["Unknown account", "The unit has no account {account}."],
    },
    account_inactive: {
      vi: ["Tài khoản đã ngừng sử dụng", "Tài khoản {account} đã ngừng sử dụng, không ghi sổ được."],
      en: ["Account inactive", "Account {account} is deactivated and cannot be posted to."],
    },
    overdraft: {
      vi: ["Không đủ số dư", "Tài khoản {account} sẽ bị âm vào ngày {negativeOn} (thiếu {shortBy} đồng)."],
      en: ["Overdraft", "Account {account} would go below zero on {negativeOn} (short by {shortBy} đồng)."],
    },
    period_closed: {
      vi: ["Kỳ kế toán đã khóa", "Ngày {date} thuộc kỳ đã khóa sổ (đến hết {closedThrough})."],
      en: ["Period closed", "{date} is inside a closed period (through {closedThrough})."],
    },
    future_date: { vi: ["Ngày trong tương lai", "Không ghi sổ cho ngày {date} (hôm nay là {today})."], en: ["Future date", "Cannot post on {date} (today is {today})."] },
    idempotency_conflict: {
      vi: ["Khóa chống trùng đã dùng", "Idempotency-Key này đã dùng cho một yêu cầu khác."],
      en: ["Idempotency key reused", "This Idempotency-Key was used for a different request."],
    },
    already_reversed: {
      vi: ["Bút toán đã được đảo", "Bút toán này đã được đảo (bút toán {reversalId})."],
      en: ["Already reversed", "This entry has already been reversed (entry {reversalId})."],
    },
    cannot_reverse_reversal: {
      vi: ["Không đảo bút toán đảo", "Bút toán đảo không thể đảo lại; hãy ghi một bút toán mới."],
      en: ["Cannot reverse a reversal", "A reversal cannot be reversed; post a new entry instead."],
    },
    reversal_before_original: {
      vi: ["Ngày đảo trước ngày gốc", "Ngày đảo {date} trước ngày bút toán gốc {originalDate}."],
      en: ["Reversal before original", "The reversal date {date} is before the original's {originalDate}."],
    },
    already_closed: { vi: ["Đã khóa sổ", "Sổ đã khóa đến hết {closedThrough}."], en: ["Already closed", "The books are closed through {closedThrough}."] },
    period_not_over: { vi: ["Kỳ chưa kết thúc", "Chỉ khóa sổ những ngày đã qua (hôm nay là {today})."], en: ["Period not over", "Only past days can be closed (today is {today})."] },
    chain_broken: { vi: ["Chuỗi băm không liền", "Bút toán không nối tiếp chuỗi băm của đơn vị."], en: ["Chain broken", "The entry does not follow the unit's hash chain."] },
    voucher_gap: { vi: ["Số chứng từ bị nhảy", "Số chứng từ phải liên tục."], en: ["Voucher gap", "Voucher numbers must be gapless."] },
    posting_mismatch: { vi: ["Định khoản không khớp", "Định khoản phải cùng đơn vị, cùng ngày với bút toán."], en: ["Posting mismatch", "Postings must match their entry's unit and date."] },
    entry_posted: { vi: ["Bút toán đã ghi", "Không thêm định khoản vào bút toán đã ghi sổ."], en: ["Entry posted", "Postings cannot be added to a posted entry."] },
    reference_invalid: { vi: ["Tham chiếu không hợp lệ", "Dữ liệu tham chiếu không tồn tại."], en: ["Invalid reference", "A referenced record does not exist."] },
    constraint_violated: { vi: ["Vi phạm ràng buộc", "Dữ liệu vi phạm một ràng buộc của cơ sở dữ liệu."], en: ["Constraint violated", "The data breaks a database constraint."] },
    approval_required: {
      vi: ["Cần trưởng thôn duyệt", "Khoản chi {amount} đồng vượt ngưỡng {threshold} đồng phải được người thứ hai duyệt: lập phiếu chi của công trình để trưởng thôn duyệt."],
      en: ["Approval required", "A payment of {amount} đồng is above the {threshold} đồng threshold and needs a second person's approval: record it as a work's payment voucher for the head to approve."],
    },
    split_payment: {
      vi: ["Chi tách nhỏ", "Các khoản chi cho cùng công trình trong 30 ngày cộng lại {within30Days} đồng, vượt ngưỡng {threshold} đồng: khoản này phải được duyệt."],
      en: ["Split payment", "Payments on the same work within 30 days add up to {within30Days} đồng, above the {threshold} đồng threshold: this one needs approval."],
    },
  },
  { reversal_by_route: { vi: "Đảo bút toán qua địa chỉ …/reversal", en: "Reverse entries through …/reversal" } },
);

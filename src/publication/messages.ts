import { registerProblems } from "../http/messages";

// Publication's problem texts (README lists every code).
registerProblems(
  {
    posting_too_short: {
      vi: ["Thời gian niêm yết quá ngắn", "Phải niêm yết ít nhất {minimumDays} ngày: đến ngày {earliestUntil} hoặc sau đó."],
      en: ["Posting period too short", "A statement stays posted at least {minimumDays} days: until {earliestUntil} or later."],
    },
    period_reversed: { vi: ["Kỳ không hợp lệ", "Ngày bắt đầu {from} sau ngày kết thúc {to}."], en: ["Reversed period", "The start {from} is after the end {to}."] },
    too_many_photos: { vi: ["Quá nhiều ảnh", "Gửi tối đa {limit} ảnh một lần."], en: ["Too many photos", "Send at most {limit} photos at a time."] },
    page_form_invalid: { vi: ["Nội dung chưa gửi được", "{why}"], en: ["The form could not be sent", "{why}"] },
    form_expired: {
      vi: ["Trang đã mở quá lâu", "Trang đã mở quá lâu hoặc không phải trang của hệ thống: hãy tải lại trang và gửi lại."],
      en: ["The page has expired", "The page was open too long or did not come from this site: reload it and send again."],
    },
    not_a_receipt: { vi: ["Không phải phiếu thu", "Chứng từ {voucherNo} không phải phiếu thu đóng góp."], en: ["Not a receipt", "Voucher {voucherNo} is not a contribution receipt."] },
    not_cash_receipt: {
      vi: ["Tiền không nộp vào quỹ tiền mặt", "Khoản thu {voucherNo} vào tài khoản ngân hàng, kho bạc: in giấy báo có (bank-receipt), không in phiếu thu."],
      en: ["Not a cash receipt", "{voucherNo} was received into the bank: print its credit advice (bank-receipt), not a cash receipt voucher."],
    },
    not_bank_receipt: {
      vi: ["Tiền không vào tài khoản ngân hàng", "Khoản thu {voucherNo} bằng tiền mặt: in phiếu thu (receipt), không in giấy báo có."],
      en: ["Not a bank receipt", "{voucherNo} was received in cash: print its receipt voucher (receipt), not a bank credit advice."],
    },
    not_a_payment: { vi: ["Không phải phiếu chi", "Chứng từ {voucherNo} không phải một khoản chi."], en: ["Not a payment", "Voucher {voucherNo} is not a payment."] },
    not_cash_payment: {
      vi: ["Không chi bằng tiền mặt", "Khoản chi {voucherNo} chi từ tài khoản ngân hàng, kho bạc, không có phiếu chi tiền mặt."],
      en: ["Not a cash payment", "{voucherNo} was paid from the bank: it has no cash payment voucher."],
    },
    approver_is_drafter: {
      vi: ["Không tự duyệt", "Người lập bản công khai không được tự duyệt; cần một trưởng thôn khác duyệt."],
      en: ["Cannot approve your own draft", "Whoever drafted a publication cannot approve it."],
    },
    publication_published: {
      vi: ["Đã công bố", "Bản công khai {id} đã được công bố, không thay đổi được; hãy lập bản đính chính."],
      en: ["Already published", "Publication {id} is published and immutable; draft a correction instead."],
    },
    publication_not_published: { vi: ["Chưa công bố", "Bản công khai {id} chưa được duyệt công bố."], en: ["Not published", "Publication {id} has not been published."] },
    already_superseded: { vi: ["Đã có bản đính chính", "Bản công khai này đã được thay thế bởi bản {supersededBy}."], en: ["Already superseded", "This publication is already superseded by {supersededBy}."] },
    supersedes_other_scope: {
      vi: ["Không cùng loại", "Bản đính chính phải cùng loại báo cáo và cùng phạm vi với bản {supersedes}."],
      en: ["Different scope", "A correction must be of the same kind and scope as publication {supersedes}."],
    },
    opinion_not_applicable: {
      vi: ["Không nhận ý kiến", "Ý kiến của Ban Giám sát chỉ ghi trên báo cáo thu chi hoặc quyết toán công trình."],
      en: ["No opinions on this statement", "Board opinions go on receipts-and-payments or work settlement statements."],
    },
    already_taken_down: { vi: ["Đã ghi nhận gỡ xuống", "Lần niêm yết {id} đã được ghi nhận gỡ xuống."], en: ["Already taken down", "Posting {id} is already recorded as taken down."] },
    not_a_statement: {
      vi: ["Không phải bản công khai", "Tệp tải lên không mang mã xác minh của hệ thống."],
      en: ["Not a statement", "The uploaded file carries no verification code of this service."],
    },
  },
  {
    not_for_kind: { vi: "Tham số không dùng cho loại báo cáo {kind}", en: "Not a parameter of the {kind} statement" },
    before_posted: { vi: "Trước thời điểm niêm yết", en: "Before the posting time" },
  },
);

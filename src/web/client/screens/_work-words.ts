import { texts } from "../i18n";
import type { BudgetWire, ExpenseWire, WorkDetailWire } from "../../../works/wire";

// The work screen's words (vi, en) and the shapes of what it reads (works' wire types): a room of
// its own, so the screen's file holds only what it does.

export const t = texts({
  vi: {
    works: "Công trình", number: "Công trình số", status: "Trạng thái", location: "Địa điểm", category: "Loại", description: "Mô tả", contractor: "Đơn vị thi công", selfBuilt: "Nhân dân tự làm",
    planned: "Thời gian dự kiến", actual: "Thời gian thực tế", progress: "Tiến độ", onHold: "Đang tạm dừng chi: phát hiện giám sát nghiêm trọng số {ids} chưa được xử lý.", findings: "Xem kiến nghị",
    jump: "Trên trang này", exportXlsx: "Quyết toán (Excel)", exportPdf: "Quyết toán (PDF)",
    moves: "Trạng thái và chuyển bước", noMoves: "Công trình đã ở bước cuối, không chuyển tiếp được.", moveTo: "Chuyển sang", date: "Ngày", note: "Ghi chú", move: "Chuyển trạng thái",
    decision: "Quyết định của cuộc họp nhân dân (khi duyệt mà không qua lấy ý kiến)", decisionDate: "Ngày họp", minutesRef: "Số biên bản", householdsTotal: "Tổng số hộ", householdsAgreeing: "Số hộ đồng ý",
    moved: "Đã chuyển sang “{status}”.", history: "Các bước đã qua", by: "bởi {name}", headOnly: "Chỉ trưởng thôn (trưởng đơn vị) chuyển được trạng thái công trình.",
    budget: "Dự toán và thực chi", byCategory: "Theo khoản mục", bySource: "Theo nguồn vốn", account: "Tài khoản", estimate: "Dự toán", spent: "Đã chi", remaining: "Còn lại", overspent: "Vượt dự toán",
    source: "Nguồn", plannedFunding: "Kế hoạch", received: "Đã nhận", total: "Tổng cộng",
    drafts: "Phiếu chi chờ duyệt", noDrafts: "Không có phiếu nào chờ duyệt.", approve: "Duyệt và ghi sổ", reject: "Từ chối", reason: "Lý do từ chối", confirmReject: "Xác nhận từ chối",
    approved: "Đã duyệt: phiếu {no} đã ghi sổ.", rejected: "Đã từ chối phiếu.", draftedBy: "Người lập: {name}", waitHead: "Chờ trưởng thôn duyệt (người lập không tự duyệt được).",
    vouchers: "Các phiếu chi", voucherNo: "Số phiếu", kind: "Loại", payee: "Người nhận", amount: "Số tiền", files: "Chứng từ", file: "Tệp {n}",
    newExpense: "Ghi phiếu chi", method: "Hình thức chi", saveExpense: "Ghi phiếu chi", expensePosted: "Đã ghi phiếu chi {no}.",
    expenseDraft: "Phiếu chi vượt hạn mức {threshold} đồng: đã lưu, chờ trưởng thôn duyệt.", closed: "Công trình đã đóng: không ghi thêm phiếu chi, tạm ứng hay tiến độ.",
    advances: "Tạm ứng cho tổ thi công (Nợ TK 141)", saveAdvance: "Ghi tạm ứng", advancePosted: "Đã ghi phiếu tạm ứng {no}.", advanceDraft: "Tạm ứng vượt hạn mức: đã lưu, chờ trưởng thôn duyệt.",
    progressReports: "Báo cáo tiến độ", percent: "Tiến độ (%)", photos: "Ảnh hiện trường", saveProgress: "Ghi tiến độ", progressSaved: "Đã ghi tiến độ {p}%.", noProgress: "Chưa có báo cáo tiến độ.", photoN: "Ảnh {n} ngày {date}",
    consultations: "Lấy ý kiến nhân dân", question: "Nội dung hỏi ý kiến", opensAt: "Mở lúc", closesAt: "Kết thúc lúc", documents: "Tài liệu kèm theo (bản vẽ, dự toán)", openConsultation: "Mở lấy ý kiến",
    consultationOpened: "Đã mở lấy ý kiến.", noConsultations: "Chưa có đợt lấy ý kiến nào.", tally: "Đồng ý {agree} · Không đồng ý {disagree} · Không ý kiến {abstain}", publicData: "Trang công khai",
    comments: "{n} góp ý", back: "Về danh sách công trình", showAdvance: "Ghi tạm ứng mới", showProgress: "Ghi báo cáo tiến độ", showConsultation: "Mở đợt lấy ý kiến mới", hideForm: "Đóng biểu mẫu",
    costCategory: "Khoản mục",
    confirmApprove: "Duyệt và ghi sổ phiếu chi này?", confirmApproveNote: "Phiếu đã ghi sổ không sửa, không xoá được; nếu sai phải lập bút toán đảo.", confirmApproveButton: "Xác nhận duyệt và ghi sổ",
    purpose: "Nội dung", work: "Công trình", paidBy: "Hình thức", openWork: "Mở công trình", pendingTitle: "Phiếu chi chờ duyệt ({n})",
    viewImage: "Xem ảnh đầy đủ: {name}", imageN: "Ảnh chứng từ {n}", close: "Đóng", fileN: "Tệp {n}",
  },
  en: {
    works: "Works", number: "Work no.", status: "Status", location: "Location", category: "Kind", description: "Description", contractor: "Contractor", selfBuilt: "Built by residents",
    planned: "Planned", actual: "Actual", progress: "Progress", onHold: "Payments on hold: critical supervision finding {ids} is still open.", findings: "See findings",
    jump: "On this page", exportXlsx: "Settlement (Excel)", exportPdf: "Settlement (PDF)",
    moves: "Status and moves", noMoves: "The work is at its last step; no further move.", moveTo: "Move to", date: "Date", note: "Note", move: "Move the work",
    decision: "Residents' meeting decision (to approve without a consultation)", decisionDate: "Meeting date", minutesRef: "Minutes no.", householdsTotal: "Households in all", householdsAgreeing: "Households agreeing",
    moved: "Moved to “{status}”.", history: "Steps so far", by: "by {name}", headOnly: "Only the head of the unit moves a work.",
    budget: "Budget and actual", byCategory: "Per cost category", bySource: "Per funding source", account: "Account", estimate: "Estimate", spent: "Spent", remaining: "Remaining", overspent: "Over the estimate",
    source: "Source", plannedFunding: "Planned", received: "Received", total: "Total",
    drafts: "Vouchers awaiting approval", noDrafts: "No voucher awaits approval.", approve: "Approve and post", reject: "Reject", reason: "Reason for rejecting", confirmReject: "Confirm rejection",
    approved: "Approved: voucher {no} is posted.", rejected: "Voucher rejected.", draftedBy: "Drafted by {name}", waitHead: "Awaiting the head's approval (its drafter cannot approve it).",
    vouchers: "Vouchers", voucherNo: "Voucher", kind: "Kind", payee: "Payee", amount: "Amount", files: "Documents", file: "File {n}",
    newExpense: "Record a payment voucher", method: "Paid by", saveExpense: "Record the voucher", expensePosted: "Voucher {no} recorded.",
    expenseDraft: "Above the {threshold} dong threshold: saved as a draft for the head to approve.", closed: "The work is closed: no more vouchers, advances or progress.",
    advances: "Advance to the work's crew (Dr 141)", saveAdvance: "Record the advance", advancePosted: "Advance {no} recorded.", advanceDraft: "Above the threshold: saved as a draft for the head to approve.",
    progressReports: "Progress reports", percent: "Progress (%)", photos: "Site photos", saveProgress: "Record progress", progressSaved: "Progress {p}% recorded.", noProgress: "No progress report yet.", photoN: "Photo {n} of {date}",
    consultations: "Residents' consultations", question: "Question put to residents", opensAt: "Opens at", closesAt: "Closes at", documents: "Documents (drawings, estimate)", openConsultation: "Open a consultation",
    consultationOpened: "Consultation opened.", noConsultations: "No consultation yet.", tally: "Agree {agree} · Disagree {disagree} · Abstain {abstain}", publicData: "Public page",
    comments: "{n} comments", back: "Back to the works", showAdvance: "Record an advance", showProgress: "Report progress", showConsultation: "Open a new consultation", hideForm: "Close the form",
    costCategory: "Cost category",
    confirmApprove: "Approve and post this voucher?", confirmApproveNote: "A posted voucher cannot be changed or deleted; a mistake is corrected by a reversal.", confirmApproveButton: "Confirm: approve and post",
    purpose: "Purpose", work: "Work", paidBy: "Paid by", openWork: "Open the work", pendingTitle: "Vouchers awaiting approval ({n})",
    viewImage: "See the whole image: {name}", imageN: "Document photo {n}", close: "Close", fileN: "File {n}",
  },
});

export type Work = WorkDetailWire;
export type Budget = BudgetWire;
export type Voucher = ExpenseWire;

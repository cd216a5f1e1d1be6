import { registerProblems } from "../http/messages";

// Works' problem texts (README lists every code).
registerProblems(
  {
    invalid_transition: {
      vi: ["Không chuyển được trạng thái", "Đang ở trạng thái {state}; chỉ chuyển được sang: {allowed}."],
      en: ["Move not allowed", "The current state is {state}; allowed moves: {allowed}."],
    },
    maker_checker: {
      vi: ["Người lập không được duyệt", "Người lập phiếu chi không được tự duyệt phiếu đó."],
      en: ["Maker-checker", "Whoever drafted a payment voucher cannot approve it."],
    },
    blocked_by_finding: {
      vi: ["Công trình đang bị tạm dừng chi", "Phát hiện nghiêm trọng số {findingId} chưa được xử lý: tạm dừng chi cho công trình."],
      en: ["Payments on hold", "Critical finding {findingId} is still open: payments on this work are held."],
    },
    work_closed: { vi: ["Công trình đã đóng", "Công trình đang ở trạng thái {state}: không ghi thêm."], en: ["Work closed", "The work is {state}: nothing more can be recorded."] },
    consent_required: {
      vi: ["Chưa có sự đồng thuận của nhân dân", "Cần một đợt lấy ý kiến đã kết thúc với đa số đồng ý, hoặc quyết định của cuộc họp."],
      en: ["Residents' consent needed", "Approval needs a closed consultation with a majority in favour, or a meeting decision."],
    },
    decision_below_majority: {
      vi: ["Chưa quá nửa số hộ đồng ý", "Chỉ {agreeing}/{total} hộ đồng ý; cần quá nửa tổng số hộ."],
      en: ["No majority", "Only {agreeing} of {total} households agreed; more than half of all households are needed."],
    },
    findings_unresolved: {
      vi: ["Còn phát hiện chưa xử lý", "Chưa quyết toán được: các phát hiện {findingIds} chưa được khắc phục hay chuyển cấp trên."],
      en: ["Findings unresolved", "Cannot settle: findings {findingIds} are neither resolved nor escalated."],
    },
    no_free_work_number: { vi: ["Hết số công trình", "Một đơn vị có tối đa {max} công trình."], en: ["No free work number", "A unit has at most {max} works."] },
    advance_exceeded: {
      vi: ["Vượt số tạm ứng", "Số tạm ứng còn lại của công trình là {outstanding} đồng."],
      en: ["More than the advance", "The work's crew has {outstanding} đồng of advance left."],
    },
    unsupported_file_type: {
      vi: ["Loại tệp không được nhận", "Chỉ nhận ảnh JPEG, PNG, WebP và tệp PDF (xác định theo nội dung tệp)."],
      en: ["File type not accepted", "Only JPEG, PNG and WebP images and PDF files are accepted (told by their content)."],
    },
    invalid_pin: { vi: ["Sai mã hộ hoặc mã PIN", "Mã hộ hoặc mã PIN không đúng."], en: ["Wrong household code or PIN", "The household code or PIN is not correct."] },
    consultation_not_open: { vi: ["Chưa mở lấy ý kiến", "Đợt lấy ý kiến mở từ {opensAt}."], en: ["Not open yet", "The consultation opens at {opensAt}."] },
    consultation_closed: { vi: ["Đã hết hạn lấy ý kiến", "Đợt lấy ý kiến đã kết thúc lúc {closesAt}."], en: ["Consultation closed", "The consultation closed at {closesAt}."] },
    consultation_response_required: {
      vi: ["Chưa công khai giải trình, tiếp thu ý kiến", "Trước khi phê duyệt, cần công khai việc tiếp thu, giải trình ý kiến của nhân dân cho mỗi đợt lấy ý kiến đã kết thúc (còn {missing} đợt chưa công khai: xem mục Lấy ý kiến nhân dân)."],
      en: ["Response to opinions not published", "Before approval, publish the response to residents' opinions for each closed consultation ({missing} still unpublished: see the consultations)."],
    },
    consultation_not_closed: { vi: ["Đợt lấy ý kiến chưa kết thúc", "Chỉ giải trình sau khi đợt lấy ý kiến kết thúc lúc {closesAt}."], en: ["Consultation still open", "The response is written once the consultation closes at {closesAt}."] },
    response_published: { vi: ["Giải trình đã công khai", "Bản giải trình đã công khai lúc {publishedAt}: không sửa được."], en: ["Response already published", "The response was published at {publishedAt}: it cannot be changed."] },
    response_reason_required: { vi: ["Cần nêu lý do", "Ý kiến thứ {item} không được tiếp thu: cần nêu lý do."], en: ["A reason is needed", "Item {item} is not taken up: say why."] },
    closes_before_opens: { vi: ["Thời gian không hợp lệ", "Thời điểm kết thúc phải sau thời điểm mở."], en: ["Closes before it opens", "closesAt must be after opensAt."] },
  },
  {
    unsafe_filename: { vi: "Tên tệp không được chứa đường dẫn", en: "The file name must not contain a path" },
    "entity.response": { vi: "bản giải trình, tiếp thu ý kiến", en: "response to opinions" },
  },
);

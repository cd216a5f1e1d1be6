import { registerProblems } from "../http/messages";

// Problem texts of decisions (vi, en), keyed by code.

registerProblems({
  decision_required: {
    vi: ["Cần quyết định của hộ dân", "Việc dân đóng góp tiền, công cần một quyết định của hộ dân đã ghi và đã thông qua; hãy chọn quyết định đó."],
    en: ["A residents' decision is needed", "What residents pay for with money or labour needs a residents' decision, recorded and passed; pick that decision."],
  },
  decision_not_passed: {
    vi: ["Quyết định chưa được thông qua", "Quyết định chỉ có {agree}/{householdsTotal} hộ đồng ý; cần ít nhất {needed} hộ."],
    en: ["The decision did not pass", "Only {agree} of {householdsTotal} households agreed; at least {needed} are needed."],
  },
  decision_not_recognised: {
    vi: ["Quyết định chưa được xã công nhận", "Quyết định đang ở trạng thái {status}; cần được Ủy ban nhân dân xã công nhận trước."],
    en: ["The decision is not recognised", "The decision is {status}; the commune must recognise it first."],
  },
  decision_wrong_subject: {
    vi: ["Quyết định không đúng nội dung", "Quyết định về {subject} không dùng được cho việc này (cần: {expected})."],
    en: ["Decision on another subject", "A decision on {subject} cannot be used here (needed: {expected})."],
  },
  decision_voted: {
    vi: ["Đã chốt kết quả biểu quyết", "Quyết định đã ở trạng thái {status}: không ghi thêm phiếu hay số liệu."],
    en: ["Voting is closed", "The decision is {status}: no more counts or ballots."],
  },
  already_counted: {
    vi: ["Hộ đã biểu quyết", "Hộ này đã được tính một lần trong quyết định này."],
    en: ["Household already counted", "This household has already been counted in this decision."],
  },
  tally_inconsistent: {
    vi: ["Số liệu biểu quyết không hợp lý", "Đồng ý + không đồng ý + không ý kiến ({counted}) không được quá số hộ dự họp ({present}), và số hộ dự họp không quá tổng số hộ ({householdsTotal})."],
    en: ["Inconsistent counts", "Agree + disagree + abstain ({counted}) cannot exceed those present ({present}), nor those present the households in the register ({householdsTotal})."],
  },
  counts_exceed_register: {
    vi: ["Vượt quá số hộ", "Số hộ dự họp và số phiếu ({counted}) vượt quá tổng số hộ trong sổ ({householdsTotal})."],
    en: ["More than the register", "Households present and ballots ({counted}) exceed the households in the register ({householdsTotal})."],
  },
  not_for_method: {
    vi: ["Không áp dụng cho hình thức này", "Hình thức {method} không ghi {what}."],
    en: ["Not for this method", "The method {method} takes no {what}."],
  },
  no_counts: {
    vi: ["Chưa có kết quả", "Hãy ghi kết quả biểu quyết (số liệu cuộc họp hoặc phiếu) trước khi chốt."],
    en: ["Nothing counted", "Record the counts (the meeting's tally or ballots) before closing the vote."],
  },
  reason_required: {
    vi: ["Cần nêu lý do", "Trả lại quyết định phải nêu lý do."],
    en: ["A reason is needed", "Returning a decision needs a reason."],
  },
  register_empty: {
    vi: ["Sổ hộ trống", "Ngày {heldOn} thôn chưa có hộ nào trong sổ; hãy nhập danh sách hộ trước."],
    en: ["Empty register", "On {heldOn} the register holds no household; register the households first."],
  },
  household_not_in_register: {
    vi: ["Hộ không có trong sổ ngày biểu quyết", "Hộ {code} không thuộc danh sách hộ của thôn ngày {heldOn}."],
    en: ["Not in the register that day", "Household {code} was not in the register on {heldOn}."],
  },
});

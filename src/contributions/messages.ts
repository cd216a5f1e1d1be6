import { registerProblems } from "../http/messages";

registerProblems({
  decision_below_threshold: {
    vi: ["Chưa đủ hai phần ba số hộ đồng ý", "Chỉ {agreeing}/{total} hộ đồng ý; cần ít nhất {needed} hộ (hai phần ba tổng số hộ trong thôn, theo {rule})."],
    en: ["Below the two-thirds threshold", "Only {agreeing} of {total} households agreed; at least {needed} are needed (two thirds of all households, per {rule})."],
  },
  decision_inconsistent: {
    vi: ["Số liệu biểu quyết không hợp lý", "Số hộ đồng ý không thể nhiều hơn số hộ dự họp, và số hộ dự họp không thể nhiều hơn tổng số hộ."],
    en: ["Inconsistent vote counts", "Households agreeing cannot exceed those present, nor those present the total."],
  },
  campaign_closed: { vi: ["Đợt vận động đã kết thúc", "Đợt vận động này đã đóng, không ghi thêm."], en: ["Campaign closed", "This campaign is closed."] },
  before_campaign_start: { vi: ["Trước ngày bắt đầu", "Ngày {date} trước ngày bắt đầu đợt vận động ({startDate})."], en: ["Before the campaign", "{date} is before the campaign started ({startDate})."] },
  household_exempt: { vi: ["Hộ được miễn", "Hộ {code} được miễn đóng góp trong đợt này."], en: ["Household exempt", "Household {code} is exempt from this campaign."] },
  pin_locked: {
    vi: ["Mã PIN đã bị tạm khóa", "Mã PIN của hộ đã bị tạm khóa vì bị nhập sai quá nhiều lần. Hãy nhờ thủ quỹ thôn cấp lại mã PIN mới."],
    en: ["PIN suspended", "This household's PIN was suspended after too many wrong attempts. Ask the hamlet treasurer to issue a new PIN."],
  },
  household_inactive: { vi: ["Hộ không còn hoạt động", "Hộ này đã ngừng theo dõi."], en: ["Household inactive", "This household is no longer active."] },
  households_in_hamlets: { vi: ["Hộ thuộc thôn", "Hộ gia đình được quản lý ở cấp thôn."], en: ["Households live in hamlets", "Households are kept by hamlets."] },
  move_outside_commune: { vi: ["Chuyển ngoài xã", "Chỉ chuyển hộ giữa các thôn của cùng một xã."], en: ["Move outside the commune", "Households move only between hamlets of one commune."] },
  end_before_start: { vi: ["Ngày kết thúc trước ngày bắt đầu", "Ngày kết thúc {endDate} trước ngày bắt đầu {startDate}."], en: ["End before start", "End {endDate} is before start {startDate}."] },
  no_free_account_code: { vi: ["Hết mã tài khoản", "Không còn mã tài khoản trống trong khoảng {range}."], en: ["No free account code", "No free account code in {range}."] },
  // The whole file refused (sheet/sheet-error.ts): what a treasurer who picked the wrong file reads.
  unsupported_file: {
    vi: ["Không đọc được tệp", "Tệp không phải bảng tính Excel (.xlsx) hay CSV. Hãy lưu bảng tính dưới dạng .xlsx hoặc .csv rồi tải lên lại."],
    en: ["Not a sheet", "The file is neither an Excel workbook (.xlsx) nor a CSV. Save the sheet as .xlsx or .csv and upload it again."],
  },
  zip_bomb: {
    vi: ["Tệp bất thường", "Tệp nén giải ra quá lớn so với kích thước của nó; tệp này không được đọc."],
    en: ["Suspicious file", "The compressed file unpacks to far more than its size; it was not read."],
  },
  too_many_rows: {
    vi: ["Quá nhiều dòng", "Bảng tính có hơn {maxRows} dòng; hãy chia thành nhiều tệp."],
    en: ["Too many rows", "The sheet has more than {maxRows} rows; split it into several files."],
  },
  header_not_found: {
    vi: ["Không tìm thấy dòng tiêu đề", "Không có dòng tiêu đề (cột mã hộ hoặc họ tên, và cột số tiền) trong {scanned} dòng đã đọc."],
    en: ["No header row", "No header (a household code or name column, and an amount column) in the {scanned} rows read."],
  },
  empty_sheet: {
    vi: ["Bảng tính trống", "Bảng tính không có dòng dữ liệu nào."],
    en: ["Empty sheet", "The sheet has no data rows."],
  },
  import_invalid: {
    vi: ["Bảng tính còn dòng lỗi", "Còn {badRows} dòng lỗi (dòng {rowList}); hãy bỏ qua các dòng này hoặc sửa bảng tính rồi tải lên lại. Chưa ghi gì."],
    en: ["The sheet has bad rows", "{badRows} rows have errors (rows {rowList}); skip them, or fix the sheet and upload it again. Nothing was recorded."],
  },
  name_mismatch_unconfirmed: {
    vi: ["Chưa xác nhận tên khác sổ hộ", "{count} dòng ghi tên chủ hộ khác với sổ hộ (dòng {rowList}); hãy xác nhận đúng hộ hoặc bỏ qua các dòng này. Chưa ghi gì."],
    en: ["Name differences not confirmed", "{count} rows name the head of household otherwise than the register (rows {rowList}); confirm each is the right household, or skip those rows. Nothing was recorded."],
  },
  import_rows_unknown: {
    vi: ["Không có dòng này", "Bảng kê không có dòng dữ liệu {rowList}."],
    en: ["No such rows", "The sheet has no data rows {rowList}."],
  },
  import_nothing_left: {
    vi: ["Không còn dòng nào để ghi", "Mọi dòng của bảng kê đều bị bỏ qua; không có gì để ghi."],
    en: ["Nothing left to record", "Every row of the sheet is skipped; there is nothing to record."],
  },
  already_imported: {
    vi: ["Đã ghi bảng tính này", "Bản xem trước {importId} đã được ghi vào sổ."],
    en: ["Already recorded", "Preview {importId} has already been recorded."],
  },
  nothing_to_reverse: { vi: ["Không có gì để đảo", "Khoản này không có bút toán để đảo."], en: ["Nothing to reverse", "This contribution has no entry to reverse."] },
});

// A sheet refused for its shape, and its reasons.
registerProblems({
  sheet_too_complex: {
    vi: ["Bảng tính không đọc được", "Tệp {@reason}; danh sách đóng góp không bao giờ cần như vậy. Hãy lưu lại bảng tính gốc (CSV UTF-8 hoặc xlsx) rồi tải lên lại."],
    en: ["Sheet cannot be read", "The file {@reason}, which a list of contributions never needs; save the original sheet again (CSV UTF-8 or xlsx) and upload it again."],
  },
}, {
  // `reason` of sheet_too_complex: a stable code in the answer, said in words in its detail.
  too_many_columns: { vi: "có dòng nhiều hơn {limit} cột", en: "has a line of more than {limit} columns" },
  cell_too_long: { vi: "có ô dài quá {limit}", en: "has a cell longer than {limit}" },
  too_many_lines: { vi: "có nhiều hơn {limit} dòng", en: "has more than {limit} lines" },
  too_slow: { vi: "đọc lâu quá {limit}", en: "takes longer than {limit} to read" },
  too_much_memory: { vi: "cần nhiều bộ nhớ hơn mức cho phép để đọc", en: "needs more memory than allowed to read" },
});

registerProblems({
  reduction_not_lower: {
    vi: ["Mức giảm không thấp hơn", "Mức đề nghị sau khi giảm ({suggestedAmount} đồng) phải thấp hơn mức của đợt vận động cho hộ này ({level} đồng)."],
    en: ["Not a reduction", "The reduced suggested amount ({suggestedAmount} đồng) must be below the campaign's level for this household ({level} đồng)."],
  },
});

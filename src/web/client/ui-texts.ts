import { texts } from "./i18n";

// The words every screen shares (buttons, states, the not-allowed page).
export const ui = texts({
  vi: {
    save: "Lưu", cancel: "Huỷ", loading: "Đang tải…", saving: "Đang lưu…", next: "Trang sau", first: "Về đầu", search: "Tìm",
    noRows: "Chưa có dữ liệu.", networkLost: "Mất kết nối mạng, chưa chắc đã lưu. Những gì bạn nhập vẫn còn; bấm lưu lại khi có mạng — hệ thống không ghi hai lần.",
    notAllowed: "Không được phép", notAllowedText: "Tài khoản của bạn không có quyền xem trang này (hoặc dữ liệu không tồn tại). Nếu cần, hãy nhờ cán bộ quản trị của xã cấp quyền.",
    notFound: "Không tìm thấy", notFoundText: "Trang hoặc dữ liệu này không có (hoặc đã bị xoá khỏi danh sách).",
    failed: "Có lỗi", fixErrors: "Vui lòng sửa các ô được đánh dấu.", inWords: "Bằng chữ", download: "Tải về", exportXlsx: "Xuất Excel",
    back: "Quay lại", home: "Trang chủ", page: "Trang {n}", required: "bắt buộc", saved: "Đã lưu.", done: "Xong.", all: "Tất cả",
    filter: "Lọc", from: "Từ ngày", to: "Đến ngày", dong: "đồng",
  },
  en: {
    save: "Save", cancel: "Cancel", loading: "Loading…", saving: "Saving…", next: "Next page", first: "First page", search: "Search",
    noRows: "Nothing here yet.", networkLost: "The network dropped; it may not have been saved. What you typed is kept; press save again when online — it will never be recorded twice.",
    notAllowed: "Not allowed", notAllowedText: "Your account may not see this page (or the record does not exist). Ask the commune's administrator for access if you need it.",
    notFound: "Not found", notFoundText: "This page or record does not exist.",
    failed: "Something went wrong", fixErrors: "Please correct the marked fields.", inWords: "In words", download: "Download", exportXlsx: "Export to Excel",
    back: "Back", home: "Home", page: "Page {n}", required: "required", saved: "Saved.", done: "Done.", all: "All",
    filter: "Filter", from: "From", to: "To", dong: "dong",
  },
});

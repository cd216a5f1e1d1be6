import { registerProblems } from "../http/messages";

// notify's problem texts (README lists every code).
registerProblems({
  invalid_address: { vi: ["Địa chỉ nhận tin không hợp lệ", "Kênh {channel} cần {expected}."], en: ["Invalid address", "The {channel} channel needs {expected}."] },
  invalid_code: { vi: ["Mã xác nhận không đúng", "Mã xác nhận không đúng; còn {left} lần thử."], en: ["Wrong code", "The confirmation code is wrong; {left} tries left."] },
  code_expired: { vi: ["Mã xác nhận đã hết hiệu lực", "Mã đã hết hạn hoặc đã thử sai quá nhiều lần: xin đăng ký lại để nhận mã mới."], en: ["Code expired", "The code has expired or was tried too often: subscribe again for a new one."] },
  channel_unavailable: { vi: ["Chưa gửi được tin qua kênh này", "Xã chưa cấu hình kênh {channel} hoặc kênh đang lỗi; xin thử lại sau hoặc chọn kênh khác."], en: ["Channel unavailable", "The {channel} channel is not configured or failing; try later or choose another."] },
  not_parked: { vi: ["Tin không ở trạng thái chờ xử lý", "Tin {id} đã gửi xong, không cần gửi lại."], en: ["Nothing to retry", "Message {id} was already sent."] },
});

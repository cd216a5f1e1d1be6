import { registerProblems } from "../http/messages";

// Backups' problem texts (README lists every code).
registerProblems({
  backups_not_configured: {
    vi: ["Chưa cấu hình sao lưu", "Máy chủ chưa có thư mục sao lưu: đặt biến BACKUP_DIR (ví dụ một ổ USB) rồi khởi động lại."],
    en: ["Backups not configured", "The server has no backup folder: set BACKUP_DIR (a USB disk, for example) and restart it."],
  },
  backup_failed: {
    vi: ["Sao lưu không thành công", "Bản sao lưu không tạo được: {error}"],
    en: ["Backup failed", "The backup could not be made: {error}"],
  },
});

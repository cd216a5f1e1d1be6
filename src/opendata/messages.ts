import { registerProblems } from "../http/messages";

// opendata's problem texts (README lists every code).
registerProblems({
  no_public_works: {
    vi: ["Chưa có công trình công khai", "{unitName} chưa có công trình nào được công khai: gói dự án OC4IDS cần ít nhất một dự án. Dữ liệu mở (CSV) của đơn vị vẫn tải được."],
    en: ["No public works yet", "{unitName} has no public works yet: an OC4IDS project package needs at least one project. The unit's open data (CSV) can still be downloaded."],
  },
});

import type { Problem } from "./types";

// One sentence per row problem, in Vietnamese (what the treasurer reads in the preview) and
// English. The Vietnamese texts are those of data/treasurer-sheet-bad.expected.json.
// `{code}` and `{row}` are filled in for duplicate_code.

const TEXTS: Record<Problem, { vi: string; en: string }> = {
  negative_amount: { vi: "Số tiền không được âm", en: "The amount cannot be negative" },
  invalid_amount: { vi: "Số tiền không hợp lệ", en: "The amount is not a valid number of đồng" },
  fractional_amount: { vi: "Số tiền phải là số nguyên đồng", en: "The amount must be whole đồng" },
  invalid_date: { vi: "Ngày nộp không tồn tại", en: "No such date (write day/month/year)" },
  missing_date: { vi: "Thiếu ngày nộp", en: "The date paid is missing" },
  missing_amount: { vi: "Thiếu số tiền", en: "The amount is missing" },
  missing_code: { vi: "Thiếu mã hộ", en: "The household code is missing" },
  missing_name: { vi: "Thiếu họ và tên chủ hộ", en: "The head of household's name is missing" },
  duplicate_code: { vi: "Mã hộ {code} trùng với dòng {row}", en: "Household code {code} is already used in row {row}" },
  malformed_text: { vi: "Ô có ký tự không hợp lệ (ký tự điều khiển hoặc lỗi mã hóa)", en: "The cell holds characters that are not text (a control character or broken encoding)" },
  household_exempt: { vi: "Hộ được miễn đóng góp", en: "The household is exempt" },
  unknown_category: { vi: "Diện hộ không hợp lệ", en: "Unknown household category" },
};

export function problemText(problem: Problem, params: Record<string, string | number> = {}): { message: string; messageEn: string } {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  return { message: fill(TEXTS[problem].vi), messageEn: fill(TEXTS[problem].en) };
}

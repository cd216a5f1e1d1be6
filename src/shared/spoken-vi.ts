import { inWords } from "./words-vi";

// Text to be read aloud (the loudspeaker script): a reader on the commune's loudspeaker reads what is
// written, so figures are written as words — "3 / 5" as "ba trên năm", 01/03/2025 as a spoken date,
// 1.250.000 as "một triệu hai trăm năm mươi nghìn".

const lower = (t: string) => t.charAt(0).toLocaleLowerCase("vi") + t.slice(1);

/** A whole number in words, without a unit: "105" -> "một trăm linh năm". */
export function numberWordsVi(digits: string): string {
  return lower(inWords(digits.replace(/^0+(?=[0-9])/, ""), { suffix: "" }));
}

/** The text with its dates, fractions and numbers in words. */
export function spokenVi(text: string): string {
  return text
    // "ngày 01/03/2025": the spoken date says "ngày" itself, once
    .replace(/(?:ngày\s+)?\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (_m, d: string, m: string, y: string) => `ngày ${Number(d) <= 10 ? "mùng " : ""}${numberWordsVi(d)} tháng ${numberWordsVi(m)} năm ${numberWordsVi(y)}`)
    .replace(/\b(\d+)\s*\/\s*(\d+)\b/g, (_m, a: string, b: string) => `${numberWordsVi(a)} trên ${numberWordsVi(b)}`)
    .replace(/\b\d{1,3}(?:\.\d{3})+\b|\b\d+\b/g, (n) => numberWordsVi(n.replace(/\./g, "")));
}

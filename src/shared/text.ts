/** Lower case without diacritics, đ as d: "Hường" and "huong" meet (accent-insensitive search). */
export function foldVi(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** What a person typed, tidied: NFC, trimmed, inner runs of spaces collapsed. */
export function tidyName(s: string): string {
  return s.normalize("NFC").replace(/\s+/g, " ").trim();
}

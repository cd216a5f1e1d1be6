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

// Text that cannot be stored as it was typed: a lone UTF-16 surrogate (each driver writes it as
// U+FFFD, so the stored text is not the hashed text), NUL (PostgreSQL refuses it in text), and
// control characters: C0, DEL and C1. DEL and C1 have no use in a name or a note and are invisible
// on paper; in practice they come from text decoded with the wrong code page, which should be
// fixed where it was typed rather than kept. The bidirectional embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069) are refused too: Vietnamese never needs them, and they make a
// name or a description read on a statement otherwise than it is stored. Tab, LF, CR and the
// Unicode line and paragraph separators are allowed only where the field says it holds several lines.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/;
/**
 * Nearly every string, Vietnamese included: printable ASCII, Latin-1 to the spacing modifiers,
 * Latin Extended Additional (the precomposed ạ…ỹ) and punctuation or currency signs. None is a
 * control, a surrogate or a combining mark, and none changes under NFC: the string is settled by
 * one match, without normalising (which costs a batch of entries as much as the rest of the check).
 */
const SETTLED = /^[\u0020-\u007e\u00a0-\u02ff\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20cf]*$/;
export const isSettledText = (s: string) => SETTLED.test(s);

declare global {
  interface String {
    isWellFormed(): boolean;
  }
}

/** How a string fails to be storable text: "malformed" anywhere, "line_break" where one line is wanted. */
export function textFault(s: string, multiLine = false): "malformed" | "line_break" | undefined {
  if (SETTLED.test(s)) return undefined;
  if (!s.isWellFormed() || CONTROL.test(s)) return "malformed";
  if (!multiLine && LINE_BREAK.test(s)) return "line_break";
  return undefined;
}

/** True when `s` may be stored: well-formed UTF-16, no NUL or control character (tab, newline and CR only if multi-line). */
export function isWellFormedText(s: string, multiLine = false): boolean {
  return textFault(s, multiLine) === undefined;
}

const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Malformed text as it can be shown back (in an error's path, a sheet's preview): each control or lone surrogate as U+FFFD. */
export function shownText(s: string): string {
  return s.replace(UNSHOWABLE, "\ufffd");
}

/** `s` in Unicode NFC (one form for a name typed with combining marks or precomposed). */
export function nfc(s: string): string {
  return SETTLED.test(s) ? s : s.normalize("NFC");
}

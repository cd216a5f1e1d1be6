import type { Dong } from "./money";

// The amount in words (số tiền bằng chữ) printed under every voucher and statement total, by the
// rules of the amount-in-words guide (documents.md §3; its worked examples are test/fixtures/words-vi-examples.md). It works on the digit string, never on a JS number:
// figures and words must come from the same integer.

/** The points of genuine variation (documents.md §3); the defaults are the worked examples'. */
export interface WordsOptions {
  /** After a hundreds word with no tens: "linh" (North, default) or "lẻ" (South): 105. */
  zeroTens: "linh" | "lẻ";
  /** 10^3: "nghìn" (default) or "ngàn". */
  thousand: "nghìn" | "ngàn";
  /** 10^9: "tỷ" (default) or "tỉ". */
  billion: "tỷ" | "tỉ";
  /** A units 4 after "mươi": "bốn" (default) or "tư" (24). */
  four: "bốn" | "tư";
  /** A later group without hundreds still says "không trăm" (default, accounting usage); false
   *  gives the spoken "Một triệu lẻ năm đồng" some units prefer. */
  readZeroHundreds: boolean;
  /** The ending: "đồng" (default), "đồng chẵn", "đồng./." ... */
  suffix: string;
}

export const DEFAULT_WORDS: Readonly<WordsOptions> = Object.freeze({
  zeroTens: "linh",
  thousand: "nghìn",
  billion: "tỷ",
  four: "bốn",
  readZeroHundreds: true,
  suffix: "đồng",
});

const DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/**
 * "1250000" -> "Một triệu hai trăm năm mươi nghìn đồng". Whole, non-negative đồng only: negative
 * amounts are not written in words (documents.md §3.7: statements show them in parentheses), so
 * they throw, as do fractions and anything that is not a plain string of digits.
 */
export function inWords(amount: Dong | string, options: Partial<WordsOptions> = {}): string {
  const o: WordsOptions = { ...DEFAULT_WORDS, ...options };
  const digits = digitString(amount);
  const body = digits === "0" ? DIGITS[0] : readNumber(digits, true, o).join(" ");
  const text = `${body} ${o.suffix}`.trim();
  return text.charAt(0).toLocaleUpperCase("vi") + text.slice(1);
}

function digitString(amount: Dong | string): string {
  const s = typeof amount === "bigint" ? amount.toString() : amount;
  if (typeof s !== "string" || !/^[0-9]+$/.test(s)) throw new RangeError(`inWords: not a whole, non-negative number of đồng: "${String(amount)}"`);
  return s.replace(/^0+(?=[0-9])/, "");
}

/**
 * Reads a digit string without leading zeros (not "0"). Above 10^9 the part in front of the last
 * nine digits is read as a number of tỷ, recursively: 10^12 "một nghìn tỷ", 10^18 "một tỷ tỷ".
 * `leading`: nothing has been said before, so the first group reads only what it has (§3.3).
 */
function readNumber(digits: string, leading: boolean, o: WordsOptions): string[] {
  if (digits.length > 9) {
    const high = digits.slice(0, -9).replace(/^0+/, "");
    const low = digits.slice(-9);
    const words = high ? [...readNumber(high, leading, o), o.billion] : [];
    return [...words, ...readBelowBillion(low, leading && !high, o)];
  }
  return readBelowBillion(digits, leading, o);
}

/** Up to nine digits as groups of three: triệu, nghìn, units. A 000 group is skipped with its name. */
function readBelowBillion(digits: string, leading: boolean, o: WordsOptions): string[] {
  const padded = digits.padStart(9, "0");
  const names = ["triệu", o.thousand, ""];
  const words: string[] = [];
  for (let g = 0; g < 3; g++) {
    const group = padded.slice(g * 3, g * 3 + 3);
    if (group === "000") continue;
    words.push(...readGroup(group, leading && words.length === 0, o));
    if (names[g]) words.push(names[g]);
  }
  return words;
}

/** One group of three digits (not 000): hundreds, tens, units with mốt, lăm, linh, mười/mươi. */
function readGroup(group: string, first: boolean, o: WordsOptions): string[] {
  const [h, t, u] = [...group].map(Number);
  const words: string[] = [];
  // The leftmost group reads only what it has; every later group reads its hundreds, even "không trăm".
  if (h > 0 || (!first && o.readZeroHundreds)) words.push(DIGITS[h], "trăm");
  if (t === 0) {
    if (u > 0) {
      // 105 "một trăm linh năm": linh only after something was said in front of it in this number.
      if (words.length > 0 || !first) words.push(o.zeroTens);
      words.push(DIGITS[u]); // after linh, 1 stays "một" and 5 stays "năm"
    }
  } else if (t === 1) {
    words.push("mười"); // 10 is "mười", never "một mươi"
    if (u === 5) words.push("lăm");
    else if (u > 0) words.push(DIGITS[u]); // 11 "mười một", 14 "mười bốn"
  } else {
    words.push(DIGITS[t], "mươi");
    if (u === 1) words.push("mốt");
    else if (u === 4) words.push(o.four);
    else if (u === 5) words.push("lăm");
    else if (u > 0) words.push(DIGITS[u]);
  }
  return words;
}

import { dong, MAX_DIGITS, type Dong } from "./money";

// What people type into an amount field, read as whole đồng — or refused with a reason, never
// guessed. Treasurers write amounts the way they say them ("5tr", "500k", "1,5 tỷ", "5 triệu 500
// nghìn") or the way they print them ("5.000.000", "5,000,000", "5 000 000"). The rules, decided
// once:
// - Đồng have no fraction, so a separator followed by exactly three digits groups thousands, with
//   dots, commas or spaces alike, one kind per amount ("5.000" and "5,000" are 5000). Any other
//   fraction without a unit ("5.5", "5,50", "5.000,00") is refused: it is not clear what was meant.
// - A unit multiplies: k, nghìn, ngàn (×1.000), tr, triệu (×1.000.000), tỷ, tỉ (×1.000.000.000);
//   typed with or without diacritics, in any case, with or without a space. With a unit the number
//   may have a fraction ("5,5tr", "1.25 tỷ"), but not of three digits ("1.250tr": 1,25 or 1250
//   triệu?), which is refused as ambiguous; a result that is not whole đồng ("1,2345k") is refused.
// - Several parts add up when their units go down ("1 tỷ 200 triệu", "2tr500k"), each smaller than
//   the next unit up; a bare number after a unit ("5tr5": 5,5 or 5,05 triệu?) is refused.
// - "đ", "đồng", "vnđ", "₫" may end it. A minus sign is refused: an amount field takes what was paid.
// - At most 15 digits (what the ledger holds exactly).

export type AmountRefusal =
  | "empty" // nothing typed
  | "not_a_number" // letters or signs that are no amount
  | "negative"
  | "fraction" // a fraction without a unit: "5.5"
  | "grouping" // separators not in threes, or mixed: "5.00.000", "5.000,000"
  | "ambiguous_fraction" // three digits after the separator with a unit: "1.250tr"
  | "not_whole" // a fraction of one đồng: "1,2345k"
  | "bare_after_unit" // "5tr5"
  | "unit_order" // "500k 2tr", "1500 nghìn 2 triệu", "2 triệu 1500 nghìn"
  | "too_large";

export type AmountInput = { ok: true; amount: Dong } | { ok: false; reason: AmountRefusal };

const UNITS: Record<string, bigint> = {
  k: 1_000n, nghin: 1_000n, ngan: 1_000n,
  tr: 1_000_000n, trieu: 1_000_000n,
  ty: 1_000_000_000n, ti: 1_000_000_000n,
};
const LIMIT = 10n ** BigInt(MAX_DIGITS);

/** Lower case, without diacritics (đ → d), spaces of any kind as one plain space. */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[\s\u00a0\u202f\u2009]+/g, " ")
    .trim();
}

const refuse = (reason: AmountRefusal): AmountInput => ({ ok: false, reason });

function accept(n: bigint): AmountInput {
  return n >= LIMIT ? refuse("too_large") : { ok: true, amount: dong(n) };
}

/** "5.000.000", "5,000,000", "5 000 000", "5000000": digits grouped in threes by one kind of separator. */
function plain(s: string): AmountInput | undefined {
  if (/^\d+$/.test(s)) return accept(BigInt(s));
  const m = /^\d+([., ])\d+(?:[., ]\d+)*$/.exec(s);
  if (!m) return undefined;
  const seps = new Set(s.replace(/\d/g, ""));
  const groups = s.split(/[., ]/);
  const grouped = seps.size === 1 && /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
  if (grouped) return accept(BigInt(groups.join("")));
  // One separator and not three digits after it: a fraction, which đồng do not have.
  if (groups.length === 2 && m[1] !== " " && groups[1].length !== 3) return refuse("fraction");
  if (seps.size === 2 && /^\d{1,3}(?:([.,])\d{3})*[.,]\d{1,2}$/.test(s)) return refuse("fraction");
  return refuse("grouping");
}

/** One "number unit" part: the number whole or with a fraction (not of three digits, which may be a grouping). */
function part(num: string, unit: bigint): bigint | AmountRefusal {
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(num);
  if (!m) return "not_a_number";
  const [, whole, frac = ""] = m;
  if (frac.length === 3) return "ambiguous_fraction";
  const scale = 10n ** BigInt(frac.length);
  const value = BigInt(whole + frac) * unit;
  if (value % scale !== 0n) return "not_whole";
  return value / scale;
}

/** Reads what was typed into an amount field as whole đồng, or says why it cannot. */
export function parseAmountInput(text: string): AmountInput {
  let s = fold(text);
  if (!s) return refuse("empty");
  s = s.replace(/\s?(?:dong|vnd|d|₫)$/, "").trim();
  if (!s) return refuse("not_a_number");
  if (/^[-−–]/.test(s)) return refuse("negative");
  if (/^\d/.test(s) && /\d$/.test(s) && !/[a-z]/.test(s)) return plain(s) ?? refuse("not_a_number");

  // Parts with units: "1 tỷ 200 triệu", "2tr500k", "5,5tr".
  const re = /(\d+(?:[.,]\d+)?) ?([a-z]+) ?/y;
  let total = 0n;
  let last: bigint | undefined;
  let at = 0;
  while (at < s.length) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m) return refuse(/^\d+$/.test(s.slice(at).trim()) ? "bare_after_unit" : "not_a_number");
    const unit = UNITS[m[2]];
    if (unit === undefined) return refuse("not_a_number");
    if (last !== undefined && unit >= last) return refuse("unit_order");
    const v = part(m[1], unit);
    if (typeof v === "string") return refuse(v);
    if (last !== undefined && v >= last) return refuse("unit_order");
    total += v;
    last = unit;
    at = re.lastIndex;
  }
  return accept(total);
}

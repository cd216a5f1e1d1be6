import { ValidationError } from "./errors";

// The only door for money. A JS number never holds an amount: đồng travel as strings of digits on
// the wire, are held as `Dong` (a bigint that only this file brands) in between, and are stored as
// integer đồng (BIGINT). 15 digits keep every value (and every sum of many of them, in SQL) exact
// in both drivers. Whole đồng never need a fraction; the one place one arises is the value of an
// in-kind gift (a quantity such as 2.5 công times the unit value, rounded to the đồng), which
// contributions computes with decimal.js and brings back here through `parseDong`/`dong`.
export const MAX_DIGITS = 15;
export const DONG_PATTERN = "^(0|-?[1-9][0-9]{0,14})$";
const dongRe = new RegExp(DONG_PATTERN);

/** Whole đồng. A bigint by its runtime type; the brand keeps other integers (ids, counts) out. */
export type Dong = bigint & { readonly __dong: unique symbol };

export const ZERO = 0n as Dong;

/** Brands a whole number of đồng computed from other amounts (sums, differences, products by a count). */
export const dong = (n: bigint): Dong => n as Dong;

/** Parses a wire amount ("1250000", "-500"); throws ValidationError (invalid_amount) at `path` otherwise. */
export function parseDong(value: unknown, path = ""): Dong {
  if (typeof value !== "string" || !dongRe.test(value) || value === "-0") {
    throw new ValidationError([{ path, code: "invalid_amount" }]);
  }
  return BigInt(value) as Dong;
}

export function isDongString(value: string): boolean {
  return dongRe.test(value) && value !== "-0";
}

/** Value for a BIGINT column: a string of digits, which both drivers bind exactly. */
export function toDb(amount: Dong): string {
  return amount.toString();
}

/** Reads a BIGINT/SUM from either driver, exactly: sqlite3 gives numbers, pg gives strings. */
export function fromDb(value: number | string | bigint | null | undefined): Dong {
  if (value === null || value === undefined) return ZERO;
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    // A sum past 2^53 would already have lost precision in the driver: refuse rather than lie.
    throw new Error(`amount beyond exact range: ${value}`);
  }
  if (typeof value === "string" && !/^-?[0-9]+$/.test(value)) throw new Error(`not whole đồng: ${value}`);
  return BigInt(value) as Dong;
}

/** Wire form: "1250000" (no separators, signed). */
export function toWire(amount: Dong): string {
  return amount.toString();
}

/** Display form for documents: 1.250.000 (dot thousands, minus sign kept). */
export function formatDong(amount: Dong): string {
  const digits = abs(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return amount < 0n ? `-${digits}` : digits;
}

export function sum(amounts: Iterable<Dong>): Dong {
  let s = 0n;
  for (const a of amounts) s += a;
  return s as Dong;
}

export const negate = (a: Dong): Dong => -a as Dong;
export const abs = (a: Dong): Dong => (a < 0n ? -a : a) as Dong;
export const min = (a: Dong, b: Dong): Dong => (a < b ? a : b);

/**
 * Splits `total` into parts proportional to integer `weights`, to the đồng. Rule: floor each
 * share, then give the leftover đồng one each to the largest remainders (ties to the earlier part),
 * so the parts always add up to the total.
 */
export function allocate(total: Dong, weights: number[]): Dong[] {
  if (weights.length === 0) throw new Error("allocate: no weights");
  if (weights.some((w) => w < 0 || !Number.isSafeInteger(w))) throw new Error("allocate: bad weights");
  const w = weights.map(BigInt);
  const whole = w.reduce((a, b) => a + b, 0n);
  if (whole <= 0n) throw new Error("allocate: bad weights");
  const sign = total < 0n ? -1n : 1n;
  const t = abs(total);
  const floors = w.map((x) => (t * x) / whole);
  let left = t - floors.reduce((a, b) => a + b, 0n); // < number of parts
  const order = w
    .map((x, i) => ({ i, rem: (t * x) % whole })) // remainders over the same divisor compare directly
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0n) break;
    floors[i] += 1n;
    left--;
  }
  return floors.map((f) => (f * sign) as Dong);
}

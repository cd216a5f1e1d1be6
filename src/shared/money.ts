import Decimal from "decimal.js";
import { ValidationError } from "./errors";

// The only door for money. A JS number never holds an amount: đồng travel as strings of digits,
// are computed as Decimal, and are stored as integer đồng (BIGINT). 15 digits keep every value
// (and every sum of many of them, in SQL) exact in both drivers.
export const MAX_DIGITS = 15;
export const DONG_PATTERN = "^-?(0|[1-9][0-9]{0,14})$";
const dongRe = new RegExp(DONG_PATTERN);

export type Dong = Decimal;

/** Parses a wire amount ("1250000", "-500") into Decimal; throws ValidationError at `path` otherwise. */
export function parseDong(value: unknown, path = ""): Dong {
  if (typeof value !== "string" || !dongRe.test(value) || value === "-0") {
    throw new ValidationError([{ path, code: "invalid_amount" }]);
  }
  return new Decimal(value);
}

export function isDongString(value: string): boolean {
  return dongRe.test(value) && value !== "-0";
}

/** Value for a BIGINT column: a string of digits, which both drivers bind exactly. */
export function toDb(amount: Dong): string {
  if (!amount.isInteger()) throw new Error(`not whole đồng: ${amount.toString()}`);
  return amount.toFixed(0);
}

/** Reads a BIGINT/SUM from either driver: sqlite3 gives numbers, pg gives strings. */
export function fromDb(value: number | string | bigint | null | undefined): Dong {
  if (value === null || value === undefined) return new Decimal(0);
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    // A sum past 2^53 would already have lost precision in the driver: refuse rather than lie.
    throw new Error(`amount beyond exact range: ${value}`);
  }
  return new Decimal(value.toString());
}

/** Wire form: "1250000" (no separators, signed). */
export function toWire(amount: Dong): string {
  return amount.toFixed(0);
}

/** Display form for documents: 1.250.000 (dot thousands, minus sign kept). */
export function formatDong(amount: Dong): string {
  const digits = amount.abs().toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return amount.isNegative() && !amount.isZero() ? `-${digits}` : digits;
}

/**
 * Splits `total` into parts proportional to integer `weights`, to the đồng. Rule: floor each
 * share, then give the leftover đồng one each to the largest remainders (ties to the earlier part),
 * so the parts always add up to the total.
 */
export function allocate(total: Dong, weights: number[]): Dong[] {
  if (weights.length === 0) throw new Error("allocate: no weights");
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || weights.some((w) => w < 0 || !Number.isInteger(w))) throw new Error("allocate: bad weights");
  const sign = total.isNegative() ? -1 : 1;
  const abs = total.abs();
  const shares = weights.map((w) => abs.times(w).dividedBy(sum));
  const floors = shares.map((s) => s.floor());
  let left = abs.minus(floors.reduce((a, b) => a.plus(b), new Decimal(0))).toNumber();
  const order = shares
    .map((s, i) => ({ i, rem: s.minus(floors[i]) }))
    .sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i].plus(1);
    left--;
  }
  return floors.map((f) => f.times(sign));
}

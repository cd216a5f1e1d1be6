import Decimal from "decimal.js";
import { ValidationError } from "./errors";

// The only door for money. A JS number never holds an amount: đồng travel as strings of digits,
// are computed as Decimal, and are stored as integer đồng (BIGINT). 15 digits keep every value
// (and every sum of many of them, in SQL) exact in both drivers.
export const MAX_DIGITS = 15;
export const DONG_PATTERN = "^(0|-?[1-9][0-9]{0,14})$";
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
  if (!total.isInteger()) throw new Error(`allocate: not whole đồng: ${total.toString()}`);
  if (weights.some((w) => w < 0 || !Number.isSafeInteger(w))) throw new Error("allocate: bad weights");
  // Exact integer arithmetic: Decimal's 20 significant digits round a 15-digit share's remainder,
  // which let near-equal remainders tie and the leftover go to the wrong part.
  const w = weights.map(BigInt);
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum <= 0n) throw new Error("allocate: bad weights");
  const sign = total.isNegative() ? -1 : 1;
  const abs = BigInt(total.abs().toFixed(0));
  const floors = w.map((x) => (abs * x) / sum);
  let left = abs - floors.reduce((a, b) => a + b, 0n); // < number of parts
  const order = w
    .map((x, i) => ({ i, rem: (abs * x) % sum })) // remainders over the same divisor compare directly
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0n) break;
    floors[i] += 1n;
    left--;
  }
  return floors.map((f) => (f === 0n ? new Decimal(0) : new Decimal(f.toString()).times(sign))); // no -0 parts
}

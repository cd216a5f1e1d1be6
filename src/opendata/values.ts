import { fromDb, type Dong } from "../shared/money";

// How the exports write money and time. OC4IDS wants an amount as a JSON number: đồng are whole,
// and any real hamlet's sums are far below 2^53, but a number past that would be written wrong
// without a word, so it is refused (the export fails, logged) rather than rounded.

export class AmountOutOfRange extends Error {
  constructor(readonly amount: string) {
    super(`amount beyond a JSON number's exact range: ${amount}`);
  }
}

/** Whole đồng (a wire string or a Dong) as a JSON number, exactly, or AmountOutOfRange. */
export function exactNumber(amount: string | Dong): number {
  const d = typeof amount === "string" ? fromDb(amount) : amount;
  if (d > BigInt(Number.MAX_SAFE_INTEGER) || d < -BigInt(Number.MAX_SAFE_INTEGER)) throw new AmountOutOfRange(String(d));
  return Number(d);
}

/** An OC4IDS Value in đồng. */
export const vnd = (amount: string | Dong) => ({ amount: exactNumber(amount), currency: "VND" as const });

const VN_OFFSET_MS = 7 * 3600_000;

/** A day (YYYY-MM-DD) as the start of that day in Vietnam, ISO 8601 with +07:00. */
export const dayStart = (date: string) => `${date}T00:00:00+07:00`;

/** A UTC instant as the same instant in Vietnam's time, ISO 8601 with +07:00. */
export function vnTime(instant: string): string {
  const local = new Date(new Date(instant).getTime() + VN_OFFSET_MS).toISOString().slice(0, 19);
  return `${local}+07:00`;
}

/** The licence both exports carry: anyone may reuse the data, naming where it came from. */
export const DATA_LICENCE = { name: "CC-BY-4.0", title: "Creative Commons Attribution 4.0", path: "https://creativecommons.org/licenses/by/4.0/" } as const;

import type { Db } from "../db/knex";
import * as q from "./queries";
import type { EntryRow } from "./queries";
import { SERIES_OF } from "./types";
import type { EntryInput, Series } from "./types";

// Voucher numbers (DESIGN §4.5): per unit, series (PT receipts, PC payments, PK the rest) and year,
// gapless, decided under the unit's lock: PT-2025-000042.

export interface Voucher {
  series: Series;
  year: number;
  number: number;
  no: string;
}

export const voucherNo = (series: string, year: number | string, number: number | string) => `${series}-${year}-${String(number).padStart(6, "0")}`;

/** The series and years these entries take numbers in: their last numbers are read with the books' state. */
export function voucherKeys(inputs: EntryInput[]): { series: string; year: number }[] {
  const keys = new Map<string, { series: string; year: number }>();
  for (const e of inputs) {
    const series = e.series ?? SERIES_OF[e.kind];
    const year = Number(String(e.date).slice(0, 4));
    if (series && Number.isInteger(year)) keys.set(`${series}-${year}`, { series, year });
  }
  return [...keys.values()];
}

/**
 * The next numbers for these entries, in order, after the last ones (`last`, by "series-year", as
 * read with the books' state; a key missing there is read now).
 */
export async function nextVouchers(trx: Db, unitId: number, inputs: EntryInput[], last: Map<string, number>): Promise<Voucher[]> {
  const counters = new Map<string, number>();
  const out: Voucher[] = [];
  for (const e of inputs) {
    const series = e.series ?? SERIES_OF[e.kind];
    const year = Number(e.date.slice(0, 4));
    const key = `${series}-${year}`;
    const number = (counters.get(key) ?? last.get(key) ?? (await q.lastVoucherNumber(trx, unitId, series, year))) + 1;
    counters.set(key, number);
    out.push({ series, year, number, no: voucherNo(series, year, number) });
  }
  return out;
}

/** The voucher number is its series, year and number as stored, and the year is its date's. */
export function voucherAgrees(r: EntryRow): boolean {
  return r.voucher_no === voucherNo(r.voucher_series, r.voucher_year, r.voucher_number) && String(r.voucher_year) === r.entry_date.slice(0, 4);
}

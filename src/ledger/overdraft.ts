import type { Db } from "../db/knex";
import { RuleViolation } from "../shared/errors";
import { dong, fromDb, ZERO, type Dong } from "../shared/money";
import * as q from "./queries";
import type { AccountRow } from "./queries";

/**
 * DESIGN §4.4: a no-overdraft account must not end any day below zero, from the entry's date on
 * (a back-dated payment must not make an earlier day negative). Works on end-of-day balances,
 * applying the entries in order; the running sums are whole đồng, exact.
 */
export async function guardOverdraft(
  trx: Db,
  entries: { date: string; postings: { acc: AccountRow; dong: Dong }[] }[],
  // Read already (overdraftDays): the days of these accounts and more, from `from` (≤ every watched date) on.
  read?: Awaited<ReturnType<typeof q.daysFrom>> & { from: string },
) {
  const watched = new Map<number, AccountRow>();
  let minDate = "9999-12-31";
  for (const e of entries) {
    for (const p of e.postings) {
      if (p.acc.no_overdraft && p.dong < 0n) {
        watched.set(p.acc.id, p.acc);
        if (e.date < minDate) minDate = e.date;
      }
    }
  }
  if (!watched.size) return;
  const { before, days } = read && read.from <= minDate ? read : await q.daysFrom(trx, [...watched.keys()], minDate);
  // Per account: sorted dates and the running balance at the end of each.
  const books = new Map<number, { base: Dong; dates: string[]; running: Dong[] }>();
  for (const id of watched.keys()) books.set(id, { base: ZERO, dates: [], running: [] });
  for (const b of before) {
    const book = books.get(b.account_id);
    if (book) book.base = fromDb(b.bal); // (read may hold other accounts too)
  }
  for (const d of days) {
    const book = books.get(d.account_id);
    if (!book) continue;
    const last = book.running.length ? book.running[book.running.length - 1] : book.base;
    book.dates.push(d.entry_date);
    book.running.push(dong(last + fromDb(d.delta)));
  }
  for (const [i, e] of entries.entries()) {
    const net = new Map<number, Dong>();
    for (const p of e.postings) if (books.has(p.acc.id)) net.set(p.acc.id, dong((net.get(p.acc.id) ?? ZERO) + p.dong));
    for (const [accId, delta] of net) {
      const book = books.get(accId)!;
      let k = lowerBound(book.dates, e.date);
      if (book.dates[k] !== e.date) {
        book.dates.splice(k, 0, e.date);
        book.running.splice(k, 0, k > 0 ? book.running[k - 1] : book.base);
      }
      let min: Dong | undefined;
      for (let j = k; j < book.running.length; j++) {
        book.running[j] = dong(book.running[j] + delta);
        if (min === undefined || book.running[j] < min) min = book.running[j];
      }
      if (delta < 0n && min! < 0n) {
        const acc = watched.get(accId)!;
        const firstNegative = book.dates[book.running.findIndex((v, j) => j >= k && v < 0n)];
        throw new RuleViolation("overdraft", { account: acc.code, date: e.date, negativeOn: firstNegative, shortBy: (-min!).toString(), entry: i });
      }
    }
  }
}

function lowerBound(a: string[], x: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

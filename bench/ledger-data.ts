// The entries the ledger's benchmarks post (bench/ledger.ts, ab-batch.ts, receipt.ts): the same
// seeded sequence in each, so that their figures describe the same load.

/** A small seeded generator (mulberry32): the same numbers on every run. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DAYS_2025 = 365;
export const dateOf = (day: number) => new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);

/** Entry `i` of `n`, dated through 2025 in order: receipts into cash, payments and deposits out of it. */
export function makeEntry(rnd: () => number, i: number, n: number) {
  const date = dateOf(Math.floor((i * DAYS_2025) / n));
  const r = rnd();
  const amount = (lo: number, hi: number) => String(Math.round((lo + rnd() * (hi - lo)) / 1000) * 1000);
  if (r < 0.7) {
    const a = amount(100_000, 5_000_000);
    return { date, kind: "contribution", description: `Thu đóng góp xây dựng đường bê tông - hộ DT-${String((i % 400) + 1).padStart(3, "0")}`, postings: [{ account: "111", amount: a }, { account: "711", amount: `-${a}` }] };
  }
  if (r < 0.9) {
    const a = amount(50_000, 2_000_000);
    return { date, kind: "expense", description: `Chi mua vật liệu: xi măng, cát, đá (hóa đơn số ${i})`, postings: [{ account: "811", amount: a }, { account: "111", amount: `-${a}` }] };
  }
  const a = amount(1_000_000, 3_000_000);
  return { date, kind: "transfer", description: "Nộp tiền mặt vào tài khoản của thôn tại Agribank chi nhánh huyện", postings: [{ account: "112", amount: a }, { account: "111", amount: `-${a}` }] };
}

import { expect } from "chai";
import Decimal from "decimal.js";
import type { Knex } from "knex";
import { asSystem } from "../../src/identity";
import { verifyChain } from "../../src/ledger";

// After a ledger test: every entry has >= 2 postings summing to zero, every unit's chain verifies,
// and the per-day balances equal the sum of the postings (STYLE §7).
export async function checkLedgerInvariants(db: Knex): Promise<void> {
  const sums: { entry_id: number; n: number | string; s: number | string }[] = await db("postings")
    .select("entry_id", db.raw("COUNT(*) AS n"), db.raw("CAST(SUM(amount) AS TEXT) AS s"))
    .groupBy("entry_id");
  for (const r of sums) {
    expect(Number(r.n), `entry ${r.entry_id} postings`).to.be.at.least(2);
    expect(new Decimal(String(r.s)).isZero(), `entry ${r.entry_id} sums to ${r.s}`).to.equal(true);
  }
  const entries = Number((await db("entries").count({ n: "*" }).first())!.n);
  expect(new Set(sums.map((r) => String(r.entry_id))).size).to.equal(entries);
  for (const { unit_id } of await db("entries").distinct("unit_id")) {
    const v = await verifyChain(db, asSystem("test invariants"), unit_id);
    expect(v.ok, `chain of unit ${unit_id}: ${JSON.stringify(v.firstBroken)}`).to.equal(true);
  }
  const fromPostings: { account_id: number; entry_date: string; n: number | string; s: number | string }[] = await db("postings")
    .select("account_id", "entry_date", db.raw("COUNT(*) AS n"), db.raw("CAST(SUM(amount) AS TEXT) AS s"))
    .groupBy("account_id", "entry_date");
  const days = await db("account_days").select("*");
  const key = (a: unknown, d: unknown) => `${a}|${d}`;
  const map = new Map(days.map((d) => [key(d.account_id, d.entry_date), d]));
  expect(days.length).to.equal(fromPostings.length);
  for (const p of fromPostings) {
    const d = map.get(key(p.account_id, p.entry_date));
    expect(d, `day row for ${key(p.account_id, p.entry_date)}`).to.not.equal(undefined);
    expect(new Decimal(String(d.debit)).plus(String(d.credit)).toFixed(0)).to.equal(new Decimal(String(p.s)).toFixed(0));
    expect(Number(d.postings)).to.equal(Number(p.n));
  }
  // The per-campaign, per-household totals the entries trigger keeps equal the postings' sums.
  const recomputed: { campaign_id: number; household_id: number; cash: string; receivable: string }[] = await db("entries as e")
    .join("postings as p", "p.entry_id", "e.id")
    .join("accounts as a", "a.id", "p.account_id")
    .whereNotNull("e.campaign_id")
    .whereNotNull("e.household_id")
    .whereIn("a.code", ["111", "112", "131"])
    .groupBy("e.campaign_id", "e.household_id")
    .select(
      "e.campaign_id",
      "e.household_id",
      db.raw("CAST(SUM(CASE WHEN a.code IN ('111', '112') THEN p.amount ELSE 0 END) AS TEXT) AS cash"),
      db.raw("CAST(SUM(CASE WHEN a.code = '131' THEN p.amount ELSE 0 END) AS TEXT) AS receivable"),
    );
  const kept = await db("campaign_household_totals").select("campaign_id", "household_id", db.raw("CAST(cash AS TEXT) AS cash"), db.raw("CAST(receivable AS TEXT) AS receivable"));
  const norm = (rows: { campaign_id: number; household_id: number; cash: string; receivable: string }[]) =>
    rows.map((r) => `${r.campaign_id}|${r.household_id}|${r.cash}|${r.receivable}`).sort();
  expect(norm(kept)).to.deep.equal(norm(recomputed));
}

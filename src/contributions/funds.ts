import type { Db } from "../db/knex";
import * as ledger from "../ledger";

// A campaign raises money for a fund (`fundAccount`): when the year closes, its revenue account
// closes into that fund (law.md L17). Registered with the ledger once, as the anchors are.

ledger.registerFundSource(async (db: Db, unitId: number) => {
  const out = new Map<string, string>();
  const rows: { revenue_account_id: number; fund_account: string }[] = await db("campaigns").select("revenue_account_id", "fund_account").where({ unit_id: unitId }).whereNotNull("fund_account");
  for (const r of rows) {
    const acc = await ledger.findAccountById(db, r.revenue_account_id);
    if (acc) out.set(acc.code, r.fund_account);
  }
  return out;
});

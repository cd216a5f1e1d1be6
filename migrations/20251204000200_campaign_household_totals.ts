import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// Per campaign and household: money received (accounts 111 + 112) and pledged but unpaid (131),
// kept by the database as entries arrive, like account_days. A campaign's list and summary read
// one row per household instead of joining every posting of the campaign to its entry and account
// (5,000 households: 10–50 ms on PostgreSQL depending on the plan, ~12 ms on SQLite).
// Same sums as the join it replaces: every entry of the campaign with a household, reversals
// included (they carry the campaign and household of what they reverse).
// PostgreSQL: once per statement (an import's 5,000 entries in one upsert), each entry looking up
// its own postings by index, so stale statistics cannot turn it into a scan of every posting;
// only the trigger may write the table. SQLite: once per entry.
// Transactional; reversible.

const CASH = "SUM(CASE WHEN a.code IN ('111', '112') THEN p.amount ELSE 0 END)";
const OWED = "SUM(CASE WHEN a.code = '131' THEN p.amount ELSE 0 END)";
const ADD = `ON CONFLICT (campaign_id, household_id) DO UPDATE SET
    cash = campaign_household_totals.cash + excluded.cash,
    receivable = campaign_household_totals.receivable + excluded.receivable`;

export async function up(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  await knex.schema.createTable("campaign_household_totals", (t) => {
    t.integer("campaign_id").notNullable();
    t.integer("household_id").notNullable();
    t.integer("unit_id").notNullable();
    t.bigInteger("cash").notNullable();
    t.bigInteger("receivable").notNullable();
    t.primary(["campaign_id", "household_id"]);
  });
  await knex.raw(`INSERT INTO campaign_household_totals (campaign_id, household_id, unit_id, cash, receivable)
    SELECT e.campaign_id, e.household_id, MIN(e.unit_id), ${CASH}, ${OWED}
    FROM entries e JOIN postings p ON p.entry_id = e.id JOIN accounts a ON a.id = p.account_id
    WHERE e.campaign_id IS NOT NULL AND e.household_id IS NOT NULL AND a.code IN ('111', '112', '131')
    GROUP BY e.campaign_id, e.household_id`);

  if (pg) {
    // LATERAL: each of the statement's entries looks up its own postings by entry_id; no plan
    // may walk the postings table and probe the statement's rows instead.
    await knex.raw(`CREATE FUNCTION campaign_totals_statement() RETURNS trigger AS $$ BEGIN
      INSERT INTO campaign_household_totals (campaign_id, household_id, unit_id, cash, receivable)
        SELECT e.campaign_id, e.household_id, MIN(e.unit_id), SUM(s.cash), SUM(s.owed)
        FROM new_entries e CROSS JOIN LATERAL (
          SELECT COUNT(*) AS n, COALESCE(${CASH}, 0) AS cash, COALESCE(${OWED}, 0) AS owed
          FROM postings p JOIN accounts a ON a.id = p.account_id
          WHERE p.entry_id = e.id AND a.code IN ('111', '112', '131')) s
        WHERE e.campaign_id IS NOT NULL AND e.household_id IS NOT NULL
        GROUP BY e.campaign_id, e.household_id
        HAVING SUM(s.n) > 0
        ${ADD};
      RETURN NULL; END $$ LANGUAGE plpgsql
      SET enable_seqscan = off SET jit = off`);
    await knex.raw(`CREATE TRIGGER entries_campaign_totals AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries
      FOR EACH STATEMENT EXECUTE FUNCTION campaign_totals_statement()`);
    // heads_guard (20251204000000): only a trigger may write.
    await knex.raw(`CREATE TRIGGER campaign_household_totals_guard BEFORE INSERT OR UPDATE OR DELETE ON campaign_household_totals
      FOR EACH ROW EXECUTE FUNCTION heads_guard()`);
    await knex.raw(`CREATE TRIGGER campaign_household_totals_no_truncate BEFORE TRUNCATE ON campaign_household_totals
      FOR EACH STATEMENT EXECUTE FUNCTION heads_guard()`);
  } else {
    await knex.raw(`CREATE TRIGGER entries_campaign_totals AFTER INSERT ON entries
      WHEN NEW.campaign_id IS NOT NULL AND NEW.household_id IS NOT NULL BEGIN
      INSERT INTO campaign_household_totals (campaign_id, household_id, unit_id, cash, receivable)
        SELECT NEW.campaign_id, NEW.household_id, NEW.unit_id, ${CASH}, ${OWED}
        FROM postings p JOIN accounts a ON a.id = p.account_id
        WHERE p.entry_id = NEW.id AND a.code IN ('111', '112', '131')
        GROUP BY p.entry_id
        ${ADD};
      END`);
    await knex.raw(`CREATE TRIGGER campaign_household_totals_no_delete BEFORE DELETE ON campaign_household_totals
      BEGIN SELECT RAISE(ABORT, 'append_only: campaign_household_totals are kept by the entries trigger'); END`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw("DROP TRIGGER IF EXISTS entries_campaign_totals ON entries");
    await knex.raw("DROP FUNCTION IF EXISTS campaign_totals_statement()");
  } else {
    await knex.raw("DROP TRIGGER IF EXISTS entries_campaign_totals");
  }
  await knex.schema.dropTableIfExists("campaign_household_totals");
}

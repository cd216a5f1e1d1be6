import type { Knex } from "knex";
import { CHART, MONEY_ACCOUNTS } from "../src/shared/chart";
import { isPg } from "./lib/triggers";
import { createRule, dropRule, PINNED, raisePg, Rule } from "./lib/rules";

// One ledger rule, one trigger, the same name on both engines (src/ledger/CONTEXT.md lists them):
//  - SQLite's numbered triggers (entries_check_1…6, postings_check_7, 8) and PostgreSQL's two
//    functions that checked several rules each (entries_check_statement, postings_check_statement,
//    and entries_chain for both the chain and the vouchers) become one trigger per rule
//    (lib/rules.ts). Same conditions as before; the account check is now two rules with the codes
//    the ledger answers with: unknown_account (not of the posting's unit) and account_inactive.
//  - PostgreSQL: the per-row functions that 20251204000000 and 20251204000300 left unused
//    (entries_check, postings_check, postings_days) are dropped.
//  - chart_roles: the chart's fixed codes by role (src/shared/chart.ts), so triggers name roles,
//    not account codes. campaign_household_totals counts the "money" and "pledges" roles.
//  - SQLite refuses an UPDATE of campaign_household_totals, as PostgreSQL does: its trigger now
//    replaces the row (INSERT OR REPLACE fires no UPDATE or, with recursive triggers off, DELETE
//    trigger) instead of upserting it.
// Existing rows already satisfy every rule (the same conditions held when they were written).
// Runs in a transaction; reversible.

const ZERO_HASH = "0".repeat(64);

const POSTINGS_MATCH_MESSAGE = "postings must be of the entry unit and date, on active accounts of that unit";

const RULES: Rule[] = [
  {
    name: "entries_balanced",
    table: "entries",
    code: "unbalanced_entry",
    message: "an entry needs two or more postings summing to zero",
    sqlite: `(SELECT COUNT(*) FROM postings p WHERE p.entry_id = NEW.id) < 2
       OR (SELECT SUM(p.amount) FROM postings p WHERE p.entry_id = NEW.id) <> 0`,
    pg: `EXISTS (SELECT 1 FROM new_entries e CROSS JOIN LATERAL (
           SELECT COUNT(*) AS n, COALESCE(SUM(p.amount), 0) AS s FROM postings p WHERE p.entry_id = e.id) x
         WHERE x.n < 2 OR x.s <> 0)`,
  },
  {
    name: "entries_postings_match",
    table: "entries",
    code: "posting_mismatch",
    message: POSTINGS_MATCH_MESSAGE,
    sqlite: `EXISTS (SELECT 1 FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = NEW.id
         AND (p.unit_id <> NEW.unit_id OR a.unit_id <> NEW.unit_id OR p.entry_date <> NEW.entry_date OR p.seq <> NEW.seq OR a.is_active = 0))`,
    pg: `EXISTS (SELECT 1 FROM new_entries e CROSS JOIN LATERAL (
           SELECT COUNT(*) AS bad FROM postings p JOIN accounts a ON a.id = p.account_id
           WHERE p.entry_id = e.id AND (p.unit_id <> e.unit_id OR a.unit_id <> e.unit_id OR p.entry_date <> e.entry_date
                                        OR p.seq <> e.seq OR NOT a.is_active)) x
         WHERE x.bad > 0)`,
  },
  {
    name: "entries_period_open",
    table: "entries",
    code: "period_closed",
    message: "the date is inside a closed period",
    sqlite: `NEW.entry_date <= (SELECT MAX(c.through) FROM closings c WHERE c.unit_id = NEW.unit_id)`,
    pg: `EXISTS (SELECT 1 FROM new_entries e
         WHERE e.entry_date <= (SELECT MAX(c.through) FROM closings c WHERE c.unit_id = e.unit_id))`,
  },
  {
    name: "entries_reversal_of_entry",
    table: "entries",
    code: "cannot_reverse_reversal",
    message: "a reversal cannot be reversed; only an entry of the same unit",
    sqlite: `NEW.reverses_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.id = NEW.reverses_id
         AND r.unit_id = NEW.unit_id AND r.kind <> 'reversal')`,
    pg: `EXISTS (SELECT 1 FROM new_entries e WHERE e.reverses_id IS NOT NULL
         AND (SELECT COUNT(*) FROM entries r WHERE r.id = e.reverses_id AND r.unit_id = e.unit_id AND r.kind <> 'reversal') = 0)`,
  },
  {
    name: "postings_entry_open",
    table: "postings",
    code: "entry_posted",
    message: "postings cannot be added to a posted entry",
    sqlite: `EXISTS (SELECT 1 FROM entries e WHERE e.id = NEW.entry_id)`,
    pg: `EXISTS (SELECT 1 FROM new_postings p WHERE (SELECT COUNT(*) FROM entries e WHERE e.id = p.entry_id) > 0)`,
  },
  {
    name: "postings_account_of_unit",
    table: "postings",
    code: "unknown_account",
    message: "the account is not one of the posting unit",
    sqlite: `NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = NEW.account_id AND a.unit_id = NEW.unit_id)`,
    pg: `EXISTS (SELECT 1 FROM new_postings p
         WHERE (SELECT COUNT(*) FROM accounts a WHERE a.id = p.account_id AND a.unit_id = p.unit_id) = 0)`,
  },
  {
    name: "postings_account_active",
    table: "postings",
    code: "account_inactive",
    message: "the account is deactivated",
    sqlite: `EXISTS (SELECT 1 FROM accounts a WHERE a.id = NEW.account_id AND a.is_active = 0)`,
    pg: `EXISTS (SELECT 1 FROM new_postings p
         WHERE (SELECT COUNT(*) FROM accounts a WHERE a.id = p.account_id AND NOT a.is_active) > 0)`,
  },
];

// The chain and the vouchers: per row on SQLite (MAX through the unique indexes); per statement on
// PostgreSQL against the heads in ledger_heads and voucher_heads (20251204000000 says why).
const CHAIN = { code: "chain_broken", message: "seq must follow the unit last entry and prev_hash its hash" };
const VOUCHER = { code: "voucher_gap", message: "voucher numbers are gapless per unit, series and year" };
const SQLITE_CHAIN = `NEW.seq <> COALESCE((SELECT MAX(e.seq) FROM entries e WHERE e.unit_id = NEW.unit_id), 0) + 1
       OR NEW.prev_hash <> COALESCE((SELECT e.hash FROM entries e WHERE e.unit_id = NEW.unit_id AND e.seq = NEW.seq - 1), '${ZERO_HASH}')`;
const SQLITE_VOUCHER = `NEW.voucher_number <> COALESCE((SELECT MAX(e.voucher_number) FROM entries e WHERE e.unit_id = NEW.unit_id
         AND e.voucher_series = NEW.voucher_series AND e.voucher_year = NEW.voucher_year), 0) + 1`;

const PG_CHAIN_LOOP = `
    FOR r IN SELECT unit_id, MIN(seq) AS lo, MAX(seq) AS hi, COUNT(*) AS k FROM new_entries GROUP BY unit_id LOOP
      IF r.hi - r.lo + 1 <> r.k OR r.lo < 1 THEN ${raisePg(CHAIN.code, CHAIN.message)}; END IF;
      IF EXISTS (SELECT 1 FROM new_entries a LEFT JOIN new_entries b ON b.unit_id = a.unit_id AND b.seq = a.seq - 1
                 WHERE a.unit_id = r.unit_id AND a.seq > r.lo AND (b.hash IS NULL OR b.hash <> a.prev_hash)) THEN ${raisePg(CHAIN.code, CHAIN.message)}; END IF;
      SELECT prev_hash INTO lowest FROM new_entries WHERE unit_id = r.unit_id AND seq = r.lo;
      SELECT hash INTO top_hash FROM new_entries WHERE unit_id = r.unit_id AND seq = r.hi;
      IF r.lo = 1 THEN
        IF lowest.prev_hash <> '${ZERO_HASH}' OR EXISTS (SELECT 1 FROM ledger_heads h WHERE h.unit_id = r.unit_id) THEN ${raisePg(CHAIN.code, CHAIN.message)}; END IF;
        INSERT INTO ledger_heads (unit_id, seq, hash) VALUES (r.unit_id, r.hi, top_hash);
      ELSE
        UPDATE ledger_heads SET seq = r.hi, hash = top_hash
          WHERE unit_id = r.unit_id AND seq = r.lo - 1 AND hash = lowest.prev_hash;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> 1 THEN ${raisePg(CHAIN.code, CHAIN.message)}; END IF;
      END IF;
    END LOOP;`;
const PG_VOUCHER_LOOP = `
    FOR r IN SELECT unit_id, voucher_series, voucher_year, MIN(voucher_number) AS lo, MAX(voucher_number) AS hi, COUNT(*) AS k
             FROM new_entries GROUP BY unit_id, voucher_series, voucher_year LOOP
      IF r.hi - r.lo + 1 <> r.k OR r.lo < 1 THEN ${raisePg(VOUCHER.code, VOUCHER.message)}; END IF;
      IF r.lo = 1 THEN
        IF EXISTS (SELECT 1 FROM voucher_heads v WHERE v.unit_id = r.unit_id AND v.voucher_series = r.voucher_series
                   AND v.voucher_year = r.voucher_year) THEN ${raisePg(VOUCHER.code, VOUCHER.message)}; END IF;
        INSERT INTO voucher_heads (unit_id, voucher_series, voucher_year, voucher_number)
          VALUES (r.unit_id, r.voucher_series, r.voucher_year, r.hi);
      ELSE
        UPDATE voucher_heads SET voucher_number = r.hi
          WHERE unit_id = r.unit_id AND voucher_series = r.voucher_series AND voucher_year = r.voucher_year AND voucher_number = r.lo - 1;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> 1 THEN ${raisePg(VOUCHER.code, VOUCHER.message)}; END IF;
      END IF;
    END LOOP;`;
const pgFunction = (name: string, declare: string, loops: string) => `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger AS $$
  DECLARE ${declare}
  BEGIN ${loops}
    RETURN NULL; END $$ LANGUAGE plpgsql`;

// campaign_household_totals: per campaign and household, what reached the money accounts and what
// is pledged and unpaid, summed over the chart's roles (20251204000200 for the rest).
const TOTALS = (p: string) => `COALESCE(SUM(CASE WHEN r.role = 'money' THEN ${p}.amount ELSE 0 END), 0) AS cash,
          COALESCE(SUM(CASE WHEN r.role = 'pledges' THEN ${p}.amount ELSE 0 END), 0) AS owed`;
const ROLES_JOIN = `JOIN chart_roles r ON r.code = a.code AND r.role IN ('money', 'pledges')`;
const ADD = `ON CONFLICT (campaign_id, household_id) DO UPDATE SET
    cash = campaign_household_totals.cash + excluded.cash,
    receivable = campaign_household_totals.receivable + excluded.receivable`;
// PostgreSQL reads the roles' codes once per statement, not once per posting; each entry's postings
// are found by entry_id alone (a filter on the code could start from the account instead).
const PG_TOTALS = `CREATE OR REPLACE FUNCTION campaign_totals_statement() RETURNS trigger AS $$
    DECLARE money VARCHAR[]; pledges VARCHAR[];
    BEGIN
      SELECT COALESCE(array_agg(code) FILTER (WHERE role = 'money'), '{}'), COALESCE(array_agg(code) FILTER (WHERE role = 'pledges'), '{}')
        INTO money, pledges FROM chart_roles;
      INSERT INTO campaign_household_totals (campaign_id, household_id, unit_id, cash, receivable)
        SELECT e.campaign_id, e.household_id, MIN(e.unit_id), SUM(s.cash), SUM(s.owed)
        FROM new_entries e CROSS JOIN LATERAL (
          SELECT COUNT(*) FILTER (WHERE a.code = ANY (money) OR a.code = ANY (pledges)) AS n,
                 COALESCE(SUM(CASE WHEN a.code = ANY (money) THEN p.amount ELSE 0 END), 0) AS cash,
                 COALESCE(SUM(CASE WHEN a.code = ANY (pledges) THEN p.amount ELSE 0 END), 0) AS owed
          FROM postings p JOIN accounts a ON a.id = p.account_id
          WHERE p.entry_id = e.id) s
        WHERE e.campaign_id IS NOT NULL AND e.household_id IS NOT NULL
        GROUP BY e.campaign_id, e.household_id
        HAVING SUM(s.n) > 0
        ${ADD};
      RETURN NULL; END $$ LANGUAGE plpgsql
      SET enable_seqscan = off SET jit = off`;
// The row is replaced, not upserted, so that no UPDATE reaches the table (its guard refuses any).
const SQLITE_TOTALS = `CREATE TRIGGER entries_campaign_totals AFTER INSERT ON entries
      WHEN NEW.campaign_id IS NOT NULL AND NEW.household_id IS NOT NULL BEGIN
      INSERT OR REPLACE INTO campaign_household_totals (campaign_id, household_id, unit_id, cash, receivable)
        SELECT NEW.campaign_id, NEW.household_id, COALESCE(t.unit_id, NEW.unit_id), COALESCE(t.cash, 0) + s.cash, COALESCE(t.receivable, 0) + s.owed
        FROM (SELECT COUNT(*) AS n, ${TOTALS("p")}
              FROM postings p JOIN accounts a ON a.id = p.account_id ${ROLES_JOIN}
              WHERE p.entry_id = NEW.id) s
        LEFT JOIN campaign_household_totals t ON t.campaign_id = NEW.campaign_id AND t.household_id = NEW.household_id
        WHERE s.n > 0;
      END`;
const GUARD_MESSAGE = "append_only: campaign_household_totals are kept by the entries trigger";

export async function up(knex: Knex): Promise<void> {
  const pg = isPg(knex);

  await knex.raw(`CREATE TABLE chart_roles (
    code VARCHAR(16) NOT NULL,
    role VARCHAR(32) NOT NULL,
    PRIMARY KEY (code, role))`);
  await knex("chart_roles").insert([
    ...Object.entries(CHART).map(([role, code]) => ({ code, role })),
    ...MONEY_ACCOUNTS.map((code) => ({ code, role: "money" })),
  ]);

  if (pg) {
    await knex.raw("DROP TRIGGER entries_check ON entries");
    await knex.raw("DROP TRIGGER postings_check ON postings");
    // No CASCADE: if anything still used them, the migration stops here.
    for (const f of ["entries_check_statement", "postings_check_statement", "entries_check", "postings_check", "postings_days"]) {
      await knex.raw(`DROP FUNCTION ${f}()`);
    }
    for (const r of RULES) await createRule(knex, r);
    // entries_chain keeps its name and trigger, and now checks the chain alone.
    await knex.raw(pgFunction("entries_chain", "r record; lowest record; top_hash VARCHAR(64); n integer;", PG_CHAIN_LOOP));
    await knex.raw(pgFunction("entries_vouchers", "r record; n integer;", PG_VOUCHER_LOOP));
    await knex.raw(`CREATE TRIGGER entries_vouchers AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries
      FOR EACH STATEMENT EXECUTE FUNCTION entries_vouchers()`);
    await knex.raw(PG_TOTALS);
  } else {
    for (const n of [1, 2, 3, 4, 5, 6]) await knex.raw(`DROP TRIGGER entries_check_${n}`);
    for (const n of [7, 8]) await knex.raw(`DROP TRIGGER postings_check_${n}`);
    for (const r of RULES) await createRule(knex, r);
    await createRule(knex, { name: "entries_chain", table: "entries", ...CHAIN, sqlite: SQLITE_CHAIN, pg: "" });
    await createRule(knex, { name: "entries_vouchers", table: "entries", ...VOUCHER, sqlite: SQLITE_VOUCHER, pg: "" });
    await knex.raw("DROP TRIGGER entries_campaign_totals");
    await knex.raw(SQLITE_TOTALS);
    await knex.raw(`CREATE TRIGGER campaign_household_totals_no_update BEFORE UPDATE ON campaign_household_totals
      BEGIN SELECT RAISE(ABORT, '${GUARD_MESSAGE}'); END`);
  }
}

// Back to the triggers of 20251204000300 (PostgreSQL) and 20251102000000 (SQLite).
const OLD_CHECK = (table: string, name: string, body: string) => `CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN
  ${body}
  RETURN ${table === "statement" ? "NULL" : "NEW"}; END $$ LANGUAGE plpgsql${table === "statement" ? ` ${PINNED}` : ""}`;
const OLD_ACCOUNT = { code: "account_invalid", message: "the account must be active and of the posting unit" };
const ruleOf = (name: string) => RULES.find((r) => r.name === name)!;
const ifRaise = (cond: string, r: { code: string; message: string }) => `IF ${cond} THEN ${raisePg(r.code, r.message)}; END IF;`;

export async function down(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  const entryRules = ["entries_balanced", "entries_postings_match", "entries_period_open", "entries_reversal_of_entry"].map(ruleOf);
  if (pg) {
    for (const r of RULES) await dropRule(knex, r);
    await dropRule(knex, { name: "entries_vouchers", table: "entries" });
    await knex.raw(pgFunction("entries_chain", "r record; lowest record; top_hash VARCHAR(64); n integer;", PG_CHAIN_LOOP + PG_VOUCHER_LOOP));
    await knex.raw(OLD_CHECK("statement", "entries_check_statement", entryRules.map((r) => ifRaise(r.pg, r)).join("\n  ")));
    await knex.raw(`CREATE TRIGGER entries_check AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries
      FOR EACH STATEMENT EXECUTE FUNCTION entries_check_statement()`);
    await knex.raw(OLD_CHECK("statement", "postings_check_statement", [
      ifRaise(ruleOf("postings_entry_open").pg, ruleOf("postings_entry_open")),
      ifRaise(`EXISTS (SELECT 1 FROM new_postings p
               WHERE (SELECT COUNT(*) FROM accounts a WHERE a.id = p.account_id AND a.unit_id = p.unit_id AND a.is_active) = 0)`, OLD_ACCOUNT),
    ].join("\n  ")));
    await knex.raw(`CREATE TRIGGER postings_check AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings
      FOR EACH STATEMENT EXECUTE FUNCTION postings_check_statement()`);
    // The per-row functions older migrations' down() put back into use.
    await knex.raw(OLD_CHECK("row", "entries_check", entryRules.map((r) => ifRaise(r.sqlite.replace("a.is_active = 0", "a.is_active = false"), r)).join("\n  ")));
    await knex.raw(OLD_CHECK("row", "postings_check", [
      ifRaise(ruleOf("postings_entry_open").sqlite, ruleOf("postings_entry_open")),
      ifRaise("NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = NEW.account_id AND a.unit_id = NEW.unit_id AND a.is_active = true)", OLD_ACCOUNT),
    ].join("\n  ")));
    await knex.raw(OLD_CHECK("row", "postings_days", `INSERT INTO account_days (account_id, entry_date, unit_id, debit, credit, postings)
      VALUES (NEW.account_id, NEW.entry_date, NEW.unit_id,
              CASE WHEN NEW.amount > 0 THEN NEW.amount ELSE 0 END, CASE WHEN NEW.amount < 0 THEN NEW.amount ELSE 0 END, 1)
      ON CONFLICT (account_id, entry_date) DO UPDATE SET
        debit = account_days.debit + excluded.debit, credit = account_days.credit + excluded.credit,
        postings = account_days.postings + 1;`));
    await knex.raw(`CREATE OR REPLACE FUNCTION campaign_totals_statement() RETURNS trigger AS $$ BEGIN
      INSERT INTO campaign_household_totals (campaign_id, household_id, unit_id, cash, receivable)
        SELECT e.campaign_id, e.household_id, MIN(e.unit_id), SUM(s.cash), SUM(s.owed)
        FROM new_entries e CROSS JOIN LATERAL (
          SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN a.code IN ('111', '112') THEN p.amount ELSE 0 END), 0) AS cash,
                 COALESCE(SUM(CASE WHEN a.code = '131' THEN p.amount ELSE 0 END), 0) AS owed
          FROM postings p JOIN accounts a ON a.id = p.account_id
          WHERE p.entry_id = e.id AND a.code IN ('111', '112', '131')) s
        WHERE e.campaign_id IS NOT NULL AND e.household_id IS NOT NULL
        GROUP BY e.campaign_id, e.household_id
        HAVING SUM(s.n) > 0
        ${ADD};
      RETURN NULL; END $$ LANGUAGE plpgsql
      SET enable_seqscan = off SET jit = off`);
  } else {
    await knex.raw("DROP TRIGGER IF EXISTS campaign_household_totals_no_update");
    await knex.raw("DROP TRIGGER IF EXISTS entries_campaign_totals");
    await knex.raw(`CREATE TRIGGER entries_campaign_totals AFTER INSERT ON entries
      WHEN NEW.campaign_id IS NOT NULL AND NEW.household_id IS NOT NULL BEGIN
      INSERT INTO campaign_household_totals (campaign_id, household_id, unit_id, cash, receivable)
        SELECT NEW.campaign_id, NEW.household_id, NEW.unit_id,
               SUM(CASE WHEN a.code IN ('111', '112') THEN p.amount ELSE 0 END), SUM(CASE WHEN a.code = '131' THEN p.amount ELSE 0 END)
        FROM postings p JOIN accounts a ON a.id = p.account_id
        WHERE p.entry_id = NEW.id AND a.code IN ('111', '112', '131')
        GROUP BY p.entry_id
        ${ADD};
      END`);
    for (const r of RULES) await dropRule(knex, r);
    await dropRule(knex, { name: "entries_chain", table: "entries" });
    await dropRule(knex, { name: "entries_vouchers", table: "entries" });
    const old: [string, string, { code: string; message: string }][] = [
      ["entries", entryRules[0].sqlite, entryRules[0]],
      ["entries", entryRules[1].sqlite, entryRules[1]],
      ["entries", SQLITE_CHAIN, CHAIN],
      ["entries", SQLITE_VOUCHER, VOUCHER],
      ["entries", entryRules[2].sqlite, entryRules[2]],
      ["entries", entryRules[3].sqlite, entryRules[3]],
      ["postings", ruleOf("postings_entry_open").sqlite, ruleOf("postings_entry_open")],
      ["postings", "NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = NEW.account_id AND a.unit_id = NEW.unit_id AND a.is_active = 1)", OLD_ACCOUNT],
    ];
    let i = 0;
    for (const [table, cond, r] of old) {
      await knex.raw(`CREATE TRIGGER ${table}_check_${++i} BEFORE INSERT ON ${table} WHEN ${cond} BEGIN SELECT RAISE(ABORT, '${r.code}: ${r.message}'); END`);
    }
  }
  await knex.raw("DROP TABLE chart_roles");
}

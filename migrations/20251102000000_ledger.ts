import type { Knex } from "knex";
import { appendOnly, isPg, oneOf } from "./lib/triggers";

// The ledger (DESIGN §4): accounts, entries, postings, per-day movements, closings, idempotency.
// The database itself refuses what it can, on both engines:
//  - an entry is inserted after its postings (the FK is deferred) and only if they are >= 2,
//    none zero, summing to 0, of accounts of its unit that are active, on its date;
//  - entries follow their unit's chain: seq = previous + 1, prev_hash = previous hash;
//  - voucher numbers are gapless per unit, series and year;
//  - nothing is posted on or before a closed date; a reversal is not reversed, an entry at most once;
//  - entries and postings are never updated or deleted.
// Runs in a transaction; reversible.

const ZERO_HASH = "0".repeat(64);

export async function up(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  await knex.schema.createTable("account_templates", (t) => {
    t.string("template", 32).notNullable();
    t.string("code", 16).notNullable();
    t.string("name", 200).notNullable();
    t.string("type", 16).notNullable();
    t.boolean("no_overdraft").notNullable().defaultTo(false);
    t.primary(["template", "code"]);
  });
  // DESIGN §3: the chart every new unit starts with (the campaigns' 7xx and works' 8xx come later).
  await knex("account_templates").insert([
    { template: "default", code: "111", name: "Tiền mặt", type: "asset", no_overdraft: true },
    { template: "default", code: "112", name: "Tiền gửi ngân hàng, kho bạc", type: "asset", no_overdraft: true },
    { template: "default", code: "131", name: "Phải thu các khoản đóng góp (đã đăng ký, chưa đóng)", type: "asset", no_overdraft: false },
    { template: "default", code: "141", name: "Tạm ứng", type: "asset", no_overdraft: false },
    { template: "default", code: "331", name: "Phải trả nhà cung cấp, nhà thầu", type: "liability", no_overdraft: false },
    { template: "default", code: "338", name: "Nhận giữ hộ", type: "liability", no_overdraft: false },
  ]);

  await knex.schema.createTable("accounts", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("code", 16).notNullable();
    t.string("name", 200).notNullable();
    t.string("type", 16).notNullable();
    t.string("parent_code", 16);
    t.boolean("no_overdraft").notNullable().defaultTo(false);
    t.boolean("is_active").notNullable().defaultTo(true);
    t.string("created_at", 30).notNullable();
    t.unique(["unit_id", "code"]);
  });
  await oneOf(knex, "accounts", "type", ["asset", "liability", "net_assets", "revenue", "expense"]);
  // Accounts are deactivated, never deleted (DESIGN §3).
  if (pg) {
    await knex.raw(`CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
  } else {
    await knex.raw(`CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts BEGIN SELECT RAISE(ABORT, 'append_only: accounts'); END`);
  }

  await knex.schema.createTable("entries", (t) => {
    // Ids are taken before the insert (the postings go first): nextval on PostgreSQL, MAX+1 under
    // SQLite's write lock.
    t.bigIncrements("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.bigInteger("seq").notNullable();
    t.string("voucher_series", 2).notNullable();
    t.integer("voucher_year").notNullable();
    t.integer("voucher_number").notNullable();
    t.string("voucher_no", 20).notNullable();
    t.string("entry_date", 10).notNullable();
    t.string("kind", 16).notNullable();
    t.string("description", 2000).notNullable();
    t.integer("household_id");
    t.integer("campaign_id");
    t.integer("work_id");
    t.bigInteger("reverses_id").references("id").inTable("entries");
    t.integer("created_by");
    t.string("created_by_name", 200);
    t.string("created_at", 30).notNullable();
    t.string("prev_hash", 64).notNullable();
    t.string("hash", 64).notNullable();
    t.unique(["unit_id", "seq"]);
    t.unique(["unit_id", "voucher_series", "voucher_year", "voucher_number"]);
    t.unique(["reverses_id"]); // an entry is reversed at most once
    t.index(["unit_id", "entry_date"]);
  });
  await oneOf(knex, "entries", "kind", ["contribution", "expense", "transfer", "opening", "adjustment", "reversal"]);
  await oneOf(knex, "entries", "voucher_series", ["PT", "PC", "PK"]);

  // Postings come before their entry in the same transaction, so the FK to entries is deferred
  // to commit: a posting whose entry never arrives makes the whole transaction fail.
  if (pg) {
    await knex.raw(`CREATE TABLE postings (
      id BIGSERIAL PRIMARY KEY,
      entry_id BIGINT NOT NULL REFERENCES entries(id) DEFERRABLE INITIALLY DEFERRED,
      unit_id INTEGER NOT NULL REFERENCES units(id),
      account_id INTEGER NOT NULL REFERENCES accounts(id),
      amount BIGINT NOT NULL CHECK (amount <> 0),
      memo VARCHAR(500),
      entry_date VARCHAR(10) NOT NULL,
      seq BIGINT NOT NULL)`);
  } else {
    await knex.raw(`CREATE TABLE postings (
      id INTEGER PRIMARY KEY,
      entry_id BIGINT NOT NULL REFERENCES entries(id) DEFERRABLE INITIALLY DEFERRED,
      unit_id INTEGER NOT NULL REFERENCES units(id),
      account_id INTEGER NOT NULL REFERENCES accounts(id),
      amount BIGINT NOT NULL CHECK (amount <> 0),
      memo VARCHAR(500),
      entry_date VARCHAR(10) NOT NULL,
      seq BIGINT NOT NULL)`);
  }
  await knex.raw("CREATE INDEX postings_entry ON postings (entry_id)");
  await knex.raw("CREATE INDEX postings_account_date ON postings (account_id, entry_date, seq, id)");

  // Movements per account and day, kept by the database itself (trigger on postings): balances,
  // trial balances and overdraft checks read a few hundred rows, not millions of postings.
  await knex.schema.createTable("account_days", (t) => {
    t.integer("account_id").notNullable().references("id").inTable("accounts");
    t.string("entry_date", 10).notNullable();
    t.integer("unit_id").notNullable();
    t.bigInteger("debit").notNullable().defaultTo(0); // sum of positive postings
    t.bigInteger("credit").notNullable().defaultTo(0); // sum of negative postings (<= 0)
    t.integer("postings").notNullable().defaultTo(0);
    t.primary(["account_id", "entry_date"]);
    t.index(["unit_id", "entry_date"]);
  });

  await knex.schema.createTable("closings", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("through", 10).notNullable();
    t.bigInteger("chain_seq").notNullable();
    t.string("chain_hash", 64).notNullable();
    t.text("balances").notNullable(); // JSON [{account, balance}] at the end of `through`
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.index(["unit_id", "through"]);
  });
  await appendOnly(knex, "closings");

  await knex.schema.createTable("idempotency_keys", (t) => {
    t.integer("unit_id").notNullable();
    t.string("key", 200).notNullable();
    t.string("request_hash", 64).notNullable();
    t.integer("status").notNullable();
    t.text("response").notNullable();
    t.integer("user_id");
    t.string("created_at", 30).notNullable();
    t.primary(["unit_id", "key"]);
  });

  const msg = (code: string) => (code.includes("'") ? (() => { throw new Error("quote in message"); })() : pg ? `RAISE EXCEPTION '${code}' USING ERRCODE = 'P0001'` : `SELECT RAISE(ABORT, '${code}')`);
  const entryChecks: [string, string][] = [
    [
      "unbalanced_entry: an entry needs two or more postings summing to zero",
      `(SELECT COUNT(*) FROM postings p WHERE p.entry_id = NEW.id) < 2
       OR (SELECT SUM(p.amount) FROM postings p WHERE p.entry_id = NEW.id) <> 0`,
    ],
    [
      "posting_mismatch: postings must be of the entry unit and date, on active accounts of that unit",
      `EXISTS (SELECT 1 FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = NEW.id
         AND (p.unit_id <> NEW.unit_id OR a.unit_id <> NEW.unit_id OR p.entry_date <> NEW.entry_date OR p.seq <> NEW.seq OR a.is_active = ${pg ? "false" : "0"}))`,
    ],
    [
      "chain_broken: seq must follow the unit last entry and prev_hash its hash",
      `NEW.seq <> COALESCE((SELECT MAX(e.seq) FROM entries e WHERE e.unit_id = NEW.unit_id), 0) + 1
       OR NEW.prev_hash <> COALESCE((SELECT e.hash FROM entries e WHERE e.unit_id = NEW.unit_id AND e.seq = NEW.seq - 1), '${ZERO_HASH}')`,
    ],
    [
      "voucher_gap: voucher numbers are gapless per unit, series and year",
      `NEW.voucher_number <> COALESCE((SELECT MAX(e.voucher_number) FROM entries e WHERE e.unit_id = NEW.unit_id
         AND e.voucher_series = NEW.voucher_series AND e.voucher_year = NEW.voucher_year), 0) + 1`,
    ],
    [
      "period_closed: the date is inside a closed period",
      `NEW.entry_date <= (SELECT MAX(c.through) FROM closings c WHERE c.unit_id = NEW.unit_id)`,
    ],
    [
      "cannot_reverse_reversal: a reversal cannot be reversed; only an entry of the same unit",
      `NEW.reverses_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.id = NEW.reverses_id
         AND r.unit_id = NEW.unit_id AND r.kind <> 'reversal')`,
    ],
  ];
  const postingChecks: [string, string][] = [
    ["entry_posted: postings cannot be added to a posted entry", `EXISTS (SELECT 1 FROM entries e WHERE e.id = NEW.entry_id)`],
    [
      "account_invalid: the account must be active and of the posting unit",
      `NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = NEW.account_id AND a.unit_id = NEW.unit_id AND a.is_active = ${pg ? "true" : "1"})`,
    ],
  ];
  const daysUpsert = `INSERT INTO account_days (account_id, entry_date, unit_id, debit, credit, postings)
      VALUES (NEW.account_id, NEW.entry_date, NEW.unit_id,
              CASE WHEN NEW.amount > 0 THEN NEW.amount ELSE 0 END, CASE WHEN NEW.amount < 0 THEN NEW.amount ELSE 0 END, 1)
      ON CONFLICT (account_id, entry_date) DO UPDATE SET
        debit = account_days.debit + excluded.debit, credit = account_days.credit + excluded.credit,
        postings = account_days.postings + 1`;

  if (pg) {
    const body = (checks: [string, string][]) => checks.map(([m, cond]) => `IF ${cond} THEN ${msg(m)}; END IF;`).join("\n");
    await knex.raw(`CREATE FUNCTION entries_check() RETURNS trigger AS $$ BEGIN
      ${body(entryChecks)}
      RETURN NEW; END $$ LANGUAGE plpgsql`);
    await knex.raw(`CREATE TRIGGER entries_check BEFORE INSERT ON entries FOR EACH ROW EXECUTE FUNCTION entries_check()`);
    await knex.raw(`CREATE FUNCTION postings_check() RETURNS trigger AS $$ BEGIN
      ${body(postingChecks)}
      RETURN NEW; END $$ LANGUAGE plpgsql`);
    await knex.raw(`CREATE TRIGGER postings_check BEFORE INSERT ON postings FOR EACH ROW EXECUTE FUNCTION postings_check()`);
    await knex.raw(`CREATE FUNCTION postings_days() RETURNS trigger AS $$ BEGIN
      ${daysUpsert};
      RETURN NEW; END $$ LANGUAGE plpgsql`);
    await knex.raw(`CREATE TRIGGER postings_days AFTER INSERT ON postings FOR EACH ROW EXECUTE FUNCTION postings_days()`);
  } else {
    let i = 0;
    for (const [m, cond] of entryChecks) {
      await knex.raw(`CREATE TRIGGER entries_check_${++i} BEFORE INSERT ON entries WHEN ${cond} BEGIN ${msg(m)}; END`);
    }
    for (const [m, cond] of postingChecks) {
      await knex.raw(`CREATE TRIGGER postings_check_${++i} BEFORE INSERT ON postings WHEN ${cond} BEGIN ${msg(m)}; END`);
    }
    // SQLite: "excluded" and the table name work the same in an upsert inside a trigger.
    await knex.raw(`CREATE TRIGGER postings_days AFTER INSERT ON postings BEGIN ${daysUpsert}; END`);
  }
  await appendOnly(knex, "entries");
  await appendOnly(knex, "postings");
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ["idempotency_keys", "closings", "account_days", "postings", "entries", "accounts", "account_templates"]) {
    await knex.schema.dropTableIfExists(t);
  }
  if (isPg(knex)) {
    for (const f of ["entries_check", "postings_check", "postings_days"]) await knex.raw(`DROP FUNCTION IF EXISTS ${f}() CASCADE`);
  }
}

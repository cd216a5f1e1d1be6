import type { Knex } from "knex";
import { oneOf } from "./lib/triggers";

// Households, campaigns and their decisions, contributions (receipts, pledges, in-kind),
// exemptions, and sheet imports (DESIGN §5). Money moves only through the ledger's entries; these
// tables say who, for which campaign, and link to the entry. Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("households", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units"); // the hamlet it lives in now
    t.string("code", 32).notNullable();
    t.string("head_name", 200).notNullable();
    t.string("search_text", 300).notNullable(); // code + name, lower case, without diacritics
    t.string("address", 500);
    t.integer("members");
    t.string("category", 16).notNullable().defaultTo("normal");
    t.string("phone", 20); // private: never in public output
    t.string("pin_hash", 200);
    t.string("pin_set_at", 30);
    t.boolean("is_active").notNullable().defaultTo(true);
    t.string("created_at", 30).notNullable();
    t.unique(["unit_id", "code"]);
  });
  await oneOf(knex, "households", "category", ["normal", "poor", "near_poor", "policy", "other"]);

  await knex.schema.createTable("household_moves", (t) => {
    t.increments("id").primary();
    t.integer("household_id").notNullable().references("id").inTable("households");
    t.integer("unit_id").notNullable().references("id").inTable("units"); // from
    t.integer("to_unit_id").notNullable().references("id").inTable("units");
    t.string("from_code", 32).notNullable();
    t.string("to_code", 32).notNullable();
    t.string("moved_at", 30).notNullable();
    t.integer("created_by");
  });

  await knex.schema.createTable("campaigns", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("name", 200).notNullable();
    t.string("purpose", 2000).notNullable();
    t.string("fund_account", 16);
    t.integer("work_id");
    t.string("decision_date", 10).notNullable();
    t.string("minutes_ref", 200).notNullable();
    t.integer("households_total").notNullable();
    t.integer("households_present").notNullable();
    t.integer("households_agreeing").notNullable();
    t.bigInteger("level_amount");
    t.string("level_per", 16);
    t.text("exempt_categories").notNullable(); // JSON array
    t.text("in_kind_values").notNullable(); // JSON {labour?, land?, materials?} đồng per unit, as strings
    t.string("start_date", 10).notNullable();
    t.string("end_date", 10);
    t.bigInteger("target");
    t.integer("revenue_account_id").notNullable().references("id").inTable("accounts");
    t.integer("in_kind_account_id").references("id").inTable("accounts");
    t.string("status", 16).notNullable().defaultTo("open");
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    // law.md L7: a campaign passes only with at least two thirds of ALL the hamlet's households.
    t.check("?? * 3 >= ?? * 2", ["households_agreeing", "households_total"], "campaigns_two_thirds");
    t.check("?? <= ?? AND ?? <= ?? AND ?? >= 0", ["households_agreeing", "households_present", "households_present", "households_total", "households_agreeing"], "campaigns_counts");
  });
  await oneOf(knex, "campaigns", "status", ["open", "closed"]);

  await knex.schema.createTable("contributions", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("campaign_id").notNullable().references("id").inTable("campaigns");
    t.integer("household_id").notNullable().references("id").inTable("households");
    t.string("kind", 16).notNullable(); // receipt | pledge | in_kind
    t.bigInteger("amount"); // money received or pledged; in-kind: its value when the campaign set one
    t.string("method", 8); // cash | bank
    t.string("payer", 200);
    t.string("note", 2000);
    t.string("entry_date", 10).notNullable();
    t.string("due_date", 10);
    t.bigInteger("entry_id").references("id").inTable("entries");
    t.string("in_kind_kind", 16); // labour | land | materials
    t.string("quantity", 32);
    t.string("quantity_unit", 50);
    t.integer("import_id");
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.index(["campaign_id", "household_id"]);
    t.index(["household_id"]);
  });
  await oneOf(knex, "contributions", "kind", ["receipt", "pledge", "in_kind"]);

  await knex.schema.createTable("exemptions", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("campaign_id").notNullable().references("id").inTable("campaigns");
    t.integer("household_id").notNullable().references("id").inTable("households");
    t.string("reason", 2000).notNullable();
    t.integer("import_id");
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.unique(["campaign_id", "household_id"]);
  });

  await knex.schema.createTable("imports", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("campaign_id").notNullable().references("id").inTable("campaigns");
    t.string("content_hash", 64).notNullable();
    t.string("file_type", 8).notNullable();
    t.string("file_name", 200);
    t.text("preview").notNullable(); // JSON of the preview as answered
    t.string("status", 16).notNullable().defaultTo("preview");
    t.integer("duplicate_of");
    t.text("recorded"); // JSON counts once committed
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.string("committed_at", 30);
    t.index(["campaign_id", "content_hash"]);
  });
  // At most one committed import of the same file per campaign, even under a race (both engines
  // have partial indexes).
  await knex.raw("CREATE UNIQUE INDEX imports_committed_once ON imports (campaign_id, content_hash) WHERE status = 'committed'");
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ["imports", "exemptions", "contributions", "campaigns", "household_moves", "households"]) await knex.schema.dropTableIfExists(t);
}

import type { Knex } from "knex";
import { appendOnly, oneOf } from "./lib/triggers";

// Public works (DESIGN §6): the work, its estimate and funding lines, its status moves and its
// progress updates. Money moves only through the ledger; these tables say which work it is for.
// Runs in a transaction; reversible (drops everything it made).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("works", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("number").notNullable(); // 1-99 in its unit: the "01" of its accounts 8011..8014
    t.string("name", 200).notNullable();
    t.string("location", 500).notNullable();
    t.string("category", 100).notNullable();
    t.string("description", 2000);
    t.string("contractor", 200); // null: community self-built
    t.string("planned_start", 10).notNullable();
    t.string("planned_end", 10).notNullable();
    t.string("actual_start", 10);
    t.string("actual_end", 10);
    t.string("status", 16).notNullable().defaultTo("proposed");
    t.integer("progress").notNullable().defaultTo(0); // percent, from the latest progress update
    t.text("accounts").notNullable(); // JSON [{category, code, id}] of its expense accounts
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.unique(["unit_id", "number"]);
  });
  await oneOf(knex, "works", "status", ["proposed", "consulting", "approved", "in_progress", "completed", "accepted", "settled", "cancelled"]);

  // Estimate (dự toán) per cost category and funding plan per source: one row per line.
  await knex.schema.createTable("work_lines", (t) => {
    t.increments("id").primary();
    t.integer("work_id").notNullable().references("id").inTable("works");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("kind", 16).notNullable(); // estimate | funding
    t.string("category", 16).notNullable(); // estimate: materials ...; funding: state, commune ...
    t.bigInteger("amount").notNullable();
    t.integer("campaign_id");
    t.index(["work_id"]);
  });
  await oneOf(knex, "work_lines", "kind", ["estimate", "funding"]);

  await knex.schema.createTable("work_transitions", (t) => {
    t.increments("id").primary();
    t.integer("work_id").notNullable().references("id").inTable("works");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("from_status", 16).notNullable();
    t.string("to_status", 16).notNullable();
    t.string("date", 10).notNullable();
    t.string("note", 2000);
    t.text("decision"); // JSON {date, minutesRef, householdsTotal, householdsAgreeing} or null
    t.integer("created_by");
    t.string("created_by_name", 200);
    t.string("created_at", 30).notNullable();
    t.index(["work_id"]);
  });
  await appendOnly(knex, "work_transitions");

  await knex.schema.createTable("work_progress", (t) => {
    t.increments("id").primary();
    t.integer("work_id").notNullable().references("id").inTable("works");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("date", 10).notNullable();
    t.integer("percent").notNullable();
    t.string("note", 2000);
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.index(["work_id"]);
    t.check("?? >= 0 AND ?? <= 100", ["percent", "percent"], "work_progress_percent");
  });
  await appendOnly(knex, "work_progress");

  // DESIGN §7: the work knows its holds; supervision places and lifts them (a critical finding).
  await knex.schema.createTable("work_holds", (t) => {
    t.increments("id").primary();
    t.integer("work_id").notNullable().references("id").inTable("works");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("finding_id").notNullable();
    t.string("placed_at", 30).notNullable();
    t.string("lifted_at", 30);
    t.unique(["finding_id"]);
    t.index(["work_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ["work_holds", "work_progress", "work_transitions", "work_lines", "works"]) await knex.schema.dropTableIfExists(t);
}

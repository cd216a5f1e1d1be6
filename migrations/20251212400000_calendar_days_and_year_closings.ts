import type { Knex } from "knex";
import { appendOnly, oneOf } from "./lib/triggers";

// Two tables for deadlines and the year's end.
// calendar_days: the days a commune (or any unit) adds to the national working-day calendar, the
// government's yearly extensions (day_off) and swaps (working_day); a hamlet inherits its
// commune's. One row per unit and date; a wrong one is deleted by the unit's admin.
// year_closings: a closed accounting year of a unit — its closing entry (null when no revenue or
// expense account had a balance), the period closing it made, and the next year's opening balances.
// Append-only, like closings. Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("calendar_days", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("day", 10).notNullable();
    t.string("name", 200).notNullable();
    t.string("kind", 16).notNullable();
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.unique(["unit_id", "day"]);
  });
  await oneOf(knex, "calendar_days", "kind", ["day_off", "working_day"]);

  await knex.schema.createTable("year_closings", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("year").notNullable();
    t.bigInteger("entry_id").references("id").inTable("entries");
    t.integer("closing_id").notNullable().references("id").inTable("closings");
    t.text("opening_balances").notNullable();
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.unique(["unit_id", "year"]);
  });
  await appendOnly(knex, "year_closings");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("year_closings");
  await knex.schema.dropTable("calendar_days");
}

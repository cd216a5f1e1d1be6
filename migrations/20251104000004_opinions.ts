import type { Knex } from "knex";
import { appendOnly, oneOf } from "./lib/triggers";

// Households' opinions in a consultation. Every opinion is kept (append-only); the tally counts
// only each household's latest (highest id), so concurrent or repeated answers never count twice.
// Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("opinions", (t) => {
    t.increments("id").primary();
    t.integer("consultation_id").notNullable().references("id").inTable("consultations");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("household_id").notNullable();
    t.string("choice", 16).notNullable();
    t.string("comment", 2000);
    t.string("created_at", 30).notNullable();
    t.index(["consultation_id", "household_id", "id"]);
  });
  await oneOf(knex, "opinions", "choice", ["agree", "disagree", "abstain"]);
  await appendOnly(knex, "opinions");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("opinions");
}

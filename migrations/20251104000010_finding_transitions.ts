import type { Knex } from "knex";
import { appendOnly } from "./lib/triggers";

// Each move of a finding, with its author, date, text and attachments (append-only).
// Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("finding_transitions", (t) => {
    t.increments("id").primary();
    t.integer("finding_id").notNullable().references("id").inTable("findings");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("from_status", 16).notNullable();
    t.string("to_status", 16).notNullable();
    t.string("text", 4000).notNullable();
    t.string("escalated_to", 16);
    t.text("attachments").notNullable(); // JSON [attachmentId]
    t.integer("author_id");
    t.string("author_name", 200);
    t.string("at", 30).notNullable();
    t.index(["finding_id"]);
  });
  await appendOnly(knex, "finding_transitions");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("finding_transitions");
}

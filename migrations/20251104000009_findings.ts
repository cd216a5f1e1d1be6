import type { Knex } from "knex";
import { oneOf } from "./lib/triggers";

// Findings (phát hiện) of an inspection or a cash count, followed until resolved or escalated.
// Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("findings", (t) => {
    t.increments("id").primary();
    t.integer("board_id").notNullable().references("id").inTable("boards");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("work_id").references("id").inTable("works");
    t.integer("inspection_id").references("id").inTable("inspections");
    t.integer("cash_count_id").references("id").inTable("cash_counts");
    t.integer("feedback_id").references("id").inTable("feedback");
    t.string("category", 100).notNullable();
    t.string("severity", 16).notNullable();
    t.string("description", 4000).notNullable();
    t.string("recommendation", 4000).notNullable();
    t.string("addressed_to", 200).notNullable();
    t.string("due_date", 10).notNullable();
    t.text("evidence").notNullable(); // JSON {attachmentIds, entryIds}
    t.string("status", 16).notNullable().defaultTo("open");
    t.string("escalated_to", 16);
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.index(["unit_id", "status"]);
    t.index(["work_id"]);
    t.index(["inspection_id"]);
  });
  await oneOf(knex, "findings", "severity", ["observation", "minor", "major", "critical"]);
  await oneOf(knex, "findings", "status", ["open", "answered", "resolved", "escalated"]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("findings");
}

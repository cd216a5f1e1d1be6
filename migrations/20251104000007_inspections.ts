import type { Knex } from "knex";
import { appendOnly, oneOf } from "./lib/triggers";

// Inspections (đợt giám sát) of a work or a unit's funds, and their addenda: an inspection is
// edited only while a draft; once filed, it changes only by addenda (append-only).
// Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("inspections", (t) => {
    t.increments("id").primary();
    t.integer("board_id").notNullable().references("id").inTable("boards");
    t.integer("unit_id").notNullable().references("id").inTable("units"); // the subject's unit
    t.integer("work_id").references("id").inTable("works"); // null: the unit's funds
    t.string("inspection_date", 10).notNullable();
    t.text("members_present").notNullable(); // JSON [userId]
    t.text("checklist").notNullable(); // JSON [{item, result, note}]
    t.string("status", 16).notNullable().defaultTo("draft");
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.string("filed_at", 30);
    t.string("published_at", 30);
    t.index(["board_id"]);
    t.index(["work_id"]);
  });
  await oneOf(knex, "inspections", "status", ["draft", "filed", "published"]);
  await knex.schema.createTable("inspection_addenda", (t) => {
    t.increments("id").primary();
    t.integer("inspection_id").notNullable().references("id").inTable("inspections");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("text", 4000).notNullable();
    t.text("attachments").notNullable(); // JSON [attachmentId]
    t.integer("created_by");
    t.string("created_by_name", 200);
    t.string("created_at", 30).notNullable();
    t.index(["inspection_id"]);
  });
  await appendOnly(knex, "inspection_addenda");
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ["inspection_addenda", "inspections"]) await knex.schema.dropTableIfExists(t);
}

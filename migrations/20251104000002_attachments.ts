import type { Knex } from "knex";
import { appendOnly } from "./lib/triggers";

// Attachments (photos of invoices and sites, minutes): the file lives on disk under its sha256;
// a row says which unit it belongs to and what its content is. Links say what it documents.
// Both are append-only: an attachment never changes, and a link is never undone.
// Runs in a transaction; reversible (files on disk stay).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("attachments", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("sha256", 64).notNullable();
    t.string("mime", 32).notNullable(); // told by the content, never by the name
    t.integer("size").notNullable();
    t.string("original_name", 200); // information only: never used to store or serve
    t.integer("uploaded_by");
    t.string("uploaded_by_name", 200);
    t.string("created_at", 30).notNullable();
    t.index(["unit_id"]);
  });
  await appendOnly(knex, "attachments");
  await knex.schema.createTable("attachment_links", (t) => {
    t.increments("id").primary();
    t.integer("attachment_id").notNullable().references("id").inTable("attachments");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("kind", 24).notNullable(); // expense, progress, transition, consultation, feedback, finding, ...
    t.integer("ref_id").notNullable();
    t.boolean("is_public").notNullable().defaultTo(false);
    t.string("created_at", 30).notNullable();
    t.index(["kind", "ref_id"]);
    t.index(["attachment_id"]);
  });
  await appendOnly(knex, "attachment_links");
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ["attachment_links", "attachments"]) await knex.schema.dropTableIfExists(t);
}

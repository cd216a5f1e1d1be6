import type { Knex } from "knex";
import { oneOf } from "./lib/triggers";

// Publication (DESIGN §8): what was posted, where, from when until when; the stored documents and
// their hashes; the board's opinions printed on them; proof that the paper went up (and came down).
// A published row is never rewritten except to name the correction that supersedes it.
// Runs in a transaction; reversible (drops everything it made; stored files stay on disk).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("publications", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("kind", 32).notNullable();
    t.text("params").notNullable(); // canonical JSON of the statement's parameters
    t.text("places").notNullable(); // JSON array of channels
    t.string("posted_from", 10).notNullable();
    t.string("posted_until", 10).notNullable();
    t.string("status", 16).notNullable().defaultTo("draft");
    t.integer("supersedes_id").references("id").inTable("publications");
    t.integer("superseded_by_id").references("id").inTable("publications");
    t.integer("drafted_by");
    t.string("drafted_by_name", 200);
    t.string("drafted_at", 30).notNullable();
    t.integer("approved_by");
    t.string("approved_by_name", 200);
    t.string("published_at", 30);
    t.string("code", 16).unique(); // the short verification code, set when published
    t.string("data_hash", 64);
    t.bigInteger("chain_seq");
    t.string("chain_hash", 64);
    t.string("period_from", 10);
    t.string("period_to", 10);
    t.string("pdf_file", 300);
    t.string("pdf_sha256", 64);
    t.string("xlsx_file", 300);
    t.string("xlsx_sha256", 64);
    t.string("subject", 500); // the statement's subject and period as printed under its title
    t.text("announcement");
    t.index(["unit_id", "status", "id"]);
  });
  await oneOf(knex, "publications", "status", ["draft", "published"]);

  await knex.schema.createTable("publication_opinions", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("publication_id").notNullable().references("id").inTable("publications");
    t.integer("board_id").notNullable();
    t.string("board_name", 200).notNullable();
    t.string("stance", 16).notNullable();
    t.string("text", 2000).notNullable();
    t.integer("by_user");
    t.string("by_name", 200);
    t.string("created_at", 30).notNullable();
    t.index(["publication_id"]);
  });
  await oneOf(knex, "publication_opinions", "stance", ["sign_off", "objection"]);

  await knex.schema.createTable("publication_postings", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("publication_id").notNullable().references("id").inTable("publications");
    t.string("place", 32).notNullable();
    t.string("posted_at", 30).notNullable();
    t.integer("photo_attachment_id");
    t.string("posted_by", 200).notNullable(); // who put the paper up, as told
    t.string("taken_down_at", 30);
    t.integer("recorded_by");
    t.string("created_at", 30).notNullable();
    t.index(["publication_id"]);
  });

  // law.md L3: the minimum posting period is a unit setting (default 30 days when a unit has no row).
  await knex.schema.createTable("publication_settings", (t) => {
    t.integer("unit_id").primary().references("id").inTable("units");
    t.integer("min_posting_days").notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ["publication_settings", "publication_postings", "publication_opinions", "publications"]) await knex.schema.dropTableIfExists(t);
}

import type { Knex } from "knex";

// Consultations (lấy ý kiến) on a work's plan and design (DESIGN §6, law.md L10).
// Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("consultations", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("work_id").notNullable().references("id").inTable("works");
    t.string("question", 2000).notNullable();
    t.string("opens_at", 30).notNullable(); // UTC instants
    t.string("closes_at", 30).notNullable();
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.index(["work_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("consultations");
}

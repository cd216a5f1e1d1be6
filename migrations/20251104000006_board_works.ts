import type { Knex } from "knex";

// Boards oversee works as well as units (DESIGN §7: one Ban GSĐTCĐ per work or programme).
// Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("board_works", (t) => {
    t.integer("board_id").notNullable().references("id").inTable("boards");
    t.integer("work_id").notNullable().references("id").inTable("works");
    t.integer("unit_id").notNullable().references("id").inTable("units"); // the work's unit
    t.primary(["board_id", "work_id"]);
    t.index(["work_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("board_works");
}

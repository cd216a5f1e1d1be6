import type { Knex } from "knex";

// Residents' feedback on a work (phản ánh, kiến nghị): anonymous or with a household code; the
// work's boards answer it publicly before its due date, and may turn it into a finding.
// Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("feedback", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("work_id").notNullable().references("id").inTable("works");
    t.integer("household_id"); // when given with its PIN
    t.string("name", 200); // private: never public
    t.string("contact", 200); // private: never public
    t.string("text", 4000).notNullable();
    t.text("photos").notNullable(); // JSON [attachmentId]
    t.string("created_at", 30).notNullable();
    t.string("due_date", 10).notNullable();
    t.string("answer", 4000);
    t.string("answered_at", 30);
    t.integer("answered_by");
    t.string("answered_by_name", 200);
    t.integer("board_id");
    t.integer("finding_id");
    t.index(["work_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("feedback");
}

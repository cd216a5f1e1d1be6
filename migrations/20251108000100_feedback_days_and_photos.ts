import type { Knex } from "knex";

// Resident feedback:
// - units.feedback_answer_days: the days the boards have to answer a feedback on the unit's works
//   (a unit setting like approval_threshold; 1–365, default 15). The same SQL on both engines:
//   SQLite and PostgreSQL both take a column CHECK in ADD COLUMN.
// - feedback_photos: photos a resident uploaded (POST /public/works/:workId/feedback/photos) for
//   feedback on one work; each may be cited once, by a feedback on that work (feedback_id set then).
// Runs in a transaction; reversible (files on disk stay).

export async function up(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE units ADD COLUMN feedback_answer_days integer NOT NULL DEFAULT 15 CHECK (feedback_answer_days BETWEEN 1 AND 365)");
  await knex.schema.createTable("feedback_photos", (t) => {
    t.integer("attachment_id").primary().references("id").inTable("attachments");
    t.integer("unit_id").notNullable().references("id").inTable("units"); // the work's unit
    t.integer("work_id").notNullable().references("id").inTable("works");
    t.integer("feedback_id").references("id").inTable("feedback"); // null until a feedback cites it
    t.string("created_at", 30).notNullable();
    t.index(["work_id"]);
    t.index(["feedback_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("feedback_photos");
  await knex.raw("ALTER TABLE units DROP COLUMN feedback_answer_days");
}

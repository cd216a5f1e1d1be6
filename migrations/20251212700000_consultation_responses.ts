import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// The commune's response to residents' opinions in a consultation (law.md L10, giải trình, tiếp
// thu): a summary and its items — a theme of the opinions, taken up or not, and why not. One per
// consultation; a draft may be rewritten, a published one never changes (its items neither).
// Runs in a transaction; reversible.

// A published response stays as residents read it.
const PUBLISHED_ITEMS = "(SELECT r.published_at FROM consultation_responses r WHERE r.id = {ROW}.response_id) IS NOT NULL";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("consultation_responses", (t) => {
    t.increments("id").primary();
    t.integer("consultation_id").notNullable().unique().references("id").inTable("consultations");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("work_id").notNullable().references("id").inTable("works");
    t.string("summary", 4000).notNullable();
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.string("published_at", 30);
    t.integer("published_by");
    t.string("published_by_name", 200);
    t.check("length(??) > 0", ["summary"], "consultation_responses_summary");
    t.check("(?? IS NULL) = (?? IS NULL)", ["published_at", "published_by_name"], "consultation_responses_published_by");
  });
  await knex.schema.createTable("consultation_response_items", (t) => {
    t.increments("id").primary();
    t.integer("response_id").notNullable().references("id").inTable("consultation_responses");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("position").notNullable();
    t.string("topic", 500).notNullable();
    t.boolean("taken_up").notNullable();
    t.string("reason", 2000);
    t.unique(["response_id", "position"]);
    t.check("length(??) > 0", ["topic"], "consultation_response_items_topic");
    // What was not taken up says why.
    t.check("?? OR (?? IS NOT NULL AND length(??) > 0)", ["taken_up", "reason", "reason"], "consultation_response_items_reason");
  });

  const refuse = (what: string) => (isPg(knex) ? `RAISE EXCEPTION 'response_published: ${what}' USING ERRCODE = 'P0001'` : `SELECT RAISE(ABORT, 'response_published: ${what}')`);
  if (isPg(knex)) {
    await knex.raw(`CREATE FUNCTION consultation_responses_frozen() RETURNS trigger AS $$ BEGIN
      IF OLD.published_at IS NOT NULL THEN ${refuse("consultation_responses")}; END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW; END $$ LANGUAGE plpgsql`);
    await knex.raw("CREATE TRIGGER consultation_responses_frozen BEFORE UPDATE OR DELETE ON consultation_responses FOR EACH ROW EXECUTE FUNCTION consultation_responses_frozen()");
    await knex.raw(`CREATE FUNCTION consultation_response_items_frozen() RETURNS trigger AS $$ BEGIN
      IF TG_OP <> 'INSERT' AND ${PUBLISHED_ITEMS.replace("{ROW}", "OLD")} THEN ${refuse("consultation_response_items")}; END IF;
      IF TG_OP <> 'DELETE' AND ${PUBLISHED_ITEMS.replace("{ROW}", "NEW")} THEN ${refuse("consultation_response_items")}; END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW; END $$ LANGUAGE plpgsql`);
    await knex.raw("CREATE TRIGGER consultation_response_items_frozen BEFORE INSERT OR UPDATE OR DELETE ON consultation_response_items FOR EACH ROW EXECUTE FUNCTION consultation_response_items_frozen()");
  } else {
    for (const op of ["UPDATE", "DELETE"]) {
      await knex.raw(`CREATE TRIGGER consultation_responses_frozen_${op.toLowerCase()} BEFORE ${op} ON consultation_responses
        WHEN OLD.published_at IS NOT NULL BEGIN ${refuse("consultation_responses")}; END`);
    }
    for (const [op, row] of [["INSERT", "NEW"], ["UPDATE", "OLD"], ["DELETE", "OLD"]]) {
      await knex.raw(`CREATE TRIGGER consultation_response_items_frozen_${op.toLowerCase()} BEFORE ${op} ON consultation_response_items
        WHEN ${PUBLISHED_ITEMS.replace("{ROW}", row)} BEGIN ${refuse("consultation_response_items")}; END`);
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("consultation_response_items");
  await knex.schema.dropTableIfExists("consultation_responses");
  if (isPg(knex)) {
    await knex.raw("DROP FUNCTION IF EXISTS consultation_response_items_frozen()");
    await knex.raw("DROP FUNCTION IF EXISTS consultation_responses_frozen()");
  }
}

import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// A work's funding line names a campaign of the work's own unit, not merely one in its subtree: the
// campaign's money is in the unit's books, where the work's budget reads it as the work's funding.
// The database refuses anything else on both engines (src/works/works.ts answers the same 404 first).
// Existing rows are not re-checked. Runs in a transaction; reversible.

const RAISE = "not_found: campaign";
const OUTSIDE = `NEW.campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = NEW.campaign_id AND c.unit_id = NEW.unit_id)`;

export async function up(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw(`CREATE FUNCTION work_lines_campaign_own_unit() RETURNS trigger AS $$ BEGIN
      IF ${OUTSIDE} THEN RAISE EXCEPTION '${RAISE}' USING ERRCODE = 'P0001'; END IF;
      RETURN NEW; END $$ LANGUAGE plpgsql`);
    await knex.raw(`CREATE TRIGGER work_lines_campaign_own_unit BEFORE INSERT OR UPDATE OF campaign_id, unit_id ON work_lines
      FOR EACH ROW WHEN (NEW.campaign_id IS NOT NULL) EXECUTE FUNCTION work_lines_campaign_own_unit()`);
  } else {
    for (const op of ["INSERT", "UPDATE OF campaign_id, unit_id"]) {
      await knex.raw(`CREATE TRIGGER work_lines_campaign_own_unit_${op.startsWith("I") ? "insert" : "update"} BEFORE ${op} ON work_lines
        WHEN ${OUTSIDE} BEGIN SELECT RAISE(ABORT, '${RAISE}'); END`);
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw("DROP TRIGGER IF EXISTS work_lines_campaign_own_unit ON work_lines");
    await knex.raw("DROP FUNCTION IF EXISTS work_lines_campaign_own_unit()");
  } else {
    await knex.raw("DROP TRIGGER IF EXISTS work_lines_campaign_own_unit_insert");
    await knex.raw("DROP TRIGGER IF EXISTS work_lines_campaign_own_unit_update");
  }
}

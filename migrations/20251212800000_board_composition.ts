import type { Knex } from "knex";
// Boards as the law makes them (law.md L11–L12): an inspector's grant on a board carries the
// member's role on it (chair, vice chair, member; NULL reads as member, so grants made before keep
// working) and whether the member represents the Fatherland Front. A board has at most one chair
// (a partial unique index, on both engines). A unit may require its Community Investment
// Supervision Boards to be complete before their minutes are filed (default off). A finding's text
// names households only when the board marks it as agreed to be public (default off).
// Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE grants ADD COLUMN board_role varchar(16) CHECK (board_role IN ('chair', 'vice_chair', 'member'))");
  await knex.raw("ALTER TABLE grants ADD COLUMN front_representative boolean NOT NULL DEFAULT false");
  await knex.raw("CREATE UNIQUE INDEX grants_one_chair_per_board ON grants (board_id) WHERE board_role = 'chair'");
  await knex.raw("ALTER TABLE units ADD COLUMN board_composition_required boolean NOT NULL DEFAULT false");
  await knex.raw("ALTER TABLE findings ADD COLUMN names_public boolean NOT NULL DEFAULT false");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP INDEX grants_one_chair_per_board");
  await knex.raw("ALTER TABLE grants DROP COLUMN board_role");
  await knex.raw("ALTER TABLE grants DROP COLUMN front_representative");
  await knex.raw("ALTER TABLE units DROP COLUMN board_composition_required");
  await knex.raw("ALTER TABLE findings DROP COLUMN names_public");
}

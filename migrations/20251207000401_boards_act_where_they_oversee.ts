import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// A board acts only where it oversees (DESIGN §7): an inspection, a finding or a cash count of a
// board is of a unit the board oversees (board_units: that unit or one above it) or of a work it
// oversees (board_works); a board's opinion on a statement is of a unit it oversees. The services
// check the same first (404); here the database refuses a row that names a board of elsewhere,
// whatever writes it. Existing rows are not re-checked. Runs in a transaction; reversible.

const TABLES: { table: string; work: boolean }[] = [
  { table: "inspections", work: true },
  { table: "findings", work: true },
  { table: "cash_counts", work: false },
  { table: "publication_opinions", work: false },
];

const outside = (work: boolean) => `NOT EXISTS (SELECT 1 FROM board_units bu JOIN units ou ON ou.id = bu.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE bu.board_id = NEW.board_id AND substr(nu.path, 1, length(ou.path)) = ou.path)${
  work ? ` AND NOT (NEW.work_id IS NOT NULL AND EXISTS (SELECT 1 FROM board_works bw WHERE bw.board_id = NEW.board_id AND bw.work_id = NEW.work_id))` : ""
}`;

const name = (table: string) => `${table}_board_oversees`;

export async function up(knex: Knex): Promise<void> {
  for (const { table, work } of TABLES) {
    if (isPg(knex)) {
      await knex.raw(`CREATE FUNCTION ${name(table)}() RETURNS trigger AS $$ BEGIN
        IF ${outside(work)} THEN RAISE EXCEPTION 'not_found: board' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $$ LANGUAGE plpgsql`);
      await knex.raw(`CREATE TRIGGER ${name(table)} BEFORE INSERT OR UPDATE OF board_id, unit_id ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ${name(table)}()`);
    } else {
      for (const op of ["INSERT", "UPDATE OF board_id, unit_id"]) {
        await knex.raw(`CREATE TRIGGER ${name(table)}_${op.startsWith("I") ? "insert" : "update"} BEFORE ${op} ON ${table}
          WHEN ${outside(work)} BEGIN SELECT RAISE(ABORT, 'not_found: board'); END`);
      }
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const { table } of TABLES) {
    if (isPg(knex)) {
      await knex.raw(`DROP TRIGGER IF EXISTS ${name(table)} ON ${table}`);
      await knex.raw(`DROP FUNCTION IF EXISTS ${name(table)}()`);
    } else {
      await knex.raw(`DROP TRIGGER IF EXISTS ${name(table)}_insert`);
      await knex.raw(`DROP TRIGGER IF EXISTS ${name(table)}_update`);
    }
  }
}

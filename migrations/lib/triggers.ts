import type { Knex } from "knex";

// Helpers shared by migrations (not a migration: knex only loads files directly in migrations/).
// Every guard is written for both engines in one place (STYLE §5).

export const isPg = (knex: Knex) => knex.client.config.client === "pg";

/** Refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) on `table`: the database keeps it append-only. */
export async function appendOnly(knex: Knex, table: string): Promise<void> {
  if (isPg(knex)) {
    await knex.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await knex.raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  } else {
    await knex.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, 'append_only: ${table}'); END`);
    await knex.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, 'append_only: ${table}'); END`);
  }
}

/** A CHECK that a column takes one of `values`, on both engines (SQLite cannot ALTER one in). */
export async function oneOf(knex: Knex, table: string, column: string, values: string[]): Promise<void> {
  const list = values.map((v) => `'${v}'`).join(",");
  if (isPg(knex)) {
    await knex.raw(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_check CHECK (${column} IN (${list}))`);
  } else {
    for (const op of ["INSERT", "UPDATE"]) {
      await knex.raw(`CREATE TRIGGER ${table}_${column}_check_${op.toLowerCase()} BEFORE ${op} ON ${table}
        WHEN NEW.${column} NOT IN (${list}) BEGIN SELECT RAISE(ABORT, 'invalid_${column}: ${table}'); END`);
    }
  }
}

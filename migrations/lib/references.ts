import type { Knex } from "knex";
import { isPg } from "./triggers";

// A row that names another row by id (an entry's household, a work's funding campaign) must name
// one of its own unit or of a unit under it: the database refuses anything else on both engines,
// so a route added later cannot write a cross-unit reference (src/identity/references.ts checks
// the same first and answers 404). Not a migration: knex loads only files directly in migrations/.

export interface ScopedRef {
  table: string;
  column: string;
  /** The referenced table and the entity named in the refusal ("not_found: household"). */
  ref: string;
  entity: string;
  /** Extra SQL (on NEW) under which the row is not checked, e.g. a reversal that mirrors a checked entry. */
  unless?: string;
}

const name = (r: ScopedRef) => `${r.table}_${r.column}_in_unit`;

/** The SQL condition that is true when the row names a row outside its unit's subtree. */
export function outsideUnit(r: ScopedRef): string {
  return `NEW.${r.column} IS NOT NULL${r.unless ? ` AND NOT (${r.unless})` : ""} AND NOT EXISTS (
    SELECT 1 FROM ${r.ref} x JOIN units xu ON xu.id = x.unit_id JOIN units nu ON nu.id = NEW.unit_id
    WHERE x.id = NEW.${r.column} AND substr(xu.path, 1, length(nu.path)) = nu.path)`;
}

/** Creates the insert and update triggers of each reference (both engines). */
export async function scopeRefs(knex: Knex, refs: ScopedRef[]): Promise<void> {
  for (const r of refs) {
    const raise = `not_found: ${r.entity}`;
    if (isPg(knex)) {
      await knex.raw(`CREATE FUNCTION ${name(r)}() RETURNS trigger AS $$ BEGIN
        IF ${outsideUnit(r)} THEN RAISE EXCEPTION '${raise}' USING ERRCODE = 'P0001'; END IF;
        RETURN NEW; END $$ LANGUAGE plpgsql`);
      // PostgreSQL allows no subquery in WHEN: there, a row that names nothing costs no function call.
      await knex.raw(`CREATE TRIGGER ${name(r)} BEFORE INSERT OR UPDATE OF ${r.column}, unit_id ON ${r.table}
        FOR EACH ROW WHEN (NEW.${r.column} IS NOT NULL) EXECUTE FUNCTION ${name(r)}()`);
    } else {
      for (const op of ["INSERT", `UPDATE OF ${r.column}, unit_id`]) {
        await knex.raw(`CREATE TRIGGER ${name(r)}_${op.startsWith("I") ? "insert" : "update"} BEFORE ${op} ON ${r.table}
          WHEN ${outsideUnit(r)} BEGIN SELECT RAISE(ABORT, '${raise}'); END`);
      }
    }
  }
}

export async function unscopeRefs(knex: Knex, refs: ScopedRef[]): Promise<void> {
  for (const r of refs) {
    if (isPg(knex)) {
      await knex.raw(`DROP TRIGGER IF EXISTS ${name(r)} ON ${r.table}`);
      await knex.raw(`DROP FUNCTION IF EXISTS ${name(r)}()`);
    } else {
      await knex.raw(`DROP TRIGGER IF EXISTS ${name(r)}_insert`);
      await knex.raw(`DROP TRIGGER IF EXISTS ${name(r)}_update`);
    }
  }
}

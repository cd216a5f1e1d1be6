import type { Knex } from "knex";
import { isPg } from "./triggers";

// A ledger rule the database enforces on insert: one trigger per rule on each engine, named the
// same on both, raising "<code>: <message>" (src/db/errors.ts reads the code). A new rule is a new
// call in a new migration, never an edit of another rule's trigger. Not a migration: knex loads only
// files directly in migrations/.
//  - SQLite: BEFORE INSERT, per row, WHEN `sqlite` (a condition on NEW) — its planner reads each
//    lookup through the right index at any size.
//  - PostgreSQL: a function of the same name, AFTER INSERT once per statement, raising when `pg`
//    (a condition over the statement's rows: `new_entries` or `new_postings`) holds. Each row looks
//    its postings, accounts and entries up by index (nested loops only, no JIT), so neither stale
//    statistics nor a large table can turn a one-entry statement into a scan.

export interface Rule {
  /** The trigger's name (and on PostgreSQL its function's), e.g. "entries_balanced". */
  name: string;
  table: "entries" | "postings";
  code: string;
  message: string;
  sqlite: string;
  pg: string;
}

export const PINNED = "SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off SET jit = off";

export const raisePg = (code: string, message: string) => `RAISE EXCEPTION '${code}: ${message}' USING ERRCODE = 'P0001'`;

export async function createRule(knex: Knex, r: Rule): Promise<void> {
  if (`${r.code}${r.message}`.includes("'")) throw new Error("quote in a rule's message");
  if (isPg(knex)) {
    await knex.raw(`CREATE FUNCTION ${r.name}() RETURNS trigger AS $$ BEGIN
    IF ${r.pg} THEN ${raisePg(r.code, r.message)}; END IF;
    RETURN NULL; END $$ LANGUAGE plpgsql ${PINNED}`);
    await knex.raw(`CREATE TRIGGER ${r.name} AFTER INSERT ON ${r.table} REFERENCING NEW TABLE AS new_${r.table}
    FOR EACH STATEMENT EXECUTE FUNCTION ${r.name}()`);
  } else {
    await knex.raw(`CREATE TRIGGER ${r.name} BEFORE INSERT ON ${r.table} WHEN ${r.sqlite} BEGIN SELECT RAISE(ABORT, '${r.code}: ${r.message}'); END`);
  }
}

export async function dropRule(knex: Knex, r: Pick<Rule, "name" | "table">): Promise<void> {
  if (isPg(knex)) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${r.name} ON ${r.table}`);
    await knex.raw(`DROP FUNCTION IF EXISTS ${r.name}()`);
  } else {
    await knex.raw(`DROP TRIGGER IF EXISTS ${r.name}`);
  }
}

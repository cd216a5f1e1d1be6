import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// PostgreSQL only. Each server keeps the sessions it has read (identity/session-cache.ts) and must
// drop them as soon as another process changes what a session rests on: the session itself (logout),
// its user (deactivation, password), grants, the units a board oversees, units. A transaction that
// changed any of these sends one notification on `cfl_sessions` when it commits (PostgreSQL folds
// identical notifications of one transaction into one). Logins (new sessions) change no kept
// session, so INSERT on sessions does not notify. SQLite needs nothing: servers there compare
// `PRAGMA data_version`. Transactional; reversible.

const WATCHED: [table: string, events: string][] = [
  ["sessions", "UPDATE OR DELETE"],
  ["users", "UPDATE OR DELETE"],
  ["grants", "INSERT OR UPDATE OR DELETE"],
  ["board_units", "INSERT OR UPDATE OR DELETE"],
  ["units", "UPDATE OR DELETE"],
];

export async function up(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  await knex.raw(`CREATE FUNCTION sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('cfl_sessions', ''); RETURN NULL; END $$`);
  for (const [table, events] of WATCHED) {
    await knex.raw(`CREATE TRIGGER ${table}_sessions_changed AFTER ${events} ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION sessions_changed()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  for (const [table] of WATCHED) await knex.raw(`DROP TRIGGER IF EXISTS ${table}_sessions_changed ON ${table}`);
  await knex.raw("DROP FUNCTION IF EXISTS sessions_changed()");
}

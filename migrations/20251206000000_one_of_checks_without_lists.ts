import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// SQLite only. The one-of checks (lib/triggers oneOf: `WHEN NEW.kind NOT IN ('contribution', ...)`)
// build SQLite's ephemeral lookup table for the list afresh at every row a trigger fires for: ~3 ms
// of the ~13 ms a 1,000-entry batch's entries insert takes, and as much again for every many-row
// insert into any table so checked. The same rule as a chain of `<>` needs no table: same names,
// same messages, same answer (NULL passes both, as the column's NOT NULL refuses it). Every such
// trigger is rewritten, whichever migration made it. Transactional; reversible.

const ONE_OF = /^CREATE TRIGGER (\w+) BEFORE (INSERT|UPDATE) ON (\w+)\s+WHEN NEW\.(\w+) NOT IN \(([^)]*)\) BEGIN SELECT RAISE\(ABORT, '([^']*)'\); END$/;
const CHAINED = /^CREATE TRIGGER (\w+) BEFORE (INSERT|UPDATE) ON (\w+) WHEN (NEW\.(\w+) <> '[^']*'(?: AND NEW\.\5 <> '[^']*')*) BEGIN SELECT RAISE\(ABORT, '([^']*)'\); END$/;

async function triggers(knex: Knex): Promise<{ name: string; sql: string }[]> {
  return knex.raw("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name");
}

export async function up(knex: Knex): Promise<void> {
  if (isPg(knex)) return; // a CHECK constraint there
  for (const t of await triggers(knex)) {
    const m = ONE_OF.exec(t.sql);
    if (!m) continue;
    const [, name, op, table, column, list, message] = m;
    const values = [...list.matchAll(/'([^']*)'/g)].map((v) => v[1]);
    const when = values.map((v) => `NEW.${column} <> '${v}'`).join(" AND ");
    await knex.raw(`DROP TRIGGER ${name}`);
    await knex.raw(`CREATE TRIGGER ${name} BEFORE ${op} ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, '${message}'); END`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) return;
  for (const t of await triggers(knex)) {
    const m = CHAINED.exec(t.sql);
    if (!m) continue;
    const [, name, op, table, when, column, message] = m;
    const list = [...when.matchAll(/<> '([^']*)'/g)].map((v) => `'${v[1]}'`).join(",");
    await knex.raw(`DROP TRIGGER ${name}`);
    await knex.raw(`CREATE TRIGGER ${name} BEFORE ${op} ON ${table}
        WHEN NEW.${column} NOT IN (${list}) BEGIN SELECT RAISE(ABORT, '${message}'); END`);
  }
}

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Knex } from "knex";
import { createDb } from "../../src/db/knex";
import { migrate } from "../../src/db/migrate";

// The schema a fresh migration leaves, written as text that only changes when the schema does:
// objects sorted by kind and name, the random schema name gone, knex's own bookkeeping left out.
// Read from the catalogue rather than from a dump tool, so the text does not follow the tool's version.

export type Engine = "sqlite" | "postgres";

export const SCHEMA_FILE: Record<Engine, string> = {
  sqlite: path.resolve(__dirname, "../db/schema.sqlite.sql"),
  postgres: path.resolve(__dirname, "../db/schema.postgres.sql"),
};

const ours = (name: string) => !name.startsWith("knex_") && !name.startsWith("sqlite_");

/** Every table, index, trigger and view of a SQLite database, as the statements that made them. */
export async function sqliteSchema(db: Knex): Promise<string> {
  const rows: { type: string; name: string; sql: string }[] = await db.raw(
    "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name",
  );
  return rows
    .filter((r) => ours(r.name))
    .map((r) => `-- ${r.type} ${r.name}\n${r.sql.trim()};\n`)
    .join("\n");
}

/** Every table (columns, constraints), index, sequence, view, function and trigger of one PostgreSQL schema. */
export async function postgresSchema(db: Knex, schema: string): Promise<string> {
  const q = async <T>(sql: string): Promise<T[]> => (await db.raw(sql, [schema])).rows as T[];
  const out: string[] = [];

  const columns = await q<{ table: string; column: string; type: string; notnull: boolean; dflt: string | null; identity: string }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity AS identity
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
     WHERE n.nspname = ? AND c.relkind IN ('r', 'p')
     ORDER BY c.relname, a.attnum`);
  const constraints = await q<{ table: string; name: string; def: string }>(`
    SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS def
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ?
     ORDER BY c.relname, k.conname`);
  const tables = [...new Set(columns.map((c) => c.table))].filter(ours).sort();
  for (const t of tables) {
    const lines = columns
      .filter((c) => c.table === t)
      .map((c) => {
        let l = `  ${c.column} ${c.type}`;
        if (c.identity) l += ` GENERATED ${c.identity === "a" ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY`;
        if (c.notnull) l += " NOT NULL";
        if (c.dflt !== null) l += ` DEFAULT ${c.dflt}`;
        return l;
      });
    for (const k of constraints.filter((k) => k.table === t)) lines.push(`  CONSTRAINT ${k.name} ${k.def}`);
    out.push(`-- table ${t}\nCREATE TABLE ${t} (\n${lines.join(",\n")}\n);\n`);
  }

  const kinds: [string, string][] = [
    ["index", `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS def FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('i', 'I')`],
    ["sequence", `SELECT c.relname AS name, 'CREATE SEQUENCE ' || c.relname || ' AS ' || format_type(s.seqtypid, NULL)
                    || ' START ' || s.seqstart || ' INCREMENT ' || s.seqincrement AS def
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
                WHERE n.nspname = ? AND c.relkind = 'S'`],
    ["view", `SELECT c.relname AS name, 'CREATE VIEW ' || c.relname || E' AS\\n' || pg_get_viewdef(c.oid) AS def
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('v', 'm')`],
    ["type", `SELECT t.typname AS name, 'CREATE TYPE ' || t.typname || ' AS ENUM (' || string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) || ')' AS def
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
                WHERE n.nspname = ? GROUP BY t.typname`],
    ["function", `SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name, pg_get_functiondef(p.oid) AS def
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ? AND p.prokind IN ('f', 'p')`],
    ["trigger", `SELECT c.relname || '.' || g.tgname AS name, pg_get_triggerdef(g.oid) AS def
                FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND NOT g.tgisinternal`],
  ];
  for (const [kind, sql] of kinds) {
    const rows = (await q<{ name: string; def: string }>(sql)).filter((r) => ours(r.name));
    rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const r of rows) out.push(`-- ${kind} ${r.name}\n${r.def.trim().replace(/;$/, "")};\n`);
  }
  // The schema's name is random per database: qualified names lose it.
  const qualified = new RegExp(`"?\\b${schema}\\b"?\\.`, "g");
  return out.join("\n").split("\n").map((l) => l.replace(qualified, "").trimEnd()).join("\n");
}

/** The schema of a SQLite database migrated from nothing, in a temporary file. */
export async function freshSqliteSchema(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-schema-"));
  const db = createDb({ client: "sqlite", filename: path.join(dir, "schema.sqlite") });
  try {
    await migrate(db);
    return await sqliteSchema(db);
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The schema of a new PostgreSQL schema migrated from nothing in the database at `url`; dropped after. */
export async function freshPostgresSchema(url: string): Promise<string> {
  const schema = `schema_dump_${crypto.randomBytes(6).toString("hex")}`;
  const db = createDb({ client: "postgres", connectionString: url, searchPath: schema }, { pool: { min: 0, max: 1 } });
  try {
    await db.raw(`CREATE SCHEMA ${schema}`);
    await migrate(db);
    return await postgresSchema(db, schema);
  } finally {
    await db.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await db.destroy();
  }
}

/** What the committed file holds, and what a fresh migration gives now. */
export function header(engine: Engine): string {
  return `-- The schema a fresh migration leaves on ${engine === "sqlite" ? "SQLite" : "PostgreSQL"}, sorted; written by \`npm run schema:dump\`.\n-- test/db/schema.test.ts fails when it differs from the live schema: a schema change shows in review.\n\n`;
}

import fs from "node:fs";
import path from "node:path";
import knexFactory, { Knex } from "knex";
import pg from "pg";
import type { DbConfig } from "../config";

export type Db = Knex | Knex.Transaction;
export type Dialect = "sqlite" | "postgres";

// pg: a DATE column comes back as the "YYYY-MM-DD" text it is, never a Date whose UTC midnight
// shifts the day; BIGINT (20) and NUMERIC (1700) stay strings and go through money.fromDb.
pg.types.setTypeParser(1082, (v: string) => v);

// SQLite: a write transaction takes the write lock when it begins (BEGIN IMMEDIATE). With a plain
// BEGIN, two processes on one file that both read then write deadlock on the lock upgrade and one
// fails at once with SQLITE_BUSY, whatever the busy timeout. We only open transactions to write.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SqliteTransaction = require("knex/lib/dialects/sqlite3/execution/sqlite-transaction");
SqliteTransaction.prototype.begin = function (this: any, conn: unknown) {
  return this.query(conn, "BEGIN IMMEDIATE;");
};

export function dialectOf(db: Db): Dialect {
  return db.client.config.client === "pg" ? "postgres" : "sqlite";
}

/** Opens the database described by config. SQLite: WAL, busy timeout, foreign keys on. */
export function createDb(cfg: DbConfig, opts: { pool?: { min: number; max: number } } = {}): Knex {
  if (cfg.client === "sqlite") {
    if (cfg.filename !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(cfg.filename)), { recursive: true });
    return knexFactory({
      client: "sqlite3",
      connection: { filename: cfg.filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        // Two servers may share one file: WAL lets readers and a writer coexist, and the busy
        // timeout makes a second writer wait instead of failing at once.
        afterCreate(conn: any, done: (err: Error | null, conn: any) => void) {
          conn.configure("busyTimeout", 10000);
          conn.exec(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
            (err: Error | null) => done(err, conn),
          );
        },
      },
    });
  }
  return knexFactory({
    client: "pg",
    connection: { connectionString: cfg.connectionString },
    searchPath: cfg.searchPath ? [cfg.searchPath] : undefined,
    pool: opts.pool ?? { min: 0, max: 10 },
  });
}

/**
 * Multi-row INSERT ... VALUES (...), (...) in chunks that stay under both engines' bound-parameter
 * limits. knex builds SQLite multi-row inserts as SELECT ... UNION ALL, which SQLite caps at 500
 * terms; a VALUES list has no such cap. One statement per row would cost ~34 µs of round trip each.
 */
export async function insertMany(db: Db, table: string, rows: Record<string, unknown>[], maxParams = 30000): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]);
  const per = Math.max(1, Math.floor(maxParams / columns.length));
  const cols = columns.map((c) => `"${c}"`).join(", ");
  const one = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const bindings: unknown[] = [];
    for (const r of chunk) for (const c of columns) bindings.push(r[c] === undefined ? null : r[c]);
    await db.raw(`INSERT INTO "${table}" (${cols}) VALUES ${chunk.map(() => one).join(", ")}`, bindings as any[]);
  }
}

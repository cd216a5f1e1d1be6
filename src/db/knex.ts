import fs from "node:fs";
import path from "node:path";
import knexFactory, { Knex } from "knex";
import pg from "pg";
import type { DbConfig } from "../config";

export type Db = Knex | Knex.Transaction;
export type Dialect = "sqlite" | "postgres";

// Rows per INSERT on PostgreSQL (as one JSON parameter): a statement's rows are also what the
// ledger's statement-level triggers check at once.
const PG_JSON_ROWS = 5000;

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

const closers = new WeakMap<Knex, (() => Promise<void>)[]>();

/**
 * Runs `close` when the handle is destroyed, before its pool closes: for what lives beside the pool
 * (a connection that LISTENs), so that whoever closes the database closes it too.
 */
export function onDestroy(db: Knex, close: () => Promise<void>): void {
  let list = closers.get(db);
  if (!list) {
    const all: (() => Promise<void>)[] = (list = []);
    closers.set(db, all);
    // knex.destroy() is read-only but hands over to its client's destroy(), an instance's method.
    const client = db.client as { destroy(callback?: unknown): Promise<void> };
    const destroy = client.destroy.bind(client);
    client.destroy = async (callback?: unknown) => {
      for (const c of all.splice(0)) await c().catch(() => {});
      return destroy(callback);
    };
  }
  list.push(close);
}

/**
 * Inserts many rows in few statements. SQLite: multi-row INSERT ... VALUES (...), (...) in chunks
 * under its bound-parameter limit (knex's own multi-row insert is a SELECT ... UNION ALL, capped at
 * 500 terms). PostgreSQL: the rows as one JSON parameter, unpacked by json_populate_recordset —
 * 30,000 rows in ~0.4 s where 30,000 × 19 bound parameters took ~2 s to bind and parse.
 * One statement per row would cost ~34 µs of round trip each.
 */
export async function insertMany(db: Db, table: string, rows: Record<string, unknown>[], maxParams = 30000): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]);
  const cols = columns.map((c) => `"${c}"`).join(", ");
  if (dialectOf(db) === "postgres") {
    // Keys the first row does not have get their column's default, as with VALUES.
    for (let i = 0; i < rows.length; i += PG_JSON_ROWS) {
      const json = JSON.stringify(rows.slice(i, i + PG_JSON_ROWS), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
      await db.raw(`INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::"${table}", ?::json)`, [json]);
    }
    return;
  }
  const per = Math.max(1, Math.floor(maxParams / columns.length));
  const one = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const bindings: unknown[] = [];
    for (const r of chunk) for (const c of columns) bindings.push(r[c] === undefined ? null : r[c]);
    await db.raw(`INSERT INTO "${table}" (${cols}) VALUES ${chunk.map(() => one).join(", ")}`, bindings as any[]);
  }
}

/**
 * After a bulk load on PostgreSQL, refreshes the planner's statistics of the tables it grew, in
 * the background (PostgreSQL's "Populating a Database: run ANALYZE afterwards"). Until autovacuum
 * comes round, the planner still sees the tables as they were before 100,000 rows arrived and
 * plans the next screens' reads for near-empty tables (seen: a join over a just-imported campaign
 * run as 5,000 nested index scans, 40 ms instead of 10). SQLite keeps no such statistics unless
 * asked for; nothing to do there.
 */
export function analyzeSoon(db: Knex, tables: string[], onError: (err: unknown) => void): void {
  if (dialectOf(db) !== "postgres" || !tables.length) return;
  setImmediate(() => {
    db.raw(`ANALYZE ${tables.map((t) => `"${t}"`).join(", ")}`).catch(onError);
  });
}

type Thunks<T extends readonly unknown[]> = { [K in keyof T]: () => PromiseLike<T[K]> };

/**
 * Reads side by side on the pool, or one after another inside a transaction: a transaction is one
 * connection, on which pg queues overlapping queries today and pg@9 refuses them.
 */
export async function together<T extends readonly unknown[]>(db: Db, ...reads: Thunks<T>): Promise<T> {
  if (!db.isTransaction) return (await Promise.all(reads.map((r) => r()))) as unknown as T;
  const out: unknown[] = [];
  for (const r of reads) out.push(await r());
  return out as unknown as T;
}

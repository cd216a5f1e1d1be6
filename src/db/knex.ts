import fs from "node:fs";
import path from "node:path";
import knexFactory, { Knex } from "knex";
import pg from "pg";
import type sqlite3 from "sqlite3";
import type { DbConfig } from "../config";
import { startCheckpointer } from "./checkpointer";

export type Db = Knex | Knex.Transaction;
export type Dialect = "sqlite" | "postgres";

// Rows per INSERT on PostgreSQL (as one JSON parameter): a statement's rows are also what the
// ledger's statement-level triggers check at once.
const PG_JSON_ROWS = 5000;
// Rows per INSERT on SQLite (one JSON parameter): bounds the text SQLite parses at once.
const SQLITE_JSON_ROWS = 5000;

// pg: a DATE column comes back as the "YYYY-MM-DD" text it is, never a Date whose UTC midnight
// shifts the day; BIGINT (20) and NUMERIC (1700) stay strings and go through money.fromDb.
pg.types.setTypeParser(1082, (v: string) => v);

// SQLite: a write transaction takes the write lock when it begins (BEGIN IMMEDIATE). With a plain
// BEGIN, two processes on one file that both read then write deadlock on the lock upgrade and one
// fails at once with SQLITE_BUSY, whatever the busy timeout. We only open transactions to write.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SqliteTransaction = require("knex/lib/dialects/sqlite3/execution/sqlite-transaction");
// knex's own class, untyped: only its query(conn, sql), which BEGIN goes through, is used here.
SqliteTransaction.prototype.begin = function (this: { query(conn: unknown, sql: string): Promise<unknown> }, conn: unknown) {
  return this.query(conn, "BEGIN IMMEDIATE;");
};

export function dialectOf(db: Db): Dialect {
  return db.client.config.client === "pg" ? "postgres" : "sqlite";
}

/** Opens the database described by config. SQLite: WAL, busy timeout, foreign keys on. */
export function createDb(cfg: DbConfig, opts: { pool?: { min: number; max: number } } = {}): Knex {
  if (cfg.client === "sqlite") {
    const file = cfg.filename !== ":memory:";
    if (file) fs.mkdirSync(path.dirname(path.resolve(cfg.filename)), { recursive: true });
    // Two servers may share one file: WAL lets readers and a writer coexist, and the busy timeout
    // makes a second writer wait instead of failing at once. The checkpointer below keeps the WAL
    // short; the writer checkpoints itself only if the WAL grows past ~40 MB.
    const db = sqliteConnection(
      cfg.filename,
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;${file ? " PRAGMA wal_autocheckpoint = 10000;" : ""}`,
    );
    if (file) onDestroy(db, startCheckpointer(cfg.filename));
    return db;
  }
  return knexFactory({
    client: "pg",
    connection: { connectionString: cfg.connectionString },
    searchPath: cfg.searchPath ? [cfg.searchPath] : undefined,
    pool: opts.pool ?? { min: 0, max: 10 },
  });
}

/** One SQLite connection (knex's pool of one), waiting up to 10 s for a lock, with these pragmas. */
export function sqliteConnection(filename: string, pragmas: string): Knex {
  return knexFactory({
    client: "sqlite3",
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: sqlite3.Database, done: (err: Error | null, conn: sqlite3.Database) => void) {
        conn.configure("busyTimeout", 10000);
        conn.exec(`${pragmas} PRAGMA busy_timeout = 10000;`, (err: Error | null) => done(err, conn));
      },
    },
  });
}

const readers = new WeakMap<Knex, Knex>();

/**
 * A second SQLite connection to the same file, for reads outside any transaction that must not
 * queue behind a write transaction holding the writer's one connection: the session lookup before
 * every signed-in request, so the next batch authenticates and validates while this one's SQL runs.
 * WAL lets it read beside the writer, and each statement sees every commit before it began. It
 * refuses writes (`query_only`). PostgreSQL (a pool) and `:memory:` (one private database per
 * connection) read from `db` itself. Opened on first use, closed with `db`.
 */
export function readerOf(db: Knex): Knex {
  const known = readers.get(db);
  if (known) return known;
  const filename = (db.client.config.connection as { filename?: string } | undefined)?.filename;
  if (dialectOf(db) !== "sqlite" || !filename || filename === ":memory:") return db;
  const reader = sqliteConnection(filename, "PRAGMA query_only = 1;");
  readers.set(db, reader);
  onDestroy(db, () => reader.destroy());
  return reader;
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
 * Inserts many rows in few statements, each row's values in one JSON parameter the database
 * unpacks: PostgreSQL by json_populate_recordset, SQLite by jsonb_each (rows as arrays, `value->>i`
 * per column, in array order, so row triggers see the rows in the order given): binding every value,
 * or a statement per row, costs a batch far more (figures in bench/README.md, "Fast paths").
 * Values keep their binding semantics: strings are TEXT (an INTEGER column converts whole-number
 * text, as with a bound string), undefined is NULL.
 */
export async function insertMany(db: Db, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]);
  if (dialectOf(db) === "postgres") {
    const cols = columns.map((c) => `"${c}"`).join(", ");
    const bigints = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);
    // Keys the first row does not have get their column's default, as with VALUES.
    for (let i = 0; i < rows.length; i += PG_JSON_ROWS) {
      const json = JSON.stringify(rows.slice(i, i + PG_JSON_ROWS), bigints);
      await db.raw(`INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::"${table}", ?::json)`, [json]);
    }
    return;
  }
  const arrays = rows.map((r) =>
    columns.map((c) => {
      const v = r[c];
      return v === undefined ? null : typeof v === "bigint" ? v.toString() : v;
    }),
  );
  await insertRows(db, table, columns, arrays);
}

/**
 * insertMany for rows already laid out as arrays of values in `columns` order (strings, numbers,
 * booleans, null; a BIGINT as a string of digits): no object per row to build and take apart again,
 * which a 1,000-entry batch notices.
 */
export async function insertRows(db: Db, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  await prepareRows(db, table, columns, rows)();
}

/**
 * insertRows in two steps: the rows are written out now, the statement goes when the returned
 * function is called. A caller that must send something else first (postings before their entries)
 * can spend the wait writing the next statement's parameter instead of after it.
 */
export function prepareRows(db: Db, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): () => Promise<void> {
  if (!rows.length) return async () => undefined;
  if (dialectOf(db) === "postgres") return () => insertMany(db, table, rows.map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]]))));
  const cols = columns.map((c) => `"${c}"`).join(", ");
  const picks = columns.map((_c, j) => `value->>${j}`).join(", ");
  const chunks: string[] = [];
  for (let i = 0; i < rows.length; i += SQLITE_JSON_ROWS) {
    chunks.push(JSON.stringify(i === 0 && rows.length <= SQLITE_JSON_ROWS ? rows : rows.slice(i, i + SQLITE_JSON_ROWS)));
  }
  return async () => {
    const each = (await hasJsonb(db)) ? "jsonb_each" : "json_each";
    for (const json of chunks) await db.raw(`INSERT INTO "${table}" (${cols}) SELECT ${picks} FROM ${each}(?) ORDER BY key`, [json]);
  };
}

// The SQLite library is one per process, whichever database file it opens.
let jsonbAvailable: Promise<boolean> | undefined;

/**
 * SQLite 3.45+ (the sqlite3 package bundles a newer one): jsonb_each hands each row over already
 * parsed, so `value->>i` does not parse the row's JSON text again for every column. An older
 * library linked in falls back to json_each.
 */
function hasJsonb(db: Db): Promise<boolean> {
  jsonbAvailable ??= db.raw("SELECT sqlite_version() AS v").then(
    (rows: { v: string }[]) => {
      const [maj, min] = rows[0].v.split(".").map(Number);
      return maj > 3 || (maj === 3 && min >= 45);
    },
    (err: unknown) => {
      jsonbAvailable = undefined; // a failed look (a transaction gone bad) is asked again next time
      throw err;
    },
  );
  return jsonbAvailable;
}

/**
 * After a bulk load on PostgreSQL, refreshes the planner's statistics of the tables it grew, in
 * the background (PostgreSQL's "Populating a Database: run ANALYZE afterwards"). Until autovacuum
 * comes round, the planner still sees the tables as they were before 100,000 rows arrived and
 * plans the next screens' reads for near-empty tables (a join over a just-imported campaign as
 * thousands of nested index scans). SQLite keeps no such statistics unless asked for; nothing to
 * do there.
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

import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Knex } from "knex";
import { createDb } from "../../src/db/knex";
import { migrate } from "../../src/db/migrate";

// Every test gets its own migrated database (STYLE §2).
// SQLite: a temp file copied from a template migrated once per run.
// PostgreSQL (TEST_DB=postgres): a database of its own per test run (cfl_t_<pid>, dropped at the
// end in one go), and in it a schema per test (knex searchPath), cloned from a schema migrated
// once: replaying pg_dump's DDL costs a third of running the migrations, and dropping the whole
// database at the end is far cheaper than dropping every schema after its test.

export const TEST_DB = process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";
export const PG_URL = process.env.TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/test";

const open: { db: Knex; drop: () => Promise<void> }[] = [];
let template: Promise<string> | undefined;
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-test-"));

async function sqliteTemplate(): Promise<string> {
  const file = path.join(tmpDir, "template.sqlite");
  const db = createDb({ client: "sqlite", filename: file });
  await migrate(db);
  await db.raw("PRAGMA wal_checkpoint(TRUNCATE)");
  await db.destroy();
  return file;
}

const runDb = `cfl_t_${process.pid}`;
const runUrl = (() => {
  const u = new URL(PG_URL);
  u.pathname = `/${runDb}`;
  return u.toString();
})();
let pgRun: Promise<{ ddl: string | null; tmpl: string }> | undefined;

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Creates this run's database (removing those of runs that died), and the DDL of a migrated schema. */
async function pgSetUp(): Promise<{ ddl: string | null; tmpl: string }> {
  const admin = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
  try {
    const stale = (await admin.raw("SELECT datname FROM pg_database WHERE datname LIKE 'cfl\\_t\\_%'")).rows as { datname: string }[];
    for (const { datname } of stale) {
      const pid = Number(datname.slice("cfl_t_".length));
      if (!pidAlive(pid)) await admin.raw(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await admin.raw(`CREATE DATABASE ${runDb}`);
  } finally {
    await admin.destroy();
  }
  const tmpl = `tmpl_${crypto.randomBytes(4).toString("hex")}`;
  const db = createDb({ client: "postgres", connectionString: runUrl, searchPath: tmpl }, { pool: { min: 0, max: 1 } });
  await db.raw(`CREATE SCHEMA ${tmpl}`);
  await migrate(db);
  await db.destroy();
  try {
    const dump = execFileSync("pg_dump", ["--schema", tmpl, "--no-owner", "--no-privileges", "--inserts", runUrl], { maxBuffer: 64 << 20 }).toString();
    // pg_dump 15.14+ writes psql meta-commands (\restrict); the server does not take those.
    return { ddl: dump.split("\n").filter((l) => !l.startsWith("\\")).join("\n"), tmpl };
  } catch {
    return { ddl: null, tmpl }; // no pg_dump here: each test migrates its schema instead
  }
}

export interface FreshDb {
  db: Knex;
  /** What a second server process would use to reach the same database. */
  url: string;
  dialect: "sqlite" | "postgres";
}

let spare: Promise<string> | undefined;

/** A new migrated schema in this run's database: the template's DDL replayed, or the migrations run. */
async function pgSchema(): Promise<string> {
  const { ddl, tmpl } = await (pgRun ??= pgSetUp());
  const schema = `t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = createDb({ client: "postgres", connectionString: runUrl }, { pool: { min: 0, max: 1 } });
  try {
    // The dump resets search_path on its connection: it runs on this throwaway one.
    await admin.raw(ddl ? ddl.split(tmpl).join(schema) : `CREATE SCHEMA ${schema}`);
  } finally {
    await admin.destroy();
  }
  if (!ddl) {
    const db = createDb({ client: "postgres", connectionString: runUrl, searchPath: schema }, { pool: { min: 0, max: 1 } });
    try {
      await migrate(db);
    } finally {
      await db.destroy();
    }
  }
  return schema;
}

/** A new, migrated, empty database for one test; closed (and, for SQLite, removed) after it. */
export async function freshDb(): Promise<FreshDb> {
  const id = crypto.randomBytes(6).toString("hex");
  if (TEST_DB === "postgres") {
    const schema = await (spare ?? pgSchema()).catch(() => pgSchema()); // a spare that failed: once more, now
    // The next test's schema is made while this one runs (~0.3 s of the server's time each, which
    // otherwise every test waited for): it is as new as one made on demand, nobody touches it.
    spare = pgSchema();
    spare.catch(() => {}); // a run that ends first drops it with its database; its error is nobody's
    const db = createDb({ client: "postgres", connectionString: runUrl, searchPath: schema }, { pool: { min: 0, max: 20 } });
    open.push({ db, drop: () => db.destroy() });
    const u = new URL(runUrl);
    u.searchParams.set("options", `-c search_path=${schema}`);
    return { db, url: u.toString(), dialect: "postgres" };
  }
  const file = path.join(tmpDir, `${id}.sqlite`);
  fs.copyFileSync(await (template ??= sqliteTemplate()), file);
  const db = createDb({ client: "sqlite", filename: file });
  open.push({
    db,
    drop: async () => {
      await db.destroy();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    },
  });
  return { db, url: `sqlite:${file}`, dialect: "sqlite" };
}

/** Closes and removes every database made since the last call (root afterEach hook). */
export async function dropAll(): Promise<void> {
  const all = open.splice(0);
  await Promise.all(all.map((o) => o.drop()));
}

/** End of the run: this run's PostgreSQL database goes, with every schema in it. */
export async function dropRun(): Promise<void> {
  await dropAll();
  if (pgRun) {
    const admin = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
    try {
      await admin.raw(`DROP DATABASE IF EXISTS ${runDb} WITH (FORCE)`);
    } finally {
      await admin.destroy();
    }
  }
  fs.rmSync(tmpDir, { recursive: true, force: true });
}

/** Removes this process's temporary files (SQLite databases, uploads); synchronous, for exit. */
export function dropTempDir(): void {
  fs.rmSync(tmpDir, { recursive: true, force: true });
}

/** Drops the databases of test runs whose process has ended (parallel workers, crashed runs). */
export async function dropDeadRuns(): Promise<number> {
  const admin = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
  try {
    const stale = (await admin.raw("SELECT datname FROM pg_database WHERE datname LIKE 'cfl\\_t\\_%'")).rows as { datname: string }[];
    let n = 0;
    for (const { datname } of stale) {
      if (pidAlive(Number(datname.slice("cfl_t_".length)))) continue;
      await admin.raw(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      n++;
    }
    return n;
  } finally {
    await admin.destroy();
  }
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(tmpDir, "dir-"));
}

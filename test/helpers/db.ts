import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Knex } from "knex";
import { createDb } from "../../src/db/knex";
import { migrate } from "../../src/db/migrate";

// Every test gets its own migrated database (STYLE §2). SQLite: a temp file copied from a template
// migrated once per run. PostgreSQL (TEST_DB=postgres): a schema t_<random> as knex's searchPath.

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

export interface FreshDb {
  db: Knex;
  /** What a second server process would use to reach the same database. */
  url: string;
  dialect: "sqlite" | "postgres";
}

/** A new, migrated, empty database for one test; closed and removed after it. */
export async function freshDb(): Promise<FreshDb> {
  const id = crypto.randomBytes(6).toString("hex");
  if (TEST_DB === "postgres") {
    const schema = `t_${id}`;
    const admin = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
    await admin.raw(`CREATE SCHEMA ${schema}`);
    await admin.destroy();
    const db = createDb({ client: "postgres", connectionString: PG_URL, searchPath: schema }, { pool: { min: 0, max: 20 } });
    await migrate(db);
    open.push({
      db,
      drop: async () => {
        await db.destroy();
        const a = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
        await a.raw(`DROP SCHEMA ${schema} CASCADE`);
        await a.destroy();
      },
    });
    const u = new URL(PG_URL);
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

export function tempDir(): string {
  return fs.mkdtempSync(path.join(tmpDir, "dir-"));
}

import type { Knex } from "knex";
import request from "supertest";
import { createApp } from "../../src/app";
import { loadConfig, Config } from "../../src/config";
import { silentLogger } from "../../src/http/logger";
import { fixedClock } from "../../src/shared/dates";
import { freshDb, tempDir } from "./db";

export type TestApp = Awaited<ReturnType<typeof testApp>>;

/** A fresh database and an in-process app over it, with a clock that stands still. */
export async function testApp(opts: { now?: string; env?: Record<string, string> } = {}) {
  const { db, url, dialect } = await freshDb();
  // Uploads never land in the repo; printed links lead where residents could reach them, as a
  // commune's installation must (a loopback PUBLIC_BASE_URL refuses to publish).
  const loaded = loadConfig({ SCRYPT_COST: "1024", LOG_LEVEL: "silent", DEMO_DATA: "false", FILES_DIR: tempDir(), PUBLIC_BASE_URL: "https://soquy.tanlinh.example", ...opts.env });
  // The configuration names the test's own database, as a server's would (backups copy it).
  const config: Readonly<Config> = Object.freeze({ ...loaded, database: configOf(url, dialect) });
  const clock = fixedClock(opts.now ?? "2025-06-15T03:00:00.000Z");
  const app = createApp({ db, config, clock, logger: silentLogger });
  const api = request(app);
  /** Requests under /api/v1 as the holder of `token` (none: anonymous). */
  const as = (token?: string, lang?: string) => {
    const wrap = (t: request.Test) => {
      if (token) t.set("Authorization", `Bearer ${token}`);
      if (lang) t.set("Accept-Language", lang);
      return t;
    };
    return {
      get: (p: string) => wrap(api.get(`/api/v1${p}`)),
      post: (p: string, body?: unknown) => wrap(api.post(`/api/v1${p}`)).send(body as object),
      patch: (p: string, body?: unknown) => wrap(api.patch(`/api/v1${p}`)).send(body as object),
      delete: (p: string) => wrap(api.delete(`/api/v1${p}`)),
    };
  };
  return { db: db as Knex, url, dialect, app, api, clock, config, as };
}

function configOf(url: string, dialect: "sqlite" | "postgres"): Config["database"] {
  if (dialect === "sqlite") return { client: "sqlite", filename: url.slice("sqlite:".length) };
  const u = new URL(url);
  const searchPath = /search_path=(\S+)/.exec(u.searchParams.get("options") ?? "")?.[1];
  u.searchParams.delete("options");
  return { client: "postgres", connectionString: u.toString(), searchPath };
}

/**
 * Counts the rows of every table we own: a refused request must leave them all the same. Except
 * failed_attempts: a wrong PIN or password is refused *and* counted there, by design (the count is
 * what suspends a PIN or account under a broad attack).
 */
export async function rowCounts(db: Knex): Promise<Record<string, number>> {
  const tables: string[] =
    db.client.config.client === "pg"
      ? (await db.raw("select tablename from pg_tables where schemaname = current_schema()")).rows.map((r: any) => r.tablename)
      : (await db.raw("select name from sqlite_master where type='table' and name not like 'sqlite_%'")).map((r: any) => r.name);
  const out: Record<string, number> = {};
  for (const t of tables.filter((t) => !t.startsWith("knex_") && t !== "failed_attempts").sort()) {
    out[t] = Number((await db(t).count({ n: "*" }).first())?.n ?? 0);
  }
  return out;
}

import type { Knex } from "knex";
import { createDb } from "../../src/db/knex";
import { migrate } from "../../src/db/migrate";
import { applyIdRanges } from "../../src/national/id-ranges";
import { provincesOf } from "../../src/national/registry";
import { dropProvince } from "../../src/national/unsubscribe";

// Two province databases and a national one in a PostgreSQL cluster with wal_level = logical:
// TEST_REPL_PG_URL (a cluster of one's own), else TEST_PG_URL (CI sets wal_level there).

export const REPL_URL = process.env.TEST_REPL_PG_URL || process.env.TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/test";

export const urlOf = (database: string) => {
  const u = new URL(REPL_URL);
  u.pathname = `/${database}`;
  return u.toString();
};

const open = (database: string) => createDb({ client: "postgres", connectionString: urlOf(database) }, { pool: { min: 0, max: 4 } });

/** Why the replication tests cannot run here, or null when they can. */
export async function cannotReplicate(): Promise<string | null> {
  const db = createDb({ client: "postgres", connectionString: REPL_URL }, { pool: { min: 0, max: 1 } });
  try {
    const wal = (await db.raw("SHOW wal_level")).rows[0].wal_level as string;
    return wal === "logical" ? null : `wal_level is ${wal} at ${new URL(REPL_URL).host} (logical replication needs wal_level = logical; set TEST_REPL_PG_URL to a cluster that has it)`;
  } catch (err) {
    return `no PostgreSQL at ${new URL(REPL_URL).host}: ${(err as Error).message}`;
  } finally {
    await db.destroy();
  }
}

export interface Cluster { national: Knex; a: Knex; b: Knex; names: { national: string; a: string; b: string } }

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Removes a national copy's subscriptions (and their slots) and then the three databases. */
async function remove(prefix: string): Promise<void> {
  const national = open(`${prefix}_nat`);
  try {
    for (const p of await provincesOf(national)) await dropProvince(national, p.installationId).catch(() => undefined);
  } catch {
    // no such database
  } finally {
    await national.destroy();
  }
  const admin = createDb({ client: "postgres", connectionString: REPL_URL }, { pool: { min: 0, max: 1 } });
  try {
    for (const d of ["nat", "a", "b"]) await admin.raw(`DROP DATABASE IF EXISTS ${prefix}_${d} WITH (FORCE)`);
  } finally {
    await admin.destroy();
  }
}

/** Fresh databases: provinces A (installation 7) and B (8) with their id ranges, a national copy. */
export async function makeCluster(): Promise<Cluster> {
  const prefix = `cfl_n_${process.pid}`;
  const admin = createDb({ client: "postgres", connectionString: REPL_URL }, { pool: { min: 0, max: 1 } });
  try {
    const stale = (await admin.raw("SELECT datname FROM pg_database WHERE datname LIKE 'cfl\\_n\\_%\\_nat'")).rows as { datname: string }[];
    for (const { datname } of stale) {
      const pid = Number(datname.split("_")[2]);
      if (!pidAlive(pid) || pid === process.pid) await remove(`cfl_n_${pid}`);
    }
    for (const d of ["nat", "a", "b"]) await admin.raw(`CREATE DATABASE ${prefix}_${d}`);
  } finally {
    await admin.destroy();
  }
  const names = { national: `${prefix}_nat`, a: `${prefix}_a`, b: `${prefix}_b` };
  const c = { national: open(names.national), a: open(names.a), b: open(names.b), names };
  await Promise.all([migrate(c.national), migrate(c.a), migrate(c.b)]);
  await applyIdRanges(c.a, 7);
  await applyIdRanges(c.b, 8);
  return c;
}

export async function removeCluster(c: Cluster): Promise<void> {
  await Promise.all([c.a.destroy(), c.b.destroy(), c.national.destroy()]);
  await remove(`cfl_n_${process.pid}`);
}

/** Waits until `check` holds (polling), at most `ms`; returns how long it took. */
export async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every table of every subscription has had its first copy (then it streams). */
export async function copied(national: Knex): Promise<boolean> {
  const r = (await national.raw("SELECT count(*)::int AS n FROM pg_subscription_rel WHERE srsubstate NOT IN ('r', 's')")).rows[0] as { n: number };
  return r.n === 0;
}

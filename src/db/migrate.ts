import fs from "node:fs";
import path from "node:path";
import type { Knex } from "knex";

export const MIGRATIONS_DIR = path.resolve(__dirname, "../../migrations");

/**
 * The migrations by the names knex has always recorded ("…_identity.ts"), whether this process runs
 * the .ts sources (tests, tsx) or the compiled .js of dist/ (`npm start`): a database migrated by
 * one is current for the other (TOOLCHAIN: a source that ignores extensions).
 */
export const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    const ext = path.extname(__filename); // .ts under tsx, .js when compiled
    return fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith(ext) && !f.endsWith(".d.ts"))
      .sort();
  },
  getMigrationName(file) {
    return file.replace(/\.js$/, ".ts");
  },
  async getMigration(file) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(MIGRATIONS_DIR, file));
  },
};

// Servers started together on a new database race for knex's bookkeeping: one creates
// knex_migrations while another finds it missing and tries too ("already exists"), or finds the
// migration lock taken. The loser waits and tries again; by then the schema is (being) brought up.
const RACE = /already exists|already locked|MigrationLocked/i;

export class NewerDatabaseError extends Error {}

/**
 * A database that a newer release has migrated has tables and rules this code does not know of:
 * running on it could write what the newer rules refuse. Say so, and which release is needed.
 */
async function refuseNewer(db: Knex): Promise<void> {
  if (!(await db.schema.hasTable("knex_migrations"))) return;
  const known = new Set((await migrationSource.getMigrations([])).map((f) => migrationSource.getMigrationName(f)));
  const applied = (await db("knex_migrations").select("name").orderBy("id")).map((r: { name: string }) => r.name);
  const unknown = applied.filter((n) => !known.has(n));
  if (unknown.length) {
    throw new NewerDatabaseError(
      `this database was migrated by a newer release of Sổ quỹ minh bạch (it has ${unknown.length} migration(s) this release does not know, the last ${unknown[unknown.length - 1]}): ` +
        "run the newer release, or restore a backup taken before the upgrade",
    );
  }
}

/** Brings the schema to the latest version; refuses a database a newer release migrated. */
export async function migrate(db: Knex): Promise<void> {
  await refuseNewer(db);
  // Up to a minute: the winner may be bringing up every migration on a busy machine (three servers
  // starting at once beside a test run took longer than a shorter wait allowed).
  const until = Date.now() + 60_000;
  for (let attempt = 1; ; attempt++) {
    try {
      await db.migrate.latest({ migrationSource });
      return;
    } catch (err) {
      const msg = `${(err as Error)?.name ?? ""} ${(err as Error)?.message ?? ""}`;
      if (Date.now() >= until || !RACE.test(msg)) throw err;
      await new Promise((r) => setTimeout(r, Math.min(100 * attempt, 1000)));
    }
  }
}

import path from "node:path";
import type { Knex } from "knex";

export const MIGRATIONS_DIR = path.resolve(__dirname, "../../migrations");

// Servers started together on a new database race for knex's bookkeeping: one creates
// knex_migrations while another finds it missing and tries too ("already exists"), or finds the
// migration lock taken. The loser waits and tries again; by then the schema is (being) brought up.
const RACE = /already exists|already locked|MigrationLocked/i;

/** Brings the schema to the latest version. Migrations always run from the .ts sources (TOOLCHAIN). */
export async function migrate(db: Knex): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.migrate.latest({ directory: MIGRATIONS_DIR, loadExtensions: [".ts"] });
      return;
    } catch (err) {
      const msg = `${(err as Error)?.name ?? ""} ${(err as Error)?.message ?? ""}`;
      if (attempt >= 20 || !RACE.test(msg)) throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

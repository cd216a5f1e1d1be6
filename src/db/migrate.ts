import path from "node:path";
import type { Knex } from "knex";

export const MIGRATIONS_DIR = path.resolve(__dirname, "../../migrations");

/** Brings the schema to the latest version. Migrations always run from the .ts sources (TOOLCHAIN). */
export async function migrate(db: Knex): Promise<void> {
  await db.migrate.latest({ directory: MIGRATIONS_DIR, loadExtensions: [".ts"] });
}

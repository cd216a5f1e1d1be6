import { loadConfig } from "../config";
import { createDb } from "../db/knex";
import { migrate } from "../db/migrate";

// `npm run migrate`: brings the configured database to the latest schema without starting the server.
async function main() {
  const config = loadConfig(process.env);
  const db = createDb(config.database);
  try {
    await migrate(db);
    process.stdout.write(`database is at the latest version (${config.database.client})\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`migration failed: ${err?.message ?? err}\n`);
  process.exit(1);
});

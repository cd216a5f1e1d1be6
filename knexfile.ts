// For the knex CLI (node --import tsx node_modules/knex/bin/cli.js ...): same config as the server.
import { loadConfig } from "./src/config";
import { MIGRATIONS_DIR } from "./src/db/migrate";

const config = loadConfig(process.env);
const db = config.database;

module.exports =
  db.client === "sqlite"
    ? { client: "sqlite3", connection: { filename: db.filename }, useNullAsDefault: true, migrations: { directory: MIGRATIONS_DIR, loadExtensions: [".ts"] } }
    : { client: "pg", connection: { connectionString: db.connectionString }, migrations: { directory: MIGRATIONS_DIR, loadExtensions: [".ts"] } };

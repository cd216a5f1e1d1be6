import fs from "node:fs";
import { freshPostgresSchema, freshSqliteSchema, header, SCHEMA_FILE } from "../helpers/schema-dump";

// `npm run schema:dump`: migrates a fresh SQLite database and a fresh PostgreSQL schema (at
// TEST_PG_URL) and writes what they hold to test/db/schema.{sqlite,postgres}.sql, to be committed.

const PG_URL = process.env.TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/test";

async function main() {
  fs.writeFileSync(SCHEMA_FILE.sqlite, header("sqlite") + (await freshSqliteSchema()));
  console.log(`wrote ${SCHEMA_FILE.sqlite}`);
  fs.writeFileSync(SCHEMA_FILE.postgres, header("postgres") + (await freshPostgresSchema(PG_URL)));
  console.log(`wrote ${SCHEMA_FILE.postgres}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

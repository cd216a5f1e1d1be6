import { expect } from "chai";
import fs from "node:fs";
import { PG_URL, TEST_DB } from "../helpers/db";
import { freshPostgresSchema, freshSqliteSchema, header, SCHEMA_FILE } from "../helpers/schema-dump";

/** The first lines where two texts part, with a few lines of context, for a readable failure. */
function firstDifference(want: string, got: string): string {
  const a = want.split("\n");
  const b = got.split("\n");
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 3);
  return [`first difference at line ${i + 1}`, "committed:", ...a.slice(from, i + 4), "live:", ...b.slice(from, i + 4)].join("\n");
}

describe(`db: the committed schema is the schema the migrations make (${TEST_DB})`, () => {
  it(`when a database is migrated from nothing, then its schema is test/db/schema.${TEST_DB}.sql to the letter`, async () => {
    let live: string;
    if (TEST_DB === "postgres") {
      // A schema of its own, migrated here (not cloned from the tests' template), dropped after.
      live = header("postgres") + (await freshPostgresSchema(PG_URL));
    } else {
      live = header("sqlite") + (await freshSqliteSchema());
    }
    const committed = fs.readFileSync(SCHEMA_FILE[TEST_DB], "utf8");
    expect(live === committed, `the schema changed: review it and run \`npm run schema:dump\`\n${live === committed ? "" : firstDifference(committed, live)}`).to.equal(true);
  });
});

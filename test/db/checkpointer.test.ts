import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { createDb } from "../../src/db/knex";
import { TEST_DB, tempDir } from "../helpers/db";
import { until } from "../helpers/wait";

// SQLite: commits land in the WAL; a background connection copies them into the database file
// soon after, so no request's commit pays for that copy, and the file alone is soon current.
// SQLite only (PostgreSQL keeps its own WAL): not even declared on the PostgreSQL run.

(TEST_DB === "sqlite" ? describe : () => undefined)("db: SQLite background checkpoint", () => {
  it("when rows are committed, then within seconds the database file holds them without its WAL", async () => {
    const file = path.join(tempDir(), "checkpoint.sqlite");
    const db = createDb({ client: "sqlite", filename: file });
    try {
      await db.schema.createTable("probe", (t) => {
        t.increments("id");
        t.string("label");
      });
      await db("probe").insert(Array.from({ length: 200 }, (_, i) => ({ label: `dòng ${i}` })));
      const copy = path.join(tempDir(), "copy.sqlite");
      const rowsInFileAlone = async () => {
        fs.copyFileSync(file, copy); // the main file only: what a checkpoint has copied there
        const c = createDb({ client: "sqlite", filename: copy });
        try {
          const has = await c.raw("SELECT name FROM sqlite_master WHERE name = 'probe'");
          return has.length ? Number((await c("probe").count({ n: "*" }))[0].n) : 0;
        } finally {
          await c.destroy();
          for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
        }
      };
      let n = 0;
      await until(async () => (n = await rowsInFileAlone()) >= 200, { timeoutMs: 4_000, everyMs: 100 }).catch(() => {});
      expect(n).to.equal(200);
    } finally {
      await db.destroy();
    }
  });
});

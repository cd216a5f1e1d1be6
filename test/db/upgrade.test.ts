import { expect } from "chai";
import { migrate, NewerDatabaseError } from "../../src/db/migrate";
import { freshDb } from "../helpers/db";
import { startServer } from "../helpers/server";

describe("db: upgrades", function () {
  this.timeout(90_000);

  it("when a newer release has migrated the database, then this release refuses to run on it and says why", async () => {
    const { db, url } = await freshDb();
    await db("knex_migrations").insert({ name: "29990101000000_from_the_future.ts", batch: 99, migration_time: new Date() });
    let refused: unknown;
    try {
      await migrate(db);
    } catch (e) {
      refused = e;
    }
    expect(refused).to.be.instanceOf(NewerDatabaseError);
    expect((refused as Error).message).to.contain("29990101000000_from_the_future.ts");
    // The server does not start on it: one line saying so, and a non-zero exit.
    let out = "";
    try {
      await startServer({ DATABASE_URL: url });
    } catch (e) {
      out = String((e as Error).message);
    }
    expect(out).to.contain("migrated by a newer release");
  });
});

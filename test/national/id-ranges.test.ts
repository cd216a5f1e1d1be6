import { expect } from "chai";
import type { Knex } from "knex";
import { loadConfig } from "../../src/config";
import { systemActor } from "../../src/identity";
import { setUpUnit } from "../../src/modules";
import { applyIdRanges, rangeFor } from "../../src/national/id-ranges";
import { freshDb, TEST_DB } from "../helpers/db";

// Each province's database gives its new rows ids of its own range, so that every province's rows
// merge into the national copy as they are; the rows already there keep theirs.

const actor = systemActor("2025-06-15T03:00:00.000Z", "test");
const unit = (db: Knex, code: string) => db.transaction((trx) => setUpUnit(trx, actor, { code, name: `Tỉnh ${code}`, kind: "province" }));

describe("national copy: ids that merge", function () {
  this.timeout(30_000);

  it("INSTALLATION_ID is 1-999, and only for a PostgreSQL database (SQLite installations do not join a national copy)", () => {
    expect(loadConfig({ INSTALLATION_ID: "12", DATABASE_URL: "postgres://postgres@127.0.0.1/x" }).installationId).to.equal(12);
    expect(() => loadConfig({ INSTALLATION_ID: "0", DATABASE_URL: "postgres://postgres@127.0.0.1/x" })).to.throw(/INSTALLATION_ID must be a whole number from 1 to 999/);
    expect(() => loadConfig({ INSTALLATION_ID: "1000", DATABASE_URL: "postgres://postgres@127.0.0.1/x" })).to.throw(/INSTALLATION_ID/);
    expect(() => loadConfig({ INSTALLATION_ID: "3", DATABASE_URL: "sqlite:data/x.sqlite" })).to.throw(/only PostgreSQL databases join a national copy/);
    expect(loadConfig({}).installationId).to.equal(undefined);
  });

  it("ranges: bigint ids get 10^12 each, integer ids 2^21 each, the last still below 2^31", () => {
    expect(rangeFor(3, "bigint")).to.deep.equal({ from: 3_000_000_000_000n, to: 3_999_999_999_999n });
    expect(rangeFor(3, "integer")).to.deep.equal({ from: 6_291_456n, to: 8_388_607n });
    expect(rangeFor(999, "integer").to < 2n ** 31n).to.equal(true);
  });

  // PostgreSQL's run only: SQLite installations do not join a national copy (the first test shows
  // INSTALLATION_ID refused there), so the SQLite run has no such case rather than a skipped one.
  if (TEST_DB === "postgres") it("on PostgreSQL, new rows take ids of the installation's range, rows that exist keep theirs, and applying again changes nothing", async function () {
    const { db } = await freshDb();
    const before = await unit(db, "truoc");
    const ranges = await applyIdRanges(db, 5);
    expect(ranges.map((r) => r.table)).to.include.members(["units", "entries", "postings", "households"]);
    expect(ranges.map((r) => r.table)).not.to.include("users");
    const after = await unit(db, "sau");
    expect(BigInt(after.id)).to.equal(rangeFor(5, "integer").from);
    expect((await db("units").where({ code: "truoc" }).first()).id).to.equal(before.id);
    await applyIdRanges(db, 5);
    const third = await unit(db, "ba");
    expect(BigInt(third.id)).to.equal(rangeFor(5, "integer").from + 1n);
    const seq = (await db.raw("SELECT max_value::text AS max FROM pg_sequences WHERE schemaname = current_schema() AND sequencename = 'entries_id_seq'")).rows[0];
    expect(seq.max).to.equal(rangeFor(5, "bigint").to.toString());
    // A smaller INSTALLATION_ID than the ids already given: refused, naming the column.
    let refused: Error | undefined;
    await applyIdRanges(db, 4).catch((e: Error) => (refused = e));
    expect(refused?.message).to.match(/\w+\.id has already given ids up to .* \(was INSTALLATION_ID changed\?\)/);
  });
});

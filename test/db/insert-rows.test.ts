import { expect } from "chai";
import { insertMany, insertRows } from "../../src/db/knex";
import { testApp } from "../helpers/app";

// Bulk inserts travel as one JSON parameter per statement (jsonb_each on SQLite 3.45+,
// json_populate_recordset on PostgreSQL): what goes in must come back exactly, in order.

describe("db: insertRows and insertMany", () => {
  const create = (t: Awaited<ReturnType<typeof testApp>>) =>
    t.db.schema.createTable("bulk_probe", (b) => {
      b.increments("id").primary();
      b.integer("n");
      b.bigInteger("amount");
      b.string("label", 200);
      b.string("note", 200);
    });

  it("when rows of arrays go in, then every value comes back as given, in the order given", async () => {
    const t = await testApp();
    await create(t);
    const rows = Array.from({ length: 1200 }, (_, i) => [i, i % 2 ? "999999999999999" : "-1250000", `Hộ Nguyễn Văn Đức ${i} "số" \\ ${i}`, i % 3 ? null : "ghi chú"]);
    await insertRows(t.db, "bulk_probe", ["n", "amount", "label", "note"], rows);
    const back = await t.db("bulk_probe").select("n", t.db.raw("CAST(amount AS TEXT) AS amount"), "label", "note").orderBy("id");
    expect(back).to.have.length(1200);
    expect(back.map((r) => [Number(r.n), r.amount, r.label, r.note])).to.deep.equal(rows);
  });

  it("when rows of objects go in, then bigint values and missing keys are stored as with a plain insert", async () => {
    const t = await testApp();
    await create(t);
    await insertMany(t.db, "bulk_probe", [
      { n: 1, amount: 123456789012345n, label: "một", note: undefined },
      { n: 2, amount: -5n, label: "hai", note: "có" },
    ]);
    const back = await t.db("bulk_probe").select("n", t.db.raw("CAST(amount AS TEXT) AS amount"), "label", "note").orderBy("id");
    expect(back.map((r) => [Number(r.n), r.amount, r.label, r.note])).to.deep.equal([
      [1, "123456789012345", "một", null],
      [2, "-5", "hai", "có"],
    ]);
  });
});

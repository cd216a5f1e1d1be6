import { expect } from "chai";
import { together } from "../../src/db/knex";
import { testApp } from "../helpers/app";

// The reads a view makes at once: side by side on the pool, one at a time inside a transaction
// (a transaction is one connection; pg@9 refuses a query while another runs on it).

describe("db: together", () => {
  // A slow fake read: its time is the behaviour under test (who starts before whom answers).
  const tracked = (log: string[], name: string, ms: number, value: number) => () => {
    log.push(`${name} start`);
    return new Promise<number>((resolve) => setTimeout(() => { log.push(`${name} end`); resolve(value); }, ms));
  };

  it("when the reads are on the pool, then they start together and the answers keep their order", async () => {
    const t = await testApp();
    const log: string[] = [];
    const [a, b, rows] = await together(t.db, tracked(log, "a", 30, 1), tracked(log, "b", 5, 2), () => t.db("units").count({ n: "*" }));
    expect([a, b]).to.deep.equal([1, 2]);
    expect(rows).to.have.length(1);
    expect(log.slice(0, 2)).to.deep.equal(["a start", "b start"]);
  });

  it("when the reads are in a transaction, then each starts after the one before has answered", async () => {
    const t = await testApp();
    const log: string[] = [];
    const out = await t.db.transaction((trx) =>
      together(trx, tracked(log, "a", 30, 1), () => trx("units").count({ n: "*" }).then((r) => { log.push("query"); return r; }), tracked(log, "b", 5, 2)),
    );
    expect([out[0], out[2]]).to.deep.equal([1, 2]);
    expect(log).to.deep.equal(["a start", "a end", "query", "b start", "b end"]);
  });
});

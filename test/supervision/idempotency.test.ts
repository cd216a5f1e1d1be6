import { expect } from "chai";
import { rowCounts, testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { cash } from "../helpers/given-works";

// Issue 7: the cash count screen sends an Idempotency-Key; a count retried after its answer was
// lost replays the first answer instead of recording a second count and a second finding.

describe("supervision: a retried cash count (issue 7)", () => {
  it("when a cash count is sent twice with one Idempotency-Key, then one count and one finding exist and both answers match; another body with that key is 409", async () => {
    const t = await testApp();
    const w = await world(t);
    await cash(t, w.hamletA, "1250000", "2025-06-14");
    const body = { unitId: w.hamletA, at: "2025-06-14T16:30:00Z", denominations: [{ value: "500000", count: 2 }], counters: [w.inspector.id] };
    const send = (b: object) => t.as(w.inspector.token).post(`/boards/${w.board}/cash-counts`).set("Idempotency-Key", "kiem-ke-14-6").send(b);
    const first = await send(body);
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body).to.include({ counted: "1000000", ledger: "1250000", difference: "-250000" });
    const before = await rowCounts(t.db);
    const again = await send(body);
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    expect(await rowCounts(t.db)).to.deep.equal(before);
    expect(await t.db("cash_counts")).to.have.length(1);
    expect(await t.db("findings").where({ cash_count_id: first.body.id })).to.have.length(1);
    const other = await send({ ...body, denominations: [{ value: "500000", count: 3 }] });
    expect(other.status).to.equal(409);
    expect(other.body.code).to.equal("idempotency_conflict");
  });
});

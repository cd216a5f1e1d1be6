import { expect } from "chai";
import { testApp, TestApp } from "../helpers/app";
import { world } from "../helpers/given";
import { cash } from "../helpers/given-works";

// A cash count's difference always opens a finding; how serious it is follows the unit's
// thresholds, whichever the sign: below cashDifferenceMinor an observation, below
// cashDifferenceCritical minor, then major, and critical from ten times cashDifferenceCritical.

type W = Awaited<ReturnType<typeof setUp>>;
async function setUp(t: TestApp) {
  return world(t, { only: ["communeAdmin", "headA", "inspector"] });
}

/** Counts `counted` đồng (in one "note", the schema allows any value) at 23:30 on 14 June and answers the finding's severity. */
async function severityOf(t: TestApp, w: W, counted: string): Promise<string | null> {
  const r = await t.as(w.inspector.token).post(`/boards/${w.board}/cash-counts`, {
    unitId: w.hamletA, at: "2025-06-14T16:30:00Z", denominations: [{ value: counted, count: 1 }], counters: [w.inspector.id],
  });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  if (r.body.findingId === null) {
    expect(r.body.findingSeverity).to.equal(null);
    return null;
  }
  const list = await t.as(w.headA.token).get(`/units/${w.hamletA}/findings`);
  const f = list.body.data.find((x: any) => x.id === r.body.findingId);
  expect(f).to.include({ category: "cash", cashCountId: r.body.id, status: "open" });
  expect(r.body.findingSeverity, "the count's answer names the finding's severity").to.equal(f.severity);
  return f.severity;
}

describe("supervision: a cash difference's severity follows the unit's thresholds", () => {
  it("when the book holds nothing and a count finds 5 đ to 10.000.000 đ, then each boundary of the default thresholds (10.000, 1.000.000) takes its severity", async () => {
    const t = await testApp();
    const w = await setUp(t);
    const seen: [string, string | null][] = [];
    for (const amount of ["5", "9999", "10000", "999999", "1000000", "9999999", "10000000", "250000000"]) seen.push([amount, await severityOf(t, w, amount)]);
    expect(seen).to.deep.equal([
      ["5", "observation"], ["9999", "observation"], ["10000", "minor"], ["999999", "minor"],
      ["1000000", "major"], ["9999999", "major"], ["10000000", "critical"], ["250000000", "critical"],
    ]);
  });

  it("when the count is short of the book, then the size of the shortfall decides, as for a surplus", async () => {
    const t = await testApp();
    const w = await setUp(t);
    await cash(t, w.hamletA, "10000001", "2025-06-14");
    // counted − book: −10.000.000, −9.999.999 (counting 2), −10.000 (counting 9.990.001), −9.999, −5
    const seen: [string, string | null][] = [];
    for (const counted of ["1", "2", "9990001", "9990002", "9999996", "10000001"]) seen.push([counted, await severityOf(t, w, counted)]);
    expect(seen).to.deep.equal([["1", "critical"], ["2", "major"], ["9990001", "minor"], ["9990002", "observation"], ["9999996", "observation"], ["10000001", null]]);
  });

  it("when the unit's admins set their own thresholds, then counts afterwards follow them, at their boundaries", async () => {
    const t = await testApp();
    const w = await setUp(t);
    const p = await t.as(w.communeAdmin.token).patch(`/units/${w.hamletA}`, { cashDifferenceMinor: "500", cashDifferenceCritical: "20000" });
    expect(p.status, JSON.stringify(p.body)).to.equal(200);
    const seen: [string, string | null][] = [];
    for (const amount of ["499", "500", "19999", "20000", "199999", "200000"]) seen.push([amount, await severityOf(t, w, amount)]);
    expect(seen).to.deep.equal([["499", "observation"], ["500", "minor"], ["19999", "minor"], ["20000", "major"], ["199999", "major"], ["200000", "critical"]]);

    // zero for the first: no difference is a mere observation; equal thresholds skip "minor"
    await t.as(w.communeAdmin.token).patch(`/units/${w.hamletA}`, { cashDifferenceMinor: "0", cashDifferenceCritical: "0" });
    expect(await severityOf(t, w, "1")).to.equal("critical");
    await t.as(w.communeAdmin.token).patch(`/units/${w.hamletA}`, { cashDifferenceMinor: "1000", cashDifferenceCritical: "1000" });
    expect([await severityOf(t, w, "999"), await severityOf(t, w, "1000"), await severityOf(t, w, "10000")]).to.deep.equal(["observation", "major", "critical"]);
  });
});

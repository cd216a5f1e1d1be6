import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { work } from "../helpers/given-works";
import { refused } from "../helpers/refused";

// The days the boards have to answer a resident's feedback are a unit setting
// (feedbackAnswerDays, 1–365, default 15), changed by the unit's admins with PATCH /units/:unitId,
// read for the work's unit when a feedback comes in.

describe("identity: a unit's feedback answer days", () => {
  it("when an admin changes feedbackAnswerDays, then the unit shows it and new feedback is due by it, existing feedback keeps its due date", async () => {
    const t = await testApp(); // 2025-06-15
    const w = await world(t, { only: ["root", "communeAdmin", "treasurerA", "headA", "inspector"] });
    const a = await work(t, w);
    expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}`)).body.feedbackAnswerDays).to.equal(15);
    const F = `/public/works/${a.id}/feedback`;
    const before = await t.as().post(F, { text: "Đường bị nứt" });
    expect(before.status, JSON.stringify(before.body)).to.equal(201);
    expect(before.body.dueDate).to.equal("2025-06-30");

    const r = await t.as(w.communeAdmin.token).patch(`/units/${w.hamletA}`, { feedbackAnswerDays: 7 });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body.feedbackAnswerDays).to.equal(7);
    expect((await t.as(w.headA.token).get(`/units/${w.hamletA}`)).body.feedbackAnswerDays).to.equal(7);
    // the commune's setting is its own: a hamlet does not inherit it, nor the commune the hamlet's
    expect((await t.as(w.communeAdmin.token).get(`/units/${w.commune}`)).body.feedbackAnswerDays).to.equal(15);

    const after = await t.as().post(F, { text: "Vẫn chưa sửa" });
    expect(after.status, JSON.stringify(after.body)).to.equal(201);
    expect(after.body.dueDate).to.equal("2025-06-22");
    const list = await t.as(w.inspector.token).get(`/boards/${w.board}/feedback`);
    const due = Object.fromEntries(list.body.data.map((f: any) => [f.id, f.dueDate]));
    expect(due).to.deep.equal({ [before.body.id]: "2025-06-30", [after.body.id]: "2025-06-22" });

    // the bounds are accepted
    expect((await t.as(w.root).patch(`/units/${w.hamletA}`, { feedbackAnswerDays: 1 })).body.feedbackAnswerDays).to.equal(1);
    expect((await t.as(w.root).patch(`/units/${w.hamletA}`, { feedbackAnswerDays: 365 })).body.feedbackAnswerDays).to.equal(365);
    expect((await t.as().post(F, { text: "Một năm" })).body.dueDate).to.equal("2026-06-15");
    // a rename leaves the setting as it is
    expect((await t.as(w.root).patch(`/units/${w.hamletA}`, { name: "Thôn Đồng Tâm 2" })).body.feedbackAnswerDays).to.equal(365);
  });

  it("when the value is out of 1–365 or not a whole number, then 400 names the field and nothing changes", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin"] });
    for (const bad of [0, 366, -5, 7.5, "10", null, true]) {
      const p = await refused(t, () => t.as(w.communeAdmin.token).patch(`/units/${w.hamletA}`, { feedbackAnswerDays: bad }), 400, "validation_failed");
      expect(p.errors.map((e: any) => e.path), JSON.stringify(bad)).to.include("/feedbackAnswerDays");
    }
    expect((await t.as(w.communeAdmin.token).get(`/units/${w.hamletA}`)).body.feedbackAnswerDays).to.equal(15);
  });

  it("when someone other than the unit's admins tries to change it, then 401, 403 or 404 and it stays", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root", "treasurerA", "headA", "treasurerB", "inspector"] });
    const audits = async () => Number((await t.db("audit_events").where({ action: "unit.updated" }).count({ n: "*" }).first())?.n);
    const already = await audits();
    const patch = (token?: string) => t.as(token).patch(`/units/${w.hamletA}`, { feedbackAnswerDays: 3 });
    expect((await patch()).status).to.equal(401);
    for (const [name, who] of Object.entries({ treasurerA: w.treasurerA, headA: w.headA, inspector: w.inspector })) expect((await patch(who.token)).status, name).to.equal(403);
    expect((await patch(w.treasurerB.token)).status).to.equal(403); // the route is for admins: refused before the unit is looked at
    expect((await t.as(w.root).get(`/units/${w.hamletA}`)).body.feedbackAnswerDays).to.equal(15);
    expect(await audits()).to.equal(already);
  });
});

// A cash count's difference thresholds (cashDifferenceMinor, cashDifferenceCritical: whole đồng as
// decimal strings, defaults 10.000 and 1.000.000), changed by the unit's admins with the same PATCH.
describe("identity: a unit's cash difference thresholds", () => {
  it("when a unit is new, then it shows the defaults; when an admin changes one or both, then the unit shows them and the audit trail has the change", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA"] });
    const show = async () => {
      const u = (await t.as(w.treasurerA.token).get(`/units/${w.hamletA}`)).body;
      return [u.cashDifferenceMinor, u.cashDifferenceCritical];
    };
    expect(await show()).to.deep.equal(["10000", "1000000"]);
    const admin = t.as(w.communeAdmin.token);
    const both = await admin.patch(`/units/${w.hamletA}`, { cashDifferenceMinor: "50000", cashDifferenceCritical: "2000000" });
    expect(both.status, JSON.stringify(both.body)).to.equal(200);
    expect(await show()).to.deep.equal(["50000", "2000000"]);
    // one alone keeps the other; equal thresholds and zero are allowed
    expect((await admin.patch(`/units/${w.hamletA}`, { cashDifferenceCritical: "50000" })).status).to.equal(200);
    expect(await show()).to.deep.equal(["50000", "50000"]);
    expect((await admin.patch(`/units/${w.hamletA}`, { cashDifferenceMinor: "0" })).status).to.equal(200);
    expect(await show()).to.deep.equal(["0", "50000"]);
    // the commune keeps its own
    expect((await admin.get(`/units/${w.commune}`)).body).to.include({ cashDifferenceMinor: "10000", cashDifferenceCritical: "1000000" });
    const last = await t.db("audit_events").where({ action: "unit.updated", entity_id: String(w.hamletA) }).orderBy("id", "desc").first();
    const details = typeof last.details === "string" ? JSON.parse(last.details) : last.details;
    expect(details.before).to.include({ cashDifferenceMinor: "50000", cashDifferenceCritical: "50000" });
    expect(details.patch).to.deep.equal({ cashDifferenceMinor: "0" });
  });

  it("when a threshold is negative or the minor one would exceed the critical one, then 422 names it and nothing changes", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin"] });
    const admin = t.as(w.communeAdmin.token);
    const U = `/units/${w.hamletA}`;
    expect(await refused(t, () => admin.patch(U, { cashDifferenceMinor: "-1" }), 422, "negative_threshold")).to.include({ field: "cashDifferenceMinor", path: "/cashDifferenceMinor" });
    expect(await refused(t, () => admin.patch(U, { cashDifferenceCritical: "-10000" }), 422, "negative_threshold")).to.include({ field: "cashDifferenceCritical" });
    // the minor threshold above the unit's critical one (1.000.000 by default)
    const p = await refused(t, () => admin.patch(U, { cashDifferenceMinor: "1000001" }), 422, "thresholds_out_of_order");
    expect(p).to.include({ minor: "1000001", critical: "1000000" });
    expect(p.detail).to.contain("1000001");
    await refused(t, () => admin.patch(U, { cashDifferenceCritical: "9999" }), 422, "thresholds_out_of_order");
    await refused(t, () => admin.patch(U, { cashDifferenceMinor: "20000", cashDifferenceCritical: "19999" }), 422, "thresholds_out_of_order");
    // not whole đồng as a decimal string: the schema refuses it with the field's path
    for (const bad of [10000, "10.000", "1.5", "abc", "", "010", null, "1234567890123456"]) {
      const q = await refused(t, () => admin.patch(U, { cashDifferenceMinor: bad }), 400, "validation_failed");
      expect(q.errors.map((e: any) => e.path), JSON.stringify(bad)).to.include("/cashDifferenceMinor");
    }
    expect((await admin.get(U)).body).to.include({ cashDifferenceMinor: "10000", cashDifferenceCritical: "1000000" });
  });

  it("when someone other than the unit's admins tries to change them, then 401 or 403 and they stay", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA", "inspector", "treasurerB"] });
    const patch = (token?: string) => t.as(token).patch(`/units/${w.hamletA}`, { cashDifferenceMinor: "1", cashDifferenceCritical: "2" });
    expect((await patch()).status).to.equal(401);
    for (const who of [w.treasurerA, w.headA, w.inspector, w.treasurerB]) expect((await patch(who.token)).status).to.equal(403);
    expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}`)).body).to.include({ cashDifferenceMinor: "10000", cashDifferenceCritical: "1000000" });
  });
});

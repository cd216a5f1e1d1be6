import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { decision as paperMeeting } from "../helpers/given-contributions";
import { fixtureConsultation, work } from "../helpers/given-works";
import { issuePinForTests } from "../helpers/pins";
import { refused } from "../helpers/refused";
import { decision, households } from "./given";

// What rests on a decision (law.md L5, L8): a campaign opens only on a passed decision of a
// contribution subject that the commune recognised; a resident-funded work is approved only on a
// passed decision, however many opinions a consultation gathered; what rests on a decision the
// commune has not recognised yet says so.

const campaignBody = (extra: Record<string, unknown>) => ({ name: "Bê tông hóa đường thôn", purpose: "Làm đường bê tông", startDate: "2025-06-15", ...extra });

describe("decisions: campaigns and works rest on them", () => {
  it("opens a campaign only on a passed, recognised decision of a contribution subject; a paper meeting's figures are still taken, with a warning", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    await households(t, w.hamletA, 30);
    const C = `/units/${w.hamletA}/campaigns`;
    const open = (extra: Record<string, unknown>) => () => t.as(w.treasurerA.token).post(C, campaignBody(extra));
    await refused(t, open({}), 422, "decision_required");
    const notPassed = await decision(t, w.hamletA, { agree: 19 }); // 19 of 30 < two thirds (20)
    await refused(t, open({ decisionId: notPassed.id }), 422, "decision_not_passed");
    const waiting = await decision(t, w.hamletA, { agree: 20, upto: "submitted" });
    const p = await refused(t, open({ decisionId: waiting.id }), 422, "decision_not_recognised");
    expect(p.detail).to.contain("submitted");
    const rule = await decision(t, w.hamletA, { subject: "customary_rule" });
    await refused(t, open({ decisionId: rule.id }), 422, "decision_wrong_subject");
    await refused(t, open({ decisionId: 999999 }), 404, "not_found");

    const ok = await decision(t, w.hamletA, { agree: 20 });
    const made = await open({ decisionId: ok.id })();
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.body).to.deep.include({ decisionId: ok.id, warnings: [], decision: { date: "2025-06-15", minutesRef: `QĐ ${ok.id}: Mức đóng góp làm đường bê tông`, householdsTotal: 30, householdsPresent: 30, householdsAgreeing: 20 } });

    // a meeting held on paper before the hamlet used the software: the same two-thirds check, and a warning
    await refused(t, open({ decision: paperMeeting(100, 66) }), 422, "decision_below_threshold");
    const paper = await open({ decision: paperMeeting(100, 67) })();
    expect(paper.status, JSON.stringify(paper.body)).to.equal(201);
    expect(paper.body.decisionId).to.equal(null);
    expect(paper.body.warnings).to.deep.equal([{ code: "no_recognised_decision", message: "Chưa có quyết định được xã công nhận trong hệ thống" }]);
    expect((await t.as(w.treasurerA.token).get(`${C}/${paper.body.id}`)).body.warnings[0].message).to.equal("Chưa có quyết định được xã công nhận trong hệ thống");

    // the database refuses a campaign on a decision that is not recognised, whatever the code did
    let refusedByDb = "";
    const row = await t.db("campaigns").where({ id: made.body.id }).first();
    await t.db("campaigns").insert({ ...row, id: undefined, decision_id: waiting.id }).catch((e: Error) => (refusedByDb = e.message));
    expect(refusedByDb).to.contain("decision_not_recognised");
  });

  it("when 8 of 80 households agreed in a consultation on a resident-funded work with no campaign linked, then it is not approved until a decision passes", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA", "communeAdmin"] });
    await households(t, w.hamletA, 72);
    const voters = [];
    for (let i = 1; i <= 8; i++) voters.push(await issuePinForTests(t, w.hamletA, `Y-${i}`));
    // community money, no campaign named
    const a = await work(t, w, { funding: [{ source: "community", amount: "80000000" }] });
    const c = await fixtureConsultation(t, w, w.hamletA, a.id);
    for (const v of voters) expect((await t.as().post(`/public/consultations/${c.id}/opinions`, { householdCode: v.code, pin: v.pin, choice: "agree" })).status).to.equal(201);
    t.clock.set("2025-06-30T01:00:00.000Z");
    const head = (await t.as().post("/auth/login", { username: "head.a", password: "correct horse battery" })).body.token;
    const approve = (extra: Record<string, unknown> = {}) => () => t.as(head).post(`/units/${w.hamletA}/works/${a.id}/transitions`, { to: "approved", ...extra });
    await refused(t, approve(), 422, "decision_required");
    // a meeting's typed figures are no longer enough for the residents' own money
    await refused(t, approve({ decision: { date: "2025-06-20", minutesRef: "BB-01", householdsTotal: 80, householdsAgreeing: 60 } }), 422, "decision_required");
    const failed = await decision(t, w.hamletA, { subject: "work_investment", agree: 40 }); // 40 of 80 is not more than half
    await refused(t, approve({ decisionId: failed.id }), 422, "decision_not_passed");
    const passed = await decision(t, w.hamletA, { subject: "work_investment", agree: 41, upto: "voted" });
    // the consultation's opinions have their published response (works' rule)
    const r = `/units/${w.hamletA}/works/${a.id}/consultations/${c.id}/response`;
    expect((await t.as(head).post(r, { summary: "Tiếp thu ý kiến", items: [] })).status).to.equal(200);
    expect((await t.as(head).post(`${r}/publish`)).status).to.equal(200);
    const ok = await approve({ decisionId: passed.id })();
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body).to.deep.include({ status: "approved", decisionId: passed.id, warnings: [{ code: "decision_not_recognised", message: "Quyết định của hộ dân chưa được xã công nhận" }] });
    // once the commune recognises it, the warning goes
    const commune = (await t.as().post("/auth/login", { username: "commune.admin", password: "correct horse battery" })).body.token;
    const headToken = head;
    expect((await t.as(headToken).post(`/units/${w.hamletA}/decisions/${passed.id}/transitions`, { to: "submitted" })).status).to.equal(200);
    expect((await t.as(commune).post(`/units/${w.hamletA}/decisions/${passed.id}/transitions`, { to: "recognised" })).status).to.equal(200);
    const after = await t.as(headToken).get(`/units/${w.hamletA}/works/${a.id}`);
    expect(after.body).to.deep.include({ decisionId: passed.id, warnings: [] });
  });

  it("still approves a work the state or commune pays on a consultation in favour", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const a = await work(t, w, { funding: [{ source: "commune", amount: "80000000" }] });
    const ok = await t.as(w.headA.token).post(`/units/${w.hamletA}/works/${a.id}/transitions`, { to: "approved", decision: { date: "2025-06-01", minutesRef: "BB-02", householdsTotal: 100, householdsAgreeing: 51 } });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body).to.deep.include({ decisionId: null, warnings: [] });
  });
});

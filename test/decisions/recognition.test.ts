import { expect } from "chai";
import { testApp } from "../helpers/app";
import { PASSWORD, user, world } from "../helpers/given";
import { refused } from "../helpers/refused";
import { households } from "./given";

// Recognition (law.md L8): draft → voted → submitted → recognised | returned. The hamlet closes the
// vote (head or treasurer) and submits (head); the commune (its admin or head) recognises or
// returns with a reason. The day to submit by is 5 working days after the vote (a unit setting).

describe("decisions: recognition by the commune", () => {
  it("moves only as the law says, each move by its own hand, a return with its reason", async () => {
    const t = await testApp({ now: "2025-06-13T03:00:00.000Z" }); // Friday 13/06/2025
    const w = await world(t, { only: ["treasurerA", "headA", "communeAdmin", "inspector"] });
    const communeHead = await user(t, "commune.head", { role: "head", unitId: w.commune });
    await households(t, w.hamletA, 3);
    const D = `/units/${w.hamletA}/decisions`;
    const made = await t.as(w.treasurerA.token).post(D, { title: "Mức đóng góp", subject: "contribution_policy", method: "meeting_show_of_hands", heldOn: "2025-06-13" });
    const id = made.body.id;
    const move = (token: string, to: string, reason?: string) => () => t.as(token).post(`${D}/${id}/transitions`, reason ? { to, reason } : { to });

    let p = await refused(t, move(w.headA.token, "submitted"), 409, "invalid_transition");
    expect(p).to.deep.include({ state: "draft", allowed: ["voted"] });
    await refused(t, move(w.treasurerA.token, "voted"), 422, "no_counts");
    expect((await t.as(w.treasurerA.token).post(`${D}/${id}/tally`, { present: 3, agree: 2, disagree: 1, abstain: 0 })).status).to.equal(200);
    // the commune does not close a hamlet's vote, nor does an inspector
    await refused(t, move(w.communeAdmin.token, "voted"), 403, "forbidden");
    await refused(t, move(w.inspector.token, "voted"), 403, "forbidden");
    const voted = await move(w.treasurerA.token, "voted")();
    expect(voted.status, JSON.stringify(voted.body)).to.equal(200);
    // a meeting votes on the day it meets (Friday 13/06): 5 working days later is Friday 20/06
    expect(voted.body).to.deep.include({ status: "voted", votedOn: "2025-06-13", submitBy: "2025-06-20", submitOverdue: false, allowed: ["submitted"] });
    // submitting is the hamlet head's act, not the treasurer's
    await refused(t, move(w.treasurerA.token, "submitted"), 403, "forbidden");
    expect((await move(w.headA.token, "submitted")()).body.status).to.equal("submitted");
    // recognising is the commune's: the hamlet's head cannot recognise its own decision
    await refused(t, move(w.headA.token, "recognised"), 403, "forbidden");
    await refused(t, move(w.communeAdmin.token, "returned"), 422, "reason_required");
    const returned = await move(w.communeAdmin.token, "returned", "Biên bản thiếu chữ ký thư ký")();
    expect(returned.body).to.deep.include({ status: "returned", allowed: ["submitted"] });
    expect((await move(w.headA.token, "submitted")()).status).to.equal(200);
    // the commune's list holds what its hamlets sent it
    const waiting = await t.as(communeHead.token).get(`/units/${w.commune}/decisions?below=true`);
    expect(waiting.body.data.map((d: any) => [d.id, d.unitName, d.status])).to.deep.equal([[id, "Thôn Đồng Tâm", "submitted"]]);
    expect((await t.as(communeHead.token).get(`/units/${w.commune}/decisions`)).body.data).to.deep.equal([]);
    const recognised = await move(communeHead.token, "recognised")();
    expect(recognised.status, JSON.stringify(recognised.body)).to.equal(200);
    await refused(t, move(w.communeAdmin.token, "returned", "Muộn"), 409, "invalid_transition");
    const got = await t.as(w.inspector.token).get(`${D}/${id}`);
    expect(got.body.transitions.map((x: any) => [x.from, x.to, x.reason, x.by])).to.deep.equal([
      ["draft", "voted", null, "treasurer.a"],
      ["voted", "submitted", null, "head.a"],
      ["submitted", "returned", "Biên bản thiếu chữ ký thư ký", "commune.admin"],
      ["returned", "submitted", null, "head.a"],
      ["submitted", "recognised", null, "commune.head"],
    ]);
    // the database keeps the counts as voted
    let refusedByDb = "";
    await t.db("decisions").where({ id }).update({ agree: 3 }).catch((e: Error) => (refusedByDb = e.message));
    expect(refusedByDb).to.contain("invalid_transition");
  });

  it("when the unit gives 3 working days and the vote is not submitted in time, then the decision shows it overdue", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "communeAdmin"] });
    await households(t, w.hamletA, 2);
    await refused(t, () => t.as(w.treasurerA.token).patch(`/units/${w.hamletA}/decision-settings`, { submitWithinDays: 3 }), 403, "forbidden");
    const s = await t.as(w.communeAdmin.token).patch(`/units/${w.hamletA}/decision-settings`, { submitWithinDays: 3 });
    expect(s.body).to.deep.equal({ unitId: w.hamletA, workInvestmentRule: "more_than_half", submitWithinDays: 3 });
    const D = `/units/${w.hamletA}/decisions`;
    const made = await t.as(w.treasurerA.token).post(D, { title: "Bỏ phiếu hộ", subject: "other", method: "household_ballot", heldOn: "2025-06-15" });
    const [h] = await t.db("households").where({ unit_id: w.hamletA }).select("id");
    expect((await t.as(w.treasurerA.token).post(`${D}/${made.body.id}/ballots`, { householdId: h.id, choice: "agree" })).status).to.equal(201);
    // a household ballot closes on the day it is marked voted (Sunday 15/06): + 3 working days = Wednesday 18/06
    expect((await t.as(w.treasurerA.token).post(`${D}/${made.body.id}/transitions`, { to: "voted" })).body).to.deep.include({ votedOn: "2025-06-15", submitBy: "2025-06-18", passed: false });
    t.clock.set("2025-06-19T03:00:00.000Z");
    const signIn = await t.as().post("/auth/login", { username: "commune.admin", password: PASSWORD });
    const again = await t.as(signIn.body.token).get(`${D}/${made.body.id}`);
    expect(again.body).to.deep.include({ status: "voted", submitOverdue: true });
  });

  it("when the unit's rules set two thirds for a work's investment, then its decisions need two thirds", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "communeAdmin"] });
    await households(t, w.hamletA, 9);
    const D = `/units/${w.hamletA}/decisions`;
    const body = { title: "Đầu tư nhà văn hóa", subject: "work_investment", method: "meeting_show_of_hands", heldOn: "2025-06-15" };
    expect((await t.as(w.treasurerA.token).post(D, body)).body.threshold).to.deep.equal({ rule: "more_than_half", needed: 5 });
    // the commune's rules apply to its hamlets unless a hamlet has its own
    expect((await t.as(w.communeAdmin.token).patch(`/units/${w.commune}/decision-settings`, { workInvestmentRule: "two_thirds" })).status).to.equal(200);
    expect((await t.as(w.treasurerA.token).post(D, body)).body.threshold).to.deep.equal({ rule: "two_thirds", needed: 6 });
    expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/decision-settings`)).body.workInvestmentRule).to.equal("two_thirds");
  });
});

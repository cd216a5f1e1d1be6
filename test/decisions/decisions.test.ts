import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { issuePinForTests } from "../helpers/pins";
import { refused } from "../helpers/refused";
import { meets, needed } from "../../src/decisions/rules";
import { submitDueOn } from "../../src/decisions/working-days";
import { households } from "./given";
import { householdsOn, moveHousehold, updateHousehold } from "../../src/contributions/service";
import { systemActor } from "../../src/identity";

// Decisions as records (law.md L6–L8): the register's total on the day, a meeting's tally, ballots
// each household casts once (paper or online with code + PIN), thresholds by subject, and the moves
// to the commune's recognition. The test clock stands at Sunday 15/06/2025, 10:00 in Vietnam.

const TODAY = "2025-06-15";

describe("decisions: thresholds (law.md L7) and the days to submit (L8)", () => {
  it("counts exactly on the register's total: 67 of 100 pass two thirds, 66 fail; 51 pass more than half, 50 fail", () => {
    expect([meets("two_thirds", 67, 100), meets("two_thirds", 66, 100)]).to.deep.equal([true, false]);
    expect([meets("more_than_half", 51, 100), meets("more_than_half", 50, 100)]).to.deep.equal([true, false]);
    expect([needed("two_thirds", 100), needed("more_than_half", 100), needed("two_thirds", 80), needed("more_than_half", 80), needed("two_thirds", 3)]).to.deep.equal([67, 51, 54, 41, 2]);
  });

  it("gives 5 working days to submit on the unit's calendar: weekends and public holidays are skipped", async () => {
    const t = await testApp();
    const w = await world(t, { only: [] });
    const due = (date: string) => submitDueOn(t.db, w.hamletA, date, 5);
    // Sunday 15/06 + 5 = Friday 20/06; Friday 25/04/2025 + 5: 28, 29/04, (30/04 and 01/05 holidays) 02, 05, 06/05
    expect([await due("2025-06-15"), await due("2025-04-25")]).to.deep.equal(["2025-06-20", "2025-05-06"]);
  });
});

describe("decisions: records, tallies and ballots", () => {
  it("when a meeting of the 100 households in the register records 67 agreeing on contributions, then it passes; 66 does not", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const ids = await households(t, w.hamletA, 101);
    // One household left the register before the meeting; it does not count.
    expect((await t.as(w.treasurerA.token).patch(`/units/${w.hamletA}/households/${ids[100]}`, { isActive: false })).status).to.equal(200);
    const D = `/units/${w.hamletA}/decisions`;
    const made = await t.as(w.treasurerA.token).post(D, { title: "Mức đóng góp làm đường", subject: "contribution_policy", method: "meeting_show_of_hands", heldOn: TODAY });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.body).to.deep.include({ householdsTotal: 100, status: "draft", passed: false, threshold: { rule: "two_thirds", needed: 67 } });
    const tally = (agree: number) => t.as(w.treasurerA.token).post(`${D}/${made.body.id}/tally`, { present: 90, agree, disagree: 90 - agree, abstain: 0 });
    const r66 = await tally(66);
    expect(r66.status, JSON.stringify(r66.body)).to.equal(200);
    expect(r66.body).to.deep.include({ passed: false, counts: { present: 90, agree: 66, disagree: 24, abstain: 0 } });
    const r67 = await tally(67);
    expect(r67.body.passed).to.equal(true);
    const got = await t.as(w.headA.token).get(`${D}/${made.body.id}`);
    expect(got.body).to.deep.include({ householdsTotal: 100, passed: true, threshold: { rule: "two_thirds", needed: 67 }, tally: { present: 90, agree: 67, disagree: 23, abstain: 0 } });
    // householdsTotal is the register's, never typed
    await refused(t, () => t.as(w.treasurerA.token).post(D, { title: "X", subject: "other", method: "online", heldOn: TODAY, householdsTotal: 5 }), 400, "validation_failed");
  });

  it("when a customary rule gets 50 of 100, then it fails; 51 passes", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    await households(t, w.hamletA, 100);
    const D = `/units/${w.hamletA}/decisions`;
    const made = await t.as(w.treasurerA.token).post(D, { title: "Hương ước thôn", subject: "customary_rule", method: "meeting_secret_ballot", heldOn: TODAY });
    expect(made.body.threshold).to.deep.equal({ rule: "more_than_half", needed: 51 });
    const tally = (agree: number) => t.as(w.treasurerA.token).post(`${D}/${made.body.id}/tally`, { present: 100, agree, disagree: 100 - agree, abstain: 0 });
    expect((await tally(50)).body.passed).to.equal(false);
    expect((await tally(51)).body.passed).to.equal(true);
  });

  it("refuses counts that cannot be: more answers than present, more present than households, ballots on a meeting, a decision of the future", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    await households(t, w.hamletA, 10);
    const D = `/units/${w.hamletA}/decisions`;
    const made = await t.as(w.treasurerA.token).post(D, { title: "Quỹ khuyến học", subject: "other", method: "meeting_show_of_hands", heldOn: TODAY });
    const T = `${D}/${made.body.id}/tally`;
    await refused(t, () => t.as(w.treasurerA.token).post(T, { present: 8, agree: 5, disagree: 3, abstain: 1 }), 422, "tally_inconsistent");
    await refused(t, () => t.as(w.treasurerA.token).post(T, { present: 11, agree: 5, disagree: 3, abstain: 1 }), 422, "tally_inconsistent");
    const [h] = await t.db("households").where({ unit_id: w.hamletA }).select("id");
    await refused(t, () => t.as(w.treasurerA.token).post(`${D}/${made.body.id}/ballots`, { householdId: h.id, choice: "agree" }), 422, "not_for_method");
    await refused(t, () => t.as(w.treasurerA.token).post(D, { title: "Sau này", subject: "other", method: "online", heldOn: "2025-06-16" }), 422, "future_date");
    // before any household was registered the register was empty
    await refused(t, () => t.as(w.treasurerA.token).post(D, { title: "Trước", subject: "other", method: "online", heldOn: "2025-06-01" }), 422, "register_empty");
  });

  it("when households vote by paper ballot and online, then each counts once, who entered a paper ballot is kept, and nothing is counted after voting closes", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const ids = await households(t, w.hamletA, 4);
    const online = await issuePinForTests(t, w.hamletA, "ONL-1");
    const D = `/units/${w.hamletA}/decisions`;
    const made = await t.as(w.treasurerA.token).post(D, { title: "Góp công làm mương", subject: "work_investment", method: "combined", heldOn: TODAY });
    expect(made.body.householdsTotal).to.equal(5);
    const B = `${D}/${made.body.id}/ballots`;
    const paper = await t.as(w.treasurerA.token).post(B, { householdId: ids[0], choice: "agree" });
    expect(paper.status, JSON.stringify(paper.body)).to.equal(201);
    await refused(t, () => t.as(w.headA.token).post(B, { householdId: ids[0], choice: "disagree" }), 409, "already_counted");
    const vote = (choice: string, pin = online.pin) => t.as().post(`/public/decisions/${made.body.id}/votes`, { householdCode: "onl-1", pin, choice });
    expect((await vote("agree", "000000")).status).to.equal(403);
    const v = await vote("agree", online.pin);
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    expect(v.body).to.include({ householdCode: "ONL-1", choice: "agree" });
    // a second choice by the same household, online or on paper, is refused
    expect((await vote("disagree")).body.code).to.equal("already_counted");
    await refused(t, () => t.as(w.treasurerA.token).post(B, { householdId: online.id, choice: "disagree" }), 409, "already_counted");
    // the meeting of the same decision adds its own counts; together they stay within the register
    await refused(t, () => t.as(w.treasurerA.token).post(`${D}/${made.body.id}/tally`, { present: 4, agree: 4, disagree: 0, abstain: 0 }), 422, "counts_exceed_register");
    expect((await t.as(w.treasurerA.token).post(`${D}/${made.body.id}/tally`, { present: 2, agree: 1, disagree: 1, abstain: 0 })).status).to.equal(200);
    const got = await t.as(w.headA.token).get(`${D}/${made.body.id}`);
    expect(got.body).to.deep.include({ ballots: { paper: 1, online: 1 }, counts: { present: 4, agree: 3, disagree: 1, abstain: 0 }, passed: true, threshold: { rule: "more_than_half", needed: 3 } });
    expect(got.body.ballotList.map((b: any) => [b.code, b.channel, b.enteredBy])).to.deep.equal([["H-001", "paper", "treasurer.a"], ["ONL-1", "online", null]]);
    // voting closes: nothing more is counted
    expect((await t.as(w.treasurerA.token).post(`${D}/${made.body.id}/transitions`, { to: "voted" })).status).to.equal(200);
    await refused(t, () => t.as(w.treasurerA.token).post(B, { householdId: ids[1], choice: "agree" }), 409, "decision_voted");
    await refused(t, () => t.as(w.treasurerA.token).post(`${D}/${made.body.id}/tally`, { present: 1, agree: 1, disagree: 0, abstain: 0 }), 409, "decision_voted");
    expect((await t.as().post(`/public/decisions/${made.body.id}/votes`, { householdCode: "H-002", pin: "123456", choice: "agree" })).status).to.equal(409);
    // and the database refuses a ballot after the vote on its own
    let refusedByDb = "";
    await t.db("decision_ballots").insert({ decision_id: made.body.id, unit_id: w.hamletA, household_id: ids[2], choice: "agree", channel: "paper", created_at: "2025-06-15T03:00:00.000Z" }).catch((e: Error) => (refusedByDb = e.message));
    expect(refusedByDb).to.contain("decision_voted");
  });

  it("when a decision or a ballot is sent twice with its Idempotency-Key (a retried form), then it is recorded once", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const [h] = await households(t, w.hamletA, 2);
    const D = `/units/${w.hamletA}/decisions`;
    const send = () => t.as(w.treasurerA.token).post(D, { title: "Phát phiếu", subject: "other", method: "household_ballot", heldOn: TODAY }).set("Idempotency-Key", "quyet-dinh-1");
    const [a, b] = [await send(), await send()];
    expect([a.status, b.status, b.body.id]).to.deep.equal([201, 201, a.body.id]);
    const ballot = () => t.as(w.treasurerA.token).post(`${D}/${a.body.id}/ballots`, { householdId: h, choice: "agree" }).set("Idempotency-Key", "phieu-1");
    const [x, y] = [await ballot(), await ballot()];
    expect([x.status, y.status, y.body.counts.agree]).to.deep.equal([201, 201, 1]);
    expect((await t.as(w.treasurerA.token).get(D)).body.data).to.have.length(1);
  });

  it("when someone guesses a household's PIN to vote online, then they are held back like on the other PIN routes, even with the right PIN", async function () {
    this.timeout(60_000); // six PIN checks (scrypt) and a world: slow on a busy machine
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const h = await issuePinForTests(t, w.hamletA, "ONL-9");
    const made = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/decisions`, { title: "Trực tuyến", subject: "other", method: "online", heldOn: TODAY });
    const vote = (pin: string) => t.as().post(`/public/decisions/${made.body.id}/votes`, { householdCode: h.code, pin, choice: "agree" });
    const wrong = h.pin === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect((await vote(wrong)).body.code).to.equal("invalid_pin");
    const held = await vote(h.pin);
    expect(held.status).to.equal(429);
    expect(Number(held.headers["retry-after"])).to.be.greaterThan(0);
    expect(await t.db("decision_ballots").count({ n: "*" }).first()).to.deep.equal({ n: t.dialect === "postgres" ? "0" : 0 });
    // the public sees what is decided, never who voted how
    const seen = await t.as().get(`/public/decisions/${made.body.id}`);
    expect(seen.body).to.deep.equal({ id: made.body.id, unitName: "Thôn Đồng Tâm", title: "Trực tuyến", subject: "other", heldOn: TODAY, open: true });
  });

  it("counts the register as it was on the day: households registered later, moved in later or deactivated before are not counted", async () => {
    const t = await testApp();
    const w = await world(t, { only: [] });
    const ids = await households(t, w.hamletA, 3);
    const gone = (await households(t, w.hamletA, 1, "GONE"))[0];
    const movedIn = (await households(t, w.hamletB, 1, "IN"))[0];
    const system = () => systemActor(t.clock.now().toISOString(), "test");
    await t.db.transaction((trx) => updateHousehold(trx, system(), w.hamletA, gone, { isActive: false }));
    t.clock.set("2025-06-20T03:00:00.000Z");
    await households(t, w.hamletA, 2, "LATE");
    await t.db.transaction(async (trx) => {
      // moved out of A and deactivated after the 15th: still counted on the 15th in A
      await moveHousehold(trx, system(), w.hamletA, ids[0], { toUnitId: w.hamletB });
      await updateHousehold(trx, system(), w.hamletA, ids[1], { isActive: false });
      // moved into A after the 15th: counted in A from then on
      await moveHousehold(trx, system(), w.hamletB, movedIn, { toUnitId: w.hamletA });
    });
    const on = (day: string) => householdsOn(t.db, w.hamletA, day);
    expect((await on("2025-06-15")).sort()).to.deep.equal([...ids].sort());
    // ids[2], the two registered late and the one moved in; not ids[0] (moved out), ids[1] nor GONE (inactive)
    expect((await on("2025-06-20")).length).to.equal(4);
    expect(await householdsOn(t.db, w.hamletB, "2025-06-15")).to.deep.equal([movedIn]);
  });
});

import { expect } from "chai";
import { fromDb } from "../../src/shared/money";
import { systemActor } from "../../src/identity";
import { postEntries } from "../../src/ledger";
import { rowCounts, testApp, TestApp } from "../helpers/app";
import { refused } from "../helpers/refused";
import { user, world, World } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { cash, fixtureInspection, fixtureWork, work } from "../helpers/given-works";
import { checkLedgerInvariants } from "../helpers/invariants";

// Every payment passes its approver (DESIGN §2, §6), tried as an attacker would: money out of cash
// or bank into costs above the unit's threshold (5,000,000 by default) goes only through a draft
// voucher a second person approves; splitting it does not help; the database refuses it too.

/** Hamlet A with 100,000,000 in cash and a work (accounts 8011-8014). */
async function books(t: TestApp, w: Pick<World, "hamletA" | "treasurerA">) {
  await cash(t, w.hamletA, "100000000");
  const wk = await work(t, w);
  return { work: wk, materials: wk.accounts.find((a) => a.category === "materials")!.code };
}

const payment = (account: string, amount: string, extra: Record<string, unknown> = {}) => ({
  date: "2025-06-10", kind: "expense", description: "Chi mua xi măng", postings: [{ account, amount }, { account: "111", amount: `-${amount}` }], ...extra,
});

describe("security: every payment passes its approver", () => {
  it("when a treasurer posts 20,000,000 from cash to an expense through the raw entry route, then it is 422 approval_required and nothing is written; up to the threshold it posts", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const { work: wk, materials } = await books(t, w);
    const tr = t.as(w.treasurerA.token);
    const U = `/units/${w.hamletA}`;
    const body = await refused(t, () => tr.post(`${U}/entries`, payment(materials, "20000000")), 422, "approval_required");
    expect(body).to.include({ amount: "20000000", threshold: "5000000" });
    // The kind is no disguise, an advance (141) is no way round, and a bank payment is the same.
    await refused(t, () => tr.post(`${U}/entries`, payment(materials, "20000000", { kind: "transfer" })), 422, "approval_required");
    await refused(t, () => tr.post(`${U}/entries`, payment("141", "20000000")), 422, "approval_required");
    await refused(t, () => tr.post(`${U}/entries`, { ...payment(materials, "6000000"), postings: [{ account: materials, amount: "6000000" }, { account: "112", amount: "-6000000" }] }), 422, "approval_required");
    // With an Idempotency-Key the entry goes its own way (not the group commit): refused the same.
    await refused(t, () => tr.post(`${U}/entries`, payment(materials, "20000000")).set("Idempotency-Key", "k-1"), 422, "approval_required");
    const ok = await tr.post(`${U}/entries`, payment(materials, "5000000"));
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    // The work's public spent and its public list agree: the raw payment shows in both.
    const page = (await t.as().get(`/public/works/${wk.id}`)).body;
    expect(page.budget.totals.spent).to.equal("5000000");
    expect(page.expenses.map((e: any) => [e.voucherNo, e.amount])).to.deep.equal([[ok.body.voucherNo, "5000000"]]);
    await checkLedgerInvariants(t.db);
  });

  it("when a batch holds one payment above the threshold among small ones, then the whole batch is 422 approval_required naming that entry and nothing is written", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const { materials } = await books(t, w);
    const entries = [payment(materials, "100000"), payment(materials, "7000000"), payment(materials, "200000")];
    const body = await refused(t, () => t.as(w.treasurerA.token).post(`/units/${w.hamletA}/entries/batch`, { entries }), 422, "approval_required");
    expect(body.entry).to.equal(1);
  });

  it("when payments naming one work are split below the threshold through the raw route, then the one that passes it within 30 days is 422 split_payment; one 30 days apart posts", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const { work: wk, materials } = await books(t, w);
    const tr = t.as(w.treasurerA.token);
    const U = `/units/${w.hamletA}`;
    expect((await tr.post(`${U}/entries`, payment(materials, "3000000", { workId: wk.id, date: "2025-05-01" }))).status).to.equal(201);
    await refused(t, () => tr.post(`${U}/entries`, payment(materials, "3000000", { workId: wk.id, date: "2025-05-20" })), 422, "split_payment");
    // back-dated does not escape, nor do two pieces in one batch
    await refused(t, () => tr.post(`${U}/entries`, payment(materials, "3000000", { workId: wk.id, date: "2025-04-10" })), 422, "split_payment");
    await refused(t, () => tr.post(`${U}/entries/batch`, { entries: [payment(materials, "2500000", { workId: wk.id, date: "2025-06-05" }), payment(materials, "2500001", { workId: wk.id, date: "2025-06-06" })] }), 422, "split_payment");
    expect((await tr.post(`${U}/entries`, payment(materials, "3000000", { workId: wk.id, date: "2025-05-31" }))).status).to.equal(201);
  });

  it("when vouchers to one payee on one work pass the threshold together within 30 days, then the one that passes it is a draft a head approves; another payee's posts", async () => {
    const t = await testApp({ now: "2025-08-01T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const { work: wk } = await books(t, w);
    const tr = t.as(w.treasurerA.token);
    const url = `/units/${w.hamletA}/works/${wk.id}/expenses`;
    const v = (amount: string, payee: string, date = "2025-06-01") => ({ category: "materials", amount, date, payee, description: "Xi măng", method: "cash" });
    expect((await tr.post(url, v("3000000", "Cửa hàng VLXD Hòa Phát"))).body.status).to.equal("posted");
    expect((await tr.post(url, v("1000000", "Công ty Đá Tân Linh"))).body.status).to.equal("posted");
    // the same payee typed another way: case, spacing and combining marks do not make a new one
    const second = await tr.post(url, v("2500000", "cửa hàng  VLXD hòa phát".normalize("NFD"), "2025-06-20"));
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
    expect(second.body).to.deep.equal({ id: second.body.id, status: "draft", approvalReason: "split_payment" });
    const approved = await t.as(w.headA.token).post(`/units/${w.hamletA}/expenses/${second.body.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.status).to.equal("posted");
    // 24 days after the first piece and 5 after the second: one more piece of the same payment
    expect((await tr.post(url, v("100000", "Cửa hàng VLXD Hòa Phát", "2025-06-25"))).body.status).to.equal("draft");
    // 31 days after the second piece, it stands alone again
    expect((await tr.post(url, v("100000", "Cửa hàng VLXD Hòa Phát", "2025-07-21"))).body.status).to.equal("posted");
    await checkLedgerInvariants(t.db);
  });

  it("when a head records a voucher above the threshold, then they cannot approve it; another head of the hamlet or the commune's admin can; a treasurer's draft the commune's admin cannot", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "headA"] });
    const { work: wk } = await books(t, w);
    const url = `/units/${w.hamletA}/works/${wk.id}/expenses`;
    const v = (payee: string) => ({ category: "materials", amount: "7000000", date: "2025-06-01", payee, description: "Xi măng", method: "cash" });
    const byHead = await t.as(w.headA.token).post(url, v("Nhà thầu A"));
    expect(byHead.body.status).to.equal("draft");
    const approve = (token: string, id: number) => t.as(token).post(`/units/${w.hamletA}/expenses/${id}/approve`);
    await refused(t, () => approve(w.headA.token, byHead.body.id), 403, "maker_checker");
    await refused(t, () => approve(w.treasurerA.token, byHead.body.id), 403, "forbidden");
    const byHead2 = await t.as(w.headA.token).post(url, v("Nhà thầu B"));
    const ok = await approve(w.communeAdmin.token, byHead.body.id);
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body.status).to.equal("posted");
    const head2 = await user(t, "head.a2", { role: "head", unitId: w.hamletA });
    expect((await approve(head2.token, byHead2.body.id)).status).to.equal(200);
    // an admin of the hamlet itself is not a second pair of eyes from above
    const adminA = await user(t, "admin.a", { role: "admin", unitId: w.hamletA });
    const byHead3 = await t.as(w.headA.token).post(url, v("Nhà thầu C"));
    await refused(t, () => approve(adminA.token, byHead3.body.id), 403, "forbidden");
    const byTreasurer = await t.as(w.treasurerA.token).post(url, v("Nhà thầu D"));
    await refused(t, () => approve(w.communeAdmin.token, byTreasurer.body.id), 403, "forbidden");
    const list = await t.as(w.treasurerA.token).get(url);
    const decided = list.body.data.filter((e: any) => e.status === "posted");
    expect(decided.map((e: any) => e.payee).sort()).to.deep.equal(["Nhà thầu A", "Nhà thầu B"]);
    await checkLedgerInvariants(t.db);
  });

  it("when code that skips the checks posts a payment above the threshold with no approved voucher, then the database refuses it on its own", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const { work: wk, materials } = await books(t, w);
    const actor = systemActor(t.clock.now().toISOString(), "test");
    // postEntries checks the poster's role, not a work's approvals (works checks those first); the database does.
    const post = (amount: number, workId: number | null, kind: "expense" | "adjustment" = "expense") =>
      t.db.transaction((trx) =>
        postEntries(trx, actor, w.hamletA, [{ date: "2025-06-10", kind, description: "Chi", workId, postings: [{ account: materials, amount: fromDb(amount) }, { account: "111", amount: fromDb(-amount) }] }]),
      );
    const before = await rowCounts(t.db);
    for (const [amount, workId, kind] of [[20_000_000, wk.id, "expense"], [20_000_000, null, "expense"], [5_000_001, wk.id, "adjustment"]] as const) {
      let err: any;
      await post(amount, workId, kind).catch((e) => (err = e));
      expect(err, `${amount} ${kind}`).to.not.equal(undefined);
      expect(String(err.message), `${amount} ${kind}`).to.match(/approval_required/);
    }
    expect(await rowCounts(t.db)).to.deep.equal(before);
    await post(5_000_000, wk.id); // the threshold itself needs no approval
    // a unit's own threshold is what the database reads
    await t.db("units").where({ id: w.hamletA }).update({ approval_threshold: 30_000_000 });
    await post(20_000_000, wk.id);
    await checkLedgerInvariants(t.db);
  });

  it("when code that skips the checks writes another unit's household, campaign or work into an entry, an exemption or a work's funding, or moves a board's inspection out of its oversight, then the database refuses each", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "treasurerB", "inspector"] });
    await cash(t, w.hamletA, "1000000");
    const hB = await household(t, w, "TP-1", {}, w.hamletB, w.treasurerB.token);
    const cB = await campaign(t, w, {}, w.hamletB, w.treasurerB.token);
    const wB = await fixtureWork(t, w, w.hamletB, 1);
    const wA = await fixtureWork(t, w, w.hamletA, 2);
    const inspection = await fixtureInspection(t, w, { unitId: w.hamletA });
    const actor = systemActor(t.clock.now().toISOString(), "test");
    const before = await rowCounts(t.db);
    const attempts: [string, () => Promise<unknown>][] = [
      ["entry household", () => t.db.transaction((trx) => postEntries(trx, actor, w.hamletA, [{ date: "2025-06-10", kind: "adjustment", description: "x", householdId: hB.id, postings: [{ account: "111", amount: fromDb(1) }, { account: "338", amount: fromDb(-1) }] }]))],
      ["entry campaign", () => t.db.transaction((trx) => postEntries(trx, actor, w.hamletA, [{ date: "2025-06-10", kind: "adjustment", description: "x", campaignId: cB.id, postings: [{ account: "111", amount: fromDb(1) }, { account: "338", amount: fromDb(-1) }] }]))],
      ["entry work", () => t.db.transaction((trx) => postEntries(trx, actor, w.hamletA, [{ date: "2025-06-10", kind: "adjustment", description: "x", workId: wB.id, postings: [{ account: "111", amount: fromDb(1) }, { account: "338", amount: fromDb(-1) }] }]))],
      ["funding line", () => t.db("work_lines").insert({ work_id: wA.id, unit_id: w.hamletA, kind: "funding", category: "community", amount: 1, campaign_id: cB.id })],
      ["campaign's work", () => t.db("campaigns").where({ unit_id: w.hamletB }).update({ work_id: wA.id })],
      ["exemption", () => t.db("exemptions").insert({ unit_id: w.hamletA, campaign_id: cB.id, household_id: hB.id, reason: "x", created_at: actor.at })],
      // the world's board oversees hamlet A only
      ["inspection moved to hamlet B", () => t.db("inspections").where({ id: inspection.id }).update({ unit_id: w.hamletB })],
    ];
    for (const [what, attempt] of attempts) {
      let err: any;
      await attempt().catch((e) => (err = e));
      expect(err, what).to.not.equal(undefined);
      expect(String(err.message), what).to.match(/not_found: (household|campaign|work|board)/);
    }
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });
});

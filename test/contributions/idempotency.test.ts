import { expect } from "chai";
import { rowCounts, testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";

// A form retried after its answer was lost (a weak signal) records once. The web app's
// exemption, in-kind and reversal forms send an Idempotency-Key; these routes honour it.

/** Hamlet A with households DT-001 and DT-002 and a campaign valuing labour, and its treasurer's API. */
async function setUp() {
  const t = await testApp();
  const w = await world(t, { only: ["treasurerA"] });
  const [a, b] = [await household(t, w, "DT-001"), await household(t, w, "DT-002")];
  const c = await campaign(t, w, { inKindValues: { labour: "150000" } });
  return { t, api: t.as(w.treasurerA.token), U: `/units/${w.hamletA}`, a, b, c };
}

describe("contributions: exemptions, in-kind and reversals honour Idempotency-Key", () => {
  it("when an exemption is sent twice with one key, then it is recorded once and the first answer comes back", async () => {
    const { t, api, U, a, c } = await setUp();
    const exemption = { householdId: a.id, campaignId: c.id, reason: "Hộ nghèo năm 2025" };
    const e1 = await api.post(`${U}/exemptions`, exemption).set("Idempotency-Key", "mien-1");
    expect(e1.status, JSON.stringify(e1.body)).to.equal(201);
    const e2 = await api.post(`${U}/exemptions`, exemption).set("Idempotency-Key", "mien-1");
    expect(e2.status).to.equal(201);
    expect(e2.body).to.deep.equal(e1.body);
    expect(await t.db("exemptions").where({ campaign_id: c.id })).to.have.length(1);
  });

  it("when an in-kind gift is sent twice with one key, then it is recorded once; another gift with that key is 409", async () => {
    const { t, api, U, b, c } = await setUp();
    const gift = { householdId: b.id, campaignId: c.id, kind: "labour", quantity: "2.5", unit: "ngày công", description: "Đổ bê tông đoạn 1", date: "2025-03-01" };
    const k1 = await api.post(`${U}/in-kind`, gift).set("Idempotency-Key", "cong-1");
    expect(k1.status, JSON.stringify(k1.body)).to.equal(201);
    expect(k1.body.value).to.equal("375000");
    const before = await rowCounts(t.db);
    const k2 = await api.post(`${U}/in-kind`, gift).set("Idempotency-Key", "cong-1");
    expect(k2.status).to.equal(201);
    expect(k2.body).to.deep.equal(k1.body);
    expect(await rowCounts(t.db)).to.deep.equal(before);
    // the same key with another body is refused, not recorded
    const other = await api.post(`${U}/in-kind`, { ...gift, quantity: "3" }).set("Idempotency-Key", "cong-1");
    expect(other.status).to.equal(409);
    expect(other.body.code).to.equal("idempotency_conflict");
  });

  it("when a reversal is sent twice with one key, then it is recorded once; without the key a second one is still refused", async () => {
    const { t, api, U, b, c } = await setUp();
    const paid = await api.post(`${U}/contributions`, { householdId: b.id, campaignId: c.id, amount: "500000", date: "2025-03-02", method: "cash" });
    const row = await t.db("contributions").where({ entry_id: paid.body.entry.id }).first();
    const reversal = { date: "2025-03-03", reason: "Ghi nhầm số tiền" };
    const r1 = await api.post(`${U}/contributions/${row.id}/reversal`, reversal).set("Idempotency-Key", "dao-1");
    expect(r1.status, JSON.stringify(r1.body)).to.equal(201);
    expect(r1.body.reverses).to.equal(paid.body.entry.id);
    const r2 = await api.post(`${U}/contributions/${row.id}/reversal`, reversal).set("Idempotency-Key", "dao-1");
    expect(r2.status).to.equal(201);
    expect(r2.body).to.deep.equal(r1.body);
    const r3 = await api.post(`${U}/contributions/${row.id}/reversal`, reversal);
    expect(r3.status).to.equal(409);
    expect(r3.body.code).to.equal("already_reversed");
  });

  it("when someone else reuses a treasurer's key in her unit, then they get their own refusal or a conflict, never her answer, and nothing is written", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "treasurerB"] });
    const U = `/units/${w.hamletA}`;
    const hh = await household(t, w, "DT-001");
    const c = await campaign(t, w);
    const receipt = { householdId: hh.id, campaignId: c.id, amount: "200000", date: "2025-06-01", method: "cash" };
    const first = await t.as(w.treasurerA.token).post(`${U}/contributions`, receipt).set("Idempotency-Key", "thu-1");
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    const before = await rowCounts(t.db);
    // hamlet B's treasurer has no access to hamlet A: the same answer as without a key
    const outsider = await t.as(w.treasurerB.token).post(`${U}/contributions`, receipt).set("Idempotency-Key", "thu-1");
    const unkeyed = await t.as(w.treasurerB.token).post(`${U}/contributions`, receipt);
    expect([outsider.status, outsider.body.code]).to.deep.equal([unkeyed.status, unkeyed.body.code]);
    expect(outsider.status).to.be.oneOf([403, 404]);
    // the commune's admin may record there, but the key is the treasurer's: a conflict, nothing recorded
    const admin = await t.as(w.communeAdmin.token).post(`${U}/contributions`, receipt).set("Idempotency-Key", "thu-1");
    expect([admin.status, admin.body.code]).to.deep.equal([409, "idempotency_conflict"]);
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });
});

import { expect } from "chai";
import { rowCounts, testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { cash, work } from "../helpers/given-works";
import { checkLedgerInvariants } from "../helpers/invariants";

// The web app's payment voucher and advance forms send an Idempotency-Key, so a double tap
// or a retry after the answer was lost (a weak signal) pays once; these routes honour it.

const voucher = { category: "materials", amount: "1500000", date: "2025-06-02", payee: "Cửa hàng VLXD Hòa Phát", description: "Xi măng PCB40", method: "cash" };
const advance = { amount: "2000000", date: "2025-06-03", payee: "Tổ thợ ông Tâm", description: "Tạm ứng nhân công", method: "cash" };

/** Hamlet A with cash and a work, and its treasurer's API at the work's address. */
async function setUp() {
  const t = await testApp();
  const w = await world(t, { only: ["treasurerA"] });
  await cash(t, w.hamletA, "20000000");
  const a = await work(t, w);
  return { t, a, tr: t.as(w.treasurerA.token), W: `/units/${w.hamletA}/works/${a.id}` };
}

describe("works: payment vouchers and advances honour Idempotency-Key", () => {
  it("when a voucher is sent twice with one key, then it is recorded once and the first answer comes back; another body with that key is 409", async () => {
    const { t, tr, W } = await setUp();
    const p1 = await tr.post(`${W}/expenses`, voucher).set("Idempotency-Key", "chi-1");
    expect(p1.status, JSON.stringify(p1.body)).to.equal(201);
    expect(p1.body).to.include({ status: "posted", voucherNo: "PC-2025-000001" });
    const before = await rowCounts(t.db);
    const p2 = await tr.post(`${W}/expenses`, voucher).set("Idempotency-Key", "chi-1");
    expect(p2.status).to.equal(201);
    expect(p2.body).to.deep.equal(p1.body);
    expect(await rowCounts(t.db)).to.deep.equal(before);

    const other = await tr.post(`${W}/expenses`, { ...voucher, amount: "1600000" }).set("Idempotency-Key", "chi-1");
    expect(other.status).to.equal(409);
    expect(other.body.code).to.equal("idempotency_conflict");
    await checkLedgerInvariants(t.db);
  });

  it("when a draft above the threshold is sent twice at once with one key, then it is one draft and both get it", async () => {
    const { t, a, tr, W } = await setUp();
    const big = { ...voucher, amount: "6000000" };
    const [d1, d2] = await Promise.all([
      tr.post(`${W}/expenses`, big).set("Idempotency-Key", "chi-2"),
      tr.post(`${W}/expenses`, big).set("Idempotency-Key", "chi-2"),
    ]);
    expect([d1.status, d2.status], JSON.stringify([d1.body, d2.body])).to.deep.equal([201, 201]);
    expect(d2.body).to.deep.equal(d1.body);
    expect(d1.body.status).to.equal("draft");
    expect(await t.db("expenses").where({ work_id: a.id, status: "draft" })).to.have.length(1);
  });

  it("when an advance is sent twice with one key, then it is recorded once and the first answer comes back", async () => {
    const { t, a, tr, W } = await setUp();
    const a1 = await tr.post(`${W}/advances`, advance).set("Idempotency-Key", "ung-1");
    expect(a1.status, JSON.stringify(a1.body)).to.equal(201);
    const a2 = await tr.post(`${W}/advances`, advance).set("Idempotency-Key", "ung-1");
    expect(a2.body).to.deep.equal(a1.body);
    expect(await t.db("expenses").where({ work_id: a.id, kind: "advance" })).to.have.length(1);
    await checkLedgerInvariants(t.db);
  });

  it("when a voucher is refused, then its key is not spent: the same key sent again once the rule allows it records", async () => {
    const { t, tr, W } = await setUp();
    expect((await tr.post(`${W}/advances`, advance)).status).to.equal(201);
    const tooMuch = { ...voucher, category: "labour", amount: "2500000", method: "advance" };
    const r1 = await tr.post(`${W}/expenses`, tooMuch).set("Idempotency-Key", "chi-3");
    expect(r1.status).to.equal(422);
    expect(r1.body.code).to.equal("advance_exceeded");
    const r2 = await tr.post(`${W}/expenses`, { ...tooMuch, amount: "2000000" }).set("Idempotency-Key", "chi-3");
    expect(r2.status, JSON.stringify(r2.body)).to.equal(201);
    await checkLedgerInvariants(t.db);
  });
});

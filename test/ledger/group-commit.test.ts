import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { checkLedgerInvariants } from "../helpers/invariants";

// Single entries arriving together for one unit are posted in one transaction (group commit);
// each request still gets exactly the answer it would have had alone.

const receipt = (i: number, account = "111") => ({
  date: "2025-03-01",
  kind: "contribution",
  description: `Thu đóng góp - hộ DT-${String(i).padStart(3, "0")}`,
  postings: [{ account, amount: "500000" }, { account: "711", amount: "-500000" }],
});

async function setup() {
  const t = await testApp();
  const w = await world(t, { only: ["communeAdmin", "treasurerA", "headA"] });
  const U = `/units/${w.hamletA}`;
  expect((await t.as(w.treasurerA.token).post(`${U}/accounts`, { code: "711", name: "Thu đóng góp", type: "revenue" })).status).to.equal(201);
  return { t, w, U };
}

describe("ledger: entries arriving together", () => {
  it("when 24 receipts from two posters arrive at once, then each is posted once, in a gapless chain, with its own poster and audit record", async () => {
    const { t, w, U } = await setup();
    let auditInserts = 0;
    t.db.on("query", (q: { sql: string }) => {
      if (/^insert into .audit_events/i.test(q.sql)) auditInserts++;
    });
    const posters = [w.treasurerA, w.communeAdmin];
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => t.as(posters[i % 2].token).post(`${U}/entries`, receipt(i))));
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).to.equal(201);
    expect(answers.map((a) => a.body.seq).sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(answers.map((a) => a.body.voucherNo).sort()).to.deep.equal(Array.from({ length: 24 }, (_, i) => `PT-2025-${String(i + 1).padStart(6, "0")}`));
    answers.forEach((a, i) => {
      expect(a.body.createdBy).to.equal(posters[i % 2].id);
      expect(a.body.description).to.equal(`Thu đóng góp - hộ DT-${String(i).padStart(3, "0")}`);
    });
    const audits = await t.db("audit_events").where({ action: "entry.posted" }).select("entity_id", "actor_id", "request_id");
    expect(audits).to.have.length(24);
    expect(new Set(audits.map((a) => a.request_id)).size).to.equal(24);
    for (const a of answers) expect(audits.find((x) => String(x.entity_id) === String(a.body.id))?.actor_id).to.equal(a.body.createdBy);
    // They were grouped: fewer audit statements than entries (one per transaction).
    expect(auditInserts).to.be.below(24);
    expect((await t.as(w.headA.token).get(`${U}/ledger/verify`)).body).to.include({ ok: true, entries: 24 });
    await checkLedgerInvariants(t.db);
  });

  it("when one receipt of those arriving together names an inactive account, then only it is refused, with the answer it would have alone", async () => {
    const { t, w, U } = await setup();
    expect((await t.as(w.treasurerA.token).patch(`${U}/accounts/112`, { isActive: false })).status).to.equal(200);
    const alone = await t.as(w.treasurerA.token).post(`${U}/entries`, receipt(99, "112"));
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => t.as(w.treasurerA.token).post(`${U}/entries`, receipt(i, i === 5 ? "112" : "111"))));
    expect(answers[5].status).to.equal(alone.status).and.to.be.within(400, 499);
    expect(answers[5].body).to.deep.include({ code: alone.body.code, detail: alone.body.detail });
    expect(answers[5].body.errors ?? null).to.deep.equal(alone.body.errors ?? null);
    const ok = answers.filter((_, i) => i !== 5);
    for (const a of ok) expect(a.status, JSON.stringify(a.body)).to.equal(201);
    expect(ok.map((a) => a.body.seq).sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(await t.db("audit_events").where({ action: "entry.posted" }).count({ n: "*" }).first()).to.satisfy((r: { n: number | string }) => Number(r.n) === 11);
    await checkLedgerInvariants(t.db);
  });
});

import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";

const receipt = (i: number) => ({
  date: "2025-03-01",
  kind: "contribution",
  description: `Thu đóng góp - hộ DT-${String(i).padStart(3, "0")}`,
  postings: [{ account: "111", amount: "500000" }, { account: "711", amount: "-500000" }],
});

describe("ledger: batch answers", () => {
  it("when a loader prefers a minimal answer, then it gets the count, the first and the last entry, and every entry is posted", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const U = `/units/${w.hamletA}`;
    const api = t.as(w.treasurerA.token);
    expect((await api.post(`${U}/accounts`, { code: "711", name: "Thu đóng góp", type: "revenue" })).status).to.equal(201);
    const entries = Array.from({ length: 30 }, (_, i) => receipt(i));
    const r = await api.post(`${U}/entries/batch`, { entries }).set("Prefer", "return=minimal");
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.headers["preference-applied"]).to.equal("return=minimal");
    expect(r.body.count).to.equal(30);
    expect(r.body).to.not.have.property("data");
    expect(r.body.first).to.include({ seq: 1, voucherNo: "PT-2025-000001" });
    expect(r.body.last).to.include({ seq: 30, voucherNo: "PT-2025-000030" });
    const head = (await t.as(w.headA.token).get(`${U}/ledger/verify`)).body;
    expect(head).to.deep.include({ ok: true, entries: 30 });
    expect(r.body.last.hash).to.equal(head.head.hash);
    const last = await api.get(`${U}/entries/${r.body.last.id}`);
    expect(last.body).to.include({ seq: 30, description: "Thu đóng góp - hộ DT-029" });
    // Without the preference, the whole entries come back as before.
    const full = await api.post(`${U}/entries/batch`, { entries: entries.slice(0, 2) });
    expect(full.status).to.equal(201);
    expect(full.headers).to.not.have.property("preference-applied");
    expect(full.body.data.map((e: { seq: number }) => e.seq)).to.deep.equal([31, 32]);
  });
});

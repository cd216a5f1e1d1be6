import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { work } from "../helpers/given-works";

// Received per source is only what the ledger ties to the work through a funding line's campaign:
// its cash and bank receipts for `community`, its valued in-kind gifts for `in_kind`.

describe("works: budget — what each funding source has received", () => {
  it("when a funding line's campaign takes a receipt and a valued in-kind gift, then community received is the receipt and in_kind the gift's value; other sources stay planned only", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const api = t.as(w.treasurerA.token);
    const hh = await household(t, w, "DT-001");
    const c = await campaign(t, w, { inKindValues: { labour: "150000" } });
    const a = await work(t, w, {
      funding: [
        { source: "community", amount: "50000000", campaignId: c.id },
        { source: "in_kind", amount: "3000000", campaignId: c.id },
        { source: "commune", amount: "30000000" },
      ],
    });
    const r = await api.post(`/units/${w.hamletA}/contributions`, { householdId: hh.id, campaignId: c.id, amount: "1200000", method: "cash", date: "2025-03-01" });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    const g = await api.post(`/units/${w.hamletA}/in-kind`, { householdId: hh.id, campaignId: c.id, kind: "labour", quantity: "2", unit: "ngày công", description: "Góp 2 ngày công", date: "2025-03-01" });
    expect(g.status, JSON.stringify(g.body)).to.equal(201);

    const b = await api.get(`/units/${w.hamletA}/works/${a.id}/budget`);
    expect(b.status, JSON.stringify(b.body)).to.equal(200);
    expect(b.body.bySource.map((s: { source: string; planned: string; received: string }) => [s.source, s.planned, s.received])).to.deep.equal([
      ["commune", "30000000", "0"],
      ["community", "50000000", "1200000"],
      ["in_kind", "3000000", "300000"],
    ]);
    expect(b.body.totals.received).to.equal("1500000");
  });
});

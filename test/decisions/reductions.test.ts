import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { refused } from "../helpers/refused";

// Voluntary means voluntary (law.md L9): the community may lower what it suggests to a household in
// hardship, with its reason; the campaign's summary and list and the household's standing show it
// beside exemptions.

describe("contributions: reductions", () => {
  it("when a household's suggested amount is reduced with a reason, then the list, the summary and its history show the lower amount and why", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const c = await campaign(t, w, { level: { amount: "1000000", per: "household" }, exemptCategories: ["poor"] });
    const a = await household(t, w, "DT-001");
    const b = await household(t, w, "DT-002");
    const poor = await household(t, w, "DT-003", { category: "poor" });
    const R = `/units/${w.hamletA}/reductions`;
    const reduce = (extra: Record<string, unknown>) => () => t.as(w.treasurerA.token).post(R, { householdId: a.id, campaignId: c.id, suggestedAmount: "300000", reason: "Chủ hộ ốm dài ngày, họp thôn thống nhất giảm", ...extra });
    await refused(t, reduce({ suggestedAmount: "1000000" }), 422, "reduction_not_lower");
    await refused(t, reduce({ householdId: poor.id }), 422, "household_exempt");
    await refused(t, () => t.as(w.headA.token).post(R, { householdId: a.id, campaignId: c.id, suggestedAmount: "300000", reason: "x" }), 403, "forbidden");
    const made = await reduce({})();
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.body).to.include({ householdId: a.id, suggestedAmount: "300000" });
    await refused(t, reduce({ suggestedAmount: "200000" }), 409, "duplicate");

    const list = await t.as(w.headA.token).get(`/units/${w.hamletA}/campaigns/${c.id}/contributions`);
    const row = (id: number) => list.body.data.find((r: any) => r.householdId === id);
    expect(row(a.id)).to.include({ suggested: "300000", reductionReason: "Chủ hộ ốm dài ngày, họp thôn thống nhất giảm", exempt: false, status: "notYet" });
    expect(row(b.id)).to.include({ suggested: "1000000", reductionReason: null });
    expect(row(poor.id)).to.include({ suggested: "0", exempt: true });
    expect(list.body.totals.suggested).to.equal("1300000");
    const summary = await t.as(w.headA.token).get(`/units/${w.hamletA}/campaigns/${c.id}/summary`);
    expect(summary.body).to.deep.include({ reduced: 1, households: { paid: 0, pledged: 0, exempt: 1, notYet: 2 } });
    const history = await t.as(w.headA.token).get(`/units/${w.hamletA}/households/${a.id}/history`);
    expect(history.body.campaigns.map((x: any) => [x.campaignId, x.reduction])).to.deep.equal([[c.id, { suggested: "300000", reason: "Chủ hộ ốm dài ngày, họp thôn thống nhất giảm" }]]);
  });
});

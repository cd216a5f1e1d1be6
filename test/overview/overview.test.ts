import { expect } from "chai";
import { testApp, TestApp } from "../helpers/app";
import { user, world } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { cash, fixtureFinding, fixtureInspection, work } from "../helpers/given-works";
import { systemActor } from "../../src/identity";
import { setUpUnit } from "../../src/modules";

// A commune's view of its hamlets and a province's dashboard: what was received per campaign, paid
// per work, the findings still open and the publications past their publish-by date, per hamlet
// and per commune; and who may read them.

const draftBody = (from: string, to: string) => ({ statement: { kind: "trial-balance", params: { from, to } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-31" });

async function receipt(t: TestApp, token: string, unitId: number, householdId: number, campaignId: number, amount: string) {
  const r = await t.as(token).post(`/units/${unitId}/contributions`, { householdId, campaignId, amount, date: "2025-06-10", method: "cash" });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
}

/** Hamlet A: two receipts on a campaign, a paid voucher on a work, a critical finding past due, a late draft; hamlet B: one receipt. */
async function tree() {
  // Everyone signs in on the day the overview is read; what it shows was recorded earlier.
  const t = await testApp({ now: "2025-07-02T03:00:00.000Z" });
  const w = await world(t, { only: ["root", "communeAdmin", "treasurerA", "headA", "treasurerB", "inspector"] });
  t.clock.set("2025-06-15T03:00:00.000Z");
  const A = w.hamletA, B = w.hamletB;
  const ha1 = await household(t, w, "HA-001");
  const ha2 = await household(t, w, "HA-002");
  const hb1 = await household(t, w, "HB-001", {}, B, w.treasurerB.token);
  const ca = await campaign(t, w);
  const cb = await campaign(t, w, { name: "Quỹ khuyến học 2025" }, B, w.treasurerB.token);
  await receipt(t, w.treasurerA.token, A, ha1.id, ca.id, "300000");
  await receipt(t, w.treasurerA.token, A, ha2.id, ca.id, "450000");
  await receipt(t, w.treasurerB.token, B, hb1.id, cb.id, "120000");
  await cash(t, A, "20000000");
  const wk = await work(t, w);
  const paid = await t.as(w.treasurerA.token).post(`/units/${A}/works/${wk.id}/expenses`, { category: "materials", amount: "1500000", date: "2025-06-02", payee: "Cửa hàng VLXD Hòa Phát", description: "Xi măng PCB40", method: "cash" });
  expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
  const inspection = await fixtureInspection(t, w, { workId: wk.id });
  await fixtureFinding(t, w, inspection.id, "critical", "2025-06-20");
  await fixtureFinding(t, w, inspection.id, "minor", "2025-07-20");
  const late = await t.as(w.treasurerA.token).post(`/units/${A}/publications`, draftBody("2025-05-01", "2025-05-31"));
  expect(late.status, JSON.stringify(late.body)).to.equal(201);
  t.clock.set("2025-07-02T03:00:00.000Z");
  return { t, w, ca, cb, wk, late: late.body.id as number };
}

describe("overview: a commune's hamlets and a province's communes", () => {
  it("gives the commune each hamlet's campaign and work totals, open findings and late publications", async () => {
    const { t, w, ca, cb, wk, late } = await tree();
    const r = await t.as(w.communeAdmin.token).get(`/units/${w.commune}/overview`);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body).to.include({ level: "commune", asOf: "2025-07-02" });
    const [a, b] = r.body.hamlets;
    expect([a.name, b.name]).to.deep.equal(["Thôn Đồng Tâm", "Thôn Tân Phú"]);
    expect(a.campaigns).to.deep.equal([{ id: ca.id, name: "Bê tông hóa đường thôn 2025", status: "open", received: "750000", unpaid: "0" }]);
    expect(a.works).to.deep.equal([{ id: wk.id, name: "Đường bê tông xóm 3", status: "proposed", progress: 0, estimate: "80000000", spent: "1500000" }]);
    expect(a).to.include({ received: "750000", spent: "1500000", openFindings: 2, criticalFindings: 1, overdueAnswers: 1 });
    expect(a.latePublications).to.deep.equal([{ id: late, kind: "trial-balance", subject: a.latePublications[0].subject, status: "draft", publishBy: "2025-06-13" }]);
    expect(b.campaigns.map((c: { id: number; received: string }) => [c.id, c.received])).to.deep.equal([[cb.id, "120000"]]);
    expect(b).to.include({ received: "120000", spent: "0", openFindings: 0, overdueAnswers: 0 });
    expect(b.latePublications).to.deep.equal([]);
    expect(r.body.totals).to.deep.equal({ received: "870000", unpaid: "0", spent: "1500000", latePublications: 1, openCriticalFindings: 1, overdueAnswers: 1 });
  });

  it("gives the province one line per commune with its totals, late publications, open critical findings and overdue answers", async () => {
    const { t, w, late } = await tree();
    // Published after its publish-by date, it stays late.
    expect((await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${late}/approve`)).status).to.equal(200);
    const r = await t.as(w.root).get(`/units/${w.province}/overview`);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body.level).to.equal("province");
    expect(r.body.communes).to.deep.equal([{
      id: w.commune, code: "c1", name: "Xã Tân Linh", hamlets: 2, households: 3, received: "870000", unpaid: "0", spent: "1500000", works: 1,
      latePublications: 1, openCriticalFindings: 1, overdueAnswers: 1,
    }]);
    expect(r.body.totals).to.deep.equal({ received: "870000", unpaid: "0", spent: "1500000", latePublications: 1, openCriticalFindings: 1, overdueAnswers: 1 });
  });

  it("refuses a hamlet's treasurer and head the commune's overview, and another province's admin both", async () => {
    const { t, w } = await tree();
    expect((await t.as(w.treasurerA.token).get(`/units/${w.commune}/overview`)).status).to.equal(403);
    expect((await t.as(w.treasurerB.token).get(`/units/${w.commune}/overview`)).status).to.equal(403);
    expect((await t.as(w.headA.token).get(`/units/${w.commune}/overview`)).status).to.equal(403);
    expect((await t.as(w.communeAdmin.token).get(`/units/${w.province}/overview`)).status).to.equal(403);
    // The hamlet's head reads its own hamlet, and nothing of hamlet B.
    const own = await t.as(w.headA.token).get(`/units/${w.hamletA}/overview`);
    expect(own.status).to.equal(200);
    expect(own.body.hamlets.map((h: { id: number }) => h.id)).to.deep.equal([w.hamletA]);
    expect((await t.as(w.headA.token).get(`/units/${w.hamletB}/overview`)).status).to.equal(404);

    const actor = systemActor(t.clock.now().toISOString(), "test");
    const other = await t.db.transaction((trx) => setUpUnit(trx, actor, { code: "p2", name: "Tỉnh Khác", kind: "province" }));
    const admin2 = await user(t, "p2.admin", { role: "admin", unitId: other.id });
    expect((await t.as(admin2.token).get(`/units/${w.province}/overview`)).status).to.equal(404);
    expect((await t.as(admin2.token).get(`/units/${w.commune}/overview`)).status).to.equal(404);
    const mine = await t.as(admin2.token).get(`/units/${other.id}/overview`);
    expect(mine.status).to.equal(200);
    expect(mine.body).to.include({ level: "province" });
    expect(mine.body.communes).to.deep.equal([]);
    expect((await t.as(w.communeAdmin.token).get(`/units/${other.id}/overview`)).status).to.equal(404);
  });
});

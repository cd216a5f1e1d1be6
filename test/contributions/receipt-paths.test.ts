import { expect } from "chai";
import { rowCounts, testApp, TestApp } from "../helpers/app";
import { world, WorldOf } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { refused } from "../helpers/refused";

// A receipt or pledge recorded one at a time and the same one read from the treasurer's sheet are
// one thing: the same entry (accounts, amounts, memos, order, description, hash) and the same refusals.

const HEADER = "STT,Mã hộ,Họ và tên chủ hộ,Số tiền (đồng),Ngày nộp,Ghi chú";
const sheet = (...rows: string[]) => Buffer.from([HEADER, ...rows].join("\n") + "\n", "utf8");

interface Place {
  t: TestApp;
  w: WorldOf<"treasurerA" | "headA" | "treasurerB">;
  c: { id: number; revenueAccount: string };
  h: { id: number; code: string };
}

/** A hamlet with an open campaign and household DT-001 (Nguyễn Văn An), identical each time it is built. */
async function place(): Promise<Place> {
  const t = await testApp({ now: "2025-07-01T03:00:00.000Z" });
  const w = await world(t, { only: ["treasurerA", "headA", "treasurerB"] });
  const c = await campaign(t, w, { startDate: "2025-02-01" });
  const h = await household(t, w, "DT-001", { headName: "Nguyễn Văn An" });
  return { t, w, c, h };
}

const preview = (p: Place, bytes: Buffer) =>
  p.t.api.post(`/api/v1/units/${p.w.hamletA}/campaigns/${p.c.id}/imports`).set("Authorization", `Bearer ${p.w.treasurerA.token}`).attach("file", bytes, "thu.csv");
const commit = (p: Place, importId: number) => p.t.as(p.w.treasurerA.token).post(`/units/${p.w.hamletA}/campaigns/${p.c.id}/imports/${importId}/commit`);

async function imported(p: Place, bytes: Buffer) {
  const pre = await preview(p, bytes);
  expect(pre.status, JSON.stringify(pre.body)).to.equal(201);
  expect(pre.body.valid, JSON.stringify(pre.body.rows)).to.equal(true);
  const done = await commit(p, pre.body.id);
  expect(done.status, JSON.stringify(done.body)).to.equal(201);
}

/** The household's entries in the campaign, as the ledger shows them. */
async function entriesOf(p: Place) {
  const history = await p.t.as(p.w.headA.token).get(`/units/${p.w.hamletA}/households/${p.h.id}/history`);
  expect(history.status).to.equal(200);
  const ids: number[] = history.body.campaigns.flatMap((c: any) => c.items.map((i: any) => i.entryId)).filter((id: number | null) => id !== null);
  const out = [];
  for (const id of ids) out.push((await p.t.as(p.w.headA.token).get(`/units/${p.w.hamletA}/entries/${id}`)).body);
  return out;
}

const rowProblems = (body: any) => body.rows.flatMap((r: any) => r.errors.map((e: any) => ({ row: r.row, field: e.field, problem: e.problem })));

describe("contributions: a receipt through the route and through the import", () => {
  it("when a bank receipt settles part of a pledge, then both paths post the same entry, hash included", async () => {
    const byRoute = await place();
    const bySheet = await place();
    for (const p of [byRoute, bySheet]) {
      const pledge = await p.t.as(p.w.treasurerA.token).post(`/units/${p.w.hamletA}/pledges`, { householdId: p.h.id, campaignId: p.c.id, amount: "200000", date: "2025-02-01" });
      expect(pledge.status, JSON.stringify(pledge.body)).to.equal(201);
    }
    const r = await byRoute.t.as(byRoute.w.treasurerA.token).post(`/units/${byRoute.w.hamletA}/contributions`, {
      householdId: byRoute.h.id, campaignId: byRoute.c.id, amount: "500000", date: "2025-03-01", method: "bank", note: "chuyển khoản",
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    await imported(bySheet, sheet("1,DT-001,Nguyễn Văn An,500.000,01/03/2025,chuyển khoản"));

    const [routeEntries, sheetEntries] = [await entriesOf(byRoute), await entriesOf(bySheet)];
    expect(routeEntries).to.have.length(2);
    const receipt = routeEntries[1];
    expect(receipt.postings.map((x: any) => [x.account, x.amount, x.memo])).to.deep.equal([
      ["112", "500000", null],
      ["131", "-200000", "Thu theo đăng ký"],
      [byRoute.c.revenueAccount, "-300000", null],
    ]);
    expect(receipt.voucherNo).to.match(/^PT-2025-/);
    expect(sheetEntries).to.deep.equal(routeEntries);
  });

  it("when a pledge is recorded, then both paths post the same entry, hash included", async () => {
    const byRoute = await place();
    const bySheet = await place();
    const r = await byRoute.t.as(byRoute.w.treasurerA.token).post(`/units/${byRoute.w.hamletA}/pledges`, {
      householdId: byRoute.h.id, campaignId: byRoute.c.id, amount: "1000000", date: "2025-02-01",
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    // A sheet's pledge is dated at the campaign's start.
    await imported(bySheet, sheet("1,DT-001,Nguyễn Văn An,1.000.000,,Hứa nộp"));
    const routeEntries = await entriesOf(byRoute);
    expect(routeEntries.map((e: any) => e.postings.map((x: any) => [x.account, x.amount]))).to.deep.equal([[["131", "1000000"], [byRoute.c.revenueAccount, "-1000000"]]]);
    expect(await entriesOf(bySheet)).to.deep.equal(routeEntries);
  });

  describe("refusals", () => {
    it("when the household is no longer active, then the route refuses it and the import shows the same code on its row and records nothing", async () => {
      const p = await place();
      const off = await p.t.as(p.w.treasurerA.token).patch(`/units/${p.w.hamletA}/households/${p.h.id}`, { isActive: false });
      expect(off.status).to.equal(200);
      await refused(p.t, () => p.t.as(p.w.treasurerA.token).post(`/units/${p.w.hamletA}/contributions`, { householdId: p.h.id, campaignId: p.c.id, amount: "500000", date: "2025-03-01", method: "cash" }), 422, "household_inactive");
      await refused(p.t, () => p.t.as(p.w.treasurerA.token).post(`/units/${p.w.hamletA}/pledges`, { householdId: p.h.id, campaignId: p.c.id, amount: "500000", date: "2025-03-01" }), 422, "household_inactive");

      const receipts = await preview(p, sheet("1,DT-002,Trần Thị Bình,300.000,02/03/2025,", "2,DT-001,Nguyễn Văn An,500.000,01/03/2025,"));
      expect(receipts.status).to.equal(201);
      expect(receipts.body.valid).to.equal(false);
      expect(rowProblems(receipts.body)).to.deep.equal([{ row: 3, field: "code", problem: "household_inactive" }]);
      await refused(p.t, () => commit(p, receipts.body.id), 422, "import_invalid");
      const pledges = await preview(p, sheet("1,DT-001,Nguyễn Văn An,100.000,,Hứa nộp"));
      expect(rowProblems(pledges.body)).to.deep.equal([{ row: 2, field: "code", problem: "household_inactive" }]);
    });

    it("when the household is deactivated after a valid preview, then the commit refuses and records nothing", async () => {
      const p = await place();
      const pre = await preview(p, sheet("1,DT-001,Nguyễn Văn An,500.000,01/03/2025,", "2,DT-002,Trần Thị Bình,300.000,02/03/2025,"));
      expect(pre.body.valid).to.equal(true);
      await p.t.as(p.w.treasurerA.token).patch(`/units/${p.w.hamletA}/households/${p.h.id}`, { isActive: false });
      const body = await refused(p.t, () => commit(p, pre.body.id), 422, "import_invalid");
      expect(body.rows).to.deep.equal([2]);
    });

    it("when the household is exempt, then the route refuses it and the import shows the same code on its row", async () => {
      const p = await place();
      const ex = await p.t.as(p.w.treasurerA.token).post(`/units/${p.w.hamletA}/exemptions`, { householdId: p.h.id, campaignId: p.c.id, reason: "Hộ nghèo" });
      expect(ex.status).to.equal(201);
      await refused(p.t, () => p.t.as(p.w.treasurerA.token).post(`/units/${p.w.hamletA}/contributions`, { householdId: p.h.id, campaignId: p.c.id, amount: "500000", date: "2025-03-01", method: "cash" }), 422, "household_exempt");
      const pre = await preview(p, sheet("1,DT-001,Nguyễn Văn An,500.000,01/03/2025,"));
      expect(rowProblems(pre.body)).to.deep.equal([{ row: 2, field: "code", problem: "household_exempt" }]);
    });

    it("when the household is another hamlet's, then the route does not find it and the import never touches it", async () => {
      const p = await place();
      const other = await household(p.t, p.w, "TP-001", { headName: "Lê Văn Cường" }, p.w.hamletB, p.w.treasurerB.token);
      await refused(p.t, () => p.t.as(p.w.treasurerA.token).post(`/units/${p.w.hamletA}/contributions`, { householdId: other.id, campaignId: p.c.id, amount: "500000", date: "2025-03-01", method: "cash" }), 404, "not_found");
      // A sheet names households by code within its own hamlet: TP-001 there is a new household of hamlet A.
      const pre = await preview(p, sheet("1,TP-001,Lê Văn Cường,500.000,01/03/2025,"));
      expect(pre.body.rows.find((r: any) => r.row === 2)).to.deep.include({ householdId: null, newHousehold: true });
      await commit(p, pre.body.id);
      const theirs = await p.t.as(p.w.treasurerB.token).get(`/units/${p.w.hamletB}/households/${other.id}/history`);
      expect(theirs.body.campaigns).to.deep.equal([]);
    });

    it("when the campaign is closed, then the route and the import both answer campaign_closed", async () => {
      const p = await place();
      const pre = await preview(p, sheet("1,DT-001,Nguyễn Văn An,500.000,01/03/2025,"));
      expect(pre.body.valid).to.equal(true);
      const closed = await p.t.as(p.w.treasurerA.token).patch(`/units/${p.w.hamletA}/campaigns/${p.c.id}`, { status: "closed" });
      expect(closed.status).to.equal(200);
      await refused(p.t, () => p.t.as(p.w.treasurerA.token).post(`/units/${p.w.hamletA}/contributions`, { householdId: p.h.id, campaignId: p.c.id, amount: "500000", date: "2025-03-01", method: "cash" }), 422, "campaign_closed");
      await refused(p.t, () => commit(p, pre.body.id), 422, "campaign_closed");
      const before = await rowCounts(p.t.db);
      const again = await preview(p, sheet("1,DT-001,Nguyễn Văn An,500.000,01/03/2025,"));
      expect([again.status, again.body.code]).to.deep.equal([422, "campaign_closed"]);
      expect(await rowCounts(p.t.db)).to.deep.equal(before);
    });
  });
});

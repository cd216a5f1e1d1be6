import { expect } from "chai";
import { testApp, type TestApp } from "../helpers/app";
import { world, type World } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { cash, fixtureActor, fixtureWork, work } from "../helpers/given-works";
import { refused } from "../helpers/refused";
import { translateDbError } from "../../src/db/errors";
import { proposeWork, recordExpense } from "../../src/works";
import { parseDong } from "../../src/shared/money";
import { binary, keep, pdfText, requireTool } from "./helpers";

// A work's money is whole: what the campaigns that fund it collect is its funding raised (shared by
// the funding lines' amounts when a campaign funds several works), as is other money the books tie
// to it (an entry naming the work), "Thực chi" is only money paid,
// what is owed to suppliers shows as owed, and the balance is raised less paid. The statement says
// "QUYẾT TOÁN" only once the work is done, and the board's word sits in its block on the published copy.

type W = Pick<World, "hamletA" | "treasurerA">;

async function pdfOf(t: TestApp, w: W, workId: number): Promise<string> {
  const r = await t.api.get(`/api/v1/units/${w.hamletA}/statements/work-settlement.pdf?workId=${workId}`).set("Authorization", `Bearer ${w.treasurerA.token}`).buffer(true).parse(binary);
  expect(r.status, r.body.toString().slice(0, 300)).to.equal(200);
  keep(`work-settlement-${workId}.pdf`, r.body);
  return pdfText(r.body);
}

/** One campaign funding two works (10,000,000 and 5,000,000 đ of community money), 1,500,001 đ collected. */
async function twoWorksOneCampaign(t: TestApp, w: W) {
  const c = await campaign(t, w, { name: "Đóng góp làm đường xóm 3" });
  const a = await work(t, w, { name: "Đường xóm 3", funding: [{ source: "community", amount: "10000000", campaignId: c.id }, { source: "commune", amount: "70000000" }] });
  const b = await work(t, w, { name: "Rãnh thoát nước xóm 3", funding: [{ source: "community", amount: "5000000", campaignId: c.id }] });
  const api = t.as(w.treasurerA.token);
  for (const [code, amount] of [["DT-001", "1000000"], ["DT-002", "500001"]] as const) {
    const hh = await household(t, w, code);
    const r = await api.post(`/units/${w.hamletA}/contributions`, { householdId: hh.id, campaignId: c.id, amount, method: "cash", date: "2025-03-01" });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
  }
  return { c, a, b };
}

describe("publication: a work's settlement tells what was raised, paid and owed", () => {
  it("when one campaign funds two works, then each work's raised is its share by the funding lines, to the đồng, and the two add up to what the campaign collected", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA"] });
    const { c, a, b } = await twoWorksOneCampaign(t, w);
    const api = t.as(w.treasurerA.token);
    const budget = async (id: number) => (await api.get(`/units/${w.hamletA}/works/${id}/budget`)).body;
    const [ba, bb] = [await budget(a.id), await budget(b.id)];
    // 1,500,001 by 2:1 — 1,000,000.67 and 500,000.33: the odd đồng goes to the larger remainder
    expect(ba.byCampaign).to.deep.equal([{ campaignId: c.id, source: "community", planned: "10000000", received: "1000001" }]);
    expect(bb.byCampaign).to.deep.equal([{ campaignId: c.id, source: "community", planned: "5000000", received: "500000" }]);
    const summary = await api.get(`/units/${w.hamletA}/campaigns/${c.id}/summary`);
    expect(summary.body.paid).to.equal("1500001");
    expect(parseDong(ba.totals.received) + parseDong(bb.totals.received)).to.equal(1500001n);
    expect(ba.bySource.find((s: { source: string }) => s.source === "commune")).to.deep.equal({ source: "commune", planned: "70000000", received: "0" });
  });

  it("when a supplier is paid what a work owed, then the work's published report counts that payment as a newer entry and is no longer current", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const { a } = await twoWorksOneCampaign(t, w);
    await cash(t, w.hamletA, "10000000");
    await t.db.transaction((trx) => recordExpense(trx, fixtureActor(t, w), w.hamletA, a.id, { category: "materials", amount: parseDong("3000000"), date: "2025-06-02", payee: "Công ty Đá Sông Lam", description: "Đá 1x2", method: "payable" }));
    const api = t.as(w.treasurerA.token);
    const d = await api.post(`/units/${w.hamletA}/publications`, { statement: { kind: "work-settlement", params: { workId: a.id } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" });
    expect(d.status, JSON.stringify(d.body)).to.equal(201);
    const p = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
    expect(p.status, JSON.stringify(p.body)).to.equal(200);
    const verify = async () => (await t.as().get(`/public/verify/${p.body.code}?hash=${p.body.dataHash}`)).body as { current: boolean; newerEntries: number };
    expect(await verify()).to.include({ current: true, newerEntries: 0 });
    // the payment touches neither the work's cost accounts nor its campaign: it names the work
    const paid = await api.post(`/units/${w.hamletA}/entries`, { date: "2025-06-10", kind: "expense", description: "Trả tiền đá", workId: a.id, postings: [{ account: "331", amount: "1000000" }, { account: "111", amount: "-1000000" }] });
    expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
    expect(await verify()).to.include({ current: false, newerEntries: 1 });
  });

  it("when a work has paid some vouchers and owes a supplier, then its report to date shows raised, paid, owed and balance as the API and the ledger hold them", async function () {
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA"] });
    const { a } = await twoWorksOneCampaign(t, w);
    await cash(t, w.hamletA, "10000000");
    const actor = fixtureActor(t, w);
    await t.db.transaction((trx) => recordExpense(trx, actor, w.hamletA, a.id, { category: "labour", amount: parseDong("1500000"), date: "2025-06-01", payee: "Tổ thợ ông Tâm", description: "Nhân công", method: "cash" }));
    await t.db.transaction((trx) => recordExpense(trx, actor, w.hamletA, a.id, { category: "materials", amount: parseDong("3000000"), date: "2025-06-02", payee: "Công ty Đá Sông Lam", description: "Đá 1x2", method: "payable" }));
    // a part of what is owed is paid, on the work's books
    const api = t.as(w.treasurerA.token);
    const paidPart = await api.post(`/units/${w.hamletA}/entries`, { date: "2025-06-10", kind: "expense", description: "Trả một phần tiền đá", workId: a.id, postings: [{ account: "331", amount: "1000000" }, { account: "111", amount: "-1000000" }] });
    expect(paidPart.status, JSON.stringify(paidPart.body)).to.equal(201);
    // the commune's money for the work comes into the bank on an entry naming the work
    const commune = await api.post(`/units/${w.hamletA}/entries`, { date: "2025-06-05", kind: "adjustment", description: "Ngân sách xã hỗ trợ đường xóm 3", workId: a.id, postings: [{ account: "112", amount: "20000000" }, { account: "338", amount: "-20000000" }] });
    expect(commune.status, JSON.stringify(commune.body)).to.equal(201);

    const b = (await api.get(`/units/${w.hamletA}/works/${a.id}/budget`)).body;
    expect(b.totals).to.deep.include({ received: "21000001", spent: "4500000", owed: "2000000", paid: "2500000", balance: "18500001" });
    expect(b.bySource).to.deep.equal([
      { source: "commune", planned: "70000000", received: "20000000" },
      { source: "community", planned: "10000000", received: "1000001" },
    ]);
    // the ledger agrees: the work's cost accounts hold what it cost, 331 what is still owed
    const tb = (await api.get(`/units/${w.hamletA}/trial-balance?from=2025-01-01&to=2025-12-31`)).body;
    const closing = (code: string) => parseDong(tb.rows.find((r: { account: string }) => r.account === code)?.closing ?? "0");
    expect(a.accounts.reduce((s, x) => s + closing(x.code), 0n)).to.equal(4500000n);
    expect(-closing("331")).to.equal(2000000n);

    const text = await pdfOf(t, w, a.id);
    for (const x of [
      "BÁO CÁO THU – CHI CÔNG TRÌNH",
      "(Đến ngày 15 tháng 6 năm 2025)",
      "Nhân dân đóng góp: Đóng góp làm đường xóm 3",
      "Tổng nguồn vốn đã huy động: 21.000.001 đồng",
      "Ngân sách xã 70.000.000 20.000.000",
      "Tổng thực chi: 2.500.000 đồng",
      "Phải trả người bán (chưa thanh toán): 2.000.000 đồng",
      "Hai triệu năm trăm nghìn đồng",
    ]) {
      expect(text, x).to.include(x);
    }
    expect(text).to.include("Số dư nguồn vốn (đã huy động - thực chi): 18.500.001 đồng");
    expect(text).not.to.include("QUYẾT TOÁN");
  });

  it("when the work is completed, then its statement is titled a settlement (quyết toán); before, a report of receipts and payments to date", async function () {
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const a = await work(t, w, { funding: [{ source: "commune", amount: "80000000" }] }); // approved on a meeting: paid by the commune
    const move = async (to: string, extra: Record<string, unknown> = {}) => {
      const r = await t.as(w.headA.token).post(`/units/${w.hamletA}/works/${a.id}/transitions`, { to, date: "2025-06-12", ...extra });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
    };
    await move("approved", { decision: { date: "2025-06-01", minutesRef: "BB-02", householdsTotal: 100, householdsAgreeing: 51 } });
    await move("in_progress");
    const before = await pdfOf(t, w, a.id);
    expect(before).to.include("BÁO CÁO THU – CHI CÔNG TRÌNH");
    expect(before).not.to.include("QUYẾT TOÁN");
    await move("completed");
    const after = await pdfOf(t, w, a.id);
    expect(after).to.include("BÁO CÁO QUYẾT TOÁN CÔNG TRÌNH");
    expect(after).to.include("(Tính đến ngày 15 tháng 6 năm 2025)");
  });

  it("when the board objects on the draft, then the published copy prints its stance, its text and who gave it in the board's signature block", async function () {
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA", "inspector"] });
    const a = await work(t, w);
    const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "work-settlement", params: { workId: a.id } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" });
    expect(d.status, JSON.stringify(d.body)).to.equal(201);
    const o = await t.as(w.inspector.token).post(`/units/${w.hamletA}/publications/${d.body.id}/board-opinions`, { stance: "objection", text: "Thiếu hóa đơn" });
    expect(o.status, JSON.stringify(o.body)).to.equal(201);
    const ap = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
    expect(ap.status, JSON.stringify(ap.body)).to.equal(200);
    const pdf = (await t.api.get(`/api/v1/public/publications/${d.body.id}.pdf`).buffer(true).parse(binary)).body as Buffer;
    keep("work-settlement-objection.pdf", pdf);
    const text = pdfText(pdf);
    const block = text.slice(text.lastIndexOf("BAN GIÁM SÁT"));
    expect(block.replace(/\s+/g, " ")).to.match(/Phản đối: Thiếu hóa\s?đơn/);
    const inspector = await t.db("users").where({ id: w.inspector.id }).first();
    expect(block).to.include(inspector.display_name);
  });

  it("when a funding line names a campaign of another unit, even one under the work's own, then it is 404 campaign, and the database refuses the same line on its own", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA"] });
    const c = await campaign(t, w);
    const actor = fixtureActor(t, w);
    const input = { name: "Cầu xã", location: "Xã", category: "giao thông", estimate: [{ category: "materials" as const, amount: "1000000" }], funding: [{ source: "community" as const, amount: "1000000", campaignId: c.id }], plannedStart: "2025-07-01", plannedEnd: "2025-08-01" };
    // the commune's work may not count a hamlet's campaign: that money is in the hamlet's books
    const p = await refused(t, () => t.db.transaction((trx) => proposeWork(trx, actor, w.commune, input)), 404, "not_found");
    expect(p).to.deep.include({ entity: "campaign", id: c.id });
    const communeWork = await fixtureWork(t, w, w.commune, 1);
    const write = (unitId: number, workId: number) =>
      t.db.transaction((trx) => trx("work_lines").insert({ work_id: workId, unit_id: unitId, kind: "funding", category: "community", amount: "1000000", campaign_id: c.id })).then(
        () => "",
        (e: Error) => translateDbError(e)?.code ?? `untranslated: ${e.message}`,
      );
    expect(await write(w.commune, communeWork.id)).to.equal("not_found");
    const own = await work(t, w, { funding: [] });
    expect(await write(w.hamletA, own.id), "a campaign of the work's own unit").to.equal("");
  });
});

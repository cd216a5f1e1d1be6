import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { testApp, TestApp } from "../helpers/app";
import { world } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { work } from "../helpers/given-works";
import { binary, requireTool } from "./helpers";

// What a resident holding a posted paper learns from its code: whether the statement made now would
// say the same (current), how many entries since change it (its scope only: its campaign, its work,
// its period), the headline figures to compare with the paper by eye; the code typed in any case,
// with spaces or dashes, from a plain form on the hamlet's page; and the code printed large.

const draft = (statement: object) => ({ statement, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" });

async function setUp() {
  const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
  const w = await world(t, { only: ["treasurerA", "headA"] });
  const road = await campaign(t, w, { name: "Bê tông hóa đường thôn 2025" });
  const hall = await campaign(t, w, { name: "Sửa nhà văn hóa thôn", purpose: "Sửa mái nhà văn hóa" });
  const h1 = await household(t, w, "DT-001", { headName: "Nguyễn Văn Hường" });
  const h2 = await household(t, w, "DT-002", { headName: "Trần Thị Ngọc Ánh" });
  // the road work is funded by the road campaign, not by the culture house's
  const road3 = await work(t, w, { funding: [{ source: "community", amount: "50000000", campaignId: road.id }, { source: "commune", amount: "30000000" }] });
  const as = t.as(w.treasurerA.token);
  const pay = async (householdId: number, campaignId: number, amount: string, date: string) => {
    const r = await as.post(`/units/${w.hamletA}/contributions`, { householdId, campaignId, amount, date, method: "cash" });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return r.body as { id: number; voucherNo: string };
  };
  await pay(h1.id, road.id, "1000000", "2025-03-05");
  const publish = async (statement: object) => {
    const d = await as.post(`/units/${w.hamletA}/publications`, draft(statement));
    expect(d.status, JSON.stringify(d.body)).to.equal(201);
    const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    return a.body as { id: number; code: string; dataHash: string; chainHead: string };
  };
  return { t, w, road, hall, h1, h2, road3, pay, publish };
}

const verify = async (t: TestApp, p: { code: string; dataHash: string }) => {
  const v = await t.as().get(`/public/verify/${p.code}?hash=${p.dataHash}`);
  expect(v.status, JSON.stringify(v.body)).to.equal(200);
  expect(v.body.genuine).to.equal(true);
  return v.body as { current: boolean; newerEntries: number; chainIntact: boolean; figures?: { label: string; amount?: string; text?: string }[] };
};

describe("publication: a copy is current while its own figures are", () => {
  it("when a receipt goes to another campaign, then a campaign's list and a work that campaign does not fund stay current; a receipt in the campaign makes both stale, and its reversal makes them current again", async () => {
    const { t, w, road, hall, h2, pay, publish, road3 } = await setUp();
    const list = await publish({ kind: "contribution-list", params: { campaignId: road.id } });
    const settlement = await publish({ kind: "work-settlement", params: { workId: road3.id } });
    const firstQuarter = await publish({ kind: "receipts-payments", params: { from: "2025-01-01", to: "2025-03-31" } });
    for (const p of [list, settlement, firstQuarter]) expect(await verify(t, p)).to.include({ current: true, newerEntries: 0, chainIntact: true });

    // 1,050,000 đ for the culture house: not the road's campaign, not a campaign funding the road work
    await pay(h2.id, hall.id, "1050000", "2025-06-14");
    expect(await verify(t, list)).to.include({ current: true, newerEntries: 0 });
    expect(await verify(t, settlement)).to.include({ current: true, newerEntries: 0 });
    // dated after the first quarter: the quarter's receipts and payments say the same
    expect(await verify(t, firstQuarter)).to.include({ current: true, newerEntries: 0 });

    // a receipt for the road: the road's list and the road work's money change
    const late = await pay(h2.id, road.id, "500000", "2025-06-14");
    expect(await verify(t, list)).to.include({ current: false, newerEntries: 1 });
    expect(await verify(t, settlement)).to.include({ current: false, newerEntries: 1 });
    expect(await verify(t, firstQuarter)).to.include({ current: true, newerEntries: 0 });

    // Reversed (recorded by mistake): the list prints what it printed before, so the paper is right
    // again; a receipt and its reversal both since change nothing and count as no newer entry.
    const rev = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/contributions/${late.id}/reversal`, { date: "2025-06-15", reason: "Ghi nhầm đợt vận động" });
    expect(rev.status, JSON.stringify(rev.body)).to.equal(201);
    expect(await verify(t, list)).to.include({ current: true, newerEntries: 0 });
    expect(await verify(t, settlement)).to.include({ current: true, newerEntries: 0 });
  });

  it("when a household's name is corrected, then the list that prints it is no longer current though no entry was made", async () => {
    const { t, w, road, h1, publish } = await setUp();
    const list = await publish({ kind: "contribution-list", params: { campaignId: road.id } });
    const fixed = await t.as(w.treasurerA.token).patch(`/units/${w.hamletA}/households/${h1.id}`, { headName: "Nguyễn Văn Hưởng" });
    expect(fixed.status, JSON.stringify(fixed.body)).to.equal(200);
    expect(await verify(t, list)).to.include({ current: false, newerEntries: 0 });
  });

  it("when a copy was published before hashes left out the chain head, then it verifies as it did: genuine, and stale after any entry of the hamlet", async () => {
    const { t, hall, h2, pay, publish, road } = await setUp();
    const list = await publish({ kind: "contribution-list", params: { campaignId: road.id } });
    // a row as published before: its hash made the old way, no figures kept
    await t.db("publications").where({ id: list.id }).update({ hash_version: 1, figures: null });
    expect(await verify(t, list)).to.include({ current: true, newerEntries: 0 });
    await pay(h2.id, hall.id, "1050000", "2025-06-14");
    const v = await verify(t, list);
    expect(v).to.include({ current: false, newerEntries: 1 });
    expect(v).to.not.have.property("figures");
  });

  it("when a resident types the code off the paper in any case with spaces or dashes, then the page shows the figures the paper must print and says whether it is current", async function () {
    requireTool("pdftotext", this);
    const { t, road, publish } = await setUp();
    const list = await publish({ kind: "contribution-list", params: { campaignId: road.id } });
    const rp = await publish({ kind: "receipts-payments", params: { from: "2025-01-01", to: "2025-06-30" } });

    // the public JSON: the headline figures as published
    expect((await verify(t, list)).figures).to.deep.include({ label: "Đã đóng góp (tổng cộng)", amount: "1000000" });
    const rpFigures = (await verify(t, rp)).figures!;
    expect(rpFigures.map((f) => f.label)).to.include.members(["Tổng thu trong kỳ", "Số dư cuối kỳ"]);
    expect(rpFigures.find((f) => f.label === "Số dư cuối kỳ")).to.deep.equal({ label: "Số dư cuối kỳ", amount: "1000000" });
    // the code in lower case, as some type it
    expect((await t.as().get(`/public/verify/${list.code.toLowerCase()}?hash=${list.dataHash}`)).body).to.include({ genuine: true, code: list.code });

    // the hamlet's page: a plain form (GET, no script) to type the code into
    const unit = await t.api.get("/u/ha");
    expect(unit.text).to.match(/<form method="get" action="\/verify"[^>]*>\s*<label>[^<]*<br><input type="text" name="code"/);
    const typed = `${list.code.slice(0, 5).toLowerCase()} - ${list.code.slice(5)}`;
    const go = await t.api.get(`/verify?code=${encodeURIComponent(typed)}`).redirects(0);
    expect(go.status).to.equal(303);
    expect(go.headers.location).to.equal(`/verify/${list.code}`);
    expect((await t.api.get(`/verify/${list.code.toLowerCase()}`).redirects(0)).headers.location).to.equal(`/verify/${list.code}`);
    const page = await t.api.get(`/verify/${list.code}`);
    expect(page.status).to.equal(200);
    const figures = /<table class="figures" id="figures">([\s\S]*?)<\/table>/.exec(page.text)![1];
    expect(figures).to.include("Đã đóng góp (tổng cộng)</td><td class=\"num\"><b>1.000.000 đồng</b>");
    expect(page.text).to.include('id="current"');
    // an unknown code: the box again
    const none = await t.api.get("/verify/ZZZZZZZZZZ");
    expect(none.status).to.equal(404);
    expect(none.text).to.include('name="code"');

    // on paper: the code large enough to read off a notice board (at least 18 pt tall)
    const pdf = await t.api.get(`/api/v1/public/publications/${list.id}.pdf`).buffer(true).parse(binary);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-code-"));
    fs.writeFileSync(path.join(dir, "a.pdf"), pdf.body);
    const boxes = execFileSync("pdftotext", ["-bbox", path.join(dir, "a.pdf"), "-"]).toString("utf8");
    fs.rmSync(dir, { recursive: true, force: true });
    const word = new RegExp(`<word xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">${list.code}</word>`).exec(boxes);
    expect(word, "the code as one word on the page").to.not.equal(null);
    expect(Number(word![2]) - Number(word![1])).to.be.at.least(18);
  });
});

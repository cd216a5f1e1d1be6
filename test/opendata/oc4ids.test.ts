import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { DRAFT_ONLY_AMOUNT, openDataHamlet } from "./fixture";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { exactNumber, vnd } from "../../src/opendata/values";
import { dong } from "../../src/shared/money";

// The OC4IDS export of a hamlet's works, checked against the OC4IDS 0.9.5 project-package schema
// (test/fixtures/oc4ids, copied from the Open Contracting Partnership with its licence notice).

const FIXTURES = path.resolve(__dirname, "../fixtures/oc4ids");
const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));

function validator() {
  // the schemas carry OC4IDS's own keywords (codelist, openCodelist, deprecated): not strict
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(schema("project-schema.json"));
  return ajv.compile(schema("project-package-schema.json"));
}

const codes = (file: string) => fs.readFileSync(path.join(FIXTURES, file), "utf8").split("\n").slice(1).map((l) => l.split(",")[0]).filter(Boolean);

describe("opendata: OC4IDS project package", () => {
  it("when a hamlet's works are exported, then the package validates against OC4IDS 0.9.5 and carries what a reader relies on, and nothing private", async function () {
    this.timeout(120_000);
    const h = await openDataHamlet();
    const res = await h.t.as().get(`/public/units/${h.unit.id}/oc4ids.json`);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).to.equal(200);
    expect(res.headers["content-type"]).to.match(/^application\/json/);
    const pkg = res.body;
    const validate = validator();
    const valid = validate(pkg);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).to.deep.equal([]);
    expect(valid).to.equal(true);
    // the validator does refuse what the standard does not allow
    expect(validate({ ...pkg, projects: [{ ...pkg.projects[0], status: "in_progress" }] })).to.equal(false);

    expect(pkg.version).to.equal("0.9");
    expect(pkg.publishedDate).to.equal("2025-06-15T10:00:00+07:00");
    expect(pkg.projects.map((p: any) => p.title).sort()).to.deep.equal(["Nạo vét kênh mương nội đồng", "Sửa chữa cổng làng", "Đường bê tông xóm 3"]);
    const statuses = codes("projectStatus.csv");
    const docTypes = codes("documentType.csv");
    for (const p of pkg.projects) {
      expect(p.id).to.match(/^oc4ids-test01-ha-\d+$/);
      expect(statuses).to.include(p.status);
      for (const d of p.documents) expect(docTypes, d.documentType).to.include(d.documentType);
    }
    const byTitle = (t: string) => pkg.projects.find((p: any) => p.title === t);
    expect(byTitle("Nạo vét kênh mương nội đồng")).to.include({ status: "identification", type: "construction" });
    expect(byTitle("Nạo vét kênh mương nội đồng").sector).to.deep.equal(["waterAndWaste"]);
    expect(byTitle("Sửa chữa cổng làng")).to.include({ status: "cancelled", type: "rehabilitation" });

    const road = byTitle("Đường bê tông xóm 3");
    expect(road.status).to.equal("completion");
    expect(road.sector).to.deep.equal(["transport", "transport.road"]);
    expect(road.publicAuthority).to.deep.equal({ id: `unit-${h.unit.id}`, name: "Thôn Đồng Tâm" });
    expect(road.parties.map((p: any) => [p.name, p.roles])).to.deep.include.members([
      ["Thôn Đồng Tâm", ["publicAuthority", "buyer"]],
      ["Xã Tân Linh", ["administrativeEntity", "funder"]],
      ["Cộng đồng dân cư Thôn Đồng Tâm", ["funder"]],
      ["Công ty TNHH Đá Sông Lam", ["payee"]],
      ["Ban GSĐTCĐ", ["reviewBody"]],
    ]);
    expect(road.parties.some((p: any) => p.roles.includes("reviewBody"))).to.equal(true);
    expect(road.locations[0].description).to.equal("Xóm 3, thôn Đồng Tâm");
    // money: OC4IDS Values in đồng, the estimate and its breakdown by source and by campaign
    expect(road.budget.amount).to.deep.equal({ amount: 80000000, currency: "VND" });
    const groups = Object.fromEntries(road.budget.budgetBreakdowns.map((g: any) => [g.id, g.budgetBreakdown]));
    expect(groups.bySource.map((b: any) => [b.id, b.amount.amount])).to.deep.equal([["commune", 30000000], ["community", 50000000]]);
    // what the campaign has collected (as the work's page shows it now) is the road's money received from the community
    expect(groups.bySource[1].description).to.include(`đã nhận (received) ${BigInt(h.paidBefore) + BigInt(DRAFT_ONLY_AMOUNT)} đồng`);
    expect(groups.byCampaign).to.have.length(1);
    expect(groups.byCampaign[0]).to.deep.include({ id: `campaign-${h.campaignId}`, amount: { amount: 50000000, currency: "VND" } });
    // completed: the final value is what was spent (the posted vouchers, never the draft)
    expect(road.completion.endDate).to.equal("2025-06-15T00:00:00+07:00");
    expect(road.completion.finalValue).to.deep.equal({ amount: 4800000 + 3500000 + 42000000, currency: "VND" });
    expect(road.period).to.deep.equal({ startDate: "2025-07-01T00:00:00+07:00", endDate: "2025-09-30T00:00:00+07:00" });
    const metric = (id: string) => road.metrics.find((m: any) => m.id === id).observations;
    expect(metric("physicalProgress").map((o: any) => o.measure)).to.deep.equal([40, 100]);
    expect(metric("financialProgress").find((o: any) => o.id === "spent").value.amount).to.equal(50300000);
    expect(road.transactions.map((x: any) => x.value.amount)).to.have.members([4800000, 3500000, 42000000]);
    // documents: the published statements with their download links, the photo, the public page
    const base = "https://soquy.tanlinh.example";
    const urls = road.documents.map((d: any) => d.url);
    expect(urls).to.include.members([
      `${base}/api/v1/public/publications/${h.list.id}.pdf`, `${base}/api/v1/public/publications/${h.list.id}.xlsx`,
      `${base}/api/v1/public/publications/${h.settlement.id}.pdf`,
      `${base}/api/v1/public/attachments/${h.photo.id}`,
      `${base}/u/ha/works/${h.road.id}`,
    ]);
    expect(road.documents.find((d: any) => d.url?.endsWith(`/attachments/${h.photo.id}`)).documentType).to.equal("illustration");
    expect(road.documents.some((d: any) => d.documentType === "budgetApproval")).to.equal(true);
    expect(road.documents.find((d: any) => d.url === `${base}/api/v1/public/publications/${h.minutes.id}.pdf`).documentType).to.equal("minutes");
    for (const u of urls.filter(Boolean)) expect((await h.t.api.get(new URL(u).pathname)).status, u).to.equal(200);
    // the consultation as a meeting, with its counts (never who chose what)
    expect(road.social.consultationMeetings).to.have.length(1);
    expect(road.social.consultationMeetings[0]).to.include({ numberOfParticipants: 1, status: "open", outcome: null, title: "Đồng ý làm đường?" });
    expect(road.social.consultationMeetings[0].tally).to.deep.equal({ agree: 1, disagree: 0, abstain: 0 });
    // the board's published inspection, its findings in every state; the draft inspection not at all
    const cm = road.communityMonitoring;
    expect(cm.inspections).to.have.length(1);
    expect(cm.inspections[0].findings.map((f: any) => f.status).sort()).to.deep.equal(["answered", "open"]);
    expect(cm.inspections[0].findings.find((f: any) => f.status === "answered").history.map((x: any) => x.text)).to.deep.equal(["Đã trả lại lô đá"]);
    expect(cm.inspections[0].findings.find((f: any) => f.status === "open").overdue).to.equal(true);
    expect(cm.findings).to.include({ total: 2, overdue: 1 });

    const text = JSON.stringify(pkg);
    for (const s of h.secrets) expect(text.includes(s), `shows ${s}`).to.equal(false);
  });

  it("when the unit does not exist, then 404 problem+json", async function () {
    const t = await testApp();
    const res = await t.as().get(`/public/units/999999/oc4ids.json`);
    expect(res.status).to.equal(404);
    expect(res.headers["content-type"]).to.match(/^application\/problem\+json/);
    expect(res.body.code ?? res.body.type).to.match(/not_found/);
  });

  it("when a hamlet has no public work yet, then 404 no_public_works saying so and pointing at its CSV files, not a package that fails the schema", async function () {
    const t = await testApp();
    const w = await world(t, { only: [] });
    const res = await t.as().get(`/public/units/${w.hamletA}/oc4ids.json`);
    expect(res.status).to.equal(404);
    expect(res.headers["content-type"]).to.match(/^application\/problem\+json/);
    expect(res.body.code).to.equal("no_public_works");
    expect(res.body.detail).to.contain("OC4IDS");
    expect(res.body.openData).to.equal(`/api/v1/public/units/${w.hamletA}/open-data.zip`);
    expect((await t.as().get(res.body.openData.replace("/api/v1", ""))).status).to.equal(200);
  });

  it("when an amount is beyond a JSON number's exact range, then it is refused, not rounded", () => {
    expect(vnd("1250000")).to.deep.equal({ amount: 1250000, currency: "VND" });
    expect(exactNumber(dong(BigInt(Number.MAX_SAFE_INTEGER)))).to.equal(Number.MAX_SAFE_INTEGER);
    expect(() => exactNumber(dong(BigInt(Number.MAX_SAFE_INTEGER) + 1n))).to.throw(/exact range/);
  });
});

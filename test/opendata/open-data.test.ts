import { expect } from "chai";
import JSZip from "jszip";
import { openDataHamlet, DRAFT_ONLY_AMOUNT } from "./fixture";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { EXPORTS_PER_HOUR } from "../../src/opendata/routes";
import { binary } from "../publication/helpers";
import { parse } from "csv-parse/sync";

// The open-data zip: CSV files (UTF-8 with a BOM) described by a Frictionless datapackage.json,
// holding only what the hamlet's public pages and published statements already show.

const BOM = "\uFEFF";

describe("opendata: open-data.zip", () => {
  it("when a hamlet's open data is downloaded, then each CSV starts with a BOM, has the documented columns and the public rows, and datapackage.json describes every file; nothing private is in it", async function () {
    this.timeout(120_000);
    const h = await openDataHamlet();
    const res = await h.t.api.get(`/api/v1/public/units/${h.unit.id}/open-data.zip`).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    expect(res.headers["content-type"]).to.equal("application/zip");
    expect(res.headers["content-disposition"]).to.equal('attachment; filename="du-lieu-mo-ha.zip"');
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const names = Object.keys(zip.files).sort();
    expect(names).to.deep.equal(["contributions.csv", "datapackage.json", "findings.csv", "payments.csv", "works.csv"]);

    const pkg = JSON.parse(await zip.file("datapackage.json")!.async("string"));
    expect(pkg).to.include({ name: "so-quy-ha", profile: "tabular-data-package" });
    expect(pkg.licenses[0].name).to.equal("CC-BY-4.0");
    expect(pkg.resources.map((r: any) => r.path).sort()).to.deep.equal(names.filter((n) => n.endsWith(".csv")));

    const tables: Record<string, Record<string, string>[]> = {};
    let all = "";
    const texts: Record<string, string> = {};
    for (const r of pkg.resources) {
      const raw = await zip.file(r.path)!.async("nodebuffer");
      const text = raw.toString("utf8");
      expect(text.startsWith(BOM), `${r.path} starts with a BOM`).to.equal(true);
      const rows: string[][] = parse(text.slice(1));
      // the header is exactly the documented fields, in order, each typed and described in both languages
      expect(rows[0], r.path).to.deep.equal(r.schema.fields.map((f: any) => f.name));
      for (const f of r.schema.fields) {
        expect(["integer", "string", "date", "datetime", "boolean"]).to.include(f.type);
        expect(f.title, f.name).to.be.a("string").and.not.equal("");
        expect(f.description, f.name).to.match(/ — [A-Z]/);
      }
      tables[r.name] = rows.slice(1).map((cells) => Object.fromEntries(rows[0].map((k, i) => [k, cells[i]])));
      all += text;
      texts[r.name] = text;
    }

    expect(tables.works.map((w) => [w.name, w.status]).sort()).to.deep.equal([
      ["Nạo vét kênh mương nội đồng", "proposed"], ["Sửa chữa cổng làng", "cancelled"], ["Đường bê tông xóm 3", "completed"],
    ]);
    const road = tables.works.find((w) => w.name === "Đường bê tông xóm 3")!;
    expect(road).to.include({ estimated: "80000000", spent: "50300000", progress_percent: "100", findings_total: "2", findings_overdue: "1", status: "completed", actual_end: "2025-06-15" });

    // payments: the posted vouchers, never the draft one
    expect(tables.payments.map((p) => p.amount).sort()).to.deep.equal(["3500000", "42000000", "4800000"]);
    expect(tables.payments.every((p) => p.work_id === String(h.road.id))).to.equal(true);
    expect(tables.payments.map((p) => p.payee)).to.include("Công ty TNHH Đá Sông Lam");

    // findings: the published inspection's two, with their states (the draft inspection's not at all)
    expect(tables.findings.map((f) => f.status).sort()).to.deep.equal(["answered", "open"]);
    expect(tables.findings.find((f) => f.status === "open")!.overdue).to.equal("true");

    // contributions: the published list's rows exactly, not the receipt recorded after it
    const published = await h.t.db("households").where({ unit_id: h.unit.id, is_active: true }).count({ n: "*" });
    expect(tables.contributions).to.have.length(Number(published[0].n));
    expect(new Set(tables.contributions.map((c) => c.publication_id))).to.deep.equal(new Set([String(h.list.id)]));
    expect(tables.contributions[0]).to.include({ verification_code: h.list.code, campaign_id: String(h.campaignId), line: "1" });
    expect(tables.contributions[0].published_at).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(tables.contributions.some((c) => Number(c.paid) > 0)).to.equal(true);
    expect(tables.contributions.some((c) => c.paid === DRAFT_ONLY_AMOUNT || c.paid.endsWith(DRAFT_ONLY_AMOUNT))).to.equal(false);
    // (the work's page shows what is raised as of now, so its row may count that receipt: it is public there)
    expect(texts.contributions.includes(DRAFT_ONLY_AMOUNT)).to.equal(false);

    for (const s of h.secrets) expect(all.includes(s), `shows ${s}`).to.equal(false);

    // the hamlet's public page leads residents to both downloads
    const page = await h.t.api.get("/u/ha");
    expect(page.status).to.equal(200);
    expect(page.text).to.include(`href="/api/v1/public/units/${h.unit.id}/open-data.zip"`).and.include(`href="/api/v1/public/units/${h.unit.id}/oc4ids.json"`);
  });

  it("when one address asks for exports beyond the hour's allowance, then 429 with Retry-After until the hour has passed", async function () {
    const t = await testApp();
    const w = await world(t, { only: [] });
    // Both exports count against one allowance (this hamlet has no work: its OC4IDS answer is 404 no_public_works).
    for (let i = 0; i < EXPORTS_PER_HOUR; i++) {
      const path = i % 2 ? `/public/units/${w.hamletA}/open-data.zip` : `/public/units/${w.hamletA}/oc4ids.json`;
      expect((await t.as().get(path)).status, `request ${i + 1}`).to.equal(i % 2 ? 200 : 404);
    }
    const held = await t.as().get(`/public/units/${w.hamletA}/oc4ids.json`);
    expect(held.status).to.equal(429);
    expect(held.headers["content-type"]).to.match(/^application\/problem\+json/);
    expect(Number(held.headers["retry-after"])).to.equal(3600);
    expect((await t.as().get(`/public/units/${w.hamletA}/open-data.zip`)).status).to.equal(429);
    t.clock.advance(3600_000);
    expect((await t.as().get(`/public/units/${w.hamletA}/open-data.zip`)).status).to.equal(200);
  });

  it("when the unit does not exist, then 404 problem+json before any byte of a zip", async function () {
    const t = await testApp();
    const res = await t.as().get(`/public/units/999999/open-data.zip`);
    expect(res.status).to.equal(404);
    expect(res.headers["content-type"]).to.match(/^application\/problem\+json/);
  });
});

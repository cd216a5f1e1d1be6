import { expect } from "chai";
import type { RouteDef } from "../../src/http/route";
import { seedDemo } from "../../seeds/demo";
import { testApp } from "../helpers/app";
import { householdWithPin } from "../helpers/given-works";

// Every public read, walked over the demo data, leaks nothing private: no
// household's phone, PIN or PIN hash, no draft or rejected voucher, nothing of an unpublished
// inspection or of a cash count's finding, no resident's name or contact from feedback.

describe("supervision: public data leaks nothing", () => {
  it("when every public route is walked over the demo data, then no phone, PIN, draft or unpublished inspection appears", async function () {
    this.timeout(120_000);
    const t = await testApp({ now: "2026-01-15T03:00:00.000Z" });
    await t.db.transaction((trx) => seedDemo(trx, { at: t.clock.now().toISOString(), scryptCost: 1024 }));
    const road = await t.db("works").orderBy("id").first();
    // A resident answers and gives feedback with a contact: neither may come back out.
    const h = await householdWithPin(t, road.unit_id, "DT-900");
    const c = await t.db("consultations").insert({ unit_id: road.unit_id, work_id: road.id, question: "Làm rãnh thoát nước?", opens_at: "2026-01-01T00:00:00.000Z", closes_at: "2026-02-01T00:00:00.000Z", created_at: "2026-01-01T00:00:00.000Z" }).returning("id");
    const cid = typeof c[0] === "object" ? c[0].id : c[0];
    expect((await t.as().post(`/public/consultations/${cid}/opinions`, { householdCode: "DT-900", pin: h.pin, choice: "disagree", comment: "Ý-KIẾN-RIÊNG" })).status).to.equal(201);
    expect((await t.as().post(`/public/works/${road.id}/feedback`, { text: "Phản ánh", name: "Tên-Riêng-Người-Dân", contact: "0999888777" })).status).to.equal(201);

    const secrets: string[] = [h.pin, "0999888777", "Tên-Riêng-Người-Dân", "Ý-KIẾN-RIÊNG"];
    for (const r of await t.db("households").select("phone", "pin_hash")) secrets.push(...[r.phone, r.pin_hash].filter(Boolean));
    for (const e of await t.db("expenses").whereNot("status", "posted")) secrets.push(e.description);
    const unpublished = await t.db("inspections").whereNot("status", "published").select("id");
    for (const f of await t.db("findings").where((q) => q.whereIn("inspection_id", unpublished.map((i) => i.id)).orWhereNull("inspection_id"))) secrets.push(f.description);
    expect((await t.db("expenses").where("status", "draft")).length).to.be.greaterThan(0);
    expect(unpublished.length).to.be.greaterThan(0);

    const ids: Record<string, (string | number)[]> = {
      unitId: (await t.db("units").select("id")).map((r) => r.id),
      workId: (await t.db("works").select("id")).map((r) => r.id),
      consultationId: (await t.db("consultations").select("id")).map((r) => r.id),
      attachmentId: (await t.db("attachments").select("id")).map((r) => r.id),
    };
    const routes = (t.app.locals.routes as RouteDef[]).filter((r) => r.access === "public" && r.method === "get" && /^\/public\/(units\/:unitId\/works|works|consultations|attachments)/.test(r.path));
    expect(routes.length).to.be.at.least(4);
    let walked = 0;
    for (const r of routes) {
      const name = (r.path.match(/:(\w+)/) ?? [])[1];
      for (const id of name ? ids[name] ?? [] : [""]) {
        const res = await t.api.get(`/api/v1${r.path.replace(/:\w+/, String(id))}`).buffer(true);
        const text = typeof res.text === "string" ? res.text : String(res.body);
        for (const s of secrets) expect(text.includes(s), `${r.path} ${id} shows ${s}`).to.equal(false);
        expect(res.headers["content-type"] ?? "").to.not.match(/html/);
        walked++;
      }
    }
    expect(walked).to.be.at.least(8);
    const page = await t.as().get(`/public/works/${road.id}`);
    expect(page.body.inspections).to.have.length(1);
    expect(page.body.inspections[0].findings.map((f: any) => f.status).sort()).to.deep.equal(["answered", "escalated", "open", "resolved"]);
    expect(page.body.findings.overdue).to.equal(1);
  });
});

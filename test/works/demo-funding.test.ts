import { expect } from "chai";
import { testApp } from "../helpers/app";
import { binary, keep, pdfText, requireTool } from "../publication/helpers";
import { seedDemo } from "../../seeds/demo";

// The demo's road is funded by Đồng Tâm's road campaign: what the campaign collected is the road's
// money raised, and its report to date says what was paid and what is still owed to the supplier.

describe("works: the demo road's money", function () {
  this.timeout(120_000);

  it("when the demo data is loaded, then the road shows its campaign's 82,000,000 đ raised, 8,300,000 đ paid and 42,000,000 đ owed", async function () {
    requireTool("pdftotext", this);
    const t = await testApp({ now: "2026-12-01T03:00:00.000Z" }); // after every demo entry
    await t.db.transaction((trx) => seedDemo(trx, { at: t.clock.now().toISOString(), scryptCost: 1024 }));
    const unit = await t.db("units").where({ code: "dong-tam" }).first();
    const road = await t.db("works").where({ unit_id: unit.id }).orderBy("id").first();
    const login = await t.as().post("/auth/login", { username: "dt.thuquy", password: "matkhau-demo" });
    expect(login.status, JSON.stringify(login.body)).to.equal(200);
    const api = t.as(login.body.token);
    const b = await api.get(`/units/${unit.id}/works/${road.id}/budget`);
    expect(b.status, JSON.stringify(b.body)).to.equal(200);
    expect(b.body.totals).to.deep.include({ received: "82000000", spent: "50300000", paid: "8300000", owed: "42000000", balance: "73700000" });
    const campaigns = (await api.get(`/units/${unit.id}/campaigns`)).body;
    const roadCampaign = (campaigns.data ?? campaigns).find((c: { name: string }) => c.name.startsWith("Bê tông hóa đường trục"));
    expect((await api.get(`/units/${unit.id}/campaigns/${roadCampaign.id}/summary`)).body.paid).to.equal("82000000");

    const pdf = await t.api.get(`/api/v1/units/${unit.id}/statements/work-settlement.pdf?workId=${road.id}`).set("Authorization", `Bearer ${login.body.token}`).buffer(true).parse(binary);
    expect(pdf.status).to.equal(200);
    keep("demo-road-settlement.pdf", pdf.body);
    const text = pdfText(pdf.body);
    for (const x of ["BÁO CÁO THU – CHI CÔNG TRÌNH", "Tổng nguồn vốn đã huy động: 82.000.000 đồng", "Tổng thực chi: 8.300.000 đồng", "Phải trả người bán (chưa thanh toán): 42.000.000 đồng"]) {
      expect(text, x).to.include(x);
    }
    // residents read the same figures, in the public JSON and on the pages
    const list = (await t.as().get(`/public/units/${unit.id}/works`)).body.data;
    expect(list.find((x: { id: number }) => x.id === road.id)).to.deep.include({ estimated: "265000000", spent: "50300000", raised: "82000000", paid: "8300000", owed: "42000000" });
    expect((await t.as().get(`/public/works/${road.id}`)).body.budget.totals).to.deep.include({ received: "82000000", paid: "8300000", owed: "42000000", balance: "73700000" });
    expect((await t.api.get("/u/dong-tam")).text).to.include("đã thu 82.000.000 đồng · đã chi 8.300.000 đồng");
    const page = (await t.api.get(`/u/dong-tam/works/${road.id}`)).text;
    for (const x of ["82.000.000", "8.300.000", "Phải trả người bán", "42.000.000", "73.700.000"]) expect(page, x).to.include(x);
  });
});

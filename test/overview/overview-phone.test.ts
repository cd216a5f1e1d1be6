import { expect } from "chai";
import { campaign, household } from "../helpers/given-contributions";
import { cash, fixtureFinding, fixtureInspection, work } from "../helpers/given-works";
import { expectNoProblems, phoneIt, look, openWeb, signIn, VIEWPORTS } from "../web/browser";

// The commune's overview on a phone (360 px): its admin sees each hamlet's campaign received, its
// work's estimate and what was paid, the critical finding still open and the late publication.

const PHONE = VIEWPORTS[0];

describe("web: the commune's and the province's overview on a phone", () => {
  phoneIt(`[${PHONE.width}px] when a hamlet has collected, paid and is late, then the commune's admin sees it hamlet by hamlet`, async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE, { now: "2025-07-02T03:00:00.000Z" });
    try {
      const { page, url, w, t } = web;
      t.clock.set("2025-06-15T03:00:00.000Z");
      const hh = await household(t, w, "HA-001");
      const c = await campaign(t, w);
      expect((await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/contributions`, { householdId: hh.id, campaignId: c.id, amount: "350000", date: "2025-06-10", method: "cash" })).status).to.equal(201);
      await cash(t, w.hamletA, "20000000");
      const wk = await work(t, w);
      expect((await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${wk.id}/expenses`, { category: "materials", amount: "1500000", date: "2025-06-02", payee: "Cửa hàng VLXD Hòa Phát", description: "Xi măng PCB40", method: "cash" })).status).to.equal(201);
      await fixtureFinding(t, w, (await fixtureInspection(t, w, { workId: wk.id })).id, "critical", "2025-06-20");
      expect((await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "trial-balance", params: { from: "2025-05-01", to: "2025-05-31" } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-31" })).status).to.equal(201);
      t.clock.set("2025-07-02T03:00:00.000Z");

      await signIn(page, url, "commune.admin", `/app/units/${w.commune}/overview`);
      await page.getByRole("heading", { name: "Tổng quan các thôn" }).waitFor({ timeout: 15_000 });
      const main = page.locator("main");
      await main.getByRole("link", { name: "Bê tông hóa đường thôn 2025" }).waitFor();
      await main.getByText("1 nghiêm trọng").waitFor();
      await main.getByText("hạn 13/06/2025, chưa công bố", { exact: false }).waitFor();
      expect(await main.getByText("350.000").count()).to.be.greaterThan(0);
      await look(page, PHONE, "overview-commune");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });

  phoneIt(`[${PHONE.width}px] when the province's admin opens its overview, then each commune is a line with its totals`, async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE, { now: "2025-07-02T03:00:00.000Z" });
    try {
      const { page, url, w, t } = web;
      const hh = await household(t, w, "HA-001");
      const c = await campaign(t, w);
      expect((await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/contributions`, { householdId: hh.id, campaignId: c.id, amount: "350000", date: "2025-06-10", method: "cash" })).status).to.equal(201);
      await signIn(page, url, "root", `/app/units/${w.province}/overview`);
      await page.getByRole("heading", { name: "Tổng quan các xã" }).waitFor({ timeout: 15_000 });
      const main = page.locator("main");
      await main.getByRole("link", { name: "Xã Tân Linh" }).waitFor();
      expect(await main.getByText("350.000").count()).to.be.greaterThan(1);
      await look(page, PHONE, "overview-province");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});

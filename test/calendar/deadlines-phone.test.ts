import { expect } from "chai";
import { fixtureFinding, fixtureInspection, work } from "../helpers/given-works";
import { expectNoProblems, phoneIt, look, openWeb, signIn, VIEWPORTS } from "../web/browser";

// The commune's deadlines on a phone (360 px): its admin sees a hamlet's publication drafted past
// its publish-by date and a finding and a resident's feedback answered late, and takes the apology
// letter to print.

const PHONE = VIEWPORTS[0];

describe("web: the commune's deadlines on a phone", () => {
  phoneIt(`[${PHONE.width}px] when a hamlet is late, then the commune's admin sees what, since when, and downloads the apology letter`, async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE, { now: "2025-07-02T03:00:00.000Z" });
    try {
      const { page, url, w, t } = web;
      // What became late was recorded in June.
      t.clock.set("2025-06-15T03:00:00.000Z");
      const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "trial-balance", params: { from: "2025-05-01", to: "2025-05-31" } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-31" });
      expect(d.status, JSON.stringify(d.body)).to.equal(201);
      const wk = await work(t, w);
      await fixtureFinding(t, w, (await fixtureInspection(t, w, { workId: wk.id })).id, "minor", "2025-06-20");
      expect((await t.as().post(`/public/works/${wk.id}/feedback`, { text: "Rãnh thoát nước trước nhà văn hóa bị tắc." })).status).to.equal(201);
      t.clock.set("2025-07-02T03:00:00.000Z");

      // The commune's dashboard says it at once, and leads to the list.
      await signIn(page, url, "commune.admin", `/app/units/${w.commune}`);
      await page.getByRole("link", { name: "Trễ hạn: 1 bản công khai chậm, 2 trả lời quá hạn" }).waitFor({ timeout: 15_000 });
      await look(page, PHONE, "deadlines-dashboard");
      await page.getByRole("link", { name: "Trễ hạn: 1 bản công khai chậm, 2 trả lời quá hạn" }).click();
      await page.getByRole("heading", { name: "Công khai chậm" }).waitFor({ timeout: 15_000 });
      const main = page.locator("main");
      await main.getByText("13/06/2025").first().waitFor();
      await main.getByText("Trễ 12 ngày").first().waitFor();
      await main.getByText("Rãnh thoát nước trước nhà văn hóa bị tắc.").waitFor();
      await look(page, PHONE, "deadlines-commune");
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải thư (PDF)" }).first().click()]);
      expect(download.suggestedFilename()).to.match(/^thu-xin-loi-finding-\d+\.pdf$/);
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});

import { expect } from "chai";
import { work } from "../helpers/given-works";
import { decision, households } from "../decisions/given";
import { expectNoProblems, phoneIt, look, openWeb, signIn, VIEWPORTS } from "../web/browser";

// On a phone (360 px), the hamlet's treasurer sees what is owed the notice board though nobody has
// drafted it — a settled work, a decision the commune recognised — and drafts the work's statement
// from there, the form already set to that work.

const PHONE = VIEWPORTS[0];

describe("web: publications owed, on a phone", () => {
  phoneIt(`[${PHONE.width}px] a settled work and a recognised decision show as owed, and the work's link opens the draft form filled in`, async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE, { now: "2025-05-14T03:00:00.000Z", env: { SESSION_TTL_HOURS: "2160" } });
    try {
      const { page, url, w, t } = web;
      // Settled on 25/04 (due 13/05, past the 30/4–1/5 holidays); the decision recognised on 02/05.
      t.clock.set("2025-04-25T03:00:00.000Z");
      const wk = await work(t, w, { name: "Đường bê tông xóm 3", funding: [{ source: "commune", amount: "80000000" }] });
      for (const to of ["approved", "in_progress", "completed", "accepted", "settled"]) {
        const r = await t.as(w.headA.token).post(`/units/${w.hamletA}/works/${wk.id}/transitions`, { to, decision: { date: "2025-04-01", minutesRef: "BB", householdsTotal: 10, householdsAgreeing: 9 } });
        expect(r.status, `${to} ${JSON.stringify(r.body)}`).to.equal(200);
      }
      t.clock.set("2025-05-02T03:00:00.000Z");
      await households(t, w.hamletA, 3);
      await decision(t, w.hamletA, { title: "Mức đóng góp làm đường" });
      t.clock.set("2025-05-14T03:00:00.000Z");

      await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/deadlines`);
      await page.getByRole("heading", { name: "Chưa công khai" }).waitFor({ timeout: 15_000 });
      const main = page.locator("main");
      await main.getByText(`Quyết toán công trình ${wk.number} — Đường bê tông xóm 3`).waitFor();
      await main.getByText("Kết quả quyết định: Mức đóng góp làm đường").waitFor();
      await main.getByText("Trễ 1 ngày").first().waitFor();
      await main.getByText("Sắp đến hạn").first().waitFor();
      await look(page, PHONE, "deadlines-owed");
      // the decision's result has its own link now: the work's is the first
      expect(await main.getByRole("link", { name: "Lập bản công khai" }).count()).to.equal(2);
      await main.getByRole("link", { name: "Lập bản công khai" }).first().click();
      await page.getByRole("heading", { name: "Lập bản công khai" }).waitFor({ timeout: 15_000 });
      expect(await page.locator("select[name=kind]").inputValue()).to.equal("work-settlement");
      expect(await page.locator("select[name=workId]").inputValue()).to.equal(String(wk.id));
      await look(page, PHONE, "deadlines-owed-draft");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});

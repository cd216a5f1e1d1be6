import { expect } from "chai";
import { decision, households } from "../decisions/given";
import { expectNoProblems, phoneIt, look, openWeb, signIn, VIEWPORTS, Web } from "./browser";

// A recognised decision told to residents, on a phone (360 px): the decision's page offers to draft
// its publication, and the publications form opens on the decision's result with that decision chosen.

const PHONE = VIEWPORTS[0];

async function see(web: Web, text: string | RegExp): Promise<void> {
  await web.page.getByText(text).first().waitFor({ timeout: 15_000 }).catch(async (e) => {
    throw new Error(`${e.message}\n--- main:\n${await web.page.locator("main").innerText()}`);
  });
}

describe("web: a decision's result drafted from the decision, on a phone", () => {
  phoneIt(`[${PHONE.width}px] when the commune has recognised a decision, then its page links to the publication form filled in with it, and the draft is saved`, async function () {
    this.timeout(90_000);
    const web = await openWeb(this, PHONE);
    try {
      const { page, url, w, t } = web;
      await households(t, w.hamletA, 9, "DT");
      const d = await decision(t, w.hamletA, { agree: 7, title: "Mức đóng góp bê tông hóa đường xóm 3" });
      await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/decisions/${d.id}`);
      await see(web, "Xã đã công nhận");
      await look(page, PHONE, "decision-recognised-publish");
      await page.getByRole("link", { name: "Lập bản công khai" }).click();
      await see(web, "Quyết định đã được xã công nhận");
      expect(await page.getByLabel("Loại báo cáo").inputValue()).to.equal("decision");
      await page.getByLabel("Quyết định đã được xã công nhận").locator(`option[value="${d.id}"]`).waitFor({ state: "attached" });
      expect(await page.getByLabel("Quyết định đã được xã công nhận").inputValue()).to.equal(String(d.id));
      await look(page, PHONE, "decision-publication-form");
      await page.getByRole("button", { name: "Lưu bản nháp, gửi trưởng thôn duyệt" }).click();
      await see(web, "Đã lưu bản nháp");
      const saved = await t.db("publications").where({ unit_id: w.hamletA, kind: "decision" }).first();
      expect(JSON.parse(saved.params)).to.deep.equal({ decisionId: d.id });
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});

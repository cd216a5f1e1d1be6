import { expect } from "chai";
import { testApp } from "../helpers/app";
import { campaign, household } from "../helpers/given-contributions";
import { checkA11y, expectNoProblems, look, openWeb, signIn, VIEWPORTS, Web } from "./browser";

// the shell (login, addresses, CSP, not-allowed page) and recording a receipt at the door.

describe("web: sign-in, addresses and the policy", () => {
  it("when anyone opens /app or any screen address, then the answer is the shell under a CSP without 'unsafe-inline'", async () => {
    const t = await testApp();
    for (const p of ["/app", "/app/units/1", "/app/units/1/households", "/app/units/1/receipts/new", "/app/units/1/entries", "/app/units/1/works/2", "/app/boards/1", "/app/admin"]) {
      const r = await t.api.get(p);
      expect(r.status, p).to.equal(200);
      expect(r.headers["content-type"]).to.equal("text/html; charset=utf-8");
      const csp = String(r.headers["content-security-policy"]);
      const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? /default-src ([^;]+)/.exec(csp)?.[1];
      expect(scriptSrc, p).to.be.a("string");
      expect(scriptSrc).to.not.include("unsafe-inline");
      expect(r.text).to.not.match(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
      expect(r.text).to.not.match(/\son[a-z]+=/i); // no inline handler
    }
    const shell = await t.api.get("/app");
    const js = /src="(\/app\/assets\/[^"]+\.js)"/.exec(shell.text)![1];
    const asset = await t.api.get(js);
    expect(asset.status).to.equal(200);
    expect(asset.headers["cache-control"]).to.include("immutable");
    expect((await t.api.get("/app/assets/nope.js")).status).to.equal(404);
  });

  for (const vp of VIEWPORTS) {
    it(`[${vp.width}px] when a signed-out treasurer opens a bookmarked screen, then she logs in, lands on it, and a reload keeps her there`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, vp);
      try {
        const { page, url, w } = web;
        await page.goto(`${url}/app/units/${w.hamletA}`);
        const form = page.locator("form.login");
        await expect(await form.count()).to.equal(1);
        expect(await form.locator("input[type=password]").count()).to.equal(1);
        await look(page, vp, "login");
        await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}`);
        expect(new URL(page.url()).pathname).to.equal(`/app/units/${w.hamletA}`);
        await page.locator("main h1", { hasText: "Thôn Đồng Tâm" }).waitFor();
        await page.reload();
        await page.locator("main h1", { hasText: "Thôn Đồng Tâm" }).waitFor();
        await page.getByText("Tiền mặt (111)").waitFor(); // the balances, loaded after the screen
        await look(page, vp, "unit-dashboard");
        // a unit without a grant: a clear page, no data
        await page.goto(`${url}/app/units/${w.hamletB}`);
        await page.locator("[data-status='403']").waitFor();
        expect(await page.locator("main").innerText()).to.include("Không được phép");
        expect(await page.locator("main").innerText()).to.not.include("Thôn Tân Phú");
        // English on demand
        await page.getByRole("button", { name: "English" }).click();
        await page.locator("main h1", { hasText: "Not allowed" }).waitFor();
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });

    it(`[${vp.width}px] when a treasurer records a receipt by a name typed without diacritics, then the words show before saving, a double click records one receipt, and the PDF downloads`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, vp);
      try {
        const { page, url, w, t } = web;
        await household(t, w, "HA-001", { headName: "Nguyễn Hữu Đức" });
        await household(t, w, "HA-002", { headName: `<img src=x onerror=alert(1)>` });
        const c = await campaign(t, w);
        await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/receipts/new`);
        await page.getByRole("combobox", { name: "Hộ gia đình" }).fill("nguyen huu duc");
        await page.getByRole("button", { name: /HA-001 — Nguyễn Hữu Đức/ }).click();
        await page.getByLabel(/Số tiền/).pressSequentially("1250000");
        expect(await page.getByLabel(/Số tiền/).inputValue()).to.equal("1.250.000");
        expect(await page.locator(".in-words").innerText()).to.include("Một triệu hai trăm năm mươi nghìn đồng");
        await look(page, vp, "receipt-new");
        await page.getByRole("button", { name: "Ghi phiếu thu" }).dblclick();
        await page.getByText(/Đã ghi phiếu thu PT-/).waitFor({ timeout: 5000 }).catch(async (e) => { throw new Error(`${e.message}\n${await page.locator("main").innerText()}`); });
        const rows = await t.db("contributions").where({ campaign_id: c.id });
        expect(rows).to.have.length(1);
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Tải phiếu thu/ }).click()]);
        const file = await download.path();
        const bytes = (await import("node:fs")).readFileSync(file!);
        expect(bytes.subarray(0, 5).toString()).to.equal("%PDF-");
        // a household named like markup is shown as text
        await page.getByRole("button", { name: "Ghi phiếu thu khác" }).click();
        await page.getByRole("combobox", { name: "Hộ gia đình" }).fill("HA-002");
        const b = page.getByRole("button", { name: /HA-002/ });
        await b.waitFor();
        expect(await b.innerText()).to.include("<img src=x onerror=alert(1)>");
        expect(await page.locator("main img").count()).to.equal(0);
        await checkA11y(page, "receipt-search");
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });

    it(`[${vp.width}px] when the network drops after the server saved a receipt, then the form keeps what was typed (even over a reload) and saving again records one receipt`, async function () {
      this.timeout(90_000);
      const web = await openWeb(this, vp);
      try {
        const { page, url, w, t } = web;
        await household(t, w, "HA-001", { headName: "Trần Thị Hường" });
        const c = await campaign(t, w);
        await signIn(page, url, "treasurer.a", `/app/units/${w.hamletA}/receipts/new`);
        await page.getByRole("combobox", { name: "Hộ gia đình" }).fill("huong");
        await page.getByRole("button", { name: /HA-001/ }).click();
        await page.getByLabel(/Số tiền/).pressSequentially("300000");
        // The request reaches the server and is recorded; its answer never reaches the phone.
        let cut = true;
        await page.route("**/api/v1/units/*/contributions", async (route) => {
          if (!cut) return route.continue();
          cut = false;
          await route.fetch();
          await route.abort("internetdisconnected");
        });
        await page.getByRole("button", { name: "Ghi phiếu thu" }).click();
        await page.getByText(/Mất kết nối mạng/).waitFor();
        expect(await page.getByLabel(/Số tiền/).inputValue()).to.equal("300.000");
        expect(await t.db("contributions").where({ campaign_id: c.id })).to.have.length(1);
        // The signal comes back later; the page was even reloaded meanwhile.
        await page.reload();
        await page.getByText(/Đã chọn: HA-001/).waitFor();
        expect(await page.getByLabel(/Số tiền/).inputValue()).to.equal("300.000");
        await page.getByRole("button", { name: "Ghi phiếu thu" }).click();
        await page.getByText(/Đã ghi phiếu thu PT-/).waitFor();
        expect(await t.db("contributions").where({ campaign_id: c.id })).to.have.length(1);
        expectNoProblems(web);
      } finally {
        await web.close();
      }
    });
  }
});

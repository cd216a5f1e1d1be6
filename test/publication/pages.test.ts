import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { chromium } from "playwright-core";
import { systemActor } from "../../src/identity";
import { setUpUnit } from "../../src/modules";
import { freshDb, tempDir } from "../helpers/db";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { call, startServer } from "../helpers/server";
import { DEMO_PASSWORD } from "../../seeds/demo";
import { moneyedHamlet, requireTool } from "./helpers";
import { formatDong, fromDb } from "../../src/shared/money";

// The public pages. Server-rendered Vietnamese HTML; values escaped by the template engine
// (only & < > " '); a resident on a cheap phone opens a hamlet's page, downloads a statement and
// verifies it through the page (headless Chromium, Debian's, driven by playwright-core).

describe("publication: public pages", () => {
  it("when anyone opens the home, a hamlet's page and a verify link, then they get UTF-8 pages with every value escaped and Vietnamese as is", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const { campaignId } = await moneyedHamlet(t, w, { households: 3 });
    const actor = systemActor(t.clock.now().toISOString(), "test");
    await t.db.transaction((trx) => setUpUnit(trx, actor, { code: "xom-la", name: `Xóm <b>Lá</b> & "Tre" 'Ngà'`, kind: "hamlet", parentId: w.commune }));
    const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "contribution-list", params: { campaignId } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" });
    const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
    expect(a.status).to.equal(200);

    const home = await t.api.get("/");
    expect(home.status).to.equal(200);
    expect(home.headers["content-type"]).to.equal("text/html; charset=utf-8");
    expect(home.text).to.include("Xã Tân Linh");
    expect(home.text).to.include("Thôn Đồng Tâm");
    expect(home.text).to.include("Xóm &lt;b&gt;Lá&lt;/b&gt; &amp; &quot;Tre&quot; &#39;Ngà&#39;");
    expect(home.text).to.not.include("<b>Lá</b>");
    expect(home.text).to.not.match(/&#7[0-9]{3};|&[a-z]+acute;/); // Vietnamese letters are not entities

    const unit = await t.api.get("/u/ha");
    expect(unit.status).to.equal(200);
    expect(unit.text).to.include("DANH SÁCH ĐÓNG GÓP");
    expect(unit.text).to.include(`/api/v1/public/publications/${d.body.id}.pdf`);
    expect(unit.text).to.include(`/api/v1/public/publications/${d.body.id}.xlsx`);
    expect(unit.text).to.include(a.body.code);
    expect(unit.text).to.include('name="viewport" content="width=device-width, initial-scale=1"');
    // each statement's headline figures as published, in đồng, beside its download
    const figures = JSON.parse((await t.db("publications").where({ id: d.body.id }).first()).figures) as { label: string; amount?: string }[];
    expect(figures.some((f) => f.amount)).to.equal(true);
    for (const f of figures) if (f.amount) expect(unit.text).to.include(`<dt>${f.label}</dt><dd class="">${formatDong(fromDb(f.amount))} đồng</dd>`);
    // the hamlet's page leads back to its commune by name
    expect(unit.text).to.include(`<a href="/u/c1">← Xã Tân Linh</a>`);
    expect((await t.api.get("/u/nope")).status).to.equal(404);

    const good = await t.api.get(`/verify/${a.body.code}?hash=${a.body.dataHash}`);
    expect(good.text).to.include("ĐÚNG");
    const bad = await t.api.get(`/verify/${a.body.code}?hash=${"0".repeat(64)}`);
    expect(bad.text).to.include("KHÔNG KHỚP");
    expect((await t.api.get(`/verify/NOPE`)).status).to.equal(404);
    expect((await t.api.get(`/verify/not-published`)).text).to.include("chưa được công bố");
  });

  it("when a resident opens the demo hamlet in Chromium, downloads a PDF and checks it through the page, then the page says it is genuine", async function () {
    this.timeout(120_000);
    requireTool("chromium", this);
    const executablePath = spawnSync("sh", ["-c", "command -v chromium"]).stdout.toString().trim();
    const { url: databaseUrl } = await freshDb();
    const files = tempDir();
    const server = await startServer({ DATABASE_URL: databaseUrl, DEMO_DATA: "true", FILES_DIR: files });
    const browser = await chromium.launch({
      executablePath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      // the demo's treasurer drafts the contribution list, its hamlet head approves it
      const login = async (username: string) => (await call(server.url, "POST", "/auth/login", { username, password: DEMO_PASSWORD })).body.token as string;
      const treasurer = await login("dt.thuquy");
      const head = await login("dt.truongthon");
      const units = (await call(server.url, "GET", "/public/units")).body.data as { id: number; code: string }[];
      const dongTam = units.find((u) => u.code === "dong-tam")!;
      const campaigns = (await call(server.url, "GET", `/units/${dongTam.id}/campaigns`, undefined, treasurer)).body.data as { id: number; name: string }[];
      const road = campaigns.find((c) => c.name.startsWith("Bê tông"))!;
      const today = new Date().toISOString().slice(0, 10);
      const until = new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 10);
      const d = await call(server.url, "POST", `/units/${dongTam.id}/publications`, { statement: { kind: "contribution-list", params: { campaignId: road.id } }, places: ["culture_house", "website"], postedFrom: today, postedUntil: until }, treasurer);
      expect(d.status, JSON.stringify(d.body)).to.equal(201);
      const a = await call(server.url, "POST", `/units/${dongTam.id}/publications/${d.body.id}/approve`, undefined, head);
      expect(a.status, JSON.stringify(a.body)).to.equal(200);

      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, acceptDownloads: true, locale: "vi-VN" });
      const page = await context.newPage();
      await page.goto(`${server.url}/u/dong-tam`);
      expect(await page.textContent("h1")).to.equal("Thôn Đồng Tâm");
      const card = page.locator(`#p-${d.body.id}`);
      expect(await card.textContent()).to.include(a.body.code);
      // readable at 360 px: nothing wider than the screen
      expect(await page.evaluate("document.documentElement.scrollWidth")).to.be.at.most(360);
      const shots = path.resolve(__dirname, "../../test-output");
      fs.mkdirSync(shots, { recursive: true });
      const shot = await page.screenshot({ path: path.join(shots, "unit-page.png"), fullPage: true });
      expect(shot.subarray(1, 4).toString()).to.equal("PNG");

      const [download] = await Promise.all([page.waitForEvent("download"), card.getByText("Tải bản in (PDF)").click()]);
      const saved = path.join(files, "downloaded.pdf");
      await download.saveAs(saved);
      expect(fs.readFileSync(saved).subarray(0, 5).toString()).to.equal("%PDF-");

      await card.locator("summary").click();
      await card.locator('input[type="file"]').setInputFiles(saved);
      await Promise.all([page.waitForURL(`${server.url}/verify`), card.getByText("Kiểm tra tệp PDF").click()]);
      const result = await page.textContent("#result");
      expect(result).to.include("ĐÚNG: bản này trùng khớp với bản đã công bố.");
      expect(result).to.include("Vẫn còn mới");
      await page.screenshot({ path: path.join(shots, "verify-page.png"), fullPage: true });
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});

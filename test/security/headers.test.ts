import http from "node:http";
import net from "node:net";
import { expect } from "chai";
import { modulePages } from "../../src/modules";
import { testApp, TestApp } from "../helpers/app";
import { world, World } from "../helpers/given";
import { work } from "../helpers/given-works";
import { moneyedHamlet } from "../publication/helpers";
import { chromiumPath, launch } from "../web/browser";

// The public pages are as guarded as /app: a policy without 'unsafe-inline' (no inline script or
// style at all), never framed, no sniffing, no referrer. The pages are found from the routers that
// serve them (modulePages), so a new page fails here until it has a case below; each is then opened
// in headless Chromium, which must report no policy violation and apply the stylesheet.

interface Sample {
  code: string;
  hash: string;
  receipt: string;
  workId: number;
  consultationId: number;
}

/** Addresses to try for each page route (`METHOD path` as its router declares it). */
const CASES: Record<string, (s: Sample) => string[]> = {
  "GET /": () => ["/"],
  "GET /u/:unitCode": () => ["/u/ha", "/u/nope"],
  "GET /u/:unitCode/works/:workId": (s) => [`/u/ha/works/${s.workId}`],
  // The code box's form (GET ?code=, a redirect to the code's page) and the box alone.
  "GET /verify": (s) => ["/verify", `/verify?code=${s.code.toLowerCase()}`],
  "GET /verify/:code": (s) => [`/verify/${s.code}`, `/verify/${s.code}?hash=${s.hash}`, `/verify/${s.receipt}`, "/verify/not-published", "/verify/NOPE"],
  // Sent by the upload form of a verify page (below, in the browser).
  "POST /verify": () => [],
  // A staff screen's link to a consultation: a redirect to its work's page.
  "GET /consultations/:consultationId": (s) => [`/consultations/${s.consultationId}`, "/consultations/999999"],
  // Sent by a work page's forms (test/publication/work-forms.test.ts, test/web/resident-phone.test.ts).
  "POST /u/:unitCode/works/:workId/feedback": () => [],
  "POST /u/:unitCode/works/:workId/consultations/:consultationId/opinion": () => [],
  // A decision's page (none here: the not-found page; an open one in test/decisions/pages.test.ts) and its vote form.
  "GET /u/:unitCode/decisions/:decisionId": () => ["/u/ha/decisions/999999"],
  "POST /u/:unitCode/decisions/:decisionId/vote": () => [],
  // A message's "Hủy đăng ký" link (no such subscription here: the not-found page) and its button.
  "GET /notify/unsubscribe/:id/:token": () => ["/notify/unsubscribe/1/abcdefghijklmnop", "/notify/unsubscribe/x/y"],
  "POST /notify/unsubscribe/:id/:token": () => [],
  // The subscribe page (a unit's, and an unknown unit's not-found page) and its forms (test/notify/pages.test.ts).
  "GET /u/:unitCode/subscribe": () => ["/u/ha/subscribe", "/u/nope/subscribe"],
  "POST /u/:unitCode/subscribe": () => [],
  "POST /u/:unitCode/subscribe/:subscriptionId/confirm": () => [],
  "POST /u/:unitCode/subscribe/withdraw": () => [],
};
const ASSET = /^GET \/assets\/public-[0-9a-f]{12}\.css$/;

/** Every page route the public routers declare. */
function pageRoutes(t: TestApp): string[] {
  const deps = { db: t.db, config: t.config, clock: t.clock, logger: undefined, throttles: {}, sessions: undefined, onUnitCreated: undefined } as any;
  const out: string[] = [];
  for (const router of modulePages(deps)) {
    for (const layer of (router as any).stack) {
      if (!layer.route) continue;
      for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${layer.route.path}`);
    }
  }
  return out;
}

async function sample(t: TestApp, w: Pick<World, "hamletA" | "treasurerA" | "headA">): Promise<Sample> {
  const { campaignId, receipts } = await moneyedHamlet(t, w, { households: 3 });
  const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "contribution-list", params: { campaignId } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" });
  const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
  expect(a.status, JSON.stringify(a.body)).to.equal(200);
  const entry = await t.db("entries").where({ id: receipts[0].entryId }).first();
  const wk = await work(t, w);
  const c = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${wk.id}/consultations`, { question: "Đồng ý làm đường?", opensAt: "2025-06-01T00:00:00Z", closesAt: "2025-06-30T00:00:00Z" });
  expect(c.status, JSON.stringify(c.body)).to.equal(201);
  return { code: a.body.code, hash: a.body.dataHash, receipt: `R-${entry.id}-${String(entry.hash).slice(0, 10)}`, workId: wk.id, consultationId: c.body.id };
}

function expectGuarded(res: { headers: Record<string, string> }, what: string) {
  const csp = res.headers["content-security-policy"] ?? "";
  expect(csp, `${what}: a policy`).to.match(/default-src 'none'|default-src 'self'/);
  expect(csp, `${what}: no unsafe-inline`).to.not.include("unsafe-inline");
  expect(csp, `${what}: no unsafe-eval`).to.not.include("unsafe-eval");
  expect(csp, `${what}: never framed`).to.include("frame-ancestors 'none'");
  expect(res.headers["x-content-type-options"], what).to.equal("nosniff");
  expect(res.headers["referrer-policy"], what).to.equal("no-referrer");
  expect(res.headers["x-frame-options"], what).to.equal("DENY");
}

describe("security: public pages' headers", () => {
  it("when any public page, its stylesheet, the web app or an unknown address outside the API is fetched, then it carries the strict policy, nosniff, a referrer policy and no framing", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const s = await sample(t, w);
    const routes = pageRoutes(t);
    const missing = routes.filter((r) => !CASES[r] && !ASSET.test(r));
    expect(missing, "a public page without a case in test/security/headers.test.ts").to.deep.equal([]);
    const urls = routes.filter((r) => r.startsWith("GET ") && CASES[r]).flatMap((r) => CASES[r](s));
    const asset = routes.find((r) => ASSET.test(r))!.slice(4);
    for (const u of [...urls, asset, "/app", "/app/units/1/books", "/no-such-page"]) {
      const r = await t.api.get(u);
      expect(r.status, u).to.be.below(500);
      expectGuarded(r as any, u);
    }
    const upload = await t.api.post("/verify").attach("file", Buffer.from("%PDF-1.4 not really"), "x.pdf");
    expect(upload.status).to.be.below(500);
    expectGuarded(upload as any, "POST /verify");
    // A work page's forms answer with the page (here: refused, no form token), under the same policy.
    const feedback = await t.api.post(`/u/ha/works/${s.workId}/feedback`).field("text", "x");
    expect(feedback.status).to.equal(403);
    expectGuarded(feedback as any, "POST …/feedback");
    const opinion = await t.api.post(`/u/ha/works/${s.workId}/consultations/${s.consultationId}/opinion`).type("form").send({ choice: "agree" });
    expect(opinion.status).to.equal(403);
    expectGuarded(opinion as any, "POST …/opinion");
    const subscribe = await t.api.post("/u/ha/subscribe").type("form").send({ householdCode: "H01" });
    expect(subscribe.status).to.equal(403);
    expectGuarded(subscribe as any, "POST …/subscribe");
    for (const u of urls) {
      const r = await t.api.get(u);
      expect(r.text, u).to.not.match(/<style|<script|\sstyle=|\son[a-z]+=/i);
    }
  });

  it("when the public pages are opened in Chromium, then they render with their stylesheet and report no policy violation, the upload form included", async function () {
    this.timeout(120_000);
    const exe = chromiumPath(this)!;
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const s = await sample(t, w);
    const server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const browser = await launch(exe);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" && !/status of 404/.test(m.text())) problems.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      await context.addInitScript(() => {
        const g = globalThis as any;
        g.document.addEventListener("securitypolicyviolation", (e: any) => {
          (g.__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      const urls = Object.entries(CASES).filter(([k]) => k.startsWith("GET ")).flatMap(([, f]) => f(s));
      for (const u of urls) {
        await page.goto(base + u);
        const seen = await page.evaluate(() => {
          const g = globalThis as any;
          return { violations: (g.__violations ?? []) as string[], header: g.getComputedStyle(g.document.querySelector("header")).backgroundColor as string };
        });
        expect(seen.violations, u).to.deep.equal([]);
        expect(seen.header, `${u}: the stylesheet applies`).to.equal("rgb(139, 28, 28)");
      }
      // The upload form posts to /verify and answers with a page, under the same policy.
      await page.goto(`${base}/verify/${s.code}`);
      await page.setInputFiles('input[type="file"]', { name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 not a statement") });
      await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Kiểm tra tệp PDF" }).click()]);
      const after = await page.evaluate(() => ((globalThis as any).__violations ?? []) as string[]);
      expect(after).to.deep.equal([]);
      expect(await page.locator("main").innerText()).to.match(/Kiểm tra|không phải/i);
      expect(problems, problems.join("\n")).to.deep.equal([]);
    } finally {
      await context.close();
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    }
  });
});

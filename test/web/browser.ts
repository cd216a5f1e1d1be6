import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { expect } from "chai";
import { chromium, Browser, BrowserContext, Page } from "playwright-core";
import { testApp, TestApp } from "../helpers/app";
import { TEST_DB } from "../helpers/db";
import { atFileEnd } from "../helpers/cleanup";
import { PASSWORD, world, World } from "../helpers/given";

// Browser tests of the web app: Debian's chromium driven by playwright-core, against the
// app served in-process over a fresh database. Every page is loaded under the app's real
// Content-Security-Policy; a CSP violation, a script error or a console error fails the test.

const ALL_VIEWPORTS = [
  { name: "phone", width: 360, height: 740 },
  { name: "desktop", width: 1280, height: 800 },
] as const;
export type Viewport = (typeof ALL_VIEWPORTS)[number];
/**
 * Each scenario runs at both widths on SQLite and at the phone's on PostgreSQL: the width changes
 * the layout, which the engine does not, and the scenario's requests are the same at any width.
 * The desktop runs were a fifth of the PostgreSQL run's time (the suite must stay under 5 minutes).
 */
export const VIEWPORTS: readonly Viewport[] = TEST_DB === "postgres" ? ALL_VIEWPORTS.slice(0, 1) : ALL_VIEWPORTS;
export { PASSWORD };

const SHOTS = path.resolve(__dirname, "../../test-output/screenshots");

export function chromiumPath(ctx: Mocha.Context): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v chromium"]).stdout.toString().trim();
  if (found) return found;
  if (process.env.CI === "true") throw new Error("chromium is not installed: .ci/run must install it");
  ctx.skip(); // off CI, a machine without chromium skips the browser tests (reason: no chromium)
  return undefined;
}

let shared: Promise<Browser> | undefined;
/** One Chromium per test file (each test gets its own context: no shared state). */
export function launch(executablePath: string): Promise<Browser> {
  if (!shared) {
    shared = chromium.launch({
      executablePath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
    });
    atFileEnd(async () => {
      const b = shared;
      shared = undefined;
      if (b) await (await b).close();
    });
  }
  return shared;
}

export interface Web {
  t: TestApp;
  w: World;
  url: string;
  page: Page;
  context: BrowserContext;
  /** Errors the page reported (console errors, uncaught exceptions, CSP violations). */
  problems: string[];
  close(): Promise<void>;
}

/**
 * A fresh database with the test world (root, commune admin, treasurer/head of hamlet A, treasurer
 * of hamlet B, an inspector; password PASSWORD), the app listening on a free port, and a page at
 * the given viewport whose clock reads the app's fixed "now".
 */
export async function openWeb(ctx: Mocha.Context, vp: Viewport, opts: { now?: string; env?: Record<string, string> } = {}): Promise<Web> {
  const exe = chromiumPath(ctx)!;
  const t = await testApp({ now: opts.now ?? "2025-06-15T03:00:00.000Z", env: opts.env });
  const w = await world(t);
  const server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  const browser = await launch(exe);
  const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, acceptDownloads: true, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  await context.clock.setFixedTime(new Date(t.clock.now().getTime()));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource: the server responded with a status of (4\d\d)/.test(m.text()) && !/net::ERR_FAILED|net::ERR_INTERNET_DISCONNECTED/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return {
    t, w, url, page, context, problems,
    async close() {
      await context.close();
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    },
  };
}

/** Signs out with the header's button and waits for the login screen (the logout request has ended). */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.locator("main h1", { hasText: /Đăng nhập|Sign in/ }).waitFor();
}

/** Signs in through the login form (Enter in the password field submits it) and waits for a screen. */
export async function signIn(page: Page, url: string, username: string, pathAfter = "/app"): Promise<void> {
  await page.goto(`${url}${pathAfter}`);
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(PASSWORD);
  await page.getByLabel(/Mật khẩu|Password/).press("Enter");
  await page.locator("main h1").filter({ hasNotText: /Đăng nhập|Sign in/ }).first().waitFor();
}

/** axe-core on the current screen: no serious or critical violation. */
export async function checkA11y(page: Page, what: string): Promise<void> {
  const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  // evaluate runs through the DevTools protocol, outside the page's CSP (which stays in force).
  await page.evaluate(source);
  const violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] = await page.evaluate(async () => {
    const g = globalThis as any; // the browser's window
    const r = await g.axe.run(g.document, { resultTypes: ["violations"] });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n: any) => ({ target: n.target })) }));
  });
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad, `${what}: ${JSON.stringify(bad, null, 1)}`).to.deep.equal([]);
}

/** Nothing wider than the screen: the page never scrolls sideways (tables scroll inside themselves). */
export async function checkNoOverflow(page: Page, what: string): Promise<void> {
  const o = await page.evaluate(() => {
    const g = globalThis as any; // the browser's window
    return { scroll: g.document.documentElement.scrollWidth as number, width: g.innerWidth as number };
  });
  expect(o.scroll, `${what}: page is ${o.scroll}px wide in a ${o.width}px window`).to.be.at.most(o.width);
}

/** A screenshot for a person to look at (test-output/screenshots, not committed), after the checks. */
export async function look(page: Page, vp: Viewport, name: string): Promise<void> {
  await checkNoOverflow(page, name);
  await checkA11y(page, name);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}-${vp.width}.png`), fullPage: true });
}

/** The page reported no script error, console error or CSP violation. */
export function expectNoProblems(web: Web): void {
  expect(web.problems, web.problems.join("\n")).to.deep.equal([]);
}

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

/**
 * A phone scenario of the SQLite run only. The engine changes no layout, and the PostgreSQL run
 * keeps the scenarios of the slowest screens (the phone walk's, the import, a work's public page,
 * the head's approvals) to stay within its time; each scenario's server side is tested on both
 * engines by its module's API tests.
 */
export function phoneIt(title: string, fn: Mocha.AsyncFunc): void {
  if (TEST_DB !== "postgres") it(title, fn);
}

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

/** Nothing wider than the screen: the page never scrolls sideways. */
export async function checkNoOverflow(page: Page, what: string): Promise<void> {
  const o = await page.evaluate(() => {
    const g = globalThis as any; // the browser's window
    return { scroll: g.document.documentElement.scrollWidth as number, width: g.innerWidth as number };
  });
  expect(o.scroll, `${what}: page is ${o.scroll}px wide in a ${o.width}px window`).to.be.at.most(o.width);
}

/** What a phone check found: elements past the screen's right edge, and tap targets under 44×44 px. */
export interface PhoneOffences {
  wide: string[];
  small: string[];
}

/**
 * A phone's two rules for every visible element: nothing extends past the viewport's width (a table
 * scrolled sideways inside its box does not fit either), and every link, button, checkbox, select,
 * field and summary offers a 44×44 px target — its own box, or its box joined with its label's (a
 * tap on a checkbox's label ticks it). Offenders are named by a short selector and their text.
 */
export async function phoneOffences(page: Page): Promise<PhoneOffences> {
  // tsx names the inner functions with a helper the page lacks: give the page a no-op one
  await page.evaluate("self.__name = self.__name || ((f) => f)");
  return page.evaluate(() => {
    const g = globalThis as any; // the browser's window
    const doc = g.document;
    const vw: number = doc.documentElement.clientWidth;
    const MIN = 44 - 0.5; // half a pixel for sub-pixel layout
    const name = (el: any): string => {
      const path: string[] = [];
      for (let e = el, n = 0; e && e !== doc.body && n < 3; e = e.parentElement, n++) {
        const cls = typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).slice(0, 2).join(".") : "";
        path.unshift(e.tagName.toLowerCase() + cls);
      }
      const text = (el.getAttribute("aria-label") || el.textContent || el.value || "").replace(/\s+/g, " ").trim().slice(0, 40);
      return `${path.join(" > ")}${text ? ` "${text}"` : ""}`;
    };
    // Hidden for the eye on purpose (a skip link off-screen, a caption kept for screen readers):
    // neither a box past the edge nor a target.
    const unseen = (el: any, style: any): boolean => {
      if (style.visibility === "hidden" || style.display === "contents") return style.visibility === "hidden";
      if (style.position === "absolute" && (style.clip !== "auto" || parseFloat(style.left) < -999)) return true;
      const r = el.getBoundingClientRect();
      return r.width <= 1 && r.height <= 1 && style.overflow === "hidden";
    };
    const wide: string[] = [];
    const small: string[] = [];
    const interactive = (el: any): boolean => {
      const tag = el.tagName;
      if (tag === "A") return el.hasAttribute("href");
      if (tag === "BUTTON" || tag === "SELECT" || tag === "TEXTAREA" || tag === "SUMMARY") return true;
      if (tag === "INPUT") return el.type !== "hidden";
      const role = el.getAttribute("role");
      return role === "button" || role === "link" || role === "checkbox";
    };
    const walk = (el: any): void => {
      const style = g.getComputedStyle(el);
      if (style.display === "none" || unseen(el, style)) return;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.right > vw + 0.5) wide.push(`${name(el)} (${Math.round(r.left)}–${Math.round(r.right)} px)`);
      if (interactive(el) && r.width > 0 && r.height > 0) {
        let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
        for (const label of Array.from((el.labels ?? []) as any[])) {
          const l = label.getBoundingClientRect();
          // a label beside or around its control widens the target; one above a field is not needed
          if (l.width > 0 && l.height > 0) [left, top, right, bottom] = [Math.min(left, l.left), Math.min(top, l.top), Math.max(right, l.right), Math.max(bottom, l.bottom)];
        }
        if (right - left < MIN || bottom - top < MIN) small.push(`${name(el)} (${Math.round(right - left)}×${Math.round(bottom - top)} px)`);
      }
      for (const child of Array.from(el.children as any[])) walk(child);
    };
    walk(doc.body);
    return { wide: wide.slice(0, 15), small: small.slice(0, 25) };
  });
}

/** At a phone's width: nothing past the screen's edge, every tap target at least 44×44 px. */
export async function checkPhone(page: Page, what: string): Promise<void> {
  const o = await phoneOffences(page);
  expect(o.wide, `${what}: wider than the screen:\n${o.wide.join("\n")}`).to.deep.equal([]);
  expect(o.small, `${what}: tap targets under 44×44 px:\n${o.small.join("\n")}`).to.deep.equal([]);
}

/**
 * The checks, then a screenshot for a person to look at (test-output/screenshots, not committed).
 * At a phone's width (400 px or less) the phone's rules hold too (checkPhone).
 */
export async function look(page: Page, vp: Viewport, name: string): Promise<void> {
  await checkNoOverflow(page, name);
  if (vp.width <= 400) await checkPhone(page, name);
  await checkA11y(page, name);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}-${vp.width}.png`), fullPage: true });
}

/** The page reported no script error, console error or CSP violation. */
export function expectNoProblems(web: Web): void {
  expect(web.problems, web.problems.join("\n")).to.deep.equal([]);
}

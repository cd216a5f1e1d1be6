// The web client's page-weight figure, run by hand (never by CI):
//   node --import tsx bench/web.ts [--no-browser]
// "Each screen's HTML+JS+CSS transferred ≤ 150 KB gzip on first load, ≤ 30 KB afterwards."
// Prints ONE JSON line (progress on stderr) with, per screen address of src/web/client/routes.ts
// (concrete ids from a small world: hamlet, household, campaign, work, publication, board,
// inspection, account 111):
//  - `static`: from esbuild's output itself (src/web/bundle.ts): the shell page + the stylesheet +
//    the entry chunk and every chunk it imports statically + the screen's chunk (the entry's
//    dynamic import for that route) and its static imports, each counted once, as the gzip the
//    server sends. What a first visit must download, whatever the browser does.
//  - `browser`: Debian's Chromium (playwright-core, headless) against the app listening in this
//    process, signed in (the session the login would leave in sessionStorage, set before the page's
//    scripts run). `first`: a new browser context (empty cache) opens the address; `after`: the same
//    tab opens the address again (a bookmark, a link, a reload); `after_home`: a new context opens
//    /app (home) first, then this address (shell and shared chunks cached, this screen's chunk not). Bytes are what the network layer
//    received for the document, scripts and stylesheets (CDP Network.loadingFinished
//    encodedDataLength: gzip body + response headers; 0 when served from the cache; a revalidated
//    shell counts its 304). The API's JSON is reported apart (`api`), not in the figure.
// `max` is the largest of each column; `meets` compares the browser's (or, without Chromium, the
// static) figures with the targets: first ≤ 150 KB, after and after_home ≤ 30 KB. Tabs are 360 px
// wide; the database is TEST_DB's (SQLite by default).
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { spawnSync } from "node:child_process";
import { bundle } from "../src/web/bundle";
import { testApp } from "../test/helpers/app";
import { dropRun } from "../test/helpers/db";
import { world } from "../test/helpers/given";
import { campaign, household } from "../test/helpers/given-contributions";
import { fixtureInspection, work } from "../test/helpers/given-works";

const TARGET_FIRST = 150 * 1024;
const TARGET_AFTER = 30 * 1024;
const log = (m: string) => process.stderr.write(`[bench web ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

interface StaticFigure {
  chunk: string;
  bytes: number;
  files: number;
}

/** Per route pattern: what a first visit downloads, from the bundle's own files. */
async function staticFigures(shellGzip: number): Promise<Map<string, StaticFigure>> {
  const b = await bundle();
  const gz = (name: string) => {
    const a = b.assets.get(name);
    if (!a) throw new Error(`bundle: ${name} is imported but not served`);
    return a.gzip.length;
  };
  const staticImports = (name: string) => {
    const text = b.assets.get(name)!.body.toString("utf8");
    // esbuild's ESM output: `import{a as b}from"./c-X.js"`, `import"./c-X.js"`, `export{..}from"./c-X.js"`.
    return [...text.matchAll(/(?:\bfrom|\bimport)\s*"\.\/([^"]+\.js)"/g)].map((m) => m[1]);
  };
  const closure = (name: string, into: Set<string>) => {
    if (into.has(name)) return;
    into.add(name);
    for (const dep of staticImports(name)) closure(dep, into);
  };
  const base = new Set<string>([b.css]);
  closure(b.main, base);
  const mainText = b.assets.get(b.main)!.body.toString("utf8");
  // The router's table, as esbuild wrote it: ("/app/units/:unitId", () => import("./c-X.js")).
  const table = [...mainText.matchAll(/"(\/app[^"]*)"\s*,\s*\(\)\s*=>\s*import\("\.\/([^"]+\.js)"\)/g)].map((m) => ({ pattern: m[1], chunk: m[2] }));
  const out = new Map<string, StaticFigure>();
  for (const { pattern, chunk } of table) {
    const files = new Set(base);
    closure(chunk, files);
    out.set(pattern, { chunk, bytes: shellGzip + [...files].reduce((s, f) => s + gz(f), 0), files: files.size + 1 });
  }
  return out;
}

interface Load {
  bytes: number;
  requests: number;
  fromCache: number;
  api: number;
  ms: number;
}

/** A new browser context (empty cache) with one tab, signed in as `session`, whose network use is counted per visit. */
async function openTab(browser: import("playwright-core").Browser, session: unknown) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" });
  // What the login leaves in this tab's sessionStorage, there before the page's scripts run.
  await context.addInitScript((v: string) => (globalThis as any).sessionStorage.setItem("cfl.session", v), JSON.stringify(session));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const reqs = new Map<string, { type: string; url: string; cached: boolean }>();
  let acc: Load = { bytes: 0, requests: 0, fromCache: 0, api: 0, ms: 0 };
  cdp.on("Network.requestWillBeSent", (e: any) => reqs.set(e.requestId, { type: e.type ?? "Other", url: e.request.url, cached: false }));
  cdp.on("Network.requestServedFromCache", (e: any) => {
    const r = reqs.get(e.requestId);
    if (r) r.cached = true;
  });
  cdp.on("Network.responseReceived", (e: any) => {
    const r = reqs.get(e.requestId);
    if (r) {
      r.type = e.type ?? r.type;
      if (e.response.fromDiskCache || e.response.fromPrefetchCache) r.cached = true;
    }
  });
  cdp.on("Network.loadingFinished", (e: any) => {
    const r = reqs.get(e.requestId);
    if (!r) return;
    if (r.cached) acc.fromCache++;
    if (r.type === "Document" || r.type === "Script" || r.type === "Stylesheet") {
      acc.bytes += e.encodedDataLength;
      if (e.encodedDataLength > 0) acc.requests++;
    } else if (r.url.includes("/api/")) acc.api += e.encodedDataLength;
  });
  return {
    page,
    async visit(href: string): Promise<Load> {
      acc = { bytes: 0, requests: 0, fromCache: 0, api: 0, ms: 0 };
      const v0 = performance.now();
      await page.goto(href, { waitUntil: "networkidle" });
      await page.locator("main h1, main [role=alert], main .notice").first().waitFor({ timeout: 10_000 }).catch(() => undefined);
      acc.ms = Math.round(performance.now() - v0);
      return { ...acc };
    },
    close: () => context.close(),
  };
}

async function main() {
  const t0 = performance.now();
  const t = await testApp();
  const server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  try {
    // The shell as the server sends it (gzip), for the static figure.
    const shellGzip = await new Promise<number>((resolve, reject) =>
      http.get(`${url}/app`, { headers: { "accept-encoding": "gzip" } }, (res) => {
        let n = 0;
        res.on("data", (c: Buffer) => (n += c.length));
        res.on("end", () => resolve(n));
      }).on("error", reject),
    );
    const stat = await staticFigures(shellGzip);

    // A small world with one of everything a screen address names.
    log("world and fixtures");
    const w = await world(t);
    const hh = await household(t, w, "DT-001");
    const cp = await campaign(t, w);
    const wk = await work(t, w);
    const insp = await fixtureInspection(t, w, { unitId: w.hamletA });
    const pub = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "contribution-list", params: { campaignId: cp.id } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" });
    const ids: Record<string, string> = {
      unitId: String(w.hamletA), householdId: String(hh.id), campaignId: String(cp.id), workId: String(wk.id), publicationId: String(pub.body?.id ?? 1),
      boardId: String(w.board), inspectionId: String((insp as { id: number }).id), code: "111",
    };
    const who = (pattern: string) => (pattern.startsWith("/app/boards") ? "inspector" : pattern.startsWith("/app/admin") || pattern === "/app" || pattern === "/app/account" ? "root" : "treasurer.a");

    const exe = spawnSync("sh", ["-c", "command -v chromium"]).stdout.toString().trim();
    const useBrowser = exe && !process.argv.includes("--no-browser");
    const screens: Record<string, unknown>[] = [];
    let browser: import("playwright-core").Browser | undefined;
    if (useBrowser) {
      const { chromium } = await import("playwright-core");
      browser = await chromium.launch({ executablePath: exe, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"] });
    } else log(exe ? "--no-browser: static figures only" : "no chromium: static figures only");
    const sessions = new Map<string, unknown>();
    const sessionOf = async (username: string) => {
      if (!sessions.has(username)) {
        const r = await t.as().post("/auth/login", { username, password: "correct horse battery" });
        if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
        sessions.set(username, { token: r.body.token, user: r.body.user });
      }
      return sessions.get(username);
    };

    for (const [pattern, s] of stat) {
      const address = pattern.replace(/:([a-zA-Z]+)/g, (_m, k: string) => ids[k] ?? "1");
      const row: Record<string, unknown> = { address, chunk: s.chunk, static_first_kb: kb(s.bytes), static_files: s.files };
      if (browser) {
        const session = await sessionOf(who(pattern));
        const tab = await openTab(browser, session);
        const first = await tab.visit(`${url}${address}`);
        const after = await tab.visit(`${url}${address}`);
        const title = (await tab.page.locator("main h1").first().textContent().catch(() => null))?.trim() ?? null;
        await tab.close();
        // Another screen first (home), then this one by its address: the shell and the shared
        // chunks are cached, this screen's chunk is not.
        const tab2 = await openTab(browser, await sessionOf(who("/app")));
        await tab2.visit(`${url}/app`);
        await tab2.page.evaluate((v: string) => (globalThis as any).sessionStorage.setItem("cfl.session", v), JSON.stringify(session));
        const next = await tab2.visit(`${url}${address}`);
        await tab2.close();
        Object.assign(row, {
          first_kb: kb(first.bytes), first_requests: first.requests, after_kb: kb(after.bytes), after_requests: after.requests, after_from_cache: after.fromCache,
          after_home_kb: kb(next.bytes), after_home_requests: next.requests, api_first_kb: kb(first.api), first_ms: first.ms, h1: title,
        });
      }
      screens.push(row);
      log(`${address}: ${JSON.stringify(row)}`);
    }
    if (browser) await browser.close();

    const max = (k: string) => Math.max(...screens.map((s) => (typeof s[k] === "number" ? (s[k] as number) : 0)));
    const firstMax = useBrowser ? max("first_kb") : max("static_first_kb");
    const afterMax = useBrowser ? Math.max(max("after_kb"), max("after_home_kb")) : null;
    process.stdout.write(
      JSON.stringify({
        bench: "web", figure: "screen_transfer_kb", value: firstMax, unit: "KB (1024 B), gzip",
        max: { static_first_kb: max("static_first_kb"), ...(useBrowser ? { first_kb: firstMax, after_kb: max("after_kb"), after_home_kb: max("after_home_kb") } : {}) },
        target: { first_kb: TARGET_FIRST / 1024, after_kb: TARGET_AFTER / 1024 },
        meets: firstMax * 1024 <= TARGET_FIRST && (afterMax === null || afterMax * 1024 <= TARGET_AFTER),
        measured: useBrowser ? "chromium (CDP encodedDataLength: gzip bodies + headers) and esbuild output" : "esbuild output only",
        screens, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100), node: process.version, seconds: Math.round((performance.now() - t0) / 100) / 10,
      }) + "\n",
    );
  } finally {
    await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    await dropRun();
    fs.rmSync(t.config.filesDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
    process.exit(1);
  },
);

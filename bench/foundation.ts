// Foundation benchmark: start-up to the first /healthz on an existing database, idle RSS,
// and GET /api/v1/me with a valid token at 16 connections against a bare express "hello" route
// measured in the same run. Prints one JSON line per figure. Run by hand, not by CI:
//
//   node --import tsx bench/foundation.ts [sqlite|postgres|both]   (default: both)
//
// PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test); the bench works in a
// schema of its own and drops it at the end. BENCH_SECONDS sets each load phase (default 5).
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createDb } from "../src/db/knex";
import { build, startArgs } from "./start-command";

const ROOT = path.resolve(__dirname, "..");
const PG_URL = process.env.BENCH_PG_URL || process.env.TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/test";
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const CONNECTIONS = 16;
// The load generator: wrk when installed (apt-get install wrk), else 16 loops in this process.
const WRK = process.env.BENCH_CLIENT !== "node" && hasWrk();
const ADMIN = { ADMIN_USERNAME: "bench", ADMIN_PASSWORD: "bench password 1" };

type Engine = "sqlite" | "postgres";

function emit(engine: Engine | "none", figure: string, value: number, unit: string, extra: Record<string, unknown> = {}) {
  process.stdout.write(JSON.stringify({ bench: "foundation", engine, figure, value: Math.round(value * 100) / 100, unit, ...extra }) + "\n");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function get(port: number, p: string, headers: Record<string, string> = {}, agent?: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: p, headers, agent: agent ?? false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function post(port: number, p: string, json: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(json);
    const req = http.request(
      { host: "127.0.0.1", port, path: p, method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) } },
      (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

interface Proc {
  proc: ChildProcess;
  port: number;
  /** ms from spawn to the first 200 on `readyPath`. */
  readyMs: number;
  stop(): Promise<void>;
}

/** Spawns `args` with `env` on a free port and polls `readyPath` until it answers 200. */
async function spawnUntilReady(args: string[], env: Record<string, string>, readyPath: string): Promise<Proc> {
  const port = await freePort();
  const t0 = process.hrtime.bigint();
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  proc.stderr!.on("data", (d) => (err += d));
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${proc.exitCode}: ${err}`);
    try {
      if ((await get(port, readyPath)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const readyMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return {
    proc,
    port,
    readyMs,
    async stop() {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      await exited;
    },
  };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

interface Tally {
  latencies: number[];
  seconds: number;
  errors: number;
  /** With wrk: requests counted by wrk, and its p50/p99 of each second. */
  requests?: number;
  p50s?: number[];
  p99s?: number[];
}

/** 16 loops, each one request after another over a keep-alive agent, for `seconds`; adds to `tally`. */
async function load(agent: http.Agent, port: number, p: string, headers: Record<string, string>, seconds: number, tally?: Tally) {
  const loop = async (until: bigint) => {
    while (process.hrtime.bigint() < until) {
      const t = process.hrtime.bigint();
      let ok = false;
      try {
        ok = (await get(port, p, headers, agent)).status === 200;
      } catch {
        // counted below
      }
      if (!tally) continue;
      if (ok) tally.latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      else tally.errors++;
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONNECTIONS }, () => loop(start + BigInt(Math.round(seconds * 1e9)))));
  if (tally) tally.seconds += Number(process.hrtime.bigint() - start) / 1e9;
}

function summary(t: Tally) {
  if (t.requests !== undefined) {
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    return { rps: t.requests / t.seconds, p50: median(t.p50s!), p99: median(t.p99s!), errors: t.errors };
  }
  const l = [...t.latencies].sort((a, b) => a - b);
  const pct = (q: number) => Math.round(l[Math.min(l.length - 1, Math.floor(q * l.length))] * 100) / 100;
  return { rps: l.length / t.seconds, p50: pct(0.5), p99: pct(0.99), errors: t.errors };
}

/** Is wrk (Debian's `wrk`, a load generator in C) on the PATH? */
function hasWrk(): boolean {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
    return true;
  } catch (err) {
    // wrk --version prints its version and exits 1: it is there when it ran at all
    return (err as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

/**
 * One second of wrk (one thread, CONNECTIONS keep-alive connections) on `port`/`p`; adds to `tally`.
 * wrk costs a fraction of the CPU a JavaScript client does, so the server, not the client, is
 * what runs out of the two cores.
 */
function wrkLoad(port: number, p: string, headers: Record<string, string>, tally?: Tally) {
  const args = ["-t1", `-c${CONNECTIONS}`, "-d1s", "--latency"];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
  args.push(`http://127.0.0.1:${port}${p}`);
  const out = execFileSync("wrk", args, { encoding: "utf8" });
  if (!tally) return;
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
  const ms = (re: RegExp) => {
    const m = re.exec(out);
    if (!m) return NaN;
    const f = { us: 0.001, ms: 1, s: 1000 }[m[2] as "us" | "ms" | "s"];
    return Number(m[1]) * f;
  };
  const requests = num(/(\d+) requests in/);
  const seconds = num(/requests in ([\d.]+)s/);
  tally.requests = (tally.requests ?? 0) + requests;
  tally.seconds += seconds;
  tally.errors += num(/Non-2xx or 3xx responses: (\d+)/) || 0;
  (tally.p50s ??= []).push(ms(/\s50%\s+([\d.]+)(us|ms|s)/));
  (tally.p99s ??= []).push(ms(/\s99%\s+([\d.]+)(us|ms|s)/));
}

/**
 * The app's route and the baseline, one second each in turn, `seconds` times: on a shared machine
 * the load of other processes drifts, and alternating exposes both to the same drift.
 */
async function compare(a: { port: number; path: string; headers: Record<string, string> }, b: { port: number; path: string; headers: Record<string, string> }, seconds: number) {
  if (WRK) {
    wrkLoad(a.port, a.path, a.headers);
    wrkLoad(b.port, b.path, b.headers);
    const ta: Tally = { latencies: [], seconds: 0, errors: 0 };
    const tb: Tally = { latencies: [], seconds: 0, errors: 0 };
    for (let i = 0; i < seconds; i++) {
      wrkLoad(a.port, a.path, a.headers, ta);
      wrkLoad(b.port, b.path, b.headers, tb);
    }
    return [summary(ta), summary(tb)];
  }
  const agents = [new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS }), new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })];
  // Warm-up: JIT, pools and connections settle before anything counts.
  await load(agents[0], a.port, a.path, a.headers, 1);
  await load(agents[1], b.port, b.path, b.headers, 1);
  const ta: Tally = { latencies: [], seconds: 0, errors: 0 };
  const tb: Tally = { latencies: [], seconds: 0, errors: 0 };
  for (let i = 0; i < seconds; i++) {
    await load(agents[0], a.port, a.path, a.headers, 1, ta);
    await load(agents[1], b.port, b.path, b.headers, 1, tb);
  }
  for (const ag of agents) ag.destroy();
  return [summary(ta), summary(tb)];
}

const HELLO = `
const express = require("express");
const app = express();
app.disable("x-powered-by");
app.get("/hello", (_req, res) => res.json({ hello: "world" }));
app.listen(Number(process.env.PORT), process.env.HOST);
`;

async function database(engine: Engine): Promise<{ url: string; cleanup: () => Promise<void> }> {
  if (engine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-bench-"));
    return { url: `sqlite:${path.join(dir, "fund.sqlite")}`, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `bench_${crypto.randomBytes(4).toString("hex")}`;
  const admin = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE SCHEMA ${schema}`);
  await admin.destroy();
  const u = new URL(PG_URL);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: u.toString(),
    cleanup: async () => {
      const a = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
      await a.raw(`DROP SCHEMA ${schema} CASCADE`);
      await a.destroy();
    },
  };
}

async function benchEngine(engine: Engine) {
  const { url, cleanup } = await database(engine);
  // Production settings (default scrypt cost, info logging off so the terminal stays readable).
  const env = { DATABASE_URL: url, DEMO_DATA: "false", LOG_LEVEL: "silent", ...ADMIN };
  // What `npm start` runs: the compiled server (bin/build.mjs), no TypeScript loader.
  build(ROOT);
  const server = startArgs(ROOT);
  try {
    // First start creates and migrates the database; the figure is for an existing one.
    await (await spawnUntilReady(server, env, "/healthz")).stop();
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await spawnUntilReady(server, env, "/healthz");
      starts.push(p.readyMs);
      await p.stop();
    }
    starts.sort((a, b) => a - b);
    emit(engine, "startup_to_healthz", starts[1], "ms", { runs: starts.map(Math.round), target: 1500, ok: starts[1] <= 1500 });

    // The same server from its .ts sources through tsx (`npm run dev`, the tests), for comparison.
    const cjs = ["--import", "tsx", "src/server.ts"];
    const cjsStarts: number[] = [];
    let cjsRss = 0;
    for (let i = 0; i < 3; i++) {
      const p = await spawnUntilReady(cjs, env, "/healthz");
      cjsStarts.push(p.readyMs);
      if (i === 0) {
        await new Promise((r) => setTimeout(r, 1000));
        cjsRss = rssMb(p.proc.pid!);
      }
      await p.stop();
    }
    cjsStarts.sort((a, b) => a - b);
    emit(engine, "startup_to_healthz_tsx", cjsStarts[1], "ms", { runs: cjsStarts.map(Math.round), command: "node --import tsx src/server.ts" });
    emit(engine, "idle_rss_tsx", cjsRss, "MB", { command: "node --import tsx src/server.ts" });

    const app = await spawnUntilReady(server, env, "/healthz");
    await new Promise((r) => setTimeout(r, 1000)); // idle: nothing asked of it but /healthz
    const idle = rssMb(app.proc.pid!);
    emit(engine, "idle_rss", idle, "MB", { target: 120, ok: idle <= 120 });

    const login = await post(app.port, "/api/v1/auth/login", { username: ADMIN.ADMIN_USERNAME, password: ADMIN.ADMIN_PASSWORD });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${login.body}`);
    const token = JSON.parse(login.body).token as string;

    const hello = await spawnUntilReady(["-e", HELLO], {}, "/hello");
    const [me, base] = await compare(
      { port: app.port, path: "/api/v1/me", headers: { authorization: `Bearer ${token}` } },
      { port: hello.port, path: "/hello", headers: {} },
      SECONDS,
    );
    await hello.stop();
    const afterLoad = rssMb(app.proc.pid!);
    await app.stop();

    emit("none", "hello_rps", base.rps, "req/s", { connections: CONNECTIONS, client: WRK ? "wrk" : "node", p50_ms: base.p50, p99_ms: base.p99, errors: base.errors, seconds: SECONDS });
    emit(engine, "me_rps", me.rps, "req/s", {
      connections: CONNECTIONS, client: WRK ? "wrk" : "node", p50_ms: me.p50, p99_ms: me.p99, errors: me.errors, seconds: SECONDS,
      share_of_hello: Math.round((me.rps / base.rps) * 1000) / 1000, target: ">=3000 and >=0.6 of hello", ok: me.rps >= 3000 && me.rps >= 0.6 * base.rps,
    });
    emit(engine, "rss_after_load", afterLoad, "MB");
  } finally {
    await cleanup();
  }
}

async function main() {
  // Other processes on the machine move every figure: say how busy it was.
  emit("none", "machine", os.loadavg()[0], "loadavg_1m", { cpus: os.cpus().length, node: process.version });
  const which = process.argv[2] ?? "both";
  const engines: Engine[] = which === "both" ? ["sqlite", "postgres"] : [which as Engine];
  for (const e of engines) {
    if (e !== "sqlite" && e !== "postgres") throw new Error(`unknown engine ${e}: sqlite, postgres or both`);
    await benchEngine(e);
  }
  emit("none", "machine", os.loadavg()[0], "loadavg_1m", { at: "end" });
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});

import { build, startArgs } from "./start-command";
import { DAYS_2025, dateOf, makeEntry, mulberry32 } from "./ledger-data";
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "pg";

// The ledger's figures, against the real server in a child process:
//   node --import tsx bench/ledger.ts [--db sqlite|postgres] [--postings 1000000] [--batch 1000]
//     [--workers 2] [--seconds 10] [--connections 8] [--tool-timeout 180] [--skip-tools]
//     [--pg-analyze-after 1] [--cpu-prof DIR] [--keep]
// Prints one JSON line per figure on stdout (progress goes to stderr). Run by hand, never by CI
// (DESIGN §9). See bench/README.md for what each figure means and the targets.

const ROOT = path.resolve(__dirname, "..");
const PG_URL = process.env.BENCH_PG_URL || "postgres://postgres@127.0.0.1:5432/test";

const args = process.argv.slice(2);
function opt(name: string, dflt: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
}
const flag = (name: string) => args.includes(`--${name}`);
const DB = opt("db", "sqlite") as "sqlite" | "postgres";
const POSTINGS = Number(opt("postings", "1000000"));
const BATCH = Number(opt("batch", "1000"));
const WORKERS = Number(opt("workers", "2"));
const SECONDS = Number(opt("seconds", "10"));
const CONNECTIONS = Number(opt("connections", "8"));
const TOOL_TIMEOUT = Number(opt("tool-timeout", "180"));
const CPU_PROF = opt("cpu-prof", "");
// PostgreSQL: ANALYZE the ledger's tables once after this many batches (0: never). It stands in for
// autovacuum, which is off on these machines, so that the read figures (trial balance, register)
// are planned as on a normal server. Loading no longer needs it: since 20251204000000 the ledger's
// triggers check once per statement by index, and a load without ANALYZE stays linear.
const PG_ANALYZE_AFTER = Number(opt("pg-analyze-after", "1"));
if (DB !== "sqlite" && DB !== "postgres") throw new Error(`--db sqlite|postgres (got ${DB})`);

const emit = (figure: string, value: number | string | null, extra: Record<string, unknown> = {}) =>
  process.stdout.write(JSON.stringify({ bench: "ledger", db: DB, figure, value, ...extra }) + "\n");
const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

// ---------------------------------------------------------------- processes

interface Server {
  child: ChildProcess;
  base: string;
  stop: () => Promise<void>;
}

async function startServer(script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<Server> {
  // The app as `npm start` runs it (compiled, its node flags); the bare yardstick through tsx.
  const args = script === "src/server.ts" ? (build(ROOT), [...nodeArgs, ...startArgs(ROOT)]) : [...nodeArgs, "--import", "tsx", script];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d) => {
    err = (err + d).slice(-4000);
    process.stderr.write(`[${path.basename(script)}] ${d}`); // LOG_LEVEL=silent: errors only
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/[0-9.:]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before listening: ${err}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { child, base, stop };
}

/** Samples a process's resident set size (VmRSS) every 100 ms; the maximum per phase. */
class RssSampler {
  phase = "start";
  max = new Map<string, number>();
  private timer: NodeJS.Timeout;
  constructor(private pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
  }
  sample() {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.pid}/status`, "utf8"));
      if (m) this.max.set(this.phase, Math.max(this.max.get(this.phase) ?? 0, Number(m[1]) / 1024));
    } catch {
      // the process has gone: nothing to sample
    }
  }
  stop() {
    clearInterval(this.timer);
  }
  overall() {
    return Math.max(0, ...this.max.values());
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux: /proc/<pid>/stat, 100 ticks/s). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime are fields 14, 15
}

// ---------------------------------------------------------------- HTTP

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Reply {
  status: number;
  text: string;
  ms: number;
}

function call(base: string, method: string, p: string, body?: unknown, token?: string, extra: Record<string, string> = {}): Promise<Reply> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${p}`,
      {
        method,
        agent,
        headers: {
          ...(payload ? { "content-type": "application/json", "content-length": payload.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...extra,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - t0 }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function ok(r: Promise<Reply>, want: number, what: string): Promise<any> {
  const x = await r;
  if (x.status !== want) throw new Error(`${what}: ${x.status} ${x.text.slice(0, 500)}`);
  return x.text ? JSON.parse(x.text) : undefined;
}

function download(base: string, p: string, token: string, file: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http.get(`${base}${p}`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET ${p}: ${res.statusCode}`));
      const out = fs.createWriteStream(file);
      res.pipe(out);
      out.on("finish", () => resolve({ ms: performance.now() - t0, bytes: fs.statSync(file).size }));
      out.on("error", reject);
    }).on("error", reject);
  });
}

interface Target {
  name: string;
  pid: number;
  base: string;
  path: string;
  token?: string;
  body: (i: number) => unknown;
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  cpuPerRequest: number;
}

/**
 * `connections` loops posting to each target for `seconds`, in alternating 1-second slices after a
 * 1-second warm-up of each: on a shared machine both sides see the same neighbours. A slice starts
 * no request after its second is up and lasts until its last request is answered.
 */
async function loadInTurns(targets: Target[], connections: number, seconds: number): Promise<Map<string, Load>> {
  const acc = new Map(targets.map((t) => [t.name, { lat: [] as number[], ms: 0, cpu: 0, errors: 0, firstError: "" }]));
  let n = 0;
  const slice = async (t: Target, ms: number, measure: boolean) => {
    const a = acc.get(t.name)!;
    const cpu0 = cpuMs(t.pid);
    const t0 = performance.now();
    const end = t0 + ms;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const r = await call(t.base, "POST", t.path, t.body(n++), t.token);
          if (r.status !== 201) {
            a.errors++;
            a.firstError ||= `${r.status} ${r.text.slice(0, 300)}`;
          } else if (measure) a.lat.push(r.ms);
        }
      }),
    );
    if (measure) {
      a.ms += performance.now() - t0;
      a.cpu += cpuMs(t.pid) - cpu0;
    }
  };
  for (const t of targets) await slice(t, 1000, false);
  for (let i = 0; i < seconds; i++) for (const t of targets) await slice(t, 1000, true);
  const out = new Map<string, Load>();
  for (const [name, a] of acc) {
    if (a.errors) log(`${name}: ${a.errors} failed requests; first: ${a.firstError}`);
    out.set(name, { rps: a.lat.length / (a.ms / 1000), p50: pct(a.lat, 50), p99: pct(a.lat, 99), errors: a.errors, requests: a.lat.length, cpuPerRequest: a.cpu / a.lat.length });
  }
  return out;
}

function runTool(cmd: string, argv: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

// ---------------------------------------------------------------- the run

/** Undone in reverse on exit, also on Ctrl-C: the server stopped, the database dropped. */
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp() {
  for (const c of cleanups.splice(0).reverse()) await c().catch((err) => log(`clean-up: ${err?.message ?? err}`));
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    log(`${sig}: cleaning up`);
    void cleanUp().then(() => process.exit(130));
  });
}

async function main() {
  const id = crypto.randomBytes(4).toString("hex");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-bench-"));
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim() || process.env.BENCH_COMMIT || "unknown";
  const dirty = spawnSync("git", ["status", "--porcelain", "--", "src", "migrations"], { cwd: ROOT, encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean).length;
  emit("meta", null, { commit, dirtySrcFiles: dirty, node: process.version, cpus: os.cpus().length, loadavg: os.loadavg().map((x) => round(x, 2)), postings: POSTINGS, batch: BATCH, workers: WORKERS, connections: CONNECTIONS, seconds: SECONDS });

  // The yardstick: the bare express + sqlite3 server, same client, same machine, same run, in turns.
  const bare = await startServer("bench/bare-server.ts", { DB: path.join(tmp, "bare.sqlite"), PORT: "0" });
  const single = (i: number) => ({ date: dateOf(i % DAYS_2025), kind: "contribution", description: `Thu đóng góp - hộ DT-${String((i % 400) + 1).padStart(3, "0")}`, postings: [{ account: "111", amount: "500000" }, { account: "711", amount: "-500000" }] });
  cleanups.push(bare.stop);
  const bareTarget: Target = { name: "bare", pid: bare.child.pid!, base: bare.base, path: "/entries", body: single };

  // The real server on a fresh database.
  let databaseUrl: string;
  let dropDb: () => Promise<void>;
  let analyze = async () => undefined as unknown;
  if (DB === "postgres") {
    const schema = `bench_${id}`;
    const c = new Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    const autovacuum = (await c.query("SHOW autovacuum")).rows[0].autovacuum;
    await c.end();
    emit("meta_postgres", null, { autovacuum, pg_analyze_after_batches: PG_ANALYZE_AFTER || null });
    analyze = async () => {
      const a = new Client({ connectionString: PG_URL });
      await a.connect();
      await a.query(`ANALYZE ${["entries", "postings", "account_days", "accounts"].map((t) => `${schema}.${t}`).join(", ")}`);
      await a.end();
    };
    // The server must take its schema from DATABASE_URL alone: libpq's `options` parameter.
    databaseUrl = `${PG_URL}${PG_URL.includes("?") ? "&" : "?"}options=-c%20search_path%3D${schema}`;
    dropDb = async () => {
      const d = new Client({ connectionString: PG_URL });
      await d.connect();
      await d.query(`DROP SCHEMA ${schema} CASCADE`);
      await d.end();
    };
  } else {
    databaseUrl = `sqlite:${path.join(tmp, "ledger.sqlite")}`;
    dropDb = async () => undefined;
  }
  if (!flag("keep")) cleanups.push(async () => {
    await dropDb();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  log(`server on ${databaseUrl}`);
  const server = await startServer(
    "src/server.ts",
    { DATABASE_URL: databaseUrl, PORT: "0", LOG_LEVEL: "silent", SCRYPT_COST: "1024", DEMO_DATA: "false", ADMIN_USERNAME: "bench.admin", ADMIN_PASSWORD: "bench-password-1", FILES_DIR: path.join(tmp, "files") },
    CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : [],
  );
  cleanups.push(server.stop);
  const rss = new RssSampler(server.child.pid!);
  const base = `${server.base}/api/v1`;
  try {
    // Units, a treasurer, accounts: through the API like anyone else.
    rss.phase = "setup";
    const admin = (await ok(call(base, "POST", "/auth/login", { username: "bench.admin", password: "bench-password-1" }), 200, "login")).token as string;
    const unit = async (code: string, kind: string, parentId?: number) => (await ok(call(base, "POST", "/units", { code, name: `Bench ${code}`, kind, parentId }, admin), 201, `unit ${code}`)).id as number;
    const province = await unit(`p${id}`, "province");
    const commune = await unit(`c${id}`, "commune", province);
    const h1 = await unit(`h1${id}`, "hamlet", commune);
    const h2 = await unit(`h2${id}`, "hamlet", commune);
    const user = await ok(call(base, "POST", "/users", { username: "bench.treasurer", displayName: "Thủ quỹ", password: "bench-password-2" }, admin), 201, "user");
    for (const unitId of [h1, h2]) await ok(call(base, "POST", `/users/${user.id}/grants`, { role: "treasurer", unitId }, admin), 201, "grant");
    const token = (await ok(call(base, "POST", "/auth/login", { username: "bench.treasurer", password: "bench-password-2" }), 200, "login")).token as string;
    for (const unitId of [h1, h2]) {
      for (const a of [
        { code: "411", name: "Quỹ khuyến học", type: "net_assets" },
        { code: "711", name: "Thu đóng góp xây dựng đường bê tông", type: "revenue" },
        { code: "811", name: "Chi đường bê tông - vật liệu", type: "expense" },
      ]) await ok(call(base, "POST", `/units/${unitId}/accounts`, a, token), 201, `account ${a.code}`);
    }

    // (a) single-entry POST, 2 postings, 8 connections.
    rss.phase = "single_post";
    log(`single POST, ${CONNECTIONS} connections, ${SECONDS} s each, in turns with the bare server`);
    const turns = await loadInTurns([bareTarget, { name: "ledger", pid: server.child.pid!, base, path: `/units/${h1}/entries`, token, body: single }], CONNECTIONS, SECONDS);
    const b = turns.get("bare")!;
    const s = turns.get("ledger")!;
    emit("bare_single_post_rps", round(b.rps), { p50_ms: round(b.p50, 2), p99_ms: round(b.p99, 2), server_cpu_ms_per_req: round(b.cpuPerRequest, 2), connections: CONNECTIONS, errors: b.errors });
    emit("single_post_rps", round(s.rps), { p50_ms: round(s.p50, 2), p99_ms: round(s.p99, 2), vs_bare: round(s.rps / b.rps, 2), server_cpu_ms_per_req: round(s.cpuPerRequest, 2), connections: CONNECTIONS, errors: s.errors, target: ">= 0.5 x bare, p99 <= 50 ms", meets: s.rps >= 0.5 * b.rps && s.p99 <= 50 });

    // (b) batch POST: 1,000-entry batches by several workers, which also loads (c)'s unit.
    rss.phase = "batch_load";
    const U = `/units/${h2}`;
    const opening = { date: "2025-01-01", kind: "opening", description: "Số dư đầu năm 2025", postings: [{ account: "111", amount: "1000000000000" }, { account: "411", amount: "-1000000000000" }] };
    await ok(call(base, "POST", `${U}/entries`, opening, token), 201, "opening");
    const n = Math.max(0, Math.floor(POSTINGS / 2) - 1); // 2 postings each; the opening has 2 more
    const batches = Math.ceil(n / BATCH);
    const rnd = mulberry32(20251102);
    let next = 0;
    let done = 0;
    const batchMs: number[] = [];
    let firstFigure: number | undefined;
    let beforeAnalyze: number | undefined;
    log(`loading ${n} entries (${2 * n + 2} postings) in ${batches} batches of ${BATCH}, ${WORKERS} workers`);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < batches) {
          const k = next++;
          const entries = [];
          for (let i = k * BATCH; i < Math.min(n, (k + 1) * BATCH); i++) entries.push(makeEntry(rnd, i, n));
          // A bulk loader keeps its own copy: the count and the ends are answer enough (RFC 7240).
          const r = await call(base, "POST", `${U}/entries/batch`, { entries }, token, { prefer: "return=minimal" });
          if (r.status !== 201) throw new Error(`batch ${k}: ${r.status} ${r.text.slice(0, 500)}`);
          batchMs.push(r.ms);
          done += entries.length;
          if (firstFigure === undefined && done >= 20 * BATCH) firstFigure = done / ((performance.now() - t0) / 1000);
          if (DB === "postgres" && PG_ANALYZE_AFTER && beforeAnalyze === undefined && done >= PG_ANALYZE_AFTER * BATCH) {
            beforeAnalyze = done / ((performance.now() - t0) / 1000);
            await analyze();
          }
          if (k % 50 === 0) log(`  ${done} entries, ${round(done / ((performance.now() - t0) / 1000), 0)} entries/s`);
        }
      }),
    );
    const loadS = (performance.now() - t0) / 1000;
    emit("batch_post_eps", round(n / loadS, 0), {
      prefer: "return=minimal",
      first_20_batches_eps: firstFigure === undefined ? null : round(firstFigure, 0),
      ...(DB === "postgres" ? { eps_before_analyze: beforeAnalyze === undefined ? null : round(beforeAnalyze, 0), pg_analyze_after_batches: PG_ANALYZE_AFTER || null } : {}),
      batch_p50_ms: round(pct(batchMs, 50)), batch_p99_ms: round(pct(batchMs, 99)),
      entries: n, batch: BATCH, workers: WORKERS, load_s: round(loadS), loaded_via: "HTTP batch API",
      target: ">= 20000 entries/s", meets: n / loadS >= 20000,
    });

    // (c) reads at scale, median of 20 each (after 2 unmeasured calls).
    rss.phase = "reads";
    const timed = async (what: string, paths: (i: number) => string) => {
      for (let i = 0; i < 2; i++) await ok(call(base, "GET", paths(i), undefined, token), 200, what);
      const ms: number[] = [];
      for (let i = 0; i < 20; i++) {
        const r = await call(base, "GET", paths(i), undefined, token);
        if (r.status !== 200) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
        ms.push(r.ms);
      }
      return { median: median(ms), max: Math.max(...ms) };
    };
    const tb = await timed("trial balance", () => `${U}/trial-balance?from=2025-01-01&to=2025-12-31`);
    emit("trial_balance_year_ms", round(tb.median, 2), { max_ms: round(tb.max, 2), postings: 2 * n + 2, target: "<= 50 ms", meets: tb.median <= 50 });
    const bal = await timed("balance", (i) => `${U}/accounts/111/balance?at=${dateOf(17 * i + 3)}`);
    emit("balance_at_ms", round(bal.median, 2), { max_ms: round(bal.max, 2), target: "<= 10 ms", meets: bal.median <= 10 });
    const reg = await timed("register", (i) => `${U}/accounts/111/register?from=${dateOf(17 * i + 3)}&to=2025-12-31&limit=100`);
    emit("register_page_ms", round(reg.median, 2), { max_ms: round(reg.max, 2), rows: 100, target: "<= 20 ms", meets: reg.median <= 20 });
    const first = await ok(call(base, "GET", `${U}/accounts/111/register?from=2025-07-01&to=2025-12-31&limit=100`, undefined, token), 200, "register");
    const regNext = await timed("register by cursor", () => `${U}/accounts/111/register?from=2025-07-01&to=2025-12-31&limit=100&cursor=${first.nextCursor}`);
    emit("register_next_page_ms", round(regNext.median, 2), { max_ms: round(regNext.max, 2), rows: 100, target: "<= 20 ms", meets: regNext.median <= 20 });

    rss.phase = "verify";
    const v = await call(base, "GET", `${U}/ledger/verify`, undefined, token);
    const vb = JSON.parse(v.text);
    emit("verify_s", round(v.ms / 1000, 2), { ok: vb.ok, entries: vb.entries, target: "<= 20 s", meets: v.ms <= 20000 && vb.ok === true });

    rss.phase = "journal_export";
    const journal = path.join(tmp, "journal.hledger");
    const ex = await download(base, `${U}/journal.hledger`, token, journal);
    emit("journal_export_s", round(ex.ms / 1000, 2), { mb: round(ex.bytes / 2 ** 20), entries: n + 1 });
    const cash = JSON.parse((await call(base, "GET", `${U}/accounts/111/balance?at=2025-12-31`, undefined, token)).text).balance as string;

    // hledger and ledger-cli on the same journal: time, peak RSS, and whether their 111 agrees.
    rss.phase = "tools";
    const tools: number[] = [];
    if (!flag("skip-tools")) {
      for (const [tool, toolArgs] of [["hledger", ["-f", journal, "bal"]], ["ledger", ["-f", journal, "bal"]]] as const) {
        log(`${tool} bal (timeout ${TOOL_TIMEOUT} s)`);
        const t = performance.now();
        // Not spawnSync: a blocked event loop would hand the next request a keep-alive socket the server has closed.
        const r = await runTool("/usr/bin/time", ["-v", "timeout", "-s", "KILL", String(TOOL_TIMEOUT), tool, ...toolArgs], { ...process.env, LANG: "C.UTF-8" });
        const secs = (performance.now() - t) / 1000;
        const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "")?.[1] ?? NaN);
        const timedOut = r.status === 137 || /Command terminated by signal 9/.test(r.stderr ?? "");
        const their = /^\s*(-?\d+)\s+.*111 Tiền mặt\s*$/m.exec(r.stdout ?? "")?.[1];
        if (!timedOut && r.status === 0) tools.push(secs);
        emit(`${tool}_bal_s`, timedOut ? `> ${TOOL_TIMEOUT}` : round(secs, 1), {
          peak_rss_mb: round(kb / 1024, 0), exit: r.status, agrees_on_111: their === undefined ? null : their === cash,
          ...(r.status !== 0 && !timedOut ? { stderr: (r.stderr ?? "").slice(0, 300) } : {}),
        });
      }
    }
    if (tools.length) {
      const fastest = Math.min(...tools);
      emit("speedup_vs_fastest_tool", round((fastest * 1000) / tb.median, 0), { note: "fastest tool's bal time / our trial balance median", target: ">= 100" });
    }

    // Single POST again, now into the unit holding the million postings.
    rss.phase = "single_post_at_scale";
    const turns2 = await loadInTurns([bareTarget, { name: "ledger", pid: server.child.pid!, base, path: `${U}/entries`, token, body: (i) => ({ ...single(i), date: "2025-12-31" }) }], CONNECTIONS, Math.min(SECONDS, 5));
    const b2 = turns2.get("bare")!;
    const s2 = turns2.get("ledger")!;
    emit("single_post_at_scale_rps", round(s2.rps), { p50_ms: round(s2.p50, 2), p99_ms: round(s2.p99, 2), vs_bare: round(s2.rps / b2.rps, 2), bare_rps: round(b2.rps), server_cpu_ms_per_req: round(s2.cpuPerRequest, 2), errors: s2.errors });
    await bare.stop();

    rss.sample();
    emit("server_rss_max_mb", round(rss.overall(), 0), { by_phase_mb: Object.fromEntries([...rss.max].map(([k, v]) => [k, round(v, 0)])), target: "<= 250 MB", meets: rss.overall() <= 250, loadavg: os.loadavg().map((x) => round(x, 2)) });
  } finally {
    rss.stop();
    agent.destroy();
    await cleanUp();
    if (flag("keep")) log(`kept ${tmp} and ${databaseUrl}`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});

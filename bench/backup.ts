// Backup and restore of a unit with 1,000,000 postings, while the books are being written.
// Prints one JSON line per figure:
//   backup_seconds        the backup's time (npm run backup, a separate process, as an admin runs it)
//   post_during_backup    single-entry POSTs sent one after another while it runs: count, p50, p99
//                         (goal p99 <= 100 ms: writes keep flowing)
//   restore_verify_seconds npm run restore into a new database, with every chain verified
// Usage: node --import tsx bench/backup.ts [--postings 1000000] [--db sqlite|postgres]
import { execFile, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { dateOf, DAYS_2025, makeEntry, mulberry32 } from "./ledger-data";
import { build, spawnServer, startArgs } from "./start-command";

const ROOT = path.resolve(__dirname, "..");
const run = promisify(execFile);
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const POSTINGS = Number(opt("postings", "1000000"));
const DB = opt("db", "sqlite");
const PG_URL = process.env.TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/test";
const emit = (figure: string, value: unknown, extra: Record<string, unknown> = {}) => process.stdout.write(JSON.stringify({ bench: "backup", figure, value, ...extra }) + "\n");
const log = (s: string) => process.stderr.write(`[backup bench] ${s}\n`);
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function call(base: string, method: string, p: string, body?: unknown, token?: string, extra: Record<string, string> = {}): Promise<{ status: number; json: any; ms: number }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/v1${p}`, { method, agent, headers: { ...(payload ? { "content-type": "application/json", "content-length": payload.length } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined, ms: performance.now() - t0 });
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

async function ok(p: ReturnType<typeof call>, want: number, what: string) {
  const r = await p;
  if (r.status !== want) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json).slice(0, 400)}`);
  return r.json;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function main() {
  const id = crypto.randomBytes(4).toString("hex");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-bench-backup-"));
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  emit("meta", null, { commit, node: process.version, cpus: os.cpus().length, postings: POSTINGS, db: DB });
  let databaseUrl = `sqlite:${path.join(tmp, "fund.sqlite")}`;
  let restoreUrl = `sqlite:${path.join(tmp, "restored.sqlite")}`;
  const pgDbs: string[] = [];
  if (DB === "postgres") {
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    for (const n of [`bench_b_${id}`, `bench_r_${id}`]) {
      await admin.query(`CREATE DATABASE ${n}`);
      pgDbs.push(n);
    }
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${pgDbs[0]}`;
    databaseUrl = u.toString();
    u.pathname = `/${pgDbs[1]}`;
    restoreUrl = u.toString();
  }
  const files = path.join(tmp, "files");
  const env = { DATABASE_URL: databaseUrl, FILES_DIR: files, SCRYPT_COST: "1024", ADMIN_USERNAME: "bench.admin", ADMIN_PASSWORD: "bench-password-1", PUBLIC_BASE_URL: "http://192.168.1.20:3000" };
  build(ROOT);
  const server = await spawnServer(ROOT, startArgs(ROOT), env);
  try {
    const base = server.base;
    const admin = (await ok(call(base, "POST", "/auth/login", { username: "bench.admin", password: "bench-password-1" }), 200, "login")).token as string;
    const unit = async (code: string, kind: string, parentId?: number) => (await ok(call(base, "POST", "/units", { code, name: `Bench ${code}`, kind, parentId }, admin), 201, `unit ${code}`)).id as number;
    const commune = await unit(`c${id}`, "commune", await unit(`p${id}`, "province"));
    const hamlet = await unit(`h${id}`, "hamlet", commune);
    const user = await ok(call(base, "POST", "/users", { username: "bench.treasurer", displayName: "Thủ quỹ", password: "bench-password-2" }, admin), 201, "user");
    await ok(call(base, "POST", `/users/${user.id}/grants`, { role: "treasurer", unitId: hamlet }, admin), 201, "grant");
    const token = (await ok(call(base, "POST", "/auth/login", { username: "bench.treasurer", password: "bench-password-2" }), 200, "login")).token as string;
    for (const a of [
      { code: "411", name: "Quỹ khuyến học", type: "net_assets" },
      { code: "711", name: "Thu đóng góp xây dựng đường bê tông", type: "revenue" },
      { code: "811", name: "Chi đường bê tông - vật liệu", type: "expense" },
    ]) await ok(call(base, "POST", `/units/${hamlet}/accounts`, a, token), 201, `account ${a.code}`);
    const U = `/units/${hamlet}`;
    await ok(call(base, "POST", `${U}/entries`, { date: "2025-01-01", kind: "opening", description: "Số dư đầu năm", postings: [{ account: "111", amount: "1000000000000" }, { account: "411", amount: "-1000000000000" }] }, token), 201, "opening");

    // The books: POSTINGS postings in 1,000-entry batches.
    const n = Math.floor(POSTINGS / 2) - 1;
    const rnd = mulberry32(20251102);
    const t0 = performance.now();
    for (let done = 0; done < n; ) {
      const k = Math.min(1000, n - done);
      // Payments stay small beside the opening: the books never refuse them for overdraft, and
      // none passes the approval threshold (5,000,000).
      const entries = Array.from({ length: k }, (_, j) => makeEntry(rnd, done + j, n));
      await ok(call(base, "POST", `${U}/entries/batch`, { entries }, token, { prefer: "return=minimal" }), 201, "batch");
      done += k;
    }
    log(`loaded ${n + 1} entries in ${round((performance.now() - t0) / 1000)} s`);

    // A treasurer posting one entry at a time: first alone (the yardstick), then during the backup.
    let posting = true;
    let latencies: number[] = [];
    let errors = 0;
    let i = 0;
    const writeLoop = async () => {
      for (; posting; i++) {
        const r = await call(base, "POST", `${U}/entries`, { date: dateOf(i % DAYS_2025), kind: "contribution", description: `Thu đóng góp - hộ DT-${String((i % 400) + 1).padStart(3, "0")}`, postings: [{ account: "111", amount: "500000" }, { account: "711", amount: "-500000" }] }, token);
        if (r.status === 201) latencies.push(r.ms);
        else errors++;
      }
    };
    let writer = writeLoop();
    await new Promise((r) => setTimeout(r, 5000));
    posting = false;
    await writer;
    emit("post_without_backup", latencies.length, { p50_ms: round(pct(latencies, 50), 2), p99_ms: round(pct(latencies, 99), 2), seconds: 5, errors });
    // --only-post: the yardstick alone, e.g. to compare two builds' single POST on a large unit.
    if (args.includes("--only-post")) return;
    posting = true;
    latencies = [];
    errors = 0;
    const out = path.join(tmp, "backups");
    writer = writeLoop();
    const b0 = performance.now();
    await run(process.execPath, ["--import", "tsx", "src/cli/backup.ts", "--to", out], { cwd: ROOT, env: { ...process.env, ...env } });
    const backupMs = performance.now() - b0;
    posting = false;
    await writer;
    const dir = path.join(out, fs.readdirSync(out).find((f) => f.startsWith("fund-"))!);
    const bytes = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")).files.reduce((s: number, f: { size: number }) => s + f.size, 0);
    emit("backup_seconds", round(backupMs / 1000, 2), { bytes, postings: POSTINGS });
    emit("post_during_backup", latencies.length, { p50_ms: round(pct(latencies, 50), 2), p99_ms: round(pct(latencies, 99), 2), max_ms: round(Math.max(...latencies), 2), errors, target: "p99 <= 100 ms", meets: pct(latencies, 99) <= 100 });

    const r0 = performance.now();
    const restored = await run(process.execPath, ["--import", "tsx", "src/cli/restore.ts", "--from", dir, "--to", restoreUrl, "--files-to", path.join(tmp, "restored-files")], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "silent" }, maxBuffer: 16 << 20 });
    emit("restore_verify_seconds", round((performance.now() - r0) / 1000, 2), { whole: /whole/.test(restored.stdout) });
  } finally {
    await server.stop();
    if (pgDbs.length) {
      const admin = new Client({ connectionString: PG_URL });
      await admin.connect();
      for (const n of pgDbs) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
      await admin.end();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});

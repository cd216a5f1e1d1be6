import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { makeEntry, mulberry32 } from "./ledger-data";
import { build, spawnServer, startArgs } from "./start-command";

// The ledger's batch POST, two builds against each other: each server (npm start's way, its own
// SQLite file) takes `--per` 1,000-entry batches in turn, `--rounds` times, after one unmeasured
// turn each, alternating which goes first. On this shared VM absolute figures drift by ±15% from
// minute to minute; taken in turns, both builds see the same neighbours.
//   git worktree add /tmp/before <rev> && ln -s $PWD/node_modules /tmp/before/node_modules
//   node --import tsx bench/ab-batch.ts /tmp/before . [--rounds 9] [--per 10]
// Prints one JSON line: entries/s of each, each turn's pair, CPU per batch (the server's event
// loop, its other threads: SQLite's and V8's; the load generator), peak RSS. Never run by CI.

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const [dirA, dirB] = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")).map((d) => path.resolve(d));
const ROUNDS = Number(opt("rounds", "9"));
const PER = Number(opt("per", "10"));
const BATCH = 1000;
const WORKERS = 2;
if (!dirA || !dirB) throw new Error("usage: bench/ab-batch.ts <dirA> <dirB> [--rounds 9] [--per 10]");

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
function call(base: string, method: string, p: string, body?: unknown, token?: string, extra: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const headers = { ...(payload ? { "content-type": "application/json", "content-length": payload.length } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
    const req = http.request(`${base}${p}`, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(payload);
  });
}
async function ok(r: Promise<{ status: number; text: string }>, want: number, what: string) {
  const x = await r;
  if (x.status !== want) throw new Error(`${what}: ${x.status} ${x.text.slice(0, 300)}`);
  return x.text ? JSON.parse(x.text) : undefined;
}

const N = (ROUNDS + 1) * PER * BATCH; // the entries one side posts, dated through 2025

/** CPU (ms) of a process so far: its main thread and the rest (Linux, 100 ticks/s). */
function cpu(pid: number): { main: number; others: number } {
  const out = { main: 0, others: 0 };
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      out[tid === String(pid) ? "main" : "others"] += (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      // a thread that ended meanwhile
    }
  }
  return out;
}

async function start(root: string) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-ab-"));
  const server = await spawnServer(root, startArgs(root), {
    DATABASE_URL: `sqlite:${path.join(tmp, "ledger.sqlite")}`, SCRYPT_COST: "1024", ADMIN_USERNAME: "bench.admin", ADMIN_PASSWORD: "bench-password-1", FILES_DIR: path.join(tmp, "files"),
  });
  const base = `${server.base}/api/v1`;
  const admin = (await ok(call(base, "POST", "/auth/login", { username: "bench.admin", password: "bench-password-1" }), 200, "login")).token;
  const unit = async (code: string, kind: string, parentId?: number) => (await ok(call(base, "POST", "/units", { code, name: `Bench ${code}`, kind, parentId }, admin), 201, "unit")).id as number;
  const hamlet = await unit("h", "hamlet", await unit("c", "commune", await unit("p", "province")));
  const user = await ok(call(base, "POST", "/users", { username: "bench.treasurer", displayName: "Thủ quỹ", password: "bench-password-2" }, admin), 201, "user");
  await ok(call(base, "POST", `/users/${user.id}/grants`, { role: "treasurer", unitId: hamlet }, admin), 201, "grant");
  const token = (await ok(call(base, "POST", "/auth/login", { username: "bench.treasurer", password: "bench-password-2" }), 200, "login")).token;
  for (const a of [{ code: "411", name: "Quỹ", type: "net_assets" }, { code: "711", name: "Thu đóng góp", type: "revenue" }, { code: "811", name: "Chi vật liệu", type: "expense" }]) {
    await ok(call(base, "POST", `/units/${hamlet}/accounts`, a, token), 201, `account ${a.code}`);
  }
  const opening = { date: "2025-01-01", kind: "opening", description: "Số dư đầu năm", postings: [{ account: "111", amount: "1000000000000" }, { account: "411", amount: "-1000000000000" }] };
  await ok(call(base, "POST", `/units/${hamlet}/entries`, opening, token), 201, "opening");
  return { root, server, tmp, base, token, hamlet, rnd: mulberry32(20251102), next: 0, ms: 0, done: 0, main: 0, others: 0, client: 0 };
}
type Side = Awaited<ReturnType<typeof start>>;

async function turn(s: Side, measure: boolean): Promise<number> {
  const end = s.next + PER;
  const c0 = cpu(s.server.child.pid!);
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (s.next < end) {
        const k = s.next++;
        const entries = [];
        for (let i = k * BATCH; i < (k + 1) * BATCH; i++) entries.push(makeEntry(s.rnd, i, N));
        const r = await call(s.base, "POST", `/units/${s.hamlet}/entries/batch`, { entries }, s.token, { prefer: "return=minimal" });
        if (r.status !== 201) throw new Error(`${s.root}: batch ${k}: ${r.status} ${r.text.slice(0, 300)}`);
      }
    }),
  );
  const ms = performance.now() - t0;
  if (measure) {
    const c1 = cpu(s.server.child.pid!);
    const u = process.cpuUsage(u0);
    s.ms += ms;
    s.done += PER * BATCH;
    s.main += c1.main - c0.main;
    s.others += c1.others - c0.others;
    s.client += (u.user + u.system) / 1000;
  }
  return (PER * BATCH) / (ms / 1000);
}

async function main() {
  for (const d of [dirA, dirB]) build(d);
  const A = await start(dirA);
  const B = await start(dirB);
  try {
    await turn(A, false);
    await turn(B, false);
    const turns: [number, number][] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const [first, second] = r % 2 ? [B, A] : [A, B];
      const x = await turn(first, true);
      const y = await turn(second, true);
      turns.push(first === A ? [Math.round(x), Math.round(y)] : [Math.round(y), Math.round(x)]);
    }
    const peak = (s: Side) => Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${s.server.child.pid}/status`, "utf8"))![1]) / 1024);
    const side = (s: Side) => ({
      dir: s.root, eps: Math.round(s.done / (s.ms / 1000)),
      cpu_ms_per_batch: { event_loop: Math.round((s.main / s.done) * BATCH * 10) / 10, other_threads: Math.round((s.others / s.done) * BATCH * 10) / 10, load_generator: Math.round((s.client / s.done) * BATCH * 10) / 10 },
      peak_rss_mb: peak(s),
    });
    process.stdout.write(JSON.stringify({ bench: "ab-batch", a: side(A), b: side(B), b_over_a: Math.round((B.done / B.ms / (A.done / A.ms)) * 100) / 100, turns, rounds: ROUNDS, per_turn: PER, batch: BATCH, workers: WORKERS, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) }) + "\n");
  } finally {
    for (const s of [A, B]) {
      await s.server.stop();
      fs.rmSync(s.tmp, { recursive: true, force: true });
    }
    agent.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});

// The receipt figure (one receipt recorded at the door), run by hand (never by CI):
//   node --import tsx bench/receipt.ts [--db sqlite|postgres|both] [--postings 1000000] [--receipts 200]
//     [--households 400] [--campaigns 5] [--batch 5000] [--cpu-prof]
// "Time to record a receipt (server side of the submit) ≤ 50 ms median with 1,000,000 postings in
// the unit." Prints one JSON line per figure on stdout (progress on stderr).
//
// The unit's books are loaded in-process through the ledger's own postEntries (batches of
// `--batch` entries, one transaction each): every row goes through the same checks and database
// triggers (hash chain, gapless vouchers, account_days) as any other write, without HTTP and JSON.
// 70% are receipts of a household for a campaign (Dr 111 / Cr the campaign's 7xx), 20% payments
// (Dr 811 / Cr 111), 10% deposits (Dr 112 / Cr 111), dated through 2025 in order.
// Then the real app (createApp) listens on a loopback port in this process, a treasurer signs in
// and POSTs /api/v1/units/:id/contributions `--receipts` times one after another, each with an
// Idempotency-Key as the web app sends. The figure is the server's time: from the request's arrival
// at the HTTP server to the last byte of the answer written (res "finish"), so the client's half of
// the loopback round trip is left out; the round trip is printed too.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Session } from "node:inspector/promises";
import { fromDb, negate } from "../src/shared/money";
import type { Knex } from "knex";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createDb } from "../src/db/knex";
import { migrate } from "../src/db/migrate";
import { silentLogger } from "../src/http/logger";
import { systemClock, localDate } from "../src/shared/dates";
import { createFirstAdmin, createUser, grantRole, systemActor } from "../src/identity";
import { setUpUnit } from "../src/modules";
import { openCampaign, registerHousehold } from "../src/contributions";
import { openAccount, postEntries, EntryInput } from "../src/ledger";
import { dateOf, mulberry32 } from "./ledger-data";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
};
const WHICH = arg("db", "both");
const POSTINGS = Number(arg("postings", "1000000"));
const RECEIPTS = Number(arg("receipts", "200"));
const HOUSEHOLDS = Number(arg("households", "400"));
const CAMPAIGNS = Number(arg("campaigns", "5"));
const BATCH = Number(arg("batch", "5000"));
const CPU_PROF = process.argv.includes("--cpu-prof");
// --trace: time every SQL statement of the measured receipts (knex query events) and print the
// statements by total time on stderr: where the server's time goes.
const TRACE = process.argv.includes("--trace");
const PG = process.env.BENCH_PG_URL || "postgres://postgres@127.0.0.1:5432/test";

const log = (m: string) => process.stderr.write(`[bench receipt ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

function post(base: string, p: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; ms: number }> {
  const payload = Buffer.from(JSON.stringify(body));
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${p}`, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": payload.length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - t0 }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

async function run(kind: "sqlite" | "postgres") {
  const emit = (figure: string, value: number | null, extra: object = {}) =>
    process.stdout.write(JSON.stringify({ bench: "receipt", db: kind, figure, value, ...extra }) + "\n");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-receipt-"));
  const schema = `bench_receipt_${crypto.randomBytes(4).toString("hex")}`;
  let db: Knex;
  if (kind === "postgres") {
    const admin = createDb({ client: "postgres", connectionString: PG });
    try {
      await admin.raw(`CREATE SCHEMA ${schema}`);
    } finally {
      await admin.destroy();
    }
    db = createDb({ client: "postgres", connectionString: PG, searchPath: schema });
  } else {
    db = createDb({ client: "sqlite", filename: path.join(dir, "bench.sqlite") });
  }
  const analyze = async () => {
    if (kind === "postgres") await db.raw(`ANALYZE ${["entries", "postings", "account_days", "accounts", "contributions", "households", "campaigns"].map((t) => `${schema}.${t}`).join(", ")}`);
  };
  const commit = require("node:child_process").spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: path.resolve(__dirname, ".."), encoding: "utf8" }).stdout?.trim() ?? "";
  emit("meta", null, { commit, node: process.version, cpus: os.cpus().length, loadavg: os.loadavg().map((x) => round(x)), postings: POSTINGS, receipts: RECEIPTS, households: HOUSEHOLDS, campaigns: CAMPAIGNS });
  let server: http.Server | undefined;
  try {
    await migrate(db);
    const actor = systemActor("2025-12-31T10:00:00.000Z", "bench");
    const PASSWORD = "bench-password-123";
    const w = await db.transaction(async (trx) => {
      await createFirstAdmin(trx, actor, { username: "bench.admin", displayName: "Bench", password: PASSWORD }, 1024);
      const p = await setUpUnit(trx, actor, { code: "p", name: "Tỉnh An Bình", kind: "province" });
      const c = await setUpUnit(trx, actor, { code: "c", name: "Xã Tân Linh", kind: "commune", parentId: p.id });
      const h = await setUpUnit(trx, actor, { code: "h", name: "Thôn Đồng Tâm", kind: "hamlet", parentId: c.id });
      const t = await createUser(trx, actor, { username: "thu.quy", displayName: "Nguyễn Thị Thủ Quỹ", password: PASSWORD }, 1024);
      await grantRole(trx, actor, t.id, { role: "treasurer", unitId: h.id });
      await openAccount(trx, actor, h.id, { code: "411", name: "Quỹ của thôn", type: "net_assets" });
      await openAccount(trx, actor, h.id, { code: "811", name: "Chi đường bê tông - vật liệu", type: "expense" });
      const names = ["Nguyễn Văn Hường", "Trần Thị Ngọc Ánh", "Lê Đức Thắng", "Phạm Thị Hạnh", "Hoàng Văn Ất", "Đỗ Thị Yến"];
      const households: number[] = [];
      for (let i = 1; i <= HOUSEHOLDS; i++) {
        households.push((await registerHousehold(trx, actor, h.id, { code: `DT-${String(i).padStart(3, "0")}`, headName: `${names[i % names.length]} ${i}` })).id);
      }
      const decision = { date: "2024-12-20", minutesRef: "BB-01", householdsTotal: HOUSEHOLDS, householdsPresent: HOUSEHOLDS, householdsAgreeing: HOUSEHOLDS };
      const campaigns: { id: number; revenueAccount: string }[] = [];
      for (let i = 1; i <= CAMPAIGNS; i++) {
        const cp = await openCampaign(trx, actor, h.id, { name: `Đợt vận động ${i}`, purpose: "bench", decision, startDate: "2025-01-01" });
        campaigns.push({ id: cp.id, revenueAccount: cp.revenueAccount });
      }
      return { hamlet: h.id, households, campaigns };
    });

    // The books: an opening entry, then (POSTINGS / 2 - 1) entries of two postings each.
    const U = w.hamlet;
    await db.transaction((trx) =>
      postEntries(trx, actor, U, [{ date: "2025-01-01", kind: "opening", description: "Số dư đầu năm 2025", postings: [{ account: "111", amount: fromDb("1000000000000") }, { account: "411", amount: fromDb("-1000000000000") }] }], { audit: false }),
    );
    const n = Math.max(0, Math.floor(POSTINGS / 2) - 1);
    const rnd = mulberry32(20251231);
    const amount = (lo: number, hi: number) => fromDb(Math.round((lo + rnd() * (hi - lo)) / 1000) * 1000);
    log(`${kind}: loading ${n} entries (${2 * n + 2} postings) in batches of ${BATCH}`);
    const t0 = performance.now();
    for (let done = 0; done < n; ) {
      const batch: EntryInput[] = [];
      for (let i = done; i < Math.min(n, done + BATCH); i++) {
        const date = dateOf(Math.floor((i * 365) / n));
        const r = rnd();
        if (r < 0.7) {
          const hh = i % w.households.length;
          const cp = w.campaigns[Math.floor(i / w.households.length) % w.campaigns.length];
          const a = amount(100_000, 2_000_000);
          batch.push({ date, kind: "contribution", description: `Thu đóng góp Đợt vận động - hộ DT-${String(hh + 1).padStart(3, "0")}`, householdId: w.households[hh], campaignId: cp.id, postings: [{ account: "111", amount: a }, { account: cp.revenueAccount, amount: negate(a) }] });
        } else if (r < 0.9) {
          const a = amount(50_000, 2_000_000);
          batch.push({ date, kind: "expense", description: `Chi mua vật liệu: xi măng, cát, đá (hóa đơn số ${i})`, postings: [{ account: "811", amount: a }, { account: "111", amount: negate(a) }] });
        } else {
          const a = amount(1_000_000, 3_000_000);
          batch.push({ date, kind: "transfer", description: "Nộp tiền mặt vào tài khoản của thôn tại Agribank", postings: [{ account: "112", amount: a }, { account: "111", amount: negate(a) }] });
        }
      }
      await db.transaction((trx) => postEntries(trx, actor, U, batch, { audit: false }));
      done += batch.length;
      // PostgreSQL here runs without autovacuum: statistics after the first batch, as autovacuum would.
      if (done === batch.length) await analyze();
      if ((done / BATCH) % 20 === 0 || done >= n) log(`  ${done} entries, ${Math.round(done / ((performance.now() - t0) / 1000))} entries/s`);
    }
    const loadS = (performance.now() - t0) / 1000;
    await analyze();
    const postings = Number((await db("postings").where({ unit_id: U }).count({ n: "*" }).first())?.n ?? 0);
    emit("load_s", round(loadS, 1), { entries: n + 1, postings, entries_per_s: Math.round(n / loadS), via: "postEntries in-process" });

    // The real app on a loopback port; server-side time per request from arrival to "finish".
    const config = loadConfig({ SCRYPT_COST: "1024", LOG_LEVEL: "silent", DEMO_DATA: "false", FILES_DIR: path.join(dir, "files") });
    const app = createApp({ db, config, clock: systemClock, logger: silentLogger });
    const serverMs: number[] = [];
    let measuring = false;
    server = http.createServer((req, res) => {
      const t = performance.now();
      if (measuring && req.method === "POST") res.on("finish", () => serverMs.push(performance.now() - t));
      app(req, res);
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const login = await post(base, "/api/v1/auth/login", { username: "thu.quy", password: PASSWORD });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${login.text}`);
    const token = JSON.parse(login.text).token as string;
    const today = localDate(new Date());
    let k = 0;
    const receipt = async () => {
      const i = k++;
      const body = { householdId: w.households[(i * 7) % w.households.length], campaignId: w.campaigns[i % w.campaigns.length].id, amount: String(200_000 + (i % 10) * 50_000), date: today, method: i % 5 === 0 ? "bank" : "cash" };
      const r = await post(base, `/api/v1/units/${U}/contributions`, body, { authorization: `Bearer ${token}`, "idempotency-key": crypto.randomUUID() });
      if (r.status !== 201) throw new Error(`receipt: ${r.status} ${r.text.slice(0, 500)}`);
      return r.ms;
    };
    for (let i = 0; i < 10; i++) await receipt(); // warm-up: JIT, statement caches, the web of modules
    let prof: Session | undefined;
    if (CPU_PROF) {
      prof = new Session();
      prof.connect();
      await prof.post("Profiler.enable");
      await prof.post("Profiler.start");
    }
    const traced = new Map<string, { n: number; ms: number }>();
    const started = new Map<string, { sql: string; t: number }>();
    if (TRACE) {
      db.on("query", (q: { __knexQueryUid: string; sql: string }) => started.set(q.__knexQueryUid, { sql: q.sql, t: performance.now() }));
      db.on("query-response", (_r: unknown, q: { __knexQueryUid: string }) => {
        const s0 = started.get(q.__knexQueryUid);
        if (!s0) return;
        started.delete(q.__knexQueryUid);
        const key = s0.sql.replace(/\s+/g, " ").slice(0, 160);
        const a = traced.get(key) ?? { n: 0, ms: 0 };
        a.n++;
        a.ms += performance.now() - s0.t;
        traced.set(key, a);
      });
    }
    measuring = true;
    const roundTrip: number[] = [];
    for (let i = 0; i < RECEIPTS; i++) roundTrip.push(await receipt());
    measuring = false;
    if (TRACE) {
      const total = [...traced.values()].reduce((x, a) => x + a.ms, 0);
      log(`SQL: ${round(total / RECEIPTS)} ms per receipt in ${round([...traced.values()].reduce((x, a) => x + a.n, 0) / RECEIPTS, 1)} statements`);
      for (const [sql, a] of [...traced].sort((x, y) => y[1].ms - x[1].ms).slice(0, 25)) log(`  ${round(a.ms / RECEIPTS)} ms/receipt  x${round(a.n / RECEIPTS, 1)}  ${sql}`);
    }
    if (prof) {
      const { profile } = await prof.post("Profiler.stop");
      const file = path.join(os.tmpdir(), `receipt-${kind}-${Date.now()}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      log(`cpu profile: ${file}`);
      prof.disconnect();
    }
    const med = pct(serverMs, 50);
    emit("receipt_server_ms", round(med), {
      p95_ms: round(pct(serverMs, 95)), p99_ms: round(pct(serverMs, 99)), max_ms: round(Math.max(...serverMs)),
      round_trip_p50_ms: round(pct(roundTrip, 50)), receipts: serverMs.length, postings_in_unit: postings,
      target: "median <= 50 ms", meets: med <= 50, loadavg: os.loadavg().map((x) => round(x)),
    });
  } finally {
    if (server) await new Promise<void>((resolve) => { server!.closeAllConnections(); server!.close(() => resolve()); });
    if (kind === "postgres") await db.raw(`DROP SCHEMA ${schema} CASCADE`).catch((e) => log(`drop schema: ${e.message}`));
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const engines: ("sqlite" | "postgres")[] = WHICH === "both" ? ["sqlite", "postgres"] : [WHICH as "sqlite" | "postgres"];
  for (const e of engines) {
    if (e === "postgres") {
      const probe = createDb({ client: "postgres", connectionString: PG });
      const up = await probe.raw("SELECT 1").then(() => true, () => false);
      await probe.destroy();
      if (!up) {
        process.stdout.write(JSON.stringify({ bench: "receipt", db: "postgres", figure: "skipped", value: null, reason: `no PostgreSQL at ${PG}` }) + "\n");
        continue;
      }
    }
    await run(e);
  }
  agent.destroy();
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});

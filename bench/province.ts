// A province generated and measured, run by hand (never by CI), on PostgreSQL only:
//   node --import tsx bench/province.ts --communes 2 --hamlets 3 --households 50 --years 1 [--drop]
//     [--concurrency 4] [--receipts 1000] [--clients 50] [--pace 1000] [--name bench_province] [--one-by-one]
// DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
// the bench creates a fresh database `--name` on it (dropping one left by an earlier run), and
// drops it at the end with --drop. Prints one JSON line per figure on stdout (progress on stderr).
//
// The app (createApp, as the server builds it) listens on a loopback port in this process with a
// clock the bench moves month by month; the province is loaded through its HTTP API (province-load.ts),
// hamlets in parallel (`--concurrency` at a time; the machine has 2 cores), but for the register,
// pledges and receipts: those go through the same service functions in this process, a month's
// receipts of a campaign as the treasurer's sheet (parsed, previewed, committed), unless
// --one-by-one sends each as its own request. Then, with the
// clock on 15 January after the last year: a receipt's time with `--clients` treasurers of different
// hamlets posting at once (each client its own sign-in; with fewer hamlets than clients, hamlets
// share), a hamlet's trial balance, statement (PDF) and chain verify, the commune's and the
// province's overview. RSS is sampled every 100 ms: it is this process's, the load's client included
// (an upper bound of the server's own).
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { spawnSync } from "node:child_process";
import type { Knex } from "knex";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createDb } from "../src/db/knex";
import { prepareDatabase } from "../src/boot";
import { silentLogger } from "../src/http/logger";
import { fixedClock } from "../src/shared/dates";
import { buildTree, hamletMonth, hamletPublication, Shape, type Commune, type Province } from "./province-load";
import { Person, pool, pct, round } from "./province-http";
import { mulberry32 } from "./ledger-data";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
};
const YEARS = Number(arg("years", "1"));
const shape: Shape = {
  communes: Number(arg("communes", "2")), hamlets: Number(arg("hamlets", "3")), households: Number(arg("households", "50")),
  years: YEARS, firstYear: 2026 - YEARS, concurrency: Number(arg("concurrency", "4")), oneByOne: process.argv.includes("--one-by-one"),
};
const RECEIPTS = Number(arg("receipts", "1000"));
const CLIENTS = Number(arg("clients", "50"));
// Paced receipts: each treasurer waits a random pause of this mean (ms) before each receipt, as people do.
const PACE = Number(arg("pace", "1000"));
const NAME = arg("name", "bench_province");
const DROP = process.argv.includes("--drop");
// Measures a province an earlier run loaded and kept (same --name and --years), without loading it
// again: the figures can be taken again on a quiet machine, or after a change.
const MEASURE_ONLY = process.argv.includes("--measure-only");
// Idempotency keys of this run's measured receipts: a kept database has those of earlier runs.
const RUN = Date.now().toString(36);
const SERVER = process.env.DATABASE_URL && process.env.DATABASE_URL.startsWith("postgres") ? process.env.DATABASE_URL : "postgres://postgres@127.0.0.1:5432/postgres";
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(NAME)) throw new Error("--name: a plain lowercase database name");

const log = (m: string) => process.stderr.write(`[bench province ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const emit = (figure: string, value: number | string | null, extra: object = {}) => process.stdout.write(JSON.stringify({ bench: "province", figure, value, ...extra }) + "\n");
const urlOf = (db: string) => { const u = new URL(SERVER); u.pathname = `/${db}`; return u.toString(); };

let rssMax = 0, rssPhase = 0;
const sampler = setInterval(() => { const r = process.memoryUsage().rss; rssMax = Math.max(rssMax, r); rssPhase = Math.max(rssPhase, r); }, 100);
sampler.unref();
const mb = (b: number) => round(b / 1048576, 0);

async function times(n: number, f: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}
const stats = (xs: number[]) => ({ n: xs.length, p50: round(pct(xs, 50)), p95: round(pct(xs, 95)), p99: round(pct(xs, 99)), max: round(Math.max(...xs)) });

async function main() {
  const admin = createDb({ client: "postgres", connectionString: SERVER }, { pool: { min: 0, max: 1 } });
  if (!MEASURE_ONLY) {
    await admin.raw(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await admin.raw(`CREATE DATABASE ${NAME}`);
  }
  await admin.destroy();
  const db: Knex = createDb({ client: "postgres", connectionString: urlOf(NAME) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-province-"));
  const clock = fixedClock(`${shape.firstYear}-01-02T03:00:00.000Z`);
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: path.resolve(__dirname, ".."), encoding: "utf8" }).stdout?.trim() ?? "";
  // A province's server runs autovacuum (PostgreSQL's default); a test machine's may not, and then the
  // planner keeps the statistics of empty tables while they grow to hundreds of thousands of rows.
  const settings = Object.fromEntries(((await db.raw("SELECT name, setting FROM pg_settings WHERE name IN ('autovacuum', 'max_wal_size', 'shared_buffers', 'synchronous_commit', 'server_version')")).rows as { name: string; setting: string }[]).map((r) => [r.name, r.setting]));
  if (settings.autovacuum !== "on") log("autovacuum is off on this server: statistics go stale as the tables grow (a province's server runs it; ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf())");
  emit("meta", null, { commit, node: process.version, cpus: os.cpus().length, loadavg: os.loadavg().map((x) => round(x, 2)), ...shape, database: NAME, postgres: settings });
  let server: http.Server | undefined;
  try {
    const config = loadConfig({
      SCRYPT_COST: "1024", LOG_LEVEL: "silent", DEMO_DATA: "false", FILES_DIR: path.join(dir, "files"), SESSION_TTL_HOURS: "2160",
      ADMIN_USERNAME: "bench.root", ADMIN_PASSWORD: "bench-password-2026", PUBLIC_BASE_URL: "https://soquy.anbinh.example.vn", DATABASE_URL: urlOf(NAME),
    });
    await prepareDatabase(db, config, clock, silentLogger);
    const app = createApp({ db, config, clock, logger: silentLogger });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const root = new Person(base, "bench.root", "bench-password-2026");

    const province = MEASURE_ONLY ? await provinceIn(db, base, root) : await load(db, base, root, clock);
    if (MEASURE_ONLY) log(`measuring ${NAME}: ${province.communes.length} communes, ${province.hamlets.length} hamlets`);

    // Measurements, on the day after the last year.
    const last = shape.firstYear + YEARS - 1;
    clock.set(`${last + 1}-01-15T03:00:00.000Z`);
    const today = `${last + 1}-01-15`;
    rssPhase = 0;

    // 50 treasurers of different hamlets posting receipts at once.
    const hamlets = province.hamlets;
    const clients = Array.from({ length: CLIENTS }, (_, i) => {
      const h = hamlets[(i * 7919) % hamlets.length];
      return { h, who: new Person(base, h.treasurer.username, "bench-password-2026") };
    });
    await Promise.all(clients.map((c) => c.who.signIn()));
    const per = Math.ceil(RECEIPTS / CLIENTS);
    let k = 0;
    const rnd = mulberry32(4242);
    // Closed loop (each treasurer posts again the moment the last answer comes: the server's
    // throughput, latency is queueing), then paced (a random pause of mean PACE ms before each).
    const receipts = async (label: string, pause: number) => {
      const ms: number[] = [];
      const tr = performance.now();
      await Promise.all(clients.map(async (c, ci) => {
        for (let i = 0; i < per; i++) {
          if (pause) await new Promise((r) => setTimeout(r, -Math.log(1 - rnd()) * pause));
          const hh = c.h.households[(ci * 31 + i * 7 + k++) % c.h.households.length];
          const r = await c.who.raw("POST", `/units/${c.h.id}/contributions`, { householdId: hh, campaignId: c.h.campaigns[1].id, amount: "50000", date: today, method: "cash" }, { "idempotency-key": `bench-${RUN}-${label}-${ci}-${i}` });
          if (r.status !== 201) throw new Error(`receipt: ${r.status} ${r.text.slice(0, 300)}`);
          ms.push(r.ms);
        }
      }));
      const wall = (performance.now() - tr) / 1000;
      emit(label, round(pct(ms, 99)), { ...stats(ms), clients: CLIENTS, hamlets: new Set(clients.map((c) => c.h.id)).size, per_s: round(ms.length / wall), pause_ms: pause, measured: "client round trip on loopback" });
    };
    await receipts("receipt_closed_loop_ms", 0);
    await receipts("receipt_paced_ms", PACE);

    // A hamlet's trial balance, statement (PDF) and chain verify.
    const h = hamlets[0];
    const from = `${last}-01-01`, to = `${last}-12-31`;
    const timed = async (who: Person, p: string, ok = 200) => {
      const r = await who.raw("GET", p);
      if (r.status !== ok) throw new Error(`${p}: ${r.status} ${r.text.slice(0, 300)}`);
      return r.ms;
    };
    await timed(h.head, `/units/${h.id}/trial-balance?from=${from}&to=${to}`);
    emit("trial_balance_ms", null, { ...stats(await times(20, () => timed(h.head, `/units/${h.id}/trial-balance?from=${from}&to=${to}`))), hamlet: h.code });
    emit("statement_pdf_ms", null, { ...stats(await times(5, () => timed(h.head, `/units/${h.id}/statements/receipts-payments.pdf?from=${from}&to=${to}`))), kind: "receipts-payments", hamlet: h.code });
    const entries = Number((await db("entries").where({ unit_id: h.id }).count({ n: "*" }).first())?.n ?? 0);
    emit("chain_verify_ms", null, { ...stats(await times(5, () => timed(h.head, `/units/${h.id}/ledger/verify`))), entries, hamlet: h.code });

    // The overviews.
    const c = province.communes[0];
    await timed(c.admin, `/units/${c.id}/overview`);
    emit("commune_overview_ms", null, { ...stats(await times(10, () => timed(c.admin, `/units/${c.id}/overview`))), hamlets: c.hamlets.length });
    await timed(root, `/units/${province.id}/overview`);
    const bytes = (await root.raw("GET", `/units/${province.id}/overview`)).bytes;
    emit("province_overview_ms", null, { ...stats(await times(10, () => timed(root, `/units/${province.id}/overview`))), communes: province.communes.length, hamlets: hamlets.length, bytes });
    emit("rss_max_mb", mb(rssMax), { measuring_mb: mb(rssPhase), loadavg: os.loadavg().map((x) => round(x, 2)), note: "this process: server and load client together" });
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    if (DROP) {
      const a = createDb({ client: "postgres", connectionString: SERVER }, { pool: { min: 0, max: 1 } });
      await a.raw(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
      await a.destroy();
      log(`dropped ${NAME}`);
    }
  }
}


/** Loads the province through the app listening at `base` (and the services, for the bulk), and reports the load's figures. */
async function load(db: Knex, base: string, root: Person, clock: ReturnType<typeof fixedClock>): Promise<Province> {
  const t0 = performance.now();
  const province = await buildTree(base, root, shape);
  const direct = { db, at: () => clock.now().toISOString() };
    const paths = new Map((await db("units").select("id", "path")).map((u: { id: number; path: string }) => [Number(u.id), u.path]));
    for (const h of province.hamlets) h.path = paths.get(h.id)!;
    log(`tree: ${province.communes.length} communes, ${province.hamlets.length} hamlets in ${round((performance.now() - t0) / 1000)} s`);
    for (let y = shape.firstYear; y < shape.firstYear + YEARS; y++) {
      for (let m = 1; m <= 12; m++) {
        const tm = performance.now();
        if (m % 3 === 1 && m > 1) {
          const tenth = `${y}-${String(m).padStart(2, "0")}-10`;
          clock.set(`${tenth}T03:00:00.000Z`);
          await pool(province.hamlets, shape.concurrency, (h, i) => hamletPublication(h, { year: y, month: m, first: y === shape.firstYear, today: tenth }, y * 100_000 + m * 1000 + i));
        }
        const today = `${y}-${String(m).padStart(2, "0")}-28`;
        clock.set(`${today}T03:00:00.000Z`);
        await pool(province.hamlets, shape.concurrency, (h, i) => hamletMonth(h, { year: y, month: m, first: y === shape.firstYear, today }, shape, y * 100_000 + m * 1000 + i, direct));
        log(`${today.slice(0, 7)}: ${round((performance.now() - tm) / 1000)} s, rss ${mb(process.memoryUsage().rss)} MB`);
      }
    }
    const loadS = (performance.now() - t0) / 1000;
    const counts: Record<string, number> = {};
    for (const t of ["units", "users", "households", "decisions", "campaigns", "contributions", "entries", "postings", "works", "expenses", "inspections", "findings", "publications"]) {
      counts[t] = Number((await db(t).count({ n: "*" }).first())?.n ?? 0);
    }
    emit("load_s", round(loadS), { rss_max_mb: mb(rssPhase), via: shape.oneByOne ? "HTTP API in-process, one request each" : "HTTP API; register, pledges and receipts (monthly sheets) through the services in-process", rows: counts, postings_per_s: round(counts.postings / loadS) });
    await db.raw("ANALYZE");
    const sizes: { relname: string; bytes: string }[] = (await db.raw(
      "SELECT c.relname, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC",
    )).rows;
    const total = (await db.raw("SELECT pg_database_size(current_database()) AS bytes")).rows[0].bytes;
    emit("db_size_mb", round(Number(total) / 1048576, 1), { tables_mb: Object.fromEntries(sizes.filter((s) => Number(s.bytes) > 65536).map((s) => [s.relname, round(Number(s.bytes) / 1048576, 2)])) });

  return province;
}

/** The province a kept database holds, with its people (each signs in again when first used). */
async function provinceIn(db: Knex, base: string, root: Person): Promise<Province> {
  const P = "bench-password-2026";
  const users = new Map((await db("users").select("id", "username")).map((u: { id: number; username: string }) => [u.username, Number(u.id)]));
  const person = (username: string) => new Person(base, username, P, users.get(username) ?? 0);
  const units: { id: number; code: string; kind: string; parent_id: number | null; path: string }[] = await db("units").select("id", "code", "kind", "parent_id", "path").orderBy("id");
  const p = units.find((u) => u.kind === "province" && u.code === "tinh");
  if (!p) throw new Error(`${NAME} holds no province loaded by this bench`);
  const province: Province = { id: p.id, root, communes: [], hamlets: [] };
  for (const cu of units.filter((u) => u.kind === "commune" && u.parent_id === p.id)) {
    const admin = person(`${cu.code}.admin`);
    const board = await db("boards").where({ unit_id: cu.id }).orderBy("id").first();
    const commune: Commune = { id: cu.id, code: cu.code, admin, inspector: person(`${cu.code}.giamsat`), board: Number(board?.id ?? 0), hamlets: [] };
    for (const hu of units.filter((u) => u.kind === "hamlet" && u.parent_id === cu.id)) {
      const households = (await db("households").where({ unit_id: hu.id }).orderBy("id").select("id")).map((r: { id: number }) => Number(r.id));
      const campaigns = (await db("campaigns").where({ unit_id: hu.id }).orderBy("id", "desc").limit(2).select("id", "level_amount")).reverse()
        .map((c: { id: number; level_amount: number | string }) => ({ id: Number(c.id), level: Number(c.level_amount) }));
      commune.hamlets.push({ id: hu.id, code: hu.code, path: hu.path, commune, treasurer: person(`${hu.code}.thuquy`), head: person(`${hu.code}.truongthon`), households, campaigns, works: [], decision: 0, cash: 0 });
    }
    province.communes.push(commune);
  }
  province.hamlets = province.communes.flatMap((c) => c.hamlets);
  return province;
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});

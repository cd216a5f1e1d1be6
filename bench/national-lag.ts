// The national copy's replication lag under a province's load, run by hand (never by CI), on
// PostgreSQL only (wal_level = logical):
//   node --import tsx bench/national-lag.ts [--seconds 120] [--rate 200] [--hamlets 20] [--batch 1]
//     [--households 200] [--inflight 8] [--every 10] [--paused] [--keep]
// BENCH_PG_URL names the cluster (default postgres://postgres@127.0.0.1:5432/test). The bench
// creates two databases on it (dropping ones an earlier run left): the province
// `bench_lag_province` (INSTALLATION_ID 11: migrated, then its id ranges applied) and the national
// copy `bench_lag_national`, adds the province with addProvince as `npm run national -- --add` does,
// and waits for the first copy. Both sit in one cluster on one machine: the province's writes, its
// walsender and the national copy's apply worker share the same cores.
//
// Through the services in-process (no HTTP): a province, a commune, `--hamlets` hamlets each with
// `--households` households and a campaign. Then for `--seconds` receipts are recorded at `--rate`
// a second, round-robin across the hamlets, `--batch` receipts of one hamlet per transaction and at
// most `--inflight` transactions at once: recordReceipt, the province's own write path (chain,
// vouchers, account_days and totals triggers, outbox). Every 500 ms the bench samples what
// statusOf (`--status`) reports, and the province's pg_stat_replication.replay_lag; every `--every`th
// receipt is followed to the national copy: one poller asks the national copy every 20 ms which of
// the followed contribution ids it holds, and a receipt's figure is the time from its commit having
// returned to the start of the first poll that found it (so up to ~20 ms too high; capped at 30 s).
// When the writes stop, the bench waits until the province's slot has confirmed the WAL position of
// the last commit (caught up), then compares both sides: counts of contributions, entries and
// postings, and every hamlet's chain head (ledger_heads seq and hash).
// Prints one JSON line per figure on stdout (progress on stderr); drops both databases unless --keep.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { spawnSync } from "node:child_process";
import type { Knex } from "knex";
import { createDb } from "../src/db/knex";
import { migrate } from "../src/db/migrate";
import { systemActor } from "../src/identity";
import { setUpUnit } from "../src/modules";
import { openCampaign, recordReceipt, registerHousehold } from "../src/contributions";
import { applyIdRanges } from "../src/national/id-ranges";
import { provincesOf } from "../src/national/registry";
import { addProvince } from "../src/national/subscribe";
import { dropProvince, statusOf } from "../src/national/unsubscribe";
import { dong } from "../src/shared/money";
import { localDate } from "../src/shared/dates";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
};
const SECONDS = Number(arg("seconds", "120"));
const RATE = Number(arg("rate", "200"));
const HAMLETS = Number(arg("hamlets", "20"));
const BATCH = Math.max(1, Number(arg("batch", "1")));
const HOUSEHOLDS = Number(arg("households", "200"));
const INFLIGHT = Math.max(1, Number(arg("inflight", "8")));
const EVERY = Math.max(1, Number(arg("every", "10")));
const KEEP = process.argv.includes("--keep");
// --paused: the subscription is disabled while the writes run and enabled when they stop, as after
// an outage of the national copy; caught_up_s is then how long the copy takes to apply the backlog.
const PAUSED = process.argv.includes("--paused");
const SERVER = process.env.BENCH_PG_URL || "postgres://postgres@127.0.0.1:5432/test";
const PROVINCE_DB = "bench_lag_province";
const NATIONAL_DB = "bench_lag_national";
const INSTALLATION = 11;
const VISIBLE_CAP_MS = 30_000;
const SAMPLE_MS = 500;
const POLL_MS = 20;

const log = (m: string) => process.stderr.write(`[bench national-lag ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const emit = (figure: string, value: number | boolean | null, extra: object = {}) => process.stdout.write(JSON.stringify({ bench: "national-lag", figure, value, ...extra }) + "\n");
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const r1 = (x: number | null) => (x === null ? null : round(x));
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const urlOf = (db: string) => {
  const u = new URL(SERVER);
  u.pathname = `/${db}`;
  return u.toString();
};
const open = (db: string, max: number) => createDb({ client: "postgres", connectionString: urlOf(db) }, { pool: { min: 0, max } });

// This process's RSS, sampled every 100 ms.
let rssMax = 0;
const rssSampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 100);
rssSampler.unref();

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout?.trim()) || 100;

/** CPU seconds a process has used so far (utime + stime), or null when it is gone or not readable. */
function cpuOf(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** A process's private resident memory (RssAnon: shared buffers it touched are not its own), MB. */
function anonMbOf(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const m = /RssAnon:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** The machine's busy and total jiffies (/proc/stat), for its CPU use over a phase. */
function machineCpu(): { busy: number; total: number } {
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** Removes what an earlier run left: the national copy's subscription and the slot, then both databases. */
async function removeLeftovers(): Promise<void> {
  const admin = createDb({ client: "postgres", connectionString: SERVER }, { pool: { min: 0, max: 1 } });
  try {
    const have = new Set(((await admin.raw("SELECT datname FROM pg_database WHERE datname IN (?, ?)", [PROVINCE_DB, NATIONAL_DB])).rows as { datname: string }[]).map((r) => r.datname));
    if (have.has(NATIONAL_DB)) {
      const national = open(NATIONAL_DB, 1);
      try {
        // A database holding a subscription cannot be dropped while its worker runs; dropProvince
        // ends the subscription and drops its slot on the province.
        for (const p of await provincesOf(national).catch(() => [])) await dropProvince(national, p.installationId).catch((e: Error) => log(`leftover: ${e.message}`));
        const subs = (await national.raw("SELECT subname FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())")).rows as { subname: string }[];
        for (const { subname } of subs) {
          await national.raw(`ALTER SUBSCRIPTION "${subname}" DISABLE`);
          await national.raw(`ALTER SUBSCRIPTION "${subname}" SET (slot_name = NONE)`);
          await national.raw(`DROP SUBSCRIPTION "${subname}"`);
        }
      } finally {
        await national.destroy();
      }
    }
    const slots = (await admin.raw("SELECT slot_name FROM pg_replication_slots WHERE database = ? AND NOT active", [PROVINCE_DB])).rows as { slot_name: string }[];
    for (const { slot_name } of slots) await admin.raw("SELECT pg_drop_replication_slot(?)", [slot_name]);
    for (const d of [NATIONAL_DB, PROVINCE_DB]) await admin.raw(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
  } finally {
    await admin.destroy();
  }
}

interface Hamlet { id: number; households: number[]; campaign: number }

/** The province, its commune and hamlets, each hamlet with its households and one campaign. */
async function buildProvince(db: Knex, at: string): Promise<Hamlet[]> {
  const actor = systemActor(at, "bench");
  const commune = await db.transaction(async (trx) => {
    const p = await setUpUnit(trx, actor, { code: "lag-tinh", name: "Tỉnh Bình Lạc", kind: "province" });
    return setUpUnit(trx, actor, { code: "lag-xa", name: "Xã Tân Hòa", kind: "commune", parentId: p.id });
  });
  const names = ["Nguyễn Văn Hường", "Trần Thị Ngọc Ánh", "Lê Đức Thắng", "Phạm Thị Hạnh", "Hoàng Văn Ất", "Đỗ Thị Yến"];
  const out: Hamlet[] = [];
  for (let i = 1; i <= HAMLETS; i++) {
    out.push(
      await db.transaction(async (trx) => {
        const h = await setUpUnit(trx, actor, { code: `lag-thon-${i}`, name: `Thôn ${i}`, kind: "hamlet", parentId: commune.id });
        const households: number[] = [];
        for (let k = 1; k <= HOUSEHOLDS; k++) {
          households.push((await registerHousehold(trx, actor, h.id, { code: `T${i}-${String(k).padStart(3, "0")}`, headName: `${names[k % names.length]} ${k}` })).id);
        }
        const decision = { date: "2025-12-20", minutesRef: `BB-${i}`, householdsTotal: HOUSEHOLDS, householdsPresent: HOUSEHOLDS, householdsAgreeing: HOUSEHOLDS };
        const cp = await openCampaign(trx, actor, h.id, { name: "Đường bê tông liên thôn", purpose: "bench", decision, startDate: "2026-01-01" });
        return { id: h.id, households, campaign: cp.id };
      }),
    );
    if (i % 5 === 0 || i === HAMLETS) log(`  ${i} hamlets of ${HOUSEHOLDS} households`);
  }
  return out;
}

const countOf = async (db: Knex, table: string) => Number(((await db(table).count({ n: "*" })) as { n: string }[])[0].n);
const headsOf = async (db: Knex) => new Map(((await db("ledger_heads").select("unit_id", "seq", "hash")) as { unit_id: number; seq: string; hash: string }[]).map((r) => [Number(r.unit_id), `${r.seq}:${r.hash}`]));

/** Follows contribution ids to the national copy: one query every 20 ms for all that are not there yet. */
class Visibility {
  private pending = new Map<number, number>(); // id -> when its commit returned (performance.now())
  readonly seen: number[] = [];
  timedOut = 0;
  error: Error | undefined;
  private running = true;
  private loop: Promise<void>;

  constructor(private national: Knex) {
    this.loop = this.run();
  }

  follow(id: number, committedAt: number) {
    this.pending.set(id, committedAt);
  }

  get waiting() {
    return this.pending.size;
  }

  private async run() {
    while (this.running || this.pending.size) {
      const start = performance.now();
      if (this.pending.size) {
        const ids = [...this.pending.keys()];
        // bigint[]: contributions.id may be either type (ids of installation 11 pass 2^31 there).
        const found = ((await this.national.raw("SELECT id FROM contributions WHERE id = ANY(?::bigint[])", [ids]).catch((e: Error) => {
          if (!this.error) this.error = e;
          this.running = false;
          this.pending.clear();
          return { rows: [] };
        })).rows as { id: number }[]).map((r) => Number(r.id));
        for (const id of found) {
          this.seen.push(Math.max(0, start - this.pending.get(id)!));
          this.pending.delete(id);
        }
        for (const [id, t] of this.pending) {
          if (start - t > VISIBLE_CAP_MS) {
            this.timedOut++;
            this.pending.delete(id);
          }
        }
      }
      await sleep(Math.max(0, POLL_MS - (performance.now() - start)));
    }
  }

  /** Waits for every followed id to be seen (or to time out), then stops polling. */
  async finish() {
    this.running = false;
    await this.loop;
    if (this.error) throw this.error;
  }
}

async function main() {
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: path.resolve(__dirname, ".."), encoding: "utf8" }).stdout?.trim() ?? "";
  emit("meta", null, { paused: PAUSED, commit, node: process.version, cpus: os.cpus().length, loadavg: os.loadavg().map((x) => round(x, 2)), seconds: SECONDS, rate: RATE, hamlets: HAMLETS, households: HOUSEHOLDS, batch: BATCH, inflight: INFLIGHT, every: EVERY });
  const probe = createDb({ client: "postgres", connectionString: SERVER }, { pool: { min: 0, max: 1 } });
  const wal = await probe.raw("SHOW wal_level").then((r: { rows: { wal_level: string }[] }) => r.rows[0].wal_level, (e: Error) => `unreachable (${e.message})`);
  await probe.destroy();
  if (wal !== "logical") {
    emit("skipped", null, { reason: `PostgreSQL at ${new URL(SERVER).host}: wal_level is ${wal}; logical replication needs wal_level = logical` });
    return;
  }

  await removeLeftovers();
  const admin = createDb({ client: "postgres", connectionString: SERVER }, { pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${PROVINCE_DB}`);
  await admin.raw(`CREATE DATABASE ${NATIONAL_DB}`);
  await admin.destroy();
  const province = open(PROVINCE_DB, INFLIGHT + 2);
  const national = open(NATIONAL_DB, 3);
  let dropped = false;
  try {
    await Promise.all([migrate(province), migrate(national)]);
    await applyIdRanges(province, INSTALLATION);
    const at = new Date().toISOString();
    const tAdd = performance.now();
    const added = await addProvince(national, urlOf(PROVINCE_DB), { name: "Tỉnh Bình Lạc", at });
    for (;;) {
      const r = (await national.raw("SELECT count(*)::int AS n FROM pg_subscription_rel WHERE srsubstate NOT IN ('r', 's')")).rows[0] as { n: number };
      if (r.n === 0) break;
      await sleep(200);
    }
    const firstCopyS = (performance.now() - tAdd) / 1000;
    log(`subscribed (slot ${added.slot}); first copy done in ${round(firstCopyS)} s`);

    const tBuild = performance.now();
    const hamlets = await buildProvince(province, at);
    log(`province built in ${round((performance.now() - tBuild) / 1000)} s: ${HAMLETS} hamlets, ${HAMLETS * HOUSEHOLDS} households`);
    // Measured from a copy that holds everything so far.
    const provinceHouseholds = await countOf(province, "households");
    const tSetupSync = performance.now();
    while ((await countOf(national, "households")) !== provinceHouseholds) await sleep(100);
    log(`national copy has the ${provinceHouseholds} households ${round((performance.now() - tSetupSync) / 1000)} s after the build`);
    await province.raw("ANALYZE");

    // The replication processes, for their CPU and memory: the province's walsender and the copy's apply worker.
    const walsender = ((await province.raw("SELECT pid FROM pg_stat_replication WHERE application_name = ?", [added.subscription])).rows[0] as { pid: number } | undefined)?.pid ?? null;
    const applyWorker = ((await national.raw("SELECT pid FROM pg_stat_subscription WHERE subname = ? AND relid IS NULL", [added.subscription])).rows[0] as { pid: number } | undefined)?.pid ?? null;

    // Sampling: statusOf as `--status` reports it, and PostgreSQL's own replay_lag on the province.
    const lagBytes: number[] = [];
    const lastMessageMs: number[] = [];
    const replayLagMs: number[] = [];
    let replMemMax = { walsender: 0, apply: 0 };
    let sampling = true;
    const sampleOnce = async () => {
      const s = (await statusOf(national)).find((p) => p.installationId === INSTALLATION);
      if (s?.lagBytes != null) lagBytes.push(s.lagBytes);
      if (s?.lastMessageSeconds != null) lastMessageMs.push(s.lastMessageSeconds * 1000);
      const r = (await province.raw("SELECT (extract(epoch FROM replay_lag) * 1000)::float8 AS ms FROM pg_stat_replication WHERE application_name = ?", [added.subscription])).rows[0] as { ms: number | null } | undefined;
      // replay_lag is NULL once the subscriber has caught up and nothing new is sent: no lag.
      if (r) replayLagMs.push(r.ms ?? 0);
      replMemMax = { walsender: Math.max(replMemMax.walsender, anonMbOf(walsender) ?? 0), apply: Math.max(replMemMax.apply, anonMbOf(applyWorker) ?? 0) };
    };
    const sampler = (async () => {
      while (sampling) {
        const t = performance.now();
        await sampleOnce().catch((e: Error) => log(`sample: ${e.message}`));
        await sleep(Math.max(0, SAMPLE_MS - (performance.now() - t)));
      }
    })();

    // The load: transactions due at RATE / BATCH a second, at most INFLIGHT at once.
    const visibility = new Visibility(national);
    const today = localDate(new Date());
    const txMs: number[] = [];
    let issued = 0;
    let committed = 0;
    let failed = 0;
    let inflight = 0;
    let lastError = "";
    let freed: () => void = () => undefined;
    const oneTransaction = async (t: number) => {
      const h = hamlets[t % hamlets.length];
      const t0 = performance.now();
      try {
        const ids = await province.transaction(async (trx) => {
          const actor = systemActor(new Date().toISOString(), "bench");
          const out: number[] = [];
          for (let b = 0; b < BATCH; b++) {
            const k = t * BATCH + b;
            const household = h.households[Math.floor(k / hamlets.length) % h.households.length];
            out.push((await recordReceipt(trx, actor, h.id, { householdId: household, campaignId: h.campaign, amount: dong(BigInt(100_000 + (k % 20) * 50_000)), date: today, method: k % 5 === 0 ? "bank" : "cash" })).id);
          }
          return out;
        });
        const done = performance.now();
        txMs.push(done - t0);
        for (const id of ids) {
          if (committed++ % EVERY === 0) visibility.follow(id, done);
        }
      } catch (e) {
        failed++;
        lastError = (e as Error).message;
      } finally {
        inflight--;
        freed();
      }
    };
    const cpu0 = { machine: machineCpu(), walsender: cpuOf(walsender), apply: cpuOf(applyWorker), self: process.cpuUsage() };
    if (PAUSED) await national.raw(`ALTER SUBSCRIPTION "${added.subscription}" DISABLE`);
    const tStart = performance.now();
    const duration = SECONDS * 1000;
    let lastLog = tStart;
    const running = new Set<Promise<void>>();
    log(`writing ${RATE} receipts/s for ${SECONDS} s (${BATCH} a transaction, ${INFLIGHT} at once)`);
    for (;;) {
      const now = performance.now();
      if (now - tStart >= duration) break;
      const due = Math.floor((((now - tStart) / 1000) * RATE) / BATCH);
      while (issued < due && inflight < INFLIGHT) {
        inflight++;
        const p = oneTransaction(issued++);
        running.add(p);
        void p.then(() => running.delete(p));
      }
      if (now - lastLog >= 10_000) {
        lastLog = now;
        const elapsed = (now - tStart) / 1000;
        log(`  ${round(elapsed, 0)} s: ${committed} receipts (${round(committed / elapsed)}/s), ${due - issued} transactions behind, lag ${lagBytes.at(-1) ?? "?"} B, replay_lag ${r1(replayLagMs.at(-1) ?? null)} ms, ${visibility.waiting} followed not yet seen${failed ? `, ${failed} failed: ${lastError}` : ""}`);
      }
      // Wake when a transaction ends or the next one is due.
      const nextDue = tStart + (((issued + 1) * BATCH) / RATE) * 1000;
      await Promise.race([new Promise<void>((res) => (freed = res)), sleep(Math.max(1, Math.min(nextDue - performance.now(), 50)))]);
    }
    await Promise.all([...running]);
    const tStop = performance.now();
    if (PAUSED) await national.raw(`ALTER SUBSCRIPTION "${added.subscription}" ENABLE`);
    const stopLsn = ((await province.raw("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0] as { lsn: string }).lsn;
    const cpu1 = { machine: machineCpu(), walsender: cpuOf(walsender), apply: cpuOf(applyWorker), self: process.cpuUsage(cpu0.self) };
    const writeS = (tStop - tStart) / 1000;
    log(`writes stopped: ${committed} receipts in ${round(writeS)} s, ${failed} transactions failed${failed ? ` (${lastError})` : ""}; waiting for the copy to confirm ${stopLsn}`);

    // Caught up: the province's slot has confirmed the WAL written up to the last commit.
    let caughtUpS: number | null = null;
    for (;;) {
      const r = (await province.raw("SELECT confirmed_flush_lsn >= ?::pg_lsn AS ok FROM pg_replication_slots WHERE slot_name = ?", [stopLsn, added.slot])).rows[0] as { ok: boolean } | undefined;
      if (r?.ok) {
        caughtUpS = (performance.now() - tStop) / 1000;
        break;
      }
      if (performance.now() - tStop > 600_000) break;
      await sleep(50);
    }
    await visibility.finish();
    sampling = false;
    await sampler;

    // Both sides, compared.
    const counts: Record<string, { province: number; national: number }> = {};
    for (const t of ["contributions", "entries", "postings"]) counts[t] = { province: await countOf(province, t), national: await countOf(national, t) };
    const [ph, nh] = [await headsOf(province), await headsOf(national)];
    const headsDiffer = hamlets.filter((h) => ph.get(h.id) !== nh.get(h.id)).map((h) => h.id);
    const rowsEqual = Object.values(counts).every((c) => c.province === c.national) && headsDiffer.length === 0;
    const sample = hamlets[0].id;

    const cpuShare = (a: number | null, b: number | null) => (a === null || b === null ? null : round(((b - a) / writeS) * 100));
    emit("write_rate_per_s", round(committed / writeS), {
      asked: RATE, receipts: committed, failed_transactions: failed, seconds: round(writeS), behind_transactions: Math.max(0, Math.floor((duration / 1000) * RATE / BATCH) - issued),
      transaction_ms: { p50: r1(pct(txMs, 50)), p95: r1(pct(txMs, 95)), max: r1(pct(txMs, 100)) },
      machine_cpu_pct: round(((cpu1.machine.busy - cpu0.machine.busy) / (cpu1.machine.total - cpu0.machine.total)) * 100),
      bench_process_cpu_pct_of_a_core: round(((cpu1.self.user + cpu1.self.system) / 1e6 / writeS) * 100),
      walsender_cpu_pct_of_a_core: cpuShare(cpu0.walsender, cpu1.walsender), apply_worker_cpu_pct_of_a_core: cpuShare(cpu0.apply, cpu1.apply),
    });
    // Each table's first copy makes a temporary slot, which waits for every transaction open in the cluster.
    emit("first_copy_s", round(firstCopyS, 2), { of: "addProvince until every table of the subscription is copied (tables empty but for migrations' rows)" });
    emit("lag_bytes", pct(lagBytes, 50), { p50: pct(lagBytes, 50), p95: pct(lagBytes, 95), max: pct(lagBytes, 100), samples: lagBytes.length, source: "statusOf lagBytes: pg_current_wal_lsn() - the slot's confirmed_flush_lsn on the province" });
    emit("lag_ms", pct(lastMessageMs, 50), { p50: pct(lastMessageMs, 50), p95: pct(lastMessageMs, 95), max: pct(lastMessageMs, 100), samples: lastMessageMs.length, source: "statusOf lastMessageSeconds x 1000: time since the copy last heard from the province (0.1 s steps), not a lag" });
    emit("replay_lag_ms", r1(pct(replayLagMs, 50)), { p50: r1(pct(replayLagMs, 50)), p95: r1(pct(replayLagMs, 95)), max: r1(pct(replayLagMs, 100)), samples: replayLagMs.length, source: "pg_stat_replication.replay_lag on the province (NULL, counted 0, when nothing is pending)" });
    emit("visible_after_ms", r1(pct(visibility.seen, 50)), { p50: r1(pct(visibility.seen, 50)), p95: r1(pct(visibility.seen, 95)), p99: r1(pct(visibility.seen, 99)), max: r1(pct(visibility.seen, 100)), n: visibility.seen.length, timed_out: visibility.timedOut, every: EVERY, poll_ms: POLL_MS });
    emit("caught_up_s", caughtUpS === null ? null : round(caughtUpS, 2), {
      after: PAUSED ? "the writes stopped and the subscription was enabled again" : "the writes stopped", until: "the slot confirmed the WAL position read after the last commit",
      ...(PAUSED && caughtUpS ? { backlog_receipts: committed, applied_receipts_per_s: round(committed / caughtUpS) } : {}),
    });
    emit("rows_equal", rowsEqual, { counts, heads_compared: hamlets.length, heads_differ: headsDiffer, sample_head: { unit: sample, province: ph.get(sample), national: nh.get(sample) } });
    emit("rss_max_mb", round(rssMax / 1048576, 0), { of: "this process (the writer and the pollers)", walsender_anon_max_mb: replMemMax.walsender || null, apply_worker_anon_max_mb: replMemMax.apply || null, loadavg: os.loadavg().map((x) => round(x, 2)) });

    if (!KEEP) {
      await dropProvince(national, INSTALLATION);
      dropped = true;
    }
  } finally {
    await Promise.all([province.destroy(), national.destroy()]);
    if (!KEEP) {
      if (!dropped) await removeLeftovers().catch((e: Error) => log(`cleanup: ${e.message}`));
      else {
        const a = createDb({ client: "postgres", connectionString: SERVER }, { pool: { min: 0, max: 1 } });
        for (const d of [NATIONAL_DB, PROVINCE_DB]) await a.raw(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`).catch((e: Error) => log(`drop ${d}: ${e.message}`));
        await a.destroy();
      }
    } else log(`kept ${PROVINCE_DB} and ${NATIONAL_DB}`);
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});

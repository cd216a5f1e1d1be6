// Publication's figures, run by hand (never by CI):
//   node --import tsx bench/publication.ts [--db sqlite|postgres] [--households 10000] [--entries 100000] [--publications 200]
//       [--data DIR] [--roots DIR,DIR] [--rounds N] [--only pdf,xlsx,journal,page] [--cpu-prof DIR]
//   --data DIR keeps the made data in DIR (SQLite) and reuses it on the next run (ids in DIR/ids.json);
//   --roots runs each figure's server from each checkout in turn (before/after in the same conditions),
//   --rounds times; a line's `root` names the checkout.
// Prints one JSON line per figure on stdout (progress on stderr):
//  - contribution list of N households as PDF and as Excel: total ms, ms to the first byte, bytes,
//    and the server's peak RSS (VmHWM of a server started fresh for that one download);
//  - journal of M entries as Excel (streamed), the same figures;
//  - the public page of a unit with P publications: median ms of 50 requests over loopback.
// The data is made through the services (an imported sheet for the households, ledger batches for
// the journal); the 200 publications are inserted as rows, since the page reads only rows.
import { build, Served, spawnServer, startArgs } from "./start-command";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fromDb } from "../src/shared/money";
import ExcelJS from "exceljs";
import { createDb } from "../src/db/knex";
import { migrate } from "../src/db/migrate";
import { createFirstAdmin, systemActor } from "../src/identity";
import { setUpUnit } from "../src/modules";
import { openCampaign } from "../src/contributions";
import { previewImport, commitImport } from "../src/contributions/import";
import { postEntries, EntryInput } from "../src/ledger";

const ROOT = path.resolve(__dirname, "..");
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const DB = arg("db", "sqlite");
const HOUSEHOLDS = Number(arg("households", "10000"));
const ENTRIES = Number(arg("entries", "100000"));
const PUBLICATIONS = Number(arg("publications", "200"));
const DATA = arg("data", "");
const ROOTS = arg("roots", ROOT).split(",").map((r) => path.resolve(r));
const ROUNDS = Number(arg("rounds", "1"));
const ONLY = arg("only", "pdf,xlsx,journal,page").split(",");
const CPU_PROF = arg("cpu-prof", "");
const PG = process.env.BENCH_PG_URL || "postgres://postgres@127.0.0.1:5432/test";
const log = (m: string) => process.stderr.write(`[bench publication ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const emit = (figure: string, value: number, extra: object = {}) =>
  process.stdout.write(JSON.stringify({ bench: "publication", db: DB, figure, value: Math.round(value * 10) / 10, load1: os.loadavg()[0], runtime: process.env.BENCH_RUNTIME === "tsx" ? "tsx" : "compiled", ...extra }) + "\n");

async function sheet(n: number, file: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  const ws = wb.addWorksheet("Đóng góp");
  ws.addRow(["STT", "Mã hộ", "Họ và tên chủ hộ", "Số tiền (đồng)", "Ngày nộp", "Ghi chú"]).commit();
  const names = ["Nguyễn Văn Hường", "Trần Thị Ngọc Ánh", "Lê Đức Thắng", "Phạm Thị Hạnh", "Hoàng Văn Ất", "Đỗ Thị Yến"];
  for (let i = 1; i <= n; i++) ws.addRow([i, `H-${String(i).padStart(6, "0")}`, `${names[i % names.length]} ${i}`, 100000 + (i % 50) * 10000, new Date(Date.UTC(2025, 2, 1 + (i % 28))), ""]).commit();
  await wb.commit();
}

type Server = Served;

const built = new Set<string>();

async function startServer(env: Record<string, string>, root = ROOT): Promise<Server> {
  // What `npm start` runs: the server compiled by bin/build.mjs (once per checkout), not tsx, whose
  // TypeScript loader adds 15–30 MB and start-up work a deployment does not have.
  const runtime = process.env.BENCH_RUNTIME === "tsx" ? ["--import", "tsx", "src/server.ts"] : startArgs(root);
  if (process.env.BENCH_RUNTIME !== "tsx" && !built.has(root)) {
    build(root);
    built.add(root);
  }
  return spawnServer(root, [...(CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(CPU_PROF)] : []), ...runtime], env);
}

/** Peak resident set size of a process so far (VmHWM), in MB. */
const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

function get(base: string, p: string, token?: string): Promise<{ status: number; bytes: number; firstByteMs: number; ms: number; headers: http.IncomingHttpHeaders; text: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${p}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
        let first = -1;
        let bytes = 0;
        const keep: Buffer[] = [];
        res.on("data", (c: Buffer) => {
          if (first < 0) first = performance.now() - t0;
          bytes += c.length;
          if (keep.length < 4) keep.push(c);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, firstByteMs: first, ms: performance.now() - t0, headers: res.headers, text: Buffer.concat(keep).toString() }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

async function login(base: string): Promise<string> {
  const body = JSON.stringify({ username: "bench", password: "bench-password-123" });
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      let s = "";
      res.on("data", (d) => (s += d));
      res.on("end", () => resolve(JSON.parse(s).token));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function main() {
  log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  if (DATA && DB !== "sqlite") throw new Error("--data is for SQLite");
  const reuse = DATA !== "" && fs.existsSync(path.join(DATA, "ids.json"));
  const dir = DATA ? (fs.mkdirSync(DATA, { recursive: true }), path.resolve(DATA)) : fs.mkdtempSync(path.join(os.tmpdir(), "bench-pub-"));
  const schema = `bench_pub_${Date.now()}`;
  const dbUrl = DB === "postgres" ? `${PG}?options=${encodeURIComponent(`-c search_path=${schema}`)}` : `sqlite:${path.join(dir, "bench.sqlite")}`;
  const db = DB === "postgres" ? createDb({ client: "postgres", connectionString: PG, searchPath: schema }) : createDb({ client: "sqlite", filename: path.join(dir, "bench.sqlite") });
  const made = reuse ? (JSON.parse(fs.readFileSync(path.join(dir, "ids.json"), "utf8")) as { h1: number; h2: number; h3: number; campaign: number }) : await makeData(db, schema, dir);
  if (!reuse && DATA) fs.writeFileSync(path.join(dir, "ids.json"), JSON.stringify(made));
  await db.destroy();
  await measure(made, dir, dbUrl);
  if (DB === "postgres") {
    const admin = createDb({ client: "postgres", connectionString: PG });
    await admin.raw(`DROP SCHEMA ${schema} CASCADE`);
    await admin.destroy();
  }
  if (!DATA) fs.rmSync(dir, { recursive: true, force: true });
  log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}

async function makeData(db: ReturnType<typeof createDb>, schema: string, dir: string) {
  if (DB === "postgres") await db.raw(`CREATE SCHEMA ${schema}`);
  await migrate(db);
  const actor = systemActor("2025-12-01T03:00:00.000Z", "bench");
  const ids = await db.transaction(async (trx) => {
    await createFirstAdmin(trx, actor, { username: "bench", displayName: "Bench", password: "bench-password-123" }, 1024);
    const p = await setUpUnit(trx, actor, { code: "p", name: "Tỉnh An Bình", kind: "province" });
    const c = await setUpUnit(trx, actor, { code: "c", name: "Xã Tân Linh", kind: "commune", parentId: p.id });
    const h1 = await setUpUnit(trx, actor, { code: "h1", name: "Thôn Đồng Tâm", kind: "hamlet", parentId: c.id });
    const h2 = await setUpUnit(trx, actor, { code: "h2", name: "Thôn Tân Phú", kind: "hamlet", parentId: c.id });
    const h3 = await setUpUnit(trx, actor, { code: "h3", name: "Thôn Bình An", kind: "hamlet", parentId: c.id });
    return { h1: h1.id, h2: h2.id, h3: h3.id };
  });

  log(`${HOUSEHOLDS} households with a receipt each (imported sheet)`);
  const decision = { date: "2025-01-10", minutesRef: "BB-01", householdsTotal: HOUSEHOLDS, householdsPresent: HOUSEHOLDS, householdsAgreeing: HOUSEHOLDS };
  const campaign = await db.transaction((trx) => openCampaign(trx, actor, ids.h1, { name: "Bê tông hóa đường trục thôn", purpose: "bench", decision, level: { amount: "1000000", per: "household" }, startDate: "2025-02-01" }));
  const file = path.join(dir, "sheet.xlsx");
  await sheet(HOUSEHOLDS, file);
  const preview = await db.transaction((trx) => previewImport(trx, actor, ids.h1, campaign.id, { bytes: fs.readFileSync(file), filename: "sheet.xlsx" }));
  await db.transaction((trx) => commitImport(trx, actor, ids.h1, campaign.id, preview.id));

  log(`${ENTRIES} journal entries in batches of 1000`);
  for (let done = 0; done < ENTRIES; done += 1000) {
    const batch: EntryInput[] = [];
    for (let i = 0; i < Math.min(1000, ENTRIES - done); i++) {
      const n = done + i;
      const date = `2025-${String(1 + (Math.floor(n / (ENTRIES / 11 + 1)) % 11)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`;
      batch.push({ date, kind: "adjustment", description: `Nhận giữ hộ tiền quỹ khuyến học, lần ${n + 1}`, postings: [{ account: "111", amount: fromDb(10000 + (n % 97) * 1000) }, { account: "338", amount: fromDb(-(10000 + (n % 97) * 1000)) }] });
    }
    batch.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    await db.transaction((trx) => postEntries(trx, actor, ids.h2, batch, { audit: false }));
    // PostgreSQL here runs without autovacuum: without statistics the ledger trigger's chain check
    // is planned against tiny tables and each batch gets slower (see "ledger" in bench/README.md).
    if (DB === "postgres" && (done === 0 || done === 9000)) await db.raw("ANALYZE entries; ANALYZE postings");
    if (done % 20000 === 0) log(`  ${done}`);
  }

  log(`${PUBLICATIONS} publication rows`);
  const rows = Array.from({ length: PUBLICATIONS }, (_, i) => ({
    unit_id: ids.h3, kind: "receipts-payments", params: JSON.stringify({ from: "2025-01-01", to: "2025-03-31" }), places: JSON.stringify(["culture_house", "website"]),
    posted_from: "2025-04-01", posted_until: "2025-05-15", status: "published", drafted_by: null, drafted_by_name: "Thủ quỹ", drafted_at: "2025-04-01T01:00:00.000Z",
    approved_by: null, approved_by_name: "Trưởng thôn", published_at: "2025-04-01T02:00:00.000Z", code: `B${String(i).padStart(9, "0")}`, data_hash: "ab".repeat(32),
    chain_seq: 0, chain_hash: "0".repeat(64), period_from: "2025-01-01", period_to: "2025-03-31", pdf_file: "none.pdf", pdf_sha256: "0".repeat(64), xlsx_file: "none.xlsx",
    xlsx_sha256: "0".repeat(64), subject: `Báo cáo thu chi quý ${(i % 4) + 1} <${i}> & "kiểm tra"`, announcement: "Thông báo",
  }));
  for (let i = 0; i < rows.length; i += 50) await db("publications").insert(rows.slice(i, i + 50));
  return { ...ids, campaign: campaign.id };
}

async function measure(ids: { h1: number; h2: number; h3: number; campaign: number }, dir: string, dbUrl: string) {
  const campaign = { id: ids.campaign };
  const env = { DATABASE_URL: dbUrl, FILES_DIR: path.join(dir, "files") };
  let root = ROOT;
  const rootExtra = () => (ROOTS.length > 1 || root !== ROOT ? { root } : {});
  const once = async (figure: string, p: string, target: number, extra: object = {}) => {
    const server = await startServer(env, root); // a fresh server per figure: its VmHWM is this download's peak
    try {
      const token = await login(server.base);
      const baseline = peakRss(server.child.pid!);
      const r = await get(server.base, p, token);
      if (r.status !== 200) throw new Error(`${p}: ${r.status} ${r.text.slice(0, 300)}`);
      emit(`${figure}_ms`, r.ms, { ...rootExtra(), target, firstByteMs: Math.round(r.firstByteMs), streamsBeforeEnd: r.firstByteMs < r.ms * 0.9, bytes: r.bytes, ...extra });
      emit(`${figure}_peak_rss_mb`, peakRss(server.child.pid!), { ...rootExtra(), target: 200, rssBeforeMb: Math.round(baseline) });
    } finally {
      await server.stop();
    }
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const r of ROOTS) {
      root = r;
      if (ONLY.includes("pdf")) await once("contribution_list_pdf", `/api/v1/units/${ids.h1}/statements/contribution-list.pdf?campaignId=${campaign.id}`, 3000, { households: HOUSEHOLDS });
      if (ONLY.includes("xlsx")) await once("contribution_list_xlsx", `/api/v1/units/${ids.h1}/statements/contribution-list.xlsx?campaignId=${campaign.id}`, 2000, { households: HOUSEHOLDS });
      if (ONLY.includes("journal")) await once("journal_xlsx", `/api/v1/units/${ids.h2}/statements/journal.xlsx?from=2025-01-01&to=2025-12-31`, 6000, { entries: ENTRIES });
    }
  }
  root = ROOT;
  if (!ONLY.includes("page")) return;
  const server = await startServer(env);
  try {
    for (let i = 0; i < 10; i++) await get(server.base, "/u/h3");
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < 50; i++) {
      const r = await get(server.base, "/u/h3");
      if (r.status !== 200) throw new Error(`/u/h3: ${r.status}`);
      times.push(r.ms);
      size = r.bytes;
    }
    times.sort((a, b) => a - b);
    emit("public_unit_page_ms", times[25], { target: 50, p90: Math.round(times[45] * 10) / 10, publications: PUBLICATIONS, bytes: size });
  } finally {
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

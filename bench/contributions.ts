// Contributions' figures, run by hand:  node --import tsx bench/contributions.ts [--db sqlite|postgres] [--rows 100000] [--in-process]
// Prints one JSON line per figure:
//  - import of a generated sheet of N rows: preview and commit times (server side), peak RSS;
//  - campaign summary and a contribution-list page for a campaign of 5,000 households (median of 20).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { createDb } from "../src/db/knex";
import { migrate } from "../src/db/migrate";
import { createFirstAdmin, systemActor } from "../src/identity";
import { build, spawnServer, startArgs } from "./start-command";
import { setUpUnit } from "../src/modules";
import { openCampaign, contributionList, campaignSummary } from "../src/contributions";
import { previewImport, commitImport } from "../src/contributions/import";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const dbKind = arg("db", "sqlite");
const rows = Number(arg("rows", "100000"));
// --in-process: the import through the service functions in this process (the earlier figure)
const IN_PROCESS = process.argv.includes("--in-process");
const ROOT = path.resolve(__dirname, "..");

const peakRssOf = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

async function startServer(databaseUrl: string, dir: string): Promise<{ pid: number; base: string; stop: () => Promise<void> }> {
  build(ROOT);
  const s = await spawnServer(ROOT, startArgs(ROOT), { DATABASE_URL: databaseUrl, FILES_DIR: path.join(dir, "files") });
  return { pid: s.child.pid!, base: s.base, stop: s.stop };
}

async function login(base: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "bench", password: "bench-password-123" }) });
  if (r.status !== 200) throw new Error(`login: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}

let peak = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);
const print = (figure: string, value: number, extra: object = {}) =>
  console.log(JSON.stringify({ bench: "contributions", db: dbKind, figure, value: Math.round(value * 10) / 10, ...extra }));

async function sheet(n: number, file: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  const ws = wb.addWorksheet("Đóng góp");
  ws.addRow(["DANH SÁCH HỘ ĐÓNG GÓP"]).commit();
  ws.addRow(["STT", "Mã hộ", "Họ và tên chủ hộ", "Số tiền (đồng)", "Ngày nộp", "Ghi chú"]).commit();
  for (let i = 1; i <= n; i++) {
    const day = 1 + (i % 28);
    ws.addRow([i, `H-${String(i).padStart(6, "0")}`, `Nguyễn Văn Hộ ${i}`, 100000 + (i % 50) * 10000, new Date(Date.UTC(2025, 2, day)), i % 10 === 0 ? "Chuyển khoản" : ""]).commit();
  }
  ws.addRow(["Tổng cộng"]).commit();
  await wb.commit();
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-contrib-"));
  const schema = `bench_${Date.now()}`;
  const db =
    dbKind === "postgres"
      ? createDb({ client: "postgres", connectionString: "postgres://postgres@127.0.0.1:5432/test", searchPath: schema })
      : createDb({ client: "sqlite", filename: path.join(dir, "bench.sqlite") });
  if (dbKind === "postgres") await db.raw(`CREATE SCHEMA ${schema}`);
  const databaseUrl = dbKind === "postgres" ? `postgres://postgres@127.0.0.1:5432/test?options=-c%20search_path%3D${schema}` : `sqlite:${path.join(dir, "bench.sqlite")}`;
  await migrate(db);
  const actor = systemActor("2025-12-01T03:00:00.000Z", "bench");
  const { hamlet } = await db.transaction(async (trx) => {
    const p = await setUpUnit(trx, actor, { code: "p", name: "Tỉnh", kind: "province" });
    const c = await setUpUnit(trx, actor, { code: "c", name: "Xã", kind: "commune", parentId: p.id });
    const h = await setUpUnit(trx, actor, { code: "h", name: "Thôn", kind: "hamlet", parentId: c.id });
    return { hamlet: h.id };
  });
  const decision = { date: "2025-01-10", minutesRef: "BB", householdsTotal: rows, householdsPresent: rows, householdsAgreeing: rows };
  const big = await db.transaction((trx) => openCampaign(trx, actor, hamlet, { name: "Lớn", purpose: "bench", decision, startDate: "2025-02-01" }));

  const file = path.join(dir, "sheet.xlsx");
  await sheet(rows, file);
  const bytes = fs.readFileSync(file);
  let served: { base: string; token: string } | undefined;
  let stopServer = async () => undefined as void;
  let peakRssAt = () => 0;
  // Upload then commit, as the web app does; the preview's peak RSS is read between the two.
  const importOverHttp = async (base: string, token: string, unitId: number, campaignId: number, sheetBytes: Buffer) => {
    const form = new FormData();
    form.append("file", new Blob([sheetBytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), "sheet.xlsx");
    const auth = { authorization: `Bearer ${token}` };
    let t0 = performance.now();
    const up = await fetch(`${base}/api/v1/units/${unitId}/campaigns/${campaignId}/imports`, { method: "POST", headers: auth, body: form });
    const body = (await up.json()) as { id: number; valid: number };
    if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(body)}`);
    const previewMs = performance.now() - t0;
    const preview = { ...body, peakRssMb: peakRssAt() };
    t0 = performance.now();
    const c = await fetch(`${base}/api/v1/units/${unitId}/campaigns/${campaignId}/imports/${body.id}/commit`, { method: "POST", headers: auth });
    const committed = (await c.json()) as { status: string };
    if (c.status !== 201) throw new Error(`commit: ${c.status} ${JSON.stringify(committed)}`);
    return { previewMs, commitMs: performance.now() - t0, preview, committed };
  };
  if (IN_PROCESS) {
    let t0 = performance.now();
    const preview = await db.transaction((trx) => previewImport(trx, actor, hamlet, big.id, { bytes, filename: "sheet.xlsx" }));
    const previewMs = performance.now() - t0;
    t0 = performance.now();
    const committed = await db.transaction((trx) => commitImport(trx, actor, hamlet, big.id, preview.id));
    const commitMs = performance.now() - t0;
    print("import_preview_ms", previewMs, { rows, valid: preview.valid, mode: "in-process" });
    print("import_commit_ms", commitMs, { rows, status: committed.recorded === 0 ? 200 : 201, mode: "in-process" });
    print("import_total_ms", previewMs + commitMs, { rows, target: 30000, mode: "in-process" });
    print("import_peak_rss_mb", peak / 1048576, { target: 300, peakHeapMb: Math.round(peakHeap / 1048576), mode: "in-process (bench and app in one process)" });
  } else {
    // The service as `npm start` runs it, on the same database, the sheet uploaded over HTTP as a
    // treasurer's browser sends it: the figure is the server's own peak (VmHWM), not this script's.
    await db.transaction((trx) => createFirstAdmin(trx, actor, { username: "bench", displayName: "Bench", password: "bench-password-123" }, 1024));
    const server = await startServer(databaseUrl, dir);
    peakRssAt = () => peakRssOf(server.pid);
    try {
      const token = await login(server.base);
      const before = peakRssOf(server.pid);
      const { previewMs, commitMs, preview, committed } = await importOverHttp(server.base, token, hamlet, big.id, bytes);
      const afterPreview = preview.peakRssMb;
      const mode = "server (npm start's command), over HTTP";
      print("import_preview_ms", previewMs, { rows, valid: preview.valid, sheetMb: Math.round(bytes.length / 104857.6) / 10, mode });
      print("import_commit_ms", commitMs, { rows, status: committed.status, mode });
      print("import_total_ms", previewMs + commitMs, { rows, target: 30000, mode });
      print("import_peak_rss_mb", peakRssOf(server.pid), { target: 300, rssBeforeMb: Math.round(before), peakAfterPreviewMb: Math.round(afterPreview), mode });
      served = { base: server.base, token };
    } catch (err) {
      await server.stop();
      throw err;
    }
    stopServer = server.stop;
  }

  // A campaign of 5,000 households, in a hamlet of its own: summary and a list page.
  const hamlet2 = await db.transaction(async (trx) => {
    const parent = (await trx("units").where({ id: hamlet }).first()).parent_id as number;
    return (await setUpUnit(trx, actor, { code: "h2", name: "Thôn 2", kind: "hamlet", parentId: parent })).id;
  });
  const small = await db.transaction((trx) => openCampaign(trx, actor, hamlet2, { name: "5000 hộ", purpose: "bench", decision, startDate: "2025-02-01" }));
  const file5k = path.join(dir, "sheet5k.xlsx");
  await sheet(5000, file5k);
  if (served) {
    // Through the server like the big one: what a commit sets off afterwards (PostgreSQL's
    // statistics refresh) is part of what the treasurer's next screens meet.
    await importOverHttp(served.base, served.token, hamlet2, small.id, fs.readFileSync(file5k));
  } else {
    const p5 = await db.transaction((trx) => previewImport(trx, actor, hamlet2, small.id, { bytes: fs.readFileSync(file5k), filename: "5k.xlsx" }));
    await db.transaction((trx) => commitImport(trx, actor, hamlet2, small.id, p5.id));
  }
  const median = async (fn: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      await fn();
      times.push(performance.now() - s);
    }
    return times.sort((a, b) => a - b)[10];
  };
  if (served) {
    // Over HTTP from the server, client-side: the time a treasurer's screen waits.
    const get = async (p: string) => {
      const r = await fetch(`${served!.base}/api/v1/units/${hamlet2}/campaigns/${small.id}${p}`, { headers: { authorization: `Bearer ${served!.token}` } });
      if (r.status !== 200) throw new Error(`${p}: ${r.status}`);
      await r.arrayBuffer();
    };
    print("summary_5000_ms", await median(() => get("/summary")), { target: 50, mode: "server, over HTTP" });
    print("list_page_5000_ms", await median(() => get("/contributions?sort=name&order=asc&page=3&limit=100")), { target: 50, mode: "server, over HTTP" });
  } else {
    print("summary_5000_ms", await median(() => campaignSummary(db, actor, hamlet2, small.id)), { target: 50, mode: "in-process" });
    print("list_page_5000_ms", await median(() => contributionList(db, actor, hamlet2, small.id, { sort: "name", order: "asc", page: 3, limit: 100 })), { target: 50, mode: "in-process" });
  }
  await stopServer();
  clearInterval(sampler);
  if (dbKind === "postgres") await db.raw(`DROP SCHEMA ${schema} CASCADE`);
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

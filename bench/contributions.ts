// Issue 4's figures, run by hand:  node --import tsx bench/contributions.ts [--db sqlite|postgres] [--rows 100000]
// Prints one JSON line per figure:
//  - import of a generated sheet of N rows: preview and commit times (server side), peak RSS;
//  - campaign summary and a contribution-list page for a campaign of 5,000 households (median of 20).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { createDb } from "../src/db/knex";
import { migrate } from "../src/db/migrate";
import { systemActor } from "../src/identity";
import { setUpUnit } from "../src/modules";
import { openCampaign, contributionList, campaignSummary } from "../src/contributions";
import { previewImport, commitImport } from "../src/contributions/import";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const dbKind = arg("db", "sqlite");
const rows = Number(arg("rows", "100000"));

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
  let t0 = performance.now();
  const preview = await db.transaction((trx) => previewImport(trx, actor, hamlet, big.id, { bytes, filename: "sheet.xlsx" }));
  const previewMs = performance.now() - t0;
  t0 = performance.now();
  const committed = await db.transaction((trx) => commitImport(trx, actor, hamlet, big.id, preview.id));
  const commitMs = performance.now() - t0;
  print("import_preview_ms", previewMs, { rows, valid: preview.valid });
  print("import_commit_ms", commitMs, { rows, status: committed.status });
  print("import_total_ms", previewMs + commitMs, { rows, target: 30000 });
  print("import_peak_rss_mb", peak / 1048576, { target: 300, peakHeapMb: Math.round(peakHeap / 1048576) });

  // A campaign of 5,000 households, in a hamlet of its own: summary and a list page.
  const hamlet2 = await db.transaction(async (trx) => {
    const parent = (await trx("units").where({ id: hamlet }).first()).parent_id as number;
    return (await setUpUnit(trx, actor, { code: "h2", name: "Thôn 2", kind: "hamlet", parentId: parent })).id;
  });
  const small = await db.transaction((trx) => openCampaign(trx, actor, hamlet2, { name: "5000 hộ", purpose: "bench", decision, startDate: "2025-02-01" }));
  const file5k = path.join(dir, "sheet5k.xlsx");
  await sheet(5000, file5k);
  const p5 = await db.transaction((trx) => previewImport(trx, actor, hamlet2, small.id, { bytes: fs.readFileSync(file5k), filename: "5k.xlsx" }));
  await db.transaction((trx) => commitImport(trx, actor, hamlet2, small.id, p5.id));
  const median = async (fn: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      await fn();
      times.push(performance.now() - s);
    }
    return times.sort((a, b) => a - b)[10];
  };
  print("summary_5000_ms", await median(() => campaignSummary(db, actor, hamlet2, small.id)), { target: 50 });
  print("list_page_5000_ms", await median(() => contributionList(db, actor, hamlet2, small.id, { sort: "name", order: "asc", page: 3, limit: 100 })), { target: 50 });
  clearInterval(sampler);
  if (dbKind === "postgres") await db.raw(`DROP SCHEMA ${schema} CASCADE`);
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// The year's archive (L18): building the zip of a year of 100,000 entries, in a process of its
// own, must take ≤ 30 s and ≤ 250 MB. Prints one JSON line: {seconds, rssMB, bytes}.
//
//   node --import tsx bench/archive.ts [--entries 100000] [--attachments 50] [--data DIR]
//
// SQLite in a temporary folder (or DIR, kept and reused on the next run). The data (entries posted in batches of 1,000 through the ledger, as
// an import would, and small photos) is made first; a child process then writes the archive to a
// sink that only counts bytes, and reports its wall time and peak RSS (VmHWM), with the server's
// V8 settings.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { createDb } from "../src/db/knex";
import { migrate } from "../src/db/migrate";
import { asSystem, systemActor } from "../src/identity";
import { setUpUnit } from "../src/modules";
import { openAccount, postEntries, type EntryInput } from "../src/ledger";
import { storeAttachment } from "../src/works";
import { writeArchive } from "../src/archive";
import { fromDb } from "../src/shared/money";
import { makeEntry, mulberry32 } from "./ledger-data";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const ENTRIES = Number(arg("entries", "100000"));
const ATTACHMENTS = Number(arg("attachments", "50"));
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

async function makeData(dir: string): Promise<number> {
  const db = createDb({ client: "sqlite", filename: path.join(dir, "bench.sqlite") });
  await migrate(db);
  const actor = systemActor("2026-01-05T03:00:00.000Z", "bench");
  const because = asSystem("bench data");
  const unitId = await db.transaction(async (trx) => {
    const p = await setUpUnit(trx, actor, { code: "p", name: "Tỉnh An Bình", kind: "province" });
    const c = await setUpUnit(trx, actor, { code: "c", name: "Xã Tân Linh", kind: "commune", parentId: p.id });
    const h = await setUpUnit(trx, actor, { code: "h1", name: "Thôn Đồng Tâm", kind: "hamlet", parentId: c.id });
    await trx("units").where({ id: h.id }).update({ approval_threshold: 1_000_000_000 });
    for (const [code, name, type] of [["411", "Quỹ làm đường", "net_assets"], ["711", "Thu đóng góp làm đường", "revenue"], ["811", "Chi vật liệu", "expense"]] as const) {
      await openAccount(trx, actor, h.id, { code, name, type }, because);
    }
    await postEntries(trx, actor, h.id, [{ date: "2025-01-01", kind: "opening", description: "Số dư đầu kỳ", postings: [{ account: "111", amount: fromDb("50000000000") }, { account: "411", amount: fromDb("-50000000000") }] }], { because });
    return h.id;
  });
  const rnd = mulberry32(42);
  for (let i = 0; i < ENTRIES; i += 1000) {
    const batch: EntryInput[] = [];
    for (let j = i; j < Math.min(ENTRIES, i + 1000); j++) batch.push(makeEntry(rnd, j, ENTRIES) as EntryInput);
    await db.transaction((trx) => postEntries(trx, actor, unitId, batch, { because }));
  }
  const filesDir = path.join(dir, "files");
  for (let i = 0; i < ATTACHMENTS; i++) {
    // A treasurer's upload (the system actor is an admin, who uploads nothing).
    const uploader = { ...actor, at: "2025-06-01T03:00:00.000Z", scopes: [{ role: "treasurer" as const, unitId: null, path: "/" }] };
    await db.transaction((trx) => storeAttachment(trx, uploader, unitId, { bytes: Buffer.concat([PNG, Buffer.from(`#${i}`)]), filename: `anh-${i}.png`, declaredType: "image/png" }, filesDir));
  }
  await db.destroy();
  return unitId;
}

/** The child: writes the archive, counts its bytes, reports time and peak memory. */
async function measure(dir: string, unitId: number) {
  const db = createDb({ client: "sqlite", filename: path.join(dir, "bench.sqlite") });
  let bytes = 0;
  const sink = new Writable({ write(chunk: Buffer, _enc, cb) { bytes += chunk.length; cb(); } });
  const t0 = performance.now();
  await writeArchive(db, systemActor("2026-01-05T03:00:00.000Z", "bench"), unitId, 2025, path.join(dir, "files"), sink, "2026-01-05T03:00:00.000Z");
  const seconds = (performance.now() - t0) / 1000;
  const rssMB = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))![1]) / 1024;
  await db.destroy();
  process.stdout.write(JSON.stringify({ bench: "archive", entries: ENTRIES, seconds: Math.round(seconds * 10) / 10, rssMB: Math.round(rssMB), bytes, load1: os.loadavg()[0] }) + "\n");
}

async function main() {
  if (process.argv.includes("--measure")) return measure(arg("measure", ""), Number(arg("unit", "0")));
  const keep = arg("data", "");
  const dir = keep ? (fs.mkdirSync(keep, { recursive: true }), path.resolve(keep)) : fs.mkdtempSync(path.join(os.tmpdir(), "bench-archive-"));
  const made = path.join(dir, "unit.json");
  try {
    const unitId = fs.existsSync(made) ? (JSON.parse(fs.readFileSync(made, "utf8")) as { unitId: number }).unitId : await makeData(dir);
    if (keep) fs.writeFileSync(made, JSON.stringify({ unitId }));
    // With the V8 settings `npm start` runs the server with (README: memory on a small machine).
    const r = spawnSync(process.execPath, ["--max-semi-space-size=8", "--heap-growing-percent=20", "--import", "tsx", __filename, "--measure", dir, "--unit", String(unitId), "--entries", String(ENTRIES)], { stdio: ["ignore", "inherit", "inherit"] });
    if (r.status !== 0) process.exitCode = 1;
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

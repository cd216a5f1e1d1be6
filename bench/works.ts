// Works' and supervision's figures, run by hand:  node --import tsx bench/works.ts [--db sqlite|postgres] [--seconds 60] [--residents 100] [--profile]
// Prints one JSON line per figure:
//  - public_work_ms: a work's public page data (GET /api/v1/public/works/:id) with 2,000 posted
//    expenses, 50 published inspections and 300 findings; median and p95 of 30 (target ≤ 50 ms);
//  - opinions: N concurrent residents answering a consultation for S seconds over HTTP (a real
//    server on 127.0.0.1); errors, answers sent, opinions stored, and the tally against each
//    household's last accepted answer (target: no error, no lost or double vote).
import http from "node:http";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { fromDb } from "../src/shared/money";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createDb } from "../src/db/knex";
import { migrate } from "../src/db/migrate";
import { silentLogger } from "../src/http/logger";
import { systemActor } from "../src/identity";
import { postEntries } from "../src/ledger";
import { setUpUnit } from "../src/modules";
import { registerHousehold } from "../src/contributions";
import { issuePin } from "../src/contributions/service";
import { openConsultation, proposeWork, recordExpense } from "../src/works";
import { createBoard, createFirstAdmin, createUser, grantRole } from "../src/identity";
import { moveInspection, recordFinding, recordInspection } from "../src/supervision";
import { systemClock } from "../src/shared/dates";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const dbKind = arg("db", "sqlite");
const seconds = Number(arg("seconds", "60"));
const residents = Number(arg("residents", "100"));
const profile = process.argv.includes("--profile");
const print = (figure: string, value: number, extra: object = {}) =>
  console.log(JSON.stringify({ bench: "works", db: dbKind, figure, value: Math.round(value * 10) / 10, load1: os.loadavg()[0], ...extra }));

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-works-"));
  const schema = `bench_works_${Date.now()}`;
  const pgUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  if (dbKind === "postgres") {
    const admin = createDb({ client: "postgres", connectionString: pgUrl });
    await admin.raw(`CREATE SCHEMA ${schema}`);
    await admin.destroy();
  }
  const db = dbKind === "postgres" ? createDb({ client: "postgres", connectionString: pgUrl, searchPath: schema }, { pool: { min: 0, max: 20 } }) : createDb({ client: "sqlite", filename: path.join(dir, "b.sqlite") });
  await migrate(db);
  const now = new Date().toISOString();
  const actor = systemActor(now, "bench");
  const all = { ...actor, scopes: [...actor.scopes, { role: "treasurer" as const, unitId: null, path: "/" }, { role: "head" as const, unitId: null, path: "/" }] };
  const { hamlet, work, board, inspector } = await db.transaction(async (trx) => {
    await createFirstAdmin(trx, actor, { username: "root", displayName: "Root", password: "bench-password" }, 1024);
    const p = await setUpUnit(trx, actor, { code: "p", name: "Tỉnh", kind: "province" });
    const c = await setUpUnit(trx, actor, { code: "c", name: "Xã", kind: "commune", parentId: p.id });
    const h = await setUpUnit(trx, actor, { code: "h", name: "Thôn", kind: "hamlet", parentId: c.id });
    const b = await createBoard(trx, actor, c.id, { kind: "gsdtcd", name: "Ban", oversees: { unitIds: [h.id] } });
    const u = await createUser(trx, actor, { username: "gs", displayName: "GS", password: "bench-password" }, 1024);
    await grantRole(trx, actor, u.id, { role: "inspector", boardId: b.id });
    await postEntries(trx, actor, h.id, [{ date: "2025-01-02", kind: "adjustment", description: "Quỹ", postings: [{ account: "111", amount: fromDb("900000000000") }, { account: "338", amount: fromDb("-900000000000") }] }]);
    const w = await proposeWork(trx, all, h.id, {
      name: "Đường", location: "Xóm 1", category: "giao thông", estimate: [{ category: "materials", amount: "500000000" }], funding: [{ source: "community", amount: "500000000" }], plannedStart: "2025-01-01", plannedEnd: "2025-12-31",
    });
    return { hamlet: h.id, work: w.id, board: b.id, inspector: u.id };
  });
  // 2,000 posted expenses (each a PC entry), 50 published inspections with 6 findings each.
  const cats = ["materials", "labour", "machinery", "other"] as const;
  for (let i = 0; i < 2000; i += 100) {
    await db.transaction(async (trx) => {
      for (let j = i; j < i + 100; j++) {
        const d = new Date(Date.UTC(2025, 0, 3) + (j % 300) * 86400000).toISOString().slice(0, 10);
        await recordExpense(trx, all, hamlet, work, { category: cats[j % 4], amount: fromDb(100000 + j), date: d, payee: `Nhà cung cấp ${j % 37}`, description: `Vật tư đợt ${j}`, method: "cash" });
      }
    });
  }
  const insp = { ...actor, userId: inspector, scopes: [{ role: "inspector" as const, unitId: hamlet, path: "/", boardId: board }] };
  await db.transaction(async (trx) => {
    for (let i = 0; i < 50; i++) {
      const r = await recordInspection(trx, insp, board, { subject: { workId: work }, date: "2025-06-01", membersPresent: [inspector], checklist: [{ item: "materials", result: "issue", note: "x" }] });
      for (let k = 0; k < 6; k++) await recordFinding(trx, insp, board, r.id, { category: "chất lượng", severity: k === 0 ? "major" : "minor", description: `Phát hiện ${i}.${k}`, recommendation: "Khắc phục", addressedTo: "Trưởng thôn", dueDate: k % 2 ? "2025-07-01" : "2099-01-01" });
      await moveInspection(trx, insp, board, r.id, "filed");
      await moveInspection(trx, insp, board, r.id, "published");
    }
  });

  const config = loadConfig({ LOG_LEVEL: "silent", DEMO_DATA: "false", FILES_DIR: path.join(dir, "files"), SCRYPT_COST: "16384" });
  const app = createApp({ db, config, clock: systemClock, logger: silentLogger });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: residents });
  const request = (method: string, p: string, body?: object) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const data = body ? JSON.stringify(body) : undefined;
      const req = http.request({ host: "127.0.0.1", port, method, path: p, agent, headers: data ? { "content-type": "application/json", "content-length": Buffer.byteLength(data) } : {} }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      req.end(data);
    });

  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 35; i++) {
    const t0 = performance.now();
    const r = await request("GET", `/api/v1/public/works/${work}`);
    if (r.status !== 200) throw new Error(`public page: ${r.status} ${r.body.slice(0, 200)}`);
    if (i >= 5) times.push(performance.now() - t0);
    bytes = r.body.length;
  }
  times.sort((a, b) => a - b);
  if (profile) {
    // --profile: each query of one more request (ms from sent to answered, rows), and the JSON's bytes per field.
    const started = new Map<string, { sql: string; t0: number }>();
    const seen: { ms: number; rows: number; sql: string }[] = [];
    const onQuery = (q: { __knexQueryUid: string; sql: string }) => started.set(q.__knexQueryUid, { sql: q.sql, t0: performance.now() });
    const onResponse = (resp: unknown, q: { __knexQueryUid: string }) => {
      const s = started.get(q.__knexQueryUid);
      if (s) seen.push({ ms: Math.round((performance.now() - s.t0) * 10) / 10, rows: Array.isArray(resp) ? resp.length : (resp as { rows?: unknown[] })?.rows?.length ?? 0, sql: s.sql.slice(0, 140) });
    };
    db.on("query", onQuery).on("query-response", onResponse);
    const t0 = performance.now();
    const r = await request("GET", `/api/v1/public/works/${work}`);
    const total = performance.now() - t0;
    db.removeListener("query", onQuery).removeListener("query-response", onResponse);
    const body = JSON.parse(r.body) as Record<string, unknown>;
    const sizes = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, JSON.stringify(v).length]));
    console.log(JSON.stringify({ bench: "works", db: dbKind, figure: "public_work_profile", total: Math.round(total * 10) / 10, queries: seen.length, sqlMs: Math.round(seen.reduce((a, s) => a + s.ms, 0) * 10) / 10, sizes }));
    for (const s of seen) console.log(JSON.stringify(s));
  }
  print("public_work_ms", times[Math.floor(times.length / 2)], { p95: Math.round(times[Math.floor(times.length * 0.95)] * 10) / 10, expenses: 2000, inspections: 50, findings: 300, bytes, target: 50 });

  // N residents, each with a household and a PIN, answering again and again for S seconds.
  const households: { id: number; code: string; pin: string }[] = [];
  const consultationId = await db.transaction(async (trx) => {
    for (let i = 0; i < residents; i++) {
      const h = await registerHousehold(trx, actor, hamlet, { code: `B-${i}`, headName: `Hộ ${i}` });
      households.push({ id: h.id, code: h.code, pin: (await issuePin(trx, actor, hamlet, h.id, 16384)).pin });
    }
    return (await openConsultation(trx, all, hamlet, work, { question: "?", opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString() })).id;
  });
  const last = new Map<number, string>();
  let sent = 0;
  let errors = 0;
  const statuses: Record<string, number> = {};
  const end = Date.now() + seconds * 1000;
  const choices = ["agree", "disagree", "abstain"];
  await Promise.all(
    households.map(async (h, i) => {
      let n = i;
      while (Date.now() < end) {
        const choice = choices[n++ % 3];
        const r = await request("POST", `/api/v1/public/consultations/${consultationId}/opinions`, { householdCode: h.code, pin: h.pin, choice }).catch(() => ({ status: 0, body: "" }));
        sent++;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 201) last.set(h.id, choice);
        else errors++;
      }
    }),
  );
  const tally = JSON.parse((await request("GET", `/api/v1/public/consultations/${consultationId}`)).body).tally;
  const expected = { agree: 0, disagree: 0, abstain: 0 } as Record<string, number>;
  for (const c of last.values()) expected[c]++;
  const stored = Number((await db("opinions").count({ n: "*" }).first())!.n);
  const accepted = statuses["201"] ?? 0;
  print("opinions_per_s", accepted / seconds, { residents, seconds, sent, errors, statuses, stored, accepted, lost: accepted - stored, tally, expected, tallyMatches: JSON.stringify(tally) === JSON.stringify(expected) });
  agent.destroy();
  server.close();
  await db.destroy();
  if (dbKind === "postgres") {
    const admin = createDb({ client: "postgres", connectionString: pgUrl });
    await admin.raw(`DROP SCHEMA ${schema} CASCADE`);
    await admin.destroy();
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// The outbox's figures, run by hand:  node --import tsx bench/outbox.ts [--messages 100000]
// SQLite, in one process (with a fake SMS gateway on 127.0.0.1 answering 200 to each message).
// Prints one JSON line:
//  - receiptMsEmpty / receiptMs100k: median time of a receipt POST (HTTP, 30 each) with an empty
//    outbox and with N pending messages in it (the worker idle: the write itself);
//  - fanOutSeconds: one statement published to N subscriptions, fanned out to N messages;
//  - perSecond: N pending messages drained through the SMS adapter; rssMBSetup / rssMBDrain: peak
//    RSS of the process while making the data (bulk inserts, fan-out) and while draining.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createDb } from "../src/db/knex";
import { migrate } from "../src/db/migrate";
import { silentLogger } from "../src/http/logger";
import { createFirstAdmin, createUser, grantRole, systemActor } from "../src/identity";
import { setUpUnit } from "../src/modules";
import { NotifyWorker } from "../src/notify";
import { smsChannel } from "../src/notify/channels/sms";
import { systemClock } from "../src/shared/dates";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg("messages", "100000"));

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-outbox-"));
  const db = createDb({ client: "sqlite", filename: path.join(dir, "fund.sqlite") });
  await migrate(db);
  const at = new Date().toISOString();
  const actor = systemActor(at, "bench");
  const hamletId = await db.transaction(async (trx) => {
    await createFirstAdmin(trx, actor, { username: "root", displayName: "Root", password: "bench-password-123" }, 1024);
    const p = await setUpUnit(trx, actor, { code: "p", name: "Tỉnh", kind: "province" });
    const c = await setUpUnit(trx, actor, { code: "c", name: "Xã", kind: "commune", parentId: p.id });
    const h = await setUpUnit(trx, actor, { code: "h", name: "Thôn Đồng Tâm", kind: "hamlet", parentId: c.id });
    const u = await createUser(trx, actor, { username: "bench", displayName: "Thủ quỹ", password: "bench-password-123" }, 1024);
    await grantRole(trx, actor, u.id, { role: "treasurer", unitId: h.id });
    return h.id;
  });

  const gateway = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.end('{"ok":true}'));
  });
  gateway.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
  const smsUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;

  const config = loadConfig({ SCRYPT_COST: "1024", LOG_LEVEL: "silent", DEMO_DATA: "false", FILES_DIR: path.join(dir, "files"), PUBLIC_BASE_URL: "https://soquy.example.vn", NOTIFY_QUIET_HOURS: "none", SMS_URL: smsUrl, SMS_TOKEN: "bench" });
  const app = createApp({ db, config, clock: systemClock, logger: silentLogger });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const call = async (method: string, p: string, body?: unknown, token?: string) => {
    const r = await fetch(`${base}${p}`, { method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await r.json()) as Record<string, unknown>;
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  const token = (await call("POST", "/auth/login", { username: "bench", password: "bench-password-123" })).token as string;
  const hh = (await call("POST", `/units/${hamletId}/households`, { code: "H01", headName: "Nguyễn Văn A" }, token)).id as number;
  const campaign = (await call("POST", `/units/${hamletId}/campaigns`, { name: "Đường thôn", purpose: "Làm đường", decision: { date: "2025-01-10", minutesRef: "BB-01", householdsTotal: 10, householdsPresent: 9, householdsAgreeing: 8 }, startDate: "2025-01-01" }, token)).id as number;
  const day = new Date().toISOString().slice(0, 10);
  const receiptMs = async () => {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await call("POST", `/units/${hamletId}/contributions`, { householdId: hh, campaignId: campaign, amount: "100000", date: day, method: "cash" }, token);
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[15];
  };
  // One active subscription of the household (each receipt is fanned out to it), then the 100k.
  const sub = (i: number) => ({ unit_id: hamletId, household_id: hh, channel: "sms", address: `09${String(10_000_000 + i).slice(-8)}`, topics: '["publications"]', status: "active", code_tries: 0, purpose: "bench", consented_at: at, token: `t${i}`.padEnd(32, "x"), created_at: at });
  await db("subscriptions").insert({ ...sub(0), topics: '["receipts"]' });
  await receiptMs(); // warm-up: the first requests compile and cache
  const receiptMsEmpty = await receiptMs();

  for (let i = 1; i <= N; i += 500) await db("subscriptions").insert(Array.from({ length: Math.min(500, N - i + 1) }, (_, k) => sub(i + k)));
  await db("outbox_events").insert({ unit_id: hamletId, kind: "publication", ref_id: 1, payload: JSON.stringify({ title: "Báo cáo thu chi quý II năm 2025", code: "ABCD-1234" }), created_at: at });
  const worker = new NotifyWorker({ db, clock: systemClock, logger: silentLogger, config: config.notify, channels: { sms: smsChannel(config.notify.sms!) }, publicBaseUrl: config.publicBaseUrl });
  let t0 = performance.now();
  await worker.fanOut();
  const fanOutSeconds = (performance.now() - t0) / 1000;
  const pending = Number((await db("outbox").where({ status: "pending" }).count({ n: "*" }).first())?.n);
  // The bulk inserts above leave a large WAL: checkpoint it, as the server's checkpointer would.
  await db.raw("PRAGMA wal_checkpoint(TRUNCATE)");
  const receiptMs100k = await receiptMs();
  const rssBeforeDrain = peak;
  peak = 0;

  t0 = performance.now();
  await worker.drain();
  const seconds = (performance.now() - t0) / 1000;
  const sent = Number((await db("outbox").where({ status: "sent" }).count({ n: "*" }).first())?.n);
  clearInterval(sampler);
  console.log(JSON.stringify({
    bench: "outbox", messages: N, pendingBeforeDrain: pending, receiptMsEmpty: Math.round(receiptMsEmpty * 10) / 10, receiptMs100k: Math.round(receiptMs100k * 10) / 10,
    fanOutSeconds: Math.round(fanOutSeconds * 10) / 10, drainSeconds: Math.round(seconds * 10) / 10, sent, perSecond: Math.round(sent / seconds), rssMBSetup: Math.round(rssBeforeDrain / 1048576), rssMBDrain: Math.round(peak / 1048576), load1: Math.round(os.loadavg()[0] * 100) / 100,
  }));
  await worker.stop();
  server.close();
  gateway.close();
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

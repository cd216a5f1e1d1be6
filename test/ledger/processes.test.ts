import { expect } from "chai";
import { freshDb } from "../helpers/db";
import { call, startServer, Server } from "../helpers/server";
import { checkLedgerInvariants } from "../helpers/invariants";
import { until } from "../helpers/wait";

// With real processes: two servers on one database never overdraw or
// duplicate a voucher; kill -9 during a batch leaves the whole batch or none of it.

const ADMIN = { ADMIN_USERNAME: "root", ADMIN_PASSWORD: "root password 1" };

async function setUp(server: Server) {
  const token = (await call(server.url, "POST", "/auth/login", { username: "root", password: ADMIN.ADMIN_PASSWORD })).body.token;
  const p = await call(server.url, "POST", "/units", { code: "p", name: "Tỉnh", kind: "province" }, token);
  const c = await call(server.url, "POST", "/units", { code: "c", name: "Xã", kind: "commune", parentId: p.body.id }, token);
  const h = await call(server.url, "POST", "/units", { code: "h", name: "Thôn", kind: "hamlet", parentId: c.body.id }, token);
  const U = `/units/${h.body.id}`;
  expect((await call(server.url, "POST", `${U}/accounts`, { code: "411", name: "Quỹ", type: "net_assets" }, token)).status).to.equal(201);
  expect((await call(server.url, "POST", `${U}/accounts`, { code: "811", name: "Chi", type: "expense" }, token)).status).to.equal(201);
  return { token, U };
}

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
const pay = (amount: string, i: number) => ({
  date: today(), kind: "expense", description: `Chi ${i}`,
  postings: [{ account: "811", amount }, { account: "111", amount: `-${amount}` }],
});

describe("ledger: several server processes", function () {
  this.timeout(60_000);
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop("SIGKILL")));
  });

  it("when two servers share one database and 50 payments of 1.000.000 race for 20.000.000, then exactly 20 succeed", async () => {
    const { db, url } = await freshDb();
    const a = await startServer({ DATABASE_URL: url, ...ADMIN });
    servers.push(a);
    const b = await startServer({ DATABASE_URL: url, ...ADMIN });
    servers.push(b);
    const { token, U } = await setUp(a);
    const open = await call(b.url, "POST", `${U}/entries`, { date: today(), kind: "opening", description: "Số dư", postings: [{ account: "111", amount: "20000000" }, { account: "411", amount: "-20000000" }] }, token);
    expect(open.status, JSON.stringify(open.body)).to.equal(201);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => call(i % 2 ? a.url : b.url, "POST", `${U}/entries`, pay("1000000", i), token)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201), JSON.stringify(results.find((r) => r.status >= 500)?.body)).to.have.length(20);
    expect(statuses.filter((s) => s === 422)).to.have.length(30);
    const vouchers = results.filter((r) => r.status === 201).map((r) => r.body.voucherNo).sort();
    const year = today().slice(0, 4);
    expect(vouchers).to.deep.equal(Array.from({ length: 20 }, (_, i) => `PC-${year}-${String(i + 1).padStart(6, "0")}`));
    expect((await call(a.url, "GET", `${U}/accounts/111/balance`, undefined, token)).body.balance).to.equal("0");
    await checkLedgerInvariants(db);
  });

  it("when the server is killed with -9 during batches, then after a restart each batch is whole or absent", async () => {
    const { db, url } = await freshDb();
    let server = await startServer({ DATABASE_URL: url, ...ADMIN });
    servers.push(server);
    const { token, U } = await setUp(server);
    const batch = (k: number) => ({
      entries: Array.from({ length: 1000 }, (_, i) => ({
        date: today(), kind: "adjustment", description: `Lô ${k} dòng ${i}`,
        postings: [{ account: "111", amount: String(1000 + i) }, { account: "411", amount: `-${1000 + i}` }],
      })),
    });
    const acknowledged: number[] = [];
    const sent = [0, 1, 2, 3, 4, 5].map((k) =>
      call(server.url, "POST", `${U}/entries/batch`, batch(k), token).then(
        (r) => r.status === 201 && acknowledged.push(k),
        () => undefined, // the connection died with the server
      ),
    );
    // Kill as soon as the first batch is acknowledged: the others are then queued or half-way through.
    await until(() => acknowledged.length > 0 || server.proc.exitCode !== null, { timeoutMs: 60_000, everyMs: 5, what: "a first acknowledged batch" });
    server.proc.kill("SIGKILL");
    await Promise.all(sent);
    server = await startServer({ DATABASE_URL: url, ...ADMIN });
    servers.push(server);
    const rows = await db("entries").select("description");
    const perBatch = new Map<number, number>();
    for (const r of rows) {
      const m = /^Lô (\d+) /.exec(r.description);
      if (m) perBatch.set(Number(m[1]), (perBatch.get(Number(m[1])) ?? 0) + 1);
    }
    for (const [k, n] of perBatch) expect(n, `batch ${k}`).to.equal(1000);
    for (const k of acknowledged) expect(perBatch.get(k), `acknowledged batch ${k}`).to.equal(1000);
    expect(acknowledged.length, "the kill came before the last batch").to.be.below(6);
    const v = await call(server.url, "GET", `${U}/ledger/verify`, undefined, token);
    expect(v.body.ok).to.equal(true);
    await checkLedgerInvariants(db);
  });
});

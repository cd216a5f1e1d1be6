import { expect } from "chai";
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { DEMO_BOARD_MEMBERS, DEMO_PASSWORD, DEMO_USERS } from "../../seeds/demo";
import { createDb } from "../../src/db/knex";
import { freshDb, tempDir, TEST_DB } from "../helpers/db";
import { call, Server, startServer } from "../helpers/server";
import { until } from "../helpers/wait";

// The service as real processes: configuration errors, first start (demo data, admin), two servers
// on one database, kill -9 in a burst of writes, graceful SIGTERM.

const ROOT = path.resolve(__dirname, "../..");
const ADMIN = { ADMIN_USERNAME: "root", ADMIN_PASSWORD: "root password 1" };

const BASE_ENV = { LOG_LEVEL: "silent", SCRYPT_COST: "1024", DEMO_DATA: "false", HOST: "127.0.0.1" };


/** Runs the server with `env` until it exits by itself (it must: start-up fails). */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...BASE_ENV, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (d) => (stdout += d));
    proc.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`the server did not stop by itself: ${stdout}${stderr}`));
    }, 45_000);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A database no server has touched: a new SQLite file (not even migrated), or a fresh PostgreSQL schema. */
async function emptyDatabase() {
  if (TEST_DB === "postgres") return freshDb();
  const file = path.join(tempDir(), "fund.sqlite");
  return { url: `sqlite:${file}`, db: createDb({ client: "sqlite", filename: file }), dialect: "sqlite" as const };
}

async function login(s: Server, username: string, password: string): Promise<string> {
  const r = await call(s.url, "POST", "/auth/login", { username, password });
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
  return r.body.token;
}

describe("identity: the server as a process", function () {
  this.timeout(60_000);
  const servers: Server[] = [];
  const closing: { destroy(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop("SIGKILL")));
    await Promise.all(closing.splice(0).map((d) => d.destroy()));
  });

  it("when PORT or DATABASE_URL is bad, then start-up stops with one line naming the variable and a non-zero exit", async () => {
    const cases: [Record<string, string>, string[]][] = [
      [{ PORT: "70000", DATABASE_URL: "sqlite::memory:" }, ["PORT"]],
      [{ PORT: "3000", DATABASE_URL: "mysql://root@localhost/fund" }, ["DATABASE_URL"]],
      [{ PORT: "-1", DATABASE_URL: "fund.sqlite" }, ["PORT", "DATABASE_URL"]],
      // Valid settings, but the database cannot be opened: still one line, no stack.
      [{ PORT: "3000", DATABASE_URL: "sqlite:/dev/null/fund.sqlite" }, ["start-up failed"]],
    ];
    const runs = await Promise.all(cases.map(([env]) => runToExit(env)));
    runs.forEach((r, i) => {
      const [env, names] = cases[i];
      expect(r.code, JSON.stringify(env)).to.not.equal(0);
      const lines = r.stderr.trim().split("\n");
      expect(lines, r.stderr).to.have.length(1);
      for (const name of names) expect(lines[0], JSON.stringify(env)).to.contain(name);
      expect(r.stdout).to.not.contain("listening");
    });
  });

  it("when three servers first start together on an empty database with DEMO_DATA=true, then the demo is loaded once, a demo user can sign in, and a restart loads nothing again", async () => {
    const { db, url } = await emptyDatabase();
    closing.push(db);
    const [first, ...others] = await Promise.all([0, 1, 2].map(() => startServer({ DATABASE_URL: url, DEMO_DATA: "true", LOG_LEVEL: "info" })));
    servers.push(first, ...others);
    const loaded = [first, ...others].filter((s) => s.output().includes("loaded the demo data"));
    expect(loaded, "exactly one server seeded").to.have.length(1);
    for (const s of others) expect(await s.stop("SIGTERM")).to.equal(0);
    const treasurer = DEMO_USERS.find((u) => u.role === "treasurer")!;
    const token = await login(first, treasurer.username, DEMO_PASSWORD);
    const units = (await call(first.url, "GET", "/units", undefined, token)).body.data;
    expect(units.length).to.be.greaterThan(0);
    const counts = async () => ({
      units: Number((await db("units").count({ n: "*" }).first())?.n),
      users: Number((await db("users").count({ n: "*" }).first())?.n),
    });
    const afterFirst = await counts();
    expect(afterFirst.users).to.equal(DEMO_USERS.length + DEMO_BOARD_MEMBERS.length);
    expect(await first.stop("SIGTERM")).to.equal(0);

    const second = await startServer({ DATABASE_URL: url, DEMO_DATA: "true", LOG_LEVEL: "info", ...ADMIN });
    servers.push(second);
    expect(second.output()).to.not.contain("loaded the demo data");
    expect(await counts()).to.deep.equal(afterFirst);
    expect((await call(second.url, "POST", "/auth/login", { username: "root", password: ADMIN.ADMIN_PASSWORD })).status).to.equal(401);
    await login(second, treasurer.username, DEMO_PASSWORD);
  });

  it("when it first starts with neither ADMIN_* nor demo data, then it prints a one-time admin password that works, once", async () => {
    const { db, url } = await emptyDatabase();
    closing.push(db);
    const first = await startServer({ DATABASE_URL: url, DEMO_DATA: "false" });
    servers.push(first);
    const m = /username: (\S+)\s+password: (\S+)/.exec(first.output());
    expect(m, first.output()).to.not.equal(null);
    const [, username, password] = m!;
    await login(first, username, password);
    expect(Number((await db("users").count({ n: "*" }).first())?.n)).to.equal(1);
    expect(Number((await db("units").count({ n: "*" }).first())?.n)).to.equal(0);
    expect(await first.stop("SIGTERM")).to.equal(0);
    const second = await startServer({ DATABASE_URL: url, DEMO_DATA: "false" });
    servers.push(second);
    expect(second.output()).to.not.contain("password");
    await login(second, username, password);
  });

  it("when two servers share one database and take a burst of writes, then every write succeeds and the database is sound", async () => {
    const { db, url } = await emptyDatabase();
    closing.push(db);
    const a = await startServer({ DATABASE_URL: url, ...ADMIN });
    servers.push(a);
    const b = await startServer({ DATABASE_URL: url, ...ADMIN }); // after a: only one of them creates the admin
    servers.push(b);
    const token = await login(a, "root", ADMIN.ADMIN_PASSWORD);
    const n = 60;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => call(i % 2 ? a.url : b.url, "POST", "/units", { code: `p-${i}`, name: `Tỉnh ${i}`, kind: "province" }, token)),
    );
    const bad = results.filter((r) => r.status !== 201);
    expect(bad.map((r) => JSON.stringify(r.body)), "every write acknowledged").to.deep.equal([]);
    expect(a.output() + b.output()).to.not.match(/SQLITE_BUSY|database is locked/);
    expect(Number((await db("units").count({ n: "*" }).first())?.n)).to.equal(n);
    expect(Number((await db("audit_events").where({ action: "unit.created" }).count({ n: "*" }).first())?.n)).to.equal(n);
    if (TEST_DB === "sqlite") expect((await db.raw("PRAGMA integrity_check"))[0].integrity_check).to.equal("ok");
    // Both still answer reads of what the other wrote.
    expect((await call(b.url, "GET", "/units", undefined, token)).body.data).to.have.length(n);
  });

  it("when the server is killed with -9 in a burst of writes, then after a restart every acknowledged write is there and none is half-written", async () => {
    const { db, url } = await emptyDatabase();
    closing.push(db);
    let s = await startServer({ DATABASE_URL: url, ...ADMIN });
    servers.push(s);
    const token = await login(s, "root", ADMIN.ADMIN_PASSWORD);
    const acknowledged: string[] = [];
    const sent = Array.from({ length: 150 }, (_, i) =>
      call(s.url, "POST", "/units", { code: `k-${i}`, name: `Tỉnh ${i}`, kind: "province" }, token).then(
        (r) => {
          if (r.status === 201) acknowledged.push(r.body.code);
        },
        () => undefined, // the connection died with the server
      ),
    );
    // Kill once some writes are acknowledged: others are then queued, in flight or half-way through.
    await until(() => acknowledged.length >= 10 || s.proc.exitCode !== null, { timeoutMs: 60_000, everyMs: 2, what: "ten acknowledged writes" });
    s.proc.kill("SIGKILL");
    await Promise.all(sent);
    expect(acknowledged.length, "the kill came before the burst ended").to.be.within(10, 149);

    s = await startServer({ DATABASE_URL: url, ...ADMIN });
    servers.push(s);
    const fresh = await login(s, "root", ADMIN.ADMIN_PASSWORD);
    const listed = (await call(s.url, "GET", "/units", undefined, fresh)).body.data as { id: number; code: string }[];
    const codes = new Set(listed.map((u) => u.code));
    for (const c of acknowledged) expect(codes.has(c), `acknowledged ${c}`).to.equal(true);
    // Whole or absent: each unit has exactly its one audit record, and no record names a missing unit.
    const audits = await db("audit_events").where({ action: "unit.created" }).select("entity_id");
    expect(audits.map((a) => Number(a.entity_id)).sort((x, y) => x - y)).to.deep.equal(listed.map((u) => u.id).sort((x, y) => x - y));
    if (await db.schema.hasTable("accounts")) {
      const perUnit = await db("accounts").select("unit_id").count({ n: "*" }).groupBy("unit_id");
      const sizes = new Set(perUnit.map((r) => Number(r.n)));
      expect(perUnit.length, "every unit got its chart of accounts").to.equal(listed.length);
      expect(sizes.size, "every chart of accounts is complete").to.equal(1);
    }
    if (TEST_DB === "sqlite") expect((await db.raw("PRAGMA integrity_check"))[0].integrity_check).to.equal("ok");
    expect((await call(s.url, "POST", "/units", { code: "after", name: "Sau", kind: "province" }, fresh)).status).to.equal(201);
  });

  it("when SIGTERM arrives during a request, then the request completes, new connections are refused, the process exits 0 and its log holds no secret", async () => {
    const { db, url } = await emptyDatabase();
    closing.push(db);
    const s = await startServer({ DATABASE_URL: url, ...ADMIN, LOG_LEVEL: "info" });
    servers.push(s);
    const token = await login(s, "root", ADMIN.ADMIN_PASSWORD);
    // Acceptance 7 on the way: what it logs at info level never holds a password or a token.
    const secrets = [ADMIN.ADMIN_PASSWORD, "secret-of-new-user", "wrong-password-123", token];
    expect((await call(s.url, "POST", "/users", { username: "new.user", displayName: "X", password: "secret-of-new-user" }, token)).status).to.equal(201);
    expect((await call(s.url, "POST", "/auth/login", { username: "root", password: "wrong-password-123" })).status).to.equal(401);
    const exit = new Promise<number | null>((resolve) => s.proc.once("exit", (code) => resolve(code)));
    const { port } = new URL(s.url);
    const body = JSON.stringify({ code: "in-flight", name: "Tỉnh Đang Ghi", kind: "province" });
    const sock = net.connect(Number(port), "127.0.0.1");
    let received = "";
    sock.on("data", (d) => (received += d));
    const waitFor = (re: RegExp) => until(() => re.test(received), { timeoutMs: 30_000, everyMs: 5, what: () => `${re} in ${JSON.stringify(received)}` });
    // Expect: 100-continue makes the server say when it has the request's headers: from then on
    // the request is in flight, and its body has not arrived yet.
    sock.write(
      `POST /api/v1/units HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await waitFor(/100 Continue/);
    s.proc.kill("SIGTERM");
    // A new connection is refused once the server has stopped listening.
    const connectionRefused = () =>
      new Promise<boolean>((resolve) => {
        const c = net.connect(Number(port), "127.0.0.1");
        c.once("connect", () => {
          c.destroy();
          resolve(false);
        });
        c.once("error", () => resolve(true));
      });
    const refused = await until(connectionRefused, { timeoutMs: 5_000, everyMs: 5 }).then(() => true, () => false);
    expect(refused, "new connections refused after SIGTERM").to.equal(true);
    sock.write(body);
    await waitFor(/HTTP\/1\.1 201[\s\S]*\r\n\r\n[\s\S]*\}/);
    sock.end();
    expect(await exit).to.equal(0);
    expect(await db("units").where({ code: "in-flight" }).first()).to.include({ name: "Tỉnh Đang Ghi" });
    expect(s.output()).to.contain("shutting down");
    for (const secret of secrets) expect(s.output()).to.not.contain(secret);
  });
});

import { expect } from "chai";
import type { Knex } from "knex";
import { createDb } from "../../src/db/knex";
import { parseDatabaseUrl } from "../../src/config";
import { SessionCache, SessionLookup } from "../../src/identity";
import type { SessionRow } from "../../src/identity/session-lookup";
import { testApp, TestApp } from "../helpers/app";
import { world } from "../helpers/given";
import { until } from "../helpers/wait";

// Sessions are kept between requests, yet a token dies at once: a write of this process drops
// them before it answers, and another process's commit changes the marker they were kept under.

const rows = (id: number) => [{ session_id: id } as unknown as SessionRow];

function counted(answer: () => SessionRow[]) {
  const q = { calls: 0, query: async (_hash: string) => (q.calls++, answer()) };
  return q;
}

/** Runs `write` on a second connection to the test's database, as another server process would. */
async function inOtherProcess(t: TestApp, write: (db: Knex) => Promise<unknown>) {
  const other = createDb(parseDatabaseUrl(t.url)!, { pool: { min: 0, max: 1 } });
  try {
    await write(other);
  } finally {
    await other.destroy();
  }
}

/** Another process's commit reaches this one through a notification on PostgreSQL: give it a moment. */
const soon = (check: () => Promise<boolean>) => until(check, { timeoutMs: 3000, everyMs: 20 }).then(() => true, () => false);

describe("identity: sessions kept between requests", () => {
  it("when a token is used again, then its session is not read again until something changes", async () => {
    const q = counted(() => rows(1));
    let marker = 1;
    const cache = new SessionCache(new SessionLookup(q.query), { marker: () => marker });
    await cache.rows("h");
    await cache.rows("h");
    expect(q.calls).to.equal(1);
    marker = 2; // another process committed
    await cache.rows("h");
    expect(q.calls).to.equal(2);
    cache.changed(); // this process wrote
    await cache.rows("h");
    expect(q.calls).to.equal(3);
  });

  it("when the marker is unknown, or the token unknown, then every request reads the database", async () => {
    const known = counted(() => rows(1));
    const blind = new SessionCache(new SessionLookup(known.query), { marker: () => undefined });
    await blind.rows("h");
    await blind.rows("h");
    expect(known.calls).to.equal(2);
    const none = counted(() => []);
    const cache = new SessionCache(new SessionLookup(none.query), { marker: () => 1 });
    await cache.rows("h");
    await cache.rows("h");
    expect(none.calls).to.equal(2);
  });

  it("when a write ends while a session is being read, then that answer is not kept", async () => {
    let release!: (r: SessionRow[]) => void;
    let calls = 0;
    const cache = new SessionCache(
      new SessionLookup(() => (calls++, new Promise<SessionRow[]>((r) => (release = r)))),
      { marker: () => 1 },
    );
    const first = cache.rows("h");
    await new Promise((r) => setImmediate(r));
    cache.changed(); // a logout committed while the query ran: its answer may predate it
    release(rows(1));
    await first;
    const second = cache.rows("h");
    await new Promise((r) => setImmediate(r));
    expect(calls).to.equal(2);
    release(rows(2));
    expect(await second).to.deep.equal(rows(2));
  });

  it("when a grant is revoked through the API, then the next request of its holder has the narrower scope", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA"] });
    expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/accounts`)).status).to.equal(200);
    const grantId = (await t.as(w.treasurerA.token).get("/me")).body.grants[0].id;
    const off = await t.as(w.communeAdmin.token).delete(`/users/${w.treasurerA.id}/grants/${grantId}`);
    expect(off.status).to.be.oneOf([200, 204]);
    expect((await t.as(w.treasurerA.token).get("/me")).body.grants).to.deep.equal([]);
    expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/accounts`)).status).to.be.oneOf([403, 404]);
  });

  it("when another server process revokes a session in the database, then this one refuses the token", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "treasurerB"] });
    expect((await t.as(w.treasurerA.token).get("/me")).status).to.equal(200);
    expect((await t.as(w.treasurerA.token).get("/me")).status).to.equal(200); // now kept
    await inOtherProcess(t, (db) => db("sessions").where({ user_id: w.treasurerA.id }).update({ revoked_at: "2025-06-15T03:00:00.000Z" }));
    const refused = async () => (await t.as(w.treasurerA.token).get("/me")).status === 401;
    // SQLite: the very next request. PostgreSQL: once the notification has arrived (milliseconds).
    if (t.dialect === "sqlite") expect(await refused()).to.equal(true);
    else expect(await soon(refused)).to.equal(true);
    expect((await t.as(w.treasurerB.token).get("/me")).status).to.equal(200);
  });

  it("when another server process deactivates a user, then this one refuses their token", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["headA"] });
    expect((await t.as(w.headA.token).get("/me")).status).to.equal(200);
    await inOtherProcess(t, (db) => db("users").where({ id: w.headA.id }).update({ is_active: false }));
    const refused = async () => (await t.as(w.headA.token).get("/me")).status === 401;
    if (t.dialect === "sqlite") expect(await refused()).to.equal(true);
    else expect(await soon(refused)).to.equal(true);
  });
});

import { expect } from "chai";
import { dialectOf, readerOf } from "../../src/db/knex";
import { SessionLookup } from "../../src/identity";
import type { SessionRow } from "../../src/identity/session-lookup";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";

// Concurrent requests with one token share a session query, but a request never takes the answer
// of a query that was already running when it arrived: that answer may predate a logout, a
// deactivation or a revoked grant.

/** A query whose answers the test hands out, one call at a time. */
function controlledQuery() {
  const calls: { hash: string; answer: (rows: SessionRow[]) => void }[] = [];
  const query = (hash: string) => new Promise<SessionRow[]>((resolve) => calls.push({ hash, answer: resolve }));
  return { calls, query };
}

const row = (revoked: boolean) => [{ session_id: revoked ? -1 : 1 } as unknown as SessionRow];
const tick = () => new Promise((r) => setImmediate(r));

describe("identity: session lookup", () => {
  it("when requests arrive while a query runs, then they share the next query, never the running one", async () => {
    const { calls, query } = controlledQuery();
    const lookup = new SessionLookup(query);
    const first = lookup.rows("h");
    expect(calls).to.have.length(1);
    // Meanwhile the session is revoked and committed; these requests arrive after that.
    const later = [lookup.rows("h"), lookup.rows("h"), lookup.rows("h")];
    await tick();
    expect(calls, "they wait for the running query to settle").to.have.length(1);
    calls[0].answer(row(false)); // read before the revocation
    expect(await first).to.deep.equal(row(false));
    await tick();
    expect(calls, "one more query for all three").to.have.length(2);
    calls[1].answer(row(true));
    for (const p of later) expect(await p).to.deep.equal(row(true));
  });

  it("when two queries may run at once (PostgreSQL), then followers of one moment share a second query that starts while the first runs, and later ones wait", async () => {
    const { calls, query } = controlledQuery();
    const lookup = new SessionLookup(query, 2);
    const first = lookup.rows("h");
    const second = [lookup.rows("h"), lookup.rows("h")];
    expect(calls, "the followers' query waits for the next turn, to gather them").to.have.length(1);
    await tick();
    expect(calls, "one more query for both, the first still running").to.have.length(2);
    const third = [lookup.rows("h"), lookup.rows("h")];
    await tick();
    expect(calls, "two run already: the next waits for one of them").to.have.length(2);
    calls[1].answer(row(true));
    for (const p of second) expect(await p).to.deep.equal(row(true));
    await tick();
    expect(calls).to.have.length(3);
    calls[2].answer(row(true));
    calls[0].answer(row(false));
    expect(await first).to.deep.equal(row(false));
    for (const p of third) expect(await p).to.deep.equal(row(true));
  });

  it("when nothing is in flight, then a request starts its own query, and different tokens never share", async () => {
    const { calls, query } = controlledQuery();
    const lookup = new SessionLookup(query);
    const a = lookup.rows("a");
    const b = lookup.rows("b");
    expect(calls.map((c) => c.hash)).to.deep.equal(["a", "b"]);
    calls[0].answer(row(false));
    calls[1].answer(row(true));
    expect(await a).to.deep.equal(row(false));
    expect(await b).to.deep.equal(row(true));
    await tick();
    const again = lookup.rows("a");
    expect(calls, "a settled query is not reused").to.have.length(3);
    calls[2].answer([]);
    expect(await again).to.deep.equal([]);
  });

  it("when the running query fails, then the requests waiting for the next one still get their own answer", async () => {
    const calls: { ok: (r: SessionRow[]) => void; fail: (e: Error) => void }[] = [];
    const lookup = new SessionLookup(() => new Promise((ok, fail) => calls.push({ ok, fail })));
    const first = lookup.rows("h");
    const second = lookup.rows("h");
    calls[0].fail(new Error("connection lost"));
    let error: Error | undefined;
    await first.catch((e) => (error = e));
    expect(error?.message).to.equal("connection lost");
    await tick();
    calls[1].ok(row(false));
    expect(await second).to.deep.equal(row(false));
  });

  it("when 16 requests with one token arrive together, then each gets its user and fewer queries run than requests", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["headA"] });
    let sessionQueries = 0;
    // SQLite reads sessions on its reader connection (readerOf), PostgreSQL from the pool.
    readerOf(t.db).on("query", (q: { sql: string }) => {
      if (/from "sessions"|from `sessions`/i.test(q.sql)) sessionQueries++;
    });
    const answers = await Promise.all(Array.from({ length: 16 }, () => t.as(w.headA.token).get("/me")));
    for (const a of answers) {
      expect(a.status).to.equal(200);
      expect(a.body.username).to.equal("head.a");
    }
    if (dialectOf(t.db) === "sqlite") expect(sessionQueries).to.be.at.least(1).and.below(16);
    // PostgreSQL runs up to 4 at once and supertest's requests arrive a turn apart, so they may not
    // share (the unit test above pins that); never more queries than requests, never none.
    else expect(sessionQueries).to.be.at.least(1).and.at.most(16);
  });

  it("when a long write transaction holds the database, then a signed-in request is still answered and a logout still counts", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["headA"] });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let writing!: () => void;
    const begun = new Promise<void>((resolve) => (writing = resolve));
    // An import's transaction, say: on SQLite it holds the writer's one connection throughout.
    const trx = t.db.transaction(async (x) => {
      await x("audit_events").count({ n: "*" });
      writing();
      await held;
    });
    await begun;
    try {
      const me = await t.as(w.headA.token).get("/me").timeout(5000);
      expect(me.status).to.equal(200);
      expect(me.body.username).to.equal("head.a");
    } finally {
      release();
      await trx;
    }
    // What the writer commits, the reader sees at the next request.
    expect((await t.as(w.headA.token).post("/auth/logout")).status).to.equal(204);
    expect((await t.as(w.headA.token).get("/me")).status).to.equal(401);
  });

  it("when a user is deactivated, then every later request with their token is refused, however many run at once", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA"] });
    const before = Promise.all(Array.from({ length: 8 }, () => t.as(w.treasurerA.token).get("/me")));
    const off = await t.as(w.communeAdmin.token).post(`/users/${w.treasurerA.id}/deactivate`);
    expect(off.status).to.equal(200);
    const after = await Promise.all(Array.from({ length: 8 }, () => t.as(w.treasurerA.token).get("/me")));
    expect(after.map((a) => a.status)).to.deep.equal(Array(8).fill(401));
    for (const a of await before) expect([200, 401]).to.include(a.status);
  });
});

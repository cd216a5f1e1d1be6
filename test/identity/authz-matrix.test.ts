import { expect } from "chai";
import type { RouteDef } from "../../src/http/route";
import { createUser, grantRole, systemActor } from "../../src/identity";
import { rowCounts, testApp, TestApp } from "../helpers/app";
import { PASSWORD, user, world, World } from "../helpers/given";
import { ADMINS, ALL, Case, CALLERS, Caller, Ctx, SIGNED_IN } from "../helpers/authz";
import { CASES as LEDGER } from "../ledger/authz-cases";
import { CASES as CONTRIBUTIONS } from "../contributions/authz-cases";
import { CASES as WORKS } from "../works/authz-cases";
import { CASES as SUPERVISION } from "../supervision/authz-cases";
import { CASES as PUBLICATION } from "../publication/authz-cases";

// Issue 2, acceptance 2 and 3: every route declares who may call it, and this table says what each
// kind of caller gets. A route in app.locals.routes without an entry here fails the suite: a new
// route cannot ship without stating its rule. To add a route, add one entry to MATRIX below.

/** A user in hamlet A who is nobody's caller, so deactivating or re-granting them disturbs no one. */
async function target(c: Ctx): Promise<{ id: number; grantId: number }> {
  const actor = systemActor(c.t.clock.now().toISOString(), "test");
  return c.t.db.transaction(async (trx) => {
    const u = await createUser(trx, actor, { username: `target.${c.who.toLowerCase()}.${c.n}`, displayName: "Target", password: PASSWORD }, 1024);
    const g = await grantRole(trx, actor, u.id, { role: "treasurer", unitId: c.unitId });
    return { id: u.id, grantId: g.id };
  });
}

// One entry per route, keyed "METHOD path" exactly as the route declares it. `:unitId` is filled with
// hamlet A; other params come from `params(c)`, which may build what they point at (an account, an
// entry to reverse) for c.unitId, so the same entry also serves the hamlet-B isolation test below.
// Expectations: none = no token; treasurerB = treasurer of hamlet B; treasurerA / headA of hamlet A;
// inspector = member of a board overseeing hamlet A; communeAdmin = admin of A's commune; root = installation admin.
const IDENTITY: Record<string, Case> = {
  "POST /auth/login": { body: () => ({ username: "head.a", password: PASSWORD }), expect: ALL(200) },
  // Each caller ends or changes only their own session / password, so the order of callers does not matter.
  "POST /auth/logout": { expect: SIGNED_IN(204) },
  "GET /me": { expect: SIGNED_IN(200) },
  "POST /me/password": { body: () => ({ oldPassword: PASSWORD, newPassword: "another long password" }), expect: SIGNED_IN(204) },

  "POST /units": {
    body: (c) => ({ code: `new-${c.n}`, name: "Thôn Mới", kind: "hamlet", parentId: c.w.commune }),
    expect: ADMINS(201),
  },
  "GET /units": { expect: SIGNED_IN(200) },
  // Staff of hamlet A read it; the treasurer of hamlet B is not told it exists.
  "GET /units/:unitId": { expect: { ...SIGNED_IN(200), treasurerB: 404 } },
  "PATCH /units/:unitId": { body: () => ({ name: "Thôn Đồng Tâm Mới" }), expect: ADMINS(200) },
  "GET /public/units": { expect: ALL(200) },

  "POST /users": {
    body: (c) => ({ username: `new.user.${c.n}`, displayName: "Người Mới", password: "a long enough password" }),
    expect: ADMINS(201),
  },
  "GET /users": { expect: ADMINS(200) },
  "POST /users/:userId/deactivate": { params: async (c) => ({ userId: (await target(c)).id }), expect: ADMINS(200) },
  "POST /users/:userId/grants": {
    params: async (c) => ({ userId: (await target(c)).id }),
    body: (c) => ({ role: "head", unitId: c.unitId }),
    expect: ADMINS(201),
  },
  "DELETE /users/:userId/grants/:grantId": {
    params: async (c) => {
      const u = await target(c);
      return { userId: u.id, grantId: u.grantId };
    },
    expect: ADMINS(204),
  },
  "GET /audit": { expect: { ...ADMINS(200), inspector: 200 } },
};

const MATRIX: Record<string, Case> = { ...IDENTITY, ...LEDGER, ...CONTRIBUTIONS, ...WORKS, ...SUPERVISION, ...PUBLICATION };

const key = (r: RouteDef) => `${r.method.toUpperCase()} ${r.path}`;

function tokenOf(w: World, who: Caller): string | undefined {
  if (who === "none") return undefined;
  if (who === "root") return w.root;
  return w[who].token;
}

let counter = 0;

/** Builds the request for `r` as `who` (running the case's fixtures); sending it is left to the caller. */
async function prepare(t: TestApp, w: World, r: RouteDef, c: Case, who: Caller, unitId: number) {
  const ctx: Ctx = { t, w, who, unitId, n: ++counter };
  const params: Record<string, string | number> = { unitId, ...(c.params ? await c.params(ctx) : {}) };
  const path = r.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (params[name] === undefined) throw new Error(`${key(r)}: the matrix entry gives no value for :${name}`);
    return encodeURIComponent(String(params[name]));
  });
  const query = c.query?.(ctx);
  const body = c.body?.(ctx);
  return () => {
    let req = t.api[r.method](`/api/v1${path}`);
    const token = tokenOf(w, who);
    if (token) req = req.set("Authorization", `Bearer ${token}`);
    if (query) req = req.query(query);
    if (body) req = req.send(body as object);
    return req;
  };
}

/** Calls `r` as `who` with the case's params and body; returns the response. */
async function call(t: TestApp, w: World, r: RouteDef, c: Case, who: Caller, unitId: number) {
  return (await prepare(t, w, r, c, who, unitId))();
}

describe("identity: authorization matrix (issue 2, acceptance 2)", () => {
  it("when the app is built, then every route has a declared authorization expectation and every expectation a route", async () => {
    const t = await testApp();
    const routes: RouteDef[] = t.app.locals.routes;
    const declared = new Set(Object.keys(MATRIX));
    const missing = routes.map(key).filter((k) => !declared.has(k));
    const stale = [...declared].filter((k) => !routes.some((r) => key(r) === k));
    expect(missing.map((k) => `route ${k} has no declared authorization expectation`), "add it to CASES in test/<module>/authz-cases.ts (identity: IDENTITY here)").to.deep.equal([]);
    expect(stale.map((k) => `MATRIX entry ${k} names no route`)).to.deep.equal([]);
    for (const r of routes) {
      const ok = r.access === "public" || r.access === "user" || (Array.isArray(r.access) && r.access.length > 0);
      expect(ok, `route ${key(r)} declares no access rule`).to.equal(true);
    }
  });

  for (const [name, c] of Object.entries(MATRIX)) {
    it(`when each kind of caller calls ${name}, then each gets exactly its declared status`, async () => {
      const t = await testApp();
      const w = await world(t);
      const r = (t.app.locals.routes as RouteDef[]).find((x) => key(x) === name);
      expect(r, `${name} is not a route of the app`).to.not.equal(undefined);
      const got = {} as Record<Caller, number>;
      for (const who of CALLERS) {
        const res = await call(t, w, r!, c, who, w.hamletA);
        got[who] = res.status;
        if (res.status >= 400) {
          expect(res.headers["content-type"], `${name} as ${who}`).to.match(/^application\/problem\+json/);
          expect(res.body.status, `${name} as ${who}`).to.equal(res.status);
        }
      }
      expect(got, name).to.deep.equal(c.expect);
    });
  }
});

describe("identity: a hamlet's treasurer and hamlet B (issue 2, acceptance 3)", () => {
  it("when the treasurer of hamlet A aims any unit route at hamlet B, then it answers 403 or 404 and changes nothing", async () => {
    const t = await testApp();
    const w = await world(t);
    // Routes missing from MATRIX already fail above; without their valid body they would only say 400 here.
    // Public reads (a unit's works page) answer anyone about any unit: they are not staff routes.
    const routes = (t.app.locals.routes as RouteDef[]).filter((r) => r.path.includes(":unitId") && r.access !== "public" && MATRIX[key(r)]);
    expect(routes.length).to.be.greaterThan(0);
    for (const r of routes) {
      // The case's fixtures (an entry, a household in hamlet B) are made first; the request must change nothing.
      const send = await prepare(t, w, r, MATRIX[key(r)], "treasurerA", w.hamletB);
      const before = await rowCounts(t.db);
      const res = await send();
      expect([403, 404], `${key(r)} with hamlet B's id`).to.include(res.status);
      expect(await rowCounts(t.db), key(r)).to.deep.equal(before);
    }
  });

  it("when the treasurer of hamlet A reads hamlet B by id, then it is a 404 just like an id that does not exist", async () => {
    const t = await testApp();
    const w = await world(t);
    const b = await t.as(w.treasurerA.token).get(`/units/${w.hamletB}`);
    const none = await t.as(w.treasurerA.token).get(`/units/999999`);
    expect(b.status).to.equal(404);
    expect(b.body.code).to.equal("not_found");
    expect({ ...b.body, instance: 0, id: 0 }).to.deep.equal({ ...none.body, instance: 0, id: 0 });
  });

  it("when the treasurer of hamlet A lists units, then hamlet B is not among them", async () => {
    const t = await testApp();
    const w = await world(t);
    const r = await t.as(w.treasurerA.token).get("/units");
    expect(r.status).to.equal(200);
    expect(r.body.data.map((u: { id: number }) => u.id)).to.deep.equal([w.hamletA]);
  });

  it("when the treasurer of hamlet A writes with hamlet B's ids in the URL or body, then every write is refused and nothing changes", async () => {
    const t = await testApp();
    const w = await world(t);
    const before = await rowCounts(t.db);
    const as = t.as(w.treasurerA.token);
    const answers: [string, number][] = [
      ["rename B", (await as.patch(`/units/${w.hamletB}`, { name: "Đổi tên" })).status],
      ["unit under B", (await as.post("/units", { code: "under-b", name: "X", kind: "hamlet", parentId: w.hamletB })).status],
      ["grant to B's treasurer", (await as.post(`/users/${w.treasurerB.id}/grants`, { role: "treasurer", unitId: w.hamletB })).status],
      ["grant on B to oneself", (await as.post(`/users/${w.treasurerA.id}/grants`, { role: "treasurer", unitId: w.hamletB })).status],
      ["deactivate B's treasurer", (await as.post(`/users/${w.treasurerB.id}/deactivate`)).status],
      ["create a user", (await as.post("/users", { username: "sneaky.b", displayName: "X", password: "a long enough password" })).status],
    ];
    for (const [what, status] of answers) expect([403, 404], what).to.include(status);
    expect(await rowCounts(t.db)).to.deep.equal(before);
    expect((await t.as(w.root).get(`/units/${w.hamletB}`)).body.name).to.equal("Thôn Tân Phú");
  });

  it("when the treasurer of hamlet A asks for hamlet B's audit trail, then the answer is the same as for a unit that does not exist", async () => {
    const t = await testApp();
    const w = await world(t);
    const b = await t.as(w.treasurerA.token).get(`/audit?unitId=${w.hamletB}`);
    const none = await t.as(w.treasurerA.token).get(`/audit?unitId=999999`);
    expect([403, 404]).to.include(b.status);
    expect({ ...b.body, instance: 0 }).to.deep.equal({ ...none.body, instance: 0 });
  });

  it("when an admin of hamlet A only aims at hamlet B, then the service's own scope check refuses with 404", async () => {
    // The route-level check lets any admin through; this shows the unit scope is checked again below it.
    const t = await testApp();
    const w = await world(t);
    const adminA = await user(t, "admin.a", { role: "admin", unitId: w.hamletA });
    const before = await rowCounts(t.db);
    const as = t.as(adminA.token);
    expect((await as.get(`/units/${w.hamletB}`)).status).to.equal(404);
    expect((await as.patch(`/units/${w.hamletB}`, { name: "Đổi tên" })).status).to.equal(404);
    expect((await as.post(`/users/${adminA.id}/grants`, { role: "treasurer", unitId: w.hamletB })).status).to.equal(404);
    expect((await as.post(`/users/${w.treasurerB.id}/deactivate`)).status).to.equal(404);
    expect((await as.get(`/audit?unitId=${w.hamletB}`)).status).to.equal(404);
    const users = await as.get("/users");
    expect(users.status).to.equal(200);
    expect(users.body.data.map((u: { username: string }) => u.username)).to.not.include("treasurer.b");
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });
});

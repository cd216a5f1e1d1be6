import { expect } from "chai";
import type { RouteDef } from "../../src/http/route";
import { rowCounts, testApp, TestApp } from "../helpers/app";
import { user, world, World } from "../helpers/given";
import { Case, CALLERS, Caller } from "../helpers/authz";
import { key, MATRIX, prepare } from "./route-cases";

// Every route x every role: every route declares who may call it, and this table says what each
// kind of caller gets. A route in app.locals.routes without an entry here fails the suite: a new
// route cannot ship without stating its rule. To add a route, add one entry to CASES in
// test/<module>/authz-cases.ts (a new module: a new test/<module>/authz-cases.ts exporting CASES).
// The cases' shape: test/security/route-cases.ts.

/** Calls `r` as `who` with the case's params and body; returns the response. */
async function call(t: TestApp, w: World, r: RouteDef, c: Case, who: Caller, unitId: number) {
  return (await prepare(t, w, r, c, who, unitId))();
}

describe("security: every route × every role", () => {
  it("when the app is built, then every route has a declared authorization expectation and every expectation a route", async () => {
    const t = await testApp();
    const routes: RouteDef[] = t.app.locals.routes;
    const declared = new Set(Object.keys(MATRIX));
    const missing = routes.map(key).filter((k) => !declared.has(k));
    const stale = [...declared].filter((k) => !routes.some((r) => key(r) === k));
    expect(missing.map((k) => `route ${k} has no declared authorization expectation`), "add it to CASES in test/<module>/authz-cases.ts").to.deep.equal([]);
    expect(stale.map((k) => `MATRIX entry ${k} names no route`)).to.deep.equal([]);
    for (const r of routes) {
      const ok = r.access === "public" || r.access === "user" || (Array.isArray(r.access) && r.access.length > 0);
      expect(ok, `route ${key(r)} declares no access rule`).to.equal(true);
    }
  });

  for (const [name, c] of Object.entries(MATRIX)) {
    it(`when each kind of caller calls ${name}, then each gets exactly its declared status`, async () => {
      const t = await testApp();
      const w = await world(t); // every kind of person: the route is called as each
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

describe("security: a hamlet's treasurer and hamlet B", function () {
  // One test walks every unit route (a hundred requests, each with its fixtures): on a busy machine
  // that is more than mocha's default 20 s.
  this.timeout(120_000);
  it("when the treasurer of hamlet A aims any unit route at hamlet B, then it answers 403 or 404 and changes nothing", async () => {
    const t = await testApp();
    const w = await world(t); // every kind of person: fixtures of every route are made by whoever may
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
    const w = await world(t, { only: ["treasurerA"] });
    const b = await t.as(w.treasurerA.token).get(`/units/${w.hamletB}`);
    const none = await t.as(w.treasurerA.token).get(`/units/999999`);
    expect(b.status).to.equal(404);
    expect(b.body.code).to.equal("not_found");
    expect({ ...b.body, instance: 0, id: 0 }).to.deep.equal({ ...none.body, instance: 0, id: 0 });
  });

  it("when the treasurer of hamlet A lists units, then hamlet B is not among them", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const r = await t.as(w.treasurerA.token).get("/units");
    expect(r.status).to.equal(200);
    expect(r.body.data.map((u: { id: number }) => u.id)).to.deep.equal([w.hamletA]);
  });

  it("when the treasurer of hamlet A writes with hamlet B's ids in the URL or body, then every write is refused and nothing changes", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root", "treasurerA", "treasurerB"] });
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
    const w = await world(t, { only: ["treasurerA"] });
    const b = await t.as(w.treasurerA.token).get(`/audit?unitId=${w.hamletB}`);
    const none = await t.as(w.treasurerA.token).get(`/audit?unitId=999999`);
    expect([403, 404]).to.include(b.status);
    expect({ ...b.body, instance: 0 }).to.deep.equal({ ...none.body, instance: 0 });
  });

  it("when an admin of hamlet A only aims at hamlet B, then the service's own scope check refuses with 404", async () => {
    // The route-level check lets any admin through; this shows the unit scope is checked again below it.
    const t = await testApp();
    const w = await world(t, { only: ["treasurerB"] });
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

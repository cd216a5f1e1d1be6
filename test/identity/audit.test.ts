import { expect } from "chai";
import type request from "supertest";
import { rowCounts, testApp, TestApp } from "../helpers/app";
import { PASSWORD, user, world, World } from "../helpers/given";

// Every write leaves exactly one audit record, in the same transaction as
// the write; a write that fails leaves none; the trail is append-only in the database itself.

const REQUEST_ID = "req-audit-0001";

async function lastAuditId(t: TestApp): Promise<number> {
  const r = await t.db("audit_events").max({ m: "id" }).first();
  return Number(r?.m ?? 0);
}

async function auditSince(t: TestApp, id: number) {
  return t.db("audit_events").where("id", ">", id).orderBy("id");
}

async function rejection(p: PromiseLike<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the database to refuse, and it did not");
}

async function login(t: TestApp, username: string, password = PASSWORD): Promise<string> {
  const r = await t.as().post("/auth/login", { username, password });
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
  return r.body.token;
}

interface WriteCase {
  name: string;
  act(t: TestApp, w: World): Promise<{ res: request.Response; actorId: number; unitId: number | null; entityId?: string | number }>;
  status: number;
  action: string;
  entity: string;
}

const WRITES: WriteCase[] = [
  {
    name: "a unit is created",
    act: async (t, w) => {
      const res = await t.as(w.communeAdmin.token).post("/units", { code: "moi", name: "Thôn Mới", kind: "hamlet", parentId: w.commune }).set("X-Request-Id", REQUEST_ID);
      return { res, actorId: w.communeAdmin.id, unitId: res.body.id, entityId: res.body.id };
    },
    status: 201, action: "unit.created", entity: "unit",
  },
  {
    name: "a unit is renamed",
    act: async (t, w) => ({
      res: await t.as(w.communeAdmin.token).patch(`/units/${w.hamletA}`, { name: "Thôn Đồng Tâm 2" }).set("X-Request-Id", REQUEST_ID),
      actorId: w.communeAdmin.id, unitId: w.hamletA, entityId: w.hamletA,
    }),
    status: 200, action: "unit.updated", entity: "unit",
  },
  {
    name: "a user is created",
    act: async (t, w) => {
      const res = await t.as(w.communeAdmin.token).post("/users", { username: "new.user", displayName: "Người Mới", password: "a long enough password" }).set("X-Request-Id", REQUEST_ID);
      // The commune admin's users belong to the commune: that is where their record shows.
      return { res, actorId: w.communeAdmin.id, unitId: w.commune, entityId: res.body.id };
    },
    status: 201, action: "user.created", entity: "user",
  },
  {
    name: "a role is granted",
    act: async (t, w) => {
      const res = await t.as(w.communeAdmin.token).post(`/users/${w.treasurerB.id}/grants`, { role: "head", unitId: w.hamletB }).set("X-Request-Id", REQUEST_ID);
      return { res, actorId: w.communeAdmin.id, unitId: w.hamletB, entityId: res.body.id };
    },
    status: 201, action: "grant.created", entity: "grant",
  },
  {
    name: "a role is revoked",
    act: async (t, w) => {
      const grantId = (await t.db("grants").where({ user_id: w.headA.id }).first()).id;
      const res = await t.as(w.communeAdmin.token).delete(`/users/${w.headA.id}/grants/${grantId}`).set("X-Request-Id", REQUEST_ID);
      return { res, actorId: w.communeAdmin.id, unitId: w.hamletA, entityId: grantId };
    },
    status: 204, action: "grant.revoked", entity: "grant",
  },
  {
    name: "a user is deactivated",
    act: async (t, w) => ({
      res: await t.as(w.communeAdmin.token).post(`/users/${w.treasurerA.id}/deactivate`).set("X-Request-Id", REQUEST_ID),
      actorId: w.communeAdmin.id, unitId: null, entityId: w.treasurerA.id,
    }),
    status: 200, action: "user.deactivated", entity: "user",
  },
  {
    name: "a user signs out",
    act: async (t, w) => ({ res: await t.as(w.headA.token).post("/auth/logout").set("X-Request-Id", REQUEST_ID), actorId: w.headA.id, unitId: null }),
    status: 204, action: "session.ended", entity: "session",
  },
  {
    name: "a user changes their password",
    act: async (t, w) => ({
      res: await t.as(w.headA.token).post("/me/password", { oldPassword: PASSWORD, newPassword: "a new long password" }).set("X-Request-Id", REQUEST_ID),
      actorId: w.headA.id, unitId: null, entityId: w.headA.id,
    }),
    status: 204, action: "user.password_changed", entity: "user",
  },
  {
    name: "a user signs in",
    act: async (t, w) => ({
      res: await t.as().post("/auth/login", { username: "head.a", password: PASSWORD }).set("X-Request-Id", REQUEST_ID),
      actorId: w.headA.id, unitId: null,
    }),
    status: 200, action: "session.created", entity: "session",
  },
];

describe("identity: audit trail", () => {
  for (const c of WRITES) {
    it(`when ${c.name} through the API, then exactly one ${c.action} record names who, what, where from and which request`, async () => {
      const t = await testApp();
      const w = await world(t); // every kind of person: the cases act as each
      const since = await lastAuditId(t);
      const { res, actorId, unitId, entityId } = await c.act(t, w);
      expect(res.status, JSON.stringify(res.body)).to.equal(c.status);
      expect(res.headers["x-request-id"]).to.equal(REQUEST_ID);
      const rows = await auditSince(t, since);
      expect(rows.map((r) => r.action)).to.deep.equal([c.action]);
      const [r] = rows;
      expect(r.entity).to.equal(c.entity);
      expect(r.actor_id).to.equal(actorId);
      expect(r.actor_name).to.be.a("string").and.not.equal("");
      expect(r.unit_id).to.equal(unitId);
      if (entityId !== undefined) expect(r.entity_id).to.equal(String(entityId));
      else expect(r.entity_id).to.match(/^[0-9]+$/);
      expect(r.ip).to.match(/127\.0\.0\.1$/);
      expect(r.request_id).to.equal(REQUEST_ID);
      expect(r.at).to.equal(t.clock.now().toISOString());
      expect(JSON.stringify(r)).not.to.contain(PASSWORD).and.not.contain("a new long password").and.not.contain("a long enough password");
    });
  }

  it("when writes fail (duplicate, wrong parent, out of scope, self-deactivation, wrong password, bad login, bad input), then no audit record and no other row is written", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "headA"] });
    const before = await rowCounts(t.db);
    const admin = t.as(w.communeAdmin.token);
    const answers: [string, number][] = [
      ["duplicate code", (await admin.post("/units", { code: "ha", name: "Trùng", kind: "hamlet", parentId: w.commune })).status],
      ["hamlet under a hamlet", (await admin.post("/units", { code: "h3", name: "X", kind: "hamlet", parentId: w.hamletA })).status],
      ["province by a commune admin", (await admin.post("/units", { code: "p2", name: "X", kind: "province" })).status],
      ["duplicate username", (await admin.post("/users", { username: "head.a", displayName: "X", password: "a long enough password" })).status],
      ["duplicate grant", (await admin.post(`/users/${w.headA.id}/grants`, { role: "head", unitId: w.hamletA })).status],
      ["deactivate oneself", (await admin.post(`/users/${w.communeAdmin.id}/deactivate`)).status],
      ["wrong old password", (await t.as(w.headA.token).post("/me/password", { oldPassword: "not the password", newPassword: "a new long password" })).status],
      ["wrong login", (await t.as().post("/auth/login", { username: "head.a", password: "not the password" })).status],
      ["invalid body", (await admin.patch(`/units/${w.hamletA}`, { name: "" })).status],
      ["treasurer renames", (await t.as(w.treasurerA.token).patch(`/units/${w.hamletA}`, { name: "X" })).status],
    ];
    for (const [what, status] of answers) expect(status, what).to.be.within(400, 499);
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when the audit record cannot be written, then the write it records is rolled back with it", async () => {
    // Same transaction: make every audit insert fail, and the unit, user or grant must not appear either.
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "headA", "treasurerB"] });
    if (t.dialect === "postgres") {
      await t.db.raw(`CREATE FUNCTION audit_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit_down: test'; END $$ LANGUAGE plpgsql`);
      await t.db.raw("CREATE TRIGGER audit_down BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_down()");
    } else {
      await t.db.raw("CREATE TRIGGER audit_down BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_down: test'); END");
    }
    const before = await rowCounts(t.db);
    const admin = t.as(w.communeAdmin.token);
    const answers = [
      await admin.post("/units", { code: "moi", name: "Thôn Mới", kind: "hamlet", parentId: w.commune }),
      await admin.patch(`/units/${w.hamletA}`, { name: "Đổi tên" }),
      await admin.post("/users", { username: "new.user", displayName: "X", password: "a long enough password" }),
      await admin.post(`/users/${w.treasurerB.id}/grants`, { role: "head", unitId: w.hamletB }),
      await admin.post(`/users/${w.treasurerA.id}/deactivate`),
      await t.as().post("/auth/login", { username: "head.a", password: PASSWORD }),
      await t.as(w.headA.token).post("/me/password", { oldPassword: PASSWORD, newPassword: "a new long password" }),
      await t.as(w.headA.token).post("/auth/logout"),
    ];
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).to.be.at.least(400);
    expect(await rowCounts(t.db)).to.deep.equal(before);
    expect((await t.db("units").where({ id: w.hamletA }).first()).name).to.equal("Thôn Đồng Tâm");
    expect((await t.as(w.headA.token).get("/me")).status).to.equal(200); // the session was not ended
  });

  it("when anyone updates, deletes or truncates audit records with raw SQL, then the database refuses on both engines", async () => {
    const t = await testApp();
    await world(t, { only: [] });
    const before = await t.db("audit_events").orderBy("id");
    expect(before.length).to.be.greaterThan(0);
    expect((await rejection(t.db("audit_events").update({ action: "unit.forged" }))).message).to.contain("append_only");
    expect((await rejection(t.db("audit_events").where("id", before[0].id).update({ actor_name: "someone else" }))).message).to.contain("append_only");
    expect((await rejection(t.db("audit_events").where("id", before[0].id).delete())).message).to.contain("append_only");
    expect((await rejection(t.db("audit_events").delete())).message).to.contain("append_only");
    if (t.dialect === "postgres") expect((await rejection(t.db.raw("TRUNCATE audit_events"))).message).to.contain("append_only");
    expect(await t.db("audit_events").orderBy("id")).to.deep.equal(before);
  });

  it("when a commune admin reads the trail, then they see their commune's subtree and nothing of another commune", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root", "communeAdmin"] });
    const other = await t.as(w.root).post("/units", { code: "c2", name: "Xã Khác", kind: "commune", parentId: w.province });
    const otherHamlet = await t.as(w.root).post("/units", { code: "c2-h", name: "Thôn Khác", kind: "hamlet", parentId: other.body.id });
    const mine = await t.as(w.communeAdmin.token).post("/units", { code: "c1-h3", name: "Thôn Ba", kind: "hamlet", parentId: w.commune });
    expect([other.status, otherHamlet.status, mine.status]).to.deep.equal([201, 201, 201]);

    const seen = await t.as(w.communeAdmin.token).get("/audit?limit=500");
    expect(seen.status).to.equal(200);
    const units = new Set(seen.body.data.map((e: { unitId: number }) => e.unitId));
    expect([...units].every((u) => [w.commune, w.hamletA, w.hamletB, mine.body.id].includes(u as number)), JSON.stringify([...units])).to.equal(true);
    expect(seen.body.data.some((e: { action: string; entityId: string }) => e.action === "unit.created" && e.entityId === String(mine.body.id))).to.equal(true);
    expect(units.has(other.body.id)).to.equal(false);
    expect(units.has(otherHamlet.body.id)).to.equal(false);

    const all = await t.as(w.root).get("/audit?limit=500");
    expect(all.body.data.some((e: { unitId: number }) => e.unitId === otherHamlet.body.id)).to.equal(true);
    expect(all.body.data.length).to.be.greaterThan(seen.body.data.length);

    expect((await t.as(w.communeAdmin.token).get(`/audit?unitId=${other.body.id}`)).status).to.equal(404);
    const onlyA = await t.as(w.communeAdmin.token).get(`/audit?unitId=${w.hamletA}`);
    expect(onlyA.status).to.equal(200);
    expect(onlyA.body.data.length).to.be.greaterThan(0);
    expect(onlyA.body.data.every((e: { unitId: number }) => e.unitId === w.hamletA)).to.equal(true);
  });

  it("when an inspector reads the trail, then they see only the units their board oversees", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "inspector"] });
    await t.as(w.communeAdmin.token).patch(`/units/${w.hamletB}`, { name: "Thôn Tân Phú 2" });
    await t.as(w.communeAdmin.token).patch(`/units/${w.hamletA}`, { name: "Thôn Đồng Tâm 2" });
    const r = await t.as(w.inspector.token).get("/audit");
    expect(r.status).to.equal(200);
    expect(r.body.data.length).to.be.greaterThan(0);
    expect(r.body.data.every((e: { unitId: number }) => e.unitId === w.hamletA)).to.equal(true);
    expect((await t.as(w.inspector.token).get(`/audit?unitId=${w.hamletB}`)).status).to.equal(404);
  });

  it("when a treasurer or a head asks for the trail, then 403", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA", "treasurerB"] });
    for (const token of [w.treasurerA.token, w.headA.token, w.treasurerB.token]) {
      const r = await t.as(token).get("/audit");
      expect(r.status).to.equal(403);
      expect(r.body.code).to.equal("forbidden");
    }
    expect((await t.as().get("/audit")).status).to.equal(401);
  });

  it("when the trail is read page by page with the cursor, then the pages together are the whole trail, newest first, each record once", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    for (let i = 0; i < 4; i++) await t.as(w.root).patch(`/units/${w.hamletA}`, { name: `Tên ${i}` });
    const whole = (await t.as(w.root).get("/audit?limit=500")).body;
    expect(whole.nextCursor).to.equal(null);
    const ids: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: request.Response = await t.as(w.root).get(`/audit?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).to.equal(200);
      expect(page.body.data.length).to.be.at.most(3);
      ids.push(...page.body.data.map((e: { id: number }) => e.id));
      cursor = page.body.nextCursor;
      pages++;
      expect(pages).to.be.below(100);
    } while (cursor);
    expect(ids).to.deep.equal(whole.data.map((e: { id: number }) => e.id));
    expect(ids).to.deep.equal([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).to.equal(ids.length);
    expect(pages).to.equal(Math.ceil(ids.length / 3));
  });

  it("when the trail is filtered by dates, then the days are Vietnam's (UTC+7) and both ends are included", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] }); // its records are of 2025-06-15
    const renameAt = async (iso: string, name: string) => {
      t.clock.set(iso);
      const token = await login(t, "root");
      const r = await t.as(token).patch(`/units/${w.hamletA}`, { name });
      expect(r.status).to.equal(200);
      return token;
    };
    await renameAt("2025-06-19T16:59:00.000Z", "before"); // 19/06 23:59 in Vietnam
    await renameAt("2025-06-19T17:00:00.000Z", "first"); // 20/06 00:00
    await renameAt("2025-06-21T16:59:59.000Z", "last"); // 21/06 23:59
    const token = await renameAt("2025-06-21T17:00:00.000Z", "after"); // 22/06 00:00
    const r = await t.as(token).get("/audit?from=2025-06-20&to=2025-06-21&limit=500");
    expect(r.status).to.equal(200);
    const names = r.body.data.filter((e: { action: string }) => e.action === "unit.updated").map((e: { details: { patch: { name: string } } }) => e.details.patch.name);
    expect(names).to.deep.equal(["last", "first"]);
  });
});

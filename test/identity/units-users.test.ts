import { expect } from "chai";
import type { RouteDef } from "../../src/http/route";
import { VERSION } from "../../src/app";
import { rowCounts, testApp } from "../helpers/app";
import { PASSWORD, user, world } from "../helpers/given";

// The unit tree (DESIGN §3), users and grants with their scopes (DESIGN §2), the OpenAPI
// document and /healthz.

type Named = { id: number; username?: string; code?: string };
const ids = (r: { body: { data: Named[] } }) => r.body.data.map((x) => x.id);

describe("identity: units", () => {
  it("when an installation admin builds province > commune > hamlet, then each answers 201 with its id and reads back", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const p = await t.as(w.root).post("/units", { code: "p2", name: "Tỉnh Hai", kind: "province" });
    const c = await t.as(w.root).post("/units", { code: "c2", name: "Xã Hai", kind: "commune", parentId: p.body.id });
    const h = await t.as(w.root).post("/units", { code: "h2", name: "Thôn Hai", kind: "hamlet", parentId: c.body.id });
    expect([p.status, c.status, h.status]).to.deep.equal([201, 201, 201]);
    expect(h.body).to.include({ code: "h2", name: "Thôn Hai", kind: "hamlet", parentId: c.body.id, isActive: true });
    expect(h.body.id).to.be.a("number");
    expect((await t.as(w.root).get(`/units/${h.body.id}`)).body).to.deep.equal(h.body);
  });

  it("when a unit's parent is of the wrong kind, then 422 invalid_parent and nothing is written", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const cases: [string, object][] = [
      ["hamlet under a province", { code: "x1", name: "X", kind: "hamlet", parentId: w.province }],
      ["hamlet under a hamlet", { code: "x2", name: "X", kind: "hamlet", parentId: w.hamletA }],
      ["commune under a commune", { code: "x3", name: "X", kind: "commune", parentId: w.commune }],
      ["commune under a hamlet", { code: "x4", name: "X", kind: "commune", parentId: w.hamletA }],
      ["province under a province", { code: "x5", name: "X", kind: "province", parentId: w.province }],
    ];
    for (const [what, body] of cases) {
      const r = await t.as(w.root).post("/units", body);
      expect(r.status, what).to.equal(422);
      expect(r.body.code, what).to.equal("invalid_parent");
    }
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when a commune or hamlet has no parent, then 400 names parentId", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    for (const kind of ["commune", "hamlet"]) {
      const r = await t.as(w.root).post("/units", { code: `np-${kind}`, name: "X", kind });
      expect(r.status, kind).to.equal(400);
      expect(r.body.errors.map((e: { path: string }) => e.path), kind).to.deep.equal(["/parentId"]);
    }
  });

  it("when a commune admin creates units, then hamlets under their commune succeed, a province or a commune elsewhere does not", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root", "communeAdmin"] });
    const other = (await t.as(w.root).post("/units", { code: "c2", name: "Xã Khác", kind: "commune", parentId: w.province })).body.id;
    const admin = t.as(w.communeAdmin.token);
    expect((await admin.post("/units", { code: "h3", name: "Thôn Ba", kind: "hamlet", parentId: w.commune })).status).to.equal(201);
    expect((await admin.post("/units", { code: "p2", name: "Tỉnh", kind: "province" })).status).to.equal(403);
    expect((await admin.post("/units", { code: "c3", name: "Xã", kind: "commune", parentId: w.province })).status).to.equal(403);
    expect((await admin.post("/units", { code: "h4", name: "Thôn", kind: "hamlet", parentId: other })).status).to.equal(404);
  });

  it("when a unit code is taken, then 409 duplicate", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const r = await t.as(w.root).post("/units", { code: "ha", name: "Trùng mã", kind: "hamlet", parentId: w.commune });
    expect(r.status).to.equal(409);
    expect(r.body).to.include({ code: "duplicate", entity: "unit", field: "code" });
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when each kind of user lists units, then they see only where they work (and what is under it)", async () => {
    const t = await testApp();
    const w = await world(t); // every kind of person: each is listed
    expect(ids(await t.as(w.root).get("/units"))).to.have.members([w.province, w.commune, w.hamletA, w.hamletB]);
    expect(ids(await t.as(w.communeAdmin.token).get("/units"))).to.have.members([w.commune, w.hamletA, w.hamletB]);
    expect(ids(await t.as(w.treasurerA.token).get("/units"))).to.deep.equal([w.hamletA]);
    expect(ids(await t.as(w.headA.token).get("/units"))).to.deep.equal([w.hamletA]);
    expect(ids(await t.as(w.treasurerB.token).get("/units"))).to.deep.equal([w.hamletB]);
    expect(ids(await t.as(w.inspector.token).get("/units"))).to.deep.equal([w.hamletA]);
    const lonely = await user(t, "no.roles");
    expect(ids(await t.as(lonely.token).get("/units"))).to.deep.equal([]);
  });

  it("when the public lists units, then it gets codes and names only, no settings", async () => {
    const t = await testApp();
    const w = await world(t, { only: [] });
    const r = await t.as().get("/public/units");
    expect(r.status).to.equal(200);
    expect(ids(r)).to.have.members([w.province, w.commune, w.hamletA, w.hamletB]);
    for (const u of r.body.data) expect(u).to.have.all.keys("id", "code", "name", "kind", "parentId");
  });

  it("when an admin renames a unit, then the new name reads back; a head cannot rename it", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "headA"] });
    const r = await t.as(w.communeAdmin.token).patch(`/units/${w.hamletA}`, { name: "Thôn Đồng Tâm Mới" });
    expect(r.status).to.equal(200);
    expect(r.body.name).to.equal("Thôn Đồng Tâm Mới");
    expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}`)).body.name).to.equal("Thôn Đồng Tâm Mới");
    expect((await t.as(w.headA.token).patch(`/units/${w.hamletA}`, { name: "Khác" })).status).to.equal(403);
    expect((await t.as(w.communeAdmin.token).patch(`/units/${w.province}`, { name: "Tỉnh Khác" })).status).to.equal(403);
    expect((await t.as(w.communeAdmin.token).patch(`/units/${w.hamletA}`, {})).status).to.equal(400);
    expect((await t.as(w.communeAdmin.token).patch(`/units/${w.hamletA}`, { code: "new" })).status).to.equal(400);
  });
});

describe("identity: users and grants", () => {
  it("when an admin creates a user, then 201 with the user and no password anywhere, and the user can sign in", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin"] });
    const r = await t.as(w.communeAdmin.token).post("/users", { username: "le.van-c_1", displayName: "Lê Văn C", password: "mật khẩu dài đủ", phone: "0912 345 678" });
    expect(r.status).to.equal(201);
    expect(r.body).to.include({ username: "le.van-c_1", displayName: "Lê Văn C", phone: "0912 345 678", isActive: true });
    expect(r.body.grants).to.deep.equal([]);
    expect(JSON.stringify(r.body)).not.to.match(/password|mật khẩu|scrypt/i);
    expect((await t.as().post("/auth/login", { username: "le.van-c_1", password: "mật khẩu dài đủ" })).status).to.equal(200);
  });

  it("when a username breaks the pattern or a password is shorter than 10, then 400 naming the field", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const bad: [object, string][] = [
      [{ username: "Upper.Case", displayName: "X", password: "long enough pw" }, "/username"],
      [{ username: "ab", displayName: "X", password: "long enough pw" }, "/username"],
      [{ username: "has space", displayName: "X", password: "long enough pw" }, "/username"],
      [{ username: "viết.tắt", displayName: "X", password: "long enough pw" }, "/username"],
      [{ username: "a".repeat(65), displayName: "X", password: "long enough pw" }, "/username"],
      [{ username: "ok.name", displayName: "X", password: "123456789" }, "/password"],
      [{ username: "ok.name", displayName: "", password: "long enough pw" }, "/displayName"],
      [{ username: "ok.name", displayName: "X", password: "long enough pw", phone: "call me" }, "/phone"],
    ];
    for (const [body, path] of bad) {
      const r = await t.as(w.root).post("/users", body);
      expect(r.status, JSON.stringify(body)).to.equal(400);
      expect(r.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).to.include(path);
    }
    expect(await rowCounts(t.db)).to.deep.equal(before);
    expect((await t.as(w.root).post("/users", { username: "abc", displayName: "X", password: "0123456789" })).status).to.equal(201);
    expect((await t.as(w.root).post("/users", { username: "a".repeat(64), displayName: "X", password: "0123456789" })).status).to.equal(201);
  });

  it("when a username is taken, then 409 duplicate", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA"] });
    const before = await rowCounts(t.db);
    const r = await t.as(w.communeAdmin.token).post("/users", { username: "treasurer.a", displayName: "X", password: "a long enough password" });
    expect(r.status).to.equal(409);
    expect(r.body).to.include({ code: "duplicate", entity: "user", field: "username" });
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when a commune admin grants roles, then hamlets of their commune work and another commune's hamlet is 404", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root", "communeAdmin"] });
    const c2 = (await t.as(w.root).post("/units", { code: "c2", name: "Xã Khác", kind: "commune", parentId: w.province })).body.id;
    const h2 = (await t.as(w.root).post("/units", { code: "c2-h", name: "Thôn Khác", kind: "hamlet", parentId: c2 })).body.id;
    const admin = t.as(w.communeAdmin.token);
    const u = (await admin.post("/users", { username: "new.head", displayName: "X", password: "a long enough password" })).body;
    const g = await admin.post(`/users/${u.id}/grants`, { role: "head", unitId: w.hamletB });
    expect(g.status).to.equal(201);
    expect(g.body).to.deep.equal({ id: g.body.id, role: "head", unitId: w.hamletB, boardId: null });
    expect((await admin.post(`/users/${u.id}/grants`, { role: "treasurer", unitId: h2 })).status).to.equal(404);
    expect((await admin.post(`/users/${u.id}/grants`, { role: "admin", unitId: w.province })).status).to.equal(403);
    expect((await admin.post(`/users/${u.id}/grants`, { role: "head", unitId: w.hamletB })).status).to.equal(409);
    // The new head now reads hamlet B and only it.
    const token = (await t.as().post("/auth/login", { username: "new.head", password: "a long enough password" })).body.token;
    expect(ids(await t.as(token).get("/units"))).to.deep.equal([w.hamletB]);
    expect((await t.as(token).get(`/units/${w.hamletA}`)).status).to.equal(404);
  });

  it("when a grant is malformed (inspector without board, unit role with a board), then 400", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "headA", "inspector"] });
    const admin = t.as(w.communeAdmin.token);
    expect((await admin.post(`/users/${w.headA.id}/grants`, { role: "inspector", unitId: w.hamletA })).status).to.equal(400);
    expect((await admin.post(`/users/${w.headA.id}/grants`, { role: "treasurer", boardId: w.board })).status).to.equal(400);
    expect((await admin.post(`/users/${w.headA.id}/grants`, { role: "treasurer" })).status).to.equal(400);
    expect((await admin.post(`/users/${w.headA.id}/grants`, { role: "mayor", unitId: w.hamletA })).status).to.equal(400);
    const board = await admin.post(`/users/${w.headA.id}/grants`, { role: "inspector", boardId: w.board });
    expect(board.status).to.equal(201);
    expect(board.body).to.include({ role: "inspector", boardId: w.board, unitId: null });
  });

  it("when a grant is revoked, then the user's next request runs without it", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "headA"] });
    const grantId = (await t.as(w.headA.token).get("/me")).body.grants[0].id;
    expect((await t.as(w.headA.token).get(`/units/${w.hamletA}`)).status).to.equal(200);
    expect((await t.as(w.communeAdmin.token).delete(`/users/${w.headA.id}/grants/${grantId}`)).status).to.equal(204);
    expect((await t.as(w.headA.token).get(`/units/${w.hamletA}`)).status).to.equal(403);
    expect((await t.as(w.headA.token).get("/me")).body.grants).to.deep.equal([]);
  });

  it("when admins list users, then each sees the users of their own subtree only; others are refused", async () => {
    const t = await testApp();
    const w = await world(t); // every kind of person: the lists are of all of them
    const c2 = (await t.as(w.root).post("/units", { code: "c2", name: "Xã Khác", kind: "commune", parentId: w.province })).body.id;
    const otherAdmin = await user(t, "other.admin", { role: "admin", unitId: c2 });
    const theirs = await t.as(otherAdmin.token).post("/users", { username: "their.user", displayName: "X", password: "a long enough password" });
    expect(theirs.status).to.equal(201);
    const names = async (token: string) => (await t.as(token).get("/users")).body.data.map((u: Named) => u.username);
    expect(await names(w.communeAdmin.token)).to.have.members(["commune.admin", "treasurer.a", "head.a", "treasurer.b", "inspector"]);
    expect(await names(otherAdmin.token)).to.have.members(["other.admin", "their.user"]);
    expect(await names(w.root)).to.include.members(["root", "commune.admin", "other.admin", "their.user", "treasurer.b"]);
    expect((await t.as(w.communeAdmin.token).post(`/users/${theirs.body.id}/deactivate`)).status).to.equal(404);
    for (const token of [w.treasurerA.token, w.headA.token, w.inspector.token]) expect((await t.as(token).get("/users")).status).to.equal(403);
    for (const u of (await t.as(w.root).get("/users")).body.data) expect(u).not.to.have.any.keys("passwordHash", "password_hash", "password");
    // The inspector of the commune's board is the commune admin's to manage, like staff of its hamlets.
    const inspectorGrant = (await t.as(w.inspector.token).get("/me")).body.grants[0].id;
    expect((await t.as(otherAdmin.token).delete(`/users/${w.inspector.id}/grants/${inspectorGrant}`)).status).to.equal(404);
    expect((await t.as(w.communeAdmin.token).post(`/users/${w.inspector.id}/deactivate`)).status).to.equal(200);
    expect((await t.as(w.communeAdmin.token).delete(`/users/${w.inspector.id}/grants/${inspectorGrant}`)).status).to.equal(204);
  });

  it("when an admin deactivates themselves, then 422 and they stay active", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin"] });
    const r = await t.as(w.communeAdmin.token).post(`/users/${w.communeAdmin.id}/deactivate`);
    expect(r.status).to.equal(422);
    expect((await t.as(w.communeAdmin.token).get("/me")).status).to.equal(200);
  });

  it("when a new password is shorter than 10, then 400 and the old one still works", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["headA"] });
    const r = await t.as(w.headA.token).post("/me/password", { oldPassword: PASSWORD, newPassword: "short" });
    expect(r.status).to.equal(400);
    expect(r.body.errors.map((e: { path: string }) => e.path)).to.deep.equal(["/newPassword"]);
    expect((await t.as().post("/auth/login", { username: "head.a", password: PASSWORD })).status).to.equal(200);
  });
});

describe("identity: OpenAPI and health", () => {
  it("when a client fetches openapi.json, then it is OpenAPI 3.1 and describes every route with its path parameters", async () => {
    const t = await testApp();
    const r = await t.as().get("/openapi.json");
    expect(r.status).to.equal(200);
    const doc = r.body;
    expect(doc.openapi).to.match(/^3\.1\./);
    expect(doc.info.title).to.be.a("string").and.not.equal("");
    expect(doc.info.version).to.equal(VERSION);
    const routes: RouteDef[] = t.app.locals.routes;
    const operationIds = new Set<string>();
    for (const route of routes) {
      const p = "/api/v1" + route.path.replace(/:(\w+)/g, "{$1}");
      const op = doc.paths[p]?.[route.method];
      expect(op, `${route.method.toUpperCase()} ${p} is missing`).to.be.an("object");
      expect(op.responses, p).to.be.an("object").that.is.not.empty;
      expect(op.operationId, p).to.be.a("string");
      expect(operationIds.has(op.operationId), `duplicate operationId ${op.operationId}`).to.equal(false);
      operationIds.add(op.operationId);
      const inPath = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((x: { in: string }) => x.in === "path");
      expect(declared.map((x: { name: string }) => x.name).sort(), p).to.deep.equal(inPath);
      for (const d of declared) expect(d.required, `${p} {${d.name}}`).to.equal(true);
      if (route.body) expect(op.requestBody.content["application/json"].schema, p).to.deep.equal(JSON.parse(JSON.stringify(route.body)));
      expect(op.security, p).to.deep.equal(route.access === "public" ? [] : [{ bearer: [] }]);
    }
    for (const p of Object.keys(doc.paths)) {
      expect(p, "no express-style :params in the document").not.to.contain(":");
      expect(p.startsWith("/api/v1/")).to.equal(true);
    }
    const count = Object.values(doc.paths).reduce((n: number, ops) => n + Object.keys(ops as object).length, 0);
    expect(count).to.equal(routes.length);
    expect(doc.components.securitySchemes.bearer).to.deep.equal({ type: "http", scheme: "bearer" });
  });

  it("when /healthz is asked, then it answers status ok, the database engine, the version and no warning", async () => {
    const t = await testApp();
    const r = await t.api.get("/healthz");
    expect(r.status).to.equal(200);
    expect(r.body).to.deep.equal({ status: "ok", database: t.dialect, version: VERSION, warnings: [] });
  });
});

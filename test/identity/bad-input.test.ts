import { expect } from "chai";
import zlib from "node:zlib";
import type request from "supertest";
import type { RouteDef } from "../../src/http/route";
import { rowCounts, testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { problem } from "../helpers/refused";

// Bad input gets a 4xx problem+json with a useful message in the caller's
// language, never a 500, and the database is left exactly as it was (STYLE §4).

function fieldErrors(res: request.Response): { path: string; code: string; message: string }[] {
  expect(res.body.errors, "errors[]").to.be.an("array").that.is.not.empty;
  for (const e of res.body.errors) {
    expect(e).to.have.all.keys("path", "code", "message");
    expect(e.message).to.be.a("string").and.not.equal("");
  }
  return res.body.errors;
}

const validUnit = (parentId: number) => ({ code: "moi", name: "Thôn Mới", kind: "hamlet", parentId });

describe("identity: bad input", () => {
  it("when fields have the wrong types, then 400 validation_failed names each field", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const res = await t.as(w.root).post("/units", { code: 5, name: true, kind: "hamlet", parentId: String(w.commune) });
    problem(res, 400, "validation_failed");
    const errs = fieldErrors(res);
    expect([...new Set(errs.filter((e) => e.code === "type").map((e) => e.path))].sort()).to.deep.equal(["/code", "/name", "/parentId"]);
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when required fields are missing, then each one is listed with code required", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const res = await t.as(w.root).post("/users", {});
    problem(res, 400, "validation_failed");
    expect(fieldErrors(res).filter((e) => e.code === "required").map((e) => e.path).sort()).to.deep.equal([
      "/displayName",
      "/password",
      "/username",
    ]);
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when the body has a field the schema does not know, then 400 names it rather than dropping it", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const res = await t.as(w.root).post("/units", { ...validUnit(w.commune), isActive: false, path: "/" });
    problem(res, 400, "validation_failed");
    expect(fieldErrors(res).filter((e) => e.code === "additionalProperties").map((e) => e.path).sort()).to.deep.equal(["/isActive", "/path"]);
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when the body is not valid JSON, then 400 malformed_json", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const res = await t.api
      .post("/api/v1/units")
      .set("Authorization", `Bearer ${w.root}`)
      .set("Content-Type", "application/json")
      .send('{"code": "x", "name": ');
    problem(res, 400, "malformed_json");
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when the JSON body is not an object, then 400 and nothing is written", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    for (const raw of ["[]", "null", '"text"', "42", "[1,2,3]"]) {
      const res = await t.api.post("/api/v1/units").set("Authorization", `Bearer ${w.root}`).set("Content-Type", "application/json").send(raw);
      expect(res.status, raw).to.equal(400);
      expect(res.headers["content-type"], raw).to.match(/^application\/problem\+json/);
      expect(["malformed_json", "validation_failed"], raw).to.include(res.body.code);
    }
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when the body does not decompress or the path is not valid percent-encoding, then 400 bad_request, not 500", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const post = (encoding: string) =>
      t.api.post("/api/v1/units").set("Authorization", `Bearer ${w.root}`).set("Content-Type", "application/json").set("Content-Encoding", encoding).send('{"code":"x"}');
    problem(await post("gzip"), 400, "bad_request");
    problem(await post("deflate"), 400, "bad_request");
    problem(await post("br"), 400, "bad_request");
    problem(await post("compress"), 415, "unsupported_media_type");
    problem(await t.as(w.root).get("/units/%E0%A4%A"), 400, "bad_request");
    problem(await t.as(w.root).patch("/units/%FF", { name: "X" }), 400, "bad_request");
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when a compressed body inflates beyond 1 MB, then 413", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const body = zlib.gzipSync(JSON.stringify({ code: "x", name: "x".repeat(3 * 1024 * 1024), kind: "province" }));
    expect(body.length).to.be.below(100_000);
    const res = await t.api
      .post("/api/v1/units")
      .set("Authorization", `Bearer ${w.root}`)
      .set("Content-Type", "application/json")
      .set("Content-Encoding", "gzip")
      .serialize((b: Buffer) => b as unknown as string) // as is: superagent would JSON-encode a Buffer
      .send(body);
    problem(res, 413, "payload_too_large");
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when the body is 2 MB, then 413 payload_too_large before anything is read into the database", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const res = await t.as(w.root).post("/units", { ...validUnit(w.commune), name: "x".repeat(2 * 1024 * 1024) });
    problem(res, 413, "payload_too_large");
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when a name is 201 characters, then 400 maxLength; at 200 it is accepted", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const long = await t.as(w.root).post("/units", { ...validUnit(w.commune), name: "ă".repeat(201) });
    problem(long, 400, "validation_failed");
    expect(fieldErrors(long)).to.deep.include({ path: "/name", code: "maxLength", message: "Dài quá 200 ký tự" });
    expect(await rowCounts(t.db)).to.deep.equal(before);
    const fits = await t.as(w.root).post("/units", { ...validUnit(w.commune), name: "ă".repeat(200) });
    expect(fits.status).to.equal(201);
    expect((await t.as(w.root).get(`/units/${fits.body.id}`)).body.name).to.equal("ă".repeat(200));
  });

  it("when other strings are too long, then each is refused with 400", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    const answers = [
      await t.as(w.root).post("/users", { username: "a".repeat(65), displayName: "X", password: "a long enough password" }),
      await t.as(w.root).post("/users", { username: "ok.name", displayName: "X".repeat(201), password: "a long enough password" }),
      await t.as(w.root).post("/users", { username: "ok.name", displayName: "X", password: "p".repeat(201) }),
      await t.as(w.root).post("/units", { ...validUnit(w.commune), code: "c".repeat(33) }),
      await t.as().post("/auth/login", { username: "u".repeat(65), password: "x" }),
      await t.as(w.root).get(`/units/${"1".repeat(17)}`),
      await t.as(w.root).get(`/audit?cursor=${"a".repeat(201)}`),
    ];
    for (const a of answers) problem(a, 400, "validation_failed");
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when ids do not exist, then 404 not_found and nothing is written", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root", "headA", "inspector"] });
    const before = await rowCounts(t.db);
    const as = t.as(w.root);
    problem(await as.get("/units/999999"), 404, "not_found");
    problem(await as.patch("/units/999999", { name: "X" }), 404, "not_found");
    problem(await as.post("/units", validUnit(999999)), 404, "not_found");
    problem(await as.post("/users/999999/deactivate"), 404, "not_found");
    problem(await as.post("/users/999999/grants", { role: "head", unitId: w.hamletA }), 404, "not_found");
    problem(await as.post(`/users/${w.headA.id}/grants`, { role: "head", unitId: 999999 }), 404, "not_found");
    problem(await as.post(`/users/${w.headA.id}/grants`, { role: "inspector", boardId: 999999 }), 404, "not_found");
    problem(await as.delete(`/users/${w.headA.id}/grants/999999`), 404, "not_found");
    problem(await as.get("/audit?unitId=999999"), 404, "not_found");
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when an id is beyond what an id column holds, then 400 on both engines; the largest id is simply not found", async () => {
    // Ids are 32-bit INTEGER columns on PostgreSQL: a bigger number would overflow in the query.
    const t = await testApp();
    const w = await world(t, { only: ["root", "headA"] });
    const before = await rowCounts(t.db);
    const as = t.as(w.root);
    problem(await as.get("/units/2147483647"), 404, "not_found");
    problem(await as.post("/users/2147483647/deactivate"), 404, "not_found");
    for (const huge of ["2147483648", "9".repeat(16)]) {
      problem(await as.get(`/units/${huge}`), 400, "validation_failed");
      problem(await as.patch(`/units/${huge}`, { name: "X" }), 400, "validation_failed");
      problem(await as.post(`/users/${huge}/deactivate`), 400, "validation_failed");
      problem(await as.delete(`/users/${w.headA.id}/grants/${huge}`), 400, "validation_failed");
      problem(await as.get(`/audit?unitId=${huge}`), 400, "validation_failed");
      problem(await as.post(`/users/${w.headA.id}/grants`, { role: "head", unitId: Number(huge) }), 400, "validation_failed");
    }
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when the audit query holds a cursor or a date that cannot be, then 400 rather than a database error", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    for (const q of ["cursor=99999999999999999999", "cursor=abc", "cursor=0", "from=2025-02-30", "to=2025-13-01", "from=0000-00-00"]) {
      const res = await t.as(w.root).get(`/audit?${q}`);
      problem(res, 400, "validation_failed");
      expect(fieldErrors(res)[0].path, q).to.match(/^\/query\//);
    }
    for (const q of ["from=0001-01-01&to=9999-12-31", "from=9999-12-31", "to=0001-01-01"]) {
      expect((await t.as(w.root).get(`/audit?${q}`)).status, q).to.equal(200);
    }
    expect((await t.as(w.root).get("/audit?from=0001-01-01&to=9999-12-31&limit=500")).body.data.length).to.equal(
      (await t.as(w.root).get("/audit?limit=500")).body.data.length,
    );
  });

  it("when path ids are not numbers, then 400 names the parameter", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    for (const bad of ["abc", "0", "-1", "1.5", "1e3", "%20", "1%27%20OR%201%3D1"]) {
      const res = await t.as(w.root).get(`/units/${bad}`);
      problem(res, 400, "validation_failed");
      expect(fieldErrors(res)[0].path, bad).to.equal("/params/unitId");
    }
  });

  it("when text looks like SQL or HTML, then it is stored and returned verbatim", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const sql = "Thôn X'); DROP TABLE units; --";
    const html = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const unit = await t.as(w.root).post("/units", { ...validUnit(w.commune), name: sql });
    expect(unit.status).to.equal(201);
    const user = await t.as(w.root).post("/users", { username: "html.user", displayName: html, password: "a long enough password" });
    expect(user.status).to.equal(201);
    expect((await t.as(w.root).get(`/units/${unit.body.id}`)).body.name).to.equal(sql);
    const listed = await t.as(w.root).get("/users");
    expect(listed.headers["content-type"]).to.match(/^application\/json/);
    expect(listed.body.data.find((u: { username: string }) => u.username === "html.user").displayName).to.equal(html);
    expect((await t.db("units").where({ id: unit.body.id }).first()).name).to.equal(sql);
    expect(await t.db.schema.hasTable("units")).to.equal(true);
    // Also where it would be a filter: a login with such a name is just a wrong name.
    expect((await t.as().post("/auth/login", { username: "' OR '1'='1", password: "' OR '1'='1" })).status).to.equal(401);
  });

  it("when text holds a NUL character, then 400 on both engines rather than a database error", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root", "treasurerA"] });
    const before = await rowCounts(t.db);
    const unit = await t.as(w.root).post("/units", { ...validUnit(w.commune), name: "Thôn\u0000X" });
    problem(unit, 400, "validation_failed");
    expect(fieldErrors(unit).map((e) => e.path)).to.deep.equal(["/name"]);
    const user = await t.as(w.root).post("/users", { username: "nul.user", displayName: "A\u0000B", password: "a long\u0000enough password" });
    problem(user, 400, "validation_failed");
    expect(fieldErrors(user).map((e) => e.path)).to.deep.equal(["/displayName", "/password"]);
    // Deep in a batch, the path names the entry and the posting.
    const entry = (memo: string) => ({ date: "2025-06-01", kind: "contribution", description: "Thu", postings: [{ account: "111", amount: "1000" }, { account: "411", amount: "-1000", memo }] });
    const batch = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/entries/batch`, { entries: [entry("ok"), entry("hộ\u0000A")] });
    problem(batch, 400, "validation_failed");
    expect(fieldErrors(batch).map((e) => e.path)).to.deep.equal(["/entries/1/postings/1/memo"]);
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when the caller asks for English, then title, detail and field messages are English; otherwise Vietnamese", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const en = await t.as(w.root, "en-US,en;q=0.9").post("/units", { ...validUnit(w.commune), name: "" });
    const vi = await t.as(w.root).post("/units", { ...validUnit(w.commune), name: "" });
    problem(en, 400, "validation_failed");
    problem(vi, 400, "validation_failed");
    expect(en.body.title).to.equal("Invalid input");
    expect(en.body.detail).to.equal("Some fields are invalid; see the list of errors.");
    expect(fieldErrors(en)).to.deep.equal([{ path: "/name", code: "minLength", message: "Shorter than 1 characters" }]);
    expect(vi.body.title).to.equal("Dữ liệu không hợp lệ");
    expect(fieldErrors(vi)).to.deep.equal([{ path: "/name", code: "minLength", message: "Ngắn hơn 1 ký tự" }]);
    const nf = await t.as(w.root, "en").get("/units/999999");
    expect(nf.body.title).to.equal("Not found");
    expect((await t.as(w.root).get("/units/999999")).body.title).to.equal("Không tìm thấy");
  });

  it("when a route does not exist, then 404 route_not_found as problem+json, inside and outside the API", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    problem(await t.as(w.root).get("/no-such-thing"), 404, "route_not_found");
    problem(await t.as().delete("/units"), 404, "route_not_found");
    problem(await t.api.get("/nowhere"), 404, "route_not_found");
    const en = await t.api.get("/api/v1/nope").set("Accept-Language", "en");
    expect(en.body.detail).to.equal("There is no route GET /nope.");
  });

  it("when the bearer token is malformed, unknown or of another scheme, then 401 unauthenticated", async () => {
    const t = await testApp();
    await world(t, { only: [] });
    for (const h of ["Bearer", "Bearer short", `Bearer ${"x".repeat(43)}`, "Basic cm9vdDpwYXNzd29yZA==", `Bearer ${"x".repeat(500)}`]) {
      problem(await t.api.get("/api/v1/me").set("Authorization", h), 401, "unauthenticated");
    }
  });

  it("when any route is sent junk (bodies, ids and queries of every wrong kind), then it never answers 500 and writes nothing", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    const before = await rowCounts(t.db);
    // Routes that take no input (GET /me, POST /auth/logout) have nothing to get wrong.
    const routes = (t.app.locals.routes as RouteDef[]).filter((r) => r.body || r.query || r.path.includes(":"));
    const junkBodies = ["[]", "null", "{}", '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}',
      JSON.stringify({ a: "x".repeat(5000), b: [1, { c: null }], code: {}, name: [], kind: 1, unitId: "1", role: "root" }),
      "[".repeat(5000) + "]".repeat(5000), '{"name":"\\u0000\\ud800"}', "{'single':'quotes'}"];
    const junkIds = ["abc", "0", "-1", "99999999999999999999", "1;DROP TABLE units", "%00", "..%2F..", "%EF%BC%91"];
    const junkQuery = "unitId=x&unitId=y&limit=0&from=yesterday&cursor=%27";
    const wrong: string[] = [];
    for (const r of routes) {
      // Junk in one place at a time: every other part is absent, which is junk too wherever it is required.
      const tries: { path: string; body?: string; query?: string }[] = [];
      if (r.path.includes(":")) for (const id of junkIds) tries.push({ path: r.path.replace(/:(\w+)/g, id), body: r.body ? "{}" : undefined });
      if (r.body) for (const body of junkBodies) tries.push({ path: r.path.replace(/:(\w+)/g, "abc"), body });
      if (r.query) tries.push({ path: r.path, query: junkQuery });
      for (const x of tries) {
        let req = t.api[r.method](`/api/v1${x.path}`).set("Authorization", `Bearer ${w.root}`);
        if (x.query) req = req.query(x.query);
        if (x.body !== undefined) req = req.set("Content-Type", "application/json").send(x.body);
        const res = await req;
        const refused = res.status >= 400 && res.status < 500 && /^application\/problem\+json/.test(res.headers["content-type"] ?? "");
        if (!refused) wrong.push(`${r.method.toUpperCase()} ${x.path} ${x.query ?? ""}${x.body?.slice(0, 40) ?? ""} -> ${res.status}`);
      }
    }
    expect(wrong).to.deep.equal([]);
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });
});

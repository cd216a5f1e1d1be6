import { expect } from "chai";
import { testApp, rowCounts } from "../helpers/app";
import { world, PASSWORD } from "../helpers/given";

describe("identity: sign-in and sessions", () => {
  it("when a user signs in, then the token opens /me and is stored only as a hash", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const me = await t.as(w.treasurerA.token).get("/me");
    expect(me.status).to.equal(200);
    expect(me.body.username).to.equal("treasurer.a");
    expect(me.body.grants).to.deep.equal([{ id: me.body.grants[0].id, role: "treasurer", unitId: w.hamletA, boardId: null }]);
    expect(JSON.stringify(me.body)).not.to.contain("password");
    const sessions = await t.db("sessions").select("token_hash");
    expect(sessions.map((s) => s.token_hash)).not.to.include(w.treasurerA.token);
    const users = await t.db("users").select("password_hash");
    for (const u of users) expect(u.password_hash).to.match(/^scrypt\$/).and.not.contain(PASSWORD);
  });

  it("when the password is wrong or the user unknown, then both answer the same 401", async () => {
    const t = await testApp();
    await world(t, { only: ["treasurerA"] });
    const wrong = await t.as().post("/auth/login", { username: "treasurer.a", password: "wrong password!" });
    const unknown = await t.as().post("/auth/login", { username: "nobody.here", password: "wrong password!" });
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    expect(wrong.body.code).to.equal("invalid_credentials");
    expect({ ...wrong.body, instance: 0 }).to.deep.equal({ ...unknown.body, instance: 0 });
  });

  it("when a username fails five times, then it is limited with Retry-After, and the right password works once the window passes", async () => {
    const t = await testApp();
    await world(t, { only: ["headA"] });
    for (let i = 0; i < 5; i++) {
      expect((await t.as().post("/auth/login", { username: "head.a", password: "guess-number-" + i })).status).to.equal(401);
    }
    const limited = await t.as().post("/auth/login", { username: "head.a", password: PASSWORD });
    expect(limited.status).to.equal(429);
    expect(Number(limited.headers["retry-after"])).to.be.greaterThan(0);
    const ghost = await t.as().post("/auth/login", { username: "ghost.user", password: "x" });
    expect(ghost.status).to.equal(401); // an unknown name is not limited sooner or later than a known one
    t.clock.advance(Number(limited.headers["retry-after"]) * 1000);
    expect((await t.as().post("/auth/login", { username: "head.a", password: PASSWORD })).status).to.equal(200);
  });

  it("when a session expires, then its token is refused", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    t.clock.advance(13 * 3600_000);
    const r = await t.as(w.treasurerA.token).get("/me");
    expect(r.status).to.equal(401);
    expect(r.body.code).to.equal("unauthenticated");
  });

  it("when a user logs out, then the token no longer works", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["headA"] });
    expect((await t.as(w.headA.token).post("/auth/logout")).status).to.equal(204);
    expect((await t.as(w.headA.token).get("/me")).status).to.equal(401);
  });

  it("when an admin deactivates a user, then their tokens die at once and they cannot sign in", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA"] });
    const r = await t.as(w.communeAdmin.token).post(`/users/${w.treasurerA.id}/deactivate`);
    expect(r.status).to.equal(200);
    expect(r.body.isActive).to.equal(false);
    expect((await t.as(w.treasurerA.token).get("/me")).status).to.equal(401);
    expect((await t.as().post("/auth/login", { username: "treasurer.a", password: PASSWORD })).status).to.equal(401);
  });

  it("when a user changes their password, then the old one stops working and other sessions end", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["headA"] });
    const second = (await t.as().post("/auth/login", { username: "head.a", password: PASSWORD })).body.token;
    const bad = await t.as(w.headA.token).post("/me/password", { oldPassword: "not it at all", newPassword: "a new long password" });
    expect(bad.status).to.equal(403);
    const ok = await t.as(w.headA.token).post("/me/password", { oldPassword: PASSWORD, newPassword: "a new long password" });
    expect(ok.status).to.equal(204);
    expect((await t.as(w.headA.token).get("/me")).status).to.equal(200);
    expect((await t.as(second).get("/me")).status).to.equal(401);
    expect((await t.as().post("/auth/login", { username: "head.a", password: PASSWORD })).status).to.equal(401);
    expect((await t.as().post("/auth/login", { username: "head.a", password: "a new long password" })).status).to.equal(200);
  });

  it("when a login fails, then nothing is written", async () => {
    const t = await testApp();
    await world(t, { only: ["headA"] });
    const before = await rowCounts(t.db);
    await t.as().post("/auth/login", { username: "head.a", password: "nope nope nope" });
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });
});

import { expect } from "chai";
import { createApp } from "../../src/app";
import { ConfigError, loadConfig } from "../../src/config";
import { verifyHouseholdPin } from "../../src/contributions";
import { silentLogger } from "../../src/http/logger";
import request from "supertest";
import { testApp, TestApp } from "../helpers/app";
import { PASSWORD, world, World } from "../helpers/given";
import { householdWithPin, work } from "../helpers/given-works";

// Limits an attacker cannot escape by rotating X-Forwarded-For, and cannot turn against a resident:
// wrong PINs or passwords from one address hold back that address only; only many, from everywhere,
// in one day suspend the PIN or account until a person restores it.

const BEHIND_ONE_PROXY = { TRUST_PROXY: "1" };

/** A request as if through one reverse proxy that saw the client at `client` (the proxy appends it). */
const via = (t: request.Test, client: string, claimed = "203.0.113.250") => t.set("X-Forwarded-For", `${claimed}, ${client}`);

async function consultation(t: TestApp, w: Pick<World, "hamletA" | "treasurerA">) {
  const a = await work(t, w);
  const c = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${a.id}/consultations`, { question: "Làm đường?", opensAt: "2025-06-01T00:00:00Z", closesAt: "2025-07-01T00:00:00Z" });
  expect(c.status, JSON.stringify(c.body)).to.equal(201);
  return c.body.id as number;
}

const wrongPin = (pin: string) => (pin === "000000" ? "111111" : "000000");

describe("security: TRUST_PROXY", () => {
  it("when TRUST_PROXY is true, then the server refuses to start and says why", () => {
    expect(() => loadConfig({ TRUST_PROXY: "true" })).to.throw(ConfigError, /any client choose its own address/);
    expect(() => loadConfig({ TRUST_PROXY: "banana" })).to.throw(ConfigError, /TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/33" })).to.throw(ConfigError, /TRUST_PROXY/);
  });

  it("when TRUST_PROXY is a hop count, addresses, CIDRs or named ranges, then it is taken as express takes it", () => {
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).to.equal(1);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).to.equal(false);
    expect(loadConfig({}).trustProxy).to.equal(false);
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7" }).trustProxy).to.deep.equal(["loopback", "10.0.0.0/8", "fd00::/8", "192.0.2.7"]);
  });

  it("when a client behind one proxy rotates the left-most X-Forwarded-For, then its sign-in attempts still count against one address, and the audit trail records the address the proxy saw", async () => {
    const t = await testApp({ env: BEHIND_ONE_PROXY });
    await world(t, { only: ["headA"] });
    for (let i = 0; i < 5; i++) {
      const r = await via(t.api.post("/api/v1/auth/login"), "198.51.100.9", `10.9.${i}.${i}`).send({ username: "head.a", password: "wrong-guess-" + i });
      expect(r.status).to.equal(401);
    }
    const limited = await via(t.api.post("/api/v1/auth/login"), "198.51.100.9", "10.200.0.1").send({ username: "head.a", password: PASSWORD });
    expect(limited.status).to.equal(429);
    // Another client (the proxy saw another address) is not held up by the first one's guesses.
    const other = await via(t.api.post("/api/v1/auth/login"), "198.51.100.10", "198.51.100.9").send({ username: "head.a", password: PASSWORD });
    expect(other.status).to.equal(200);
    const row = await t.db("audit_events").where({ action: "session.created" }).orderBy("id", "desc").first();
    expect(row.ip).to.equal("198.51.100.10");
  });

  it("when a client behind one proxy rotates the left-most X-Forwarded-For over PINs, then it meets the same limit", async () => {
    const t = await testApp({ env: BEHIND_ONE_PROXY });
    const w = await world(t, { only: ["treasurerA"] });
    const c = await consultation(t, w);
    const h = await householdWithPin(t, w.hamletA, "DT-042");
    const say = (client: string, claimed: string, pin: string) => via(t.api.post(`/api/v1/public/consultations/${c}/opinions`), client, claimed).send({ householdCode: "DT-042", pin, choice: "agree" });
    for (let i = 0; i < 5; i++) expect((await say("198.51.100.9", `10.1.1.${i}`, wrongPin(h.pin))).status).to.equal(403);
    expect((await say("198.51.100.9", "10.1.1.99", wrongPin(h.pin))).status).to.equal(429);
  });

  it("when no proxy is trusted, then X-Forwarded-For is ignored: the address is the connection's", async () => {
    const t = await testApp();
    await world(t, { only: ["headA"] });
    for (let i = 0; i < 5; i++) await via(t.api.post("/api/v1/auth/login"), `198.51.100.${i}`, `10.0.0.${i}`).send({ username: "head.a", password: "wrong-guess-" + i });
    expect((await via(t.api.post("/api/v1/auth/login"), "198.51.100.77").send({ username: "head.a", password: PASSWORD })).status).to.equal(429);
  });
});

describe("security: a stranger cannot lock a resident out", () => {
  it("when one address sends five wrong PINs for a household, then that address waits but the household's right PIN from its own address is taken", async () => {
    const t = await testApp({ env: BEHIND_ONE_PROXY });
    const w = await world(t, { only: ["treasurerA"] });
    const c = await consultation(t, w);
    const h = await householdWithPin(t, w.hamletA, "DT-042");
    const say = (client: string, pin: string) => via(t.api.post(`/api/v1/public/consultations/${c}/opinions`), client).send({ householdCode: "DT-042", pin, choice: "agree" });
    for (let i = 0; i < 5; i++) expect((await say("198.51.100.66", wrongPin(h.pin))).status).to.equal(403);
    expect((await say("198.51.100.66", h.pin)).status).to.equal(429);
    const home = await say("192.0.2.10", h.pin);
    expect(home.status, JSON.stringify(home.body)).to.equal(201);
  });

  it("when twenty wrong PINs for one household come from many addresses in a day, then its PIN is suspended (423, even the right one), the treasurer's list shows it, it survives a restart, and a new PIN lifts it", async () => {
    const t = await testApp({ env: BEHIND_ONE_PROXY });
    const w = await world(t, { only: ["treasurerA"] });
    const c = await consultation(t, w);
    const h = await householdWithPin(t, w.hamletA, "DT-042");
    const say = (client: string, pin: string, api = t.api) => via(api.post(`/api/v1/public/consultations/${c}/opinions`), client).send({ householdCode: "DT-042", pin, choice: "agree" });
    for (let i = 0; i < 20; i++) {
      t.clock.advance(30 * 60_000); // spread over ten hours, from twenty addresses
      expect((await say(`198.51.100.${i + 1}`, wrongPin(h.pin))).status).to.equal(403);
    }
    const locked = await say("192.0.2.10", h.pin);
    expect(locked.status).to.equal(423);
    expect(locked.body.code).to.equal("pin_locked");
    expect(locked.body.detail).to.match(/thủ quỹ thôn/);
    const en = await say("192.0.2.10", h.pin).set("Accept-Language", "en");
    expect(en.body.detail).to.match(/hamlet treasurer/);
    const list = await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/households`);
    expect(list.status, JSON.stringify(list.body)).to.equal(200);
    const row = list.body.data.find((x: any) => x.code === "DT-042");
    expect(row.pinLocked).to.equal(true);
    expect((await t.db("audit_events").where({ action: "household.pin_locked", entity_id: h.id })).length).to.equal(1);

    // A restarted server (a new app over the same database) still refuses it.
    const again = request(createApp({ db: t.db, config: t.config, clock: t.clock, logger: silentLogger }));
    expect((await say("192.0.2.10", h.pin, again)).status).to.equal(423);

    const issued = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/households/${h.id}/pin`);
    expect(issued.status).to.equal(201);
    expect((await say("192.0.2.10", issued.body.pin, again)).status).to.equal(201);
    const after = await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/households`);
    expect(after.body.data.find((x: any) => x.code === "DT-042").pinLocked).to.equal(false);
  });

  it("when nineteen wrong PINs are followed by more after a day has passed, then the PIN is not suspended (a rolling 24 hours)", async () => {
    const t = await testApp({ env: BEHIND_ONE_PROXY });
    const w = await world(t, { only: ["treasurerA"] });
    const c = await consultation(t, w);
    const h = await householdWithPin(t, w.hamletA, "DT-042");
    const say = (client: string, pin: string) => via(t.api.post(`/api/v1/public/consultations/${c}/opinions`), client).send({ householdCode: "DT-042", pin, choice: "agree" });
    for (let i = 0; i < 19; i++) expect((await say(`198.51.100.${i + 1}`, wrongPin(h.pin))).status).to.equal(403);
    t.clock.advance(24 * 3600_000 + 1000);
    for (let i = 0; i < 5; i++) expect((await say(`198.51.101.${i + 1}`, wrongPin(h.pin))).status).to.equal(403);
    expect((await say("192.0.2.10", h.pin)).status).to.equal(201);
  });

  it("when a code is unknown, has no PIN, or has one, then the PIN is checked by scrypt exactly once all the same", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    await householdWithPin(t, w.hamletA, "DT-042");
    const bare = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/households`, { code: "DT-050", headName: "Không có PIN" });
    expect(bare.status).to.equal(201);
    let calls = 0;
    const verify = async () => {
      calls++;
      return false;
    };
    for (const code of ["DT-042", "DT-050", "DT-999"]) {
      calls = 0;
      const r = await verifyHouseholdPin(t.db, [w.hamletA], code, "123456", { scryptCost: 1024, verify });
      expect(calls, code).to.equal(1);
      expect(r.ok).to.equal(false);
    }
    calls = 0;
    await verifyHouseholdPin(t.db, [], "DT-042", "123456", { scryptCost: 1024, verify });
    expect(calls, "no eligible unit").to.equal(1);
  });
});

describe("security: a stranger cannot lock a user out of signing in", () => {
  it("when twenty wrong passwords for one username come from many addresses in a day, then sign-in is suspended (423 account_locked) until an admin unlocks it; an unknown name answers the same", async () => {
    const t = await testApp({ env: BEHIND_ONE_PROXY });
    const w = await world(t, { only: ["communeAdmin", "headA"] });
    const login = (client: string, username: string, password: string) => via(t.api.post("/api/v1/auth/login"), client).send({ username, password });
    for (let i = 0; i < 20; i++) {
      expect((await login(`198.51.100.${i + 1}`, "head.a", "wrong-guess-" + i)).status).to.equal(401);
      expect((await login(`198.51.100.${i + 1}`, "ghost.user", "wrong-guess-" + i)).status).to.equal(401);
    }
    const locked = await login("192.0.2.10", "head.a", PASSWORD);
    expect(locked.status).to.equal(423);
    expect(locked.body.code).to.equal("account_locked");
    const ghost = await login("192.0.2.10", "ghost.user", PASSWORD);
    expect({ ...ghost.body, instance: 0 }).to.deep.equal({ ...locked.body, instance: 0 });
    const users = await t.as(w.communeAdmin.token).get("/users");
    const head = users.body.data.find((u: any) => u.username === "head.a");
    expect(head.signInLocked).to.equal(true);
    // Signing in again does not need the old sessions: those stay (the owner did nothing wrong).
    expect((await t.as(w.headA.token).get("/me")).status).to.equal(200);
    const unlocked = await t.as(w.communeAdmin.token).post(`/users/${head.id}/unlock`);
    expect(unlocked.status, JSON.stringify(unlocked.body)).to.equal(200);
    expect(unlocked.body.signInLocked).to.equal(false);
    expect((await login("192.0.2.10", "head.a", PASSWORD)).status).to.equal(200);
    expect((await t.db("audit_events").whereIn("action", ["user.locked", "user.unlocked"]).orderBy("id")).map((r: any) => r.action)).to.deep.equal(["user.locked", "user.unlocked"]);
  });

  it("when one address guesses a user's password five times, then the user signs in from another address", async () => {
    const t = await testApp({ env: BEHIND_ONE_PROXY });
    await world(t, { only: ["treasurerA"] });
    const login = (client: string, password: string) => via(t.api.post("/api/v1/auth/login"), client).send({ username: "treasurer.a", password });
    for (let i = 0; i < 5; i++) expect((await login("198.51.100.66", "wrong-guess-" + i)).status).to.equal(401);
    expect((await login("198.51.100.66", PASSWORD)).status).to.equal(429);
    expect((await login("192.0.2.10", PASSWORD)).status).to.equal(200);
  });
});

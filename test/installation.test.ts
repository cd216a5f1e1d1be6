import { expect } from "chai";
import path from "node:path";
import { tempDir } from "./helpers/db";
import { startServer } from "./helpers/server";
import { testApp } from "./helpers/app";
import { world } from "./helpers/given";
import { moneyedHamlet } from "./publication/helpers";
import { Installation, isLoopbackHost } from "../src/installation";
import { seedDemo } from "../seeds/demo";

// A commune that never set PUBLIC_BASE_URL prints QR codes that lead to http://localhost:3000:
// the installation says so everywhere an admin looks, and will not publish such a paper.

const LOOPBACK = { PUBLIC_BASE_URL: "http://localhost:3000" };

describe("installation: printed links that lead nowhere", function () {
  this.timeout(60_000);

  it("when PUBLIC_BASE_URL is loopback on a real installation, then /healthz warns and approving a publication is refused", async () => {
    const t = await testApp({ env: LOOPBACK });
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const { campaignId } = await moneyedHamlet(t, w);
    const h = await t.api.get("/healthz");
    expect(h.body.warnings).to.deep.equal(["public_base_url_loopback"]);
    const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, {
      statement: { kind: "contribution-list", params: { campaignId } },
      places: ["culture_house"],
      postedFrom: "2025-06-16",
      postedUntil: "2025-07-16",
    });
    expect(d.status, JSON.stringify(d.body)).to.equal(201);
    const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
    expect(a.status).to.equal(422);
    expect(a.body.code).to.equal("public_base_url_loopback");
    expect(a.body.detail).to.contain("PUBLIC_BASE_URL");
    expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/publications/${d.body.id}`)).body.status).to.equal("draft");
  });

  it("when PUBLIC_BASE_URL is a real address, then there is no warning", async () => {
    const t = await testApp({ env: { PUBLIC_BASE_URL: "http://192.168.1.20:3000" } });
    expect((await t.api.get("/healthz")).body.warnings).to.deep.equal([]);
  });

  it("when the demo runs on this machine only, then loopback links are its own business; served to the network, they are not", async () => {
    const t = await testApp({ env: LOOPBACK, now: "2026-12-01T03:00:00.000Z" }); // after every demo entry
    await t.db.transaction((trx) => seedDemo(trx, { at: t.clock.now().toISOString(), scryptCost: 1024 }));
    expect((await t.api.get("/healthz")).body.warnings).to.deep.equal([]);
    const onNetwork = new Installation(t.db, { ...t.config, host: "0.0.0.0" });
    expect(await onNetwork.warnings()).to.deep.equal(["public_base_url_loopback"]);
    await onNetwork.assertPublicLinks(); // the demo may still publish: its papers are never posted
  });

  it("when a host is named, then loopback is told from a reachable address", () => {
    for (const h of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", ""]) expect(isLoopbackHost(h), h).to.equal(true);
    for (const h of ["192.168.1.20", "soquy.tanlinh.gov.vn", "10.0.0.5", "localhost.example", "0.0.0.0"]) expect(isLoopbackHost(h), h).to.equal(false);
  });
});

describe("installation: the start-up log", function () {
  this.timeout(90_000);
  it("when a server starts with a loopback PUBLIC_BASE_URL and no demo data, then its log says how to fix it", async () => {
    const s = await startServer({ DATABASE_URL: `sqlite:${path.join(tempDir(), "fund.sqlite")}`, FILES_DIR: tempDir(), ADMIN_USERNAME: "admin", ADMIN_PASSWORD: "a long enough password" });
    try {
      expect(s.output()).to.contain("public_base_url_loopback");
      expect(s.output()).to.contain("set PUBLIC_BASE_URL");
      expect(((await (await fetch(`${s.url}/healthz`)).json()) as { warnings: string[] }).warnings).to.deep.equal(["public_base_url_loopback"]);
    } finally {
      await s.stop();
    }
  });
});

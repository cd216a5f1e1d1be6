import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { Backups } from "../../src/backup/schedule";
import { silentLogger } from "../../src/http/logger";
import { asSystem } from "../../src/identity";
import { fixedClock } from "../../src/shared/dates";
import { testApp } from "../helpers/app";
import { tempDir } from "../helpers/db";
import { user, world } from "../helpers/given";

describe("backup: the admin's view", function () {
  this.timeout(60_000);

  it("when an admin presses 'back up now', then the backup is made, answered and listed with the schedule", async () => {
    const dir = tempDir();
    const t = await testApp({ env: { BACKUP_DIR: dir, BACKUP_EVERY_HOURS: "12", BACKUP_KEEP: "3" } });
    const w = await world(t, { only: ["root", "communeAdmin"] });
    const before = await t.as(w.communeAdmin.token).get("/admin/backups");
    expect(before.status).to.equal(200);
    expect(before.body).to.deep.equal({ data: [], schedule: { dir, everyHours: 12, keep: 3 } });

    const made = await t.as(w.communeAdmin.token).post("/admin/backups");
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.body).to.include({ name: "fund-20250615-030000", createdAt: "2025-06-15T03:00:00.000Z", ok: true });
    expect(made.body.sizeBytes).to.be.greaterThan(10_000);
    // No one signs in to take it: the manifest keeps the reason it was taken.
    expect(JSON.parse(fs.readFileSync(path.join(dir, "fund-20250615-030000", "manifest.json"), "utf8")).reason).to.equal("backup started by an admin");

    const after = await t.as(w.root).get("/admin/backups");
    expect(after.body.data).to.deep.equal([made.body]);
  });

  it("when backups are not configured, then 'back up now' is a 409 that says how to set them up", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root"] });
    expect((await t.as(w.root).get("/admin/backups")).body).to.deep.equal({ data: [], schedule: null });
    const r = await t.as(w.root).post("/admin/backups");
    expect(r.status).to.equal(409);
    expect(r.body.code).to.equal("backups_not_configured");
    expect(r.body.detail).to.contain("BACKUP_DIR");
  });

  it("when a hamlet's admin asks, then the installation's backups are not theirs to see or start", async () => {
    const t = await testApp({ env: { BACKUP_DIR: tempDir() } });
    const w = await world(t, { only: [] });
    const hamletAdmin = await user(t, "hamlet.admin", { role: "admin", unitId: w.hamletA });
    expect((await t.as(hamletAdmin.token).get("/admin/backups")).status).to.equal(403);
    expect((await t.as(hamletAdmin.token).post("/admin/backups")).status).to.equal(403);
    expect(fs.readdirSync(t.config.backup!.dir)).to.deep.equal([]);
  });

  it("when backups pass the number kept, then the oldest go, and a failed one is listed as failed", async () => {
    const t = await testApp();
    await world(t, { only: [] });
    const dir = tempDir();
    const clock = fixedClock("2026-01-01T00:00:00.000Z");
    const backups = new Backups({ database: t.config.database, filesDir: t.config.filesDir }, { dir, everyHours: 24, keep: 2 }, clock, silentLogger);
    for (let i = 0; i < 3; i++) {
      expect((await backups.runNow(asSystem("scheduled backup"))).ok).to.equal(true);
      clock.advance(86_400_000);
    }
    expect(backups.list().map((b) => b.name)).to.deep.equal(["fund-20260103-000000", "fund-20260102-000000"]);

    const broken = new Backups({ database: { client: "sqlite", filename: path.join(tempDir(), "gone.sqlite") }, filesDir: t.config.filesDir }, { dir, everyHours: 24, keep: 2 }, clock, silentLogger);
    const failed = await broken.runNow(asSystem("scheduled backup"));
    expect(failed).to.deep.include({ name: "fund-20260104-000000", ok: false });
    expect(failed.error).to.contain("no database file");
    expect(backups.list()[0]).to.deep.equal(failed);
    expect(backups.list().filter((b) => b.ok)).to.have.length(2);
  });
});

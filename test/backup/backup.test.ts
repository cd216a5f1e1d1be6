import { expect } from "chai";
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { DbConfig } from "../../src/config";
import { createDb } from "../../src/db/knex";
import { takeBackup, checkAgainstManifest, Manifest } from "../../src/backup/backup";
import { restoreBackup } from "../../src/backup/restore";
import { asSystem, systemActor } from "../../src/identity";
import { postEntries } from "../../src/ledger";
import { testApp, TestApp } from "../helpers/app";
import { PG_URL, tempDir } from "../helpers/db";
import { world } from "../helpers/given";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");

/** Posts `n` small entries to the unit, one transaction each (as a treasurer's day would). */
async function post(t: TestApp, unitId: number, n: number, from = 0) {
  const actor = systemActor(t.clock.now().toISOString(), "test");
  for (let i = 0; i < n; i++) {
    await t.db.transaction((trx) =>
      postEntries(trx, actor, unitId, [
        { date: "2025-03-01", kind: "adjustment", description: `Nhận giữ hộ ${from + i}`, postings: [{ account: "111", amount: String(1000 + i) }, { account: "338", amount: String(-1000 - i) }] },
      ]),
    );
  }
}

/** The database the test app runs on, as the backup sees it (PostgreSQL: its own schema). */
function sourceOf(t: TestApp): DbConfig {
  if (t.dialect === "sqlite") return { client: "sqlite", filename: t.url.slice("sqlite:".length) };
  const u = new URL(t.url);
  const schema = /search_path=(\S+)/.exec(u.searchParams.get("options") ?? "")![1];
  u.searchParams.delete("options");
  return { client: "postgres", connectionString: u.toString(), searchPath: schema };
}

/** An empty PostgreSQL database to restore into, reached with the backup's schema on its search path. */
async function emptyPgTarget(schema: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cfl_r_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    // %20, not URLSearchParams' "+": libpq (pg_restore) does not read "+" as a space.
    url: `${u.toString()}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async drop() {
      const a = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
      await a.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.destroy();
    },
  };
}

describe("backup and restore", function () {
  this.timeout(60_000);

  it("when entries are posted while a backup runs, then the copy is consistent, listed in its manifest, and restores whole", async () => {
    const t = await testApp();
    const w = await world(t, { only: [] });
    await post(t, w.hamletA, 40);
    fs.writeFileSync(path.join(t.config.filesDir, "photo.jpg"), "not really a photo");
    const out = tempDir();
    // Writes keep flowing during the backup; the copy holds some prefix of them, whole.
    const writing = post(t, w.hamletA, 40, 40);
    const { dir, manifest } = await takeBackup({ database: sourceOf(t), filesDir: t.config.filesDir }, out, new Date("2026-12-06T02:03:04Z"), asSystem("backup from the command line"));
    await writing;
    await post(t, w.hamletA, 1, 200); // now surely past the copy's head

    expect(path.basename(dir)).to.equal("fund-20261206-020304");
    expect(manifest.database).to.equal(t.dialect);
    expect(manifest.createdAt).to.equal("2026-12-06T02:03:04.000Z");
    expect(manifest.reason).to.equal("backup from the command line");
    const dbFile = t.dialect === "sqlite" ? "fund.sqlite" : "fund.dump";
    expect(manifest.files.map((f) => f.path)).to.include.members([dbFile, "files/photo.jpg"]);
    const unit = manifest.units.find((u) => u.unitId === w.hamletA)!;
    const seq = Number(unit.chainHead.split(":")[0]);
    expect(seq).to.be.within(40, 80);
    expect(checkAgainstManifest(dir).problems).to.deep.equal([]);

    const target = t.dialect === "sqlite" ? { url: `sqlite:${path.join(tempDir(), "restored.sqlite")}`, drop: async () => {} } : await emptyPgTarget((sourceOf(t) as { searchPath: string }).searchPath);
    try {
      const report = await restoreBackup({ from: dir, to: target.url, filesTo: path.join(tempDir(), "files") });
      expect(report.problems).to.deep.equal([]);
      expect(report.ok).to.equal(true);
      const a = report.units.find((u) => u.code === unit.code)!;
      expect(a).to.deep.equal({ code: unit.code, head: unit.chainHead, verify: "ok" });

      // A newer head written down from a statement: the copy is behind it, and restore says so.
      const later = (await t.db("entries").where({ unit_id: w.hamletA }).max({ s: "seq" }).first())!.s;
      const laterHash = (await t.db("entries").where({ unit_id: w.hamletA, seq: later }).first()).hash;
      const heads = path.join(tempDir(), "heads.txt");
      fs.writeFileSync(heads, `# from the notice board\n${unit.code} ${later}:${laterHash}\n`);
      {
        const again = await restoreBackup({ from: dir, to: target.url, force: true, expectHeads: heads });
        expect(again.ok).to.equal(false);
        expect(again.problems).to.include(`rolled_back: ${unit.code} has ${seq} < expected ${later}`);
        const accepted = await restoreBackup({ from: dir, to: target.url, force: true, expectHeads: heads, acceptRollback: true });
        expect(accepted.ok).to.equal(true);
        expect(accepted.rollbacks).to.have.length(1);
      }
    } finally {
      await target.drop();
    }
  });

  it("when the target exists, then restore refuses it unless forced", async () => {
    const t = await testApp();
    const w = await world(t, { only: [] });
    await post(t, w.hamletA, 3);
    const { dir } = await takeBackup({ database: sourceOf(t), filesDir: t.config.filesDir }, tempDir(), new Date("2026-12-06T00:00:00Z"), asSystem("test"));
    if (t.dialect === "sqlite") {
      const file = path.join(tempDir(), "existing.sqlite");
      fs.writeFileSync(file, "a commune's other books");
      await expectRefused(restoreBackup({ from: dir, to: `sqlite:${file}` }), "exists: give --force");
      expect(fs.readFileSync(file, "utf8")).to.equal("a commune's other books");
      expect((await restoreBackup({ from: dir, to: `sqlite:${file}`, force: true })).ok).to.equal(true);
    } else {
      const target = await emptyPgTarget((sourceOf(t) as { searchPath: string }).searchPath);
      try {
        expect((await restoreBackup({ from: dir, to: target.url })).ok).to.equal(true);
        await expectRefused(restoreBackup({ from: dir, to: target.url }), "tables: restore into an empty database");
        expect((await restoreBackup({ from: dir, to: target.url, force: true })).ok).to.equal(true);
      } finally {
        await target.drop();
      }
    }
  });

  it("when a file of the backup was changed or removed, then restore refuses it and names the file", async () => {
    const t = await testApp();
    const w = await world(t, { only: [] });
    await post(t, w.hamletA, 2);
    fs.writeFileSync(path.join(t.config.filesDir, "invoice.pdf"), "%PDF-1.4 invoice");
    const { dir } = await takeBackup({ database: sourceOf(t), filesDir: t.config.filesDir }, tempDir(), new Date("2026-12-06T00:00:00Z"), asSystem("test"));
    fs.writeFileSync(path.join(dir, "files", "invoice.pdf"), "%PDF-1.4 invoicf");
    fs.writeFileSync(path.join(dir, "files", "extra.txt"), "slipped in");
    const to = t.dialect === "sqlite" ? `sqlite:${path.join(tempDir(), "x.sqlite")}` : "postgres://postgres@127.0.0.1:5432/never_created";
    const err = await expectRefused(restoreBackup({ from: dir, to }), "does not match its manifest");
    expect(err.message).to.contain("files/invoice.pdf: sha256 differs");
    expect(err.message).to.contain("files/extra.txt: not in the manifest");
  });

  it("when the restore CLI gets a rolled-back copy, then it exits non-zero with the rolled_back line", async function () {
    const t = await testApp();
    const w = await world(t, { only: [] });
    await post(t, w.hamletA, 2);
    const out = tempDir();
    // The CLI takes its database from DATABASE_URL alone, as an admin runs it (PostgreSQL: the
    // test's schema named in libpq's options).
    const src = sourceOf(t);
    const url = src.client === "sqlite" ? `sqlite:${src.filename}` : `${src.connectionString}?options=${encodeURIComponent(`-c search_path=${src.searchPath}`)}`;
    const env = { ...process.env, DATABASE_URL: url, FILES_DIR: t.config.filesDir, LOG_LEVEL: "silent" };
    const b = await run(process.execPath, ["--import", "tsx", "src/cli/backup.ts", "--to", out], { cwd: ROOT, env });
    expect(b.stdout).to.match(/backup written to .*fund-\d{8}-\d{6}/);
    const dir = path.join(out, fs.readdirSync(out)[0]);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.units.map((u) => u.code).sort()).to.deep.equal(["c1", "ha", "hb", "p1"]); // this installation's units only
    const code = manifest.units.find((u) => u.unitId === w.hamletA)!.code;
    await post(t, w.hamletA, 1, 100);
    const head = await t.db("entries").where({ unit_id: w.hamletA }).orderBy("seq", "desc").first();
    const heads = path.join(tempDir(), "heads.txt");
    fs.writeFileSync(heads, `${code} ${head.seq}:${head.hash}\n`);
    const target = src.client === "sqlite" ? { url: `sqlite:${path.join(tempDir(), "r.sqlite")}`, drop: async () => {} } : await emptyPgTarget(src.searchPath!);
    try {
      const r = await run(process.execPath, ["--import", "tsx", "src/cli/restore.ts", "--from", dir, "--to", target.url, "--expect-heads", heads], { cwd: ROOT, env }).catch((e) => e);
      expect(r.code, r.stderr).to.equal(1);
      expect(r.stdout).to.contain(`rolled_back: ${code} has 2 < expected 3`);
      const ok = await run(process.execPath, ["--import", "tsx", "src/cli/restore.ts", "--from", dir, "--to", target.url, "--force"], { cwd: ROOT, env });
      expect(ok.stdout).to.match(new RegExp(`${code}\\s+2:[0-9a-f]{64}\\s+ok`));
      expect(ok.stdout).to.contain("whole, 4 units verified");
    } finally {
      await target.drop();
    }
  });
});

async function expectRefused(p: Promise<unknown>, text: string): Promise<Error> {
  try {
    await p;
  } catch (e) {
    expect((e as Error).message).to.contain(text);
    return e as Error;
  }
  throw new Error(`expected a refusal containing "${text}"`);
}

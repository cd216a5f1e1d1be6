import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { parseDatabaseUrl, type DbConfig } from "../config";
import { createDb } from "../db/knex";
import { migrate } from "../db/migrate";
import { asSystem } from "../identity";
import { anchorHolds, verifyChain } from "../ledger";
import { checkAgainstManifest, DB_FILE, pgTool, unitHeads, type Manifest } from "./backup";

// Restoring puts a backup back and proves it whole before anyone relies on it: every file against
// the manifest, every unit's chain verified, and (when told what heads were seen since) no unit
// rolled back to fewer entries than residents have already seen posted.

const run = promisify(execFile);

export interface RestoreOptions {
  from: string;
  /** sqlite:PATH or postgres://… */
  to: string;
  /** Where the files folder goes (SQLite default: files/ beside the database file). */
  filesTo?: string;
  force?: boolean;
  /** A newer manifest, or lines "<unitCode> <seq>:<hash>". */
  expectHeads?: string;
  acceptRollback?: boolean;
}

export interface UnitReport {
  code: string;
  head: string;
  verify: "ok" | string;
}

export interface RestoreReport {
  ok: boolean;
  units: UnitReport[];
  /** Why the copy is not whole (empty when ok). */
  problems: string[];
  /** Heads that are behind or differ from what was expected (problems too unless accepted). */
  rollbacks: string[];
}

export class RestoreRefused extends Error {}

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreReport> {
  const { manifest, problems } = checkAgainstManifest(opts.from);
  if (!manifest || problems.length) throw new RestoreRefused(`the backup does not match its manifest:\n  ${problems.join("\n  ")}`);
  const target = parseDatabaseUrl(opts.to);
  if (!target) throw new RestoreRefused(`--to must be sqlite:PATH or postgres://… (got "${opts.to}")`);
  if (target.client !== manifest.database) throw new RestoreRefused(`this is a ${manifest.database} backup: restore it to a ${manifest.database} database`);
  const expected = opts.expectHeads ? readExpectedHeads(opts.expectHeads) : [];

  if (target.client === "sqlite") await restoreSqlite(opts, target.filename);
  else await restorePostgres(opts, target);

  const db = createDb(target);
  try {
    // A backup from an older release is brought to this release's schema, as the server would.
    await migrate(db);
    const report: RestoreReport = { ok: true, units: [], problems: [], rollbacks: [] };
    const because = asSystem("restored copy checked");
    const heads = await unitHeads(db, because);
    const byCode = new Map(heads.map((h) => [h.code, h]));
    for (const u of heads) {
      const v = await verifyChain(db, because, u.unitId);
      const verify = v.ok ? "ok" : `broken at ${v.firstBroken?.seq}: ${v.firstBroken?.reason}`;
      report.units.push({ code: u.code, head: u.chainHead, verify });
      if (!v.ok) report.problems.push(`${u.code}: chain ${verify}`);
      const listed = manifest.units.find((m) => m.unitId === u.unitId);
      if (listed && listed.chainHead !== u.chainHead) report.problems.push(`${u.code}: head ${u.chainHead} differs from the manifest's ${listed.chainHead}`);
    }
    for (const e of expected) {
      const have = byCode.get(e.code);
      const [seqText, hash] = e.head.split(":");
      const seq = Number(seqText);
      if (!have) {
        report.rollbacks.push(`rolled_back: ${e.code} is not in the backup, expected ${seq}`);
        continue;
      }
      const haveSeq = Number(have.chainHead.split(":")[0]);
      if (haveSeq < seq) report.rollbacks.push(`rolled_back: ${e.code} has ${haveSeq} < expected ${seq}`);
      else if (!(await anchorHolds(db, have.unitId, seq, hash))) report.rollbacks.push(`diverged: ${e.code} entry ${seq} is not the one expected (${hash.slice(0, 12)}…)`);
    }
    if (!opts.acceptRollback) report.problems.push(...report.rollbacks);
    report.ok = report.problems.length === 0;
    return report;
  } finally {
    await db.destroy();
  }
}

async function restoreSqlite(opts: RestoreOptions, filename: string): Promise<void> {
  const file = path.resolve(filename);
  if (fs.existsSync(file) && !opts.force) throw new RestoreRefused(`${file} exists: give --force to replace it`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Copied under another name and renamed: a restore cut short never leaves half a database.
  const tmp = `${file}.restoring`;
  fs.copyFileSync(path.join(opts.from, DB_FILE.sqlite), tmp);
  for (const ext of ["-wal", "-shm", "-journal"]) fs.rmSync(file + ext, { force: true });
  fs.renameSync(tmp, file);
  copyFiles(opts.from, opts.filesTo ?? path.join(path.dirname(file), "files"));
}

async function restorePostgres(opts: RestoreOptions, target: Extract<DbConfig, { client: "postgres" }>): Promise<void> {
  const db = createDb(target, { pool: { min: 0, max: 1 } });
  try {
    const tables = Number(
      (await db.raw("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")).rows[0].n,
    );
    if (tables > 0) {
      if (!opts.force) throw new RestoreRefused(`the database at ${redact(opts.to)} holds ${tables} tables: restore into an empty database, or give --force to replace them`);
      const schemas = (await db.raw("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'")).rows as { nspname: string }[];
      for (const { nspname } of schemas) await db.raw("DROP SCHEMA ?? CASCADE", [nspname]);
      await db.raw("CREATE SCHEMA IF NOT EXISTS public");
    }
  } finally {
    await db.destroy();
  }
  await run(pgTool("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname", target.connectionString, path.join(opts.from, DB_FILE.postgres)], { maxBuffer: 16 << 20 });
  if (opts.filesTo) copyFiles(opts.from, opts.filesTo);
}

function copyFiles(from: string, to: string): void {
  const src = path.join(from, "files");
  if (!fs.existsSync(src)) return;
  fs.cpSync(src, to, { recursive: true, force: true });
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, "//…@");

/** Reads a newer manifest, or lines "<unitCode> <seq>:<hash>" ('#' starts a comment). */
export function readExpectedHeads(file: string): { code: string; head: string }[] {
  const text = fs.readFileSync(file, "utf8");
  if (text.trimStart().startsWith("{")) {
    const m = JSON.parse(text) as Manifest;
    if (!Array.isArray(m.units)) throw new RestoreRefused(`${file}: a manifest without units`);
    return m.units.map((u) => ({ code: u.code, head: u.chainHead }));
  }
  const out: { code: string; head: string }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const l = line.replace(/#.*/, "").trim();
    if (!l) return;
    const m = /^(\S+)\s+(\d+):([0-9a-f]{64})$/i.exec(l);
    if (!m) throw new RestoreRefused(`${file} line ${i + 1}: expected "<unitCode> <seq>:<hash>", got "${line}"`);
    out.push({ code: m[1], head: `${Number(m[2])}:${m[3].toLowerCase()}` });
  });
  return out;
}

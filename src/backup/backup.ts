import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Knex } from "knex";
import sqlite3 from "sqlite3";
import type { DbConfig } from "../config";
import { createDb, sqliteConnection } from "../db/knex";
import { listUnits, type SystemReason } from "../identity";
import { chainHead } from "../ledger";

// A backup is a folder fund-<YYYYMMDD-HHMMSS>/ (UTC) holding the database copy (fund.sqlite or
// fund.dump), the files folder under files/, and manifest.json listing every file with its size and
// sha256 and each unit's chain head as the copy has it. It is written under a ".partial" name and
// renamed only once whole, so a folder with that name and a manifest is a complete backup. No one
// signs in to take it: it reads every unit for the reason its caller states, kept in the manifest.


export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  createdAt: string;
  version: string;
  database: "sqlite" | "postgres";
  /** Why it was taken ("scheduled backup", "backup started by an admin", "backup from the command line"). */
  reason?: string;
  units: { unitId: number; code: string; chainHead: string }[];
  files: ManifestFile[];
}

export interface BackupSource {
  database: DbConfig;
  filesDir: string;
}

export const DB_FILE = { sqlite: "fund.sqlite", postgres: "fund.dump" } as const;
export const MANIFEST = "manifest.json";
/** Written beside the backups when one fails, so the list can show it. */
export const FAILED_SUFFIX = ".failed.json";

export function appVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("../../package.json") as { version: string }).version;
}

export const backupName = (at: Date) => `fund-${at.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}`;

/** Makes one backup of the source into `toDir`, for the reason stated; returns its folder and manifest. Throws on failure. */
export async function takeBackup(src: BackupSource, toDir: string, at: Date, because: SystemReason): Promise<{ dir: string; manifest: Manifest }> {
  fs.mkdirSync(toDir, { recursive: true });
  let name = backupName(at);
  // Two backups in one second (a button pressed twice) get distinct folders.
  for (let i = 2; fs.existsSync(path.join(toDir, name)); i++) name = `${backupName(at)}-${i}`;
  const final = path.join(toDir, name);
  const partial = `${final}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial);
  try {
    const kind = src.database.client;
    const dbFile = path.join(partial, DB_FILE[kind]);
    const units = kind === "sqlite" ? await sqliteCopy(src.database.filename, dbFile, because) : await pgCopy(src.database.connectionString, src.database.searchPath, dbFile, because);
    // After the database: every file the copy refers to was written before the row that names it.
    if (fs.existsSync(src.filesDir)) copyTree(src.filesDir, path.join(partial, "files"));
    const manifest: Manifest = { createdAt: at.toISOString(), version: appVersion(), database: kind, reason: because.reason, units, files: listFiles(partial) };
    fs.writeFileSync(path.join(partial, MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
    fsyncTree(partial);
    fs.renameSync(partial, final);
    return { dir: final, manifest };
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

/** SQLite's VACUUM INTO on a read-only connection: a consistent snapshot while writers go on (WAL). */
async function sqliteCopy(source: string, target: string, because: SystemReason): Promise<Manifest["units"]> {
  if (!fs.existsSync(source)) throw new Error(`no database file at ${source}`);
  await vacuumInto(source, target);
  const copy = readOnlySqlite(target);
  try {
    return await unitHeads(copy, because);
  } finally {
    await copy.destroy();
  }
}

/** On a connection opened read-only (query_only would refuse VACUUM INTO: it writes the target). */
function vacuumInto(source: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(source, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.configure("busyTimeout", 10000);
      db.run("VACUUM INTO ?", [target], (e) => db.close(() => (e ? reject(e) : resolve())));
    });
  });
}

/** A connection that cannot write (knex's flags can only add to read-write, so query_only it is). */
export const readOnlySqlite = (filename: string): Knex => sqliteConnection(filename, "PRAGMA query_only = ON;");

/**
 * pg_dump in the custom format, from a snapshot exported by the transaction that reads the heads:
 * the manifest's heads are exactly the dump's.
 */
async function pgCopy(url: string, searchPath: string | undefined, target: string, because: SystemReason): Promise<Manifest["units"]> {
  // A deployment may name its schema in the URL (libpq's options=-c search_path=…): that schema only.
  searchPath ??= /(?:^|\s)-c\s*search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(new URL(url).searchParams.get("options") ?? "")?.[1];
  const db = createDb({ client: "postgres", connectionString: url, searchPath }, { pool: { min: 1, max: 1 } });
  try {
    return await db.transaction(
      async (trx) => {
        const snapshot = (await trx.raw("SELECT pg_export_snapshot() AS s")).rows[0].s as string;
        const units = await unitHeads(trx, because);
        const args = ["--format=custom", "--no-owner", "--no-privileges", `--snapshot=${snapshot}`, "--file", target];
        if (searchPath) args.push("--schema", searchPath);
        args.push("--dbname", url);
        await runLowPriority(pgTool("pg_dump"), args);
        return units;
      },
      { isolationLevel: "repeatable read", readOnly: true },
    );
  } finally {
    await db.destroy();
  }
}

/**
 * A backup must not slow the treasurers' writes: pg_dump compresses on this machine's cores, so it
 * runs at the lowest CPU priority and takes what the server leaves.
 */
function runLowPriority(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err = (err + d).slice(-4000)));
    child.on("error", reject);
    child.on("spawn", () => {
      try {
        os.setPriority(child.pid!, 19);
      } catch {
        // not allowed here: it runs at the normal priority
      }
    });
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} exited with ${code}: ${err.trim()}`))));
  });
}

/** pg_dump/pg_restore of the server's major version when several are installed (Debian keeps them apart). */
export function pgTool(name: "pg_dump" | "pg_restore"): string {
  const base = "/usr/lib/postgresql";
  if (fs.existsSync(base)) {
    const versions = fs.readdirSync(base).filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(base, v, "bin", name))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(base, versions[0], "bin", name);
  }
  return name;
}

/** Every unit's chain head, read for the reason stated (a backup taken, a restored copy checked). */
export async function unitHeads(db: Knex | Knex.Transaction, because: SystemReason): Promise<Manifest["units"]> {
  const units = await listUnits(db, because);
  const out: Manifest["units"] = [];
  for (const u of units.sort((a, b) => a.id - b.id)) {
    const h = await chainHead(db, u.id);
    out.push({ unitId: u.id, code: u.code, chainHead: `${h.seq}:${h.hash}` });
  }
  return out;
}

function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) copyTree(a, b);
    else if (e.isFile()) fs.copyFileSync(a, b);
  }
}

/** Every file below `dir` (manifest excepted), with its size and sha256, sorted by path. */
export function listFiles(dir: string): ManifestFile[] {
  const out: ManifestFile[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && r !== MANIFEST) out.push({ path: r, size: fs.statSync(path.join(dir, r)).size, sha256: sha256File(path.join(dir, r)) });
    }
  };
  walk("");
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function sha256File(file: string): string {
  const h = crypto.createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest("hex");
}

/** A backup on a USB disk must survive the disk being pulled right after: flush it. */
function fsyncTree(dir: string): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) fsyncTree(p);
    else {
      const fd = fs.openSync(p, "r");
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
  }
}

/** Checks every file of a backup folder against its manifest; returns the problems found. */
export function checkAgainstManifest(dir: string): { manifest?: Manifest; problems: string[] } {
  const mf = path.join(dir, MANIFEST);
  if (!fs.existsSync(mf)) return { problems: [`no ${MANIFEST} in ${dir}`] };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(mf, "utf8"));
  } catch (err) {
    return { problems: [`${MANIFEST} is not JSON: ${(err as Error).message}`] };
  }
  if (!Array.isArray(manifest.files) || !Array.isArray(manifest.units) || (manifest.database !== "sqlite" && manifest.database !== "postgres")) {
    return { problems: [`${MANIFEST} lacks files, units or database`] };
  }
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const p = path.join(dir, f.path);
    if (!path.resolve(p).startsWith(path.resolve(dir) + path.sep)) problems.push(`${f.path}: outside the backup`);
    else if (!fs.existsSync(p)) problems.push(`${f.path}: missing`);
    else if (fs.statSync(p).size !== f.size) problems.push(`${f.path}: size ${fs.statSync(p).size}, manifest says ${f.size}`);
    else if (sha256File(p) !== f.sha256) problems.push(`${f.path}: sha256 differs from the manifest`);
  }
  for (const f of listFiles(dir)) if (!listed.has(f.path)) problems.push(`${f.path}: not in the manifest`);
  if (!listed.has(DB_FILE[manifest.database])) problems.push(`${DB_FILE[manifest.database]}: not in the manifest`);
  return { manifest, problems };
}

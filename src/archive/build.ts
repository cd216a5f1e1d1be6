import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PassThrough, Readable, type Writable } from "node:stream";
import type { Db } from "../db/knex";
import { Actor, authorize, listAudit } from "../identity";
import { chainHead, listClosings, streamHledger } from "../ledger";
import { publishedFiles } from "../publication";
import { attachmentsOfYear } from "../works";

// The year's archive (L18: records kept at least 10 years): one zip with every statement the unit
// published that year (PDF and Excel, the stored files), the journal as hledger, the year's audit
// trail (JSON lines), the attachments uploaded that year, and manifest.json naming each file with
// its size and sha256 and the chain heads. Streamed: each file is read and hashed as it goes into
// the zip, and the manifest, made from those hashes, goes in last; nothing is held whole in memory.

/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const archiver = (): typeof import("archiver") => require("archiver");

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  unit: { id: number; code: string; name: string };
  year: number;
  createdAt: string;
  chainHeads: { current: string | null; yearEnd: string | null };
  files: ManifestFile[];
}

/** Who may take a unit's archive: its admins and the inspectors of boards overseeing it. */
export const ARCHIVE_READERS = ["admin", "inspector"] as const;

/** Checks the caller may take the archive; answers the unit (404/403 before any byte is sent). */
export const archiveUnit = (db: Db, actor: Actor, unitId: number) => authorize(db, actor, [...ARCHIVE_READERS], unitId);

/** Lines of the audit trail of the unit (and under it) in the year, oldest first, one JSON object a line. */
async function* auditLines(db: Db, actor: Actor, unitId: number, year: number): AsyncGenerator<string> {
  const from = new Date(Date.parse(`${year}-01-01T00:00:00+07:00`)).toISOString();
  const to = new Date(Date.parse(`${year + 1}-01-01T00:00:00+07:00`) - 1).toISOString();
  // The trail pages newest first; a year's pages are gathered as ids (small) and read again in order.
  let cursor: number | undefined;
  const pages: number[] = [];
  for (;;) {
    const page = await listAudit(db, actor, { unitId, from, to, cursor, limit: 500 });
    if (!page.data.length) break;
    pages.push(page.data[0].id + 1);
    if (!page.nextCursor) break;
    cursor = Number(page.nextCursor);
  }
  for (const before of pages.reverse()) {
    const page = await listAudit(db, actor, { unitId, from, to, cursor: before, limit: 500 });
    for (const e of page.data.reverse()) yield `${JSON.stringify(e)}\n`;
  }
}

/** Builds the zip of `year` for the unit into `out`; resolves with the manifest once the zip is whole. */
export async function writeArchive(db: Db, actor: Actor, unitId: number, year: number, filesDir: string, out: Writable, at: string): Promise<Manifest> {
  const unit = await archiveUnit(db, actor, unitId);
  const zip = archiver()("zip", { zlib: { level: 6 } });
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("close", resolve);
    out.on("error", reject);
    zip.on("error", reject);
  });
  zip.pipe(out);
  const files: ManifestFile[] = [];
  /** Adds a stream under `name`, hashing it on its way in; resolves when the zip has taken it all. */
  const add = (name: string, src: Readable) =>
    new Promise<void>((resolve, reject) => {
      const hash = crypto.createHash("sha256");
      let size = 0;
      const tap = new PassThrough();
      tap.on("data", (c: Buffer) => {
        hash.update(c);
        size += c.length;
      });
      src.on("error", reject);
      zip.once("entry", () => {
        files.push({ path: name, size, sha256: hash.digest("hex") });
        resolve();
      });
      zip.append(src.pipe(tap), { name, date: new Date(at) });
    });

  for (const p of await publishedFiles(db, unitId, year)) {
    for (const [ext, f] of [["pdf", p.pdf], ["xlsx", p.xlsx]] as const) {
      if (f) await add(`statements/${p.code}-${p.kind}.${ext}`, fs.createReadStream(path.resolve(filesDir, f.file)));
    }
  }
  await add(`journal-${year}.journal`, Readable.from(streamHledger(db, actor, unitId, { from: `${year}-01-01`, to: `${year}-12-31` })));
  await add(`audit-${year}.jsonl`, Readable.from(auditLines(db, actor, unitId, year)));
  for (const a of await attachmentsOfYear(db, filesDir, unitId, year)) {
    const ext = a.mime.split("/")[1]?.replace("jpeg", "jpg") ?? "bin";
    await add(`attachments/${a.id}-${a.sha256.slice(0, 12)}.${ext}`, fs.createReadStream(a.file));
  }
  const head = await chainHead(db, unitId);
  const yearEnd = (await listClosings(db, actor, unitId)).find((c) => c.through === `${year}-12-31`);
  const manifest: Manifest = {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    year,
    createdAt: at,
    chainHeads: { current: head.seq ? `${head.seq}:${head.hash}` : null, yearEnd: yearEnd ? `${yearEnd.chainHead.seq}:${yearEnd.chainHead.hash}` : null },
    files,
  };
  zip.append(`${JSON.stringify(manifest, null, 2)}\n`, { name: "manifest.json", date: new Date(at) });
  await zip.finalize();
  await done;
  return manifest;
}

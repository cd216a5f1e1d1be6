import fs from "node:fs";
import crypto from "node:crypto";
import path from "node:path";
import type { Knex } from "knex";
import type { Logger } from "../http/logger";
import { filePath, reencodeImage, thumbnailPath } from "./attachments";

// Images stored before uploads were re-encoded still carry what the phone wrote (GPS, camera,
// comments). The migration that made attachment_scrubs listed each of them as pending; this runs at
// start-up, re-encodes each pending file like a new upload, stores the copy under its own hash,
// records it (the queries then serve it) and deletes the old file. Servers started together on one
// database do the same work once: a pending row is filled in by one of them only.

interface Pending {
  attachment_id: number;
  sha256: string;
  mime: string;
}

/** Re-encodes every pending stored image; returns how many files were replaced, kept (unreadable) or missing. */
export async function scrubStoredImages(db: Knex, filesDir: string, logger: Logger, at: string): Promise<{ scrubbed: number; unreadable: number; missing: number }> {
  const pending: Pending[] = await db({ s: "attachment_scrubs" })
    .join({ a: "attachments" }, "a.id", "s.attachment_id")
    .whereNull("s.sha256")
    .select("s.attachment_id", "a.sha256", "a.mime")
    .orderBy("s.attachment_id");
  const out = { scrubbed: 0, unreadable: 0, missing: 0 };
  // One file may stand for several attachments (the same bytes uploaded twice): one copy for all.
  const byFile = new Map<string, Pending[]>();
  for (const p of pending) byFile.set(p.sha256, [...(byFile.get(p.sha256) ?? []), p]);
  for (const [sha256, rows] of byFile) {
    const original = filePath(filesDir, sha256);
    const bytes = await fs.promises.readFile(original).catch(() => undefined);
    if (!bytes) {
      // Nothing on disk to leak; left pending, so a restored files folder is still scrubbed later.
      out.missing++;
      continue;
    }
    let clean: Buffer;
    try {
      clean = await reencodeImage(bytes, rows[0].mime);
    } catch {
      // It does not decode (damaged before it was stored): kept as it is, and recorded as checked.
      clean = bytes;
      out.unreadable++;
      logger.info("stored image does not decode; kept as it is", { sha256, attachments: rows.map((r) => r.attachment_id) });
    }
    const cleanSha = crypto.createHash("sha256").update(clean).digest("hex");
    const target = filePath(filesDir, cleanSha);
    if (!fs.existsSync(target)) {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${crypto.randomBytes(6).toString("hex")}.tmp`;
      await fs.promises.writeFile(tmp, clean, { flag: "wx", mode: 0o640 });
      await fs.promises.rename(tmp, target);
    }
    const filled = await db("attachment_scrubs")
      .whereIn("attachment_id", rows.map((r) => r.attachment_id))
      .whereNull("sha256")
      .update({ sha256: cleanSha, size: clean.length, scrubbed_at: at });
    if (cleanSha === sha256 || filled === 0) continue;
    out.scrubbed++;
    // The old file goes once no attachment is stood for by it any more.
    const still = await db({ a: "attachments" })
      .leftJoin({ s: "attachment_scrubs" }, "s.attachment_id", "a.id")
      .where("a.sha256", sha256)
      .andWhere((q) => q.whereNull("s.sha256").orWhere("s.sha256", sha256))
      .first("a.id");
    if (!still) {
      await fs.promises.rm(original, { force: true });
      await fs.promises.rm(thumbnailPath(filesDir, sha256), { force: true });
    }
  }
  if (pending.length) logger.info("re-encoded stored images without their metadata", out);
  return out;
}

import type { Db } from "../db/knex";
import { filePath } from "./attachments";

// A unit's stored attachments of a year, for the year's archive (archive/, which has authorized
// its caller on the unit): where each file lies and what it should hash to.

export interface StoredAttachment {
  id: number;
  sha256: string;
  mime: string;
  size: number;
  originalName: string | null;
  createdAt: string;
  file: string;
}

/** Attachments of the unit uploaded in the year (UTC instants between its Vietnam-time bounds), oldest first. */
export async function attachmentsOfYear(db: Db, filesDir: string, unitId: number, year: number): Promise<StoredAttachment[]> {
  const from = new Date(Date.parse(`${year}-01-01T00:00:00+07:00`)).toISOString();
  const to = new Date(Date.parse(`${year + 1}-01-01T00:00:00+07:00`)).toISOString();
  const rows: { id: number; sha256: string; mime: string; size: number; original_name: string | null; created_at: string }[] = await db("attachments")
    .select("id", "sha256", "mime", "size", "original_name", "created_at")
    .where("unit_id", unitId)
    .where("created_at", ">=", from)
    .where("created_at", "<", to)
    .orderBy("id");
  return rows.map((r) => ({ id: r.id, sha256: r.sha256, mime: r.mime, size: Number(r.size), originalName: r.original_name, createdAt: r.created_at, file: filePath(filesDir, r.sha256) }));
}

import type { StatementKind } from "../../reports/statements";
import type { Db } from "../db/knex";
import { addDays, localDate } from "../shared/dates";
import { NotFoundError } from "../shared/errors";
import type { Figure } from "./model";
import * as q from "./queries";
import type { PostingWire, PublicationWire } from "./wire";

// A publication as the verbs return it: its row with opinions and postings, and each posting's
// legal minimum. Loading here checks nothing: every caller is a verb of this module that has
// authorized already (or a public read of published publications only).

export interface PublicationEnv {
  filesDir: string;
  publicBaseUrl: string;
}

/** law.md L3: the posting period's minimum when a unit has set none. */
export const DEFAULT_MIN_POSTING_DAYS = 30;

export type PostingRecord = PostingWire;

/** The publication as the API answers it, with what only the server keeps (how its hash was made, its figures). */
export interface Publication extends PublicationWire {
  /** How the data hash was made (model.ts DATA_HASH_VERSION). */
  hashVersion: number;
  /** The headline figures as published (none for a draft, or one published before they were kept). */
  figures: Figure[] | null;
}

function toPosting(r: q.PostingRow, minDays: number): PostingRecord {
  const minimumUntil = addDays(localDate(new Date(r.posted_at)), minDays);
  return {
    id: r.id,
    place: r.place,
    postedAt: r.posted_at,
    by: r.posted_by,
    photoAttachmentId: r.photo_attachment_id,
    takenDownAt: r.taken_down_at,
    minimumUntil,
    removedEarly: r.taken_down_at !== null && localDate(new Date(r.taken_down_at)) < minimumUntil,
  };
}

export async function hydrate(db: Db, rows: q.PublicationRow[]): Promise<Publication[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [opinions, postings] = [await q.opinionsOf(db, ids), await q.postingsOf(db, ids)];
  const minDays = new Map<number, number>();
  for (const u of new Set(rows.map((r) => r.unit_id))) minDays.set(u, (await q.minPostingDays(db, u)) ?? DEFAULT_MIN_POSTING_DAYS);
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    kind: r.kind as StatementKind,
    params: JSON.parse(r.params),
    places: JSON.parse(r.places),
    postedFrom: r.posted_from,
    postedUntil: r.posted_until,
    status: r.status,
    supersedes: r.supersedes_id,
    supersededBy: r.superseded_by_id,
    drafted: { by: r.drafted_by, name: r.drafted_by_name, at: r.drafted_at },
    approved: r.published_at ? { by: r.approved_by, name: r.approved_by_name, at: r.published_at } : null,
    publishedAt: r.published_at,
    code: r.code,
    dataHash: r.data_hash,
    hashVersion: Number(r.hash_version),
    figures: r.figures ? JSON.parse(r.figures) : null,
    chainHead: r.chain_hash ? `${Number(r.chain_seq)}:${r.chain_hash}` : null,
    period: { from: r.period_from, to: r.period_to },
    subject: r.subject,
    announcement: r.announcement,
    opinions: opinions.filter((o) => o.publication_id === r.id).map((o) => ({ id: o.id, board: o.board_name, stance: o.stance, text: o.text, by: o.by_name ?? "", at: o.created_at })),
    postings: postings.filter((p) => p.publication_id === r.id).map((p) => toPosting(p, minDays.get(r.unit_id)!)),
  }));
}

/** One publication of a unit, hydrated; 404 when the unit has no such publication. */
export async function loadPublication(db: Db, unitId: number, id: number): Promise<Publication> {
  const row = await q.findPublication(db, unitId, id);
  if (!row) throw new NotFoundError("publication", { id });
  return (await hydrate(db, [row]))[0];
}

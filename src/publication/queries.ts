import type { Db } from "../db/knex";
import { inChunks } from "../db/chunks";

// knex on the tables publication owns: publications, publication_opinions, publication_postings,
// publication_settings. Rows in, rows out; same SQL on both engines.

export interface PublicationRow {
  id: number;
  unit_id: number;
  kind: string;
  params: string;
  places: string;
  posted_from: string;
  posted_until: string;
  status: "draft" | "published";
  supersedes_id: number | null;
  superseded_by_id: number | null;
  drafted_by: number | null;
  drafted_by_name: string | null;
  drafted_at: string;
  approved_by: number | null;
  approved_by_name: string | null;
  published_at: string | null;
  code: string | null;
  data_hash: string | null;
  /** How data_hash was made (model.ts DATA_HASH_VERSION): 1 for rows published before it left out the chain head. */
  hash_version: number;
  /** The headline figures as published (JSON of model.ts Figure[]); null before version 2. */
  figures: string | null;
  chain_seq: number | string | null;
  chain_hash: string | null;
  period_from: string | null;
  period_to: string | null;
  pdf_file: string | null;
  pdf_sha256: string | null;
  xlsx_file: string | null;
  xlsx_sha256: string | null;
  subject: string | null;
  announcement: string | null;
}

export interface OpinionRow {
  id: number;
  unit_id: number;
  publication_id: number;
  board_id: number;
  board_name: string;
  stance: "sign_off" | "objection";
  text: string;
  by_user: number | null;
  by_name: string | null;
  created_at: string;
}

export interface PostingRow {
  id: number;
  unit_id: number;
  publication_id: number;
  place: string;
  posted_at: string;
  photo_attachment_id: number | null;
  posted_by: string;
  taken_down_at: string | null;
  recorded_by: number | null;
  created_at: string;
}

async function insertOne(db: Db, table: string, row: object): Promise<number> {
  const [r] = await db(table).insert(row).returning("id");
  return typeof r === "object" ? (r as { id: number }).id : (r as number);
}

export const insertPublication = (db: Db, row: Omit<PublicationRow, "id">) => insertOne(db, "publications", row);
export const findPublication = (db: Db, unitId: number, id: number) => db<PublicationRow>("publications").where({ unit_id: unitId, id }).first();
export const findPublished = (db: Db, id: number) => db<PublicationRow>("publications").where({ id, status: "published" }).first();
export const findByCode = (db: Db, code: string) => db<PublicationRow>("publications").where({ code, status: "published" }).first();
export const listPublications = (db: Db, unitId: number) => db<PublicationRow>("publications").where({ unit_id: unitId }).orderBy("id", "desc");
/** Publications of these units, by unit then newest first (each chunk of units in that order, so the whole is too). */
export const listPublicationsOfUnits = (db: Db, unitIds: number[]) =>
  inChunks([...new Set(unitIds)].sort((a, b) => a - b), (c) => db<PublicationRow>("publications").whereIn("unit_id", c).orderBy("unit_id").orderBy("id", "desc"));
/** Published statements' chain heads: anchors the ledger's verify holds the books to. */
export async function publicationHeads(db: Db, unitId: number): Promise<{ id: number; chainHead: string }[]> {
  const rows = await db("publications").select("id", "chain_seq", "chain_hash").where({ unit_id: unitId }).whereNotNull("chain_hash");
  return rows.map((r: { id: number; chain_seq: number | string; chain_hash: string }) => ({ id: r.id, chainHead: `${Number(r.chain_seq)}:${r.chain_hash}` }));
}

export const listPublished = (db: Db, unitId: number) => db<PublicationRow>("publications").where({ unit_id: unitId, status: "published" }).orderBy("id", "desc");
export const updatePublication = (db: Db, id: number, patch: Partial<PublicationRow>) => db("publications").where({ id }).update(patch);
/** Sets the superseding publication only while none is set (two corrections racing: one wins). */
export const markSuperseded = (db: Db, id: number, by: number) => db("publications").where({ id }).whereNull("superseded_by_id").update({ superseded_by_id: by });

export const insertOpinion = (db: Db, row: Omit<OpinionRow, "id">) => insertOne(db, "publication_opinions", row);
export const opinionsOf = (db: Db, publicationIds: number[]) => inChunks(publicationIds, (c) => db<OpinionRow>("publication_opinions").whereIn("publication_id", c).orderBy("id"));

export const insertPosting = (db: Db, row: Omit<PostingRow, "id">) => insertOne(db, "publication_postings", row);
export const findPosting = (db: Db, publicationId: number, id: number) => db<PostingRow>("publication_postings").where({ publication_id: publicationId, id }).first();
export const postingsOf = (db: Db, publicationIds: number[]) => inChunks(publicationIds, (c) => db<PostingRow>("publication_postings").whereIn("publication_id", c).orderBy("id"));
export const markTakenDown = (db: Db, id: number, at: string) => db("publication_postings").where({ id }).whereNull("taken_down_at").update({ taken_down_at: at });

export async function minPostingDays(db: Db, unitId: number): Promise<number | undefined> {
  const r = await db("publication_settings").where({ unit_id: unitId }).first();
  return r ? Number(r.min_posting_days) : undefined;
}
/** The posting minimum of those of these units that have set one. */
export async function minPostingDaysOfUnits(db: Db, unitIds: number[]): Promise<Map<number, number>> {
  const rows = await inChunks([...new Set(unitIds)], (c) => db("publication_settings").select("unit_id", "min_posting_days").whereIn("unit_id", c) as Promise<{ unit_id: number; min_posting_days: number | string }[]>);
  return new Map(rows.map((r) => [Number(r.unit_id), Number(r.min_posting_days)]));
}

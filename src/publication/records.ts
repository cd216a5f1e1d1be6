import type { StatementKind } from "../../reports/statements";
import type { Db } from "../db/knex";
import { addDays, localDate } from "../shared/dates";
import { NotFoundError } from "../shared/errors";
import type { Figure } from "./model";
import * as q from "./queries";
import type { PostingWire, PublicationWire } from "./wire";
import { extraDaysOfUnits, addWorkingDays, type ExtraDay } from "../calendar";
import { filedInspections } from "../supervision";
import { settledWorks } from "../works";
import { decisionDeadlines } from "../decisions";

// A publication as the verbs return it: its row with opinions and postings, and each posting's
// legal minimum. Loading here checks nothing: every caller is a verb of this module that has
// authorized already (or a public read of published publications only).

export interface PublicationEnv {
  filesDir: string;
  publicBaseUrl: string;
}

/** law.md L3: a statement is published within 10 working days of the event it reports. */
export const PUBLISH_WITHIN_WORKING_DAYS = 10;

/** What an event's day is read from: the drafting day, and the days the other modules record. */
export interface EventDays {
  /** The day a publication was drafted (none for an event nobody has drafted a publication for yet). */
  drafted?: string;
  /** A published statement's period end, as made. */
  periodTo?: string | null;
  /** The day its work was settled (quyết toán), its inspection filed, its decision recognised. */
  settled?: string | null;
  filed?: string | null;
  recognised?: string | null;
}

/**
 * The day of the event a publication reports (law.md L3: 10 working days after the decision or
 * document): a period's end for a period's statements; the settlement for a work's (a statement
 * drafted before the work was settled reports the work as it stood that day); the filing for an
 * inspection's minutes; the commune's recognition for a decision's result;
 * else the day it was drafted (a receipt is published as it is drawn up).
 */
export function eventDate(kind: StatementKind | "decision", params: { to?: string }, on: EventDays): string {
  const earlier = (a: string | null | undefined, b: string | undefined) => (a && b ? (a < b ? a : b) : a ?? b);
  const day =
    kind === "work-settlement" ? earlier(on.settled, on.drafted)
    : kind === "inspection-minutes" ? earlier(on.filed, on.drafted)
    : kind === "decision" ? earlier(on.recognised, on.drafted)
    : params.to ?? on.periodTo ?? on.drafted;
  if (!day) throw new Error(`no event day for ${kind}`);
  return day;
}

/** The days a unit's settled works, filed inspections and recognised decisions happened, for the publications that report them. */
export interface SubjectDays {
  settled: Map<number, string>;
  filed: Map<number, string>;
  recognised: Map<number, string>;
}

async function subjectDays(db: Db, rows: Pick<q.PublicationRow, "unit_id" | "kind">[]): Promise<SubjectDays> {
  const units = (kind: string) => [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.unit_id))];
  const settled = await settledWorks(db, units("work-settlement"));
  const filed = await filedInspections(db, units("inspection-minutes"));
  const recognised = (await decisionDeadlines(db, units("decision"))).filter((d) => d.recognisedOn !== null);
  return { settled: new Map(settled.map((w) => [w.id, w.settledOn])), filed: new Map(filed.map((i) => [i.id, i.filedOn])), recognised: new Map(recognised.map((d) => [d.id, d.recognisedOn!])) };
}

const rowEvent = (r: Pick<q.PublicationRow, "kind" | "params" | "period_to" | "drafted_at">, days: SubjectDays) => {
  const p = JSON.parse(r.params) as { to?: string; workId?: number; inspectionId?: number; decisionId?: number };
  return eventDate(r.kind as StatementKind, p, {
    drafted: localDate(new Date(r.drafted_at)),
    periodTo: r.period_to,
    settled: p.workId ? days.settled.get(p.workId) : null,
    filed: p.inspectionId ? days.filed.get(p.inspectionId) : null,
    recognised: p.decisionId ? days.recognised.get(p.decisionId) : null,
  });
};

/**
 * publishBy (10 working days after the event, on the unit's calendar) and late: published after
 * it, or still unpublished on `today` past it (a draft read without a day is judged as of its drafting).
 */
export function deadlineOf(r: Pick<q.PublicationRow, "kind" | "params" | "period_to" | "drafted_at" | "published_at">, extra: readonly ExtraDay[], days: SubjectDays, today?: string) {
  const publishBy = addWorkingDays(rowEvent(r, days), PUBLISH_WITHIN_WORKING_DAYS, extra);
  const judged = today ?? localDate(new Date(r.drafted_at));
  const late = r.published_at ? localDate(new Date(r.published_at)) > publishBy : judged > publishBy;
  return { publishBy, late };
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

/** Rows grouped by a key, each group in the rows' order. */
function groupBy<T>(rows: readonly T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Publications with their opinions, postings and deadline; `today` (Vietnam) judges a draft's lateness. A fixed number of queries however many units the rows span. */
export async function hydrate(db: Db, rows: q.PublicationRow[], today?: string): Promise<Publication[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const units = [...new Set(rows.map((r) => r.unit_id))];
  const opinions = groupBy(await q.opinionsOf(db, ids), (o) => o.publication_id);
  const postings = groupBy(await q.postingsOf(db, ids), (p) => p.publication_id);
  const minDays = await q.minPostingDaysOfUnits(db, units);
  const extra = await extraDaysOfUnits(db, units);
  const days = await subjectDays(db, rows);
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    kind: r.kind as StatementKind,
    params: JSON.parse(r.params),
    places: JSON.parse(r.places),
    postedFrom: r.posted_from,
    postedUntil: r.posted_until,
    ...deadlineOf(r, extra.get(r.unit_id)!, days, today),
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
    opinions: (opinions.get(r.id) ?? []).map((o) => ({ id: o.id, board: o.board_name, stance: o.stance, text: o.text, by: o.by_name ?? "", at: o.created_at })),
    postings: (postings.get(r.id) ?? []).map((p) => toPosting(p, minDays.get(r.unit_id) ?? DEFAULT_MIN_POSTING_DAYS)),
  }));
}

/** One publication of a unit, hydrated; 404 when the unit has no such publication. */
export async function loadPublication(db: Db, unitId: number, id: number, today?: string): Promise<Publication> {
  const row = await q.findPublication(db, unitId, id);
  if (!row) throw new NotFoundError("publication", { id });
  return (await hydrate(db, [row], today))[0];
}

/** Publications of these units, drafts included, judged on `today` (the caller has authorized): unit by unit in the order given, newest first within a unit. */
export async function publicationsOf(db: Db, unitIds: number[], today: string): Promise<Publication[]> {
  const byUnit = groupBy(await hydrate(db, await q.listPublicationsOfUnits(db, unitIds), today), (p) => p.unitId);
  return unitIds.flatMap((u) => byUnit.get(u) ?? []);
}

/** Publications of these units that are late on `today`: drafts past their publish-by date, and those published after it. */
export async function latePublications(db: Db, unitIds: number[], today: string): Promise<Publication[]> {
  const out = (await publicationsOf(db, unitIds, today)).filter((p) => p.late);
  return out.sort((a, b) => a.publishBy.localeCompare(b.publishBy) || a.id - b.id);
}

/** A published document's stored files (relative to the files folder), for the year's archive. */
export interface PublishedFiles {
  id: number;
  kind: StatementKind;
  code: string;
  publishedAt: string;
  pdf: { file: string; sha256: string } | null;
  xlsx: { file: string; sha256: string } | null;
}

/** The unit's publications published in a year (Vietnam dates), oldest first. The caller has authorized. */
export async function publishedFiles(db: Db, unitId: number, year: number): Promise<PublishedFiles[]> {
  const rows = (await q.listPublished(db, unitId)).filter((r) => localDate(new Date(r.published_at!)).startsWith(`${year}-`));
  return rows.reverse().map((r) => ({
    id: r.id,
    kind: r.kind as StatementKind,
    code: r.code!,
    publishedAt: r.published_at!,
    pdf: r.pdf_file ? { file: r.pdf_file, sha256: r.pdf_sha256! } : null,
    xlsx: r.xlsx_file ? { file: r.xlsx_file, sha256: r.xlsx_sha256! } : null,
  }));
}

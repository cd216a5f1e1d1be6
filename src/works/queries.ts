import type { Db } from "../db/knex";
import { dialectOf } from "../db/knex";

// knex on the tables works owns: works, work_lines, work_transitions, work_progress, work_holds,
// expenses, attachments, attachment_links, consultations, opinions. Rows in, rows out.

export interface WorkRow {
  id: number;
  unit_id: number;
  number: number;
  name: string;
  location: string;
  category: string;
  description: string | null;
  contractor: string | null;
  planned_start: string;
  planned_end: string;
  actual_start: string | null;
  actual_end: string | null;
  status: string;
  progress: number;
  accounts: string;
  /** The residents' decision it was approved on (decisions module); null before or without one. */
  decision_id?: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface LineRow {
  id: number;
  work_id: number;
  unit_id: number;
  kind: "estimate" | "funding";
  category: string;
  amount: number | string;
  campaign_id: number | null;
}

export interface ExpenseRow {
  id: number;
  unit_id: number;
  work_id: number;
  kind: "expense" | "advance";
  category: string | null;
  amount: number | string;
  entry_date: string;
  payee: string;
  description: string;
  method: string;
  status: "draft" | "posted" | "rejected";
  entry_id: number | string | null;
  voucher_no: string | null;
  drafted_by: number | null;
  drafted_by_name: string | null;
  created_at: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  reject_reason: string | null;
}

export interface AttachmentRow {
  id: number;
  unit_id: number;
  sha256: string;
  mime: string;
  size: number;
  original_name: string | null;
  uploaded_by: number | null;
  uploaded_by_name: string | null;
  created_at: string;
}

export interface ConsultationRow {
  id: number;
  unit_id: number;
  work_id: number;
  question: string;
  opens_at: string;
  closes_at: string;
  created_by: number | null;
  created_at: string;
}

async function insertOne(db: Db, table: string, row: object): Promise<number> {
  const [r] = await db(table).insert(row).returning("id");
  return typeof r === "object" ? (r as { id: number }).id : (r as number);
}

/** Serialises writes on one work (PostgreSQL): an expense and the finding that holds it cannot cross. */
export async function lockWork(db: Db, workId: number): Promise<void> {
  if (dialectOf(db) === "postgres") await db("works").select("id").where({ id: workId }).forUpdate();
}

export const findWork = (db: Db, id: number) => db<WorkRow>("works").where({ id }).first();
export const findWorkIn = (db: Db, unitId: number, id: number) => db<WorkRow>("works").where({ unit_id: unitId, id }).first();
export const listWorks = (db: Db, unitId: number) => db<WorkRow>("works").where({ unit_id: unitId }).orderBy("number");
export const insertWork = (db: Db, row: Omit<WorkRow, "id">) => insertOne(db, "works", row);
export const updateWork = (db: Db, id: number, patch: Partial<WorkRow>) => db("works").where({ id }).update(patch);
export async function lastWorkNumber(db: Db, unitId: number): Promise<number> {
  const r = await db("works").max({ n: "number" }).where({ unit_id: unitId }).first();
  return Number(r?.n ?? 0);
}

export const linesOf = (db: Db, workIds: number[]) => db<LineRow>("work_lines").whereIn("work_id", workIds).orderBy("id");
export const insertLines = (db: Db, rows: Omit<LineRow, "id">[]) => (rows.length ? db("work_lines").insert(rows) : Promise.resolve());
export const deleteLines = (db: Db, workId: number, kind: string) => db("work_lines").where({ work_id: workId, kind }).delete();

export const insertTransition = (db: Db, row: object) => insertOne(db, "work_transitions", row);
export interface TransitionRow {
  id: number;
  work_id: number;
  from_status: string;
  to_status: string;
  date: string;
  note: string | null;
  /** JSON of the meeting decision, when one approved the work. */
  decision: string | null;
  created_by_name: string | null;
  created_at: string;
}
export const transitionsOf = (db: Db, workId: number) => db<TransitionRow>("work_transitions").where({ work_id: workId }).orderBy("id");
/** Settled works of these units with the day each was settled (its move's date). */
export const settledOfUnits = (db: Db, unitIds: number[]): Promise<{ id: number; unit_id: number; number: number; name: string; settled_on: string }[]> =>
  db("works as w").join("work_transitions as t", "t.work_id", "w.id").whereIn("w.unit_id", unitIds).where("t.to_status", "settled").select("w.id", "w.unit_id", "w.number", "w.name", { settled_on: "t.date" }).orderBy("w.id");
export const insertProgress = (db: Db, row: object) => insertOne(db, "work_progress", row);
export interface ProgressRow {
  id: number;
  work_id: number;
  date: string;
  percent: number;
  note: string | null;
  created_at: string;
}
export const progressOf = (db: Db, workId: number) => db<ProgressRow>("work_progress").where({ work_id: workId }).orderBy("id");

export const activeHold = (db: Db, workId: number) =>
  db("work_holds").where({ work_id: workId }).whereNull("lifted_at").orderBy("finding_id").first();
export const holdsOf = (db: Db, workId: number) => db("work_holds").where({ work_id: workId }).orderBy("id");
export const insertHold = (db: Db, row: object) => db("work_holds").insert(row);
export const liftHold = (db: Db, findingId: number, at: string) => db("work_holds").where({ finding_id: findingId }).whereNull("lifted_at").update({ lifted_at: at });

export const findExpense = (db: Db, unitId: number, id: number) => db<ExpenseRow>("expenses").where({ unit_id: unitId, id }).first();
export const insertExpense = (db: Db, row: Omit<ExpenseRow, "id">) => insertOne(db, "expenses", row);
export const updateExpense = (db: Db, id: number, patch: Partial<ExpenseRow>) => db("expenses").where({ id }).update(patch);
export function expensesOf(db: Db, workId: number, statuses?: string[]) {
  const q = db<ExpenseRow>("expenses").where({ work_id: workId }).orderBy("id");
  if (statuses) q.whereIn("status", statuses);
  return q;
}
/** The vouchers that posted these entries. */
export const expensesByEntryIds = (db: Db, entryIds: number[]) =>
  entryIds.length ? db<ExpenseRow>("expenses").whereIn("entry_id", entryIds) : Promise.resolve([] as ExpenseRow[]);
/** A work's posted vouchers paid by one of `methods`, dated strictly between `from` and `to`: payee and amount (split payments, DESIGN §6). */
export function postedBetween(db: Db, workId: number, from: string, to: string, methods: string[]) {
  return db<ExpenseRow>("expenses").select("payee", "amount").where({ work_id: workId, status: "posted" }).whereIn("method", methods).where("entry_date", ">", from).where("entry_date", "<", to) as unknown as Promise<Pick<ExpenseRow, "payee" | "amount">[]>;
}
/** Posted amounts of a work per kind and method: what its crew was advanced and has accounted for. */
export function postedByKindAndMethod(db: Db, workId: number) {
  return db("expenses")
    .select("kind", "method")
    .sum({ total: "amount" })
    .where({ work_id: workId, status: "posted" })
    .groupBy("kind", "method") as unknown as Promise<{ kind: string; method: string; total: number | string }[]>;
}

// An image stored before images were re-encoded at upload is stood for by its re-encoded copy once
// the start-up scrub has made it (attachment_scrubs): every read of an attachment takes those bytes.
const attachmentColumns = (db: Db) => [
  "a.id", "a.unit_id", "a.mime", "a.original_name", "a.uploaded_by", "a.uploaded_by_name", "a.created_at",
  db.raw("COALESCE(s.sha256, a.sha256) AS sha256"), db.raw("COALESCE(s.size, a.size) AS size"),
];
const attachmentRows = (db: Db) => db({ a: "attachments" }).leftJoin({ s: "attachment_scrubs" }, "s.attachment_id", "a.id");
export const findAttachment = (db: Db, id: number): Promise<AttachmentRow | undefined> => attachmentRows(db).select(attachmentColumns(db)).where("a.id", id).first();
export const attachmentsByIds = (db: Db, ids: number[]): Promise<AttachmentRow[]> => attachmentRows(db).select(attachmentColumns(db)).whereIn("a.id", ids);
export const insertAttachment = (db: Db, row: Omit<AttachmentRow, "id">) => insertOne(db, "attachments", row);
export const insertLinks = (db: Db, rows: object[]) => (rows.length ? db("attachment_links").insert(rows) : Promise.resolve());
/** Attachments linked to these records, each with the id of the record it documents (`ref_id`). */
export function linksOf(db: Db, kind: string, refIds: number[]): Promise<(AttachmentRow & { ref_id: number })[]> {
  return attachmentRows(db)
    .join({ l: "attachment_links" }, "a.id", "l.attachment_id")
    .select("l.ref_id", ...attachmentColumns(db))
    .where("l.kind", kind)
    .whereIn("l.ref_id", refIds)
    .orderBy("l.id") as unknown as Promise<(AttachmentRow & { ref_id: number })[]>;
}
export const publicLink = (db: Db, attachmentId: number) => db("attachment_links").where({ attachment_id: attachmentId, is_public: true }).first();

export const findConsultation = (db: Db, id: number) => db<ConsultationRow>("consultations").where({ id }).first();
export const consultationsOf = (db: Db, workId: number) => db<ConsultationRow>("consultations").where({ work_id: workId }).orderBy("id");
export const insertConsultation = (db: Db, row: Omit<ConsultationRow, "id">) => insertOne(db, "consultations", row);
// opinions.id is BIGINT: pg returns it as a string
export const insertOpinion = async (db: Db, row: object): Promise<number> => Number(await insertOne(db, "opinions", row));
export const hasOpinion = (db: Db, consultationId: number, householdId: number) =>
  db("opinions").select("id").where({ consultation_id: consultationId, household_id: householdId }).first();

/** Counts of each household's latest opinion (the highest id), per choice, for these consultations. */
export function tallies(db: Db, consultationIds: number[]) {
  return db("opinions as o")
    .select("o.consultation_id", "o.choice")
    .count({ n: "*" })
    .whereIn("o.consultation_id", consultationIds)
    .whereRaw("o.id = (SELECT MAX(l.id) FROM opinions l WHERE l.consultation_id = o.consultation_id AND l.household_id = o.household_id)")
    .groupBy("o.consultation_id", "o.choice") as unknown as Promise<{ consultation_id: number; choice: string; n: number | string }[]>;
}
/** The latest comments (without who wrote them), for staff. */
export function latestComments(db: Db, consultationId: number) {
  return db("opinions as o")
    .select("o.choice", "o.comment", "o.created_at")
    .where("o.consultation_id", consultationId)
    .whereNotNull("o.comment")
    .whereRaw("o.id = (SELECT MAX(l.id) FROM opinions l WHERE l.consultation_id = o.consultation_id AND l.household_id = o.household_id)")
    .orderBy("o.id") as unknown as Promise<{ choice: string; comment: string; created_at: string }[]>;
}

/** The funding lines of a unit's works (cancelled ones aside) that name one of `campaignIds`: how a campaign's money is shared. */
export const fundingOfCampaigns = (db: Db, unitId: number, campaignIds: number[]) =>
  db<LineRow>("work_lines as l")
    .join("works as w", "w.id", "l.work_id")
    .select("l.work_id", "l.category", "l.amount", "l.campaign_id")
    .where({ "l.unit_id": unitId, "l.kind": "funding" })
    .whereIn("l.campaign_id", campaignIds)
    .whereNot("w.status", "cancelled")
    .orderBy("l.work_id") as unknown as Promise<Pick<LineRow, "work_id" | "category" | "amount" | "campaign_id">[]>;

export interface ResponseRow {
  id: number;
  consultation_id: number;
  unit_id: number;
  work_id: number;
  summary: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_by: number | null;
  published_by_name: string | null;
}
export interface ResponseItemRow {
  id: number;
  response_id: number;
  unit_id: number;
  position: number;
  topic: string;
  taken_up: boolean | number;
  reason: string | null;
}
export const responsesOf = (db: Db, consultationIds: number[]) => db<ResponseRow>("consultation_responses").whereIn("consultation_id", consultationIds);
export const responseItemsOf = (db: Db, responseIds: number[]) => db<ResponseItemRow>("consultation_response_items").whereIn("response_id", responseIds).orderBy(["response_id", "position"]);
export const insertResponse = (db: Db, row: Omit<ResponseRow, "id">) => insertOne(db, "consultation_responses", row);
export const updateResponse = (db: Db, id: number, row: Partial<ResponseRow>) => db("consultation_responses").where({ id }).update(row);
export const deleteResponseItems = (db: Db, responseId: number) => db("consultation_response_items").where({ response_id: responseId }).delete();
export const insertResponseItems = (db: Db, rows: Omit<ResponseItemRow, "id">[]) => (rows.length ? db("consultation_response_items").insert(rows) : Promise.resolve());
/** The closed consultations of a work whose response is not published yet. */
export const unansweredConsultations = (db: Db, workId: number, at: string) =>
  db("consultations as c")
    .leftJoin("consultation_responses as r", "r.consultation_id", "c.id")
    .where("c.work_id", workId)
    .where("c.closes_at", "<=", at)
    .whereNull("r.published_at")
    .orderBy("c.id")
    .pluck("c.id") as Promise<number[]>;

import type { Db } from "../db/knex";

// knex on the tables supervision owns: board_works, inspections, inspection_addenda, findings,
// finding_transitions, cash_counts, feedback, feedback_photos. Boards, their units and members are
// identity's, read through it.

export interface InspectionRow {
  id: number;
  board_id: number;
  unit_id: number;
  work_id: number | null;
  inspection_date: string;
  members_present: string;
  checklist: string;
  status: "draft" | "filed" | "published";
  created_by: number | null;
  created_at: string;
  updated_at: string;
  filed_at: string | null;
  published_at: string | null;
  /** The unit's chain head when filed ("<seq>:<hash>"): an anchor of its books. */
  chain_head?: string | null;
}
export interface FindingRow {
  id: number;
  board_id: number;
  unit_id: number;
  work_id: number | null;
  inspection_id: number | null;
  cash_count_id: number | null;
  feedback_id: number | null;
  category: string;
  severity: string;
  description: string;
  recommendation: string;
  addressed_to: string;
  due_date: string;
  evidence: string;
  status: "open" | "answered" | "resolved" | "escalated";
  escalated_to: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  /** The board agreed that its text may name households in public (law.md L9); default no. */
  names_public?: boolean | number;
}
export interface FeedbackRow {
  id: number;
  unit_id: number;
  work_id: number;
  household_id: number | null;
  name: string | null;
  contact: string | null;
  text: string;
  photos: string;
  created_at: string;
  due_date: string;
  answer: string | null;
  answered_at: string | null;
  answered_by: number | null;
  answered_by_name: string | null;
  board_id: number | null;
  finding_id: number | null;
}

async function insertOne(db: Db, table: string, row: object): Promise<number> {
  const [r] = await db(table).insert(row).returning("id");
  return typeof r === "object" ? (r as { id: number }).id : (r as number);
}

export const boardWorks = (db: Db, boardIds: number[]) => db("board_works").whereIn("board_id", boardIds) as Promise<{ board_id: number; work_id: number; unit_id: number }[]>;
/** The Ban GSĐTCĐ set up for a work, or overseeing its unit (at `unitPath`) or one above it. */
export const gsdtcdOfWork = (db: Db, workId: number, unitPath: string) =>
  db("boards")
    .select("id", "name")
    .where("kind", "gsdtcd")
    .where((w) =>
      w
        .whereIn("id", db("board_works").select("board_id").where("work_id", workId))
        .orWhereIn("id", db("board_units").join("units", "units.id", "board_units.unit_id").select("board_units.board_id").whereRaw("? LIKE units.path || '%'", [unitPath])),
    )
    .orderBy("id") as Promise<{ id: number; name: string }[]>;
export const insertBoardWorks = (db: Db, rows: object[]) => (rows.length ? db("board_works").insert(rows) : Promise.resolve());
export const insertInspection = (db: Db, row: Omit<InspectionRow, "id">) => insertOne(db, "inspections", row);
export const findInspection = (db: Db, boardId: number, id: number) => db<InspectionRow>("inspections").where({ board_id: boardId, id }).first();
export const findInspectionInUnit = (db: Db, unitId: number, id: number) => db<InspectionRow>("inspections").where({ id, unit_id: unitId }).first();
export const inspectionsOfBoard = (db: Db, boardId: number) => db<InspectionRow>("inspections").where({ board_id: boardId }).orderBy("id", "desc");
export const publishedOfWorks = (db: Db, workIds: number[]) =>
  db<InspectionRow>("inspections").whereIn("work_id", workIds).where("status", "published").orderBy("inspection_date", "desc").orderBy("id", "desc");
/** Filed (and published) inspections of these units, oldest first. */
export const filedOfUnits = (db: Db, unitIds: number[]) => db<InspectionRow>("inspections").whereIn("unit_id", unitIds).whereIn("status", ["filed", "published"]).orderBy("id");
export const updateInspection = (db: Db, id: number, patch: Partial<InspectionRow>) => db("inspections").where({ id }).update(patch);
export const insertAddendum = (db: Db, row: object) => insertOne(db, "inspection_addenda", row);
export interface AddendumRow {
  id: number;
  inspection_id: number;
  unit_id: number;
  text: string;
  /** JSON array of attachment ids. */
  attachments: string;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
}
export const addendaOf = (db: Db, inspectionIds: number[]) => db<AddendumRow>("inspection_addenda").whereIn("inspection_id", inspectionIds).orderBy("id");

export const insertFinding = (db: Db, row: Omit<FindingRow, "id">) => insertOne(db, "findings", row);
export const findFinding = (db: Db, id: number) => db<FindingRow>("findings").where({ id }).first();
export const updateFinding = (db: Db, id: number, patch: Partial<FindingRow>) => db("findings").where({ id }).update(patch);
export const findingsOfInspections = (db: Db, ids: number[]) => db<FindingRow>("findings").whereIn("inspection_id", ids).orderBy("id");
export function listFindings(db: Db, f: { unitIds: number[]; status?: string; workId?: number; overdue?: boolean; today: string }) {
  const q = db<FindingRow>("findings").whereIn("unit_id", f.unitIds).orderBy("due_date").orderBy("id");
  if (f.status) q.where("status", f.status);
  if (f.workId) q.where("work_id", f.workId);
  if (f.overdue === true) q.where("due_date", "<", f.today).whereNot("status", "resolved");
  if (f.overdue === false) q.where((w) => w.where("due_date", ">=", f.today).orWhere("status", "resolved"));
  return q;
}
export const unsettledOfWork = (db: Db, workId: number) => db<FindingRow>("findings").select("id").where({ work_id: workId }).whereIn("status", ["open", "answered"]).orderBy("id");
export const insertFindingTransition = (db: Db, row: object) => insertOne(db, "finding_transitions", row);
export interface FindingTransitionRow {
  id: number;
  finding_id: number;
  unit_id: number;
  from_status: string;
  to_status: string;
  text: string;
  escalated_to: string | null;
  /** JSON array of attachment ids. */
  attachments: string;
  author_id: number | null;
  author_name: string | null;
  at: string;
}
export const transitionsOfFindings = (db: Db, ids: number[]) => db<FindingTransitionRow>("finding_transitions").whereIn("finding_id", ids).orderBy("id");

export const insertCashCount = (db: Db, row: object) => insertOne(db, "cash_counts", row);

// The chain heads counts and filed inspections recorded: anchors the ledger's verify holds the books to.
export const cashCountHeads = (db: Db, unitId: number) => db("cash_counts").select("id", { chainHead: "chain_head" }).where({ unit_id: unitId }).whereNotNull("chain_head");
export const inspectionHeads = (db: Db, unitId: number) => db("inspections").select("id", { chainHead: "chain_head" }).where({ unit_id: unitId }).whereNotNull("chain_head");

export const insertFeedback = (db: Db, row: Omit<FeedbackRow, "id">) => insertOne(db, "feedback", row);
export const findFeedback = (db: Db, id: number) => db<FeedbackRow>("feedback").where({ id }).first();
export const updateFeedback = (db: Db, id: number, patch: Partial<FeedbackRow>) => db("feedback").where({ id }).update(patch);
export function feedbackFor(db: Db, f: { workIds: number[]; unitIds: number[] }) {
  return db<FeedbackRow>("feedback")
    .where((w) => w.whereIn("work_id", f.workIds.length ? f.workIds : [0]).orWhereIn("unit_id", f.unitIds.length ? f.unitIds : [0]))
    .orderBy("id", "desc");
}
export const answeredOfWorks = (db: Db, workIds: number[]) => db<FeedbackRow>("feedback").whereIn("work_id", workIds).whereNotNull("answered_at").orderBy("id", "desc");

/** A photo a resident uploaded for feedback on a work; `feedback_id` once a feedback cites it. */
export interface ResidentPhotoRow {
  attachment_id: number;
  unit_id: number;
  work_id: number;
  feedback_id: number | null;
  created_at: string;
}
export const insertResidentPhoto = (db: Db, row: ResidentPhotoRow) => db("feedback_photos").insert(row);
export const residentPhotosByIds = (db: Db, attachmentIds: number[]) => db<ResidentPhotoRow>("feedback_photos").whereIn("attachment_id", attachmentIds);
/** Claims unclaimed photos for a feedback; returns how many it claimed. */
export const claimResidentPhotos = async (db: Db, attachmentIds: number[], feedbackId: number) =>
  Number(await db("feedback_photos").whereIn("attachment_id", attachmentIds).whereNull("feedback_id").update({ feedback_id: feedbackId }));
export const residentPhotosOf = (db: Db, feedbackId: number) => db<ResidentPhotoRow>("feedback_photos").where({ feedback_id: feedbackId }).orderBy("attachment_id");

import type { Db } from "../db/knex";
import type * as q from "./queries";

// Residents' feedback not answered by its due date, for the deadlines a commune watches (read by
// the deadlines module, which has authorized its caller on the unit).

export interface OverdueFeedback {
  id: number;
  unitId: number;
  workId: number;
  text: string;
  receivedAt: string;
  dueDate: string;
}

/** Unanswered feedback of these units whose due date is before `today` (YYYY-MM-DD, Vietnam), oldest due first. */
export async function overdueFeedback(db: Db, unitIds: number[], today: string): Promise<OverdueFeedback[]> {
  if (!unitIds.length) return [];
  const rows: q.FeedbackRow[] = await db<q.FeedbackRow>("feedback").whereIn("unit_id", unitIds).whereNull("answered_at").where("due_date", "<", today).orderBy("due_date").orderBy("id");
  return rows.map((f) => ({ id: f.id, unitId: f.unit_id, workId: f.work_id, text: f.text, receivedAt: f.created_at, dueDate: f.due_date }));
}

import type { Db } from "../db/knex";
import { registerProblems } from "../http/messages";
import { boardMembers, boardRow, findUnit, userNames } from "../identity";
import { boardComposition, type BoardRole, type Composition } from "../shared/board-composition";
import { ConflictError, NotFoundError } from "../shared/errors";
import { findWork } from "../works";
import * as q from "./queries";
import { findingSummary } from "./findings";
import { householdWords, publicFindingText } from "./public-text";
import type { FindingWire } from "./wire";

// The minutes (biên bản) of one inspection, read by id for publication's statement 4 (DESIGN §8):
// who inspected (the board and the unit it belongs to, its members, those present, who recorded
// it), what (a work or the unit's funds), when, the checklist as recorded, the findings with their
// current status, and the addenda.
//
// Minutes are "the inspection as filed" (CONTEXT.md): a draft is still being written and may change,
// so it makes no minutes (409 inspection_not_filed). A filed inspection is immutable (addenda only):
// the unit's staff and the boards overseeing it may download its minutes. Posting them for the
// public (a publication) needs the inspection published: public data never includes an inspection
// or its findings before `published` (409 inspection_not_published).
//
// The caller states its reason (`use`: a staff download or a publication) and the unit it has
// authorised the actor on (publication's statements do); the inspection is read within that unit
// only (another unit's inspection is a 404), and the reason decides which states may be shown.

registerProblems({
  inspection_not_filed: {
    vi: ["Chưa có biên bản", "Đợt giám sát {id} còn là bản nháp: chỉ lập biên bản khi Ban đã nộp (filed) đợt giám sát."],
    en: ["Inspection not filed", "Inspection {id} is still a draft: minutes are made once the board has filed it."],
  },
  inspection_not_published: {
    vi: ["Đợt giám sát chưa công bố", "Đợt giám sát {id} đang ở trạng thái {state}: chỉ công khai biên bản khi Ban đã công bố đợt giám sát."],
    en: ["Inspection not published", "Inspection {id} is {state}: its minutes are published only once the board has published the inspection."],
  },
});

export interface InspectionMinutes {
  id: number;
  unitId: number;
  status: "filed" | "published";
  date: string;
  filedAt: string | null;
  publishedAt: string | null;
  /** The board as it is when the minutes are printed: its members' roles, and whether it is made up as the law says. */
  board: { id: number; kind: "gsdtcd" | "ttnd"; name: string; unit: { id: number; name: string }; members: { userId: number; name: string; role: BoardRole; frontRepresentative: boolean }[]; composition: Composition };
  /** Those present, in the order recorded; `recorder`: the member who wrote the minutes. */
  membersPresent: { userId: number; name: string; recorder: boolean }[];
  recordedBy: string | null;
  subject: { work: { id: number; name: string; location: string; contractor: string | null } | null };
  /** The lines the board recorded, in its order (items it did not record are not on it). */
  checklist: { item: string; result: "ok" | "issue" | "not_checked"; note: string | null }[];
  findings: Pick<FindingWire, "id" | "category" | "severity" | "description" | "recommendation" | "addressedTo" | "dueDate" | "status" | "escalatedTo" | "overdue">[];

  addenda: { id: number; text: string; by: string | null; createdAt: string; attachments: number }[];
}

/** What the minutes are for: a staff download (filed or published) or a publication (published only). */
export type MinutesUse = "download" | "publication";

async function inspectionForMinutes(db: Db, unitId: number, id: number, use: MinutesUse): Promise<q.InspectionRow> {
  const i = await q.findInspectionInUnit(db, unitId, id);
  if (!i) throw new NotFoundError("inspection", { id });
  if (i.status === "draft") throw new ConflictError("inspection_not_filed", { id, state: i.status });
  if (use === "publication" && i.status !== "published") throw new ConflictError("inspection_not_published", { id, state: i.status });
  return i;
}

/** Checks that an inspection of the unit can make minutes for this use: 404 / 409 (see above). */
export async function checkMinutes(db: Db, unitId: number, id: number, use: MinutesUse): Promise<void> {
  await inspectionForMinutes(db, unitId, id, use);
}

/** The minutes of an inspection of the unit; overdue findings as of `day` (YYYY-MM-DD, Vietnam). */
export async function inspectionMinutes(db: Db, unitId: number, id: number, o: { day: string; use: MinutesUse }): Promise<InspectionMinutes> {
  const i = await inspectionForMinutes(db, unitId, id, o.use);
  const board = (await boardRow(db, i.board_id))!;
  const boardUnit = (await findUnit(db, board.unit_id))!;
  const rows = await boardMembers(db, [board.id]);
  const members = rows.map((m) => ({ userId: m.user_id, name: m.display_name, role: m.board_role ?? "member", frontRepresentative: Boolean(m.front_representative) }));
  // the law counts the members who serve: a deactivated user's grant is not one
  const serving = members.filter((_, i) => rows[i].is_active);
  const present = JSON.parse(i.members_present) as number[];
  const names = new Map((await userNames(db, [...present, ...(i.created_by ? [i.created_by] : [])])).map((u) => [u.id, u.display_name]));
  const work = i.work_id ? await findWork(db, i.work_id) : undefined;
  const findings = await q.findingsOfInspections(db, [i.id]);
  const addenda = await q.addendaOf(db, [i.id]);
  // posted for the public: no household named unless the board agreed (law.md L9)
  const words = o.use === "publication" && findings.some((f) => !f.names_public) ? await householdWords(db, [i.unit_id]) : [];
  return {
    id: i.id,
    unitId: i.unit_id,
    status: i.status as "filed" | "published",
    date: i.inspection_date,
    filedAt: i.filed_at,
    publishedAt: i.published_at,
    board: { id: board.id, kind: board.kind, name: board.name, unit: { id: boardUnit.id, name: boardUnit.name }, members, composition: boardComposition(board.kind, serving) },
    membersPresent: present.map((u) => ({ userId: u, name: names.get(u) ?? `#${u}`, recorder: u === i.created_by })),
    recordedBy: i.created_by ? (names.get(i.created_by) ?? null) : null,
    subject: { work: work ? { id: work.id, name: work.name, location: work.location, contractor: work.contractor } : null },
    checklist: (JSON.parse(i.checklist) as { item: string; result: "ok" | "issue" | "not_checked"; note: string | null }[]).map((l) => ({ item: l.item, result: l.result, note: l.note ?? null })),
    findings: findings.map((f) => publicFindingText(findingSummary(f, o.day), Boolean(f.names_public), words)),
    addenda: addenda.map((a) => ({ id: a.id, text: a.text, by: a.created_by_name, createdAt: a.created_at, attachments: (JSON.parse(a.attachments) as unknown[]).length })),
  };
}

import type { Db } from "../db/knex";
import { boardMembers, boardRow, findUnit } from "../identity";
import { boardComposition, type BoardRole, type Composition } from "../shared/board-composition";
import { NotFoundError } from "../shared/errors";
import { findWork } from "../works";
import { findingSummary } from "./findings";
import type { MinutesUse } from "./minutes";
import { householdWords, publicFindingText } from "./public-text";
import * as q from "./queries";
import type { FindingWire } from "./wire";

// A board's periodic report (báo cáo kết quả giám sát, law.md L13) for publication's `board-report`
// statement: the board and its make-up, its inspections of the period (filed or published; only
// published ones when it is posted for the public, like minutes), the works it oversees and how
// often each was inspected, and its findings of those inspections with their recommendations and
// where they stand. Cash counts' findings are not in it (never public).

export interface BoardReport {
  board: { id: number; kind: "gsdtcd" | "ttnd"; name: string; unitId: number; members: { name: string; role: BoardRole; frontRepresentative: boolean }[]; composition: Composition };
  inspections: { id: number; date: string; status: "filed" | "published"; unitId: number; work: { id: number; name: string } | null; findings: number }[];
  works: { id: number; name: string; unitId: number; unitName: string; status: string; inspections: number }[];
  findings: (Pick<FindingWire, "id" | "category" | "severity" | "description" | "recommendation" | "addressedTo" | "dueDate" | "status" | "escalatedTo" | "overdue">)[];
}

/** The board's report for the period (its commune `unitId`'s; another's board is a 404); overdue as of `day`. */
export async function boardReport(db: Db, unitId: number, boardId: number, o: { from: string; to: string; day: string; use: MinutesUse }): Promise<BoardReport> {
  const board = await boardRow(db, boardId);
  if (!board || board.unit_id !== unitId) throw new NotFoundError("board", { id: boardId });
  const memberRows = await boardMembers(db, [boardId]);
  const members = memberRows.filter((m) => m.is_active).map((m) => ({ name: m.display_name, role: m.board_role ?? ("member" as const), frontRepresentative: Boolean(m.front_representative) }));
  const shown = o.use === "publication" ? ["published"] : ["filed", "published"];
  const inspections = (await q.inspectionsOfBoard(db, boardId))
    .filter((i) => shown.includes(i.status) && i.inspection_date >= o.from && i.inspection_date <= o.to)
    .sort((a, b) => (a.inspection_date === b.inspection_date ? a.id - b.id : a.inspection_date < b.inspection_date ? -1 : 1));
  const findings = inspections.length ? await q.findingsOfInspections(db, inspections.map((i) => i.id)) : [];
  const words = o.use === "publication" && findings.some((f) => !f.names_public) ? await householdWords(db, inspections.map((i) => i.unit_id)) : [];
  const workIds = [...new Set([...(await q.boardWorks(db, [boardId])).map((w) => w.work_id), ...inspections.flatMap((i) => (i.work_id ? [i.work_id] : []))])];
  const works: BoardReport["works"] = [];
  for (const id of workIds.sort((a, b) => a - b)) {
    const w = await findWork(db, id);
    if (!w) continue;
    const unit = await findUnit(db, w.unitId);
    works.push({ id: w.id, name: w.name, unitId: w.unitId, unitName: unit?.name ?? "", status: w.status, inspections: inspections.filter((i) => i.work_id === w.id).length });
  }
  return {
    board: { id: board.id, kind: board.kind, name: board.name, unitId: board.unit_id, members, composition: boardComposition(board.kind, members) },
    inspections: inspections.map((i) => ({
      id: i.id, date: i.inspection_date, status: i.status as "filed" | "published", unitId: i.unit_id,
      work: i.work_id ? { id: i.work_id, name: works.find((w) => w.id === i.work_id)?.name ?? `#${i.work_id}` } : null,
      findings: findings.filter((f) => f.inspection_id === i.id).length,
    })),
    works,
    findings: findings.map((f) => publicFindingText(findingSummary(f, o.day), Boolean(f.names_public), words)),
  };
}

/** Checks that the board is the unit's: 404 otherwise. */
export async function checkBoardReport(db: Db, unitId: number, boardId: number): Promise<void> {
  const board = await boardRow(db, boardId);
  if (!board || board.unit_id !== unitId) throw new NotFoundError("board", { id: boardId });
}

import { together, type Db } from "../db/knex";
import { boardMembers, boardRow, boardUnits, findUnit, listPublicUnits } from "../identity";
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
  /** The board and its commune (`unitName`), whichever unit the report is asked at. */
  board: { id: number; kind: "gsdtcd" | "ttnd"; name: string; unitId: number; unitName: string; members: { name: string; role: BoardRole; frontRepresentative: boolean }[]; composition: Composition };
  inspections: { id: number; date: string; status: "filed" | "published"; unitId: number; unitName: string; work: { id: number; name: string } | null; findings: number }[];
  works: { id: number; name: string; unitId: number; unitName: string; status: string; inspections: number }[];
  findings: (Pick<FindingWire, "id" | "category" | "severity" | "description" | "recommendation" | "addressedTo" | "dueDate" | "status" | "escalatedTo" | "overdue">)[];
}

/**
 * The board's report for the period, overdue as of `day`. Asked at its commune, the whole report; at
 * a unit it oversees (a hamlet posting it), only what concerns that unit. Any other board: 404.
 */
export async function boardReport(db: Db, unitId: number, boardId: number, o: { from: string; to: string; day: string; use: MinutesUse }): Promise<BoardReport> {
  const { board, within } = await reportScope(db, unitId, boardId);
  const memberRows = await boardMembers(db, [boardId]);
  const members = memberRows.filter((m) => m.is_active).map((m) => ({ name: m.display_name, role: m.board_role ?? ("member" as const), frontRepresentative: Boolean(m.front_representative) }));
  const shown = o.use === "publication" ? ["published"] : ["filed", "published"];
  const inspections = (await q.inspectionsOfBoard(db, boardId))
    .filter((i) => shown.includes(i.status) && i.inspection_date >= o.from && i.inspection_date <= o.to && within.has(i.unit_id))
    .sort((a, b) => (a.inspection_date === b.inspection_date ? a.id - b.id : a.inspection_date < b.inspection_date ? -1 : 1));
  const findings = inspections.length ? await q.findingsOfInspections(db, inspections.map((i) => i.id)) : [];
  const words = o.use === "publication" && findings.some((f) => !f.names_public) ? await householdWords(db, inspections.map((i) => i.unit_id)) : [];
  const workIds = [...new Set([...(await q.boardWorks(db, [boardId])).filter((w) => within.has(w.unit_id)).map((w) => w.work_id), ...inspections.flatMap((i) => (i.work_id ? [i.work_id] : []))])];
  const works: BoardReport["works"] = [];
  for (const id of workIds.sort((a, b) => a - b)) {
    const w = await findWork(db, id);
    if (!w) continue;
    const unit = await findUnit(db, w.unitId);
    works.push({ id: w.id, name: w.name, unitId: w.unitId, unitName: unit?.name ?? "", status: w.status, inspections: inspections.filter((i) => i.work_id === w.id).length });
  }
  const unitNames = new Map<number, string>();
  for (const id of new Set(inspections.map((i) => i.unit_id))) unitNames.set(id, (await findUnit(db, id))?.name ?? "");
  return {
    board: { id: board.id, kind: board.kind, name: board.name, unitId: board.unit_id, unitName: (await findUnit(db, board.unit_id))?.name ?? "", members, composition: boardComposition(board.kind, members) },
    inspections: inspections.map((i) => ({
      id: i.id, date: i.inspection_date, status: i.status as "filed" | "published", unitId: i.unit_id, unitName: unitNames.get(i.unit_id) ?? "",
      work: i.work_id ? { id: i.work_id, name: works.find((w) => w.id === i.work_id)?.name ?? `#${i.work_id}` } : null,
      findings: findings.filter((f) => f.inspection_id === i.id).length,
    })),
    works,
    findings: findings.map((f) => publicFindingText(findingSummary(f, o.day), Boolean(f.names_public), words)),
  };
}

/** The board, and the units whose inspections and works a report asked at `unitId` holds (404: not the unit's board). */
async function reportScope(db: Db, unitId: number, boardId: number) {
  const [board, unit] = await together(db, () => boardRow(db, boardId), () => findUnit(db, unitId));
  const reach = board ? await boardUnits(db, [boardId]) : [];
  if (!board || !unit || (board.unit_id !== unitId && !reach.some((u) => unit.path.startsWith(u.path)))) throw new NotFoundError("board", { id: boardId });
  // at its commune: everything the board did
  if (board.unit_id === unitId) return { board, within: { has: (_: number) => true } };
  const under = (await listPublicUnits(db)).filter((u) => u.path.startsWith(unit.path)).map((u) => u.id);
  return { board, within: new Set([unitId, ...under]) };
}

/** Checks that a report of the board can be asked at the unit (its commune, or a unit it oversees): 404 otherwise. */
export async function checkBoardReport(db: Db, unitId: number, boardId: number): Promise<void> {
  await reportScope(db, unitId, boardId);
}

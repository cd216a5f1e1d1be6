import type { Knex } from "knex";
import { together, type Db } from "../db/knex";
import { Actor, authorize, BoardMemberInput, boardMembers, setBoardMember, boardRow, boardsOfUnit, boardUnits, BoardRow, covers, createBoard, findUnit, listPublicUnits, related, Unit } from "../identity";
import * as ledger from "../ledger";
import { boardComposition, type BoardRole, type Composition } from "../shared/board-composition";
import { ForbiddenError, NotFoundError, RuleViolation } from "../shared/errors";
import { findWork, Work } from "../works";
import * as q from "./queries";

// A board (Ban GSĐTCĐ, Ban TTND) and its reach: the units and works it oversees, its members. Every
// other room asks here who may act for a board (boardFor) and what it oversees.

/** The unit's chain head as counts and inspections record it: "<seq>:<hash>". */
export async function headNow(db: Db, unitId: number): Promise<string> {
  const h = await ledger.chainHead(db, unitId);
  return `${h.seq}:${h.hash}`;
}

export interface Board {
  id: number;
  unitId: number;
  unitPath: string;
  kind: "gsdtcd" | "ttnd";
  name: string;
  termStart: string | null;
  termEnd: string | null;
  unitIds: number[];
  unitPaths: string[];
  workIds: number[];
  members: { userId: number; username: string; displayName: string; role: BoardRole; frontRepresentative: boolean }[];
  /** Whether the board is made up as the law says (its active members), and why not. */
  composition: Composition;
  createdAt: string;
}

async function boards(db: Db, rows: BoardRow[]): Promise<Board[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [units, works, members] = await together(db, () => boardUnits(db, ids), () => q.boardWorks(db, ids), () => boardMembers(db, ids));
  return rows.map((r) => {
    const mine = members
      .filter((m) => m.board_id === r.id && m.is_active)
      .map((m) => ({ userId: m.user_id, username: m.username, displayName: m.display_name, role: m.board_role ?? "member", frontRepresentative: Boolean(m.front_representative) }));
    return {
    id: r.id,
    unitId: r.unit_id,
    unitPath: r.unit_path,
    kind: r.kind,
    name: r.name,
    termStart: r.term_start,
    termEnd: r.term_end,
    unitIds: units.filter((u) => u.board_id === r.id).map((u) => u.unit_id),
    unitPaths: units.filter((u) => u.board_id === r.id).map((u) => u.path),
    workIds: works.filter((w) => w.board_id === r.id).map((w) => w.work_id),
    members: mine,
    composition: boardComposition(r.kind, mine),
    createdAt: r.created_at,
  };
  });
}

export interface BoardInput {
  kind: "gsdtcd" | "ttnd";
  name: string;
  termStart?: string;
  termEnd?: string;
  oversees: { unitIds?: number[]; workIds?: number[] };
  members?: BoardMemberInput[];
}

/**
 * Sets up a commune's board and what it oversees: units, and works (one Ban GSĐTCĐ per work or
 * programme). identity's createBoard makes the board (and checks the caller, a commune admin);
 * supervision adds the works, whose units join the board's units so that its inspectors read those
 * units' books (DESIGN §2).
 */
export async function setUpBoard(trx: Knex.Transaction, actor: Actor, unitId: number, input: BoardInput): Promise<Board> {
  const works: Work[] = [];
  const ofWorks = async (commune: Unit) => {
    for (const id of input.oversees.workIds ?? []) {
      const w = await findWork(trx, id);
      const u = w && (await findUnit(trx, w.unitId));
      if (!w || !u || !u.path.startsWith(commune.path)) throw new NotFoundError("work", { id });
      works.push(w);
    }
    return works.map((w) => w.unitId);
  };
  const board = { kind: input.kind, name: input.name, termStart: input.termStart, termEnd: input.termEnd, oversees: { unitIds: input.oversees.unitIds ?? [] }, members: input.members };
  const { id } = await createBoard(trx, actor, unitId, board, ofWorks);
  await q.insertBoardWorks(trx, works.map((w) => ({ board_id: id, work_id: w.id, unit_id: w.unitId })));
  return (await boards(trx, [(await boardRow(trx, id))!]))[0];
}

/** Makes a user a member of the board with a role, or changes it (commune admins); the board as it is then. */
export async function setMember(trx: Knex.Transaction, actor: Actor, boardId: number, member: BoardMemberInput): Promise<Board> {
  await setBoardMember(trx, actor, boardId, member);
  return (await boards(trx, [(await boardRow(trx, boardId))!]))[0];
}

/** The commune's boards with what they oversee and their members (commune admins). */
export async function listBoards(db: Db, actor: Actor, unitId: number): Promise<Board[]> {
  await authorize(db, actor, ["admin"], unitId);
  return boards(db, await boardsOfUnit(db, unitId));
}

export const isMember = (actor: Actor, boardId: number) =>
  Boolean(actor.user?.grants.some((g) => g.role === "inspector" && g.boardId === boardId)) || actor.scopes.some((s) => s.role === "inspector" && s.boardId === boardId);

/**
 * The board, when the actor is one of its inspectors (or, to read, an admin of its commune). 404
 * for a board that does not exist or that the actor has nothing to do with; 403 otherwise.
 */
export async function boardFor(db: Db, actor: Actor, boardId: number, mode: "member" | "read" = "member"): Promise<Board> {
  const row = await boardRow(db, boardId);
  if (!row) throw new NotFoundError("board", { id: boardId });
  if (isMember(actor, boardId) || (mode === "read" && covers(actor, ["admin"], row.unit_path))) return (await boards(db, [row]))[0];
  if (related(actor, row.unit_path) || actor.scopes.some((s) => s.role === "inspector")) throw new ForbiddenError("forbidden", { needs: ["inspector"] });
  throw new NotFoundError("board", { id: boardId });
}

/** One board with what it oversees and its members: its inspectors, and admins of its commune. */
export async function getBoard(db: Db, actor: Actor, boardId: number): Promise<Board> {
  return boardFor(db, actor, boardId, "read");
}

const overseesUnit = (b: Board, u: Unit) => b.unitPaths.some((p) => u.path.startsWith(p));

export async function overseenWork(db: Db, b: Board, workId: number): Promise<{ work: Work; unit: Unit }> {
  const work = await findWork(db, workId);
  const unit = work && (await findUnit(db, work.unitId));
  if (!work || !unit || !(b.workIds.includes(workId) || overseesUnit(b, unit))) throw new NotFoundError("work", { id: workId });
  return { work, unit };
}

export async function overseenUnit(db: Db, b: Board, unitId: number): Promise<Unit> {
  const unit = await findUnit(db, unitId);
  if (!unit || !overseesUnit(b, unit)) throw new NotFoundError("unit", { id: unitId });
  return unit;
}

export function checkMembers(b: Board, ids: number[], path: string) {
  for (const id of ids) if (!b.members.some((m) => m.userId === id)) throw new RuleViolation("not_board_member", { userId: id, path });
}


/** An inspection of the board (404 otherwise). */
export async function inspectionIn(db: Db, boardId: number, id: number) {
  const i = await q.findInspection(db, boardId, id);
  if (!i) throw new NotFoundError("inspection", { id });
  return i;
}

/** What the board oversees, by id: its works, and every unit at or under its units. */
export async function worksOfBoard(db: Db, b: Board): Promise<{ workIds: number[]; unitIds: number[] }> {
  const units = (await listPublicUnits(db)).filter((u) => b.unitPaths.some((p) => u.path.startsWith(p))).map((u) => u.id);
  return { workIds: b.workIds, unitIds: units };
}

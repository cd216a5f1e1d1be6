import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { isValidDate } from "../shared/dates";
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from "../shared/errors";
import type { Actor } from "./actor";
import * as audit from "./audit";
import * as q from "./queries";
import { authorize, type Unit } from "./units";
import { grantRole } from "./users";

// Supervision boards as identity knows them: a commune's board and the units it oversees, which
// give its inspectors their scope. What a board does is supervision's.

export interface BoardInput {
  kind: "gsdtcd" | "ttnd";
  name: string;
  termStart?: string;
  termEnd?: string;
  oversees: { unitIds: number[] };
  /** Members to grant at once, each with their role on the board. */
  members?: BoardMemberInput[];
}

export type { BoardRole } from "./queries";
export interface BoardMemberInput {
  userId: number;
  role: q.BoardRole;
  frontRepresentative: boolean;
}

/**
 * Sets up a supervision board of a commune and the units it oversees; commune admins. The one verb
 * that makes a board: supervision, which adds the works a board oversees, calls it with `overseen`,
 * asked once the caller is known to be the commune's admin, for the units of those works (which
 * join the board's units, so that its inspectors read their books).
 */
export async function createBoard(
  trx: Knex.Transaction,
  actor: Actor,
  unitId: number,
  input: BoardInput,
  overseen?: (commune: Unit) => Promise<number[]>,
): Promise<{ id: number }> {
  const unit = await authorize(trx, actor, ["admin"], unitId);
  for (const d of [input.termStart, input.termEnd]) if (d && !isValidDate(d)) throw new ValidationError([{ path: "/termStart", code: "invalid_date" }]);
  if (input.termStart && input.termEnd && input.termEnd < input.termStart) throw new RuleViolation("end_before_start", { startDate: input.termStart, endDate: input.termEnd });
  const also = overseen ? await overseen(unit) : [];
  if (unit.kind !== "commune") throw new RuleViolation("board_needs_commune");
  const unitIds = [...new Set([...input.oversees.unitIds, ...also])];
  for (const u of unitIds) {
    const o = await q.findUnit(trx, u);
    if (!o || !o.path.startsWith(unit.path)) throw new NotFoundError("unit", { id: u });
  }
  const [{ id }] = await trx("boards")
    .insert({ unit_id: unitId, kind: input.kind, name: input.name, term_start: input.termStart ?? null, term_end: input.termEnd ?? null, created_at: actor.at })
    .returning("id");
  if (unitIds.length) await trx("board_units").insert(unitIds.map((u) => ({ board_id: id, unit_id: u })));
  await audit.record(trx, actor, { action: "board.created", entity: "board", entityId: id, unitId, details: { kind: input.kind, name: input.name } });
  for (const m of input.members ?? []) await setBoardMember(trx, actor, id, m);
  return { id };
}

/**
 * Makes a user a member of a board with a role, or changes a member's role (commune admins): an
 * inspector's grant on the board (given here through grantRole, with its checks, when the user has
 * none) carries the role and whether the member represents the Fatherland Front. One chair a board
 * (409 `board_has_chair`; the database holds it too).
 */
export async function setBoardMember(trx: Knex.Transaction, actor: Actor, boardId: number, m: BoardMemberInput): Promise<void> {
  let grant = await trx("grants").where({ user_id: m.userId, role: "inspector", board_id: boardId }).first("id");
  if (!grant) grant = await grantRole(trx, actor, m.userId, { role: "inspector", boardId });
  else {
    // The same checks as a grant's: the board's commune's admins, the users they see.
    const board = await q.findBoard(trx, boardId);
    if (!board) throw new NotFoundError("board", { id: boardId });
    await authorize(trx, actor, ["admin"], board.unit_id);
  }
  if (m.role === "chair") {
    const chair = await trx("grants").where({ board_id: boardId, board_role: "chair" }).whereNot({ id: grant.id }).first("user_id");
    if (chair) throw new ConflictError("board_has_chair", { userId: chair.user_id });
  }
  await trx("grants").where({ id: grant.id }).update({ board_role: m.role, front_representative: m.frontRepresentative });
  const board = (await q.findBoard(trx, boardId))!;
  await audit.record(trx, actor, { action: "board.member_set", entity: "board", entityId: boardId, unitId: board.unit_id, details: { userId: m.userId, role: m.role, frontRepresentative: m.frontRepresentative } });
}

/** A board's name and kind, without an access check (statements print who gave an opinion). */
export async function findBoard(db: Db, boardId: number): Promise<{ id: number; name: string; kind: string; unitId: number } | undefined> {
  const b = await q.findBoard(db, boardId);
  return b && { id: b.id, name: b.name, kind: b.kind, unitId: b.unit_id };
}

// Reads of boards for supervision, which keeps what boards do and has authorized its caller: no
// access check here. Rows as stored (a board's commune path beside it).
export type { BoardRow } from "./queries";
/** A board and its commune's path. */
export const boardRow = (db: Db, id: number) => q.findBoard(db, id);
/** A commune's boards, oldest first. */
export const boardsOfUnit = (db: Db, unitId: number) => q.boardsOf(db, unitId);
/** The units the boards oversee, with their paths. */
export const boardUnits = (db: Db, boardIds: number[]) => q.boardUnits(db, boardIds);
/** The boards' inspectors (their grants' users), active or not. */
export const boardMembers = (db: Db, boardIds: number[]) => q.boardMembers(db, boardIds);
/** Boards' names and kinds by id. */
export const boardNames = (db: Db, ids: number[]) => q.boardNames(db, ids);
/** Users' display names by id (who counted cash, who was present), without an access check. */
export const userNames = (db: Db, ids: number[]) => q.userNames(db, ids);

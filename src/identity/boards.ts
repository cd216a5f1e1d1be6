import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { NotFoundError, RuleViolation } from "../shared/errors";
import type { Actor } from "./actor";
import * as audit from "./audit";
import * as q from "./queries";
import { authorize } from "./units";

// Supervision boards as identity knows them: a commune's board and the units it oversees, which
// give its inspectors their scope. What a board does is supervision's.

export interface BoardInput {
  kind: "gsdtcd" | "ttnd";
  name: string;
  termStart?: string;
  termEnd?: string;
  oversees: { unitIds: number[] };
}

/** Sets up a supervision board of a commune and the units it oversees; commune admins. */
export async function createBoard(trx: Knex.Transaction, actor: Actor, unitId: number, input: BoardInput): Promise<{ id: number }> {
  const unit = await authorize(trx, actor, ["admin"], unitId);
  if (unit.kind !== "commune") throw new RuleViolation("board_needs_commune");
  for (const u of input.oversees.unitIds) {
    const o = await q.findUnit(trx, u);
    if (!o || !o.path.startsWith(unit.path)) throw new NotFoundError("unit", { id: u });
  }
  const [{ id }] = await trx("boards")
    .insert({ unit_id: unitId, kind: input.kind, name: input.name, term_start: input.termStart ?? null, term_end: input.termEnd ?? null, created_at: actor.at })
    .returning("id");
  if (input.oversees.unitIds.length) await trx("board_units").insert(input.oversees.unitIds.map((u) => ({ board_id: id, unit_id: u })));
  await audit.record(trx, actor, { action: "board.created", entity: "board", entityId: id, unitId, details: { kind: input.kind, name: input.name } });
  return { id };
}

/** A board's name and kind, without an access check (statements print who gave an opinion). */
export async function findBoard(db: Db, boardId: number): Promise<{ id: number; name: string; kind: string; unitId: number } | undefined> {
  const b = await q.findBoard(db, boardId);
  return b && { id: b.id, name: b.name, kind: b.kind, unitId: b.unit_id };
}

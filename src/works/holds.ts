import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { ConflictError, NotFoundError } from "../shared/errors";
import * as q from "./queries";

// Holds (DESIGN §7): a critical finding holds further payments on its work until it is resolved or
// escalated. The work keeps its holds (`work_holds`); supervision places and lifts them, naming the
// finding as its reason, and works never reads supervision's tables.

/** Places a hold on a work for a critical finding (404 work). */
export async function placeHold(trx: Knex.Transaction, workId: number, findingId: number, at: string): Promise<void> {
  const w = await q.findWork(trx, workId);
  if (!w) throw new NotFoundError("work", { id: workId });
  await q.lockWork(trx, workId);
  await q.insertHold(trx, { work_id: workId, unit_id: w.unit_id, finding_id: findingId, placed_at: at, lifted_at: null });
}

/** Lifts the hold a finding placed (none: nothing happens). */
export async function liftHold(trx: Knex.Transaction, findingId: number, at: string): Promise<void> {
  await q.liftHold(trx, findingId, at);
}

/**
 * Nothing is paid on a cancelled or settled work (409 work_closed; any other status takes vouchers)
 * nor while a hold is active (409 blocked_by_finding).
 */
export async function assertPayable(db: Db, w: q.WorkRow): Promise<void> {
  if (w.status === "settled" || w.status === "cancelled") throw new ConflictError("work_closed", { state: w.status });
  const h = await q.activeHold(db, w.id);
  if (h) throw new ConflictError("blocked_by_finding", { findingId: h.finding_id });
}

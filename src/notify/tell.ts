import type { Db } from "../db/knex";
import { Actor, authorize, STAFF } from "../identity";
import { NotFoundError } from "../shared/errors";
import type { Notified } from "./wire";

// What other modules call: the outbox's door (enqueue, in the caller's own transaction) and a
// receipt's delivery state. It imports nothing of those modules, so they can import it without
// notify's routes (which read contributions' PINs) leading back to them.
export { enqueue, enqueueMany } from "./outbox";
export type { NotifyEvent } from "./events";

/** Whether a receipt's household was told. Staff who may read the unit. */
export async function receiptNotified(db: Db, actor: Actor, unitId: number, contributionId: number): Promise<Notified> {
  await authorize(db, actor, STAFF, unitId);
  const c = await db("contributions").select("id", "household_id").where({ id: contributionId, unit_id: unitId, kind: "receipt" }).first();
  if (!c) throw new NotFoundError("contribution", { id: contributionId });
  const event = await db("outbox_events").select("id", "fanned_at").where({ kind: "receipt", ref_id: contributionId }).first();
  if (!event) return "none";
  if (!event.fanned_at) {
    // Not yet fanned out: told soon if the household has a subscription to receipts.
    const sub = await db("subscriptions").where({ household_id: c.household_id, status: "active" }).where("topics", "like", '%"receipts"%').first("id");
    return sub ? "pending" : "none";
  }
  const rows = (await db("outbox").select("status").where({ event_id: event.id })) as { status: string }[];
  if (!rows.length) return "none";
  if (rows.some((r) => r.status === "sent")) return "sent";
  if (rows.every((r) => r.status === "parked")) return "failed";
  return "pending";
}

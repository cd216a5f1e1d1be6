import type { Knex } from "knex";
import type { NotifyEvent } from "./events";

// DESIGN: the event is written in the transaction of the write that caused it, as one row, whatever
// the number of subscribers: the write commits with its event or neither, and its request time
// does not grow with subscribers or with the outbox. The worker fans it out to recipients later.

/** Records that `event` happened at `at`, in the caller's transaction (one insert). */
export async function enqueue(trx: Knex.Transaction, at: string, event: NotifyEvent): Promise<void> {
  const { kind, unitId, refId, ...payload } = event;
  await trx("outbox_events").insert({ unit_id: unitId, kind, ref_id: refId, payload: JSON.stringify(payload), created_at: at, fanned_at: null, claimed_until: null });
}

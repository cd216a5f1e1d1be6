import type { Knex } from "knex";
import type { NotifyEvent } from "./events";

// DESIGN: the event is written in the transaction of the write that caused it, as one row, whatever
// the number of subscribers: the write commits with its event or neither, and its request time
// does not grow with subscribers or with the outbox. The worker fans it out to recipients later.

/** Records that `event` happened at `at`, in the caller's transaction (one insert). */
export async function enqueue(trx: Knex.Transaction, at: string, event: NotifyEvent): Promise<void> {
  await enqueueMany(trx, at, [event]);
}

/** Several events in one statement (an imported sheet's receipts), each its own. */
export async function enqueueMany(trx: Knex.Transaction, at: string, events: NotifyEvent[]): Promise<void> {
  const rows = events.map(({ kind, unitId, refId, ...payload }) => ({ unit_id: unitId, kind, ref_id: refId, payload: JSON.stringify(payload), created_at: at, fanned_at: null, claimed_until: null }));
  for (let i = 0; i < rows.length; i += 500) await trx("outbox_events").insert(rows.slice(i, i + 500));
}

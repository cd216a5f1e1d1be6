import type { Db } from "../db/knex";
import { Actor, authorize } from "../identity";
import { ConflictError, NotFoundError } from "../shared/errors";
import type { NotifyConfig } from "./config";
import { maskAddress } from "./subscriptions";
import type { Channel, OutboxMessageWire, OutboxWire, SubscriptionWire, Topic } from "./wire";

// What staff see of delivery: whether a receipt's household was told; for a unit's admins the
// outbox (sent, failing, parked) and a retry; the subscriptions with their addresses masked.

/** The unit and the units under it, by the unit tree's paths. */
const subtree = (db: Db, path: string) => db("units").select("id").where("path", "like", `${path}%`);

type Row = { id: number; kind: string; channel: Channel; household_code: string; address: string; status: "pending" | "sent" | "parked"; tries: number; next_at: string; last_error: string | null; reason: string | null; created_at: string; sent_at: string | null };

function messageWire(r: Row): OutboxMessageWire {
  return {
    id: Number(r.id), kind: r.kind, channel: r.channel, householdCode: r.household_code, address: maskAddress(r.channel, r.address),
    status: r.status === "pending" && Number(r.tries) > 0 ? "failing" : r.status, tries: Number(r.tries), nextAt: r.next_at, lastError: r.last_error,
    reason: r.reason, createdAt: r.created_at, sentAt: r.sent_at,
  };
}

const messages = (db: Db) => db("outbox as m")
  .join("outbox_events as e", "e.id", "m.event_id")
  .join("subscriptions as s", "s.id", "m.subscription_id")
  .join("households as h", "h.id", "m.household_id")
  .select("m.id", "e.kind", "m.channel", "h.code as household_code", "s.address", "m.status", "m.tries", "m.next_at", "m.last_error", "m.reason", "m.created_at", "m.sent_at");

/** The unit's outbox, newest first (100), with counts per state. Admins of the unit or above. */
export async function outboxOf(db: Db, actor: Actor, cfg: NotifyConfig, configured: Record<Channel, boolean>, unitId: number, status?: OutboxMessageWire["status"]): Promise<OutboxWire> {
  const unit = await authorize(db, actor, ["admin"], unitId);
  const q = messages(db).whereIn("m.unit_id", subtree(db, unit.path)).orderBy("m.id", "desc").limit(100);
  if (status === "failing") q.where("m.status", "pending").where("m.tries", ">", 0);
  else if (status === "pending") q.where("m.status", "pending").where("m.tries", 0);
  else if (status) q.where("m.status", status);
  const counts = (await db("outbox").whereIn("unit_id", subtree(db, unit.path))
    .select("status", db.raw("CASE WHEN tries > 0 THEN 1 ELSE 0 END AS tried"), db.raw("COUNT(*) AS n")).groupBy("status", db.raw("CASE WHEN tries > 0 THEN 1 ELSE 0 END"))) as { status: string; tried: number | string; n: number | string }[];
  const count = (s: string, tried?: boolean) => counts.filter((c) => c.status === s && (tried === undefined || (Number(c.tried) === 1) === tried)).reduce((a, c) => a + Number(c.n), 0);
  const q2 = cfg.quietHours;
  return {
    channels: configured,
    quietHours: q2 ? `${q2.from}-${q2.to}` : null,
    counts: { pending: count("pending", false), failing: count("pending", true), sent: count("sent"), parked: count("parked") },
    data: ((await q) as Row[]).map(messageWire),
  };
}

/** Sends a parked or failing message again now, its tries counted afresh. 409 not_parked when it was sent. */
export async function retryMessage(db: Db, actor: Actor, unitId: number, messageId: number, at: string): Promise<OutboxMessageWire> {
  const unit = await authorize(db, actor, ["admin"], unitId);
  const row = (await messages(db).where("m.id", messageId).whereIn("m.unit_id", subtree(db, unit.path)).first()) as Row | undefined;
  if (!row) throw new NotFoundError("message", { id: messageId });
  if (row.status === "sent") throw new ConflictError("not_parked", { id: messageId });
  await db("outbox").where({ id: messageId }).update({ status: "pending", tries: 0, next_at: at, claimed_until: null, reason: null });
  return messageWire((await messages(db).where("m.id", messageId).first()) as Row);
}

/** The subscriptions of a unit's households, addresses masked. Admins of the unit or above. */
export async function subscriptionsOf(db: Db, actor: Actor, unitId: number): Promise<SubscriptionWire[]> {
  const unit = await authorize(db, actor, ["admin"], unitId);
  const rows = await db("subscriptions as s").join("households as h", "h.id", "s.household_id")
    .select("s.id", "h.code", "s.channel", "s.address", "s.topics", "s.status", "s.consented_at", "s.withdrawn_at")
    .whereIn("s.unit_id", subtree(db, unit.path)).orderBy("s.id", "desc").limit(500);
  return rows.map((r) => ({
    id: Number(r.id), householdCode: r.code, channel: r.channel, address: maskAddress(r.channel, r.address), topics: JSON.parse(r.topics) as Topic[],
    status: r.status, consentedAt: r.consented_at, withdrawnAt: r.withdrawn_at,
  }));
}

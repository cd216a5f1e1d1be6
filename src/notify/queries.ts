import type { Knex } from "knex";
import type { Db } from "../db/knex";
import type { ChannelName } from "./channels/channel";
import { TOPIC_OF, type EventKind, type Topic } from "./events";

// The tables notify owns: subscriptions, outbox_events, outbox. Finding an event's recipients reads
// who contributed to what (contributions, work_lines) and the unit tree: read-only lookups by index,
// kept here so the modules that write those tables need not know about notifications.

export interface SubscriptionRow {
  id: number;
  unit_id: number;
  household_id: number;
  channel: ChannelName;
  address: string;
  topics: string;
  status: "pending" | "active" | "withdrawn";
  code_hash: string | null;
  code_expires_at: string | null;
  code_tries: number;
  purpose: string;
  consented_at: string | null;
  withdrawn_at: string | null;
  withdrawn_how: string | null;
  token: string;
  created_at: string;
}

export interface EventRow {
  id: number;
  unit_id: number;
  kind: EventKind;
  ref_id: number;
  payload: string;
  created_at: string;
}

export interface MessageRow {
  id: number;
  event_id: number;
  unit_id: number;
  subscription_id: number;
  household_id: number;
  channel: ChannelName;
  status: "pending" | "sent" | "parked";
  tries: number;
  next_at: string;
  last_error: string | null;
  reason: string | null;
  created_at: string;
  sent_at: string | null;
}

export const isPg = (db: Db) => db.client.config.client === "pg";

export const insertSubscription = async (trx: Knex.Transaction, row: Omit<SubscriptionRow, "id">): Promise<number> => {
  try {
    const [r] = await trx("subscriptions").insert(row).returning("id");
    return typeof r === "object" ? r.id : r;
  } catch (err) {
    // knex puts the statement with its values (the address) in the message, which a 500 logs: keep only the database's part.
    throw new Error(`subscription not recorded: ${String((err as Error)?.message ?? err).split(" - ").pop()}`);
  }
};
export const findSubscription = (db: Db, id: number) => db<SubscriptionRow>("subscriptions").where({ id }).first();
export const updateSubscription = (db: Db, id: number, patch: Partial<SubscriptionRow>) => db("subscriptions").where({ id }).update(patch);
export const subscriptionsOfHousehold = (db: Db, householdId: number) => db<SubscriptionRow>("subscriptions").where({ household_id: householdId }).whereNot({ status: "withdrawn" });

/** Unfanned events, oldest first; on PostgreSQL locked, skipping those another worker holds. */
export async function claimEvents(trx: Knex.Transaction, limit: number): Promise<EventRow[]> {
  const q = trx<EventRow>("outbox_events").select("id", "unit_id", "kind", "ref_id", "payload", "created_at").whereNull("fanned_at").orderBy("id").limit(limit);
  return isPg(trx) ? q.forUpdate().skipLocked() : q;
}

export const markFanned = (trx: Knex.Transaction, ids: number[], at: string) => trx("outbox_events").whereIn("id", ids).update({ fanned_at: at });

const withTopic = (topic: Topic) => `%"${topic}"%`;

export type Recipient = Pick<SubscriptionRow, "id" | "household_id" | "channel">;

/** Active subscriptions that should hear of `e`, by id and channel: `limit` of them after subscription `after`. */
export async function recipientsOf(db: Db, e: EventRow, after = 0, limit = 5000): Promise<Recipient[]> {
  const payload = JSON.parse(e.payload) as { householdId?: number | null };
  const q = db<SubscriptionRow>("subscriptions as s").select("s.id", "s.household_id", "s.channel").where("s.status", "active").where("s.topics", "like", withTopic(TOPIC_OF[e.kind]))
    .where("s.id", ">", after).orderBy("s.id").limit(limit);
  switch (e.kind) {
    case "receipt":
    case "feedback_answer":
      if (!payload.householdId) return [];
      return q.where("s.household_id", payload.householdId);
    case "work_moved":
    case "work_progress":
    case "work_payment":
      // Households that paid into a campaign funding the work.
      return q.whereIn("s.household_id", db("contributions as c").join("work_lines as l", "l.campaign_id", "c.campaign_id")
        .where({ "l.work_id": e.ref_id, "l.kind": "funding", "c.kind": "receipt" }).distinct("c.household_id"));
    case "publication":
    case "consultation": {
      // The unit's subscribers and those of the units under it (a commune's statement reaches its hamlets).
      const unit = await db("units").select("path").where({ id: e.unit_id }).first();
      return q.whereIn("s.unit_id", db("units").select("id").where("path", "like", `${unit?.path ?? "-"}%`));
    }
  }
}

/** Inserts messages, once per event and recipient: a second fan-out of the same event adds nothing. */
export async function insertMessages(trx: Knex.Transaction, rows: Omit<MessageRow, "id" | "status" | "tries" | "last_error" | "reason" | "sent_at">[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await trx("outbox").insert(rows.slice(i, i + 500)).onConflict(["event_id", "subscription_id"]).ignore();
  }
}

/**
 * Claims up to `limit` due messages for `leaseUntil`: a claim another worker holds (its lease not
 * run out) is left alone. PostgreSQL: FOR UPDATE SKIP LOCKED, so two workers never wait on each
 * other; SQLite: one writer at a time across processes, so the UPDATE itself is the claim.
 */
export async function claimMessages(db: Knex, now: string, leaseUntil: string, limit: number): Promise<number[]> {
  const lock = isPg(db) ? "FOR UPDATE SKIP LOCKED" : "";
  const rows = (await db.raw(
    `UPDATE outbox SET claimed_until = ? WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_at, id LIMIT ? ${lock}) RETURNING id`,
    [leaseUntil, now, now, limit],
  )) as { rows?: { id: number }[] } | { id: number }[];
  return (Array.isArray(rows) ? rows : rows.rows ?? []).map((r) => Number(r.id));
}

export interface ClaimedMessage {
  id: number;
  event_id: number;
  subscription_id: number;
  channel: ChannelName;
  tries: number;
  kind: EventKind;
  payload: string;
  address: string;
  token: string;
  unit_name: string;
  household_code: string;
}

/** What composing and sending claimed messages needs. */
export function claimedMessages(db: Db, ids: number[]): Promise<ClaimedMessage[]> {
  return db("outbox as m")
    .join("outbox_events as e", "e.id", "m.event_id")
    .join("subscriptions as s", "s.id", "m.subscription_id")
    .join("units as u", "u.id", "m.unit_id")
    .join("households as h", "h.id", "m.household_id")
    .select("m.id", "m.event_id", "m.subscription_id", "m.channel", "m.tries", "e.kind", "e.payload", "s.address", "s.token", "u.name as unit_name", "h.code as household_code", "s.status as subscription_status")
    .whereIn("m.id", ids) as unknown as Promise<ClaimedMessage[]>;
}

export const markSent = (db: Db, ids: number[], at: string) =>
  db("outbox").whereIn("id", ids).update({ status: "sent", sent_at: at, claimed_until: null, last_error: null, reason: null });

export const markFailed = (db: Db, id: number, patch: { status: "pending" | "parked"; tries: number; next_at: string; last_error: string }) =>
  db("outbox").where({ id }).update({ ...patch, claimed_until: null, reason: null });

/** Left waiting without a try: nothing to send it with (or a withdrawn subscription: parked). */
export const markWaiting = (db: Db, ids: number[], nextAt: string, reason: string) =>
  db("outbox").whereIn("id", ids).update({ next_at: nextAt, reason, claimed_until: null });

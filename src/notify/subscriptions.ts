import crypto from "node:crypto";
import type { Knex } from "knex";
import type { Db } from "../db/knex";
import type { PinGuard } from "../deps";
import { proveHouseholdPin } from "../contributions";
import { Actor, audit, findUnit, hashPassword, listPublicUnits, verifyPassword } from "../identity";
import { AppError, ForbiddenError, NotFoundError, RuleViolation } from "../shared/errors";
import type { Channels } from "./channels";
import type { Topic } from "./events";
import * as q from "./queries";
import { confirmCodeMessage } from "./templates";
import type { Channel, SubscriptionStartedWire, SubscriptionStatusWire } from "./wire";

// A household subscribes itself (Decree 13/2023): with its code and PIN it names a channel, an
// address and topics; a 6-digit code goes to that address through that channel, and only the code
// typed back makes the subscription active: the consent, with its purpose, is recorded then. It is
// withdrawn by the link in every message or with the code and PIN again. No staff route subscribes
// anyone. The address is read only by the worker and shown to admins masked; never logged or audited.

const CODE_MINUTES = 15;
const CODE_TRIES = 5;

const TOPIC_NAMES: Record<Topic, string> = {
  receipts: "phiếu thu của hộ", works: "tiến độ và chi tiêu của công trình hộ đã đóng góp", publications: "công khai tài chính",
  consultations: "lấy ý kiến người dân", feedback: "trả lời phản ánh của hộ",
};

export interface SubscribeInput {
  householdCode: string;
  pin: string;
  channel: Channel;
  address: string;
  topics: Topic[];
}

/** A phone number as 0xxxxxxxxx, or an e-mail address in lower case; 422 invalid_address otherwise. */
export function normalAddress(channel: Channel, address: string): string {
  const a = address.trim();
  if (channel === "email") {
    if (/^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(a)) return a.toLowerCase();
    throw new RuleViolation("invalid_address", { channel, expected: "một địa chỉ thư điện tử", path: "/address" });
  }
  const digits = a.replace(/[ .-]/g, "");
  const m = /^(?:\+?84|0)([35789][0-9]{8})$/.exec(digits);
  if (m) return `0${m[1]}`;
  throw new RuleViolation("invalid_address", { channel, expected: "một số điện thoại di động Việt Nam", path: "/address" });
}

/** "09xx xxx 123" for a phone, "n***@example.vn" for an e-mail address: what an admin may see. */
export function maskAddress(channel: Channel | string, address: string): string {
  if (channel === "email") {
    const [user, domain] = address.split("@");
    return `${user.slice(0, 1)}***@${domain ?? ""}`;
  }
  return `${address.slice(0, 2)}xx xxx ${address.slice(-3)}`;
}

/** The hamlets whose households subscribe at `unitId`: itself, or a commune's hamlets. */
async function householdUnits(db: Db, unitId: number): Promise<number[]> {
  const unit = await findUnit(db, unitId);
  if (!unit) throw new NotFoundError("unit", { id: unitId });
  if (unit.kind === "hamlet") return [unit.id];
  return (await listPublicUnits(db)).filter((u) => u.parentId === unit.id).map((u) => u.id);
}

/**
 * Starts a subscription (public): the household's code and PIN (throttled like every PIN route),
 * then its code, sent at once through the channel, and a pending subscription. 503
 * channel_unavailable, with nothing written, when the code cannot be sent.
 */
export async function subscribe(db: Knex, actor: Actor, guard: PinGuard, channels: Channels, unitId: number, input: SubscribeInput): Promise<SubscriptionStartedWire> {
  const address = normalAddress(input.channel, input.address);
  const units = await householdUnits(db, unitId);
  const household = await proveHouseholdPin(db, actor, guard, units, unitId, input.householdCode, input.pin);
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  const codeHash = await hashPassword(code, guard.scryptCost ?? 16384);
  const unit = (await findUnit(db, household.unitId))!;
  const topics = TOPICS_ORDER.filter((t) => input.topics.includes(t));
  // The code goes out first: a channel that cannot send it leaves nothing written (503).
  const channel = channels[input.channel];
  try {
    if (!channel) throw new Error("not configured");
    await channel.send(address, confirmCodeMessage(code, unit.name, CODE_MINUTES), `subscription-${crypto.randomUUID()}`);
  } catch {
    throw new AppError(503, "channel_unavailable", { channel: input.channel });
  }
  const id = await db.transaction(async (trx) => {
    const sid = await q.insertSubscription(trx, {
      unit_id: household.unitId, household_id: household.id, channel: input.channel, address, topics: JSON.stringify(topics), status: "pending",
      code_hash: codeHash, code_expires_at: new Date(Date.parse(actor.at) + CODE_MINUTES * 60_000).toISOString(), code_tries: 0,
      purpose: `${unit.name} gửi cho hộ ${household.code} tin về: ${topics.map((t) => TOPIC_NAMES[t]).join("; ")}.`,
      consented_at: null, withdrawn_at: null, withdrawn_how: null, token: crypto.randomBytes(24).toString("base64url"), created_at: actor.at,
    });
    await audit.record(trx, actor, { action: "subscription.requested", entity: "subscription", entityId: sid, unitId: household.unitId, details: { householdId: household.id, channel: input.channel, topics } });
    return sid;
  });
  return { id, status: "pending" };
}

const TOPICS_ORDER: Topic[] = ["receipts", "works", "publications", "consultations", "feedback"];

/** Confirms a subscription with its code: consent given now. 403 invalid_code; 410 code_expired after 15 minutes or 5 wrong codes. */
export async function confirmSubscription(db: Knex, actor: Actor, id: number, code: string): Promise<SubscriptionStatusWire> {
  const s = await q.findSubscription(db, id);
  if (!s) throw new NotFoundError("subscription", { id });
  if (s.status === "active") return { status: "active" };
  if (s.status !== "pending" || !s.code_hash || !s.code_expires_at || s.code_expires_at <= actor.at || s.code_tries >= CODE_TRIES) throw new AppError(410, "code_expired");
  if (!(await verifyPassword(code, s.code_hash))) {
    // Counted in the database, outside any transaction the refusal would roll back: the code has
    // a million values, five tries in all.
    const n = await db("subscriptions").where({ id, status: "pending" }).where("code_tries", "<", CODE_TRIES).increment("code_tries", 1);
    if (Number(n) === 0) throw new AppError(410, "code_expired");
    throw new ForbiddenError("invalid_code", { left: CODE_TRIES - s.code_tries - 1 });
  }
  return db.transaction(async (trx) => {
    const n = await trx("subscriptions").where({ id, status: "pending" }).update({ status: "active", code_hash: null, code_expires_at: null, consented_at: actor.at });
    if (Number(n) === 1) await audit.record(trx, actor, { action: "subscription.confirmed", entity: "subscription", entityId: id, unitId: s.unit_id, details: { householdId: s.household_id, channel: s.channel, purpose: s.purpose } });
    return { status: "active" as const };
  });
}

async function withdraw(trx: Knex.Transaction, actor: Actor, s: q.SubscriptionRow, how: "link" | "pin") {
  const n = await trx("subscriptions").where({ id: s.id }).whereNot({ status: "withdrawn" }).update({ status: "withdrawn", withdrawn_at: actor.at, withdrawn_how: how, code_hash: null });
  if (Number(n) === 1) await audit.record(trx, actor, { action: "subscription.withdrawn", entity: "subscription", entityId: s.id, unitId: s.unit_id, details: { householdId: s.household_id, channel: s.channel, how } });
}

/** Whether `token` is the subscription's link token, compared in constant time. */
export function tokenMatches(s: Pick<q.SubscriptionRow, "token">, token: string): boolean {
  const given = Buffer.from(token);
  return given.length === Buffer.byteLength(s.token) && crypto.timingSafeEqual(given, Buffer.from(s.token));
}

/** Withdraws by the link of a message (its id and token); 404 for a wrong token, as for no subscription. */
export async function withdrawByLink(db: Knex, actor: Actor, id: number, token: string): Promise<SubscriptionStatusWire> {
  const s = await q.findSubscription(db, id);
  if (!s || !tokenMatches(s, token)) throw new NotFoundError("subscription", { id });
  await db.transaction((trx) => withdraw(trx, actor, s, "link"));
  return { status: "withdrawn" };
}

/** Withdraws a household's subscriptions (on one channel, or all) with its code and PIN. */
export async function withdrawByPin(db: Knex, actor: Actor, guard: PinGuard, unitId: number, input: { householdCode: string; pin: string; channel?: Channel }): Promise<{ withdrawn: number }> {
  const household = await proveHouseholdPin(db, actor, guard, await householdUnits(db, unitId), unitId, input.householdCode, input.pin);
  const subs = (await q.subscriptionsOfHousehold(db, household.id)).filter((s) => !input.channel || s.channel === input.channel);
  await db.transaction(async (trx) => {
    for (const s of subs) await withdraw(trx, actor, s, "pin");
  });
  return { withdrawn: subs.length };
}

import { hashPassword } from "../../src/identity";
import type { NotifyWorker } from "../../src/notify";
import { ADMINS, ALL, Case, Caller, Ctx } from "../helpers/authz";
import { issuePinForTests } from "../helpers/pins";

// Residents subscribe, confirm and withdraw themselves (public, with code and PIN). No staff route
// creates a subscription. The outbox and the subscriptions list are for admins of the unit or above;
// whether a receipt's household was told, for staff who read the unit.

const residentOf = new WeakMap<Ctx, { code: string; pin: string }>();

async function resident(c: Ctx) {
  const h = await issuePinForTests(c.t, c.unitId, `N${c.n}`);
  residentOf.set(c, h);
  return h;
}

/** A subscription of a fresh household, pending with the code 123456, and one message of it in the outbox. */
async function subscription(c: Ctx) {
  const h = await issuePinForTests(c.t, c.unitId, `S${c.n}`);
  const at = c.t.clock.now().toISOString();
  const [s] = await c.t.db("subscriptions").insert({
    unit_id: c.unitId, household_id: h.id, channel: "sms", address: "0912345678", topics: '["receipts"]', status: "pending", code_hash: await hashPassword("123456", 1024),
    code_expires_at: new Date(Date.parse(at) + 600_000).toISOString(), code_tries: 0, purpose: "thử", token: `token-${c.n}-abcdefghij`, created_at: at,
  }).returning("id");
  const subscriptionId = typeof s === "object" ? s.id : s;
  const [e] = await c.t.db("outbox_events").insert({ unit_id: c.unitId, kind: "publication", ref_id: 1, payload: '{"title":"x","code":"y"}', created_at: at, fanned_at: at }).returning("id");
  const [m] = await c.t.db("outbox").insert({ event_id: typeof e === "object" ? e.id : e, unit_id: c.unitId, subscription_id: subscriptionId, household_id: h.id, channel: "sms", status: "parked", tries: 8, next_at: at, created_at: at }).returning("id");
  return { subscriptionId, messageId: typeof m === "object" ? m.id : m };
}

async function receiptOf(c: Ctx) {
  const token = c.w.treasurerA.token;
  const h = await c.t.as(token).post(`/units/${c.unitId}/households`, { code: `R${c.n}`, headName: "Chủ hộ" });
  const camp = await c.t.as(token).post(`/units/${c.unitId}/campaigns`, { name: `Đợt ${c.n}`, purpose: "Làm đường", decision: { date: "2025-01-10", minutesRef: "BB-01", householdsTotal: 10, householdsPresent: 9, householdsAgreeing: 8 }, startDate: "2025-02-01" });
  const r = await c.t.as(token).post(`/units/${c.unitId}/contributions`, { householdId: h.body.id, campaignId: camp.body.id, amount: "100000", date: "2025-06-10", method: "cash" });
  return { contributionId: r.body.id as number };
}

const READ: Record<Caller, number> = { ...ALL(200), none: 401, treasurerB: 404 };

export const CASES: Record<string, Case> = {
  "POST /public/units/:unitId/subscriptions": {
    params: async (c) => {
      // The matrix's app has no channel configured: one that takes every message stands in.
      (c.t.app.locals.notifier as NotifyWorker).deps.channels.sms = { send: async () => undefined };
      await resident(c);
      return {};
    },
    body: (c) => ({ householdCode: residentOf.get(c)!.code, pin: residentOf.get(c)!.pin, channel: "sms", address: "0912345678", topics: ["receipts"] }),
    expect: ALL(202),
  },
  "DELETE /public/units/:unitId/subscriptions": {
    params: async (c) => (await resident(c), {}),
    body: (c) => ({ householdCode: residentOf.get(c)!.code, pin: residentOf.get(c)!.pin }),
    expect: ALL(200),
  },
  "POST /public/subscriptions/:subscriptionId/confirm": { params: async (c) => ({ subscriptionId: (await subscription(c)).subscriptionId }), body: () => ({ code: "123456" }), expect: ALL(200) },
  "GET /units/:unitId/outbox": { expect: ADMINS(200) },
  "POST /units/:unitId/outbox/:messageId/retry": { params: async (c) => ({ messageId: (await subscription(c)).messageId }), expect: ADMINS(200) },
  "GET /units/:unitId/subscriptions": { expect: ADMINS(200) },
  "GET /units/:unitId/contributions/:contributionId/notification": { params: receiptOf, expect: READ },
};

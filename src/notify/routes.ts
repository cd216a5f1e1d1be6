import type { Deps } from "../deps";
import { route, RouteDef } from "../http/route";
import { UnitParams } from "../http/schema-kit";
import { confirmSubscription, subscribe, withdrawByPin } from "./subscriptions";
import { outboxOf, retryMessage, subscriptionsOf } from "./delivery";
import { receiptNotified } from "./tell";
import { ConfirmBody, OutboxParams, OutboxQuery, ReceiptParams, SubscribeBody, SubscriptionParams, WithdrawBody } from "./schemas";
import type { NotifyWorker } from "./worker";
import type { ReceiptNotifiedWire } from "./wire";
import "./messages";

// Residents subscribe and withdraw themselves (public, with their household's code and PIN); no
// staff route creates a subscription. Staff read delivery; a unit's admins read the outbox and
// retry a message.

export function notifyRoutes(deps: Deps, worker: NotifyWorker): RouteDef[] {
  const { db } = deps;
  const U = "/units/:unitId";
  return [
    route({ method: "post", path: `/public${U}/subscriptions`, tag: "notify", summary: "A household subscribes to news by Zalo, SMS or e-mail (code and PIN); a 6-digit code is sent to the address", access: "public", params: UnitParams, body: SubscribeBody, status: 202,
      handler: async ({ actor, params, body }) => subscribe(db, actor, deps.throttles.pins, worker.deps.channels, params.unitId, body) }),
    route({ method: "delete", path: `/public${U}/subscriptions`, tag: "notify", summary: "A household withdraws its subscriptions (code and PIN; one channel or all)", access: "public", params: UnitParams, body: WithdrawBody,
      handler: async ({ actor, params, body }) => withdrawByPin(db, actor, deps.throttles.pins, params.unitId, body) }),
    route({ method: "post", path: "/public/subscriptions/:subscriptionId/confirm", tag: "notify", summary: "Confirm a subscription with the code sent (consent given)", access: "public", params: SubscriptionParams, body: ConfirmBody,
      handler: async ({ actor, params, body }) => confirmSubscription(db, actor, params.subscriptionId, body.code) }),
    route({ method: "get", path: `${U}/outbox`, tag: "notify", summary: "Messages to residents: pending, failing, sent, parked; which channels are configured", access: ["admin"], params: UnitParams, query: OutboxQuery,
      handler: async ({ actor, params, query }) => outboxOf(db, actor, deps.config.notify, worker.configured(), params.unitId, query.status) }),
    route({ method: "post", path: `${U}/outbox/:messageId/retry`, tag: "notify", summary: "Send a failing or parked message again now", access: ["admin"], params: OutboxParams,
      handler: async ({ actor, params }) => retryMessage(db, actor, params.unitId, params.messageId, actor.at) }),
    route({ method: "get", path: `${U}/subscriptions`, tag: "notify", summary: "The households' subscriptions (addresses masked)", access: ["admin"], params: UnitParams,
      handler: async ({ actor, params }) => ({ data: await subscriptionsOf(db, actor, params.unitId) }) }),
    route({ method: "get", path: `${U}/contributions/:contributionId/notification`, tag: "notify", summary: "Whether the receipt's household was told", access: "user", params: ReceiptParams,
      handler: async ({ actor, params }): Promise<ReceiptNotifiedWire> => ({ notified: await receiptNotified(db, actor, params.unitId, params.contributionId) }) }),
  ];
}

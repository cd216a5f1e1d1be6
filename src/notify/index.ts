// notify: residents told of what concerns them — subscriptions, the outbox, its worker, channels.
import type { Deps } from "../deps";
import type { Router } from "express";
import type { RouteDef } from "../http/route";
import type { PageKit as PublicPageKit } from "../http/page-kit";
import { channelsOf } from "./channels";
import { unsubscribePage } from "./page";
import { subscribePages } from "./pages";
import { notifyRoutes as routesWith } from "./routes";
import { NotifyWorker } from "./worker";
import "./messages";

export { enqueue } from "./outbox";
export type { NotifyEvent, Topic } from "./events";
export { NotifyWorker } from "./worker";
export { receiptNotified } from "./tell";

// One worker per app (per database handle): the routes and server.ts's start/stop share it.
const workers = new WeakMap<object, NotifyWorker>();

/** The app's outbox worker, made on first use with the channels its configuration names. */
export function notifierOf(deps: Pick<Deps, "db" | "clock" | "logger" | "config">): NotifyWorker {
  let w = workers.get(deps.db);
  if (!w) {
    w = new NotifyWorker({ db: deps.db, clock: deps.clock, logger: deps.logger, config: deps.config.notify, channels: channelsOf(deps.config.notify, deps.db), publicBaseUrl: deps.config.publicBaseUrl });
    workers.set(deps.db, w);
  }
  return w;
}

export function notifyRoutes(deps: Deps): RouteDef[] {
  return routesWith(deps, notifierOf(deps));
}

/**
 * Adds notify's public pages to publication's public router: the page a household subscribes from
 * (/u/:unitCode/subscribe, with the app's worker's channels) and the "Hủy đăng ký" link's page.
 */
/** Whether a household can subscribe here at all: some channel (Zalo, SMS, e-mail) is configured. */
export function canSubscribe(deps: Pick<Deps, "db" | "clock" | "logger" | "config">): boolean {
  return Object.values(notifierOf(deps).configured()).some(Boolean);
}

export function notifyPages(deps: Deps, kit: PublicPageKit, router: Router): void {
  subscribePages(deps, kit, router, () => notifierOf(deps));
  unsubscribePage(deps, kit, router);
}

// notify: residents told of what concerns them — subscriptions, the outbox, its worker, channels.
import type { Deps } from "../deps";
import type { Router } from "express";
import type { RouteDef } from "../http/route";
import { channelsOf } from "./channels";
import { subscribePages as pagesWith } from "./pages";
import { notifyRoutes as routesWith } from "./routes";
import { NotifyWorker } from "./worker";
import "./messages";

export { enqueue } from "./outbox";
export type { NotifyEvent, Topic } from "./events";
export { NotifyWorker } from "./worker";
export { unsubscribePage } from "./page";
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

/** The public page a household subscribes from (/u/:unitCode/subscribe), with the app's worker's channels. */
export function subscribePages(deps: Deps): Router {
  return pagesWith(deps, () => notifierOf(deps));
}

import crypto from "node:crypto";
import express, { Request, RequestHandler, Response } from "express";
import type { Knex } from "knex";
import type { Deps } from "./deps";
import { dialectOf } from "./db/knex";
import { notFoundRoute, problemHandler } from "./http/problem";
import { openApiDocument } from "./http/openapi";
import type { Logger } from "./http/logger";
import type { RouteDef } from "./http/route";
import { validator } from "./http/validation";
import { Actor, anonymous, authenticate, hasRole, identityRoutes, SessionCache, Throttle } from "./identity";
import { AppError, ForbiddenError, UnauthenticatedError } from "./shared/errors";
import type { Clock } from "./shared/dates";
import { modulePages, moduleRoutes, onUnitCreated } from "./modules";
import { webApp } from "./web";
import { Backups } from "./backup/schedule";
import { Installation } from "./installation";
import { backupRoutes } from "./backup/routes";
import { notifierOf } from "./notify";
import { readOnlyCopy } from "./national/read-only";

export const VERSION: string = require("../package.json").version;

declare module "express-serve-static-core" {
  interface Request {
    id: string;
    actor?: Actor;
  }
}

export type { Deps } from "./deps";
export type AppDeps = Omit<Deps, "throttles" | "sessions" | "onUnitCreated" | "installation">;

/** Builds the express app: no listen, no globals; everything it needs comes in `deps`. */
export function createApp(input: AppDeps) {
  const deps: Deps = {
    ...input,
    throttles: {
      // 5 failures for one username from one address, 30 from one address, in 15 minutes; 20 for
      // one username from anywhere in a day suspend the account (identity/throttle.ts)
      byName: new Throttle(input.clock, 5, 15 * 60_000),
      byAddress: new Throttle(input.clock, 30, 15 * 60_000),
      ttlHours: input.config.sessionTtlHours,
      // 5 wrong PINs for one household from one address, or 50 from one address, in 15 minutes; 20
      // for one household from anywhere in a day suspend its PIN (contributions/pins.ts)
      pins: {
        byHousehold: new Throttle(input.clock, 5, 15 * 60_000),
        byAddress: new Throttle(input.clock, 50, 15 * 60_000),
        scryptCost: input.config.scryptCost,
      },
      // Residents' feedback is rate-limited per address: 10 an hour
      feedbackByAddress: new Throttle(input.clock, 10, 60 * 60_000),
      // and their photos like it: 25 an hour (5 feedbacks' worth)
      feedbackPhotosByAddress: new Throttle(input.clock, 25, 60 * 60_000),
    },
    sessions: SessionCache.over(input.db),
    onUnitCreated,
    installation: new Installation(input.db, input.config),
  };
  const backups = new Backups({ database: input.config.database, filesDir: input.config.filesDir }, input.config.backup, input.clock, input.logger);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", input.config.trustProxy);

  app.use((req, res, next) => {
    const given = req.headers["x-request-id"];
    req.id = typeof given === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    res.setHeader("X-Request-Id", req.id);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    // Outside the API (documents and downloads), an answer loads, frames and posts nothing unless
    // its router sets a policy of its own (/app and the public pages do): a page added later is
    // guarded before anyone thinks of it.
    if (!req.path.startsWith("/api/")) {
      res.setHeader("Content-Security-Policy", "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      res.setHeader("X-Frame-Options", "DENY");
    }
    next();
  });

  if (input.config.readOnlyCopy) app.use(readOnlyCopy(input.db));

  app.get("/healthz", async (_req, res, next) => {
    try {
      await input.db.raw("select 1");
      res.json({ status: "ok", database: dialectOf(input.db), version: VERSION, warnings: await deps.installation.warnings() });
    } catch (err) {
      next(err);
    }
  });

  const routes: RouteDef[] = [...identityRoutes(deps), ...moduleRoutes(deps), ...backupRoutes(deps, backups)];
  const api = express.Router();
  const json = express.json({ limit: "1mb", strict: true, type: ["application/json", "application/*+json"] });
  api.get("/openapi.json", (_req, res) => {
    res.json(openApiDocument(routes, VERSION));
  });
  // One handler per route (who asks, what they sent, the answer) and a body parser only where the
  // method carries a body: each layer express walks costs every request.
  // A body the JSON parser does not read (text/plain, a form) would otherwise reach the route as {}:
  // refused as 415 instead, in the same layer. Upload routes read their own multipart body.
  const jsonBody: RequestHandler = (req, res, next) =>
    json(req, res, (err?: unknown) => {
      if (err) return next(err);
      const hasBody = req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] ?? "0") !== "0";
      next(hasBody && !req.is(["application/json", "application/*+json"]) ? new AppError(415, "unsupported_media_type") : undefined);
    });
  for (const r of routes) {
    if (r.method === "get") api.get(r.path, endpoint(deps, r));
    else if (r.upload) api[r.method](r.path, endpoint(deps, r));
    else api[r.method](r.path, jsonBody, endpoint(deps, r));
  }
  // A body sent to an address that is no route is still read and refused like any other (400, 413).
  api.use(json, notFoundRoute);
  app.use("/api/v1", api);
  app.use("/app", webApp(deps));
  for (const pages of modulePages(deps)) app.use(pages);
  app.use(notFoundRoute);
  app.use(problemHandler(input.logger));
  app.locals.routes = routes;
  app.locals.backups = backups;
  app.locals.notifier = notifierOf(deps);
  app.locals.installation = deps.installation;
  return app;
}

/**
 * A route's whole handling: who is asking (a bearer token's user, or anonymous) against the route's
 * declared access (401/403 before anything else), then its params, query and body (400), then the
 * handler, whose result is the 2xx answer. Errors go to the problem handler.
 */
function endpoint(deps: Deps, r: RouteDef): RequestHandler {
  const check = validator(r);
  return async (req, res, next) => {
    const at = deps.clock.now().toISOString();
    const base = anonymous(req.id, req.ip ?? "unknown", at);
    let actor: Actor | undefined = base;
    if (r.access !== "public") {
      const token = bearer(req);
      actor = token ? await authenticate(deps.db, token, base, deps.sessions) : undefined;
      if (!actor) return next(new UnauthenticatedError());
      if (Array.isArray(r.access) && !hasRole(actor, r.access)) return next(new ForbiddenError("forbidden", { needs: r.access }));
    }
    req.actor = actor;
    const invalid = check(req);
    if (invalid) return next(invalid);
    let out: unknown;
    try {
      out = await r.handler({ req, res, actor, params: req.params, query: req.query, body: req.body ?? {} });
    } finally {
      // A write may have ended a session or narrowed a grant: sessions are read afresh from here on,
      // before this request answers (a handler that answers itself ends no session).
      if (r.method !== "get") deps.sessions.changed();
    }
    if (out !== undefined && !res.headersSent) sendJson(res, r.status ?? 200, out);
  };
}

/**
 * The answer as JSON, written directly: express's res.json would also hash the body for an ETag
 * on every response, which API answers (per user, never cached) do not use.
 */
function sendJson(res: Response, status: number, value: unknown) {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

function bearer(req: Request): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === "string" ? /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(h) : null;
  return m?.[1];
}



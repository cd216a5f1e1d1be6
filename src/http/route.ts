import type { Request, Response } from "express";
import type { StaticDecode, TSchema } from "@sinclair/typebox";
import type { Role, Actor } from "../identity/actor";
import { decoder } from "./validation";

// Every API route is declared as data: method, path, the access it needs, its schemas and its
// handler. app.ts mounts them, openapi.ts documents them, and the authorization matrix test
// walks them: a route cannot exist without a declared access rule.

/**
 * public: no login, published data only. user: any signed-in user (the service scopes the data).
 * Role[]: the caller must hold one of these roles somewhere; the service then checks the unit scope.
 */
export type Access = "public" | "user" | Role[];

export interface Ctx<P = unknown, Q = unknown, B = unknown> {
  req: Request;
  res: Response;
  actor: Actor;
  params: P;
  query: Q;
  body: B;
}

interface RouteBase {
  method: "get" | "post" | "patch" | "delete";
  /** Express path below /api/v1, e.g. "/units/:unitId". */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** Success status; a create is 201. */
  status?: number;
  /** What the success body looks like, for the OpenAPI document (optional). */
  response?: object;
  /** Non-JSON request body (multipart upload): skip the JSON parser. */
  upload?: boolean;
}

export interface RouteDef extends RouteBase {
  params?: TSchema;
  query?: TSchema;
  body?: TSchema;
  /**
   * Takes the request's parts as they arrived and were checked against the schemas (path and query
   * values are strings); decodes them as the schemas say (an Id to its number) before the declared
   * handler sees them. Returns the JSON body; or sends the response itself and returns undefined.
   */
  handler(ctx: Ctx): Promise<unknown>;
}

/** What a handler sees of a part: its schema's decoded type; nothing to read where no schema is declared. */
type Part<S> = S extends TSchema ? StaticDecode<S> : unknown;

/**
 * Declares a route; the handler's params, query and body are typed from the schemas given, and
 * values the schemas decode (Id, Limit: digits to a number) arrive decoded, once, here.
 */
export function route<PS extends TSchema | undefined = undefined, QS extends TSchema | undefined = undefined, BS extends TSchema | undefined = undefined>(
  def: RouteBase & { params?: PS; query?: QS; body?: BS; handler(ctx: Ctx<Part<PS>, Part<QS>, Part<BS>>): Promise<unknown> },
): RouteDef {
  // The validator has checked the raw parts against these same schemas before a handler runs.
  const typed = def.handler as (ctx: Ctx) => Promise<unknown>;
  const dp = decoder(def.params), dq = decoder(def.query), db = decoder(def.body);
  if (!dp && !dq && !db) return { ...def, handler: typed };
  return {
    ...def,
    handler: (ctx) => typed({ ...ctx, params: dp ? dp(ctx.params) : ctx.params, query: dq ? dq(ctx.query) : ctx.query, body: db ? db(ctx.body) : ctx.body }),
  };
}

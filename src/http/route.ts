import type { Request, Response } from "express";
import type { Role, Actor } from "../identity/actor";

// Every API route is declared as data: method, path, the access it needs, its schemas and its
// handler. app.ts mounts them, openapi.ts documents them, and the authorization matrix test
// walks them: a route cannot exist without a declared access rule.

/**
 * public: no login, published data only. user: any signed-in user (the service scopes the data).
 * Role[]: the caller must hold one of these roles somewhere; the service then checks the unit scope.
 */
export type Access = "public" | "user" | Role[];

export interface Ctx<P = any, Q = any, B = any> {
  req: Request;
  res: Response;
  actor: Actor;
  params: P;
  query: Q;
  body: B;
}

export interface RouteDef {
  method: "get" | "post" | "patch" | "delete";
  /** Express path below /api/v1, e.g. "/units/:unitId". */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: object;
  query?: object;
  body?: object;
  /** Success status; a create is 201. */
  status?: number;
  /** What the success body looks like, for the OpenAPI document (optional). */
  response?: object;
  /** Non-JSON request body (multipart upload): skip the JSON parser. */
  upload?: boolean;
  /** Returns the JSON body; or sends the response itself and returns undefined. */
  handler(ctx: Ctx): Promise<unknown>;
}

/** Typed declaration helper: infers nothing at run time, keeps the table readable. */
export function route<P = any, Q = any, B = any>(def: Omit<RouteDef, "handler"> & { handler(ctx: Ctx<P, Q, B>): Promise<unknown> }): RouteDef {
  return def as RouteDef;
}

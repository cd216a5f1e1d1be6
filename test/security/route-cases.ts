import fs from "node:fs";
import path from "node:path";
import type { RouteDef } from "../../src/http/route";
import type { TestApp } from "../helpers/app";
import type { World } from "../helpers/given";
import type { Case, Caller, Ctx } from "../helpers/authz";

// The route table's cases, which the attack suite (roles.test.ts, junk.test.ts) walks: one entry per
// route, keyed "METHOD path" exactly as the route declares it, in test/<module>/authz-cases.ts.
// `:unitId` is filled with hamlet A; other params come from `params(c)`, which may build what they
// point at (an account, an entry to reverse) for c.unitId, so the same entry also serves the
// hamlet-B isolation test; `body(c)` is a body that passes validation.

/** Every module's cases: each test/<module>/authz-cases.ts, found on disk, so a new module's file counts at once. */
function allCases(): Record<string, Case> {
  const root = path.resolve(__dirname, "..");
  const out: Record<string, Case> = {};
  for (const dir of fs.readdirSync(root).sort()) {
    const file = path.join(root, dir, "authz-cases.ts");
    if (!fs.existsSync(file)) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cases: Record<string, Case> = require(file).CASES;
    for (const k of Object.keys(cases)) {
      if (out[k]) throw new Error(`${k} has cases in two authz-cases.ts files`);
      out[k] = cases[k];
    }
  }
  return out;
}

export const MATRIX: Record<string, Case> = allCases();

export const key = (r: RouteDef) => `${r.method.toUpperCase()} ${r.path}`;

export function tokenOf(w: World, who: Caller): string | undefined {
  if (who === "none") return undefined;
  if (who === "root") return w.root;
  return w[who].token;
}

let counter = 0;

/** The address, query and valid body of `r` for `who` (running the case's fixtures). */
export async function resolve(t: TestApp, w: World, r: RouteDef, c: Case, who: Caller, unitId: number) {
  const ctx: Ctx = { t, w, who, unitId, n: ++counter };
  const params: Record<string, string | number> = { unitId, ...(c.params ? await c.params(ctx) : {}) };
  const url = `/api/v1${r.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (params[name] === undefined) throw new Error(`${key(r)}: the matrix entry gives no value for :${name}`);
    return encodeURIComponent(String(params[name]));
  })}`;
  return { url, query: c.query?.(ctx), body: c.body?.(ctx), token: tokenOf(w, who) };
}

/** Builds the request for `r` as `who` (running the case's fixtures); sending it is left to the caller. */
export async function prepare(t: TestApp, w: World, r: RouteDef, c: Case, who: Caller, unitId: number) {
  const { url, query, body, token } = await resolve(t, w, r, c, who, unitId);
  return () => {
    let req = t.api[r.method](url);
    if (token) req = req.set("Authorization", `Bearer ${token}`);
    if (query) req = req.query(query);
    if (body) req = req.send(body as object);
    return req;
  };
}

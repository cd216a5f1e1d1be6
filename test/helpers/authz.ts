import type { TestApp } from "./app";
import type { World } from "./given";

// The authorization matrix's vocabulary (test/identity/authz-matrix.test.ts walks every route).
// Each module declares its routes' cases in test/<module>/authz-cases.ts as CASES, keyed
// "METHOD path" exactly as the route declares it.

export type Caller = "none" | "treasurerB" | "treasurerA" | "headA" | "inspector" | "communeAdmin" | "root";
export const CALLERS: Caller[] = ["none", "treasurerB", "treasurerA", "headA", "inspector", "communeAdmin", "root"];

/** What a case may use to fill its path and body. `unitId` is hamlet A, unless a test aims at hamlet B. */
export interface Ctx {
  t: TestApp;
  w: World;
  who: Caller;
  unitId: number;
  /** Distinct per call, for codes and usernames that must not collide. */
  n: number;
}

export interface Case {
  /** Path params; `:unitId` defaults to ctx.unitId. May create what it points at (a fresh target per caller). */
  params?: (c: Ctx) => Record<string, string | number> | Promise<Record<string, string | number>>;
  query?: (c: Ctx) => Record<string, string>;
  /** A body that passes validation, so the answer is about authorization only. */
  body?: (c: Ctx) => unknown;
  expect: Record<Caller, number>;
}

export const ALL = (status: number): Record<Caller, number> => ({
  none: status, treasurerB: status, treasurerA: status, headA: status, inspector: status, communeAdmin: status, root: status,
});
export const SIGNED_IN = (status: number): Record<Caller, number> => ({ ...ALL(status), none: 401 });
/** Admin-only routes: anyone else is refused by the route's declared access, whatever the ids. */
export const ADMINS = (status: number): Record<Caller, number> => ({ ...ALL(403), none: 401, communeAdmin: status, root: status });


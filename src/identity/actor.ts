// Who is asking, and where they may act. Built once per request from the session.

export type Role = "admin" | "treasurer" | "head" | "inspector";
export const ROLES: Role[] = ["admin", "treasurer", "head", "inspector"];

export interface Scope {
  role: Role;
  /** null: installation-wide (the first admin). */
  unitId: number | null;
  /** Materialised path of the unit ("/1/4/"), "/" for installation-wide. */
  path: string;
  boardId?: number;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  phone: string | null;
  isActive: boolean;
  unitId: number | null;
  createdAt: string;
  grants: Grant[];
  /** Sign-in suspended after too many wrong passwords (in lists; a signed-in actor's own is not read). */
  signInLocked?: boolean;
}
export interface Grant {
  id: number;
  role: Role;
  unitId: number | null;
  boardId: number | null;
}

export interface Actor {
  userId: number | null;
  username: string | null;
  displayName: string | null;
  sessionId: number | null;
  scopes: Scope[];
  requestId: string;
  ip: string;
  /** The instant of the request, from the app's clock (UTC ISO-8601): services never call new Date(). */
  at: string;
  /** The signed-in user and their grants as read for this request (absent for anonymous and system actors). */
  user?: User;
}

export function anonymous(requestId: string, ip: string, at: string): Actor {
  return { userId: null, username: null, displayName: null, sessionId: null, scopes: [], requestId, ip, at };
}

/** Seed, CLI and start-up work: not a person; audit records name the system. */
export function systemActor(at: string, what = "system"): Actor {
  return {
    userId: null,
    username: what,
    displayName: what,
    sessionId: null,
    scopes: [{ role: "admin", unitId: null, path: "/" }],
    requestId: what,
    ip: "local",
    at,
  };
}

/**
 * Work no person asks for, or asks beyond their own roles, with the reason the code that does it
 * states ("backup", "restore check", "a work's public budget"). A verb that accepts one skips its
 * role check and records the reason where it audits; only `asSystem` makes one, so each use is one
 * grep away and says why it may.
 */
export interface SystemReason {
  readonly system: true;
  readonly reason: string;
}

export function asSystem(reason: string): SystemReason {
  return Object.freeze({ system: true as const, reason });
}

export const isSystem = (who: Actor | SystemReason): who is SystemReason => "system" in who && who.system === true;

export function hasRole(actor: Actor, roles: Role[]): boolean {
  return actor.scopes.some((s) => roles.includes(s.role));
}

/** Does some scope of `roles` cover the unit at `path` (itself or an ancestor)? */
export function covers(actor: Actor, roles: Role[], path: string): boolean {
  return actor.scopes.some((s) => roles.includes(s.role) && path.startsWith(s.path));
}

/** Does the actor hold anything at, above or below the unit (so may know it exists)? */
export function related(actor: Actor, path: string): boolean {
  return actor.scopes.some((s) => path.startsWith(s.path) || s.path.startsWith(path));
}

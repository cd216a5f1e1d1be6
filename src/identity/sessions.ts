import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { AppError, ForbiddenError, TooManyRequestsError, UnauthenticatedError } from "../shared/errors";
import type { Actor, Scope } from "./actor";
import * as audit from "./audit";
import { hashPassword, hashToken, newToken, verifyPassword } from "./passwords";
import * as q from "./queries";
import type { SessionRow } from "./session-lookup";
import { BROAD_LIMIT, recentFailures, recordFailure, type Throttle } from "./throttle";
import { Grant, User, withGrants } from "./users";

// Signing in and out: login (with its limits), the actor behind a bearer token, one's own account
// and password.

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: User;
}

export interface LoginDeps {
  byName: Throttle;
  byAddress: Throttle;
  ttlHours: number;
}

// A fixed hash to verify against when the username is unknown, so both paths cost the same.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a password and opens a session. Limits, so that a stranger cannot lock a user out: 5 wrong
 * passwords for one username from one address (or 30 from one address) in 15 minutes hold back that
 * address (429); 20 for one username in any 24 hours from all addresses suspend sign-in (423
 * account_locked) until an admin unlocks it. An unknown username costs the same (one scrypt, one
 * recorded failure) and is suspended the same way, so neither answer tells whether it exists.
 */
export async function login(db: Knex, actor: Actor, deps: LoginDeps, input: { username: string; password: string }): Promise<LoginResult> {
  const nameKey = input.username.toLowerCase();
  const perAddress = `${nameKey}|${actor.ip}`;
  const wait = Math.max(deps.byName.retryAfter(perAddress), deps.byAddress.retryAfter(actor.ip));
  if (wait > 0) throw new TooManyRequestsError(wait);
  const user = await q.findUserByName(db, input.username);
  const hash = user?.password_hash ?? (await (dummyHash ??= hashPassword("not-a-password", 16384)));
  const matches = await verifyPassword(input.password, hash);
  const recent = await recentFailures(db, "password", nameKey, actor.at);
  if (user ? user.locked_at : recent >= BROAD_LIMIT) throw new AppError(423, "account_locked");
  const ok = matches && Boolean(user?.is_active);
  if (!ok || !user) {
    deps.byName.fail(perAddress);
    deps.byAddress.fail(actor.ip);
    const failures = await recordFailure(db, "password", nameKey, null, actor.ip, actor.at);
    if (user && failures >= BROAD_LIMIT) await suspendSignIn(db, actor, user);
    throw new UnauthenticatedError("invalid_credentials");
  }
  deps.byName.reset(perAddress);
  const { token, hash: tokenHash } = newToken();
  const expiresAt = new Date(Date.parse(actor.at) + deps.ttlHours * 3600_000).toISOString();
  await db.transaction(async (trx) => {
    const sessionId = await q.insertSession(trx, { token_hash: tokenHash, user_id: user.id, created_at: actor.at, expires_at: expiresAt, ip: actor.ip });
    await audit.record(trx, { ...actor, userId: user.id, displayName: user.display_name }, { action: "session.created", entity: "session", entityId: sessionId, unitId: user.unit_id });
  });
  return { token, expiresAt, user: (await withGrants(db, [user]))[0] };
}

async function suspendSignIn(db: Knex, actor: Actor, user: q.UserRow) {
  await db.transaction(async (trx) => {
    const n = await trx("users").where({ id: user.id }).whereNull("locked_at").update({ locked_at: actor.at });
    if (Number(n) === 1) await audit.record(trx, actor, { action: "user.locked", entity: "user", entityId: user.id, unitId: user.unit_id, details: { failures: BROAD_LIMIT } });
  });
}

/**
 * The actor behind a bearer token, or undefined when the token is unknown, expired or revoked, or
 * its user deactivated. `lookup` (the app's SessionCache) keeps sessions between requests and lets
 * concurrent requests with one token share a query.
 */
export async function authenticate(db: Db, token: string, base: Actor, lookup?: { rows(tokenHash: string): Promise<SessionRow[]> }): Promise<Actor | undefined> {
  // One query for session, user, grants and scopes: this runs before every signed-in request.
  const hash = hashToken(token);
  const rows = lookup ? await lookup.rows(hash) : await q.findSessionActor(db, hash);
  if (!rows.length || !(rows[0].expires_at > base.at)) return undefined; // both UTC ISO-8601 strings
  const s = rows[0];
  const scopes: Scope[] = [];
  const grants = new Map<number, Grant>();
  for (const r of rows) {
    if (r.grant_id === null) continue; // a user without any grant: one row, no scope
    if (!grants.has(r.grant_id)) grants.set(r.grant_id, { id: r.grant_id, role: r.role, unitId: r.unit_id, boardId: r.board_id });
    if (r.board_id) {
      if (r.board_unit_path) scopes.push({ role: r.role, unitId: r.board_unit_id, path: r.board_unit_path, boardId: r.board_id });
    } else scopes.push({ role: r.role, unitId: r.unit_id, path: r.unit_path ?? "/" });
  }
  const user: User = {
    id: s.user_id,
    username: s.username,
    displayName: s.display_name,
    phone: s.phone,
    isActive: Boolean(s.is_active),
    unitId: s.user_unit_id,
    createdAt: s.created_at,
    grants: [...grants.values()],
  };
  return { ...base, userId: s.user_id, username: s.username, displayName: s.display_name, sessionId: s.session_id, scopes, user };
}

export async function logout(trx: Knex.Transaction, actor: Actor): Promise<void> {
  if (!actor.sessionId) throw new UnauthenticatedError();
  await q.revokeSession(trx, actor.sessionId, actor.at);
  await audit.record(trx, actor, { action: "session.ended", entity: "session", entityId: actor.sessionId });
}

export async function me(db: Db, actor: Actor): Promise<User> {
  if (!actor.userId) throw new UnauthenticatedError();
  // authenticate() read the user and their grants for this very request: no second round trip.
  if (actor.user?.id === actor.userId) return actor.user;
  return (await withGrants(db, [(await q.findUser(db, actor.userId))!]))[0];
}

/** Changes one's own password; every other session of the user ends. */
export async function changePassword(
  trx: Knex.Transaction,
  actor: Actor,
  input: { oldPassword: string; newPassword: string },
  scryptCost: number,
): Promise<void> {
  if (!actor.userId) throw new UnauthenticatedError();
  const user = (await q.findUser(trx, actor.userId))!;
  if (!(await verifyPassword(input.oldPassword, user.password_hash))) throw new ForbiddenError("wrong_password");
  await q.updateUser(trx, user.id, { password_hash: await hashPassword(input.newPassword, scryptCost), password_changed_at: actor.at });
  await q.revokeSessions(trx, user.id, actor.at, actor.sessionId ?? undefined);
  await audit.record(trx, actor, { action: "user.password_changed", entity: "user", entityId: user.id, unitId: user.unit_id });
}

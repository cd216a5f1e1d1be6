import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { AppError, ConflictError, ForbiddenError, NotFoundError, RuleViolation, TooManyRequestsError, UnauthenticatedError, ValidationError } from "../shared/errors";
import { Actor, Role, Scope, covers, hasRole, related } from "./actor";
import * as audit from "./audit";
import { hashPassword, hashToken, newToken, verifyPassword } from "./passwords";
import * as q from "./queries";
import type { SessionRow } from "./session-lookup";
import { BROAD_LIMIT, forgetFailures, recentFailures, recordFailure, type Throttle } from "./throttle";

export type UnitKind = "province" | "commune" | "hamlet";
const PARENT_KIND: Record<UnitKind, UnitKind | null> = { province: null, commune: "province", hamlet: "commune" };

export interface Unit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  path: string;
  isActive: boolean;
  approvalThreshold: string;
  /** Days the boards have to answer a resident's feedback on this unit's works. */
  feedbackAnswerDays: number;
  succeededById: number | null;
  createdAt: string;
}

function toUnit(r: q.UnitRow): Unit {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentId: r.parent_id,
    path: r.path,
    isActive: Boolean(r.is_active),
    approvalThreshold: String(r.approval_threshold),
    feedbackAnswerDays: Number(r.feedback_answer_days),
    succeededById: r.succeeded_by_id,
    createdAt: r.created_at,
  };
}

// ---------------------------------------------------------------- authorization

/**
 * The unit, if the actor holds one of `roles` on it or an ancestor. Throws NotFound when the unit
 * does not exist or the actor has nothing to do with it (no existence leak), Forbidden when the
 * actor works there but lacks the role.
 */
export async function authorize(db: Db, actor: Actor, roles: Role[], unitId: number): Promise<Unit> {
  const row = await q.findUnit(db, unitId);
  if (!row || !related(actor, row.path)) throw new NotFoundError("unit", { id: unitId });
  if (!covers(actor, roles, row.path)) throw new ForbiddenError("forbidden", { needs: roles });
  return toUnit(row);
}

/** Like authorize, for a unit the route names by id but any staff role may read. */
export const STAFF: Role[] = ["admin", "treasurer", "head", "inspector"];

function adminPaths(actor: Actor): string[] | "all" {
  const paths = actor.scopes.filter((s) => s.role === "admin").map((s) => s.path);
  return paths.includes("/") ? "all" : paths;
}

// ---------------------------------------------------------------- units

export interface UnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  parentId?: number | null;
}

/** Creates a unit under its parent (province > commune > hamlet); admins of the parent only. */
export async function createUnit(trx: Knex.Transaction, actor: Actor, input: UnitInput): Promise<Unit> {
  const parentKind = PARENT_KIND[input.kind];
  let parentPath = "/";
  if (parentKind === null) {
    if (input.parentId) throw new RuleViolation("invalid_parent", { kind: input.kind, parentKind: "—" });
    if (!covers(actor, ["admin"], "/")) throw new ForbiddenError();
  } else {
    if (!input.parentId) throw new ValidationError([{ path: "/parentId", code: "required", params: { missingProperty: "parentId" } }]);
    const parent = await authorize(trx, actor, ["admin"], input.parentId);
    if (parent.kind !== parentKind) throw new RuleViolation("invalid_parent", { kind: input.kind, parentKind });
    parentPath = parent.path;
  }
  if (await q.findUnitByCode(trx, input.code)) throw new ConflictError("duplicate", { entity: "unit", field: "code" });
  const id = await q.insertUnit(
    trx,
    { code: input.code, name: input.name, kind: input.kind, parent_id: input.parentId ?? null, created_at: actor.at },
    parentPath,
  );
  await audit.record(trx, actor, { action: "unit.created", entity: "unit", entityId: id, unitId: id, details: { code: input.code, name: input.name, kind: input.kind } });
  return toUnit((await q.findUnit(trx, id))!);
}

/** Units the actor holds any role in (and everything under them). */
export async function listUnits(db: Db, actor: Actor): Promise<Unit[]> {
  const paths = actor.scopes.map((s) => s.path);
  if (paths.length === 0) return [];
  return (await q.listUnitsUnder(db, paths.includes("/") ? ["/"] : paths)).map(toUnit);
}

export async function getUnit(db: Db, actor: Actor, unitId: number): Promise<Unit> {
  return authorize(db, actor, STAFF, unitId);
}

/** Looks a unit up without any access check: for public pages and other modules' own checks. */
export async function findUnit(db: Db, unitId: number): Promise<Unit | undefined> {
  const row = await q.findUnit(db, unitId);
  return row && toUnit(row);
}

export async function findUnitByCode(db: Db, code: string): Promise<Unit | undefined> {
  const row = await q.findUnitByCode(db, code);
  return row && toUnit(row);
}

/** Active units, for the public list of communes and hamlets. */
export async function listPublicUnits(db: Db): Promise<Unit[]> {
  return (await q.listUnitsUnder(db, ["/"]).where("is_active", true)).map(toUnit);
}

export interface UnitPatch {
  name?: string;
  approvalThreshold?: string;
  feedbackAnswerDays?: number;
}

/** Renames a unit or changes its settings; admins of the unit. */
export async function updateUnit(trx: Knex.Transaction, actor: Actor, unitId: number, patch: UnitPatch): Promise<Unit> {
  const unit = await authorize(trx, actor, ["admin"], unitId);
  const row: Partial<q.UnitRow> = {};
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.approvalThreshold !== undefined) row.approval_threshold = patch.approvalThreshold;
  if (patch.feedbackAnswerDays !== undefined) row.feedback_answer_days = patch.feedbackAnswerDays;
  if (Object.keys(row).length) await q.updateUnit(trx, unitId, row);
  await audit.record(trx, actor, { action: "unit.updated", entity: "unit", entityId: unitId, unitId, details: { before: { name: unit.name, approvalThreshold: unit.approvalThreshold, feedbackAnswerDays: unit.feedbackAnswerDays }, patch } });
  return toUnit((await q.findUnit(trx, unitId))!);
}

// ---------------------------------------------------------------- users

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

function toGrant(g: q.GrantRow): Grant {
  return { id: g.id, role: g.role as Role, unitId: g.unit_id, boardId: g.board_id };
}
async function withGrants(db: Db, rows: q.UserRow[]): Promise<User[]> {
  const grants = rows.length ? await q.grantsOf(db, rows.map((r) => r.id)) : [];
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    phone: r.phone,
    isActive: Boolean(r.is_active),
    unitId: r.unit_id,
    createdAt: r.created_at,
    grants: grants.filter((g) => g.user_id === r.id).map(toGrant),
    signInLocked: Boolean(r.locked_at),
  }));
}

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  phone?: string;
}

/** Creates a login (admins only); the password is stored as a scrypt hash, never in clear. */
export async function createUser(trx: Knex.Transaction, actor: Actor, input: UserInput, scryptCost: number): Promise<User> {
  if (!hasRole(actor, ["admin"])) throw new ForbiddenError();
  if (await q.findUserByName(trx, input.username)) throw new ConflictError("duplicate", { entity: "user", field: "username" });
  const home = actor.scopes.find((s) => s.role === "admin");
  const id = await q.insertUser(trx, {
    username: input.username,
    display_name: input.displayName,
    password_hash: await hashPassword(input.password, scryptCost),
    phone: input.phone ?? null,
    unit_id: home?.unitId ?? null,
    created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "user.created", entity: "user", entityId: id, unitId: home?.unitId ?? null, details: { username: input.username } });
  return (await withGrants(trx, [(await q.findUser(trx, id))!]))[0];
}

/** The first admin of an installation (start-up, no actor). */
export async function createFirstAdmin(trx: Knex.Transaction, actor: Actor, input: UserInput, scryptCost: number): Promise<number> {
  const id = await q.insertUser(trx, {
    username: input.username,
    display_name: input.displayName,
    password_hash: await hashPassword(input.password, scryptCost),
    phone: null,
    unit_id: null,
    created_at: actor.at,
  });
  await q.insertGrant(trx, { user_id: id, role: "admin", unit_id: null, board_id: null, created_at: actor.at, created_by: null });
  await audit.record(trx, actor, { action: "user.created", entity: "user", entityId: id, details: { username: input.username, firstAdmin: true } });
  return id;
}

async function visibleUser(db: Db, actor: Actor, userId: number): Promise<q.UserRow> {
  const paths = adminPaths(actor);
  if (paths !== "all" && paths.length === 0) throw new ForbiddenError();
  const row = await q.listUsersUnder(db, paths).where("users.id", userId).first();
  if (!row) throw new NotFoundError("user", { id: userId });
  return row;
}

export async function listUsers(db: Db, actor: Actor): Promise<User[]> {
  const paths = adminPaths(actor);
  if (paths !== "all" && paths.length === 0) throw new ForbiddenError();
  return withGrants(db, await q.listUsersUnder(db, paths));
}

/** Deactivates a user: their sessions end at once. */
export async function deactivateUser(trx: Knex.Transaction, actor: Actor, userId: number): Promise<User> {
  const row = await visibleUser(trx, actor, userId);
  if (row.id === actor.userId) throw new RuleViolation("cannot_deactivate_self");
  await q.updateUser(trx, userId, { is_active: false });
  await q.revokeSessions(trx, userId, actor.at);
  await audit.record(trx, actor, { action: "user.deactivated", entity: "user", entityId: userId, unitId: row.unit_id });
  return (await withGrants(trx, [(await q.findUser(trx, userId))!]))[0];
}

export interface GrantInput {
  role: Role;
  unitId?: number;
  boardId?: number;
}

/** Gives a user a role on a unit (or, for inspectors, a board); admins of that unit or board's commune. */
export async function grantRole(trx: Knex.Transaction, actor: Actor, userId: number, input: GrantInput): Promise<Grant> {
  const user = await visibleUser(trx, actor, userId);
  let unitId: number | null = null;
  let boardId: number | null = null;
  if (input.role === "inspector") {
    if (!input.boardId || input.unitId) throw new ValidationError([{ path: "/boardId", code: "inspector_needs_board" }]);
    const board = await q.findBoard(trx, input.boardId);
    if (!board || !related(actor, board.unit_path)) throw new NotFoundError("board", { id: input.boardId });
    if (!covers(actor, ["admin"], board.unit_path)) throw new ForbiddenError();
    boardId = board.id;
    unitId = board.unit_id;
  } else {
    if (!input.unitId || input.boardId) throw new ValidationError([{ path: "/unitId", code: "role_needs_unit" }]);
    await authorize(trx, actor, ["admin"], input.unitId);
    unitId = input.unitId;
  }
  const existing = (await q.grantsOf(trx, [user.id])).find((g) => g.role === input.role && g.unit_id === unitId && g.board_id === boardId);
  if (existing) throw new ConflictError("duplicate", { entity: "grant", field: "role" });
  // A board grant keeps unit_id null: its scope comes from what the board oversees, not its commune.
  const id = await q.insertGrant(trx, {
    user_id: user.id,
    role: input.role,
    unit_id: boardId ? null : unitId,
    board_id: boardId,
    created_at: actor.at,
    created_by: actor.userId,
  });
  await audit.record(trx, actor, { action: "grant.created", entity: "grant", entityId: id, unitId, details: { userId, role: input.role, boardId } });
  return { id, role: input.role, unitId: boardId ? null : unitId, boardId };
}

/** Takes a role back; the user's next request already runs without it. */
export async function revokeGrant(trx: Knex.Transaction, actor: Actor, userId: number, grantId: number): Promise<void> {
  await visibleUser(trx, actor, userId);
  const g = await q.findGrant(trx, grantId);
  if (!g || g.user_id !== userId) throw new NotFoundError("grant", { id: grantId });
  let path = "/";
  if (g.board_id) path = (await q.findBoard(trx, g.board_id)).unit_path;
  else if (g.unit_id) path = (await authorize(trx, actor, ["admin"], g.unit_id)).path;
  if (!covers(actor, ["admin"], path)) throw new ForbiddenError();
  await q.deleteGrant(trx, grantId);
  await audit.record(trx, actor, { action: "grant.revoked", entity: "grant", entityId: grantId, unitId: g.unit_id, details: { userId, role: g.role } });
}

// ---------------------------------------------------------------- boards

export interface BoardInput {
  kind: "gsdtcd" | "ttnd";
  name: string;
  termStart?: string;
  termEnd?: string;
  oversees: { unitIds: number[] };
}

/** Sets up a supervision board of a commune and the units it oversees; commune admins. */
export async function createBoard(trx: Knex.Transaction, actor: Actor, unitId: number, input: BoardInput): Promise<{ id: number }> {
  const unit = await authorize(trx, actor, ["admin"], unitId);
  if (unit.kind !== "commune") throw new RuleViolation("board_needs_commune");
  for (const u of input.oversees.unitIds) {
    const o = await q.findUnit(trx, u);
    if (!o || !o.path.startsWith(unit.path)) throw new NotFoundError("unit", { id: u });
  }
  const [{ id }] = await trx("boards")
    .insert({ unit_id: unitId, kind: input.kind, name: input.name, term_start: input.termStart ?? null, term_end: input.termEnd ?? null, created_at: actor.at })
    .returning("id");
  if (input.oversees.unitIds.length) await trx("board_units").insert(input.oversees.unitIds.map((u) => ({ board_id: id, unit_id: u })));
  await audit.record(trx, actor, { action: "board.created", entity: "board", entityId: id, unitId, details: { kind: input.kind, name: input.name } });
  return { id };
}

// ---------------------------------------------------------------- sessions

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

/** Lifts a sign-in suspension (admins of the user's unit); the failures so far no longer count. */
export async function unlockUser(trx: Knex.Transaction, actor: Actor, userId: number): Promise<User> {
  const row = await visibleUser(trx, actor, userId);
  await trx("users").where({ id: userId }).update({ locked_at: null });
  await forgetFailures(trx, "password", row.username.toLowerCase());
  await audit.record(trx, actor, { action: "user.unlocked", entity: "user", entityId: userId, unitId: row.unit_id });
  return (await withGrants(trx, [(await q.findUser(trx, userId))!]))[0];
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

export const countUsers = q.countUsers;
export const countUnits = q.countUnits;
export const holdsDemoData = q.holdsDemoData;

// ---------------------------------------------------------------- audit

export interface AuditEvent {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
}

/** The audit trail: installation admins see all; unit admins and inspectors what happened in their units. */
export async function listAudit(
  db: Db,
  actor: Actor,
  f: { unitId?: number; from?: string; to?: string; cursor?: number; limit: number },
): Promise<{ data: AuditEvent[]; nextCursor: string | null }> {
  let paths: string[] | "all";
  let unitIds: number[] | undefined;
  if (f.unitId !== undefined) {
    const unit = await authorize(db, actor, ["admin", "inspector"], f.unitId);
    paths = [unit.path];
  } else {
    const p = actor.scopes.filter((s) => s.role === "admin" || s.role === "inspector").map((s) => s.path);
    if (p.length === 0) throw new ForbiddenError();
    paths = p.includes("/") ? "all" : p;
  }
  const rows = await q.listAudit(db, { paths, unitIds, from: f.from, to: f.to, beforeId: f.cursor, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return {
    data: page.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      unitId: r.unit_id,
      ip: r.ip,
      requestId: r.request_id,
      details: r.details ? JSON.parse(r.details) : null,
    })),
    nextCursor: rows.length > f.limit ? String(page[page.length - 1].id) : null,
  };
}

/** A board's name and kind, without an access check (statements print who gave an opinion). */
export async function findBoard(db: Db, boardId: number): Promise<{ id: number; name: string; kind: string; unitId: number } | undefined> {
  const b = await q.findBoard(db, boardId);
  return b && { id: b.id, name: b.name, kind: b.kind, unitId: b.unit_id };
}

/** Does this user hold one of `roles` on the unit at `path` or above it (now)? For segregation-of-duty rules. */
export async function holdsRole(db: Db, userId: number, roles: Role[], path: string): Promise<boolean> {
  const rows = await db("grants").leftJoin("units", "units.id", "grants.unit_id").select("grants.role", "grants.unit_id", "units.path").where("grants.user_id", userId).whereIn("grants.role", roles);
  return rows.some((r: { unit_id: number | null; path: string | null }) => r.unit_id === null || (r.path !== null && path.startsWith(r.path)));
}

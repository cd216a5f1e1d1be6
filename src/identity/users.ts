import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from "../shared/errors";
import { Actor, Grant, Role, User, covers, hasRole, related } from "./actor";
import * as audit from "./audit";
import { hashPassword } from "./passwords";
import * as q from "./queries";
import { forgetFailures } from "./throttle";
import { authorize } from "./units";

// Users and their grants: created, listed and deactivated by admins, who see the users of their
// own units only; a role is granted on a unit, or for an inspector on a board.

export type { User, Grant } from "./actor";

function adminPaths(actor: Actor): string[] | "all" {
  const paths = actor.scopes.filter((s) => s.role === "admin").map((s) => s.path);
  return paths.includes("/") ? "all" : paths;
}

function toGrant(g: q.GrantRow): Grant {
  return { id: g.id, role: g.role as Role, unitId: g.unit_id, boardId: g.board_id };
}
export async function withGrants(db: Db, rows: q.UserRow[]): Promise<User[]> {
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
  if (g.board_id) path = (await q.findBoard(trx, g.board_id))!.unit_path;
  else if (g.unit_id) path = (await authorize(trx, actor, ["admin"], g.unit_id)).path;
  if (!covers(actor, ["admin"], path)) throw new ForbiddenError();
  await q.deleteGrant(trx, grantId);
  await audit.record(trx, actor, { action: "grant.revoked", entity: "grant", entityId: grantId, unitId: g.unit_id, details: { userId, role: g.role } });
}

/** Lifts a sign-in suspension (admins of the user's unit); the failures so far no longer count. */
export async function unlockUser(trx: Knex.Transaction, actor: Actor, userId: number): Promise<User> {
  const row = await visibleUser(trx, actor, userId);
  await trx("users").where({ id: userId }).update({ locked_at: null });
  await forgetFailures(trx, "password", row.username.toLowerCase());
  await audit.record(trx, actor, { action: "user.unlocked", entity: "user", entityId: userId, unitId: row.unit_id });
  return (await withGrants(trx, [(await q.findUser(trx, userId))!]))[0];
}

/** Does this user hold one of `roles` on the unit at `path` or above it (now)? For segregation-of-duty rules. */
export async function holdsRole(db: Db, userId: number, roles: Role[], path: string): Promise<boolean> {
  const rows = await db("grants").leftJoin("units", "units.id", "grants.unit_id").select("grants.role", "grants.unit_id", "units.path").where("grants.user_id", userId).whereIn("grants.role", roles);
  return rows.some((r: { unit_id: number | null; path: string | null }) => r.unit_id === null || (r.path !== null && path.startsWith(r.path)));
}

export const countUsers = q.countUsers;

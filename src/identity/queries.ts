import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { inChunks } from "../db/chunks";
import type { Role } from "./actor";
import type { BoardRole } from "../shared/board-composition";

// knex on the tables identity owns: units, users, sessions, grants, boards, audit_events.
// Rows in, rows out; no rules here.

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  kind: "province" | "commune" | "hamlet";
  parent_id: number | null;
  path: string;
  is_active: boolean | number;
  succeeded_by_id: number | null;
  approval_threshold: number | string;
  feedback_answer_days: number;
  cash_difference_minor: number | string;
  cash_difference_critical: number | string;
  board_composition_required: boolean | number;
  created_at: string;
}

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  phone: string | null;
  is_active: boolean | number;
  unit_id: number | null;
  created_at: string;
  /** Set when too many wrong passwords suspended sign-in; an admin's unlock clears it. */
  locked_at?: string | null;
}

export interface GrantRow {
  id: number;
  user_id: number;
  role: string;
  unit_id: number | null;
  board_id: number | null;
  created_at: string;
}

export const findUnit = (db: Db, id: number) => db<UnitRow>("units").where({ id }).first();
/** Many units' paths at once (a province's overview asks about thousands). */
export const unitPaths = (db: Db, ids: readonly number[]) => inChunks(ids, (c) => db("units").select("id", "path").whereIn("id", c) as Promise<{ id: number; path: string }[]>);
export const findUnitByCode = (db: Db, code: string) => db<UnitRow>("units").where({ code }).first();

export async function insertUnit(db: Db, row: Omit<UnitRow, "id" | "path" | "is_active" | "succeeded_by_id" | "approval_threshold" | "feedback_answer_days" | "cash_difference_minor" | "cash_difference_critical" | "board_composition_required">, parentPath: string) {
  const [{ id }] = await db("units").insert({ ...row, path: "/" }).returning("id");
  const path = `${parentPath}${id}/`;
  await db("units").where({ id }).update({ path });
  return id as number;
}

/** Units under any of the given paths (each path a prefix), in tree order. */
export function listUnitsUnder(db: Db, paths: string[]) {
  return db<UnitRow>("units")
    .where((q) => {
      for (const p of paths) q.orWhere("path", "like", `${p}%`);
    })
    .orderBy("path");
}

export const updateUnit = (db: Db, id: number, patch: Partial<UnitRow>) => db("units").where({ id }).update(patch);

export const findUser = (db: Db, id: number) => db<UserRow>("users").where({ id }).first();
export const findUserByName = (db: Db, username: string) => db<UserRow>("users").where({ username }).first();
export async function insertUser(db: Db, row: Omit<UserRow, "id" | "is_active">) {
  const [{ id }] = await db("users").insert(row).returning("id");
  return id as number;
}
export const updateUser = (db: Db, id: number, patch: Partial<UserRow> & { password_changed_at?: string }) =>
  db("users").where({ id }).update(patch);
export const countUsers = async (db: Db) => Number((await db("users").count({ n: "*" }).first())?.n ?? 0);
/** Did the demo seed write here (its actor signs every audit record it makes)? */
export const holdsDemoData = async (db: Db) => Boolean(await db("audit_events").where({ actor_name: "demo-seed" }).first("id"));
export const countUnits = async (db: Db) => Number((await db("units").count({ n: "*" }).first())?.n ?? 0);

/** Users created in, or holding a grant in, a unit under one of the paths, or on a board set up there. */
export function listUsersUnder(db: Db, paths: string[] | "all") {
  const q = db<UserRow>("users").select("users.*").orderBy("users.id");
  if (paths === "all") return q;
  return q.where((w) => {
    w.whereIn(
      "users.unit_id",
      db("units").select("id").where((u) => {
        for (const p of paths) u.orWhere("path", "like", `${p}%`);
      }),
    ).orWhereIn(
      "users.id",
      db("grants")
        .join("units", "units.id", "grants.unit_id")
        .select("grants.user_id")
        .where((u) => {
          for (const p of paths) u.orWhere("units.path", "like", `${p}%`);
        }),
    ).orWhereIn(
      // An inspector's grant names a board, not a unit: the commune admin who granted it manages them too.
      "users.id",
      db("grants")
        .join("boards", "boards.id", "grants.board_id")
        .join("units", "units.id", "boards.unit_id")
        .select("grants.user_id")
        .where((u) => {
          for (const p of paths) u.orWhere("units.path", "like", `${p}%`);
        }),
    );
  });
}

export const grantsOf = (db: Db, userIds: number[]) => db<GrantRow>("grants").whereIn("user_id", userIds).orderBy("id");

export async function insertGrant(db: Db, row: Omit<GrantRow, "id"> & { created_by: number | null }) {
  const [{ id }] = await db("grants").insert(row).returning("id");
  return id as number;
}
export const findGrant = (db: Db, id: number) => db<GrantRow>("grants").where({ id }).first();
export const deleteGrant = (db: Db, id: number) => db("grants").where({ id }).delete();

export interface BoardRow {
  id: number;
  unit_id: number;
  kind: "gsdtcd" | "ttnd";
  name: string;
  term_start: string | null;
  term_end: string | null;
  created_at: string;
  /** The path of the board's commune. */
  unit_path: string;
}
export const findBoard = (db: Db, id: number) =>
  db("boards").join("units", "units.id", "boards.unit_id").select("boards.*", "units.path as unit_path").where("boards.id", id).first() as Promise<BoardRow | undefined>;
export const boardsOf = (db: Db, unitId: number) =>
  db("boards").join("units", "units.id", "boards.unit_id").select("boards.*", "units.path as unit_path").where("boards.unit_id", unitId).orderBy("boards.id") as Promise<BoardRow[]>;
export const boardUnits = (db: Db, boardIds: number[]) =>
  db("board_units").join("units", "units.id", "board_units.unit_id").select("board_units.board_id", "board_units.unit_id", "units.path").whereIn("board_units.board_id", boardIds) as Promise<{ board_id: number; unit_id: number; path: string }[]>;
export const boardMembers = (db: Db, boardIds: number[]) =>
  db("grants")
    .join("users", "users.id", "grants.user_id")
    .select("grants.board_id", "users.id as user_id", "users.username", "users.display_name", "users.is_active", "grants.board_role", "grants.front_representative")
    .where("grants.role", "inspector")
    .whereIn("grants.board_id", boardIds)
    .orderBy("users.id") as Promise<{ board_id: number; user_id: number; username: string; display_name: string; is_active: boolean | number; board_role: BoardRole | null; front_representative: boolean | number }[]>;
// A member's role on a board (law.md L11): NULL in a grant made without one reads as `member`.
export type { BoardRole };
export const boardNames = (db: Db, ids: number[]) => db("boards").select("id", "name", "kind").whereIn("id", ids) as Promise<{ id: number; name: string; kind: string }[]>;
export const userNames = (db: Db, ids: number[]) => db("users").select("id", "display_name").whereIn("id", ids) as Promise<{ id: number; display_name: string }[]>;

export async function insertSession(db: Db, row: { token_hash: string; user_id: number; created_at: string; expires_at: string; ip: string }) {
  const [{ id }] = await db("sessions").insert(row).returning("id");
  return id as number;
}

/**
 * Everything a request needs about its bearer, in one round trip (the hot path of every signed-in
 * request): the live session, its active user, and each grant with the path it covers; a board
 * grant gives one row per unit the board oversees. No row: the token is unknown or revoked, or the
 * user is deactivated. Expiry is the caller's to check (each request has its own instant).
 */
/**
 * findSessionActor's SQL, built by knex once per database handle: it runs before every signed-in
 * request, and building the six-table join each time cost more than SQLite takes to run it.
 */
const sessionActorSql = new WeakMap<Db, { sql: string; bindings: Knex.Value[]; at: number }>();
const TOKEN_SENTINEL = "\u0000token";

export interface SessionActorRow {
  session_id: number;
  expires_at: string;
  user_id: number;
  username: string;
  display_name: string;
  phone: string | null;
  is_active: boolean | number;
  user_unit_id: number | null;
  created_at: string;
  grant_id: number | null;
  role: Role;
  unit_id: number | null;
  board_id: number | null;
  unit_path: string | null;
  board_unit_id: number | null;
  board_unit_path: string | null;
}

export async function findSessionActor(db: Db, tokenHash: string): Promise<SessionActorRow[]> {
  let c = sessionActorSql.get(db);
  if (!c) {
    const { sql, bindings } = sessionActorQuery(db, TOKEN_SENTINEL).toSQL();
    c = { sql, bindings: [...bindings], at: bindings.indexOf(TOKEN_SENTINEL) };
    sessionActorSql.set(db, c);
  }
  const bindings = [...c.bindings];
  bindings[c.at] = tokenHash;
  const r = await db.raw(c.sql, bindings);
  return (Array.isArray(r) ? r : r.rows) as SessionActorRow[]; // sqlite3 gives the rows, pg a result
}

function sessionActorQuery(db: Db, tokenHash: string) {
  return db("sessions")
    .join("users", "users.id", "sessions.user_id")
    .leftJoin("grants", "grants.user_id", "users.id")
    .leftJoin("units as gu", "gu.id", "grants.unit_id")
    .leftJoin("board_units as bu", "bu.board_id", "grants.board_id")
    .leftJoin("units as bu_u", "bu_u.id", "bu.unit_id")
    .select(
      "sessions.id as session_id",
      "sessions.expires_at",
      "users.id as user_id",
      "users.username",
      "users.display_name",
      "users.phone",
      "users.is_active",
      "users.unit_id as user_unit_id",
      "users.created_at",
      "grants.id as grant_id",
      "grants.role",
      "grants.unit_id",
      "grants.board_id",
      "gu.path as unit_path",
      "bu.unit_id as board_unit_id",
      "bu_u.path as board_unit_path",
    )
    .where("sessions.token_hash", tokenHash)
    .whereNull("sessions.revoked_at")
    .where("users.is_active", true)
    .orderBy("grants.id");
}

export const revokeSessions = (db: Db, userId: number, at: string, exceptId?: number) => {
  const q = db("sessions").where({ user_id: userId }).whereNull("revoked_at");
  if (exceptId) q.whereNot("id", exceptId);
  return q.update({ revoked_at: at });
};
export const revokeSession = (db: Db, id: number, at: string) => db("sessions").where({ id }).update({ revoked_at: at });

export interface AuditRow {
  id: number | string;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  unit_id: number | null;
  ip: string | null;
  request_id: string | null;
  details: string | null;
}

export const insertAudit = (db: Db, row: Omit<AuditRow, "id"> | Omit<AuditRow, "id">[]) => db("audit_events").insert(row);

export function listAudit(
  db: Db,
  f: { paths: string[] | "all"; unitIds?: number[]; from?: string; to?: string; beforeId?: number; limit: number },
) {
  const q = db<AuditRow>("audit_events").orderBy("id", "desc").limit(f.limit);
  if (f.paths !== "all") {
    const paths = f.paths;
    q.whereIn(
      "unit_id",
      db("units").select("id").where((u) => {
        for (const p of paths) u.orWhere("path", "like", `${p}%`);
      }),
    );
  }
  if (f.unitIds) q.whereIn("unit_id", f.unitIds);
  if (f.from) q.where("at", ">=", f.from);
  if (f.to) q.where("at", "<", f.to);
  if (f.beforeId) q.where("id", "<", f.beforeId);
  return q;
}

/**
 * Which of `ids` in `table` lie in a unit under one of `paths` (each a prefix): `unitColumn` is the
 * row's unit (`id` for units themselves). The table name comes from references.ts, never a request.
 */
export async function idsWithinPaths(db: Db, table: string, unitColumn: string, ids: number[], paths: string[]): Promise<Set<number>> {
  const rows = await db(`${table} as t`)
    .join("units as u", "u.id", `t.${unitColumn}`)
    .select("t.id")
    .whereIn("t.id", ids)
    .where((w) => {
      for (const p of paths) w.orWhere("u.path", "like", `${p}%`);
    });
  return new Set(rows.map((r: { id: number | string }) => Number(r.id)));
}

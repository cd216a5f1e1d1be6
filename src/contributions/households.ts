import crypto from "node:crypto";
import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, authorize, audit, hashPassword, STAFF, type Role, type Unit } from "../identity";
import { ConflictError, NotFoundError, RuleViolation } from "../shared/errors";
import { foldVi, tidyName } from "../shared/text";
import { clearPinSuspension } from "./pins";
import { recordActivity } from "./register";
import { householdCode } from "./household-code";
import * as q from "./queries";
import type { HouseholdCategory } from "../shared/household-categories";
import type { HouseholdWire } from "./wire";

// Households (hộ gia đình) of a hamlet: registered, corrected, moved, given a PIN; never deleted.

export type Category = HouseholdCategory;
/** Who records in a hamlet's books: its treasurer, or the commune office. */
export const WRITERS: readonly Role[] = ["treasurer", "admin"];

// A household carries no money: it is held in its wire shape.
export type Household = HouseholdWire;

export const toHousehold = (r: q.HouseholdRow): Household => ({
  id: r.id,
  unitId: r.unit_id,
  code: r.code,
  headName: r.head_name,
  address: r.address,
  members: r.members,
  category: r.category as Category,
  phone: r.phone,
  isActive: Boolean(r.is_active),
  hasPin: Boolean(r.pin_hash),
  pinLocked: Boolean(r.pin_locked_at),
  createdAt: r.created_at,
});

/** The hamlet the caller may act in with one of `roles`: households live in hamlets only. */
export async function hamlet(db: Db, actor: Actor, roles: readonly Role[], unitId: number): Promise<Unit> {
  const unit = await authorize(db, actor, [...roles], unitId);
  if (unit.kind !== "hamlet") throw new RuleViolation("households_in_hamlets", { kind: unit.kind });
  return unit;
}

export interface HouseholdInput {
  code: string;
  headName: string;
  address?: string;
  members?: number;
  category?: Category;
  phone?: string;
}

/** Registers a household in a hamlet (code unique in the hamlet); treasurer or admin. */
export async function registerHousehold(trx: Knex.Transaction, actor: Actor, unitId: number, input: HouseholdInput): Promise<Household> {
  await hamlet(trx, actor, WRITERS, unitId);
  const code = householdCode(input.code);
  if (await q.findHouseholdByCode(trx, unitId, code)) throw new ConflictError("duplicate", { entity: "household", field: "code" });
  const headName = tidyName(input.headName);
  const id = await q.insertHousehold(trx, {
    unit_id: unitId,
    code,
    head_name: headName,
    search_text: foldVi(`${code} ${headName}`),
    address: input.address ?? null,
    members: input.members ?? null,
    category: input.category ?? "normal",
    phone: input.phone ?? null,
    created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "household.registered", entity: "household", entityId: id, unitId, details: { code } });
  return toHousehold((await q.findHousehold(trx, unitId, id))!);
}

/**
 * Registers a hamlet's households from a list at once (its register carried over from the old
 * sheet): every code new and distinct, or nothing (409 duplicate). Ids in the list's order.
 */
export async function registerHouseholds(trx: Knex.Transaction, actor: Actor, unitId: number, inputs: HouseholdInput[]): Promise<number[]> {
  await hamlet(trx, actor, WRITERS, unitId);
  const rows = inputs.map((input) => {
    const code = householdCode(input.code);
    const headName = tidyName(input.headName);
    return { unit_id: unitId, code, head_name: headName, search_text: foldVi(`${code} ${headName}`), address: input.address ?? null, members: input.members ?? null, category: input.category ?? "normal", phone: input.phone ?? null, created_at: actor.at };
  });
  const codes = rows.map((r) => r.code);
  if (new Set(codes).size !== codes.length) throw new ConflictError("duplicate", { entity: "household", field: "code" });
  const ids = new Map<string, number>();
  const load = async () => {
    for (let i = 0; i < codes.length; i += 5000) for (const h of await q.householdKeysByCodes(trx, unitId, codes.slice(i, i + 5000))) ids.set(h.code, Number(h.id));
  };
  await load();
  if (ids.size) throw new ConflictError("duplicate", { entity: "household", field: "code" });
  for (let i = 0; i < rows.length; i += 5000) await q.insertHouseholds(trx, rows.slice(i, i + 5000));
  await load();
  await audit.recordMany(trx, codes.map((code) => ({ actor, input: { action: "household.registered", entity: "household", entityId: ids.get(code)!, unitId, details: { code } } })));
  return codes.map((code) => ids.get(code)!);
}

/** Households of a hamlet by code, searched by code or name without diacritics ("huong" finds "Hường"). */
export async function listHouseholds(db: Db, actor: Actor, unitId: number, f: { q?: string; cursor?: string; limit: number; includeInactive?: boolean }) {
  await hamlet(db, actor, STAFF, unitId);
  const rows = await q.listHouseholds(db, unitId, { q: f.q ? foldVi(f.q) : undefined, afterCode: f.cursor, limit: f.limit + 1, includeInactive: f.includeInactive });
  const page = rows.slice(0, f.limit);
  return { data: page.map(toHousehold), nextCursor: rows.length > f.limit ? page[page.length - 1].code : null };
}

/** A household of the unit, or 404 (another unit's household is not found). */
export async function householdIn(db: Db, unitId: number, id: number): Promise<q.HouseholdRow> {
  const h = await q.findHousehold(db, unitId, id);
  if (!h) throw new NotFoundError("household", { id });
  return h;
}

export async function getHousehold(db: Db, actor: Actor, unitId: number, id: number): Promise<Household> {
  await hamlet(db, actor, STAFF, unitId);
  return toHousehold(await householdIn(db, unitId, id));
}

export interface HouseholdPatch {
  code?: string;
  headName?: string;
  address?: string | null;
  members?: number | null;
  category?: Category;
  phone?: string | null;
  isActive?: boolean;
}

/** Corrects a household's details; its history (entries, contributions) is untouched. */
export async function updateHousehold(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, patch: HouseholdPatch): Promise<Household> {
  await hamlet(trx, actor, WRITERS, unitId);
  const h = await householdIn(trx, unitId, id);
  const row: Partial<q.HouseholdRow> = {};
  if (patch.code !== undefined && householdCode(patch.code) !== h.code) {
    if (await q.findHouseholdByCode(trx, unitId, householdCode(patch.code))) throw new ConflictError("duplicate", { entity: "household", field: "code" });
    row.code = householdCode(patch.code);
  }
  if (patch.headName !== undefined) row.head_name = tidyName(patch.headName);
  if (patch.address !== undefined) row.address = patch.address;
  if (patch.members !== undefined) row.members = patch.members;
  if (patch.category !== undefined) row.category = patch.category;
  if (patch.phone !== undefined) row.phone = patch.phone;
  if (patch.isActive !== undefined) row.is_active = patch.isActive;
  row.search_text = foldVi(`${row.code ?? h.code} ${row.head_name ?? h.head_name}`);
  await q.updateHousehold(trx, id, row);
  // The register on a past day (a decision's total) needs when a household stopped or started again.
  if (patch.isActive !== undefined && patch.isActive !== Boolean(h.is_active)) await recordActivity(trx, id, patch.isActive, actor.at);
  // The phone is private: the audit trail says it changed, not what it is.
  const { phone: _phone, ...shown } = patch;
  await audit.record(trx, actor, { action: "household.updated", entity: "household", entityId: id, unitId, details: { ...shown, phoneChanged: patch.phone !== undefined } });
  return toHousehold((await q.findHousehold(trx, unitId, id))!);
}

/** Moves a household to another hamlet of the same commune; its history stays where it was recorded. */
export async function moveHousehold(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, input: { toUnitId: number; code?: string }): Promise<Household> {
  const from = await hamlet(trx, actor, WRITERS, unitId);
  const to = await hamlet(trx, actor, WRITERS, input.toUnitId);
  if (from.parentId !== to.parentId) throw new RuleViolation("move_outside_commune");
  const h = await householdIn(trx, unitId, id);
  const code = householdCode(input.code ?? h.code);
  if (await q.findHouseholdByCode(trx, to.id, code)) throw new ConflictError("duplicate", { entity: "household", field: "code" });
  await q.updateHousehold(trx, id, { unit_id: to.id, code, search_text: foldVi(`${code} ${h.head_name}`) });
  await q.insertMove(trx, { household_id: id, unit_id: from.id, to_unit_id: to.id, from_code: h.code, to_code: code, moved_at: actor.at, created_by: actor.userId });
  await audit.record(trx, actor, { action: "household.moved", entity: "household", entityId: id, unitId: from.id, details: { to: to.id, code } });
  return toHousehold((await q.findHousehold(trx, to.id, id))!);
}

/** Issues (or resets) a household's 6-digit PIN: shown once, stored as a scrypt hash. */
export async function issuePin(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, scryptCost: number): Promise<{ pin: string }> {
  await hamlet(trx, actor, WRITERS, unitId);
  const h = await householdIn(trx, unitId, id);
  const pin = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  await q.updateHousehold(trx, id, { pin_hash: await hashPassword(pin, scryptCost), pin_set_at: actor.at, pin_locked_at: null });
  await clearPinSuspension(trx, h.unit_id, h.code);
  await audit.record(trx, actor, { action: "household.pin_issued", entity: "household", entityId: id, unitId, ...(h.pin_locked_at ? { details: { suspensionLifted: true } } : {}) });
  return { pin };
}

/** A household's code and head's name without an access check (a receipt prints who paid). */
export async function findHousehold(db: Db, householdId: number): Promise<Household | undefined> {
  const r = await q.findHouseholdById(db, householdId);
  return r && toHousehold(r);
}

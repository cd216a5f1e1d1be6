import type { Db } from "../db/knex";
import { NotFoundError } from "../shared/errors";
import * as q from "./queries";

// The one way a service checks the ids a request names (a household, a campaign, a work, ...):
// each must belong to a unit inside the request's scope (the unit in the path or a unit under it,
// or the units a board oversees), else 404 not_found naming the entity, before anything is
// written. The database refuses the same rows again (migrations/lib/references.ts).
//
// Only identity knows the unit tree, so the lookup lives here; it reads no more of a module's
// table than the `id` and `unit_id` every table carries (STYLE §3).

/** Entities a request may name by id, and the table that holds them. */
export const REFERENCED = {
  household: "households",
  campaign: "campaigns",
  work: "works",
  expense: "expenses",
  entry: "entries",
  attachment: "attachments",
  inspection: "inspections",
  finding: "findings",
  feedback: "feedback",
  publication: "publications",
  consultation: "consultations",
  decision: "decisions",
  board: "boards",
  unit: "units",
} as const;
export type Referenced = keyof typeof REFERENCED;

export interface Ref {
  entity: Referenced;
  id: number | null | undefined;
  /** JSON pointer of the field that named it ("/householdId"), for the problem. */
  path?: string;
}

/** A set of unit subtrees: a unit path ("/1/2/") covers itself and every unit under it. */
export interface UnitScope {
  paths: string[];
}

/** The scope of a unit: itself and the units under it. */
export async function unitScope(db: Db, unitId: number): Promise<UnitScope> {
  const u = await q.findUnit(db, unitId);
  return { paths: u ? [u.path] : [] };
}

/**
 * Throws NotFoundError(entity) for the first ref whose row does not exist or lies outside `scope`.
 * Absent ids (null, undefined) are skipped. One query per kind of entity named.
 */
export async function resolveRefs(db: Db, scope: UnitScope | number, refs: Ref[]): Promise<void> {
  const named = refs.filter((r) => r.id !== null && r.id !== undefined);
  if (!named.length) return;
  const s = typeof scope === "number" ? await unitScope(db, scope) : scope;
  const byEntity = new Map<Referenced, Set<number>>();
  for (const r of named) {
    let ids = byEntity.get(r.entity);
    if (!ids) byEntity.set(r.entity, (ids = new Set()));
    ids.add(Number(r.id));
  }
  const found = new Map<Referenced, Set<number>>();
  for (const [entity, ids] of byEntity) {
    found.set(entity, s.paths.length ? await q.idsWithinPaths(db, REFERENCED[entity], entity === "unit" ? "id" : "unit_id", [...ids], s.paths) : new Set());
  }
  for (const r of named) {
    if (!found.get(r.entity)!.has(Number(r.id))) throw new NotFoundError(r.entity, { id: Number(r.id), ...(r.path ? { path: r.path } : {}) });
  }
}

import type { UnitWire } from "../../identity/wire";
import type { Me } from "./api";

export type Unit = UnitWire;

/**
 * The roles the user holds on `unit` (on it or on a unit above it). Only to show or hide buttons:
 * the server checks every request on its own.
 */
export function rolesOn(me: Me, unit: Pick<Unit, "id" | "parentId">, parents: number[] = []): Set<string> {
  const scope = new Set([unit.id, ...(unit.parentId ? [unit.parentId] : []), ...parents]);
  return new Set(me.grants.filter((g) => g.unitId !== null && scope.has(g.unitId)).map((g) => g.role));
}

export const hasAny = (roles: Set<string>, ...want: string[]) => want.some((r) => roles.has(r));

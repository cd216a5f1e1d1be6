import type { Knex } from "knex";
import type { Deps } from "./app";
import type { RouteDef } from "./http/route";
import { Actor, createUnit, Unit, UnitKind } from "./identity";
import { ledgerRoutes, openBooks } from "./ledger";
import { contributionRoutes } from "./contributions";
import { publicationRoutes, publicPages } from "./publication";
import type { Router } from "express";

// The domain modules' routes, in the order of DESIGN (ledger, contributions, works, supervision,
// publication). identity is mounted by app.ts itself.
export function moduleRoutes(deps: Deps): RouteDef[] {
  return [...ledgerRoutes(deps), ...contributionRoutes(deps), ...publicationRoutes(deps)];
}

/** Server-rendered public pages (outside /api/v1): publication's notice board on the web. */
export function modulePages(deps: Deps): Router[] {
  return [publicPages(deps)];
}

/** What other modules do when a unit is created, in its transaction: the ledger opens its books. */
export async function onUnitCreated(trx: Knex.Transaction, actor: Actor, unitId: number): Promise<void> {
  await openBooks(trx, actor, unitId);
}

/** Creates a unit with everything that comes with it (seeds, tests and start-up use this). */
export async function setUpUnit(trx: Knex.Transaction, actor: Actor, input: { code: string; name: string; kind: UnitKind; parentId?: number }): Promise<Unit> {
  const unit = await createUnit(trx, actor, input);
  await onUnitCreated(trx, actor, unit.id);
  return unit;
}

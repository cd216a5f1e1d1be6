import type { Knex } from "knex";
import type { Deps } from "./deps";
import type { RouteDef } from "./http/route";
import { Actor, createUnit, Unit, UnitKind } from "./identity";
import { ledgerRoutes, openBooks } from "./ledger";
import { contributionRoutes } from "./contributions";
import { publicationRoutes, publicPages } from "./publication";
import type { Router } from "express";
import { worksRoutes } from "./works";
import { oversight, supervisionRoutes } from "./supervision";
import { decisionForCampaign, decisionRoutes } from "./decisions";
import { calendarRoutes } from "./calendar";
import { deadlineRoutes } from "./deadlines";
import { archiveRoutes } from "./archive";
import { notifyRoutes } from "./notify";
import { opendataRoutes } from "./opendata";
import { overviewRoutes } from "./overview";

// The domain modules' routes, in the order of DESIGN (ledger, contributions, works, supervision,
// publication). identity is mounted by app.ts itself.
export function moduleRoutes(deps: Deps): RouteDef[] {
  // works asks supervision what it needs (settlement, public page) through `oversight`: supervision
  // depends on works, never the other way round.
  return [...ledgerRoutes(deps), ...contributionRoutes(deps, decisionForCampaign), ...decisionRoutes(deps), ...worksRoutes(deps, oversight), ...supervisionRoutes(deps), ...publicationRoutes(deps), ...calendarRoutes(deps), ...deadlineRoutes(deps), ...archiveRoutes(deps), ...opendataRoutes(deps), ...overviewRoutes(deps), ...notifyRoutes(deps)];
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

import type { Deps } from "../deps";
import { route, RouteDef } from "../http/route";
import { UnitParams } from "../http/schema-kit";
import { overview, OVERVIEW } from "./overview";
import type { OverviewWire } from "./wire";

export function overviewRoutes(deps: Deps): RouteDef[] {
  const { db } = deps;
  return [
    route({ method: "get", path: "/units/:unitId/overview", tag: "overview", summary: "A commune's view of its hamlets (per campaign and per work totals, open findings, late publications) or a province's dashboard (per commune totals, late publications, open critical findings, overdue answers)", access: OVERVIEW, params: UnitParams,
      handler: async ({ actor, params }): Promise<OverviewWire> => overview(db, actor, params.unitId) }),
  ];
}

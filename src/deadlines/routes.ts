import type { Deps } from "../deps";
import { route, RouteDef } from "../http/route";
import { UnitParams } from "../http/schema-kit";
import { STAFF } from "../identity";
import { renderApology } from "./apology-pdf";
import { apologyLetter, deadlines } from "./deadlines";
import { ApologyParams, DeadlinesQuery } from "./schemas";
import type { DeadlinesWire } from "./wire";

export function deadlineRoutes(deps: Deps): RouteDef[] {
  const { db } = deps;
  return [
    route({ method: "get", path: "/units/:unitId/deadlines", tag: "deadlines", summary: "What is late in the unit and the units under it: publications past their publish-by date, events owed a publication (late or due within dueWithin days), decisions not submitted in time, findings and feedback not answered in time (each with its apology letter)", access: STAFF, params: UnitParams, query: DeadlinesQuery,
      handler: async ({ actor, params, query }): Promise<DeadlinesWire> => deadlines(db, actor, params.unitId, query.dueWithin) }),
    route({ method: "get", path: "/units/:unitId/deadlines/apologies/:kind/:itemId.pdf", tag: "deadlines", summary: "The apology letter (PDF) for an overdue finding or feedback answer, for the responsible person to sign", access: STAFF, params: ApologyParams,
      handler: async ({ actor, params, res }) => {
        const letter = await apologyLetter(db, actor, params.unitId, params.kind, params.itemId);
        res.type("application/pdf");
        res.setHeader("Content-Disposition", `attachment; filename="thu-xin-loi-${params.kind}-${params.itemId}.pdf"`);
        renderApology(letter, res);
      } }),
  ];
}

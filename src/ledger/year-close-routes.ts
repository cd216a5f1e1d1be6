import type { Deps } from "../deps";
import { route, RouteDef } from "../http/route";
import { DateStr, Obj, OneOf, Type, UnitParams } from "../http/schema-kit";
import { closeYear, listYearClosings } from "./year-close";
import { READERS } from "./types";
import "./year-close-messages";

// The year's closing (kết chuyển, khóa sổ năm): its routes and schemas.

const FundCode = Type.String({ pattern: "^[0-9]{3,16}$", maxLength: 16 });
export const YearCloseBody = Obj({
  year: Type.Integer({ minimum: 1900, maximum: 2199 }),
  fund: Type.Optional(FundCode),
  funds: Type.Optional(Type.Record(Type.String({ pattern: "^[0-9]{3,16}$" }), FundCode, { maxProperties: 1000 })),
});
/** The trial balance's period and the stage of a closed year it shows (after closing by default). */
export const TrialBalanceQuery = Obj({ from: Type.Optional(DateStr), to: Type.Optional(DateStr), stage: Type.Optional(OneOf(["before", "after"] as const)) });

export function yearCloseRoutes(deps: Deps): RouteDef[] {
  const { db } = deps;
  const U = "/units/:unitId";
  return [
    route({ method: "post", path: `${U}/year-closings`, tag: "ledger", summary: "Close a year: each revenue and expense account's balance into its fund (4xx) by a closing entry on 31/12, then the period; answers the next year's opening balances", access: ["head", "admin"], params: UnitParams, body: YearCloseBody, status: 201,
      handler: async ({ actor, params, body }) => db.transaction((trx) => closeYear(trx, actor, params.unitId, body)) }),
    route({ method: "get", path: `${U}/year-closings`, tag: "ledger", summary: "Closed years with their closing entries and next years' opening balances", access: [...READERS], params: UnitParams,
      handler: async ({ actor, params }) => ({ data: await listYearClosings(db, actor, params.unitId) }) }),
  ];
}

import type { Deps } from "../deps";
import { route, RouteDef } from "../http/route";
import { UnitParams } from "../http/schema-kit";
import { Actor, authorize, STAFF } from "../identity";
import * as svc from "./days";
import { DayBody, DayParams, HolidaysQuery, UnitDaysQuery, WorkingDaysQuery } from "./schemas";
import type { CalendarDayWire, HolidayWire } from "./wire";

// The working-day calendar: reads for anyone signed in (a unit's, for its staff), a unit's extra days (its admin).

export function calendarRoutes(deps: Deps): RouteDef[] {
  const { db } = deps;
  // A unit's own days are its staff's to count with (a unit outside the caller's reach is a 404);
  // without a unit, the national calendar, for anyone signed in.
  const unitOrNone = async (actor: Actor, unitId: number | undefined) => {
    if (unitId !== undefined) await authorize(db, actor, STAFF, unitId);
    return unitId;
  };
  return [
    route({ method: "get", path: "/calendar/holidays", tag: "calendar", summary: "A year's public holidays (Labour Code 2019, Art. 112; Tết by the Vietnamese lunar calendar), with a unit's extra days when `unitId` is given", access: "user", query: HolidaysQuery,
      handler: async ({ actor, query }): Promise<{ data: HolidayWire[] }> => ({ data: await svc.holidays(db, query.year, await unitOrNone(actor, query.unitId)) }) }),
    route({ method: "get", path: "/calendar/working-days", tag: "calendar", summary: "The date `days` working days after `from` (weekends, holidays and, with `unitId`, the unit's extra days skipped)", access: "user", query: WorkingDaysQuery,
      handler: async ({ actor, query }): Promise<{ date: string }> => ({ date: await svc.workingDaysAfter(db, query.from, query.days, await unitOrNone(actor, query.unitId)) }) }),
    route({ method: "get", path: "/units/:unitId/calendar/days", tag: "calendar", summary: "The days the unit (and the units above it) added to the calendar", access: STAFF, params: UnitParams, query: UnitDaysQuery,
      handler: async ({ actor, params, query }): Promise<{ data: CalendarDayWire[] }> => ({ data: await svc.listDays(db, actor, params.unitId, query.year) }) }),
    route({ method: "post", path: "/units/:unitId/calendar/days", tag: "calendar", summary: "Add a day off (a government extension) or a worked day (a swap) to the unit's calendar", access: ["admin"], params: UnitParams, body: DayBody, status: 201,
      handler: async ({ actor, params, body }) => db.transaction((trx) => svc.addDay(trx, actor, params.unitId, body)) }),
    route({ method: "delete", path: "/units/:unitId/calendar/days/:dayId", tag: "calendar", summary: "Remove a day the unit added by mistake", access: ["admin"], params: DayParams, status: 204,
      handler: async ({ actor, params, res }) => {
        await db.transaction((trx) => svc.removeDay(trx, actor, params.unitId, params.dayId));
        res.status(204).end();
      } }),
  ];
}

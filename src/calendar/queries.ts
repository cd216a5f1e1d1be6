import type { Db } from "../db/knex";

// knex on the table calendar owns: calendar_days (a unit's extra days off and worked days).

export interface CalendarDayRow {
  id: number;
  unit_id: number;
  day: string;
  name: string;
  kind: "day_off" | "working_day";
  created_by: number | null;
  created_at: string;
}

/** The extra days of these units (a unit and its ancestors), by date. */
export const daysOfUnits = (db: Db, unitIds: number[], from?: string, to?: string) => {
  const q = db<CalendarDayRow>("calendar_days").whereIn("unit_id", unitIds).orderBy("day").orderBy("id");
  if (from) q.where("day", ">=", from);
  if (to) q.where("day", "<=", to);
  return q;
};
export const findDay = (db: Db, unitId: number, day: string) => db<CalendarDayRow>("calendar_days").where({ unit_id: unitId, day }).first();
export const findDayById = (db: Db, unitId: number, id: number) => db<CalendarDayRow>("calendar_days").where({ unit_id: unitId, id }).first();
export async function insertDay(db: Db, row: Omit<CalendarDayRow, "id">): Promise<number> {
  const [r] = await db("calendar_days").insert(row, ["id"]);
  return typeof r === "object" ? (r as { id: number }).id : (r as number);
}
export const deleteDay = (db: Db, id: number) => db("calendar_days").where({ id }).delete();

import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, audit, authorize, STAFF, unitPaths } from "../identity";
import { inChunks } from "../db/chunks";
import { addWorkingDays, type ExtraDay, holidaysWith } from "../shared/calendar";
import { ConflictError, NotFoundError } from "../shared/errors";
import * as q from "./queries";
import type { CalendarDayWire, HolidayWire } from "./wire";

// The days a unit adds to the national calendar, and the calendar they make for that unit. A
// hamlet counts its commune's (and province's) days too: the government's yearly extensions are
// entered once, at the commune.

const toWire = (r: q.CalendarDayRow): CalendarDayWire => ({ id: r.id, unitId: r.unit_id, date: r.day, name: r.name, kind: r.kind });

/** The unit and the units above it, from its path ("/1/3/7/"). */
const lineage = (path: string) => path.split("/").filter(Boolean).map(Number);

/** The extra days that apply to a unit (its own and its ancestors'); a unit's own day wins over an ancestor's on the same date. */
export async function extraDaysOf(db: Db, unitId: number): Promise<ExtraDay[]> {
  return (await extraDaysOfUnits(db, [unitId])).get(unitId)!;
}

/**
 * extraDaysOf for many units in two queries (paths, then the days of all their lineages): each
 * unit's days by date, the nearest unit's day winning on a date several units declare. A unit that
 * does not exist has none.
 */
export async function extraDaysOfUnits(db: Db, unitIds: number[]): Promise<Map<number, ExtraDay[]>> {
  const asked = [...new Set(unitIds)];
  if (!asked.length) return new Map();
  const lineages = new Map<number, number[]>(asked.map((id) => [id, []]));
  for (const u of await unitPaths(db, asked)) lineages.set(Number(u.id), lineage(u.path));
  const all = [...new Set([...lineages.values()].flat())];
  const daysOf = new Map<number, q.CalendarDayRow[]>();
  for (const r of await inChunks(all, (c) => q.daysOfUnits(db, c))) {
    const list = daysOf.get(r.unit_id) ?? [];
    list.push(r);
    daysOf.set(r.unit_id, list);
  }
  const out = new Map<number, ExtraDay[]>();
  for (const [id, ids] of lineages) {
    // Top unit first: a nearer unit's day replaces an ancestor's on its date.
    const byDate = new Map<string, q.CalendarDayRow>();
    for (const u of ids) for (const r of daysOf.get(u) ?? []) byDate.set(r.day, r);
    const days = [...byDate.values()].sort((a, b) => a.day.localeCompare(b.day));
    out.set(id, days.map((r) => ({ date: r.day, name: r.name, kind: r.kind })));
  }
  return out;
}

/** A year's days off: the national holidays, with the unit's extra days when a unit is named. */
export async function holidays(db: Db, year: number, unitId?: number): Promise<HolidayWire[]> {
  return holidaysWith(year, unitId === undefined ? [] : await extraDaysOf(db, unitId));
}

/** The date `days` working days after `from`, on the unit's calendar when one is named. */
export async function workingDaysAfter(db: Db, from: string, days: number, unitId?: number): Promise<string> {
  return addWorkingDays(from, days, unitId === undefined ? [] : await extraDaysOf(db, unitId));
}

/** A unit's own extra days (staff of the unit), with those it inherits. */
export async function listDays(db: Db, actor: Actor, unitId: number, year?: number): Promise<CalendarDayWire[]> {
  const unit = await authorize(db, actor, STAFF, unitId);
  const rows = await q.daysOfUnits(db, lineage(unit.path), year ? `${year}-01-01` : undefined, year ? `${year}-12-31` : undefined);
  return rows.map(toWire);
}

/** Adds a day off or a worked day to a unit's calendar (the unit's admin). 409 `duplicate` for a date it has already. */
export async function addDay(trx: Knex.Transaction, actor: Actor, unitId: number, input: { date: string; name: string; kind: ExtraDay["kind"] }): Promise<CalendarDayWire> {
  await authorize(trx, actor, ["admin"], unitId);
  if (await q.findDay(trx, unitId, input.date)) throw new ConflictError("duplicate", { entity: "calendar_day", field: "date" });
  const id = await q.insertDay(trx, { unit_id: unitId, day: input.date, name: input.name, kind: input.kind, created_by: actor.userId, created_at: actor.at });
  await audit.record(trx, actor, { action: "calendar_day.added", entity: "calendar_day", entityId: id, unitId, details: input });
  return toWire((await q.findDayById(trx, unitId, id))!);
}

/** Removes a day the unit added by mistake (the unit's admin). */
export async function removeDay(trx: Knex.Transaction, actor: Actor, unitId: number, id: number): Promise<void> {
  await authorize(trx, actor, ["admin"], unitId);
  const row = await q.findDayById(trx, unitId, id);
  if (!row) throw new NotFoundError("calendar_day", { id });
  await q.deleteDay(trx, id);
  await audit.record(trx, actor, { action: "calendar_day.removed", entity: "calendar_day", entityId: id, unitId, details: { date: row.day, name: row.name, kind: row.kind } });
}

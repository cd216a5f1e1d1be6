import { ALL, ADMINS, Case, Caller, Ctx, SIGNED_IN } from "../helpers/authz";
import { addDays } from "../../src/shared/dates";
import { fixtureWork } from "../helpers/given-works";

// The calendar: anyone signed in counts working days (a unit's own days, its staff); a unit's
// admins add and remove its days. Deadlines: staff of the unit (and its boards) read what is late
// in it and take the apology letters. The treasurer of hamlet B is not told hamlet A exists.

const READ: Record<Caller, number> = { ...ALL(200), none: 401, treasurerB: 404 };

/** A day the caller's target unit added (written straight in: the case is about who may remove it). */
async function calendarDay(c: Ctx): Promise<number> {
  const [r] = await c.t.db("calendar_days").insert({ unit_id: c.unitId, day: addDays("2030-01-01", c.n), name: "Nghỉ bù", kind: "day_off", created_by: null, created_at: c.t.clock.now().toISOString() }, ["id"]);
  return typeof r === "object" ? (r as { id: number }).id : (r as number);
}

/** A resident's feedback on a work of the caller's target unit, unanswered and past its due date. */
async function overdueFeedback(c: Ctx): Promise<number> {
  const work = await fixtureWork(c.t, c.w, c.unitId, c.n);
  const [r] = await c.t.db("feedback").insert({ unit_id: c.unitId, work_id: work.id, text: "Mương thoát nước bị tắc", photos: "[]", created_at: "2025-05-01T03:00:00.000Z", due_date: "2025-05-16" }, ["id"]);
  return typeof r === "object" ? (r as { id: number }).id : (r as number);
}

export const CASES: Record<string, Case> = {
  "GET /calendar/holidays": { query: () => ({ year: "2026" }), expect: SIGNED_IN(200) },
  "GET /calendar/working-days": { query: () => ({ from: "2026-01-31", days: "10" }), expect: SIGNED_IN(200) },
  "GET /units/:unitId/calendar/days": { expect: READ },
  "POST /units/:unitId/calendar/days": { body: (c) => ({ date: addDays("2031-01-01", c.n), name: "Nghỉ Tết theo quyết định của Thủ tướng", kind: "day_off" }), expect: ADMINS(201) },
  "DELETE /units/:unitId/calendar/days/:dayId": { params: async (c) => ({ dayId: await calendarDay(c) }), expect: ADMINS(204) },
  "GET /units/:unitId/deadlines": { expect: READ },
  "GET /units/:unitId/deadlines/apologies/:kind/:itemId.pdf": { params: async (c) => ({ kind: "feedback", itemId: await overdueFeedback(c) }), expect: READ },
};

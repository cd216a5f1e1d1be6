import type { Db } from "../db/knex";
import { workingDaysAfter } from "../calendar";

// The one place decisions count working days (law.md L8: 5 working days to submit a result): the
// unit's working-day calendar (calendar module: weekends, Vietnam's public holidays, the days its
// commune adds).

/** The day `n` working days after `date` (YYYY-MM-DD) on the unit's calendar. */
export function submitDueOn(db: Db, unitId: number, date: string, n: number): Promise<string> {
  return workingDaysAfter(db, date, n, unitId);
}

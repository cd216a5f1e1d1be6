import { addDays } from "../shared/dates";

// The one place decisions count working days (law.md L8: 5 working days to submit a result).
// Until the shared working-day calendar (src/shared/calendar.ts, with Vietnam's public holidays)
// exists, weekends alone are skipped here; switching is this function's body only.

/** The day `n` working days after `date` (YYYY-MM-DD). */
export function workingDaysAfter(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d;
}

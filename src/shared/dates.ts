// Accounting dates are YYYY-MM-DD strings end to end; a Date's UTC midnight would shift the day.
import { RuleViolation, ValidationError } from "./errors";

export const DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
export const LOCAL_TZ = "Asia/Ho_Chi_Minh";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move: tests never depend on the day they run. */
export function fixedClock(iso: string): Clock & { advance(ms: number): void; set(iso: string): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(next: string) {
      t = new Date(next).getTime();
    },
  };
}

/** True for a real calendar date (2025-02-30 is not). */
export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  // By arithmetic, not split/Date: a 1,000-entry batch asks this 1,000 times.
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/** "Today" in Vietnam, as YYYY-MM-DD. */
// Built once: constructing an Intl.DateTimeFormat costs ~160 µs, and every posting asks for today.
const localDay = new Intl.DateTimeFormat("en-CA", { timeZone: LOCAL_TZ, year: "numeric", month: "2-digit", day: "2-digit" });

export function localDate(instant: Date): string {
  return localDay.format(instant);
}

/**
 * The UTC instant at which a day in Vietnam begins (UTC+7, no daylight saving), `plusDays` days on:
 * a clerk's "from 20/06" is 2025-06-19T17:00:00.000Z. (Not through addDays: Date.UTC maps years
 * below 100 to 19xx.)
 */
export function startOfLocalDay(date: string, plusDays = 0): string {
  return new Date(Date.parse(`${date}T00:00:00+07:00`) + plusDays * 86_400_000).toISOString();
}

/** dd/mm/yyyy for documents. */
export function formatDateVi(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The date as written in a document's place-and-date line (documents.md §1): "ngày 05 tháng 3 năm
 * 2025". Days below 10 and the months 1 and 2 take a leading zero; other months do not.
 */
export function dateLineVi(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const month = m <= 2 ? String(m).padStart(2, "0") : String(m);
  return `ngày ${String(d).padStart(2, "0")} tháng ${month} năm ${y}`;
}

/** The date as read out on the loudspeaker (documents.md §6): "ngày mùng 5 tháng 3 năm 2025". */
export function spokenDateVi(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `ngày ${d <= 10 ? `mùng ${d}` : d} tháng ${m} năm ${y}`;
}

/** Local time in Vietnam of an instant, for documents: "05/03/2025 14:30". */
export function formatInstantVi(instant: string | Date): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: LOCAL_TZ, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour") === "24" ? "00" : get("hour")}:${get("minute")}`;
}

/** The day in Vietnam of an instant written as UTC ISO-8601 (a request's `at`). */
export function localDateOf(at: string): string {
  return localDate(new Date(at));
}

/**
 * A date a request gives: 400 invalid_date at `path` unless it is a real YYYY-MM-DD; 422
 * future_date when it is after the day of `at` in Vietnam, unless the date may lie ahead.
 */
export function checkDate(date: string, path: string, at: string, future = false): void {
  if (!isValidDate(date)) throw new ValidationError([{ path, code: "invalid_date" }]);
  const today = localDateOf(at);
  if (!future && date > today) throw new RuleViolation("future_date", { date, today });
}

// ---------- wall-clock time in Vietnam, for the web client and the server alike ----------
// Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving since 1975), so these are plain
// arithmetic on the instant: no Intl, the same answer in every browser.

const VN_OFFSET_MS = 7 * 3_600_000;

/** The local date and time in Vietnam of an instant, as a `datetime-local` input holds it: "2025-06-15T14:30". */
export function localDateTime(instant: string | Date): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/** Today in Vietnam at `now`, as YYYY-MM-DD. */
export function todayIn(now: Date): string {
  return localDateTime(now).slice(0, 10);
}

/** A `datetime-local` value `plusDays` days after `now` in Vietnam (a consultation's default opening and closing). */
export function localDateTimeInput(now: Date, plusDays = 0): string {
  return localDateTime(new Date(now.getTime() + plusDays * 86_400_000));
}

/** The UTC instant (ISO-8601) of a local date and time in Vietnam, "YYYY-MM-DDTHH:mm[:ss]" as a form gives it. */
export function instantOfLocal(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) throw new RangeError(`not a local date and time: ${local}`);
  const [y, mo, d, hh, mm, ss] = m.slice(1).map((x) => Number(x ?? 0));
  return new Date(Date.UTC(y, mo - 1, d, hh, mm, ss) - VN_OFFSET_MS).toISOString();
}

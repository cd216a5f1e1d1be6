// Accounting dates are YYYY-MM-DD strings end to end; a Date's UTC midnight would shift the day.
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
  const [y, m, d] = s.split("-").map(Number);
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** "Today" in Vietnam, as YYYY-MM-DD. */
export function localDate(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: LOCAL_TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
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

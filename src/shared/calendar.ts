// The working-day calendar of Vietnam: weekends, the public holidays of the Labour Code 2019
// (Bộ luật Lao động 45/2019/QH14, Điều 112) and the days a commune adds (the government's yearly
// extensions and swaps). Deadlines of the grassroots-democracy law (10 working days to publish,
// law.md L3) are counted on it. Pure: no IO, no clock.
//
// Tết and the Hùng Kings' day follow the Vietnamese lunar calendar, which is the Chinese rule
// computed at UTC+7 rather than UTC+8: a new moon between 23:00 and 24:00 Vietnam time begins the
// month a day earlier here (Tết 1985, 2007, 2030 differ). The conversion is Hồ Ngọc Đức's published
// algorithm ("Âm lịch Việt Nam", https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html:
// new moons and the sun's longitude after Jean Meeus, Astronomical Algorithms, 1998), written
// again here from its description, with time zone 7. No npm package computing the Vietnamese
// calendar at UTC+7 was well kept enough to depend on (one single-release package).

const TZ = 7;
const INT = Math.floor;

/** Julian day number of a Gregorian date. */
export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = INT((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  return dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
}

/** The Gregorian date of a Julian day number, as YYYY-MM-DD. */
export function jdToDate(jd: number): string {
  const a = jd + 32044;
  const b = INT((4 * a + 3) / 146097);
  const c = a - INT((b * 146097) / 4);
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  const day = e - INT((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * INT(m / 10);
  const year = b * 100 + d - 4800 + INT(m / 10);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Julian day (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, shortened). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT = T < -11
    ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
    : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's apparent longitude (radians, 0..2π) at a Julian day (Meeus, ch. 25, low precision). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - Math.PI * 2 * INT(L / (Math.PI * 2));
  return L;
}

/** The local day (Julian day number) on which the k-th new moon falls. */
const newMoonDay = (k: number, tz: number) => INT(newMoon(k) + 0.5 + tz / 24);
/** Which of the 12 major solar terms' sectors the sun is in at the start of a local day. */
const sunSector = (dayNumber: number, tz: number) => INT((sunLongitude(dayNumber - 0.5 - tz / 24) / Math.PI) * 6);

/** The day the 11th lunar month (the one holding the winter solstice) of a year begins. */
function lunarMonth11(yy: number, tz: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / 29.530588853);
  const nm = newMoonDay(k, tz);
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** In a 13-month lunar year from month 11 at a11: the offset of the leap month (no major term). */
function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The Gregorian date (YYYY-MM-DD) of a day of the Vietnamese lunar calendar (not of a leap month). */
export function lunarToSolar(lunarDay: number, lunarMonth: number, lunarYear: number, tz = TZ): string {
  const [a11, b11] = lunarMonth < 11
    ? [lunarMonth11(lunarYear - 1, tz), lunarMonth11(lunarYear, tz)]
    : [lunarMonth11(lunarYear, tz), lunarMonth11(lunarYear + 1, tz)];
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = lunarMonth - 11;
  if (off < 0) off += 12;
  // A year with 13 months: the months from the leap one on come one new moon later.
  if (b11 - a11 > 365 && off >= leapMonthOffset(a11, tz)) off += 1;
  return jdToDate(newMoonDay(k + off, tz) + lunarDay - 1);
}

/** The first day of Tết (mùng 1 tháng Giêng) of a lunar year, in Vietnam. */
export const tetDate = (year: number): string => lunarToSolar(1, 1, year);

/** The Hùng Kings' commemoration (10/3 lunar) of a year, in Vietnam. */
export const hungKingsDay = (year: number): string => lunarToSolar(10, 3, year);

export interface Holiday {
  date: string;
  name: string;
}

/** A day a commune adds to the national calendar: a day off (an extension) or a worked day (a swap). */
export interface ExtraDay {
  date: string;
  name: string;
  kind: "day_off" | "working_day";
}

const shift = (date: string, days: number) => jdToDate(jdFromDate(Number(date.slice(8, 10)), Number(date.slice(5, 7)), Number(date.slice(0, 4))) + days);
/** 0 = Monday … 6 = Sunday. */
const weekday = (date: string) => (jdFromDate(Number(date.slice(8, 10)), Number(date.slice(5, 7)), Number(date.slice(0, 4))) % 7);
const isWeekend = (date: string) => weekday(date) >= 5;

/**
 * The public holidays of a year (Labour Code 2019, Art. 112), in date order: 1/1; Tết, the last
 * day of the lunar year and the first four of the new one; the Hùng Kings' day; 30/4; 1/5; 2/9 and
 * one day beside it; and, for each of them that falls on a Saturday or Sunday, the next working day
 * (Art. 112(3)). The day beside 2/9 is the Prime Minister's to choose each year: by default the one
 * that joins the weekend (1/9 when 2/9 is a Tuesday, Friday or weekend day, else 3/9), as in 2021–2025;
 * a commune corrects it with its extra days.
 */
export function publicHolidays(year: number): Holiday[] {
  const tet = tetDate(year);
  const nationalDay = `${year}-09-02`;
  const besideNationalDay = [1, 4, 5, 6].includes(weekday(nationalDay)) ? `${year}-09-01` : `${year}-09-03`;
  const days: Holiday[] = [
    { date: `${year}-01-01`, name: "Tết Dương lịch" },
    { date: shift(tet, -1), name: "Tết Nguyên đán (ngày cuối năm âm lịch)" },
    { date: tet, name: "Tết Nguyên đán (mùng 1)" },
    { date: shift(tet, 1), name: "Tết Nguyên đán (mùng 2)" },
    { date: shift(tet, 2), name: "Tết Nguyên đán (mùng 3)" },
    { date: shift(tet, 3), name: "Tết Nguyên đán (mùng 4)" },
    { date: hungKingsDay(year), name: "Giỗ Tổ Hùng Vương (10/3 âm lịch)" },
    { date: `${year}-04-30`, name: "Ngày Chiến thắng" },
    { date: `${year}-05-01`, name: "Ngày Quốc tế lao động" },
    { date: nationalDay, name: "Quốc khánh" },
    { date: besideNationalDay, name: "Quốc khánh (ngày liền kề)" },
  ].sort((a, b) => a.date.localeCompare(b.date));
  const taken = new Set(days.map((d) => d.date));
  const compensations: Holiday[] = [];
  for (const d of days) {
    if (!isWeekend(d.date)) continue;
    let next = shift(d.date, 1);
    while (isWeekend(next) || taken.has(next)) next = shift(next, 1);
    taken.add(next);
    compensations.push({ date: next, name: `Nghỉ bù ${d.name}` });
  }
  return [...days, ...compensations].sort((a, b) => a.date.localeCompare(b.date));
}

/** The year's days off with a commune's extra days applied (a swap's worked day is not off). */
export function holidaysWith(year: number, extra: readonly ExtraDay[] = []): Holiday[] {
  const working = new Set(extra.filter((e) => e.kind === "working_day").map((e) => e.date));
  const byDate = new Map(publicHolidays(year).filter((h) => !working.has(h.date)).map((h) => [h.date, h]));
  for (const e of extra) if (e.kind === "day_off" && e.date.startsWith(`${year}-`) && !byDate.has(e.date)) byDate.set(e.date, { date: e.date, name: e.name });
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Extra days given as bare dates are days off. */
export type ExtraDays = readonly (ExtraDay | string)[];
const normalise = (extra: ExtraDays): ExtraDay[] => extra.map((e) => (typeof e === "string" ? { date: e, name: "", kind: "day_off" } : e));

/** A calendar for counting: which days are worked, with a year's holidays read once. */
export function workingCalendar(extra: ExtraDays = []) {
  const days = normalise(extra);
  const worked = new Set(days.filter((e) => e.kind === "working_day").map((e) => e.date));
  const offByYear = new Map<number, Set<string>>();
  const off = (year: number) => {
    if (!offByYear.has(year)) offByYear.set(year, new Set(holidaysWith(year, days).map((h) => h.date)));
    return offByYear.get(year)!;
  };
  const isWorkingDay = (date: string) => worked.has(date) || (!isWeekend(date) && !off(Number(date.slice(0, 4))).has(date));
  return { isWorkingDay };
}

/** Whether a date is a working day (not a weekend, holiday or extra day off; or a swap's worked day). */
export function isWorkingDay(date: string, extra: ExtraDays = []): boolean {
  return workingCalendar(extra).isWorkingDay(date);
}

/**
 * The date `n` working days after `from` (`from` itself not counted): "10 working days after the
 * decision" is addWorkingDays(decisionDate, 10). n = 0 answers `from`.
 */
export function addWorkingDays(from: string, n: number, extra: ExtraDays = []): string {
  const cal = workingCalendar(extra);
  let d = from;
  for (let left = n; left > 0; ) {
    d = shift(d, 1);
    if (cal.isWorkingDay(d)) left--;
  }
  return d;
}

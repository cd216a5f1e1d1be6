// calendar: the working-day calendar of each unit (national holidays, shared/calendar.ts, plus the
// days a commune adds). Other modules count deadlines through these functions.
export { calendarRoutes } from "./routes";
export { extraDaysOf, extraDaysOfUnits, holidays, workingDaysAfter } from "./days";
export { addWorkingDays, isWorkingDay, workingCalendar } from "../shared/calendar";
export type { ExtraDay } from "../shared/calendar";

// What the calendar and deadline endpoints answer, as types only, for the web client.

export interface HolidayWire {
  date: string;
  name: string;
}

/** A day a unit adds to the national calendar (a government extension, or a swapped worked day). */
export interface CalendarDayWire {
  id: number;
  unitId: number;
  date: string;
  name: string;
  kind: "day_off" | "working_day";
}

import { DateStr, Digits, Id, Name, Obj, OneOf, Type } from "../http/schema-kit";

// Request schemas of the calendar routes (ajv, additionalProperties: false, no coercion).

// The lunar conversion is checked for these years; a deadline needs no other.
const Year = Digits({ pattern: "^(19[0-9]{2}|20[0-9]{2}|21[0-9]{2})$", maxLength: 4, description: "1900-2199" });
const Days = Digits({ pattern: "^(0|[1-9][0-9]{0,2})$", maxLength: 3, description: "0-999 working days" });

export const HolidaysQuery = Obj({ year: Year, unitId: Type.Optional(Id) });
export const WorkingDaysQuery = Obj({ from: DateStr, days: Days, unitId: Type.Optional(Id) });
export const UnitDaysQuery = Obj({ year: Type.Optional(Year) });
export const DayParams = Obj({ unitId: Id, dayId: Id });
export const DayBody = Obj({ date: DateStr, name: Name, kind: OneOf(["day_off", "working_day"] as const) });

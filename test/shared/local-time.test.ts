import { expect } from "chai";
import { addDays, instantOfLocal, localDateTime, localDateTimeInput, todayIn } from "../../src/shared/dates";

// Wall-clock time in Vietnam (UTC+7, no daylight saving) for forms and lists: the web client and
// the server read the same day and hour from the same instant.

describe("shared: wall-clock time in Vietnam", () => {
  it("when it is past 17:00 UTC, then today in Vietnam is already the next day", () => {
    expect(todayIn(new Date("2025-12-31T16:59:59.999Z"))).to.equal("2025-12-31");
    expect(todayIn(new Date("2025-12-31T17:00:00.000Z"))).to.equal("2026-01-01");
  });

  it("when an instant is shown, then it reads as Vietnam's date and time to the minute", () => {
    expect(localDateTime("2025-06-15T07:30:59.000Z")).to.equal("2025-06-15T14:30");
    expect(localDateTime(new Date("2025-02-28T20:05:00Z"))).to.equal("2025-03-01T03:05");
  });

  it("when a local date and time is typed, then it is the instant seven hours earlier in UTC", () => {
    expect(instantOfLocal("2025-06-15T14:30")).to.equal("2025-06-15T07:30:00.000Z");
    expect(instantOfLocal("2026-01-01T06:59:30")).to.equal("2025-12-31T23:59:30.000Z");
    expect(localDateTime(instantOfLocal("2024-02-29T00:00"))).to.equal("2024-02-29T00:00");
  });

  it("when a typed value is not a local date and time, then it is refused rather than guessed", () => {
    for (const bad of ["2025-06-15", "2025-06-15 14:30", "15/06/2025T14:30", ""]) expect(() => instantOfLocal(bad)).to.throw(RangeError);
  });

  it("when a form's default is some days ahead, then it is that many days later at the same local time", () => {
    const now = new Date("2025-06-30T18:15:00Z"); // 01:15 on 1 July in Vietnam
    expect(localDateTimeInput(now)).to.equal("2025-07-01T01:15");
    expect(localDateTimeInput(now, 7)).to.equal("2025-07-08T01:15");
    expect(addDays(todayIn(now), -1)).to.equal("2025-06-30");
  });
});

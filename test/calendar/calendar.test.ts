import { expect } from "chai";
import { addWorkingDays, hungKingsDay, isWorkingDay, lunarToSolar, publicHolidays, tetDate } from "../../src/shared/calendar";
import { testApp } from "../helpers/app";
import { refused } from "../helpers/refused";
import { world } from "../helpers/given";

// The working-day calendar: Vietnamese public holidays (Labour Code 2019, Art. 112) with Tết and
// the Hùng Kings' day by the Vietnamese lunar calendar (UTC+7), weekends, and the days a commune adds.

describe("calendar: the Vietnamese lunar calendar", () => {
  it("puts Tết on the published dates for 2024–2030, the Vietnamese ones where China's differ", () => {
    // Published dates (lịch nghỉ Tết; Hồ Ngọc Đức's tables). 2030: the new moon falls at 23:07 on
    // 2 February in Vietnam, 00:07 on 3 February in China — Vietnam's Tết is the 2nd.
    const tet: Record<number, string> = {
      2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06",
      2028: "2028-01-26", 2029: "2029-02-13", 2030: "2030-02-02",
    };
    for (const [year, date] of Object.entries(tet)) expect(tetDate(Number(year)), `Tết ${year}`).to.equal(date);
    // The years the two calendars are known to part: Vietnam's date, then China's (UTC+8).
    expect([tetDate(1985), lunarToSolar(1, 1, 1985, 8)]).to.deep.equal(["1985-01-21", "1985-02-20"]);
    expect([tetDate(2007), lunarToSolar(1, 1, 2007, 8)]).to.deep.equal(["2007-02-17", "2007-02-18"]);
    expect([tetDate(2030), lunarToSolar(1, 1, 2030, 8)]).to.deep.equal(["2030-02-02", "2030-02-03"]);
  });

  it("puts the Hùng Kings' day (10/3 lunar) on its dates for 2024–2030", () => {
    const hung: Record<number, string> = {
      2024: "2024-04-18", 2025: "2025-04-07", 2026: "2026-04-26", 2027: "2027-04-16",
      2028: "2028-04-04", 2029: "2029-04-23", 2030: "2030-04-12",
    };
    for (const [year, date] of Object.entries(hung)) expect(hungKingsDay(Number(year)), `Giỗ Tổ ${year}`).to.equal(date);
  });
});

describe("calendar: public holidays and working days", () => {
  it("lists a year's holidays: 1/1, Tết's five days, the Hùng Kings, 30/4, 1/5, 2/9 with a day beside it, and a weekday off for each on a weekend", () => {
    const h = publicHolidays(2026);
    expect(h.map((d) => d.date)).to.deep.equal([
      "2026-01-01",
      "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
      "2026-04-26", "2026-04-27", // Hùng Kings on a Sunday: Monday off
      "2026-04-30", "2026-05-01",
      "2026-09-02", "2026-09-03",
    ]);
    expect(h.find((d) => d.date === "2026-04-27")!.name).to.match(/^Nghỉ bù/);
    // 2024: Tết's eve and mùng 1 fell on a Friday and Saturday; mùng 2 and 3 on Sunday and Monday:
    // the weekend days off move to the next working days after the Tết days.
    const d2024 = publicHolidays(2024).map((d) => d.date);
    expect(d2024).to.include.members(["2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15"]);
  });

  it("counts working days past weekends, holidays and a commune's extra days", () => {
    // 10 working days after the end of January 2026: February has Tết from the 16th to the 20th.
    expect(addWorkingDays("2026-01-31", 10)).to.equal("2026-02-13");
    expect(addWorkingDays("2026-02-06", 10)).to.equal("2026-02-27");
    expect(isWorkingDay("2026-02-18")).to.equal(false);
    expect(isWorkingDay("2026-02-14")).to.equal(false); // a Saturday
    // A government extension (a day off) and a swapped Saturday (worked).
    const extra = [{ date: "2026-02-13", name: "Nghỉ Tết kéo dài", kind: "day_off" as const }, { date: "2026-02-28", name: "Làm bù", kind: "working_day" as const }];
    expect(isWorkingDay("2026-02-13", extra)).to.equal(false);
    expect(isWorkingDay("2026-02-28", extra)).to.equal(true);
    expect(addWorkingDays("2026-01-31", 10, extra)).to.equal("2026-02-23");
    expect(addWorkingDays("2026-03-02", 0)).to.equal("2026-03-02");
  });
});

describe("calendar: routes", () => {
  it("answers a year's holidays and a date some working days on, with a commune's extra days for its hamlets", async () => {
    const t = await testApp({ now: "2026-01-05T03:00:00.000Z" });
    const w = await world(t, { only: ["communeAdmin", "treasurerA"] });
    const me = t.as(w.treasurerA.token);
    const h = await me.get("/calendar/holidays").query({ year: "2026" });
    expect(h.status).to.equal(200);
    expect(h.body.data[0]).to.deep.equal({ date: "2026-01-01", name: "Tết Dương lịch" });
    expect(h.body.data.map((d: { date: string }) => d.date)).to.include("2026-02-17");
    const wd = await me.get("/calendar/working-days").query({ from: "2026-01-31", days: "10" });
    expect(wd.body).to.deep.equal({ date: "2026-02-13" });

    // The commune adds the government's extension once; its hamlets count it.
    const admin = t.as(w.communeAdmin.token);
    const add = await admin.post(`/units/${w.commune}/calendar/days`, { date: "2026-02-13", name: "Nghỉ Tết theo Quyết định của Thủ tướng", kind: "day_off" });
    expect(add.status, JSON.stringify(add.body)).to.equal(201);
    await refused(t, () => admin.post(`/units/${w.commune}/calendar/days`, { date: "2026-02-13", name: "Lần hai", kind: "day_off" }), 409, "duplicate");
    await refused(t, () => t.as(w.treasurerA.token).post(`/units/${w.hamletA}/calendar/days`, { date: "2026-02-12", name: "Nghỉ", kind: "day_off" }), 403, "forbidden");
    const inHamlet = await me.get("/calendar/working-days").query({ from: "2026-01-31", days: "10", unitId: String(w.hamletA) });
    expect(inHamlet.body.date).to.equal("2026-02-23");
    const hamletHolidays = await me.get("/calendar/holidays").query({ year: "2026", unitId: String(w.hamletA) });
    expect(hamletHolidays.body.data.map((d: { date: string }) => d.date)).to.include("2026-02-13");
    const listed = await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/calendar/days`);
    expect(listed.body.data.map((d: { date: string }) => d.date)).to.deep.equal(["2026-02-13"]);
    // Removed again, the hamlet's count goes back.
    expect((await admin.delete(`/units/${w.commune}/calendar/days/${add.body.id}`)).status).to.equal(204);
    expect((await me.get("/calendar/working-days").query({ from: "2026-01-31", days: "10", unitId: String(w.hamletA) })).body.date).to.equal("2026-02-13");
    // A unit's own days are for its staff; a unit out of reach is no unit at all.
    await refused(t, () => me.get("/calendar/holidays").query({ year: "2026", unitId: String(w.hamletB) }), 404, "not_found");
    await refused(t, () => me.get("/calendar/holidays").query({ year: "2026", unitId: "999999" }), 404, "not_found");
    await refused(t, () => me.get("/calendar/holidays").query({ year: "26" }), 400, "validation_failed");
    await refused(t, () => t.as().get("/calendar/holidays").query({ year: "2026" }), 401, "unauthenticated");
  });
});

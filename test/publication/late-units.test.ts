import { expect } from "chai";
import { testApp } from "../helpers/app";
import { user, world } from "../helpers/given";
import { latePublications, publicationsOf } from "../../src/publication";

// law.md L3: a publication is due 10 working days after its event, on its unit's calendar. A
// province's overview and a commune's deadlines judge many units at once; each unit must still
// count its own days off and those of the units above it, the nearest unit's day winning.

const draftBody = (from: string, to: string) => ({ statement: { kind: "trial-balance", params: { from, to } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-31" });

describe("publication: late publications of several units, each on its own calendar", () => {
  it("when several units with different calendars are judged together, then each gets exactly what it gets alone, its own days off moving its publish-by date", async () => {
    const t = await testApp({ now: "2025-06-17T03:00:00.000Z" });
    const w = await world(t, { only: ["root", "communeAdmin", "treasurerA", "treasurerB"] });
    const treasurerC = await user(t, "treasurer.c", { role: "treasurer", unitId: w.commune });
    // The province, the commune and hamlet A each take a different weekday off after 31/05 (a
    // Saturday); hamlet B works the commune's day, as its own calendar says.
    const day = async (token: string, unitId: number, date: string, kind: "day_off" | "working_day") => {
      const r = await t.as(token).post(`/units/${unitId}/calendar/days`, { date, name: kind === "day_off" ? "Nghỉ" : "Làm bù", kind });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
    };
    await day(w.root, w.province, "2025-06-03", "day_off");
    await day(w.communeAdmin.token, w.commune, "2025-06-04", "day_off");
    await day(w.communeAdmin.token, w.hamletA, "2025-06-05", "day_off");
    await day(w.communeAdmin.token, w.hamletB, "2025-06-04", "working_day");

    const draft = async (token: string, unitId: number, from: string, to: string) => {
      const r = await t.as(token).post(`/units/${unitId}/publications`, draftBody(from, to));
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      return r.body as { id: number; publishBy: string };
    };
    const drafts = {
      aprilA: await draft(w.treasurerA.token, w.hamletA, "2025-04-01", "2025-04-30"),
      mayA: await draft(w.treasurerA.token, w.hamletA, "2025-05-01", "2025-05-31"),
      mayB: await draft(w.treasurerB.token, w.hamletB, "2025-05-01", "2025-05-31"),
      aprilC: await draft(treasurerC.token, w.commune, "2025-04-01", "2025-04-30"),
      mayC: await draft(treasurerC.token, w.commune, "2025-05-01", "2025-05-31"),
    };
    // Ten working days from 02/06, without the days each unit's calendar takes off: 13/06 on the
    // national calendar alone.
    expect(drafts.mayA.publishBy, "hamlet A: 3, 4 and 5 June off").to.equal("2025-06-18");
    expect(drafts.mayB.publishBy, "hamlet B: 3 June off, 4 June worked").to.equal("2025-06-16");
    expect(drafts.mayC.publishBy, "the commune: 3 and 4 June off").to.equal("2025-06-17");

    const units = [w.hamletB, w.commune, w.hamletA, w.province];
    const today = "2025-06-17";
    const alone = [];
    for (const u of units) alone.push(...(await publicationsOf(t.db, [u], today)));
    const together = await publicationsOf(t.db, units, today);
    expect(together).to.deep.equal(alone);
    expect(together.map((p) => p.id)).to.deep.equal([drafts.mayB.id, drafts.mayC.id, drafts.aprilC.id, drafts.mayA.id, drafts.aprilA.id]);

    const lateAlone = [];
    for (const u of units) lateAlone.push(...(await latePublications(t.db, [u], today)));
    const late = await latePublications(t.db, units, today);
    expect(late).to.have.deep.members(lateAlone);
    // On 17/06 hamlet B's May statement is late, the commune's and hamlet A's are not yet; April's
    // (due 15/05, 30/04 and 01/05 being holidays) are late in both.
    expect(late.map((p) => [p.unitId, p.id, p.publishBy])).to.deep.equal([
      [w.hamletA, drafts.aprilA.id, "2025-05-15"],
      [w.commune, drafts.aprilC.id, "2025-05-15"],
      [w.hamletB, drafts.mayB.id, "2025-06-16"],
    ]);

    // The commune's deadlines, read on that day, list the same.
    const d = await t.as(w.communeAdmin.token).get(`/units/${w.commune}/deadlines`);
    expect(d.status, JSON.stringify(d.body)).to.equal(200);
    expect(d.body.latePublications.map((p: { id: number; publishBy: string }) => [p.id, p.publishBy])).to.deep.equal(late.map((p) => [p.id, p.publishBy]));
  });
});

import { expect } from "chai";
import { testApp, type TestApp } from "../helpers/app";
import { world } from "../helpers/given";
import { cash, fixtureInspection, work } from "../helpers/given-works";
import { decision, households } from "../decisions/given";

// law.md L3: what happened must reach the notice board within 10 working days, even when nobody has
// drafted its publication yet: a settled work, a filed inspection, a quarter of the books, a decision
// the commune recognised. The deadlines list each until a publication of it is published, counted on
// the working-day calendar (public holidays skipped) and on the app's clock, never the real day.

interface Owed { unitId: number; unitName: string; kind: string; subject: string; params: Record<string, unknown> | null; refId: number | null; eventDate: string; publishBy: string; daysLate: number; dueSoon: boolean; draftId: number | null }

// Sign-ins outlive the weeks the clock is moved on.
const LONG_SESSIONS = { SESSION_TTL_HOURS: "2160" };
const posting = { places: ["culture_house"], postedFrom: "2025-05-14", postedUntil: "2025-06-30" };

async function owed(t: TestApp, token: string, unitId: number, query = ""): Promise<Owed[]> {
  const r = await t.as(token).get(`/units/${unitId}/deadlines${query}`);
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
  return r.body.owedPublications;
}

describe("deadlines: publications owed for events nobody has published", () => {
  it("owes a settled work's statement from its settlement, late after 10 working days across the 30/4–1/5 holidays, until it is published", async () => {
    const t = await testApp({ now: "2025-04-25T03:00:00.000Z", env: LONG_SESSIONS });
    const w = await world(t, { only: ["treasurerA", "headA", "communeAdmin", "treasurerB"] });
    const wk = await work(t, w, { name: "Đường bê tông xóm 3", funding: [{ source: "commune", amount: "80000000" }] });
    const head = t.as(w.headA.token);
    const move = async (to: string) => {
      const r = await head.post(`/units/${w.hamletA}/works/${wk.id}/transitions`, { to, decision: { date: "2025-04-01", minutesRef: "BB", householdsTotal: 10, householdsAgreeing: 9 } });
      expect(r.status, `${to} ${JSON.stringify(r.body)}`).to.equal(200);
    };
    // The work's money, published while it was under way, does not publish its settlement.
    t.clock.set("2025-04-22T03:00:00.000Z");
    for (const to of ["approved", "in_progress", "completed", "accepted"]) await move(to);
    const interim = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "work-settlement", params: { workId: wk.id } }, ...posting, postedFrom: "2025-04-22" });
    expect(interim.status, JSON.stringify(interim.body)).to.equal(201);
    expect((await head.post(`/units/${w.hamletA}/publications/${interim.body.id}/approve`)).status).to.equal(200);
    t.clock.set("2025-04-25T03:00:00.000Z");
    await move("settled");
    // Settled on Friday 25/04: 28, 29/04, (30/04 and 01/05 are holidays), 02/05, 05–09/05, 12, 13/05.
    const calendar = await t.as(w.headA.token).get(`/calendar/working-days?from=2025-04-25&days=10&unitId=${w.hamletA}`);
    expect(calendar.body.date).to.equal("2025-05-13");
    // Nothing shows while the due day is more than the asked days away.
    t.clock.set("2025-05-02T03:00:00.000Z");
    expect(await owed(t, w.headA.token, w.hamletA)).to.deep.equal([]);
    expect((await owed(t, w.headA.token, w.hamletA, "?dueWithin=14")).map((o) => [o.kind, o.dueSoon])).to.deep.equal([["work-settlement", true]]);

    t.clock.set("2025-05-06T03:00:00.000Z");
    expect(await owed(t, w.headA.token, w.hamletA)).to.deep.equal([
      { unitId: w.hamletA, unitName: "Thôn Đồng Tâm", kind: "work-settlement", subject: `Quyết toán công trình ${wk.number} — Đường bê tông xóm 3`, params: { workId: wk.id }, refId: wk.id, eventDate: "2025-04-25", publishBy: "2025-05-13", daysLate: 0, dueSoon: true, draftId: null },
    ]);

    // The day after its due day it is late; the commune sees its hamlet's, hamlet B sees none of it.
    t.clock.set("2025-05-14T03:00:00.000Z");
    const commune = await owed(t, w.communeAdmin.token, w.commune);
    expect(commune.map((o) => [o.unitName, o.kind, o.refId, o.daysLate, o.dueSoon])).to.deep.equal([["Thôn Đồng Tâm", "work-settlement", wk.id, 1, false]]);
    expect(await owed(t, w.treasurerB.token, w.hamletB)).to.deep.equal([]);

    // A draft drafted now reports the settlement: due on the settlement's date, so already late.
    const draft = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "work-settlement", params: { workId: wk.id } }, ...posting });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    expect([draft.body.publishBy, draft.body.late]).to.deep.equal(["2025-05-13", true]);
    expect((await owed(t, w.headA.token, w.hamletA)).map((o) => o.draftId)).to.deep.equal([draft.body.id]);

    // Published, it is owed no more (and it stays among the late ones).
    const approved = await head.post(`/units/${w.hamletA}/publications/${draft.body.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    const d = (await t.as(w.headA.token).get(`/units/${w.hamletA}/deadlines`)).body;
    expect(d.owedPublications).to.deep.equal([]);
    expect(d.latePublications.map((p: { id: number }) => p.id)).to.deep.equal([draft.body.id]);
  });

  it("owes a filed inspection's minutes from the day it was filed", async () => {
    const t = await testApp({ now: "2025-06-16T03:00:00.000Z", env: LONG_SESSIONS });
    const w = await world(t, { only: ["treasurerA", "headA", "inspector", "communeAdmin"] });
    const insp = await fixtureInspection(t, w, { unitId: w.hamletA });
    // A draft inspection owes nothing yet.
    t.clock.set("2025-07-10T03:00:00.000Z");
    expect(await owed(t, w.headA.token, w.hamletA)).to.deep.equal([]);
    t.clock.set("2025-06-16T03:00:00.000Z");
    const filed = await t.as(w.inspector.token).post(`/boards/${w.board}/inspections/${insp.id}/transitions`, { to: "filed" });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(200);
    t.clock.set("2025-07-10T03:00:00.000Z");
    const [o, ...rest] = await owed(t, w.communeAdmin.token, w.commune);
    expect(rest).to.deep.equal([]);
    expect(o).to.deep.include({ unitName: "Thôn Đồng Tâm", kind: "inspection-minutes", params: { inspectionId: insp.id }, eventDate: "2025-06-16", publishBy: "2025-06-30", daysLate: 10 });
    expect(o.subject).to.include(`Biên bản giám sát số ${insp.id} ngày 10/06/2025`);
    // Minutes drafted now are due from the filing too; published, they are owed no more.
    expect((await t.as(w.inspector.token).post(`/boards/${w.board}/inspections/${insp.id}/transitions`, { to: "published" })).status).to.equal(200);
    const minutes = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "inspection-minutes", params: { inspectionId: insp.id } }, places: ["culture_house"], postedFrom: "2025-07-10", postedUntil: "2025-08-31" });
    expect(minutes.status, JSON.stringify(minutes.body)).to.equal(201);
    expect([minutes.body.publishBy, minutes.body.late]).to.deep.equal(["2025-06-30", true]);
    expect((await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${minutes.body.id}/approve`)).status).to.equal(200);
    expect(await owed(t, w.communeAdmin.token, w.commune)).to.deep.equal([]);
  });

  it("owes each ended quarter's receipts and payments since the first entry, and a recognised decision's result; lists a decision not submitted in time", async () => {
    const t = await testApp({ now: "2025-04-02T03:00:00.000Z", env: LONG_SESSIONS });
    const w = await world(t, { only: ["treasurerA", "headA", "communeAdmin"] });
    await cash(t, w.hamletA, "5000000", "2025-01-02");
    await households(t, w.hamletA, 3);
    const recognised = await decision(t, w.hamletA, { title: "Mức đóng góp làm đường" });
    const voted = await decision(t, w.hamletA, { title: "Quy ước giữ vệ sinh chung", subject: "customary_rule", upto: "voted" });
    // 20/04: the first quarter ended 31/03; 10 working days skip Hùng Kings' day (Monday 07/04): due 15/04.
    t.clock.set("2025-04-20T03:00:00.000Z");
    const d = (await t.as(w.communeAdmin.token).get(`/units/${w.commune}/deadlines`)).body;
    const byKind = (k: string) => (d.owedPublications as Owed[]).filter((o) => o.kind === k);
    expect(byKind("receipts-payments")).to.deep.equal([
      { unitId: w.hamletA, unitName: "Thôn Đồng Tâm", kind: "receipts-payments", subject: "Báo cáo thu, chi Quý I/2025", params: { from: "2025-01-01", to: "2025-03-31" }, refId: null, eventDate: "2025-03-31", publishBy: "2025-04-15", daysLate: 5, dueSoon: false, draftId: null },
    ]);
    // Recognised on 02/04: due 17/04 (07/04 skipped), three days late; its draft is the decision's result.
    expect(byKind("decision").map((o) => [o.refId, o.subject, o.eventDate, o.publishBy, o.daysLate, o.params])).to.deep.equal([
      [recognised.id, "Kết quả quyết định: Mức đóng góp làm đường", "2025-04-02", "2025-04-17", 3, { decisionId: recognised.id }],
    ]);
    // Voted on 02/04, to be submitted to the commune within 5 working days: by 10/04.
    expect(d.overdueSubmissions).to.deep.equal([{ id: voted.id, unitId: w.hamletA, unitName: "Thôn Đồng Tâm", title: "Quy ước giữ vệ sinh chung", submitBy: "2025-04-10", daysLate: 10 }]);

    // The first quarter's statement published: the quarter is owed no more.
    const draft = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "receipts-payments", params: { from: "2025-01-01", to: "2025-03-31" } }, places: ["culture_house"], postedFrom: "2025-04-20", postedUntil: "2025-05-31" });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    expect((await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${draft.body.id}/approve`)).status).to.equal(200);
    const after = (await t.as(w.headA.token).get(`/units/${w.hamletA}/deadlines`)).body.owedPublications as Owed[];
    expect(after.map((o) => o.kind)).to.deep.equal(["decision"]);
    // The decision's result drafted, then published: owed no more, and published late (after 17/04).
    const told = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "decision", params: { decisionId: recognised.id } }, places: ["culture_house"], postedFrom: "2025-04-20", postedUntil: "2025-05-31" });
    expect(told.status, JSON.stringify(told.body)).to.equal(201);
    expect(told.body).to.include({ publishBy: "2025-04-17", late: true });
    expect((await owed(t, w.headA.token, w.hamletA)).map((o) => [o.kind, o.draftId])).to.deep.equal([["decision", told.body.id]]);
    expect((await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${told.body.id}/approve`)).status).to.equal(200);
    expect(await owed(t, w.headA.token, w.hamletA)).to.deep.equal([]);
  });
});

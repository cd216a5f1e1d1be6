import { expect } from "chai";
import { testApp, TestApp } from "../helpers/app";
import { refused } from "../helpers/refused";
import { world, World } from "../helpers/given";
import { fixtureActor, fixtureWork, householdWithPin, work } from "../helpers/given-works";
import { openConsultation } from "../../src/works";

// The commune's response to residents' opinions (law.md L10): written once a consultation closes,
// published on the work's public page, never changed after; a consulted work is approved only once
// every closed consultation of it has its published response.

const response = {
  summary: "Ban điều hành thôn tiếp thu ý kiến của bà con.\nPhương án được điều chỉnh như sau.",
  items: [
    { topic: "Làm rãnh thoát nước hai bên đường", takenUp: true },
    { topic: "Mở rộng mặt đường lên 4 m", takenUp: false, reason: "Không đủ đất: nhiều hộ chưa đồng ý hiến đất" },
  ],
};

async function consulted(t: TestApp, w: Pick<World, "hamletA" | "treasurerA">) {
  const a = await work(t, w, { funding: [{ source: "commune", amount: "80000000" }] });
  const hs = [await householdWithPin(t, w.hamletA, "DT-001"), await householdWithPin(t, w.hamletA, "DT-002")];
  const c = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${a.id}/consultations`, { question: "Đồng ý làm đường xóm 3?", opensAt: "2025-06-15T00:00:00Z", closesAt: "2025-06-15T04:00:00Z" });
  expect(c.status, JSON.stringify(c.body)).to.equal(201);
  for (const h of hs) {
    const o = await t.as().post(`/public/consultations/${c.body.id}/opinions`, { householdCode: h.code, pin: h.pin, choice: "agree", comment: "Nên làm rãnh thoát nước" });
    expect(o.status, JSON.stringify(o.body)).to.equal(201);
  }
  return { workId: a.id, consultationId: c.body.id as number, base: `/units/${w.hamletA}/works/${a.id}/consultations/${c.body.id}/response` };
}

describe("works: the response to residents' opinions", () => {
  it("when a consultation closes, then approval waits for its published response, which the public page shows and which never changes after", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const { workId, consultationId, base } = await consulted(t, w);
    const head = t.as(w.headA.token);
    const approve = () => head.post(`/units/${w.hamletA}/works/${workId}/transitions`, { to: "approved" });
    // not before the consultation closes
    await refused(t, () => head.post(base, response), 409, "consultation_not_closed");
    t.clock.set("2025-06-15T04:30:00.000Z");
    // an opinion not taken up says why
    const noReason = await refused(t, () => head.post(base, { ...response, items: [{ topic: "Làm cống", takenUp: false }] }), 422, "response_reason_required");
    expect(noReason).to.include({ path: "/items/0/reason", item: 1 });
    await refused(t, () => head.post(base, { ...response, items: [{ topic: "Làm cống", takenUp: false, reason: "   " }] }), 422, "response_reason_required");
    // nothing published yet: approval refused, naming the consultation
    const refusal = await refused(t, approve, 422, "consultation_response_required");
    expect(refusal.consultationIds).to.deep.equal([consultationId]);
    // a draft: staff see it, the public does not, approval still waits
    const draft = await head.post(base, response);
    expect(draft.status, JSON.stringify(draft.body)).to.equal(200);
    expect(draft.body).to.deep.include({ summary: response.summary, publishedAt: null, publishedBy: null });
    expect(draft.body.items).to.deep.equal([{ ...response.items[0], reason: null }, response.items[1]]);
    const rewritten = await head.post(base, { ...response, summary: "Tiếp thu ý kiến của bà con." });
    expect(rewritten.body.summary).to.equal("Tiếp thu ý kiến của bà con.");
    const staff = await head.get(`/units/${w.hamletA}/works/${workId}`);
    expect(staff.body.consultations[0].response.summary).to.equal("Tiếp thu ý kiến của bà con.");
    expect((await t.as().get(`/public/works/${workId}`)).body.consultations[0].response).to.equal(null);
    expect((await t.as().get(`/public/consultations/${consultationId}`)).body.response).to.equal(null);
    await refused(t, approve, 422, "consultation_response_required");
    // published: by whom and when; shown on the public page
    await head.post(base, response);
    const pub = await head.post(`${base}/publish`);
    expect(pub.status, JSON.stringify(pub.body)).to.equal(200);
    expect(pub.body).to.deep.include({ publishedAt: "2025-06-15T04:30:00.000Z", publishedBy: "head.a" });
    const publicWork = await t.as().get(`/public/works/${workId}`);
    expect(publicWork.body.consultations[0].response).to.deep.include({ summary: response.summary, publishedAt: "2025-06-15T04:30:00.000Z" });
    const page = await t.api.get(`/u/ha/works/${workId}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain("Giải trình, tiếp thu ý kiến của nhân dân").and.contain("Làm rãnh thoát nước hai bên đường")
      .and.contain("Không tiếp thu").and.contain("Không đủ đất: nhiều hộ chưa đồng ý hiến đất");
    // never changed after: not by the API, not by the database
    await refused(t, () => head.post(base, response), 409, "response_published");
    await refused(t, () => head.post(`${base}/publish`), 409, "response_published");
    let db = "";
    await t.db("consultation_responses").where({ consultation_id: consultationId }).update({ summary: "Sửa lén" }).catch((e: Error) => (db = e.message));
    expect(db).to.contain("response_published");
    db = "";
    await t.db("consultation_response_items").where({ topic: response.items[1].topic }).update({ taken_up: true }).catch((e: Error) => (db = e.message));
    expect(db).to.contain("response_published");
    db = "";
    await t.db("consultation_response_items").where({ topic: response.items[1].topic }).delete().catch((e: Error) => (db = e.message));
    expect(db).to.contain("response_published");
    // and the work is approved
    const ok = await approve();
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body.status).to.equal("approved");
  });

  it("when a consultation has no response yet, then publishing is 404; the database refuses an item not taken up without a reason", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const { base, consultationId } = await consulted(t, w);
    t.clock.set("2025-06-15T04:30:00.000Z");
    const p = await refused(t, () => t.as(w.headA.token).post(`${base}/publish`), 404, "not_found");
    expect(p.entity).to.equal("response");
    expect((await t.as(w.headA.token).post(base, { summary: "Tiếp thu", items: [] })).status).to.equal(200);
    const [r] = await t.db("consultation_responses").where({ consultation_id: consultationId });
    let db = "";
    await t.db("consultation_response_items").insert({ response_id: r.id, unit_id: w.hamletA, position: 1, topic: "Làm cống", taken_up: false, reason: null }).catch((e: Error) => (db = e.message));
    expect(db).to.match(/consultation_response_items_reason|CHECK constraint/);
  });

  it("when someone outside the unit's head and admins answers, then they are refused; another hamlet's consultation is 404 through this hamlet's path", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA", "communeAdmin", "treasurerB", "inspector"] });
    const { base, workId } = await consulted(t, w);
    t.clock.set("2025-06-15T04:30:00.000Z");
    await refused(t, () => t.as(w.treasurerA.token).post(base, response), 403, "forbidden");
    await refused(t, () => t.as(w.inspector.token).post(base, response), 403, "forbidden");
    await refused(t, () => t.as(w.treasurerB.token).post(base, response), 403, "forbidden");
    // hamlet B's consultation named under hamlet A's work
    const workB = await fixtureWork(t, w, w.hamletB, 7);
    const consB = await t.db.transaction((trx) =>
      openConsultation(trx, fixtureActor(t, w), w.hamletB, workB.id, { question: "Đồng ý?", opensAt: "2025-06-01T00:00:00Z", closesAt: "2025-06-10T00:00:00Z" }));
    const wrong = await refused(t, () => t.as(w.headA.token).post(`/units/${w.hamletA}/works/${workId}/consultations/${consB.id}/response`, response), 404, "not_found");
    expect(wrong.entity).to.equal("consultation");
    // hamlet A's head is not told hamlet B's exists
    await refused(t, () => t.as(w.headA.token).post(`/units/${w.hamletB}/works/${workB.id}/consultations/${consB.id}/response`, response), 404, "not_found");
    // the commune's admin answers for its hamlet
    const byCommune = await t.as(w.communeAdmin.token).post(base, response);
    expect(byCommune.status, JSON.stringify(byCommune.body)).to.equal(200);
    const pub = await t.as(w.communeAdmin.token).post(`${base}/publish`);
    expect(pub.status, JSON.stringify(pub.body)).to.equal(200);
  });
});

import { expect } from "chai";
import { rowCounts, testApp } from "../helpers/app";
import { user, world } from "../helpers/given";
import { cash, fixtureWork } from "../helpers/given-works";
import { anonymous, createBoard, systemActor, Throttle } from "../../src/identity";
import { checkFeedback, receiveFeedback } from "../../src/supervision";

// The cash count screen sends an Idempotency-Key; a count retried after its answer was
// lost replays the first answer instead of recording a second count and a second finding.

describe("supervision: a retried cash count", () => {
  it("when a cash count is sent twice with one Idempotency-Key, then one count and one finding exist and both answers match; another body with that key is 409", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["inspector"] });
    await cash(t, w.hamletA, "1250000", "2025-06-14");
    const body = { unitId: w.hamletA, at: "2025-06-14T16:30:00Z", denominations: [{ value: "500000", count: 2 }], counters: [w.inspector.id] };
    const send = (b: object) => t.as(w.inspector.token).post(`/boards/${w.board}/cash-counts`).set("Idempotency-Key", "kiem-ke-14-6").send(b);
    const first = await send(body);
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body).to.include({ counted: "1000000", ledger: "1250000", difference: "-250000" });
    const before = await rowCounts(t.db);
    const again = await send(body);
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    expect(await rowCounts(t.db)).to.deep.equal(before);
    expect(await t.db("cash_counts")).to.have.length(1);
    expect(await t.db("findings").where({ cash_count_id: first.body.id })).to.have.length(1);
    const other = await send({ ...body, denominations: [{ value: "500000", count: 3 }] });
    expect(other.status).to.equal(409);
    expect(other.body.code).to.equal("idempotency_conflict");
  });
});

// The other supervision creates honour the key too, stored under the board's commune (or
// the finding's unit). A caller the route refuses is refused as without a key: never a 409, never a replay.

describe("supervision: retried inspections, findings, addenda, finding moves and feedback answers", () => {
  it("when each create is sent twice with one Idempotency-Key, then the second answer is the first and nothing more is recorded; another body with that key is 409", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "inspector"] });
    const work = await fixtureWork(t, w, w.hamletA, 1);
    const th = new Throttle(t.clock, 100, 60_000);
    const resident = anonymous("test", "10.0.0.9", t.clock.now().toISOString());
    const checked = await checkFeedback(t.db, resident, { byAddress: th, pins: { byHousehold: th, byAddress: th } }, work.id, { text: "Đường bị nứt" });
    const fb = await t.db.transaction((trx) => receiveFeedback(trx, resident, checked));

    const twice = async (token: string, path: string, key: string, body: object, other: object, status: number) => {
      const send = (b: object) => t.as(token).post(path).set("Idempotency-Key", key).send(b);
      const first = await send(body);
      expect(first.status, `${path} ${JSON.stringify(first.body)}`).to.equal(status);
      const before = await rowCounts(t.db);
      const again = await send(body);
      expect(again.status, path).to.equal(status);
      expect(again.body, path).to.deep.equal(first.body);
      expect(await rowCounts(t.db), path).to.deep.equal(before);
      const conflict = await send(other);
      expect(conflict.status, path).to.equal(409);
      expect(conflict.body.code, path).to.equal("idempotency_conflict");
      expect(await rowCounts(t.db), path).to.deep.equal(before);
      return first.body;
    };

    const B = `/boards/${w.board}`;
    const inspection = { subject: { workId: work.id }, date: "2025-06-10", membersPresent: [w.inspector.id], checklist: [{ item: "costs_disclosure", result: "ok" }] };
    const i = await twice(w.inspector.token, `${B}/inspections`, "insp-1", inspection, { ...inspection, date: "2025-06-09" }, 201);
    expect(await t.db("inspections")).to.have.length(1);

    const finding = { category: "công khai", severity: "minor", description: "Chưa niêm yết", recommendation: "Niêm yết", addressedTo: "Trưởng thôn", dueDate: "2025-07-01" };
    const f = await twice(w.inspector.token, `${B}/inspections/${i.id}/findings`, "find-1", finding, { ...finding, severity: "major" }, 201);
    expect(await t.db("findings")).to.have.length(1);

    await twice(w.inspector.token, `${B}/inspections/${i.id}/addenda`, "add-1", { text: "Bổ sung: ảnh hiện trường" }, { text: "Bổ sung khác" }, 201);
    expect(await t.db("inspection_addenda")).to.have.length(1);

    const moved = await twice(w.treasurerA.token, `/findings/${f.id}/transitions`, "move-1", { to: "answered", text: "Đã niêm yết" }, { to: "answered", text: "Khác" }, 200);
    expect(moved.status).to.equal("answered");
    expect(await t.db("finding_transitions")).to.have.length(1);

    const answered = await twice(w.inspector.token, `${B}/feedback/${fb.id}/answer`, "ans-1", { text: "Ban đã kiểm tra" }, { text: "Trả lời khác" }, 200);
    expect(answered.answer).to.equal("Ban đã kiểm tra");
  });

  it("when a caller the route refuses reuses another's key, then they get today's refusal, not a 409 or the stored answer", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "treasurerB", "inspector"] });
    const other = await t.db.transaction((trx) => createBoard(trx, systemActor(t.clock.now().toISOString(), "test"), w.commune, { kind: "ttnd", name: "Ban TTND", oversees: { unitIds: [w.hamletB] } }));
    const stranger = await user(t, "inspector.b", { role: "inspector", boardId: other.id });
    const inspection = { subject: { unitId: w.hamletA }, date: "2025-06-10", membersPresent: [w.inspector.id], checklist: [] };
    const path = `/boards/${w.board}/inspections`;
    const first = await t.as(w.inspector.token).post(path).set("Idempotency-Key", "k-1").send(inspection);
    expect(first.status).to.equal(201);
    const today = await t.as(stranger.token).post(path).send(inspection);
    expect(today.status).to.be.oneOf([403, 404]);
    const before = await rowCounts(t.db);
    const keyed = await t.as(stranger.token).post(path).set("Idempotency-Key", "k-1").send(inspection);
    expect([keyed.status, keyed.body.code]).to.deep.equal([today.status, today.body.code]);
    expect(await rowCounts(t.db)).to.deep.equal(before);

    // A finding answered by hamlet A's treasurer: hamlet B's treasurer is still not told it exists.
    const f = (await t.as(w.inspector.token).post(`/boards/${w.board}/inspections/${first.body.id}/findings`).send({ category: "c", severity: "minor", description: "d", recommendation: "r", addressedTo: "a", dueDate: "2025-07-01" })).body;
    const move = { to: "answered", text: "Đã xử lý" };
    expect((await t.as(w.treasurerA.token).post(`/findings/${f.id}/transitions`).set("Idempotency-Key", "m-1").send(move)).status).to.equal(200);
    const refused = await t.as(w.treasurerB.token).post(`/findings/${f.id}/transitions`).set("Idempotency-Key", "m-1").send(move);
    expect(refused.status).to.equal(404);
  });
});

import { anonymous, Throttle } from "../../src/identity";
import { checkFeedback, receiveFeedback } from "../../src/supervision";
import { ALL, Case, Ctx, Caller } from "../helpers/authz";
import { fixtureFinding, fixtureInspection, fixtureWork } from "../helpers/given-works";

// Supervision: commune admins set up boards; inspectors of a board write its inspections,
// findings and cash counts (and nothing else); a unit's treasurer or head answers a finding;
// admins of the commune read the board's inspections.

const READ: Record<Caller, number> = { ...ALL(200), none: 401, treasurerB: 404 };
const BOARD = (status: number): Record<Caller, number> => ({ ...ALL(403), none: 401, inspector: status });
const ADMIN = (status: number): Record<Caller, number> => ({ ...ALL(403), none: 401, communeAdmin: status, root: status });

const inspection = async (c: Ctx) => ({ boardId: c.w.board, inspectionId: (await fixtureInspection(c.t, c.w, { unitId: c.w.hamletA })).id });
const finding = async (c: Ctx) => {
  const i = await fixtureInspection(c.t, c.w, { unitId: c.w.hamletA });
  return { findingId: (await fixtureFinding(c.t, c.w, i.id)).id };
};
async function feedback(c: Ctx) {
  const work = await fixtureWork(c.t, c.w, c.w.hamletA, c.n);
  const clock = c.t.clock;
  const actor = anonymous("test", `10.0.0.${c.n % 250}`, clock.now().toISOString());
  const th = new Throttle(clock, 100, 60_000);
  const checked = await checkFeedback(c.t.db, actor, { byAddress: th, pins: { byHousehold: th, byAddress: th } }, work.id, { text: "Đường bị nứt" });
  const f = await c.t.db.transaction((trx) => receiveFeedback(trx, actor, checked));
  return { boardId: c.w.board, feedbackId: f.id };
}

export const CASES: Record<string, Case> = {
  // Boards belong to communes: the cases aim at hamlet A's commune.
  "POST /units/:unitId/boards": {
    params: (c) => ({ unitId: c.w.commune }),
    body: (c) => ({ kind: "ttnd", name: `Ban TTND ${c.n}`, termStart: "2025-01-01", termEnd: "2026-12-31", oversees: { unitIds: [c.w.hamletA] } }),
    expect: ADMIN(201),
  },
  "GET /units/:unitId/boards": { params: (c) => ({ unitId: c.w.commune }), expect: ADMIN(200) },
  "POST /boards/:boardId/members": { params: (c) => ({ boardId: c.w.board }), body: (c) => ({ userId: c.w.inspector.id, role: "member", frontRepresentative: true }), expect: ADMIN(200) },
  "GET /boards/:boardId": { params: (c) => ({ boardId: c.w.board }), expect: { ...BOARD(200), communeAdmin: 200, root: 200 } },
  "POST /boards/:boardId/inspections": {
    params: (c) => ({ boardId: c.w.board }),
    body: (c) => ({ subject: { unitId: c.w.hamletA }, date: "2025-06-10", membersPresent: [c.w.inspector.id], checklist: [{ item: "costs_disclosure", result: "ok" }] }),
    expect: BOARD(201),
  },
  "GET /boards/:boardId/inspections": { params: (c) => ({ boardId: c.w.board }), expect: { ...BOARD(200), communeAdmin: 200, root: 200 } },
  "GET /boards/:boardId/inspections/:inspectionId": { params: inspection, expect: { ...BOARD(200), communeAdmin: 200, root: 200 } },
  "PATCH /boards/:boardId/inspections/:inspectionId": { params: inspection, body: () => ({ date: "2025-06-11" }), expect: BOARD(200) },
  "POST /boards/:boardId/inspections/:inspectionId/transitions": { params: inspection, body: () => ({ to: "filed" }), expect: BOARD(200) },
  "POST /boards/:boardId/inspections/:inspectionId/addenda": { params: inspection, body: () => ({ text: "Bổ sung: ảnh hiện trường" }), expect: BOARD(201) },
  "POST /boards/:boardId/inspections/:inspectionId/findings": {
    params: inspection,
    body: () => ({ category: "công khai", severity: "minor", description: "Chưa niêm yết", recommendation: "Niêm yết", addressedTo: "Trưởng thôn", dueDate: "2025-07-01" }),
    expect: BOARD(201),
  },
  // Answering is the unit's; the board resolves. The treasurer of hamlet B is not told the finding exists.
  "POST /findings/:findingId/transitions": {
    params: finding,
    body: () => ({ to: "answered", text: "Đã niêm yết tại nhà văn hóa" }),
    expect: { ...ALL(403), none: 401, treasurerB: 404, treasurerA: 200, headA: 200 },
  },
  "GET /units/:unitId/findings": { query: () => ({ overdue: "true" }), expect: READ },
  "POST /boards/:boardId/cash-counts": {
    params: (c) => ({ boardId: c.w.board }),
    body: (c) => ({ unitId: c.w.hamletA, at: "2025-06-15T02:00:00Z", denominations: [{ value: "500000", count: 2 }], counters: [c.w.inspector.id] }),
    expect: BOARD(201),
  },
  "POST /public/works/:workId/feedback": {
    params: async (c) => ({ workId: (await fixtureWork(c.t, c.w, c.w.hamletA, c.n)).id }),
    body: () => ({ text: "Đề nghị công khai dự toán", name: "Một người dân" }),
    expect: ALL(201),
  },
  // Anyone may upload a photo for feedback (rate-limited per address); a body that is not multipart is 415 for all.
  "POST /public/works/:workId/feedback/photos": {
    params: async (c) => ({ workId: (await fixtureWork(c.t, c.w, c.w.hamletA, c.n)).id }),
    body: () => ({ file: "not a file" }),
    expect: ALL(415),
  },
  "GET /boards/:boardId/feedback": { params: (c) => ({ boardId: c.w.board }), expect: BOARD(200) },
  "POST /boards/:boardId/feedback/:feedbackId/answer": { params: feedback, body: () => ({ text: "Ban đã kiểm tra, sẽ công khai" }), expect: BOARD(200) },
};

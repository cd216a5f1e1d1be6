import { expect } from "chai";
import { fromDb } from "../../src/shared/money";
import { createBoard, createUser, systemActor, Referenced } from "../../src/identity";
import { setUpUnit } from "../../src/modules";
import { postEntries } from "../../src/ledger";
import { moveInspection, recordInspection } from "../../src/supervision";
import type { TestApp } from "../helpers/app";
import { PASSWORD, World } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { cash, fixtureActor, fixtureAttachment, fixtureFinding, fixtureInspection, fixtureWork } from "../helpers/given-works";
import { decision, someoneAt } from "../decisions/given";
import { recordDecision } from "../../src/decisions";

// Cases of the cross-unit test (cross-unit.test.ts): for each route whose body or query names an id
// (a field *Id or *Ids, or one of ID_FIELDS), a valid request that names ids of hamlet A (or of
// what the caller may reach), and for each such field the entity the 404 names. The test swaps one
// id at a time for one of the same kind from hamlet B (or another commune) and expects 404
// not_found naming that entity, with nothing written. A route with an id field and no case here
// fails the test.

/** Fields that hold ids though their names do not end in Id/Ids. */
export const ID_FIELDS = ["supersedes", "documents"];

type Caller = "treasurerA" | "headA" | "communeAdmin" | "inspector";

export interface Own {
  household: number;
  campaign: number;
  work: number;
  attachment: number;
  entry: number;
  receipt: number;
  inspection: number;
  inspectionOfWork: number;
  feedback: number;
  publication: number;
  /** A passed decision on contributions, recognised by the commune. */
  decision: number;
}

export interface Foreign extends Own {
  /** A hamlet and a board of another commune (outside the commune admin's reach). */
  farUnit: number;
  farBoard: number;
  farWork: number;
  /** A user the commune admin does not manage. */
  farUser: number;
}

export interface X {
  t: TestApp;
  w: World;
  own: Own;
  n: number;
}

export interface CrossCase {
  as: Caller;
  params?: (x: X) => Record<string, string | number> | Promise<Record<string, string | number>>;
  query?: (x: X) => Record<string, string | number>;
  body?: (x: X) => Record<string, unknown>;
  /** A different valid request for one field (a statement kind that takes it); merged over the above. */
  variant?: (x: X, field: string) => Promise<{ params?: Record<string, string | number>; query?: Record<string, string | number>; body?: Record<string, unknown> }>;
  /** Field path ("body/entries/0/householdId", "query/workId") -> the entity named, and which foreign id. */
  fields: Record<string, { entity: Referenced | "unit" | "user"; foreign: keyof Foreign }>;
}

const opening = () => ({ date: "2025-06-01", kind: "opening", description: "Số dư", postings: [{ account: "111", amount: "1000000" }, { account: "338", amount: "-1000000" }] });
const workBody = (x: X) => ({
  name: `Công trình ${x.n}`, location: "Xóm 1", category: "giao thông", estimate: [{ category: "materials", amount: "1000000" }],
  funding: [{ source: "community", amount: "1000000", campaignId: x.own.campaign }], plannedStart: "2025-07-01", plannedEnd: "2025-08-01",
});
const publish = (kind: string, params: Record<string, unknown>) => ({ statement: { kind, params }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-31" });
const period = { from: "2025-01-01", to: "2025-06-30" };

/** What one hamlet holds that a request may name: built in `unitId`, by its treasurer (`token`) where the API is the way. */
async function things(t: TestApp, w: World, unitId: number, token: string, board: number, n: number): Promise<Own> {
  const h = await household(t, w, `X-${n}`, {}, unitId, token);
  const c = await campaign(t, w, {}, unitId, token);
  const wk = await fixtureWork(t, w, unitId, n);
  const att = await fixtureAttachment(t, w, unitId, n);
  await cash(t, unitId, "10000000");
  const actor = systemActor(t.clock.now().toISOString(), "test");
  const [e] = await t.db.transaction((trx) =>
    postEntries(trx, actor, unitId, [{ date: "2025-03-01", kind: "transfer", description: "Nộp tiền", postings: [{ account: "112", amount: fromDb(1000) }, { account: "111", amount: fromDb(-1000) }] }]),
  );
  const r = await t.as(token).post(`/units/${unitId}/contributions`, { householdId: h.id, campaignId: c.id, amount: "200000", date: "2025-03-02", method: "cash" });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  const base = fixtureActor(t, w);
  const member = { ...base, scopes: [...base.scopes, { role: "inspector" as const, unitId: null, path: "/", boardId: board }] };
  const inspect = (subject: { unitId: number } | { workId: number }) =>
    t.db.transaction((trx) => recordInspection(trx, member, board, { subject, date: "2025-06-10", membersPresent: [], checklist: [] }));
  const i = await inspect({ unitId });
  // Minutes are made of a filed inspection, and published only of a published one.
  for (const to of ["filed", "published"] as const) await t.db.transaction((trx) => moveInspection(trx, member, board, i.id, to));
  const iw = await inspect({ workId: wk.id });
  const f = await t.as().post(`/public/works/${wk.id}/feedback`, { text: "Đường bị nứt" });
  expect(f.status, JSON.stringify(f.body)).to.equal(201);
  const p = await t.as(token).post(`/units/${unitId}/publications`, publish("trial-balance", period));
  expect(p.status, JSON.stringify(p.body)).to.equal(201);
  const d = await decision(t, unitId);
  return { decision: d.id, household: h.id, campaign: c.id, work: wk.id, attachment: att.id, entry: Number(e.id), receipt: r.body.entry.id, inspection: i.id, inspectionOfWork: iw.id, feedback: f.body.id, publication: p.body.id };
}

export async function ownThings(t: TestApp, w: World): Promise<Own> {
  return things(t, w, w.hamletA, w.treasurerA.token, w.board, 1);
}

/** Hamlet B's things (a board of the commune oversees B), and a unit, board and work of another commune. */
export async function foreignThings(t: TestApp, w: World): Promise<Foreign> {
  const actor = systemActor(t.clock.now().toISOString(), "test");
  const far = await t.db.transaction(async (trx) => {
    const boardB = await createBoard(trx, actor, w.commune, { kind: "ttnd", name: "Ban TTND B", oversees: { unitIds: [w.hamletB] } });
    const commune2 = await setUpUnit(trx, actor, { code: "c2", name: "Xã Khác", kind: "commune", parentId: w.province });
    const hamlet2 = await setUpUnit(trx, actor, { code: "h2", name: "Thôn Xa", kind: "hamlet", parentId: commune2.id });
    const board2 = await createBoard(trx, actor, commune2.id, { kind: "gsdtcd", name: "Ban xã khác", oversees: { unitIds: [hamlet2.id] } });
    const farUser = await createUser(trx, actor, { username: "far.user", displayName: "Người xã khác", password: PASSWORD }, 1024);
    return { boardB: boardB.id, hamlet2: hamlet2.id, board2: board2.id, farUser: farUser.id };
  });
  const b = await things(t, w, w.hamletB, w.treasurerB.token, far.boardB, 2);
  const farWork = await fixtureWork(t, w, far.hamlet2, 3);
  return { ...b, farUnit: far.hamlet2, farBoard: far.board2, farWork: farWork.id, farUser: far.farUser };
}

/** A fresh user of the commune admin's, for the grant route. */
async function someone(x: X): Promise<number> {
  const r = await x.t.as(x.w.communeAdmin.token).post("/users", { username: `someone.${x.n}`, displayName: "Ai đó", password: PASSWORD });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body.id;
}
const freshFeedback = async (x: X) => {
  const f = await x.t.as().post(`/public/works/${x.own.work}/feedback`, { text: `Ý kiến ${x.n}` });
  expect(f.status, JSON.stringify(f.body)).to.equal(201);
  return f.body.id as number;
};

const U = "/units/:unitId";
const hc = { "body/householdId": { entity: "household", foreign: "household" }, "body/campaignId": { entity: "campaign", foreign: "campaign" } } as const;

export const CASES: Record<string, CrossCase> = {
  "POST /units": {
    as: "communeAdmin",
    body: (x) => ({ code: `new-${x.n}`, name: "Thôn Mới", kind: "hamlet", parentId: x.w.commune }),
    fields: { "body/parentId": { entity: "unit", foreign: "farUnit" } },
  },
  "POST /users/:userId/grants": {
    as: "communeAdmin",
    params: async (x) => ({ userId: await someone(x) }),
    variant: async (x, field) => ({ body: field.endsWith("boardId") ? { role: "inspector", boardId: x.w.board } : { role: "treasurer", unitId: x.w.hamletA } }),
    fields: { "body/unitId": { entity: "unit", foreign: "farUnit" }, "body/boardId": { entity: "board", foreign: "farBoard" } },
  },
  "GET /audit": { as: "communeAdmin", query: (x) => ({ unitId: x.w.hamletA }), fields: { "query/unitId": { entity: "unit", foreign: "farUnit" } } },
  "GET /calendar/holidays": { as: "treasurerA", query: (x) => ({ year: 2026, unitId: x.w.hamletA }), fields: { "query/unitId": { entity: "unit", foreign: "farUnit" } } },
  "GET /calendar/working-days": { as: "treasurerA", query: (x) => ({ from: "2026-01-31", days: 10, unitId: x.w.hamletA }), fields: { "query/unitId": { entity: "unit", foreign: "farUnit" } } },

  [`POST ${U}/entries`]: {
    as: "treasurerA",
    body: (x) => ({ ...opening(), householdId: x.own.household, campaignId: x.own.campaign, workId: x.own.work }),
    fields: { ...hc, "body/workId": { entity: "work", foreign: "work" } },
  },
  [`POST ${U}/entries/batch`]: {
    as: "treasurerA",
    body: (x) => ({ entries: [opening(), { ...opening(), householdId: x.own.household, campaignId: x.own.campaign, workId: x.own.work }] }),
    fields: {
      "body/entries/1/householdId": { entity: "household", foreign: "household" },
      "body/entries/1/campaignId": { entity: "campaign", foreign: "campaign" },
      "body/entries/1/workId": { entity: "work", foreign: "work" },
    },
  },
  [`POST ${U}/households/:householdId/move`]: {
    as: "communeAdmin",
    params: (x) => ({ householdId: x.own.household }),
    body: (x) => ({ toUnitId: x.w.hamletB }),
    fields: { "body/toUnitId": { entity: "unit", foreign: "farUnit" } },
  },
  [`POST ${U}/campaigns`]: {
    as: "treasurerA",
    body: (x) => ({ name: `Đợt ${x.n}`, purpose: "Làm đường", decisionId: x.own.decision, startDate: "2025-02-01", workId: x.own.work }),
    fields: { "body/workId": { entity: "work", foreign: "work" }, "body/decisionId": { entity: "decision", foreign: "decision" } },
  },
  [`POST ${U}/decisions`]: {
    as: "treasurerA",
    body: (x) => ({ title: `Quyết định ${x.n}`, subject: "other", method: "meeting_show_of_hands", heldOn: "2025-06-15", minutesAttachmentId: x.own.attachment }),
    fields: { "body/minutesAttachmentId": { entity: "attachment", foreign: "attachment" } },
  },
  [`POST ${U}/decisions/:decisionId/ballots`]: {
    as: "treasurerA",
    // a fresh household ballot for each request: a household is counted once
    params: async (x) => {
      const hamlet = await someoneAt(x.t, x.w.hamletA, ["treasurer"]);
      const d = await x.t.db.transaction((trx) => recordDecision(trx, hamlet, x.w.hamletA, { title: `Phiếu ${x.n}`, subject: "other", method: "household_ballot", heldOn: "2025-06-15" }));
      return { decisionId: d.id };
    },
    body: (x) => ({ householdId: x.own.household, choice: "agree" }),
    fields: { "body/householdId": { entity: "household", foreign: "household" } },
  },
  [`POST ${U}/contributions`]: { as: "treasurerA", body: (x) => ({ householdId: x.own.household, campaignId: x.own.campaign, amount: "100000", date: "2025-03-03", method: "cash" }), fields: hc },
  [`POST ${U}/pledges`]: { as: "treasurerA", body: (x) => ({ householdId: x.own.household, campaignId: x.own.campaign, amount: "100000", date: "2025-03-03" }), fields: hc },
  [`POST ${U}/exemptions`]: {
    as: "treasurerA",
    // A household is exempted once: each request names a new one.
    variant: async (x) => ({ body: { householdId: (await household(x.t, x.w, `MG-${x.n}`)).id, campaignId: x.own.campaign, reason: "Hộ nghèo" } }),
    fields: hc,
  },
  [`POST ${U}/reductions`]: {
    as: "treasurerA",
    // A household's amount is reduced once: each request names a new one.
    variant: async (x) => ({ body: { householdId: (await household(x.t, x.w, `GM-${x.n}`)).id, campaignId: x.own.campaign, suggestedAmount: "100000", reason: "Hộ khó khăn" } }),
    fields: hc,
  },
  [`POST ${U}/in-kind`]: {
    as: "treasurerA",
    body: (x) => ({ householdId: x.own.household, campaignId: x.own.campaign, kind: "labour", quantity: "2", unit: "ngày công", description: "Góp công", date: "2025-03-03" }),
    fields: hc,
  },
  [`POST ${U}/works`]: { as: "treasurerA", body: workBody, fields: { "body/funding/0/campaignId": { entity: "campaign", foreign: "campaign" } } },
  [`PATCH ${U}/works/:workId`]: {
    as: "treasurerA",
    params: (x) => ({ workId: x.own.work }),
    body: (x) => ({ funding: workBody(x).funding }),
    fields: { "body/funding/0/campaignId": { entity: "campaign", foreign: "campaign" } },
  },
  [`POST ${U}/works/:workId/transitions`]: {
    as: "headA",
    params: (x) => ({ workId: x.own.work }),
    body: (x) => ({ to: "cancelled", note: "Không đủ kinh phí", documents: [x.own.attachment] }),
    // a fresh proposed work approved on the hamlet's decision
    variant: async (x, field) => (field.endsWith("decisionId") ? { params: { workId: (await fixtureWork(x.t, x.w, x.w.hamletA, x.n)).id }, body: { to: "approved", decisionId: x.own.decision } } : {}),
    fields: { "body/documents": { entity: "attachment", foreign: "attachment" }, "body/decisionId": { entity: "decision", foreign: "decision" } },
  },
  [`POST ${U}/works/:workId/consultations`]: {
    as: "treasurerA",
    params: (x) => ({ workId: x.own.work }),
    body: (x) => ({ question: "Đồng ý phương án?", opensAt: "2025-06-16T00:00:00Z", closesAt: "2025-06-30T00:00:00+07:00", documents: [x.own.attachment] }),
    fields: { "body/documents": { entity: "attachment", foreign: "attachment" } },
  },
  [`POST ${U}/works/:workId/expenses`]: {
    as: "treasurerA",
    params: (x) => ({ workId: x.own.work }),
    body: (x) => ({ category: "materials", amount: "100000", date: "2025-06-01", payee: "Cửa hàng", description: "Cát", method: "payable", attachmentIds: [x.own.attachment] }),
    fields: { "body/attachmentIds": { entity: "attachment", foreign: "attachment" } },
  },
  [`POST ${U}/works/:workId/advances`]: {
    as: "treasurerA",
    params: (x) => ({ workId: x.own.work }),
    body: (x) => ({ amount: "100000", date: "2025-06-01", payee: "Tổ thợ", description: "Tạm ứng", method: "cash", attachmentIds: [x.own.attachment] }),
    fields: { "body/attachmentIds": { entity: "attachment", foreign: "attachment" } },
  },
  [`POST ${U}/boards`]: {
    as: "communeAdmin",
    params: (x) => ({ unitId: x.w.commune }),
    body: (x) => ({ kind: "ttnd", name: `Ban ${x.n}`, oversees: { unitIds: [x.w.hamletA], workIds: [x.own.work] } }),
    // each request a fresh member of the commune's
    variant: async (x) => ({ body: { kind: "ttnd", name: `Ban ${x.n}`, oversees: { unitIds: [x.w.hamletA], workIds: [x.own.work] }, members: [{ userId: await someone(x), role: "member", frontRepresentative: false }] } }),
    fields: { "body/oversees/unitIds": { entity: "unit", foreign: "farUnit" }, "body/oversees/workIds": { entity: "work", foreign: "farWork" }, "body/members/0/userId": { entity: "user", foreign: "farUser" } },
  },
  "POST /boards/:boardId/members": {
    as: "communeAdmin",
    params: (x) => ({ boardId: x.w.board }),
    variant: async (x) => ({ body: { userId: await someone(x), role: "member", frontRepresentative: false } }),
    fields: { "body/userId": { entity: "user", foreign: "farUser" } },
  },
  "POST /boards/:boardId/inspections": {
    as: "inspector",
    params: (x) => ({ boardId: x.w.board }),
    // One subject at a time: a work (of hamlet A) or a unit.
    body: (x) => ({ subject: { workId: x.own.work }, date: "2025-06-10", membersPresent: [x.w.inspector.id], checklist: [] }),
    variant: async (x, field) => (field.endsWith("unitId") ? { body: { subject: { unitId: x.w.hamletA }, date: "2025-06-10", membersPresent: [x.w.inspector.id], checklist: [] } } : {}),
    fields: { "body/subject/workId": { entity: "work", foreign: "work" }, "body/subject/unitId": { entity: "unit", foreign: "farUnit" } },
  },
  "POST /boards/:boardId/inspections/:inspectionId/addenda": {
    as: "inspector",
    params: (x) => ({ boardId: x.w.board, inspectionId: x.own.inspection }),
    body: (x) => ({ text: "Bổ sung", attachmentIds: [x.own.attachment] }),
    fields: { "body/attachmentIds": { entity: "attachment", foreign: "attachment" } },
  },
  "POST /boards/:boardId/inspections/:inspectionId/findings": {
    as: "inspector",
    params: (x) => ({ boardId: x.w.board, inspectionId: x.own.inspectionOfWork }),
    // A feedback opens one finding: each request names a new one.
    variant: async (x) => ({
      body: {
        category: "công khai", severity: "minor", description: "Chưa niêm yết", recommendation: "Niêm yết", addressedTo: "Trưởng thôn", dueDate: "2025-07-01",
        evidence: { attachmentIds: [x.own.attachment], entryIds: [x.own.entry] }, feedbackId: await freshFeedback(x),
      },
    }),
    fields: {
      "body/evidence/attachmentIds": { entity: "attachment", foreign: "attachment" },
      "body/evidence/entryIds": { entity: "entry", foreign: "entry" },
      "body/feedbackId": { entity: "feedback", foreign: "feedback" },
    },
  },
  "POST /findings/:findingId/transitions": {
    as: "treasurerA",
    params: async (x) => ({ findingId: (await fixtureFinding(x.t, x.w, (await fixtureInspection(x.t, x.w, { unitId: x.w.hamletA })).id)).id }),
    body: (x) => ({ to: "answered", text: "Đã niêm yết", attachmentIds: [x.own.attachment] }),
    fields: { "body/attachmentIds": { entity: "attachment", foreign: "attachment" } },
  },
  [`GET ${U}/findings`]: { as: "treasurerA", query: (x) => ({ workId: x.own.work }), fields: { "query/workId": { entity: "work", foreign: "work" } } },
  "POST /boards/:boardId/cash-counts": {
    as: "inspector",
    params: (x) => ({ boardId: x.w.board }),
    body: (x) => ({ unitId: x.w.hamletA, at: "2025-06-15T02:00:00Z", denominations: [{ value: "500000", count: 2 }], counters: [x.w.inspector.id] }),
    fields: { "body/unitId": { entity: "unit", foreign: "farUnit" } },
  },
  ...statementCases("pdf"),
  ...statementCases("xlsx"),
  [`POST ${U}/publications`]: {
    as: "treasurerA",
    // Each field on the statement kind that takes it.
    variant: async (x, field) => {
      const name = field.split("/").pop()!;
      const { kind, params } = KIND_OF[name](x);
      if (name !== "supersedes") return { body: publish(kind, params) };
      const a = await x.t.as(x.w.headA.token).post(`/units/${x.w.hamletA}/publications/${x.own.publication}/approve`);
      expect(a.status, JSON.stringify(a.body)).to.be.oneOf([200, 409]);
      return { body: { ...publish(kind, params), supersedes: x.own.publication } };
    },
    fields: {
      "body/statement/params/campaignId": { entity: "campaign", foreign: "campaign" },
      "body/statement/params/workId": { entity: "work", foreign: "work" },
      "body/statement/params/inspectionId": { entity: "inspection", foreign: "inspection" },
      "body/statement/params/entryId": { entity: "entry", foreign: "receipt" },
      "body/statement/params/boardId": { entity: "board", foreign: "farBoard" },
      "body/statement/params/decisionId": { entity: "decision", foreign: "decision" },
      "body/supersedes": { entity: "publication", foreign: "publication" },
    },
  },
  [`POST ${U}/publications/:publicationId/postings`]: {
    as: "treasurerA",
    params: async (x) => {
      const a = await x.t.as(x.w.headA.token).post(`/units/${x.w.hamletA}/publications/${x.own.publication}/approve`);
      expect(a.status, JSON.stringify(a.body)).to.be.oneOf([200, 409]);
      return { publicationId: x.own.publication };
    },
    body: (x) => ({ place: "culture_house", postedAt: "2025-06-15T01:00:00Z", by: "Nguyễn Văn Tổ", photoAttachmentId: x.own.attachment }),
    fields: { "body/photoAttachmentId": { entity: "attachment", foreign: "attachment" } },
  },
};

/** For a statement field, the kind of statement that takes it and the rest of a valid request. */
export const KIND_OF: Record<string, (x: X) => { kind: string; params: Record<string, unknown> }> = {
  campaignId: (x) => ({ kind: "contribution-list", params: { campaignId: x.own.campaign } }),
  workId: (x) => ({ kind: "work-settlement", params: { workId: x.own.work } }),
  inspectionId: (x) => ({ kind: "inspection-minutes", params: { inspectionId: x.own.inspection } }),
  entryId: (x) => ({ kind: "receipt", params: { entryId: x.own.receipt } }),
  // a board's report asked at a unit it oversees
  boardId: (x) => ({ kind: "board-report", params: { boardId: x.w.board, ...period } }),
  decisionId: (x) => ({ kind: "decision", params: { decisionId: x.own.decision } }),
  supersedes: () => ({ kind: "trial-balance", params: period }),
};

function statementCases(ext: "pdf" | "xlsx"): Record<string, CrossCase> {
  return {
    [`GET ${U}/statements/:kind.${ext}`]: {
      as: "treasurerA",
      variant: async (x, field) => {
        const { kind, params } = KIND_OF[field.split("/").pop()!](x);
        return { params: { kind }, query: params as Record<string, string | number> };
      },
      fields: {
        "query/campaignId": { entity: "campaign", foreign: "campaign" },
        "query/workId": { entity: "work", foreign: "work" },
        "query/inspectionId": { entity: "inspection", foreign: "inspection" },
        "query/entryId": { entity: "entry", foreign: "receipt" },
        "query/boardId": { entity: "board", foreign: "farBoard" },
        "query/decisionId": { entity: "decision", foreign: "decision" },
      },
    },
  };
}

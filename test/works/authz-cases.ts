import { ALL, Case, Ctx, Caller } from "../helpers/authz";
import { cash, fixtureActor, fixtureAttachment, fixtureConsultation, fixtureDraft, fixtureWork, householdWithPin } from "../helpers/given-works";
import { openConsultation } from "../../src/works";
import { writeResponse } from "../../src/works/responses";

// Works: staff of the unit and inspectors of its boards read; its treasurer or head
// write; only a head moves a work or approves a voucher (admins never). The treasurer of hamlet B
// is not told hamlet A's works exist. Public routes answer everyone.

const READ: Record<Caller, number> = { ...ALL(200), none: 401, treasurerB: 404 };
const WRITE = (status: number): Record<Caller, number> => ({ ...ALL(status), none: 401, treasurerB: 404, inspector: 403, communeAdmin: 403, root: 403 });
// The response to residents' opinions: the unit's head or an admin over it (the commune's, the installation's).
const RESPOND = (status: number): Record<Caller, number> => ({ ...ALL(403), none: 401, headA: status, communeAdmin: status, root: status });
const HEAD = (status: number): Record<Caller, number> => ({ ...ALL(403), none: 401, headA: status });

type Fixture = { workId: number; expenseId?: number; attachmentId?: number; consultationId?: number; code?: string; pin?: string };
const fixtures = new WeakMap<Ctx, Fixture>();
async function fixture(c: Ctx, opts: { draft?: boolean; attachment?: boolean; consultation?: boolean; pin?: boolean } = {}): Promise<Fixture> {
  const work = await fixtureWork(c.t, c.w, c.unitId, c.n);
  const f: Fixture = { workId: work.id };
  if (opts.draft) f.expenseId = (await fixtureDraft(c.t, c.w, c.unitId, work.id)).id;
  if (opts.attachment) f.attachmentId = (await fixtureAttachment(c.t, c.w, c.unitId, c.n)).id;
  if (opts.consultation) f.consultationId = (await fixtureConsultation(c.t, c.w, c.unitId, work.id, f.attachmentId ? [f.attachmentId] : [])).id;
  if (opts.pin) Object.assign(f, await householdWithPin(c.t, c.unitId, `P-${c.n}`));
  fixtures.set(c, f);
  return f;
}
const the = (c: Ctx) => fixtures.get(c)!;
/** A work with a consultation already closed (and, with `draft`, its response written). */
async function closedConsultation(c: Ctx, draft = false) {
  const work = await fixtureWork(c.t, c.w, c.unitId, c.n);
  const actor = fixtureActor(c.t, c.w);
  const cons = await c.t.db.transaction((trx) =>
    openConsultation(trx, actor, c.unitId, work.id, { question: "Đồng ý làm đường?", opensAt: "2025-06-01T00:00:00Z", closesAt: "2025-06-10T00:00:00Z" }));
  if (draft) await c.t.db.transaction((trx) => writeResponse(trx, actor, c.unitId, work.id, cons.id, { summary: "Tiếp thu ý kiến", items: [] }));
  return { workId: work.id, consultationId: cons.id };
}
const workParam = async (c: Ctx) => ({ workId: (await fixture(c)).workId });

export const CASES: Record<string, Case> = {
  "POST /units/:unitId/works": {
    body: (c) => ({ name: `Công trình ${c.n}`, location: "Xóm 1", category: "giao thông", estimate: [{ category: "materials", amount: "1000000" }], funding: [], plannedStart: "2025-07-01", plannedEnd: "2025-08-01" }),
    expect: WRITE(201),
  },
  "GET /units/:unitId/works": { expect: READ },
  "GET /units/:unitId/works/:workId": { params: workParam, expect: READ },
  "PATCH /units/:unitId/works/:workId": { params: workParam, body: () => ({ location: "Xóm 2" }), expect: WRITE(200) },
  "POST /units/:unitId/works/:workId/transitions": { params: workParam, body: () => ({ to: "cancelled", note: "Không đủ kinh phí" }), expect: HEAD(200) },
  "POST /units/:unitId/works/:workId/progress": { params: workParam, body: () => ({ date: "2025-06-10", percent: 10 }), expect: WRITE(201) },
  "GET /units/:unitId/works/:workId/budget": { params: workParam, expect: READ },
  "POST /units/:unitId/works/:workId/expenses": {
    params: workParam,
    body: () => ({ category: "materials", amount: "100000", date: "2025-06-01", payee: "Cửa hàng", description: "Cát", method: "payable" }),
    expect: WRITE(201),
  },
  "GET /units/:unitId/works/:workId/expenses": { params: workParam, expect: READ },
  "POST /units/:unitId/works/:workId/advances": {
    params: async (c) => {
      await cash(c.t, c.unitId, "1000000");
      return workParam(c);
    },
    body: () => ({ amount: "100000", date: "2025-06-01", payee: "Tổ thi công", description: "Tạm ứng", method: "cash" }),
    expect: WRITE(201),
  },
  "POST /units/:unitId/expenses/:expenseId/approve": { params: async (c) => ({ expenseId: (await fixture(c, { draft: true })).expenseId! }), expect: HEAD(200) },
  "POST /units/:unitId/expenses/:expenseId/reject": {
    params: async (c) => ({ expenseId: (await fixture(c, { draft: true })).expenseId! }),
    body: () => ({ reason: "Thiếu hóa đơn" }),
    expect: HEAD(200),
  },
  // A JSON body is not an upload: those allowed in get as far as 415; the others are stopped before.
  "POST /units/:unitId/attachments": { body: () => ({ file: "not a file" }), expect: { ...WRITE(415), inspector: 415 } },
  "GET /units/:unitId/attachments/:attachmentId": { params: async (c) => ({ attachmentId: (await fixture(c, { attachment: true })).attachmentId! }), expect: READ },
  "POST /units/:unitId/works/:workId/consultations": {
    params: workParam,
    body: () => ({ question: "Đồng ý phương án?", opensAt: "2025-06-16T00:00:00Z", closesAt: "2025-06-30T00:00:00+07:00" }),
    expect: WRITE(201),
  },
  "POST /units/:unitId/works/:workId/consultations/:consultationId/response": {
    params: (c) => closedConsultation(c),
    body: () => ({ summary: "Tiếp thu ý kiến của bà con", items: [{ topic: "Làm rãnh thoát nước trước", takenUp: false, reason: "Đã có trong giai đoạn 2" }] }),
    expect: RESPOND(200),
  },
  "POST /units/:unitId/works/:workId/consultations/:consultationId/response/publish": { params: (c) => closedConsultation(c, true), expect: RESPOND(200) },
  "GET /public/units/:unitId/works": { expect: ALL(200) },
  "GET /public/works/:workId": { params: workParam, expect: ALL(200) },
  "GET /public/works/:workId/expenses": { params: workParam, expect: ALL(200) },
  "GET /public/consultations/:consultationId": { params: async (c) => ({ consultationId: (await fixture(c, { consultation: true })).consultationId! }), expect: ALL(200) },
  "POST /public/consultations/:consultationId/opinions": {
    params: async (c) => ({ consultationId: (await fixture(c, { consultation: true, pin: true })).consultationId! }),
    body: (c) => ({ householdCode: the(c).code, pin: the(c).pin, choice: "agree" }),
    expect: ALL(201),
  },
  "GET /public/attachments/:attachmentId": { params: async (c) => ({ attachmentId: (await fixture(c, { attachment: true, consultation: true })).attachmentId! }), expect: ALL(200) },
};

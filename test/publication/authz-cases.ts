import { expect } from "chai";
import { ALL, Case, Ctx, Caller } from "../helpers/authz";

// Statements and publications: staff of the unit and its boards read statements; its treasurer
// drafts; a head of the unit approves (admins do neither); its inspectors give the board's opinion;
// treasurer and head record postings. Public routes answer anyone, for published documents only.

const READ: Record<Caller, number> = { ...ALL(200), none: 401, treasurerB: 404 };
const ONLY = (who: Caller, status: number, others = 403): Record<Caller, number> => ({ ...ALL(others), none: 401, [who]: status });

const period = { from: "2025-01-01", to: "2025-06-30" };
const draftBody = (kind = "trial-balance") => ({ statement: { kind, params: period }, places: ["culture_house", "website"], postedFrom: "2025-06-16", postedUntil: "2025-07-31" });

type Fixture = { id: number; code?: string; dataHash?: string; postingId?: number };

/** A draft in the caller's target unit, drafted by that unit's treasurer; published when it is hamlet A (its head approves). */
async function publication(c: Ctx, opts: { publish?: boolean; kind?: string; posting?: boolean } = {}): Promise<Fixture> {
  const treasurer = c.unitId === c.w.hamletA ? c.w.treasurerA.token : c.w.treasurerB.token;
  const d = await c.t.as(treasurer).post(`/units/${c.unitId}/publications`, draftBody(opts.kind));
  expect(d.status, JSON.stringify(d.body)).to.equal(201);
  const out: Fixture = { id: d.body.id };
  if (opts.publish && c.unitId === c.w.hamletA) {
    const a = await c.t.as(c.w.headA.token).post(`/units/${c.unitId}/publications/${d.body.id}/approve`);
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    out.code = a.body.code;
    out.dataHash = a.body.dataHash;
    if (opts.posting) {
      const p = await c.t.as(treasurer).post(`/units/${c.unitId}/publications/${d.body.id}/postings`, { place: "culture_house", postedAt: "2025-06-15T01:00:00Z", by: "Nguyễn Văn Tổ" });
      expect(p.status, JSON.stringify(p.body)).to.equal(201);
      out.postingId = p.body.id;
    }
  }
  return out;
}
const fixtures = new WeakMap<Ctx, Fixture>();
const remember = (c: Ctx, f: Fixture) => (fixtures.set(c, f), f);

export const CASES: Record<string, Case> = {
  "GET /units/:unitId/statements/:kind.pdf": { params: () => ({ kind: "trial-balance" }), query: () => period, expect: READ },
  "GET /units/:unitId/statements/:kind.xlsx": { params: () => ({ kind: "journal" }), query: () => period, expect: READ },
  "GET /units/:unitId/publications": { expect: READ },
  "POST /units/:unitId/publications": { body: () => draftBody(), expect: { ...ONLY("treasurerA", 201), treasurerB: 404 } },
  "GET /units/:unitId/publications/:publicationId": { params: async (c) => ({ publicationId: (await publication(c)).id }), expect: READ },
  "POST /units/:unitId/publications/:publicationId/approve": { params: async (c) => ({ publicationId: (await publication(c)).id }), expect: ONLY("headA", 200) },
  "POST /units/:unitId/publications/:publicationId/board-opinions": {
    params: async (c) => ({ publicationId: (await publication(c, { kind: "receipts-payments" })).id }),
    body: () => ({ stance: "sign_off", text: "Ban đã đối chiếu chứng từ, số liệu khớp." }),
    expect: ONLY("inspector", 201),
  },
  "POST /units/:unitId/publications/:publicationId/postings": {
    params: async (c) => ({ publicationId: (await publication(c, { publish: true })).id }),
    body: () => ({ place: "culture_house", postedAt: "2025-06-15T01:00:00Z", by: "Nguyễn Văn Tổ" }),
    expect: { ...ONLY("treasurerA", 201), headA: 201, treasurerB: 404 },
  },
  "POST /units/:unitId/publications/:publicationId/postings/:postingId/taken-down": {
    params: async (c) => {
      const f = await publication(c, { publish: true, posting: true });
      return { publicationId: f.id, postingId: f.postingId ?? 1 };
    },
    body: () => ({ takenDownAt: "2025-06-15T02:00:00Z" }),
    expect: { ...ONLY("treasurerA", 200), headA: 200, treasurerB: 404 },
  },
  "GET /public/units/:unitId/publications": { expect: ALL(200) },
  "GET /public/publications/:publicationId.pdf": { params: async (c) => ({ publicationId: (await publication(c, { publish: true })).id }), expect: ALL(200) },
  "GET /public/publications/:publicationId.xlsx": { params: async (c) => ({ publicationId: (await publication(c, { publish: true })).id }), expect: ALL(200) },
  "GET /public/verify/:code": {
    params: async (c) => ({ code: remember(c, await publication(c, { publish: true })).code! }),
    query: (c) => ({ hash: fixtures.get(c)!.dataHash! }),
    expect: ALL(200),
  },
  // A JSON body is not an upload: everyone gets as far as 415.
  "POST /public/verify": { body: () => ({ file: "not a file" }), expect: ALL(415) },
};

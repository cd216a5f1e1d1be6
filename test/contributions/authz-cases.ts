import { openCampaign, recordReceipt, registerHousehold } from "../../src/contributions";
import { previewImport } from "../../src/contributions/import";
import { systemActor } from "../../src/identity";
import { parseDong } from "../../src/shared/money";
import { ALL, Case, Ctx, Caller } from "../helpers/authz";

// Households, campaigns and contributions: staff of the hamlet read; its treasurer and admins write.

const READ: Record<Caller, number> = { ...ALL(200), none: 401, treasurerB: 404 };
const WRITE = (status: number): Record<Caller, number> => ({ ...ALL(status), none: 401, treasurerB: 404, headA: 403, inspector: 403 });
const decision = { date: "2025-01-10", minutesRef: "BB-01", householdsTotal: 30, householdsPresent: 25, householdsAgreeing: 22 };

type Fixture = { householdId: number; campaignId: number; contributionId?: number; importId?: number };
const fixtures = new WeakMap<Ctx, Fixture>();

/** A household and an open campaign in the caller's target unit (and, when asked, a receipt). */
async function fixture(c: Ctx, opts: { receipt?: boolean; preview?: boolean } = {}): Promise<Fixture> {
  const actor = systemActor(c.t.clock.now().toISOString(), "test");
  const f = await c.t.db.transaction(async (trx) => {
    const h = await registerHousehold(trx, actor, c.unitId, { code: `F-${c.n}`, headName: "Hộ thử" });
    const camp = await openCampaign(trx, actor, c.unitId, { name: `Đợt ${c.n}`, purpose: "Thử", decision, startDate: "2025-02-01" });
    const out: Fixture = { householdId: h.id, campaignId: camp.id };
    if (opts.receipt) out.contributionId = (await recordReceipt(trx, actor, c.unitId, { householdId: h.id, campaignId: camp.id, amount: parseDong("100000"), date: "2025-03-01", method: "cash" })).id;
    if (opts.preview) {
      const csv = Buffer.from(`STT,Mã hộ,Họ và tên chủ hộ,Số tiền,Ngày nộp,Ghi chú\r\n1,F-${c.n},Hộ thử,100000,01/03/2025,\r\n`);
      out.importId = (await previewImport(trx, actor, c.unitId, camp.id, { bytes: csv, filename: "a.csv" })).id;
    }
    return out;
  });
  fixtures.set(c, f);
  return f;
}
const the = (c: Ctx) => fixtures.get(c)!;

export const CASES: Record<string, Case> = {
  "POST /units/:unitId/households": { body: (c) => ({ code: `H-${c.n}`, headName: "Nguyễn Văn A" }), expect: WRITE(201) },
  "GET /units/:unitId/households": { expect: READ },
  "GET /units/:unitId/households/:householdId": { params: async (c) => ({ householdId: (await fixture(c)).householdId }), expect: READ },
  "PATCH /units/:unitId/households/:householdId": {
    params: async (c) => ({ householdId: (await fixture(c)).householdId }),
    body: () => ({ address: "Xóm 2" }),
    expect: WRITE(200),
  },
  // Moving needs write access to both hamlets: the commune's admins, not a hamlet's treasurer.
  "POST /units/:unitId/households/:householdId/move": {
    params: async (c) => ({ householdId: (await fixture(c)).householdId }),
    body: (c) => ({ toUnitId: c.unitId === c.w.hamletA ? c.w.hamletB : c.w.hamletA }),
    expect: { ...WRITE(200), treasurerA: 404 },
  },
  "POST /units/:unitId/households/:householdId/pin": { params: async (c) => ({ householdId: (await fixture(c)).householdId }), expect: WRITE(201) },
  "GET /units/:unitId/households/:householdId/history": { params: async (c) => ({ householdId: (await fixture(c)).householdId }), expect: READ },
  "POST /units/:unitId/campaigns": { body: (c) => ({ name: `Đợt ${c.n}`, purpose: "Làm đường", decision, startDate: "2025-02-01" }), expect: WRITE(201) },
  "GET /units/:unitId/campaigns": { expect: READ },
  "GET /units/:unitId/campaigns/:campaignId": { params: async (c) => ({ campaignId: (await fixture(c)).campaignId }), expect: READ },
  "PATCH /units/:unitId/campaigns/:campaignId": { params: async (c) => ({ campaignId: (await fixture(c)).campaignId }), body: () => ({ target: "5000000" }), expect: WRITE(200) },
  "GET /units/:unitId/campaigns/:campaignId/summary": { params: async (c) => ({ campaignId: (await fixture(c)).campaignId }), expect: READ },
  "GET /units/:unitId/campaigns/:campaignId/contributions": { params: async (c) => ({ campaignId: (await fixture(c)).campaignId }), expect: READ },
  "POST /units/:unitId/contributions": {
    params: async (c) => (await fixture(c), {}),
    body: (c) => ({ householdId: the(c).householdId, campaignId: the(c).campaignId, amount: "200000", date: "2025-03-02", method: "cash" }),
    expect: WRITE(201),
  },
  "POST /units/:unitId/contributions/:contributionId/reversal": {
    params: async (c) => ({ contributionId: (await fixture(c, { receipt: true })).contributionId! }),
    body: () => ({ date: "2025-03-05", reason: "Ghi nhầm" }),
    expect: WRITE(201),
  },
  "POST /units/:unitId/pledges": {
    params: async (c) => (await fixture(c), {}),
    body: (c) => ({ householdId: the(c).householdId, campaignId: the(c).campaignId, amount: "200000", date: "2025-03-02" }),
    expect: WRITE(201),
  },
  "POST /units/:unitId/exemptions": {
    params: async (c) => (await fixture(c), {}),
    body: (c) => ({ householdId: the(c).householdId, campaignId: the(c).campaignId, reason: "Hộ nghèo" }),
    expect: WRITE(201),
  },
  "POST /units/:unitId/reductions": {
    params: async (c) => (await fixture(c), {}),
    body: (c) => ({ householdId: the(c).householdId, campaignId: the(c).campaignId, suggestedAmount: "100000", reason: "Hộ khó khăn" }),
    expect: WRITE(201),
  },
  "POST /units/:unitId/in-kind": {
    params: async (c) => (await fixture(c), {}),
    body: (c) => ({ householdId: the(c).householdId, campaignId: the(c).campaignId, kind: "labour", quantity: "2", unit: "ngày công", description: "Góp công", date: "2025-03-02" }),
    expect: WRITE(201),
  },
  // A JSON body is not an upload: those allowed in get as far as 415; the others are stopped before.
  "POST /units/:unitId/campaigns/:campaignId/imports": {
    params: async (c) => ({ campaignId: (await fixture(c)).campaignId }),
    body: () => ({ file: "not a file" }),
    expect: WRITE(415),
  },
  "POST /units/:unitId/campaigns/:campaignId/imports/:importId/commit": {
    params: async (c) => {
      const f = await fixture(c, { preview: true });
      return { campaignId: f.campaignId, importId: f.importId! };
    },
    expect: WRITE(201),
  },
};

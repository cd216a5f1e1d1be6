import { fromDb } from "../../src/shared/money";
import { systemActor } from "../../src/identity";
import { postEntries } from "../../src/ledger";
import { ALL, Case, Ctx, Caller } from "../helpers/authz";

// Who may do what with a unit's books (DESIGN §2): staff of the unit read; its treasurer and
// admins post; heads and admins close periods. The treasurer of hamlet B is not told hamlet A exists.

const READ: Record<Caller, number> = { ...ALL(200), none: 401, treasurerB: 404 };
const POST = (status: number): Record<Caller, number> => ({ ...ALL(status), none: 401, treasurerB: 404, headA: 403, inspector: 403 });

/** A fresh entry in the caller's target unit, for routes that name one. */
async function entry(c: Ctx): Promise<number> {
  const actor = systemActor(c.t.clock.now().toISOString(), "test");
  const [e] = await c.t.db.transaction((trx) =>
    postEntries(trx, actor, c.unitId, [
      { date: "2025-01-02", kind: "adjustment", description: "Nhận giữ hộ", postings: [{ account: "111", amount: fromDb(1000) }, { account: "338", amount: fromDb(-1000) }] },
    ]),
  );
  return e.id;
}

const opening = () => ({ date: "2025-01-02", kind: "adjustment", description: "Nhận giữ hộ", postings: [{ account: "111", amount: "1000" }, { account: "338", amount: "-1000" }] });
// Callers are tried in order, so each closes a later date than the one before.
const THROUGH: Partial<Record<Caller, string>> = { headA: "2025-02-01", communeAdmin: "2025-03-01", root: "2025-04-01" };

export const CASES: Record<string, Case> = {
  "GET /units/:unitId/accounts": { expect: READ },
  "POST /units/:unitId/accounts": { body: (c) => ({ code: String(4000 + c.n), name: "Quỹ mới", type: "net_assets" }), expect: POST(201) },
  "PATCH /units/:unitId/accounts/:code": { params: () => ({ code: "338" }), body: () => ({ name: "Nhận giữ hộ (đổi tên)" }), expect: POST(200) },
  "GET /units/:unitId/accounts/:code/balance": { params: () => ({ code: "111" }), query: () => ({ at: "2025-06-01" }), expect: READ },
  "GET /units/:unitId/accounts/:code/register": { params: () => ({ code: "111" }), expect: READ },
  "POST /units/:unitId/entries": { body: opening, expect: POST(201) },
  "POST /units/:unitId/entries/batch": { body: () => ({ entries: [opening(), opening()] }), expect: POST(201) },
  "GET /units/:unitId/entries": { expect: READ },
  "GET /units/:unitId/entries/:entryId": { params: async (c) => ({ entryId: await entry(c) }), expect: READ },
  "POST /units/:unitId/entries/:entryId/reversal": {
    params: async (c) => ({ entryId: await entry(c) }),
    body: () => ({ date: "2025-01-03", reason: "Ghi nhầm" }),
    expect: POST(201),
  },
  "GET /units/:unitId/trial-balance": { query: () => ({ from: "2025-01-01", to: "2025-06-30" }), expect: READ },
  "GET /units/:unitId/journal": { expect: READ },
  "GET /units/:unitId/journal.hledger": { expect: READ },
  "GET /units/:unitId/ledger/verify": { expect: READ },
  "POST /units/:unitId/closings": {
    body: (c) => ({ through: THROUGH[c.who] ?? "2025-05-01" }),
    expect: { ...ALL(201), none: 401, treasurerB: 403, treasurerA: 403, inspector: 403 },
  },
  "GET /units/:unitId/closings": { expect: READ },
  // Closing a year: heads and admins, each a later year (a year closes once, in order).
  "POST /units/:unitId/year-closings": {
    body: (c) => ({ year: ({ headA: 2022, communeAdmin: 2023, root: 2024 } as Partial<Record<Caller, number>>)[c.who] ?? 2021 }),
    expect: { ...ALL(201), none: 401, treasurerB: 403, treasurerA: 403, inspector: 403 },
  },
  "GET /units/:unitId/year-closings": { expect: READ },
  // Anyone may pin a unit's chain head and check it later: no sign-in, the same answer for all.
  "GET /public/units/:unitId/chain-head": { expect: ALL(200) },
  "GET /public/units/:unitId/anchor": { query: () => ({ seq: "1", hash: "0".repeat(64) }), expect: ALL(200) },
};

import { ADMINS, ALL, Case, Caller, Ctx } from "../helpers/authz";
import { issuePinForTests } from "../helpers/pins";
import { recordDecision } from "../../src/decisions";
import { decision, households, someoneAt } from "./given";

// Decisions: staff of the unit and inspectors of its boards read; its head or treasurer record,
// count and close the vote (the commune's admin and the installation admin do not do the hamlet's
// acts); its admins change the settings. The treasurer of hamlet B is not told hamlet A's decisions
// exist. A household votes online with its code and PIN, no sign-in.

const READ: Record<Caller, number> = { ...ALL(200), none: 401, treasurerB: 404 };
const WRITE = (status: number): Record<Caller, number> => ({ ...ALL(403), none: 401, treasurerB: 404, treasurerA: status, headA: status });

/** A fresh decision of hamlet A for each caller, over a register of its own households. */
async function fresh(c: Ctx, method: "meeting_show_of_hands" | "household_ballot" | "online" = "meeting_show_of_hands", counted = false) {
  const ids = await households(c.t, c.unitId, 2, `Z${c.n}`);
  if (counted) return { decisionId: (await decision(c.t, c.unitId, { upto: "draft" })).id, householdId: ids[0] };
  const hamlet = await someoneAt(c.t, c.unitId, ["treasurer"]);
  const d = await c.t.db.transaction((trx) => recordDecision(trx, hamlet, c.unitId, { title: `Quyết định ${c.n}`, subject: "other", method, heldOn: hamlet.at.slice(0, 10) }));
  return { decisionId: d.id, householdId: ids[0] };
}
const D = "/units/:unitId/decisions/:decisionId";

export const CASES: Record<string, Case> = {
  "POST /units/:unitId/decisions": {
    params: async (c) => {
      await households(c.t, c.unitId, 1, `N${c.n}`);
      return {};
    },
    body: (c) => ({ title: `Quyết định ${c.n}`, subject: "contribution_policy", method: "meeting_show_of_hands", heldOn: "2025-06-15" }),
    expect: WRITE(201),
  },
  "GET /units/:unitId/decisions": { expect: READ },
  [`GET ${D}`]: { params: async (c) => ({ decisionId: (await fresh(c)).decisionId }), expect: READ },
  [`POST ${D}/tally`]: { params: async (c) => ({ decisionId: (await fresh(c)).decisionId }), body: () => ({ present: 2, agree: 2, disagree: 0, abstain: 0 }), expect: WRITE(200) },
  [`POST ${D}/ballots`]: {
    params: async (c) => {
      const f = await fresh(c, "household_ballot");
      ballotOf.set(c, f.householdId);
      return { decisionId: f.decisionId };
    },
    body: (c) => ({ householdId: ballotOf.get(c)!, choice: "agree" }),
    expect: WRITE(201),
  },
  // closing the vote is the hamlet's act: the commune's admin and the installation admin are refused
  [`POST ${D}/transitions`]: { params: async (c) => ({ decisionId: (await fresh(c, "meeting_show_of_hands", true)).decisionId }), body: () => ({ to: "voted" }), expect: WRITE(200) },
  "GET /units/:unitId/decision-settings": { expect: READ },
  "PATCH /units/:unitId/decision-settings": { body: () => ({ submitWithinDays: 7 }), expect: ADMINS(200) },
  "GET /public/decisions/:decisionId": { params: async (c) => ({ decisionId: (await fresh(c, "online")).decisionId }), expect: ALL(200) },
  "POST /public/decisions/:decisionId/votes": {
    params: async (c) => {
      const f = await fresh(c, "online");
      voterOf.set(c, await issuePinForTests(c.t, c.unitId, `V${c.n}`));
      return { decisionId: f.decisionId };
    },
    body: (c) => ({ householdCode: voterOf.get(c)!.code, pin: voterOf.get(c)!.pin, choice: "agree" }),
    expect: ALL(201),
  },
};
const ballotOf = new WeakMap<Ctx, number>();
const voterOf = new WeakMap<Ctx, { code: string; pin: string }>();

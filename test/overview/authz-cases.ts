import { ALL, Caller, Case } from "../helpers/authz";

// The overview: the unit's admins and heads, and the inspectors of its boards (or of units above);
// a treasurer reads its own books, not the overview (refused by the route, before any unit is looked up).

const READ: Record<Caller, number> = { ...ALL(200), none: 401, treasurerB: 403, treasurerA: 403 };

export const CASES: Record<string, Case> = {
  "GET /units/:unitId/overview": { expect: READ },
};

import { ALL, Case } from "../helpers/authz";

// The year's archive: the unit's admins and the inspectors of its boards; nobody else.

export const CASES: Record<string, Case> = {
  "GET /units/:unitId/archive/:year.zip": { params: () => ({ year: "2025" }), expect: { ...ALL(403), none: 401, inspector: 200, communeAdmin: 200, root: 200 } },
};

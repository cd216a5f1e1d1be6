import { ALL, Case, Ctx } from "../helpers/authz";
import { fixtureWork } from "../helpers/given-works";

// The open-data exports are public reads: anyone, signed in or not, gets the unit's public data.
// An OC4IDS package needs one project at least: the unit is given a work first.
const withWork = async (c: Ctx) => {
  await fixtureWork(c.t, c.w, c.unitId, c.n);
  return {};
};

export const CASES: Record<string, Case> = {
  "GET /public/units/:unitId/oc4ids.json": { params: withWork, expect: ALL(200) },
  "GET /public/units/:unitId/open-data.zip": { expect: ALL(200) },
};

import { ALL, Case } from "../helpers/authz";

// The open-data exports are public reads: anyone, signed in or not, gets the unit's public data.
export const CASES: Record<string, Case> = {
  "GET /public/units/:unitId/oc4ids.json": { expect: ALL(200) },
  "GET /public/units/:unitId/open-data.zip": { expect: ALL(200) },
};

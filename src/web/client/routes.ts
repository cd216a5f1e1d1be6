// Every address of the app, bookmarkable and shareable. Screens are loaded on demand (each import()
// is its own chunk), so a phone downloads only the screen it opens.

export type { Screen, ScreenCtx } from "./screen";
import type { Screen } from "./screen";
type Loader = () => Promise<{ default: Screen }>;

const R = (pattern: string, load: Loader) => {
  const keys: string[] = [];
  const re = new RegExp(`^${pattern.replace(/:([a-zA-Z]+)/g, (_m, k: string) => (keys.push(k), "([^/]+)"))}/?$`);
  return { re, keys, load };
};

export const ROUTES = [
  R("/app", () => import("./screens/home")),
  R("/app/account", () => import("./screens/account")),
  R("/app/units/:unitId", () => import("./screens/unit")),
  R("/app/units/:unitId/receipts/new", () => import("./screens/receipt")),
  // treasurer's books
  R("/app/units/:unitId/households", () => import("./screens/households")),
  R("/app/units/:unitId/households/:householdId", () => import("./screens/household")),
  R("/app/units/:unitId/campaigns", () => import("./screens/campaigns")),
  R("/app/units/:unitId/campaigns/:campaignId", () => import("./screens/campaign")),
  R("/app/units/:unitId/campaigns/:campaignId/import", () => import("./screens/import")),
  // residents' decisions and the commune's recognition
  R("/app/units/:unitId/decisions", () => import("./screens/decisions")),
  R("/app/units/:unitId/decisions/:decisionId", () => import("./screens/decisions")),
  R("/app/units/:unitId/entries", () => import("./screens/entries")),
  R("/app/units/:unitId/accounts", () => import("./screens/accounts")),
  R("/app/units/:unitId/accounts/:code", () => import("./screens/register")),
  // works and the head's approvals
  R("/app/units/:unitId/works", () => import("./screens/works")),
  R("/app/units/:unitId/works/:workId", () => import("./screens/work")),
  // publications
  R("/app/units/:unitId/publications", () => import("./screens/publications")),
  R("/app/units/:unitId/publications/:publicationId", () => import("./screens/publication")),
  // supervision
  R("/app/units/:unitId/findings", () => import("./screens/findings")),
  R("/app/units/:unitId/deadlines", () => import("./screens/deadlines")),
  R("/app/units/:unitId/overview", () => import("./screens/overview")),
  R("/app/boards/:boardId", () => import("./screens/board")),
  R("/app/boards/:boardId/inspections/:inspectionId", () => import("./screens/inspection")),
  R("/app/boards/:boardId/cash-count", () => import("./screens/cash-count")),
  // administration
  R("/app/admin", () => import("./screens/admin")),
  R("/app/admin/users", () => import("./screens/admin-users")),
  R("/app/admin/audit", () => import("./screens/admin-audit")),
  R("/app/units/:unitId/closings", () => import("./screens/closings")),
];

export function match(path: string): { load: Loader; params: Record<string, string> } | undefined {
  for (const r of ROUTES) {
    const m = r.re.exec(path);
    if (m) return { load: r.load, params: Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])])) };
  }
  return undefined;
}

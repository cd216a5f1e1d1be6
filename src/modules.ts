import type { Deps } from "./app";
import type { RouteDef } from "./http/route";

// The domain modules' routes, in the order of DESIGN (ledger, contributions, works, supervision,
// publication). identity is mounted by app.ts itself.
export function moduleRoutes(_deps: Deps): RouteDef[] {
  return [];
}

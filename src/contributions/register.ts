import { together, type Db } from "../db/knex";
import { startOfLocalDay } from "../shared/dates";

// The register on a past day (law.md L7: a decision's denominator is every household of the hamlet
// on the day it decided). A household counts in a hamlet on day D when it was registered by the end
// of D, lived in that hamlet then (household_moves say where it was before a later move), and was
// active then (household_activity keeps each deactivation and reactivation; none means active since
// it was registered).

/** Ids of the households of `unitId` on `date` (YYYY-MM-DD, the day in Vietnam). */
export async function householdsOn(db: Db, unitId: number, date: string): Promise<number[]> {
  const end = startOfLocalDay(date, 1);
  const movedOut = db("household_moves").select("household_id").where("unit_id", unitId).andWhere("moved_at", ">=", end);
  // Two reads, not one with OR: "unit_id = ? OR id IN (…)" cannot use the (unit_id, code) index, and
  // a province's 600,000 households were read whole for each hamlet's decision.
  type Candidate = { id: number; unit_id: number; created_at: string };
  const [here, movedAway] = await together(
    db,
    () => db("households").select("id", "unit_id", "created_at").where("unit_id", unitId).andWhere("created_at", "<", end) as Promise<Candidate[]>,
    () => db("households").select("id", "unit_id", "created_at").whereIn("id", movedOut).andWhere("created_at", "<", end) as Promise<Candidate[]>,
  );
  const candidates = [...new Map([...here, ...movedAway].map((c) => [Number(c.id), c])).values()].sort((a, b) => Number(a.id) - Number(b.id));
  if (!candidates.length) return [];
  const ids = candidates.map((c) => c.id);
  const [moves, activity] = await together(
    db,
    () => db("household_moves").select("household_id", "unit_id", "moved_at").whereIn("household_id", ids).andWhere("moved_at", ">=", end).orderBy([{ column: "household_id" }, { column: "moved_at" }, { column: "id" }]),
    () => db("household_activity").select("household_id", "is_active").whereIn("household_id", ids).andWhere("changed_at", "<", end).orderBy([{ column: "household_id" }, { column: "changed_at" }, { column: "id" }]),
  );
  // Where each lived on the day: the "from" of its first move after the day, else where it lives now.
  const livedIn = new Map<number, number>();
  for (const m of moves as { household_id: number; unit_id: number }[]) if (!livedIn.has(m.household_id)) livedIn.set(m.household_id, m.unit_id);
  // Whether each was active: its last change by the end of the day (ordered, so the last one wins).
  const active = new Map<number, boolean>();
  for (const a of activity as { household_id: number; is_active: boolean | number }[]) active.set(a.household_id, Boolean(a.is_active));
  return candidates.filter((c) => (livedIn.get(c.id) ?? c.unit_id) === unitId && (active.get(c.id) ?? true)).map((c) => c.id);
}

/** Records that a household was deactivated or reactivated (the register on a past day reads it). */
export async function recordActivity(db: Db, householdId: number, isActive: boolean, at: string): Promise<void> {
  await db("household_activity").insert({ household_id: householdId, is_active: isActive, changed_at: at });
}

/** Households' codes and heads' names by id, without an access check (a decision's ballots list them). */
export async function householdLabels(db: Db, ids: number[]): Promise<Map<number, { code: string; headName: string }>> {
  if (!ids.length) return new Map();
  const rows: { id: number; code: string; head_name: string }[] = await db("households").select("id", "code", "head_name").whereIn("id", ids);
  return new Map(rows.map((r) => [r.id, { code: r.code, headName: r.head_name }]));
}

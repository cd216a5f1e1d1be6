import type { TestApp } from "../helpers/app";
import { registerHousehold } from "../../src/contributions";
import { moveDecision, recordDecision, recordTally } from "../../src/decisions";
import { findUnit, systemActor, type Actor, type Role } from "../../src/identity";
import { localDateOf } from "../../src/shared/dates";

// Builders for decisions, through the services (so they obey the rules): households in the
// register, and a decision carried as far as a test needs it.

/** `n` households registered in `unitId` now (codes prefix-001 …); their ids. */
export async function households(t: TestApp, unitId: number, n: number, prefix = "H"): Promise<number[]> {
  const actor = systemActor(t.clock.now().toISOString(), "test");
  return t.db.transaction(async (trx) => {
    const ids: number[] = [];
    for (let i = 1; i <= n; i++) ids.push((await registerHousehold(trx, actor, unitId, { code: `${prefix}-${String(i).padStart(3, "0")}`, headName: `Chủ hộ ${prefix} ${i}` })).id);
    return ids;
  });
}

/** Someone holding `roles` on exactly the unit (a hamlet's own act), or on its parent (`parent: true`). */
export async function someoneAt(t: TestApp, unitId: number, roles: Role[], parent = false): Promise<Actor> {
  const unit = (await findUnit(t.db, unitId))!;
  const at = parent ? (await findUnit(t.db, unit.parentId!))! : unit;
  const base = systemActor(t.clock.now().toISOString(), "test");
  return { ...base, scopes: roles.map((role) => ({ role, unitId: at.id, path: at.path })) };
}

type Upto = "draft" | "voted" | "submitted" | "recognised";

/**
 * A meeting's decision in `unitId` (whose register must hold households today), with `agree` of those
 * present agreeing (default: all of the register), carried up to `upto` (default recognised).
 */
export async function decision(t: TestApp, unitId: number, opts: { subject?: string; agree?: number; upto?: Upto; title?: string } = {}): Promise<{ id: number; householdsTotal: number }> {
  const hamlet = await someoneAt(t, unitId, ["treasurer", "head"]);
  const commune = await someoneAt(t, unitId, ["admin"], true);
  const heldOn = localDateOf(hamlet.at);
  const d = await t.db.transaction((trx) =>
    recordDecision(trx, hamlet, unitId, { title: opts.title ?? "Mức đóng góp làm đường bê tông", subject: (opts.subject ?? "contribution_policy") as "contribution_policy", method: "meeting_show_of_hands", heldOn }),
  );
  const agree = opts.agree ?? d.householdsTotal;
  await t.db.transaction((trx) => recordTally(trx, hamlet, unitId, d.id, { present: d.householdsTotal, agree, disagree: d.householdsTotal - agree, abstain: 0 }));
  const path: Upto[] = ["voted", "submitted", "recognised"];
  for (const to of path.slice(0, path.indexOf(opts.upto ?? "recognised") + 1)) {
    await t.db.transaction((trx) => moveDecision(trx, to === "recognised" ? commune : hamlet, unitId, d.id, { to }));
  }
  return { id: d.id, householdsTotal: d.householdsTotal };
}

import type { TestApp } from "./app";
import { createBoard, createFirstAdmin, createUser, grantRole, systemActor, Role } from "../../src/identity";
import { setUpUnit } from "../../src/modules";

// Builders that go through the services, so fixtures obey the rules. Minimal by default.

export const PASSWORD = "correct horse battery";

async function login(t: TestApp, username: string): Promise<string> {
  const r = await t.as().post("/auth/login", { username, password: PASSWORD });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** A user holding `role` on `unitId` (or on a board), signed in: returns id and token. */
export async function user(t: TestApp, username: string, grant?: { role: Role; unitId?: number; boardId?: number }) {
  const actor = systemActor(t.clock.now().toISOString(), "test");
  const u = await t.db.transaction(async (trx) => {
    const created = await createUser(trx, actor, { username, displayName: username, password: PASSWORD }, 1024);
    if (grant) await grantRole(trx, actor, created.id, grant);
    return created;
  });
  return { id: u.id, token: await login(t, username) };
}

/**
 * A province with a commune and two hamlets (A, B), and one person per role: the installation
 * admin, the commune's admin, treasurer and head of hamlet A, treasurer of hamlet B, and an
 * inspector of a board that oversees hamlet A only. `only` names the people a test needs: the
 * others are not made (each costs a user, a grant and a sign-in), and its world has no such field.
 */
export async function world<P extends Person = Person>(t: TestApp, opts: { only?: readonly P[] } = {}): Promise<Places & Pick<People, P>> {
  const wanted = (p: Person) => !opts.only || (opts.only as readonly Person[]).includes(p);
  const actor = systemActor(t.clock.now().toISOString(), "test");
  const ids = await t.db.transaction(async (trx) => {
    const rootId = await createFirstAdmin(trx, actor, { username: "root", displayName: "Root", password: PASSWORD }, 1024);
    const province = await setUpUnit(trx, actor, { code: "p1", name: "Tỉnh Thử", kind: "province" });
    const commune = await setUpUnit(trx, actor, { code: "c1", name: "Xã Tân Linh", kind: "commune", parentId: province.id });
    const hamletA = await setUpUnit(trx, actor, { code: "ha", name: "Thôn Đồng Tâm", kind: "hamlet", parentId: commune.id });
    const hamletB = await setUpUnit(trx, actor, { code: "hb", name: "Thôn Tân Phú", kind: "hamlet", parentId: commune.id });
    const board = await createBoard(trx, actor, commune.id, { kind: "gsdtcd", name: "Ban GSĐTCĐ", oversees: { unitIds: [hamletA.id] } });
    return { rootId, province: province.id, commune: commune.id, hamletA: hamletA.id, hamletB: hamletB.id, board: board.id };
  });
  const made: Partial<People> = {};
  // One after another: on PostgreSQL, six at once would each open a connection of the test's new
  // pool (~12 ms of server start-up each), which is most of what a world costs there.
  if (wanted("root")) made.root = await login(t, "root");
  if (wanted("communeAdmin")) made.communeAdmin = await user(t, "commune.admin", { role: "admin", unitId: ids.commune });
  if (wanted("treasurerA")) made.treasurerA = await user(t, "treasurer.a", { role: "treasurer", unitId: ids.hamletA });
  if (wanted("headA")) made.headA = await user(t, "head.a", { role: "head", unitId: ids.hamletA });
  if (wanted("treasurerB")) made.treasurerB = await user(t, "treasurer.b", { role: "treasurer", unitId: ids.hamletB });
  if (wanted("inspector")) made.inspector = await user(t, "inspector", { role: "inspector", boardId: ids.board });
  return { ...ids, ...(made as Pick<People, P>) };
}

/** The units and board of a world, always made. */
interface Places { rootId: number; province: number; commune: number; hamletA: number; hamletB: number; board: number }
/** The people of a world: root's token, and each other's id and token. */
interface People {
  root: string;
  communeAdmin: Someone;
  treasurerA: Someone;
  headA: Someone;
  treasurerB: Someone;
  inspector: Someone;
}
type Someone = Awaited<ReturnType<typeof user>>;
export type Person = keyof People;
export type World = Places & People;
/** A world made with `only: [...]` these people. */
export type WorldOf<P extends Person> = Places & Pick<People, P>;

import { createUser, grantRole, systemActor } from "../../src/identity";
import { PASSWORD } from "../helpers/given";
import { ADMINS, ALL, Case, Ctx, SIGNED_IN } from "../helpers/authz";

// Who may sign in, manage units and users, and read the audit trail (test/security/roles.test.ts
// walks these with every other module's cases).

/** A user in hamlet A who is nobody's caller, so deactivating or re-granting them disturbs no one. */
async function target(c: Ctx): Promise<{ id: number; grantId: number }> {
  const actor = systemActor(c.t.clock.now().toISOString(), "test");
  return c.t.db.transaction(async (trx) => {
    const u = await createUser(trx, actor, { username: `target.${c.who.toLowerCase()}.${c.n}`, displayName: "Target", password: PASSWORD }, 1024);
    const g = await grantRole(trx, actor, u.id, { role: "treasurer", unitId: c.unitId });
    return { id: u.id, grantId: g.id };
  });
}

// Expectations: none = no token; treasurerB = treasurer of hamlet B; treasurerA / headA of hamlet A;
// inspector = member of a board overseeing hamlet A; communeAdmin = admin of A's commune; root = installation admin.
export const CASES: Record<string, Case> = {
  "POST /auth/login": { body: () => ({ username: "head.a", password: PASSWORD }), expect: ALL(200) },
  // Each caller ends or changes only their own session / password, so the order of callers does not matter.
  "POST /auth/logout": { expect: SIGNED_IN(204) },
  "GET /me": { expect: SIGNED_IN(200) },
  "POST /me/password": { body: () => ({ oldPassword: PASSWORD, newPassword: "another long password" }), expect: SIGNED_IN(204) },

  "POST /units": {
    body: (c) => ({ code: `new-${c.n}`, name: "Thôn Mới", kind: "hamlet", parentId: c.w.commune }),
    expect: ADMINS(201),
  },
  "GET /units": { expect: SIGNED_IN(200) },
  // Staff of hamlet A read it; the treasurer of hamlet B is not told it exists.
  "GET /units/:unitId": { expect: { ...SIGNED_IN(200), treasurerB: 404 } },
  "PATCH /units/:unitId": { body: () => ({ name: "Thôn Đồng Tâm Mới" }), expect: ADMINS(200) },
  "GET /public/units": { expect: ALL(200) },

  "POST /users": {
    body: (c) => ({ username: `new.user.${c.n}`, displayName: "Người Mới", password: "a long enough password" }),
    expect: ADMINS(201),
  },
  "GET /users": { expect: ADMINS(200) },
  "POST /users/:userId/deactivate": { params: async (c) => ({ userId: (await target(c)).id }), expect: ADMINS(200) },
  "POST /users/:userId/unlock": { params: async (c) => ({ userId: (await target(c)).id }), expect: ADMINS(200) },
  "POST /users/:userId/grants": {
    params: async (c) => ({ userId: (await target(c)).id }),
    body: (c) => ({ role: "head", unitId: c.unitId }),
    expect: ADMINS(201),
  },
  "DELETE /users/:userId/grants/:grantId": {
    params: async (c) => {
      const u = await target(c);
      return { userId: u.id, grantId: u.grantId };
    },
    expect: ADMINS(204),
  },
  "GET /audit": { expect: { ...ADMINS(200), inspector: 200 } },
};

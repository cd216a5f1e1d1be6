import type { Deps } from "../deps";
import { route, RouteDef } from "../http/route";
import { UnitParams } from "../http/schema-kit";
import { publicUnitDto, unitDto, userDto, grantDto } from "./dto";
import { AuditQuery, GrantBody, GrantParams, LoginBody, PasswordBody, UnitBody, UnitPatchBody, UserBody, UserParams } from "./schemas";
import { startOfLocalDay } from "../shared/dates";
import * as svc from "./service";

// Audit times are UTC instants; a clerk's dates are days in Vietnam (startOfLocalDay).
export function identityRoutes(deps: Deps): RouteDef[] {
  const { db, config } = deps;
  const tx = <T>(fn: (trx: import("knex").Knex.Transaction) => Promise<T>) => db.transaction(fn);
  return [
    route({
      method: "post", path: "/auth/login", tag: "auth", summary: "Sign in: returns a bearer token", access: "public", body: LoginBody,
      handler: async ({ actor, body }) => {
        const r = await svc.login(db, actor, deps.throttles, body);
        return { token: r.token, expiresAt: r.expiresAt, user: userDto(r.user) };
      },
    }),
    route({
      method: "post", path: "/auth/logout", tag: "auth", summary: "End this session", access: "user",
      handler: async ({ actor, res }) => {
        await tx((trx) => svc.logout(trx, actor));
        res.status(204).end();
      },
    }),
    route({ method: "get", path: "/me", tag: "auth", summary: "The signed-in user and their roles", access: "user",
      handler: async ({ actor }) => userDto(await svc.me(db, actor)) }),
    route({
      method: "post", path: "/me/password", tag: "auth", summary: "Change one's own password (other sessions end)", access: "user", body: PasswordBody,
      handler: async ({ actor, body, res }) => {
        await tx((trx) => svc.changePassword(trx, actor, body, config.scryptCost));
        res.status(204).end();
      },
    }),

    route({ method: "post", path: "/units", tag: "units", summary: "Create a province, commune or hamlet", access: ["admin"], body: UnitBody, status: 201,
      handler: async ({ actor, body }) =>
        unitDto(
          await tx(async (trx) => {
            const unit = await svc.createUnit(trx, actor, body);
            await deps.onUnitCreated(trx, actor, unit.id);
            return unit;
          }),
        ) }),
    route({ method: "get", path: "/units", tag: "units", summary: "Units the caller works in", access: "user",
      handler: async ({ actor }) => ({ data: (await svc.listUnits(db, actor)).map(unitDto) }) }),
    route({ method: "get", path: "/units/:unitId", tag: "units", summary: "One unit", access: svc.STAFF, params: UnitParams,
      handler: async ({ actor, params }) => unitDto(await svc.getUnit(db, actor, params.unitId)) }),
    route({ method: "patch", path: "/units/:unitId", tag: "units", summary: "Rename a unit or change its settings", access: ["admin"], params: UnitParams, body: UnitPatchBody,
      handler: async ({ actor, params, body }) => unitDto(await tx((trx) => svc.updateUnit(trx, actor, params.unitId, body))) }),
    route({ method: "get", path: "/public/units", tag: "public", summary: "Communes and hamlets (public)", access: "public",
      handler: async () => ({ data: (await svc.listPublicUnits(db)).map(publicUnitDto) }) }),

    route({ method: "post", path: "/users", tag: "users", summary: "Create a user", access: ["admin"], body: UserBody, status: 201,
      handler: async ({ actor, body }) => userDto(await tx((trx) => svc.createUser(trx, actor, body, config.scryptCost))) }),
    route({ method: "get", path: "/users", tag: "users", summary: "Users the admin manages", access: ["admin"],
      handler: async ({ actor }) => ({ data: (await svc.listUsers(db, actor)).map(userDto) }) }),
    route({ method: "post", path: "/users/:userId/deactivate", tag: "users", summary: "Deactivate a user; their tokens die at once", access: ["admin"], params: UserParams,
      handler: async ({ actor, params }) => userDto(await tx((trx) => svc.deactivateUser(trx, actor, params.userId))) }),
    route({ method: "post", path: "/users/:userId/unlock", tag: "users", summary: "Lift a sign-in suspension (423 account_locked) after too many wrong passwords", access: ["admin"], params: UserParams,
      handler: async ({ actor, params }) => userDto(await tx((trx) => svc.unlockUser(trx, actor, params.userId))) }),
    route({ method: "post", path: "/users/:userId/grants", tag: "users", summary: "Grant a role on a unit (or, to an inspector, a board)", access: ["admin"], params: UserParams, body: GrantBody, status: 201,
      handler: async ({ actor, params, body }) => grantDto(await tx((trx) => svc.grantRole(trx, actor, params.userId, body))) }),
    route({ method: "delete", path: "/users/:userId/grants/:grantId", tag: "users", summary: "Revoke a role", access: ["admin"], params: GrantParams,
      handler: async ({ actor, params, res }) => {
        await tx((trx) => svc.revokeGrant(trx, actor, params.userId, params.grantId));
        res.status(204).end();
      },
    }),

    route({ method: "get", path: "/audit", tag: "audit", summary: "The audit trail, newest first", access: ["admin", "inspector"], query: AuditQuery,
      handler: async ({ actor, query }) => {
        return svc.listAudit(db, actor, {
          unitId: query.unitId,
          from: query.from ? startOfLocalDay(query.from) : undefined,
          to: query.to ? startOfLocalDay(query.to, 1) : undefined,
          cursor: query.cursor,
          limit: query.limit ?? 100,
        });
      } }),
  ];
}

// identity: units tree, users, roles, sessions and the audit trail. Other modules import only this file.
export * from "./actor";
export * as audit from "./audit";
export {
  authorize, STAFF, createUnit, findUnit, unitPaths, findBoard, findUnitByCode, getUnit, listUnits, listPublicUnits, updateUnit,
  listAudit, createUser, createFirstAdmin, createBoard, setBoardMember, boardRow, boardsOfUnit, boardUnits, boardMembers, boardNames, userNames, grantRole, deactivateUser, countUsers, countUnits, holdsDemoData, authenticate, login, holdsRole,
} from "./service";
export type { Unit, User, Grant, UnitKind, BoardRow, BoardRole, BoardMemberInput } from "./service";
export { identityRoutes } from "./routes";
export { resolveRefs, unitScope, REFERENCED } from "./references";
export type { Ref, Referenced, UnitScope } from "./references";
export { Throttle, BROAD_LIMIT, recordFailure, recentFailures, forgetFailures } from "./throttle";
export type { AttemptKind } from "./throttle";
export { SessionLookup } from "./session-lookup";
export { SessionCache } from "./session-cache";
export { generatePassword, hashPassword, verifyPassword } from "./passwords";

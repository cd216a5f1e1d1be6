// Identity's verbs, one room each: units (and authorize), users and grants, sessions, boards and the
// audit trail. Routes import this file; other modules import index.ts.
export { authorize, STAFF, createUnit, listUnits, getUnit, findUnit, unitPaths, findUnitByCode, listPublicUnits, updateUnit, countUnits, holdsDemoData } from "./units";
export type { Unit, UnitKind, UnitInput, UnitPatch } from "./units";
export { createUser, createFirstAdmin, listUsers, deactivateUser, grantRole, revokeGrant, unlockUser, holdsRole, countUsers } from "./users";
export type { User, Grant, UserInput, GrantInput } from "./users";
export { login, authenticate, logout, me, changePassword } from "./sessions";
export type { LoginResult, LoginDeps } from "./sessions";
export { createBoard, setBoardMember, findBoard, boardRow, boardsOfUnit, boardUnits, boardMembers, boardNames, userNames } from "./boards";
export type { BoardInput, BoardRow, BoardRole, BoardMemberInput } from "./boards";
export { listAudit } from "./audit-trail";
export type { AuditEvent } from "./audit-trail";

import type { Unit, User, Grant } from "./service";
import { toWire } from "../shared/money";
import type { GrantWire, PublicUnitWire, UnitWire, UserWire } from "./wire";

// Wire shapes, by hand: camelCase, amounts as strings, nothing private unless the caller may see it.
// Each returns its type from wire.ts, which the web client imports.

export const unitDto = (u: Unit): UnitWire => ({
  id: u.id,
  code: u.code,
  name: u.name,
  kind: u.kind,
  parentId: u.parentId,
  isActive: u.isActive,
  approvalThreshold: u.approvalThreshold,
  feedbackAnswerDays: u.feedbackAnswerDays,
  cashDifferenceMinor: toWire(u.cashDifferenceMinor),
  cashDifferenceCritical: toWire(u.cashDifferenceCritical),
  boardCompositionRequired: u.boardCompositionRequired,
  succeededById: u.succeededById,
  createdAt: u.createdAt,
});

export const publicUnitDto = (u: Unit): PublicUnitWire => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parentId });

export const grantDto = (g: Grant): GrantWire => ({ id: g.id, role: g.role, unitId: g.unitId, boardId: g.boardId });

/** A user as admins and the user see them; no password hash ever. */
export const userDto = (u: User): UserWire => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  phone: u.phone,
  isActive: u.isActive,
  signInLocked: u.signInLocked ?? false,
  createdAt: u.createdAt,
  grants: u.grants.map(grantDto),
});

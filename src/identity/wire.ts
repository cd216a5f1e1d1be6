// What identity's endpoints answer, as the web client reads it. Types only, no imports from the
// server side: the client's compiler reads this file without Node or knex, and dto.ts is checked
// to build exactly these shapes.

export type RoleName = "admin" | "treasurer" | "head" | "inspector";
export type UnitKindName = "province" | "commune" | "hamlet";

export interface UnitWire {
  id: number;
  code: string;
  name: string;
  kind: UnitKindName;
  parentId: number | null;
  isActive: boolean;
  /** Payments above it need the hamlet head's approval; whole đồng as a decimal string. */
  approvalThreshold: string;
  feedbackAnswerDays: number;
  /** A cash count's difference below it opens an observation, from it a minor finding; whole đồng. */
  cashDifferenceMinor: string;
  /** From it a cash difference is a major finding, from ten times it a critical one; whole đồng. */
  cashDifferenceCritical: string;
  /** Its Community Investment Supervision Boards file minutes only when made up as the law says (default false). */
  boardCompositionRequired: boolean;
  succeededById: number | null;
  createdAt: string;
}

export type PublicUnitWire = Pick<UnitWire, "id" | "code" | "name" | "kind" | "parentId">;

export interface GrantWire {
  id: number;
  role: RoleName;
  unitId: number | null;
  boardId: number | null;
}

/** A user as admins and the user see them (the signed-in user is one: GET /me). */
export interface UserWire {
  id: number;
  username: string;
  displayName: string;
  phone: string | null;
  isActive: boolean;
  signInLocked: boolean;
  createdAt: string;
  grants: GrantWire[];
}

export interface LoginWire {
  token: string;
  expiresAt: string;
  user: UserWire;
}

/** One line of the audit trail; `details` is whatever the action recorded (shown as text, never markup). */
export interface AuditEventWire {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
}

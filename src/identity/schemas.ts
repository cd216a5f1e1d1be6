import { Obj, Type, Id, Name, DateStr, Limit, Static, Money, Digits } from "../http/schema-kit";

export const Username = Type.String({ pattern: "^[a-z0-9._-]{3,64}$", maxLength: 64 });
// Length only: any character is fine in a password; 200 keeps scrypt's input bounded.
export const Password = Type.String({ minLength: 10, maxLength: 200 });
const RoleSchema = Type.Union([Type.Literal("admin"), Type.Literal("treasurer"), Type.Literal("head"), Type.Literal("inspector")]);

export const LoginBody = Obj({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) });
export const PasswordBody = Obj({ oldPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password });

export const UnitCode = Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$", maxLength: 32 });
export const UnitBody = Obj({
  code: UnitCode,
  name: Name,
  kind: Type.Union([Type.Literal("province"), Type.Literal("commune"), Type.Literal("hamlet")]),
  parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()])),
});
export type UnitBody = Static<typeof UnitBody>;
/** Days the boards have to answer a resident's feedback on the unit's works (default 15). */
export const FeedbackAnswerDays = Type.Integer({ minimum: 1, maximum: 365 });
export const UnitPatchBody = Obj(
  {
    name: Type.Optional(Name), approvalThreshold: Type.Optional(Money), feedbackAnswerDays: Type.Optional(FeedbackAnswerDays),
    // A cash count's difference thresholds (whole đồng; the column defaults 10.000 and 1.000.000).
    cashDifferenceMinor: Type.Optional(Money), cashDifferenceCritical: Type.Optional(Money),
    // Boards file minutes only when made up as the law says (default false).
    boardCompositionRequired: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);

export const UserBody = Obj({
  username: Username,
  displayName: Name,
  password: Password,
  phone: Type.Optional(Type.String({ pattern: "^[0-9+ .-]{3,20}$", maxLength: 20 })),
});
export const UserParams = Obj({ userId: Id });
export const GrantParams = Obj({ userId: Id, grantId: Id });
export const GrantBody = Obj({
  role: RoleSchema,
  unitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  boardId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
});

export const AuditQuery = Obj({
  unitId: Type.Optional(Id),
  from: Type.Optional(DateStr),
  to: Type.Optional(DateStr),
  // The audit cursor is the last id seen: digits only, at most 15 so Number() keeps it exact.
  cursor: Type.Optional(Digits({ pattern: "^[1-9][0-9]{0,14}$", maxLength: 15 })),
  limit: Type.Optional(Limit),
});

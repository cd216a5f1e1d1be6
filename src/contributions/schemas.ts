import { Obj, Type, Id, BigId, Name, DateStr, Cursor, Limit, MultiLine, OneOf, Digits, Flag } from "../http/schema-kit";
import { HOUSEHOLD_CATEGORIES } from "../shared/household-categories";

// Money here is always > 0: a contribution, a pledge, a level or a target of zero or less means nothing.
export const PositiveMoney = Type.String({ pattern: "^[1-9][0-9]{0,14}$", maxLength: 15, description: "whole đồng > 0, as a decimal string" });
const RefId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Category = OneOf(HOUSEHOLD_CATEGORIES);
const HouseholdCode = Type.String({ pattern: "^\\s*[A-Za-z0-9][A-Za-z0-9._/-]{0,31}\\s*$", maxLength: 40 });
const Phone = Type.String({ pattern: "^[0-9+ .-]{3,20}$", maxLength: 20 });
const Quantity = Type.String({ pattern: "^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,3})?$", maxLength: 13, description: "a decimal quantity > 0 (labour days, m², ...)" });

export const HouseholdBody = Obj({
  code: HouseholdCode,
  headName: Name,
  address: Type.Optional(Type.String({ maxLength: 500 })),
  members: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  category: Type.Optional(Category),
  phone: Type.Optional(Phone),
});
export const HouseholdPatchBody = Obj(
  {
    code: Type.Optional(HouseholdCode),
    headName: Type.Optional(Name),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    members: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100 }), Type.Null()])),
    category: Type.Optional(Category),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    isActive: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);
export const HouseholdParams = Obj({ unitId: Id, householdId: Id });
export const MoveBody = Obj({ toUnitId: RefId, code: Type.Optional(HouseholdCode) });
export const HouseholdQuery = Obj({ q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), cursor: Type.Optional(Type.String({ maxLength: 40 })), limit: Type.Optional(Limit), inactive: Type.Optional(Flag) });

export const CampaignBody = Obj({
  name: Name,
  purpose: MultiLine({ minLength: 1, maxLength: 2000 }),
  fundAccount: Type.Optional(Type.String({ pattern: "^[0-9]{3,8}$" })),
  workId: Type.Optional(RefId),
  // The recognised decision record it rests on; the inline figures stay for a meeting held on paper before.
  decisionId: Type.Optional(RefId),
  decision: Type.Optional(Obj({
    date: DateStr,
    minutesRef: Type.String({ minLength: 1, maxLength: 200 }),
    householdsTotal: Type.Integer({ minimum: 1, maximum: 100000 }),
    householdsPresent: Type.Integer({ minimum: 0, maximum: 100000 }),
    householdsAgreeing: Type.Integer({ minimum: 0, maximum: 100000 }),
  })),
  level: Type.Optional(Obj({ amount: PositiveMoney, per: Type.Union([Type.Literal("household"), Type.Literal("person")]) })),
  exemptCategories: Type.Optional(Type.Array(Category, { maxItems: 5, uniqueItems: true })),
  inKindValues: Type.Optional(Obj({ labour: Type.Optional(PositiveMoney), land: Type.Optional(PositiveMoney), materials: Type.Optional(PositiveMoney) })),
  startDate: DateStr,
  endDate: Type.Optional(DateStr),
  target: Type.Optional(PositiveMoney),
});
export const CampaignPatchBody = Obj(
  {
    name: Type.Optional(Name),
    purpose: Type.Optional(MultiLine({ minLength: 1, maxLength: 2000 })),
    endDate: Type.Optional(Type.Union([DateStr, Type.Null()])),
    target: Type.Optional(Type.Union([PositiveMoney, Type.Null()])),
    status: Type.Optional(Type.Union([Type.Literal("open"), Type.Literal("closed")])),
  },
  { minProperties: 1 },
);
export const CampaignParams = Obj({ unitId: Id, campaignId: Id });
export const ListQuery = Obj({
  /** `recent`: by the household's latest receipt (with `order=desc`, the newest first; none last). */
  sort: Type.Optional(OneOf(["code", "name", "paid", "status", "recent"])),
  order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
  page: Type.Optional(Digits({ pattern: "^[1-9][0-9]{0,5}$" })),
  limit: Type.Optional(Limit),
});

export const ReceiptBody = Obj({
  householdId: RefId,
  campaignId: RefId,
  amount: PositiveMoney,
  date: DateStr,
  method: Type.Union([Type.Literal("cash"), Type.Literal("bank")]),
  payer: Type.Optional(Type.String({ maxLength: 200 })),
  note: Type.Optional(MultiLine({ maxLength: 2000 })),
});
export const PledgeBody = Obj({ householdId: RefId, campaignId: RefId, amount: PositiveMoney, date: DateStr, dueDate: Type.Optional(DateStr) });
// A reduction's suggested amount may be 0 đồng (then it is nearly an exemption, with its own reason).
export const ReductionBody = Obj({ householdId: RefId, campaignId: RefId, suggestedAmount: Type.String({ pattern: "^(0|[1-9][0-9]{0,14})$", maxLength: 15 }), reason: MultiLine({ minLength: 1, maxLength: 2000 }) });
export const ExemptionBody = Obj({ householdId: RefId, campaignId: RefId, reason: MultiLine({ minLength: 1, maxLength: 2000 }) });
export const InKindBody = Obj({
  householdId: RefId,
  campaignId: RefId,
  kind: Type.Union([Type.Literal("labour"), Type.Literal("land"), Type.Literal("materials")]),
  quantity: Quantity,
  unit: Type.String({ minLength: 1, maxLength: 50 }),
  description: MultiLine({ minLength: 1, maxLength: 2000 }),
  date: DateStr,
});
export const ContributionParams = Obj({ unitId: Id, contributionId: BigId });
export const ContributionReversalBody = Obj({ date: DateStr, reason: MultiLine({ minLength: 1, maxLength: 2000 }) });
export const ImportParams = Obj({ unitId: Id, campaignId: Id, importId: Id });
const SheetRowNumbers = (description: string) => Type.Array(Type.Integer({ minimum: 1, maximum: 1048576 }), { maxItems: 100000, uniqueItems: true, description });
export const ImportCommitBody = Obj({
  skipRows: Type.Optional(SheetRowNumbers("sheet rows left out (their errors and warnings do not block the rest); listed in the answer")),
  confirm: Type.Optional(Type.Array(Type.Literal("name_mismatch"), { maxItems: 1, uniqueItems: true, description: "[\"name_mismatch\"]: every name that differs from the register's is confirmed" })),
  confirmRows: Type.Optional(SheetRowNumbers("sheet rows whose name differing from the register's is confirmed, one by one")),
});
void Cursor;

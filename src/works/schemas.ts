import { Obj, Type, Id, Name, DateStr, Static, Cursor, MultiLine, OneOf, Digits } from "../http/schema-kit";

// Request schemas of works, expenses, attachments and consultations (the API's exact shapes).

export const PositiveMoney = Type.String({ pattern: "^[1-9][0-9]{0,14}$", maxLength: 15, description: "whole đồng > 0, as a decimal string" });
const RefId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Ids = (max = 20) => Type.Array(RefId, { maxItems: max, uniqueItems: true });
import { COST_CATEGORIES, SOURCES, STATUSES } from "../shared/work-life";
export { COST_CATEGORIES, SOURCES, STATUSES };
const CostCategory = OneOf(COST_CATEGORIES);
const Source = OneOf(SOURCES);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
// What a person writes as prose: several lines allowed (names, codes and the like stay on one).
const Prose = (max: number) => MultiLine({ minLength: 1, maxLength: max });
// ISO-8601 instants: "2025-06-01T08:00:00Z" or with an offset ("+07:00").
export const Instant = Type.String({ format: "date-time", maxLength: 40 });

const EstimateLine = Obj({ category: CostCategory, amount: PositiveMoney });
const FundingLine = Obj({ source: Source, amount: PositiveMoney, campaignId: Type.Optional(RefId) });

export const WorkBody = Obj({
  name: Name,
  location: Text(500),
  category: Text(100),
  description: Type.Optional(MultiLine({ maxLength: 2000 })),
  estimate: Type.Array(EstimateLine, { minItems: 1, maxItems: 20 }),
  funding: Type.Array(FundingLine, { maxItems: 20 }),
  contractor: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
  plannedStart: DateStr,
  plannedEnd: DateStr,
});
export type WorkBody = Static<typeof WorkBody>;
export const WorkPatchBody = Obj(
  {
    name: Type.Optional(Name),
    location: Type.Optional(Text(500)),
    category: Type.Optional(Text(100)),
    description: Type.Optional(Type.Union([MultiLine({ maxLength: 2000 }), Type.Null()])),
    estimate: Type.Optional(Type.Array(EstimateLine, { minItems: 1, maxItems: 20 })),
    funding: Type.Optional(Type.Array(FundingLine, { maxItems: 20 })),
    contractor: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    plannedStart: Type.Optional(DateStr),
    plannedEnd: Type.Optional(DateStr),
  },
  { minProperties: 1 },
);
export type WorkPatchBody = Static<typeof WorkPatchBody>;
export const WorkParams = Obj({ unitId: Id, workId: Id });
export const WorkIdParams = Obj({ workId: Id });
/** A page of a work's posted vouchers: the cursor from the previous page, 1-200 a page (default 50). */
export const PublicExpensesQuery = Obj({
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Digits({ pattern: "^(?:[1-9][0-9]?|1[0-9]{2}|200)$", description: "1-200" })),
});
/** An attachment's download: the original, or `size=thumb` for a small JPEG of an image (≤ 320 px). */
export const AttachmentQuery = Obj({
  size: Type.Optional(Type.Literal("thumb", { description: "thumb: a JPEG ≤ 320 px of an image, without its metadata (a PDF has none: 404 no_thumbnail)" })),
});

export const TransitionBody = Obj({
  to: OneOf(STATUSES),
  date: Type.Optional(DateStr),
  note: Type.Optional(MultiLine({ maxLength: 2000 })),
  documents: Type.Optional(Ids()),
  // The residents' decision record an approval rests on (required for a resident-funded work).
  decisionId: Type.Optional(RefId),
  decision: Type.Optional(
    Obj({
      date: DateStr,
      minutesRef: Text(200),
      householdsTotal: Type.Integer({ minimum: 1, maximum: 1000000 }),
      householdsAgreeing: Type.Integer({ minimum: 0, maximum: 1000000 }),
    }),
  ),
});
export type TransitionBody = Static<typeof TransitionBody>;

export const ProgressBody = Obj({
  date: DateStr,
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  note: Type.Optional(MultiLine({ maxLength: 2000 })),
  photos: Type.Optional(Ids()),
});

export const ExpenseBody = Obj({
  category: CostCategory,
  amount: PositiveMoney,
  date: DateStr,
  payee: Text(200),
  description: Prose(2000),
  method: OneOf(["cash", "bank", "payable", "advance"]),
  attachmentIds: Type.Optional(Ids()),
});
export type ExpenseBody = Static<typeof ExpenseBody>;
export const AdvanceBody = Obj({
  amount: PositiveMoney,
  date: DateStr,
  payee: Text(200),
  description: Prose(2000),
  method: Type.Union([Type.Literal("cash"), Type.Literal("bank")]),
  attachmentIds: Type.Optional(Ids()),
});
export type AdvanceBody = Static<typeof AdvanceBody>;
export const ExpenseParams = Obj({ unitId: Id, expenseId: Id });
export const RejectBody = Obj({ reason: Prose(2000) });

export const AttachmentParams = Obj({ unitId: Id, attachmentId: Id });
export const AttachmentIdParams = Obj({ attachmentId: Id });

export const ConsultationBody = Obj({
  question: Prose(2000),
  documents: Type.Optional(Ids()),
  opensAt: Instant,
  closesAt: Instant,
});
export type ConsultationBody = Static<typeof ConsultationBody>;
export const ConsultationIdParams = Obj({ consultationId: Id });
export const HouseholdCode = Type.String({ pattern: "^\\s*[A-Za-z0-9][A-Za-z0-9._/-]{0,31}\\s*$", maxLength: 40 });
export const Pin = Type.String({ pattern: "^[0-9]{6}$", maxLength: 6 });
export const OpinionBody = Obj({
  householdCode: HouseholdCode,
  pin: Pin,
  choice: Type.Union([Type.Literal("agree"), Type.Literal("disagree"), Type.Literal("abstain")]),
  comment: Type.Optional(MultiLine({ maxLength: 2000 })),
});
export type OpinionBody = Static<typeof OpinionBody>;

export const ConsultationParams = Obj({ unitId: Id, workId: Id, consultationId: Id });
// The commune's response to the opinions: a summary and, theme by theme, taken up or not (why not).
const ResponseItem = Obj({ topic: Text(500), takenUp: Type.Boolean(), reason: Type.Optional(Prose(2000)) });
export const ResponseBody = Obj({ summary: Prose(4000), items: Type.Array(ResponseItem, { maxItems: 50 }) });
export type ResponseBody = Static<typeof ResponseBody>;

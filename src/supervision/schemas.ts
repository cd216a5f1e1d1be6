import { Obj, Type, Id, BigIdNum, Name, DateStr, Static, MultiLine, OneOf, Flag } from "../http/schema-kit";
import { HouseholdCode, Instant, Pin } from "../works/schemas";
import { CHECKLIST_ITEMS } from "../shared/inspection-words";
import { BOARD_ROLES } from "../shared/board-composition";

// Request schemas of boards, inspections, findings, cash counts and feedback.

const RefId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Ids = (max = 20) => Type.Array(RefId, { maxItems: max, uniqueItems: true });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
// What a person writes as prose: several lines allowed (names, codes and the like stay on one).
const Prose = (max: number) => MultiLine({ minLength: 1, maxLength: max });
export { CHECKLIST_ITEMS };
export const SEVERITIES = ["observation", "minor", "major", "critical"] as const;
export const FINDING_STATES = ["open", "answered", "resolved", "escalated"] as const;

// A member's role on the board and whether they represent the Fatherland Front (law.md L11–L12).
const BoardMemberFields = { role: OneOf(BOARD_ROLES), frontRepresentative: Type.Boolean() };
export const BoardBody = Obj({
  kind: Type.Union([Type.Literal("gsdtcd"), Type.Literal("ttnd")]),
  name: Name,
  termStart: Type.Optional(DateStr),
  termEnd: Type.Optional(DateStr),
  oversees: Obj({ unitIds: Type.Optional(Ids(200)), workIds: Type.Optional(Ids(200)) }),
  members: Type.Optional(Type.Array(Obj({ userId: RefId, ...BoardMemberFields }), { maxItems: 50 })),
});
export type BoardBody = Static<typeof BoardBody>;
export const BoardParams = Obj({ boardId: Id });
export const BoardMemberBody = Obj({ userId: RefId, ...BoardMemberFields });

const ChecklistItem = Obj({
  item: OneOf(CHECKLIST_ITEMS),
  result: Type.Union([Type.Literal("ok"), Type.Literal("issue"), Type.Literal("not_checked")]),
  note: Type.Optional(MultiLine({ maxLength: 2000 })),
});
const Subject = Type.Union([Obj({ workId: RefId }), Obj({ unitId: RefId })]);
export const InspectionBody = Obj({
  subject: Subject,
  date: DateStr,
  membersPresent: Type.Array(RefId, { minItems: 1, maxItems: 50, uniqueItems: true }),
  checklist: Type.Array(ChecklistItem, { maxItems: 6 }),
});
export type InspectionBody = Static<typeof InspectionBody>;
export const InspectionPatchBody = Obj(
  {
    date: Type.Optional(DateStr),
    membersPresent: Type.Optional(Type.Array(RefId, { minItems: 1, maxItems: 50, uniqueItems: true })),
    checklist: Type.Optional(Type.Array(ChecklistItem, { maxItems: 6 })),
  },
  { minProperties: 1 },
);
export const InspectionParams = Obj({ boardId: Id, inspectionId: Id });
export const InspectionTransitionBody = Obj({ to: Type.Union([Type.Literal("draft"), Type.Literal("filed"), Type.Literal("published")]) });
export const AddendumBody = Obj({ text: Prose(4000), attachmentIds: Type.Optional(Ids()) });

export const FindingBody = Obj({
  category: Text(100),
  severity: OneOf(SEVERITIES),
  description: Prose(4000),
  recommendation: Prose(4000),
  addressedTo: Text(200),
  dueDate: DateStr,
  evidence: Type.Optional(Obj({ attachmentIds: Type.Optional(Ids()), entryIds: Type.Optional(Type.Array(BigIdNum, { maxItems: 100, uniqueItems: true })) })),
  feedbackId: Type.Optional(RefId),
  // The board agreed that the text may name households in public (law.md L9).
  namesPublic: Type.Optional(Type.Boolean()),
});
export type FindingBody = Static<typeof FindingBody>;
export const FindingParams = Obj({ findingId: Id });
export const FindingTransitionBody = Obj({
  to: OneOf(FINDING_STATES),
  text: Prose(4000),
  attachmentIds: Type.Optional(Ids()),
  escalatedTo: Type.Optional(Type.Union([Type.Literal("commune"), Type.Literal("province")])),
});
export type FindingTransitionBody = Static<typeof FindingTransitionBody>;
export const FindingsQuery = Obj({
  status: Type.Optional(OneOf(FINDING_STATES)),
  overdue: Type.Optional(Flag),
  workId: Type.Optional(Id),
});

export const CashCountBody = Obj({
  unitId: RefId,
  at: Instant,
  // Any value (coins, odd amounts): whole đồng > 0; any count ≥ 1.
  denominations: Type.Array(Obj({ value: Type.String({ pattern: "^[1-9][0-9]{0,11}$", maxLength: 12 }), count: Type.Integer({ minimum: 1, maximum: 1000000 }) }), { minItems: 1, maxItems: 50 }),
  counters: Type.Array(RefId, { minItems: 1, maxItems: 20, uniqueItems: true }),
});
export type CashCountBody = Static<typeof CashCountBody>;

export const FeedbackBody = Obj({
  householdCode: Type.Optional(HouseholdCode),
  pin: Type.Optional(Pin),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  contact: Type.Optional(Type.String({ maxLength: 200 })),
  text: Prose(4000),
  photos: Type.Optional(Ids(5)),
});
export type FeedbackBody = Static<typeof FeedbackBody>;
export const FeedbackParams = Obj({ boardId: Id, feedbackId: Id });
export const AnswerBody = Obj({ text: Prose(4000) });
export const PublicWorkParams = Obj({ workId: Id });

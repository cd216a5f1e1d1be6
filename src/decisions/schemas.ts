import { Obj, Type, Id, DateStr, MultiLine, OneOf, Static, Flag } from "../http/schema-kit";
import { CHOICES, METHODS, RULES, STATES, SUBJECTS } from "./rules";

// Request schemas of decisions, their counts, moves and settings (the API's exact shapes).

const RefId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Count = Type.Integer({ minimum: 0, maximum: 1000000 });

export const DecisionBody = Obj({
  title: MultiLine({ minLength: 1, maxLength: 500, description: "what is decided" }),
  subject: OneOf(SUBJECTS),
  method: OneOf(METHODS),
  heldOn: DateStr,
  minutesAttachmentId: Type.Optional(RefId),
});
export type DecisionBody = Static<typeof DecisionBody>;
export const DecisionParams = Obj({ unitId: Id, decisionId: Id });
/** below=true: a commune's list holds its hamlets' decisions too (what waits for its recognition). */
export const DecisionListQuery = Obj({ below: Type.Optional(Flag) });
export const DecisionIdParams = Obj({ decisionId: Id });

export const TallyBody = Obj({ present: Count, agree: Count, disagree: Count, abstain: Count });
export type TallyBody = Static<typeof TallyBody>;
export const BallotBody = Obj({ householdId: RefId, choice: OneOf(CHOICES) });
export type BallotBody = Static<typeof BallotBody>;
export const VoteBody = Obj({
  householdCode: Type.String({ pattern: "^\\s*[A-Za-z0-9][A-Za-z0-9._/-]{0,31}\\s*$", maxLength: 40 }),
  pin: Type.String({ pattern: "^[0-9]{6}$", maxLength: 6 }),
  choice: OneOf(CHOICES),
});
export type VoteBody = Static<typeof VoteBody>;
export const DecisionTransitionBody = Obj({
  to: OneOf(STATES),
  reason: Type.Optional(MultiLine({ minLength: 1, maxLength: 2000 })),
});
export type DecisionTransitionBody = Static<typeof DecisionTransitionBody>;
export const SettingsBody = Obj(
  {
    workInvestmentRule: Type.Optional(OneOf(RULES)),
    submitWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  },
  { minProperties: 1 },
);
export type SettingsBody = Static<typeof SettingsBody>;

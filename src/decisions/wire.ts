// What the decisions endpoints answer, as types only: dto.ts builds exactly these, and the web
// client imports them (`import type`).
import type { Choice, DecisionStatus, Method, Subject, ThresholdRule } from "./rules";

export type { Choice, DecisionStatus, Method, Subject, ThresholdRule };

export interface CountsWire {
  present: number;
  agree: number;
  disagree: number;
  abstain: number;
}

export interface DecisionWire {
  id: number;
  unitId: number;
  /** The hamlet (or commune) that decided. */
  unitName: string;
  title: string;
  subject: Subject;
  method: Method;
  heldOn: string;
  minutesAttachmentId: number | null;
  /** Active households of the unit on heldOn, from the register (never typed). */
  householdsTotal: number;
  /** The meeting's own counts, once recorded. */
  tally: CountsWire | null;
  /** Ballots counted, by channel: paper (entered by the counting team) and online (code + PIN). */
  ballots: { paper: number; online: number };
  /** The tally and the ballots together, each household once. */
  counts: CountsWire;
  /** The rule the subject needs and the fewest households agreeing that meet it. */
  threshold: { rule: ThresholdRule; needed: number };
  passed: boolean;
  status: DecisionStatus;
  /** The moves the decision may make from its state (who may make them is the server's to decide). */
  allowed: DecisionStatus[];
  votedOn: string | null;
  /** The day the hamlet must submit it to the commune by (working days after the vote). */
  submitBy: string | null;
  /** Voted, not yet submitted, and the day to submit by has passed. */
  submitOverdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DecisionTransitionWire {
  from: DecisionStatus;
  to: DecisionStatus;
  reason: string | null;
  by: string | null;
  at: string;
}

export interface BallotWire {
  householdId: number;
  code: string;
  headName: string;
  choice: Choice;
  channel: "paper" | "online";
  /** Who entered a paper ballot; null online. */
  enteredBy: string | null;
  at: string;
}

export interface DecisionDetailWire extends DecisionWire {
  transitions: DecisionTransitionWire[];
  ballotList: BallotWire[];
}

export interface DecisionSettingsWire {
  unitId: number;
  workInvestmentRule: ThresholdRule;
  submitWithinDays: number;
}

/** What a household sees before voting online: never another household's choice. */
export interface PublicDecisionWire {
  id: number;
  unitName: string;
  title: string;
  subject: Subject;
  heldOn: string;
  /** Online votes are taken while the decision is a draft of an online or combined method. */
  open: boolean;
}

export interface VoteWire {
  decisionId: number;
  householdCode: string;
  choice: Choice;
  at: string;
}

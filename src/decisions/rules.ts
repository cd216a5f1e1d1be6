// Pure rules of a residents' decision (law.md L6–L8): which threshold a subject needs, how many
// households that means on the register's total, whether the counts pass, and the decision's moves.
// Exact integer arithmetic only: a third of a household is never rounded.

export const SUBJECTS = ["contribution_policy", "contribution_management", "customary_rule", "work_investment", "other"] as const;
export type Subject = (typeof SUBJECTS)[number];
export const METHODS = ["meeting_show_of_hands", "meeting_secret_ballot", "household_ballot", "online", "combined"] as const;
export type Method = (typeof METHODS)[number];
export const STATES = ["draft", "voted", "submitted", "recognised", "returned"] as const;
export type DecisionStatus = (typeof STATES)[number];
export const CHOICES = ["agree", "disagree", "abstain"] as const;
export type Choice = (typeof CHOICES)[number];
export const RULES = ["two_thirds", "more_than_half"] as const;
export type ThresholdRule = (typeof RULES)[number];

/** The subjects a campaign may rest on (law.md L5 a, b): contributions and their management. */
export const CONTRIBUTION_SUBJECTS: readonly Subject[] = ["contribution_policy", "contribution_management"];

/**
 * law.md L7: contributions and their management need ≥ 2/3 of ALL households; customary rules and
 * other matters > 50 %; a work's investment > 50 % unless the unit's rules say two thirds.
 */
export function ruleFor(subject: Subject, workInvestmentRule: ThresholdRule): ThresholdRule {
  if (CONTRIBUTION_SUBJECTS.includes(subject)) return "two_thirds";
  if (subject === "work_investment") return workInvestmentRule;
  return "more_than_half";
}

/** Does `agree` of `total` households meet the rule? 3 × agree ≥ 2 × total, or 2 × agree > total. */
export function meets(rule: ThresholdRule, agree: number, total: number): boolean {
  return rule === "two_thirds" ? agree * 3 >= total * 2 : agree * 2 > total;
}

/** The fewest households agreeing that meet the rule on `total`. */
export function needed(rule: ThresholdRule, total: number): number {
  return rule === "two_thirds" ? Math.floor((total * 2 + 2) / 3) : Math.floor(total / 2) + 1;
}

/** Which ways of counting a method takes: the meeting's tally, paper ballots, online votes. */
export const TAKES: Record<Method, { tally: boolean; ballots: boolean; online: boolean }> = {
  meeting_show_of_hands: { tally: true, ballots: false, online: false },
  meeting_secret_ballot: { tally: true, ballots: false, online: false },
  household_ballot: { tally: false, ballots: true, online: false },
  online: { tally: false, ballots: false, online: true },
  combined: { tally: true, ballots: true, online: true },
};

/** A meeting decides on the day it meets; ballots close on the day the decision is marked voted (law.md L8). */
export const votedOn = (method: Method, heldOn: string, movedOn: string) => (method.startsWith("meeting_") ? heldOn : movedOn);

/** The only moves (law.md L8); a returned decision may be submitted again once corrected. */
export const MOVES: Record<DecisionStatus, DecisionStatus[]> = {
  draft: ["voted"],
  voted: ["submitted"],
  submitted: ["recognised", "returned"],
  returned: ["submitted"],
  recognised: [],
};

export interface Counts {
  present: number;
  agree: number;
  disagree: number;
  abstain: number;
}

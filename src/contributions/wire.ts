// What contributions' endpoints answer, as the web client reads it. Types only, no imports from
// the server side: the client's compiler reads this file without Node or knex, and dto.ts is
// checked to build exactly these shapes. Amounts are whole đồng as decimal strings.

import type { HouseholdCategory } from "../shared/household-categories";

export type { HouseholdCategory };

/** Where a household stands in a campaign. */
export type StandingStatus = "paid" | "pledged" | "exempt" | "notYet";

export interface HouseholdWire {
  id: number;
  unitId: number;
  code: string;
  headName: string;
  address: string | null;
  members: number | null;
  category: HouseholdCategory;
  /** For staff only: the public shape never has it. */
  phone: string | null;
  isActive: boolean;
  hasPin: boolean;
  pinLocked: boolean;
  createdAt: string;
}

export interface DecisionWire {
  date: string;
  minutesRef: string;
  householdsTotal: number;
  householdsPresent: number;
  householdsAgreeing: number;
}

export interface CampaignWire {
  id: number;
  unitId: number;
  name: string;
  purpose: string;
  fundAccount: string | null;
  workId: number | null;
  decision: DecisionWire;
  /** The recognised decision record it rests on; null when only the paper meeting's figures were typed. */
  decisionId: number | null;
  /** What a reader must be told: "no_recognised_decision" for a campaign on a paper meeting alone. */
  warnings: { code: "no_recognised_decision"; message: string }[];
  level: { amount: string; per: "household" | "person" } | null;
  exemptCategories: HouseholdCategory[];
  inKindValues: { [kind: string]: string };
  startDate: string;
  endDate: string | null;
  target: string | null;
  revenueAccount: string;
  status: "open" | "closed";
  createdAt: string;
}

export interface CampaignSummaryWire {
  target: string | null;
  pledged: string;
  paid: string;
  outstanding: string;
  households: Record<StandingStatus, number>;
  /** Households the community gave a lower suggested amount (reductions), beside the exempt ones. */
  reduced: number;
  inKind: { kind: string; unit: string; quantity: string; households: number }[];
}

/** One household's line in a campaign's contribution list. */
export interface StandingRowWire {
  householdId: number;
  code: string;
  name: string;
  category: HouseholdCategory;
  suggested: string | null;
  paid: string;
  pledged: string;
  outstanding: string;
  exempt: boolean;
  exemptReason: string | null;
  /** Why the suggested amount is lower (a reduction); null without one. */
  reductionReason: string | null;
  inKind: { kind: string; quantity: string; unit: string }[];
  receipts: string[];
  status: StandingStatus;
}

/** A page of a campaign's contribution list, with the totals of the whole list. */
export interface StandingPageWire {
  total: number;
  page: number;
  limit: number;
  data: StandingRowWire[];
  totals: { suggested: string; paid: string; pledged: string; outstanding: string };
}

/** A receipt, pledge or gift a household made in a campaign (its entry's reversal, if any). */
export interface HistoryItemWire {
  id: number;
  kind: string;
  date: string;
  amount: string | null;
  method: string | null;
  quantity: string | null;
  unit: string | null;
  inKind: string | null;
  voucherNo: string | null;
  entryId: number | null;
  reversedBy: number | null;
}

/** A household's contributions in every campaign, and its moves between hamlets. */
export interface HouseholdHistoryWire {
  household: HouseholdWire;
  moves: { from: number; to: number; fromCode: string; toCode: string; at: string }[];
  campaigns: { campaignId: number; unitId: number; name: string; paid: string; outstanding: string; exempt: boolean; reduction: { suggested: string; reason: string } | null; items: HistoryItemWire[] }[];
}

/** What a commit of an import recorded, row kinds counted (a type, not an interface: the client fills a message's params with it). */
export type ImportRecordedWire = {
  cash: number;
  pledges: number;
  exemptions: number;
  inKind: number;
  households: number;
};

/** A sheet row the commit left out, as the sheet wrote it. */
export type ImportSkippedWire = { row: number; code: string | null; name: string | null };

/** POST …/imports/:id/commit: what was recorded and the rows skipped (201), or nothing because the file was committed before (200). */
export type ImportCommitWire = { id: number; status: "committed"; recorded: ImportRecordedWire; skipped: ImportSkippedWire[] } | { id: number; recorded: 0; duplicateOf: number };

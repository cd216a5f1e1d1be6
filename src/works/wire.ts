import type { COST_CATEGORIES, SOURCES, WorkStatus } from "../shared/work-life";

// What works' endpoints answer, as the web client reads it. Types only, no imports from the server
// side: the client's compiler reads this file without Node or knex, and dto.ts is checked to build
// exactly these shapes. Amounts are whole đồng as decimal strings.

export type CostCategory = (typeof COST_CATEGORIES)[number];
export type FundingSource = (typeof SOURCES)[number];

/** A work as residents see it. */
export interface PublicWorkWire {
  id: number;
  unitId: number;
  number: number;
  name: string;
  location: string;
  category: string;
  description: string | null;
  contractor: string | null;
  selfBuilt: boolean;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  status: WorkStatus;
  progress: number;
  estimate: { category: string; amount: string }[];
  funding: { source: string; amount: string }[];
}

/** A work as staff see it: the public shape plus funding's campaigns, accounts, holds and timestamps. */
export interface WorkWire extends Omit<PublicWorkWire, "funding"> {
  funding: { source: string; amount: string; campaignId: number | null }[];
  accounts: { category: CostCategory; code: string }[];
  holds: { findingId: number; placedAt: string }[];
  /** The residents' decision it was approved on, if any. */
  decisionId: number | null;
  /** "decision_not_recognised" while that decision awaits the commune's recognition. */
  warnings: { code: "decision_not_recognised"; message: string }[];
  createdAt: string;
  updatedAt: string;
}

/**
 * What approving a work the community pays for asks next when no Ban GSĐTCĐ supervises it (law.md
 * L12): the commune (`communeId`) sets one up or gives the work to one of its boards.
 */
export interface BoardNeededWire {
  code: "board_needed";
  message: string;
  communeId: number;
}
/** A work as a move answers it: `next` when approving it asks for a board. */
export interface WorkMovedWire extends WorkWire {
  next?: BoardNeededWire;
}

export interface BudgetWire {
  byCategory: { category: CostCategory; account: string; planned: string; spent: string; remaining: string; overspent: boolean }[];
  bySource: { source: FundingSource; planned: string; received: string }[];
  /** This work's share of each campaign that funds it (split by the funding lines when a campaign funds several works). */
  byCampaign: { campaignId: number; source: FundingSource; planned: string; received: string }[];
  /** spent: costs on the work's accounts; paid: spent less owed (payables not yet paid); balance: received less paid. */
  totals: { planned: string; funded: string; received: string; spent: string; remaining: string; overspent: boolean; paid: string; owed: string; balance: string };
}

/** A payment voucher or an advance on a work: a draft until posted (or rejected). */
export interface ExpenseWire {
  id: number;
  unitId: number;
  workId: number;
  kind: "expense" | "advance";
  category: string | null;
  amount: string;
  date: string;
  payee: string;
  description: string;
  method: string;
  status: "draft" | "posted" | "rejected";
  voucherNo: string | null;
  entryId: number | null;
  draftedBy: number | null;
  draftedByName: string | null;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  rejectReason: string | null;
  attachmentIds: number[];
  /** The same files with their detected type (an image has a thumbnail) and the name they were uploaded under. */
  attachments: { id: number; type: string; name: string | null }[];
  createdAt: string;
}

export interface AttachmentWire {
  id: number;
  unitId: number;
  sha256: string;
  type: string;
  size: number;
  name: string | null;
  createdAt: string;
}

export interface TallyWire {
  agree: number;
  disagree: number;
  abstain: number;
}

export interface ConsultationWire {
  id: number;
  unitId: number;
  workId: number;
  question: string;
  documents: { id: number; mime: string; size: number; url: string }[];
  opensAt: string;
  closesAt: string;
  status: "upcoming" | "open" | "closed";
  tally: TallyWire;
  result: (TallyWire & { opinions: number; outcome: "in_favour" | "not_in_favour" }) | null;
  /** The commune's response to the opinions (law.md L10): the public sees it once published, staff the draft too. */
  response: ConsultationResponseWire | null;
}

/** Which opinions were taken up, which not and why; `publishedAt` null while a draft. */
export interface ConsultationResponseWire {
  summary: string;
  items: { topic: string; takenUp: boolean; reason: string | null }[];
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

/** A move of a work (with the hamlet meeting's decision when it was approved). */
export interface WorkTransitionWire {
  from: string;
  to: string;
  date: string;
  note: string | null;
  decision: { date: string; minutesRef: string; householdsTotal: number; householdsAgreeing: number } | null;
  by: string | null;
  at: string;
}

export interface ProgressWire {
  date: string;
  percent: number;
  note: string | null;
  /** Public attachment ids of the progress photos. */
  photos: number[];
  at: string;
}

/** One work as its screen reads it: the work, its moves, progress reports and consultations (with their latest comments). */
export interface WorkDetailWire extends WorkWire {
  transitions: WorkTransitionWire[];
  progressUpdates: ProgressWire[];
  consultations: (ConsultationWire & { comments: { choice: string; comment: string; at: string }[] })[];
}

/** A work in a unit's public list, with its page's figures (costs incurred as `spent`; `paid` is spent less owed). */
export interface PublicWorkRowWire extends PublicWorkWire {
  estimated: string;
  spent: string;
  raised: string;
  paid: string;
  owed: string;
  findings: { total: number; open: number; overdue: number };
}

/** GET /public/units/:unitId/works. */
export interface PublicWorksWire {
  data: PublicWorkRowWire[];
}

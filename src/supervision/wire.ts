// What supervision's endpoints answer, as the web client reads it. Types only, no imports from the
// server side: the client's compiler reads this file without Node or knex, and dto.ts is checked
// to build exactly these shapes.
import type { BoardRole, CompositionProblem } from "../shared/board-composition";

export type BoardKind = "gsdtcd" | "ttnd";

export interface BoardWire {
  id: number;
  unitId: number;
  kind: BoardKind;
  name: string;
  termStart: string | null;
  termEnd: string | null;
  oversees: { unitIds: number[]; workIds: number[] };
  members: { userId: number; username: string; displayName: string; role: BoardRole; frontRepresentative: boolean }[];
  /** Whether the board is made up as the law says, and why not (shared/board-composition.ts words them). */
  composition: { complete: boolean; problems: CompositionProblem[] };
  createdAt: string;
}

/** A cash count: amounts are whole đồng as decimal strings, the difference signed (counted − books). */
export interface CashCountWire {
  id: number;
  unitId: number;
  at: string;
  date: string;
  counted: string;
  ledger: string;
  difference: string;
  findingId: number | null;
  /** The severity the unit's thresholds gave the difference's finding (null: no difference). */
  findingSeverity: "observation" | "minor" | "major" | "critical" | null;
  chainHead: string | null;
}

export type FindingStatusName = "open" | "answered" | "resolved" | "escalated";

/** A step in a finding's life: the unit's answer or the board's resolve, reopen or escalation. */
export interface FindingTransitionWire {
  from: string;
  to: string;
  text: string;
  escalatedTo: string | null;
  attachmentIds: number[];
  by: string | null;
  at: string;
}

export interface FindingWire {
  id: number;
  boardId: number;
  unitId: number;
  workId: number | null;
  inspectionId: number | null;
  cashCountId: number | null;
  feedbackId: number | null;
  category: string;
  severity: string;
  description: string;
  recommendation: string;
  addressedTo: string;
  dueDate: string;
  evidence: { attachmentIds: number[]; entryIds: number[] };
  status: FindingStatusName;
  escalatedTo: string | null;
  overdue: boolean;
  /** The board agreed that the text may name households in public; otherwise the public reads them masked. */
  namesPublic: boolean;
  createdAt: string;
  updatedAt: string;
  transitions: FindingTransitionWire[];
}

export interface FindingsSummaryWire {
  total: number;
  overdue: number;
  open: number;
  answered: number;
  resolved: number;
  escalated: number;
}

/** A unit's findings (filtered) and the summary of all of them. */
export interface FindingListWire {
  data: FindingWire[];
  summary: FindingsSummaryWire;
}

export interface ChecklistLineWire {
  item: string;
  result: string;
  note: string | null;
}

/** An inspection as a board's list shows it. */
export interface InspectionSummaryWire {
  id: number;
  boardId: number;
  unitId: number;
  workId: number | null;
  subject: { workId: number } | { unitId: number };
  date: string;
  membersPresent: number[];
  checklist: ChecklistLineWire[];
  status: "draft" | "filed" | "published";
  createdAt: string;
  filedAt: string | null;
  publishedAt: string | null;
  chainHead: string | null;
  findingsSummary: FindingsSummaryWire;
}

/** One inspection record, with its findings and addenda. */
export interface InspectionWire extends InspectionSummaryWire {
  findings: FindingWire[];
  addenda: { id: number; text: string; attachmentIds: number[]; by: string | null; createdAt: string }[];
}

/** A resident's feedback on a work, as the board's inspectors read it. */
export interface FeedbackWire {
  id: number;
  unitId: number;
  workId: number;
  householdId: number | null;
  name: string | null;
  contact: string | null;
  text: string;
  photos: number[];
  /** Where the board's inspectors read each photo. */
  photoUrls: string[];
  receivedAt: string;
  dueDate: string;
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  findingId: number | null;
}

// What the deadlines endpoint answers, as types only, for the web client.

/** A publication whose publish-by date has passed without it, or that came out after it. */
export interface LatePublicationWire {
  id: number;
  unitId: number;
  unitName: string;
  kind: string;
  subject: string | null;
  status: "draft" | "published";
  publishBy: string;
  publishedAt: string | null;
}

/** A finding or a resident's feedback whose answer is overdue, with its apology letter. */
export interface OverdueAnswerWire {
  kind: "finding" | "feedback";
  id: number;
  unitId: number;
  unitName: string;
  /** What was asked, shortened. */
  text: string;
  /** Who must answer: the finding's addressee, or the board for feedback. */
  responsible: string;
  dueDate: string;
  daysLate: number;
  /** The apology letter (PDF) to print and sign. */
  apologyUrl: string;
}

/**
 * An event that must be published (law.md L3) and has no published publication yet: a settled
 * work, a filed inspection, a quarter's receipts and payments, a recognised decision. Listed once
 * its publish-by date has passed, or comes within `dueSoonDays`.
 */
export interface OwedPublicationWire {
  unitId: number;
  unitName: string;
  /** The statement owed (`decision`: a recognised decision's result). */
  kind: "work-settlement" | "inspection-minutes" | "receipts-payments" | "decision";
  /** What it is about: the work, the inspection, the quarter, the decision. */
  subject: string;
  /** The statement's parameters a draft takes. */
  params: { workId?: number; inspectionId?: number; decisionId?: number; from?: string; to?: string } | null;
  /** The id of what it reports: the work, inspection or decision (null for a quarter). */
  refId: number | null;
  eventDate: string;
  publishBy: string;
  /** Calendar days past publishBy; 0 while not yet late. */
  daysLate: number;
  /** Not late yet, but due within `dueSoonDays`. */
  dueSoon: boolean;
  /** A draft already made for it, waiting for a head's approval. */
  draftId: number | null;
}

/** A decision voted but not submitted to the commune by its day (law.md L8). */
export interface OverdueSubmissionWire {
  id: number;
  unitId: number;
  unitName: string;
  title: string;
  submitBy: string;
  daysLate: number;
}

export interface DeadlinesWire {
  unitId: number;
  asOf: string;
  latePublications: LatePublicationWire[];
  /** Events owed a publication; receipts and payments are owed for each calendar quarter since the unit's first entry. */
  owedPublications: OwedPublicationWire[];
  /** How many days ahead `dueSoon` looks. */
  dueSoonDays: number;
  overdueSubmissions: OverdueSubmissionWire[];
  overdueAnswers: OverdueAnswerWire[];
}

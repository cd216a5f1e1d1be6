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

export interface DeadlinesWire {
  unitId: number;
  asOf: string;
  latePublications: LatePublicationWire[];
  overdueAnswers: OverdueAnswerWire[];
}

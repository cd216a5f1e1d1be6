import type { StatementKind } from "../../reports/statements";

// A publication as the API answers it and the web client reads it. Types only, no imports from
// the server side beyond the statement kinds: the client's compiler reads this file without Node
// or knex, and dto.ts is checked to send exactly these shapes.

export type { StatementKind };

/** What a statement covers (the query of its endpoint). */
export interface StatementParams {
  campaignId?: number;
  workId?: number;
  entryId?: number;
  from?: string;
  to?: string;
  fund?: string;
  /** Inspection minutes: the filed or published inspection. */
  inspectionId?: number;
  /** A board's report: the board (of the unit, a commune), with the period. */
  boardId?: number;
  /** A decision's result: the recognised decision of the unit. */
  decisionId?: number;
}

/** A board's opinion on a draft (sign-off or objection). */
export interface Opinion {
  board: string;
  stance: "sign_off" | "objection";
  text: string;
  by: string;
  at: string;
}

export interface PostingWire {
  id: number;
  place: string;
  postedAt: string;
  by: string;
  photoAttachmentId: number | null;
  takenDownAt: string | null;
  /** The first day the paper may come down (posted date + the unit's minimum). */
  minimumUntil: string;
  /** Taken down before the legal minimum (law.md L3). */
  removedEarly: boolean;
}

/** A headline figure of a statement: an amount (decimal string of đồng) or a text (a count, "3 / 5"). */
export type FigureWire = { label: string; amount: string } | { label: string; text: string };

export interface PublicationWire {
  id: number;
  unitId: number;
  kind: StatementKind;
  params: StatementParams;
  places: string[];
  postedFrom: string;
  postedUntil: string;
  /** law.md L3: 10 working days after the event it reports (its period's end, or the day it was drawn up). */
  publishBy: string;
  /** Published after publishBy, or still a draft past it. */
  late: boolean;
  status: "draft" | "published";
  supersedes: number | null;
  supersededBy: number | null;
  drafted: { by: number | null; name: string | null; at: string };
  approved: { by: number | null; name: string | null; at: string } | null;
  publishedAt: string | null;
  code: string | null;
  dataHash: string | null;
  chainHead: string | null;
  period: { from: string | null; to: string | null };
  subject: string | null;
  announcement: string | null;
  /**
   * The headline figures: as published; on a draft read alone, as approving it now would publish
   * them (its approver reads them first); null in a list's drafts and in a copy published before
   * figures were kept.
   */
  figures: FigureWire[] | null;
  opinions: (Opinion & { id: number })[];
  postings: PostingWire[];
}

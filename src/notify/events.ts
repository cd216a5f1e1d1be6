// What happened, as the writing module tells it: one small call `notify.enqueue(trx, event)` in the
// write's own transaction. The event carries what its message says (names, amounts as strings), so
// the worker composes it without reading other modules' tables; recipients are found by the worker.

export type Topic = "receipts" | "works" | "publications" | "consultations" | "feedback";
export const TOPICS: Topic[] = ["receipts", "works", "publications", "consultations", "feedback"];

export type NotifyEvent =
  /** A receipt recorded: to its household. */
  | { kind: "receipt"; unitId: number; refId: number; householdId: number; amount: string; campaign: string; voucherNo: string; date: string }
  /** A work moved to another state: to the households that contributed to a campaign funding it. */
  | { kind: "work_moved"; unitId: number; refId: number; work: string; to: string; date: string }
  /** A work's progress recorded. */
  | { kind: "work_progress"; unitId: number; refId: number; work: string; percent: number; date: string }
  /** A payment posted on a work (refId: the work). */
  | { kind: "work_payment"; unitId: number; refId: number; work: string; amount: string; payee: string; voucherNo: string; date: string }
  /** A statement published: to the unit's subscribers. */
  | { kind: "publication"; unitId: number; refId: number; title: string; code: string }
  /** A consultation opened: to every subscribed household of the unit. */
  | { kind: "consultation"; unitId: number; refId: number; work: string; question: string; closesAt: string }
  /** A board answered a resident's feedback: to its sender's household, if it subscribed to feedback. */
  | { kind: "feedback_answer"; unitId: number; refId: number; householdId: number | null };

export type EventKind = NotifyEvent["kind"];

/** The topic a resident subscribes to for each kind of event. */
export const TOPIC_OF: Record<EventKind, Topic> = {
  receipt: "receipts",
  work_moved: "works",
  work_progress: "works",
  work_payment: "works",
  publication: "publications",
  consultation: "consultations",
  feedback_answer: "feedback",
};

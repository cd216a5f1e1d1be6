// A work's statuses, the only moves between them (DESIGN §6), its cost categories and funding
// sources: named once for the server, which decides, and the web client, which offers only these.

export const STATUSES = ["proposed", "consulting", "approved", "in_progress", "completed", "accepted", "settled", "cancelled"] as const;
export type WorkStatus = (typeof STATUSES)[number];

/** The only moves a work makes; anything else is 409 invalid_transition. */
export const MOVES: Record<WorkStatus, WorkStatus[]> = {
  proposed: ["consulting", "approved", "cancelled"],
  consulting: ["approved", "cancelled"],
  approved: ["in_progress", "cancelled"],
  in_progress: ["completed", "cancelled"],
  completed: ["accepted"],
  accepted: ["settled"],
  settled: [],
  cancelled: [],
};

/** DESIGN §3: 8 + the work's two-digit number + this one's place (work 1: 8011 materials … 8014 other). */
export const COST_CATEGORIES = ["materials", "labour", "machinery", "other"] as const;
export const SOURCES = ["state", "commune", "community", "sponsor", "in_kind"] as const;

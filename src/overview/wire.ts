// What the overview endpoint answers, as types only, for the web client. Amounts are decimal
// strings of whole đồng.

/** A campaign of a hamlet: money received (cash and bank) and pledged but not yet paid. */
export interface OverviewCampaignWire {
  id: number;
  name: string;
  status: string;
  received: string;
  unpaid: string;
}

/** A work of a hamlet: its estimate and what its posted vouchers paid. */
export interface OverviewWorkWire {
  id: number;
  name: string;
  status: string;
  progress: number;
  estimate: string;
  spent: string;
}

/** A publication past its publish-by date (still a draft, or published after it). */
export interface OverviewLateWire {
  id: number;
  kind: string;
  subject: string | null;
  status: "draft" | "published";
  publishBy: string;
}

/** One hamlet in its commune's overview. */
export interface HamletOverviewWire {
  id: number;
  code: string;
  name: string;
  campaigns: OverviewCampaignWire[];
  works: OverviewWorkWire[];
  received: string;
  spent: string;
  /** Findings not yet resolved (open or answered, awaiting the board). */
  openFindings: number;
  criticalFindings: number;
  overdueAnswers: number;
  latePublications: OverviewLateWire[];
}

/** One commune in its province's dashboard. */
export interface CommuneOverviewWire {
  id: number;
  code: string;
  name: string;
  hamlets: number;
  households: number;
  received: string;
  unpaid: string;
  spent: string;
  works: number;
  latePublications: number;
  openCriticalFindings: number;
  overdueAnswers: number;
}

export interface OverviewTotalsWire {
  received: string;
  unpaid: string;
  spent: string;
  latePublications: number;
  openCriticalFindings: number;
  overdueAnswers: number;
}

/** A commune (or a hamlet: itself alone) seen hamlet by hamlet. */
export interface CommuneViewWire {
  level: "commune";
  unit: { id: number; kind: string; name: string };
  asOf: string;
  hamlets: HamletOverviewWire[];
  totals: OverviewTotalsWire;
}

/** A province seen commune by commune. */
export interface ProvinceViewWire {
  level: "province";
  unit: { id: number; kind: string; name: string };
  asOf: string;
  communes: CommuneOverviewWire[];
  totals: OverviewTotalsWire;
}

export type OverviewWire = CommuneViewWire | ProvinceViewWire;

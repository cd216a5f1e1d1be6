// What the open-data endpoints answer, as types only. GET /public/units/:unitId/oc4ids.json is an
// OC4IDS 0.9 project package (the parts of the standard this export fills, plus its extension
// fields); open-data.zip is a Frictionless Data Package of CSV files (tables.ts describes them).

export interface Oc4idsValue {
  /** Whole đồng: exact (the export refuses an amount beyond Number.MAX_SAFE_INTEGER). */
  amount: number;
  currency: "VND";
}
export interface Oc4idsPeriod {
  startDate?: string;
  endDate?: string;
}
export interface Oc4idsRef {
  id: string;
  name: string;
}
export interface Oc4idsAddress {
  locality?: string;
  region?: string;
  countryName?: string;
}
export interface Oc4idsParty extends Oc4idsRef {
  roles: string[];
  address?: Oc4idsAddress;
}
export interface Oc4idsDocument {
  id: string;
  documentType: string;
  title: string;
  description?: string;
  url?: string;
  format?: string;
  language?: string;
  datePublished?: string;
}
export interface Oc4idsObservation {
  id: string;
  period?: Oc4idsPeriod;
  value?: Oc4idsValue;
  measure?: string | number;
  unit?: { name: string };
  description?: string;
}
export interface Oc4idsBudgetBreakdown {
  id: string;
  description: string;
  amount: Oc4idsValue;
  sourceParty?: Oc4idsRef;
}
/** The board's published oversight of a work (extension field `communityMonitoring`). */
export interface CommunityMonitoring {
  findings: { total: number; open: number; overdue: number };
  inspections: {
    id: string;
    date: string;
    board: { name: string; kind: string } | null;
    membersPresent: number;
    checklist: { item: string; result: string; note?: string | null }[];
    publishedAt: string | null;
    findings: {
      id: string; category: string; severity: string; description: string; recommendation: string; addressedTo: string;
      dueDate: string; status: string; escalatedTo: string | null; overdue: boolean;
      history: { from: string; to: string; text: string; at: string }[];
    }[];
    addenda: { text: string; at: string }[];
  }[];
}
export interface Oc4idsProject {
  id: string;
  updated: string;
  language: "vi";
  identifiers: { id: string; scheme: string }[];
  title: string;
  description?: string;
  status: "identification" | "preparation" | "implementation" | "completion" | "maintenance" | "decommissioning" | "decommissioned" | "cancelled";
  type: "construction" | "rehabilitation" | "replacement" | "expansion" | "decommissioning";
  sector: string[];
  publicAuthority: Oc4idsRef;
  parties: Oc4idsParty[];
  locations: { id: string; description: string; address: Oc4idsAddress }[];
  budget: { description: string; amount: Oc4idsValue; budgetBreakdowns?: { id: string; description: string; budgetBreakdown: Oc4idsBudgetBreakdown[] }[] };
  period: Oc4idsPeriod;
  implementationPeriod?: Oc4idsPeriod;
  completion?: { endDate?: string; finalValue: Oc4idsValue; finalValueDetails: string };
  metrics: { id: string; title: string; observations: Oc4idsObservation[] }[];
  documents: Oc4idsDocument[];
  transactions?: { id: string; source: string; date: string; value: Oc4idsValue; payer: Oc4idsRef; payee?: Oc4idsRef; description: string }[];
  social?: {
    consultationMeetings: {
      id: string; date: string; numberOfParticipants: number;
      title: string; endDate: string; status: string; tally: { agree: number; disagree: number; abstain: number }; outcome: string | null; url: string;
    }[];
  };
  communityMonitoring: CommunityMonitoring;
}
export interface Oc4idsPackage {
  uri: string;
  version: string;
  publishedDate: string;
  publisher: { name: string; uri: string };
  license: string;
  publicationPolicy: string;
  projects: Oc4idsProject[];
}

import { toWire } from "../shared/money";
import type { Household, Campaign, CampaignSummary, ListRow, contributionList, householdHistory } from "./service";
import type { CampaignSummaryWire, CampaignWire, HouseholdHistoryWire, HouseholdWire, StandingPageWire, StandingRowWire } from "./wire";

// Wire shapes by hand, each returning its type from wire.ts (which the web client imports). A
// household's phone is for staff only: publicHouseholdDto never has it.

export const householdDto = (h: Household): HouseholdWire => ({
  id: h.id,
  unitId: h.unitId,
  code: h.code,
  headName: h.headName,
  address: h.address,
  members: h.members,
  category: h.category,
  phone: h.phone,
  isActive: h.isActive,
  hasPin: h.hasPin,
  pinLocked: h.pinLocked,
  createdAt: h.createdAt,
});

export const campaignDto = (c: Campaign): CampaignWire => ({
  id: c.id,
  unitId: c.unitId,
  name: c.name,
  purpose: c.purpose,
  fundAccount: c.fundAccount,
  workId: c.workId,
  decision: c.decision,
  decisionId: c.decisionId,
  warnings: c.warnings,
  level: c.level ? { amount: toWire(c.level.amount), per: c.level.per } : null,
  exemptCategories: c.exemptCategories,
  inKindValues: Object.fromEntries(Object.entries(c.inKindValues).map(([k, v]) => [k, toWire(v!)])),
  startDate: c.startDate,
  endDate: c.endDate,
  target: c.target !== null ? toWire(c.target) : null,
  revenueAccount: c.revenueAccount,
  status: c.status,
  createdAt: c.createdAt,
});

export const summaryDto = (s: CampaignSummary): CampaignSummaryWire => ({
  target: s.target !== null ? toWire(s.target) : null,
  pledged: toWire(s.pledged),
  paid: toWire(s.paid),
  outstanding: toWire(s.outstanding),
  households: s.households,
  reduced: s.reduced,
  inKind: s.inKind,
});

export const listRowDto = (r: ListRow): StandingRowWire => ({
  householdId: r.householdId,
  code: r.code,
  name: r.name,
  category: r.category,
  suggested: r.suggested !== null ? toWire(r.suggested) : null,
  paid: toWire(r.paid),
  pledged: toWire(r.pledged),
  outstanding: toWire(r.outstanding),
  exempt: r.exempt,
  exemptReason: r.exemptReason,
  reductionReason: r.reductionReason,
  inKind: r.inKind,
  receipts: r.receipts,
  status: r.status,
});

/** A household's history across campaigns, for its staff. */
export const householdHistoryDto = (h: Awaited<ReturnType<typeof householdHistory>>): HouseholdHistoryWire => ({
  household: householdDto(h.household),
  moves: h.moves,
  campaigns: h.campaigns.map((c) => ({ ...c, paid: toWire(c.paid), outstanding: toWire(c.outstanding), reduction: c.reduction && { suggested: toWire(c.reduction.suggested), reason: c.reduction.reason } })),
});

/** A page of a campaign's contribution list, with the totals of the whole list. */
export const standingPageDto = (r: Awaited<ReturnType<typeof contributionList>>): StandingPageWire => ({
  total: r.total,
  page: r.page,
  limit: r.limit,
  data: r.data.map(listRowDto),
  totals: { suggested: toWire(r.totals.suggested), paid: toWire(r.totals.paid), pledged: toWire(r.totals.pledged), outstanding: toWire(r.totals.outstanding) },
});

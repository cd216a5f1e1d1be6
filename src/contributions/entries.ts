import * as ledger from "../ledger";
import { min, ZERO, type Dong } from "../shared/money";
import type { CampaignRow, HouseholdRow } from "./queries";

// A contribution's checks and its entry, each written once: the single receipt or pledge and every
// row of an import go through these, so both refuse the same households and post the same entries
// (same accounts, order, memos and descriptions: the same hashes). Pure: no database, no actor.

/** What refuses a contribution; the code is the problem code the single receipt answers with. */
export interface Refusal {
  code: "campaign_closed" | "before_campaign_start" | "household_inactive" | "household_exempt";
  params: Record<string, unknown>;
}

/** The household a contribution names, as found in the campaign's own hamlet (another hamlet's is not found). */
export type Contributor = Pick<HouseholdRow, "id" | "code" | "category" | "is_active">;

/**
 * Why a household may not contribute to a campaign, in the order the single receipt reports them
 * (it answers the first): the campaign is closed, the date is before its start or after its end,
 * the household is no longer active, or — for money — the household is exempt (by name or by its
 * category). `date` null: no date to check (an import's pledge is dated at the campaign's start);
 * `household` null: a household the import is about to create.
 */
export function contributionRefusals(
  campaign: CampaignRow,
  household: Contributor | null,
  o: { date: string | null; money: boolean; exemptedByName: boolean },
): Refusal[] {
  const out: Refusal[] = [];
  if (campaign.status !== "open") out.push({ code: "campaign_closed", params: { campaignId: campaign.id } });
  if (o.date !== null && o.date < campaign.start_date) out.push({ code: "before_campaign_start", params: { date: o.date, startDate: campaign.start_date } });
  if (o.date !== null && campaign.end_date && o.date > campaign.end_date) out.push({ code: "campaign_closed", params: { campaignId: campaign.id, endDate: campaign.end_date } });
  if (household && !household.is_active) out.push({ code: "household_inactive", params: { householdId: household.id } });
  if (household && o.money && (o.exemptedByName || exemptCategories(campaign).includes(household.category))) {
    out.push({ code: "household_exempt", params: { householdId: household.id, code: household.code } });
  }
  return out;
}

const exemptParsed = new WeakMap<CampaignRow, string[]>();

/** The household categories a campaign exempts as a whole (poor, near-poor, …); read once per campaign row (an import asks per row). */
export function exemptCategories(campaign: CampaignRow): string[] {
  let cats = exemptParsed.get(campaign);
  if (!cats) exemptParsed.set(campaign, (cats = JSON.parse(campaign.exempt_categories) as string[]));
  return cats;
}

/** The part of a receipt that settles the household's unpaid pledge: what is owed, at most the amount, never below 0. */
export function pledgeSettled(owed: Dong, amount: Dong): Dong {
  return min(owed > 0n ? owed : ZERO, amount);
}

type Payer = Pick<HouseholdRow, "id" | "code" | "head_name">;

/** A receipt's entry (phiếu thu, PT series): money in, the pledge settled by `settled`, the rest to the campaign's revenue. */
export function receiptEntry(
  campaign: CampaignRow,
  household: Payer,
  r: { date: string; amount: Dong; method: ledger.MoneyMethod; settled: Dong },
): ledger.EntryInput {
  return {
    date: r.date,
    kind: "contribution",
    description: `Thu đóng góp ${campaign.name} - hộ ${household.code} ${household.head_name}`.slice(0, 2000),
    householdId: household.id,
    campaignId: campaign.id,
    workId: campaign.work_id,
    postings: ledger.receiptPostings({ method: r.method, amount: r.amount, toPledge: r.settled, revenueAccountId: campaign.revenue_account_id }),
  };
}

/** A pledge's entry (đăng ký đóng góp): in the PK series, since no money was received to number a receipt for. */
export function pledgeEntry(campaign: CampaignRow, household: Payer, p: { date: string; amount: Dong }): ledger.EntryInput {
  return {
    date: p.date,
    kind: "contribution",
    series: "PK",
    description: `Đăng ký đóng góp ${campaign.name} - hộ ${household.code} ${household.head_name}`.slice(0, 2000),
    householdId: household.id,
    campaignId: campaign.id,
    workId: campaign.work_id,
    postings: ledger.pledgePostings({ amount: p.amount, revenueAccountId: campaign.revenue_account_id }),
  };
}

/** An in-kind gift's entry, at the campaign's unit value: in the PK series, no money having moved. */
export function inKindEntry(
  campaign: CampaignRow,
  household: Payer,
  g: { date: string; amount: Dong; inKindAccountId: number; quantity: string; unit: string },
): ledger.EntryInput {
  return {
    date: g.date,
    kind: "contribution",
    series: "PK",
    description: `Đóng góp hiện vật/ngày công ${campaign.name} - hộ ${household.code}: ${g.quantity} ${g.unit}`.slice(0, 2000),
    householdId: household.id,
    campaignId: campaign.id,
    workId: campaign.work_id,
    postings: ledger.inKindPostings({ amount: g.amount, inKindAccountId: g.inKindAccountId, revenueAccountId: campaign.revenue_account_id }),
  };
}

import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, audit } from "../identity";
import { ConflictError, RuleViolation } from "../shared/errors";
import { fromDb, type Dong } from "../shared/money";
import { campaignIn } from "./campaigns";
import { exemptCategories } from "./entries";
import { hamlet, householdIn, WRITERS } from "./households";
import * as q from "./queries";

// Reductions (giảm mức đóng góp, law.md L9): the community lowers the amount it suggests to a
// household in hardship, with its reason, beside exemptions. Contributions stay voluntary: a
// reduction changes what is suggested, never what anyone owes.

export interface ReductionInput {
  householdId: number;
  campaignId: number;
  suggestedAmount: Dong;
  reason: string;
}

export interface ReductionRow {
  id: number;
  unit_id: number;
  campaign_id: number;
  household_id: number;
  suggested_amount: number | string;
  reason: string;
  created_by: number | null;
  created_at: string;
}

/**
 * Records a lower suggested amount for a household in a campaign (treasurer or commune admin): 422
 * reduction_not_lower when it is not below the campaign's level for the household, 422
 * household_exempt for an exempt household, 409 duplicate for a second one.
 */
export async function recordReduction(trx: Knex.Transaction, actor: Actor, unitId: number, input: ReductionInput) {
  await hamlet(trx, actor, WRITERS, unitId);
  const campaign = await campaignIn(trx, unitId, input.campaignId);
  const h = await householdIn(trx, unitId, input.householdId);
  const exempt = exemptCategories(campaign).includes(h.category) || (await q.findExemption(trx, campaign.id, h.id));
  if (exempt) throw new RuleViolation("household_exempt", { code: h.code });
  if (campaign.level_amount !== null) {
    const level = fromDb(campaign.level_amount);
    const full = campaign.level_per === "person" && h.members ? level * BigInt(h.members) : level;
    if (input.suggestedAmount >= full) throw new RuleViolation("reduction_not_lower", { suggestedAmount: String(input.suggestedAmount), level: String(full) });
  }
  if (await trx("reductions").where({ campaign_id: campaign.id, household_id: h.id }).first()) throw new ConflictError("duplicate", { entity: "reduction", field: "householdId" });
  const [r] = await trx("reductions").insert({
    unit_id: unitId, campaign_id: campaign.id, household_id: h.id, suggested_amount: String(input.suggestedAmount), reason: input.reason, created_by: actor.userId, created_at: actor.at,
  }).returning("id");
  const id = typeof r === "object" ? r.id : r;
  await audit.record(trx, actor, { action: "reduction.recorded", entity: "reduction", entityId: id, unitId, details: { ...input, suggestedAmount: String(input.suggestedAmount) } });
  return { id, householdId: h.id, campaignId: campaign.id, suggestedAmount: input.suggestedAmount, reason: input.reason };
}

/** The reductions of a campaign, by household. */
export async function reductionsOf(db: Db, campaignId: number): Promise<Map<number, { suggested: Dong; reason: string }>> {
  const rows: ReductionRow[] = await db("reductions").where({ campaign_id: campaignId });
  return new Map(rows.map((r) => [r.household_id, { suggested: fromDb(r.suggested_amount), reason: r.reason }]));
}

/** A household's reductions, by campaign. */
export async function reductionsOfHousehold(db: Db, householdId: number): Promise<Map<number, { suggested: Dong; reason: string }>> {
  const rows: ReductionRow[] = await db("reductions").where({ household_id: householdId });
  return new Map(rows.map((r) => [r.campaign_id, { suggested: fromDb(r.suggested_amount), reason: r.reason }]));
}

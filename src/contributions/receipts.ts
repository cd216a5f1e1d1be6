import type { Knex } from "knex";
import Decimal from "decimal.js";
import type { Db } from "../db/knex";
import { Actor, asSystem, audit } from "../identity";
import * as notify from "../notify/tell";
import * as ledger from "../ledger";
import { ConflictError, NotFoundError, RuleViolation } from "../shared/errors";
import { dong, sum, toDb, Dong } from "../shared/money";
import { campaignIn, type InKindKind } from "./campaigns";
import { contributionRefusals, inKindEntry, pledgeEntry, pledgeSettled, receiptEntry } from "./entries";
import { hamlet, householdIn, WRITERS } from "./households";
import * as q from "./queries";

// Contributions of one household at a time: receipts (phiếu thu), pledges, exemptions, in-kind
// gifts, and their correction by reversal. An import records many through ./import.

// A receipt keeps its entry's head: an anchor the ledger's verify holds the books to.
ledger.registerAnchors("receipt", q.receiptHeads);

/** The codes of a campaign's in-kind value account (an expense of the chart, 89x, then 89xx). */
const IN_KIND_CODES = [{ from: 891, to: 899 }, { from: 8901, to: 8999 }] as const;

/** Whether an account code is one of those ranges: works' budget counts the gifts valued there as received. */
export const isInKindAccount = (code: string) => /^[0-9]+$/.test(code) && IN_KIND_CODES.some((r) => Number(code) >= r.from && Number(code) <= r.to);

/**
 * The campaign and household of a contribution, checked: both in this hamlet (404), then every
 * refusal of `contributionRefusals` (the import checks its rows with the same function).
 */
async function contributionContext(trx: Db, unitId: number, campaignId: number, householdId: number, date: string, money: boolean) {
  const campaign = await campaignIn(trx, unitId, campaignId);
  // The household and whether it is exempted by name, in one query (a receipt is a dozen round trips).
  const found = await q.findHouseholdForCampaign(trx, unitId, householdId, campaignId);
  if (!found) throw new NotFoundError("household", { id: householdId });
  const { exempted_by_name: exemptedByName, ...household } = found;
  const [refusal] = contributionRefusals(campaign, household, { date, money, exemptedByName: Number(exemptedByName) > 0 });
  if (refusal) throw new RuleViolation(refusal.code, refusal.params);
  return { campaign, household };
}

export interface ReceiptInput {
  householdId: number;
  campaignId: number;
  amount: Dong;
  date: string;
  method: "cash" | "bank";
  payer?: string;
  note?: string;
}

export interface Receipt {
  id: number;
  entry: ledger.Entry;
  voucherNo: string;
}

/** Unpaid pledges of a household for a campaign: the 131 balance of its entries (never shown as a debt). */
async function outstandingPledge(db: Db, unitId: number, campaignId: number, householdId: number): Promise<Dong> {
  const sums = await ledger.campaignSums(db, unitId, campaignId, householdId);
  return sum(sums.filter((s) => s.account === ledger.CHART.pledges).map((s) => s.total));
}

/**
 * Records a paid contribution (phiếu thu): Dr 111 (cash) or 112 (bank); Cr 131 for what settles the
 * household's pledge, Cr the campaign's revenue for the rest. Treasurer or admin.
 */
export async function recordReceipt(trx: Knex.Transaction, actor: Actor, unitId: number, input: ReceiptInput): Promise<Receipt> {
  await hamlet(trx, actor, WRITERS, unitId);
  const { campaign, household } = await contributionContext(trx, unitId, input.campaignId, input.householdId, input.date, true);
  const settled = pledgeSettled(await outstandingPledge(trx, unitId, campaign.id, household.id), input.amount);
  const [entry] = await ledger.postEntries(trx, actor, unitId, [
    receiptEntry(campaign, household, { date: input.date, amount: input.amount, method: input.method, settled }),
  ], { audit: false, because: asSystem("a household's receipt") });
  const id = await q.insertContribution(trx, {
    unit_id: unitId,
    campaign_id: campaign.id,
    household_id: household.id,
    kind: "receipt",
    amount: toDb(input.amount),
    method: input.method,
    payer: input.payer ?? null,
    note: input.note ?? null,
    entry_date: input.date,
    due_date: null,
    entry_id: entry.id,
    in_kind_kind: null,
    quantity: null,
    quantity_unit: null,
    import_id: null,
    created_by: actor.userId,
    created_at: actor.at,
    chain_head: `${entry.seq}:${entry.hash}`,
  });
  await audit.record(trx, actor, { action: "contribution.recorded", entity: "contribution", entityId: id, unitId, details: { entryId: entry.id, voucherNo: entry.voucherNo } });
  await notify.enqueue(trx, actor.at, { kind: "receipt", unitId, refId: id, householdId: household.id, amount: String(input.amount), campaign: campaign.name, voucherNo: entry.voucherNo, date: input.date });
  return { id, entry, voucherNo: entry.voucherNo };
}

export interface PledgeInput {
  householdId: number;
  campaignId: number;
  amount: Dong;
  date: string;
  dueDate?: string;
}

/** Records a pledge (đăng ký đóng góp): Dr 131 / Cr revenue in the PK series; voluntary, never a debt. */
export async function recordPledge(trx: Knex.Transaction, actor: Actor, unitId: number, input: PledgeInput): Promise<Receipt> {
  await hamlet(trx, actor, WRITERS, unitId);
  const { campaign, household } = await contributionContext(trx, unitId, input.campaignId, input.householdId, input.date, true);
  const [entry] = await ledger.postEntries(trx, actor, unitId, [pledgeEntry(campaign, household, { date: input.date, amount: input.amount })], { audit: false, because: asSystem("a household's pledge") });
  const id = await q.insertContribution(trx, {
    unit_id: unitId, campaign_id: campaign.id, household_id: household.id, kind: "pledge", amount: toDb(input.amount), method: null, payer: null, note: null,
    entry_date: input.date, due_date: input.dueDate ?? null, entry_id: entry.id, in_kind_kind: null, quantity: null, quantity_unit: null, import_id: null,
    created_by: actor.userId, created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "pledge.recorded", entity: "contribution", entityId: id, unitId, details: { entryId: entry.id } });
  return { id, entry, voucherNo: entry.voucherNo };
}

/** Exempts a household from a campaign (per household and campaign). */
export async function recordExemption(trx: Knex.Transaction, actor: Actor, unitId: number, input: { householdId: number; campaignId: number; reason: string }) {
  await hamlet(trx, actor, WRITERS, unitId);
  await campaignIn(trx, unitId, input.campaignId);
  await householdIn(trx, unitId, input.householdId);
  if (await q.findExemption(trx, input.campaignId, input.householdId)) throw new ConflictError("duplicate", { entity: "exemption", field: "householdId" });
  const id = await q.insertExemption(trx, { unit_id: unitId, campaign_id: input.campaignId, household_id: input.householdId, reason: input.reason, created_by: actor.userId, created_at: actor.at });
  await audit.record(trx, actor, { action: "exemption.recorded", entity: "exemption", entityId: id, unitId, details: input });
  return { id, ...input };
}

export interface InKindInput {
  householdId: number;
  campaignId: number;
  kind: InKindKind;
  quantity: string;
  unit: string;
  description: string;
  date: string;
}

/** Records labour days, land or materials given; valued in the ledger only when the campaign set a unit value. */
export async function recordInKind(trx: Knex.Transaction, actor: Actor, unitId: number, input: InKindInput) {
  await hamlet(trx, actor, WRITERS, unitId);
  const { campaign, household } = await contributionContext(trx, unitId, input.campaignId, input.householdId, input.date, false);
  const unitValue = (JSON.parse(campaign.in_kind_values) as Record<string, string>)[input.kind];
  let entry: ledger.Entry | undefined;
  let value: Dong | null = null;
  if (unitValue) {
    // The one fraction money meets: a quantity of 2,5 days × 150.001 đ = 375.002,5 → 375.003 đ,
    // rounded half up to the đồng.
    value = dong(BigInt(new Decimal(input.quantity).times(unitValue).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0)));
    const accountId = await inKindAccount(trx, actor, campaign);
    [entry] = await ledger.postEntries(trx, actor, unitId, [
      inKindEntry(campaign, household, { date: input.date, amount: value, inKindAccountId: accountId, quantity: input.quantity, unit: input.unit }),
    ], { audit: false, because: asSystem("a household's gift in kind") });
  }
  const id = await q.insertContribution(trx, {
    unit_id: unitId, campaign_id: campaign.id, household_id: household.id, kind: "in_kind", amount: value !== null ? toDb(value) : null, method: null, payer: null,
    note: input.description, entry_date: input.date, due_date: null, entry_id: entry?.id ?? null, in_kind_kind: input.kind, quantity: input.quantity,
    quantity_unit: input.unit, import_id: null, created_by: actor.userId, created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "in_kind.recorded", entity: "contribution", entityId: id, unitId, details: { kind: input.kind, quantity: input.quantity, entryId: entry?.id } });
  return { id, value, entry };
}

/** The campaign's account for the value of in-kind gifts, opened the first time one is valued. */
async function inKindAccount(trx: Knex.Transaction, actor: Actor, campaign: q.CampaignRow): Promise<number> {
  if (campaign.in_kind_account_id) return campaign.in_kind_account_id;
  const [first, then] = IN_KIND_CODES;
  const code = (await ledger.nextFreeCode(trx, campaign.unit_id, first.from, first.to)) ?? (await ledger.nextFreeCode(trx, campaign.unit_id, then.from, then.to));
  if (!code) throw new RuleViolation("no_free_account_code", { range: `${first.from}-${first.to}` });
  const acc = await ledger.openAccount(trx, actor, campaign.unit_id, { code, name: `Giá trị ngày công, hiện vật đóng góp: ${campaign.name}`.slice(0, 200), type: "expense" }, asSystem("a campaign's in-kind value account"));
  await q.updateCampaign(trx, campaign.id, { in_kind_account_id: acc.id });
  campaign.in_kind_account_id = acc.id;
  return acc.id;
}

/** Corrects a receipt or pledge: its entry is reversed with the reason (never edited); record the right one anew. */
export async function reverseContribution(trx: Knex.Transaction, actor: Actor, unitId: number, contributionId: number, input: { date: string; reason: string }) {
  await hamlet(trx, actor, WRITERS, unitId);
  const c = await q.findContribution(trx, unitId, contributionId);
  if (!c) throw new NotFoundError("contribution", { id: contributionId });
  if (!c.entry_id) throw new RuleViolation("nothing_to_reverse", { contributionId });
  const entry = await ledger.reverseEntry(trx, actor, unitId, Number(c.entry_id), input, { audit: false, because: asSystem("a contribution corrected") });
  await audit.record(trx, actor, { action: "contribution.reversed", entity: "contribution", entityId: contributionId, unitId, details: { reversalId: entry.id, reason: input.reason } });
  return entry;
}

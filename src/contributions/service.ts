import crypto from "node:crypto";
import type { Knex } from "knex";
import Decimal from "decimal.js";
import { together, type Db } from "../db/knex";
import { Actor, authorize, audit, hashPassword, resolveRefs, STAFF, Unit } from "../identity";
import * as ledger from "../ledger";
import { ConflictError, NotFoundError, RuleViolation } from "../shared/errors";
import { fromDb, toDb, toWire, Dong } from "../shared/money";
import { foldVi, tidyName } from "../shared/text";
import { clearPinSuspension } from "./pins";
import { householdCode } from "./household-code";
import * as q from "./queries";

// A receipt keeps its entry's head: an anchor the ledger's verify holds the books to.
ledger.registerAnchors("receipt", q.receiptHeads);

export type Category = "normal" | "poor" | "near_poor" | "policy" | "other";
export type InKindKind = "labour" | "land" | "materials";
const WRITERS = ["treasurer", "admin"] as const;

// ---------------------------------------------------------------- households

export interface Household {
  id: number;
  unitId: number;
  code: string;
  headName: string;
  address: string | null;
  members: number | null;
  category: Category;
  phone: string | null;
  isActive: boolean;
  hasPin: boolean;
  /** The PIN was suspended after too many wrong attempts; a new PIN lifts it. */
  pinLocked: boolean;
  createdAt: string;
}

const toHousehold = (r: q.HouseholdRow): Household => ({
  id: r.id,
  unitId: r.unit_id,
  code: r.code,
  headName: r.head_name,
  address: r.address,
  members: r.members,
  category: r.category as Category,
  phone: r.phone,
  isActive: Boolean(r.is_active),
  hasPin: Boolean(r.pin_hash),
  pinLocked: Boolean(r.pin_locked_at),
  createdAt: r.created_at,
});

async function hamlet(db: Db, actor: Actor, roles: readonly string[], unitId: number): Promise<Unit> {
  const unit = await authorize(db, actor, roles as any, unitId);
  if (unit.kind !== "hamlet") throw new RuleViolation("households_in_hamlets", { kind: unit.kind });
  return unit;
}

export interface HouseholdInput {
  code: string;
  headName: string;
  address?: string;
  members?: number;
  category?: Category;
  phone?: string;
}

/** Registers a household in a hamlet (code unique in the hamlet); treasurer or admin. */
export async function registerHousehold(trx: Knex.Transaction, actor: Actor, unitId: number, input: HouseholdInput): Promise<Household> {
  await hamlet(trx, actor, WRITERS, unitId);
  const code = householdCode(input.code);
  if (await q.findHouseholdByCode(trx, unitId, code)) throw new ConflictError("duplicate", { entity: "household", field: "code" });
  const headName = tidyName(input.headName);
  const id = await q.insertHousehold(trx, {
    unit_id: unitId,
    code,
    head_name: headName,
    search_text: foldVi(`${code} ${headName}`),
    address: input.address ?? null,
    members: input.members ?? null,
    category: input.category ?? "normal",
    phone: input.phone ?? null,
    created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "household.registered", entity: "household", entityId: id, unitId, details: { code } });
  return toHousehold((await q.findHousehold(trx, unitId, id))!);
}

/** Households of a hamlet by code, searched by code or name without diacritics ("huong" finds "Hường"). */
export async function listHouseholds(db: Db, actor: Actor, unitId: number, f: { q?: string; cursor?: string; limit: number; includeInactive?: boolean }) {
  await hamlet(db, actor, STAFF, unitId);
  const rows = await q.listHouseholds(db, unitId, { q: f.q ? foldVi(f.q) : undefined, afterCode: f.cursor, limit: f.limit + 1, includeInactive: f.includeInactive });
  const page = rows.slice(0, f.limit);
  return { data: page.map(toHousehold), nextCursor: rows.length > f.limit ? page[page.length - 1].code : null };
}

async function householdIn(db: Db, unitId: number, id: number): Promise<q.HouseholdRow> {
  const h = await q.findHousehold(db, unitId, id);
  if (!h) throw new NotFoundError("household", { id });
  return h;
}

export async function getHousehold(db: Db, actor: Actor, unitId: number, id: number): Promise<Household> {
  await hamlet(db, actor, STAFF, unitId);
  return toHousehold(await householdIn(db, unitId, id));
}

export interface HouseholdPatch {
  code?: string;
  headName?: string;
  address?: string | null;
  members?: number | null;
  category?: Category;
  phone?: string | null;
  isActive?: boolean;
}

/** Corrects a household's details; its history (entries, contributions) is untouched. */
export async function updateHousehold(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, patch: HouseholdPatch): Promise<Household> {
  await hamlet(trx, actor, WRITERS, unitId);
  const h = await householdIn(trx, unitId, id);
  const row: Partial<q.HouseholdRow> = {};
  if (patch.code !== undefined && householdCode(patch.code) !== h.code) {
    if (await q.findHouseholdByCode(trx, unitId, householdCode(patch.code))) throw new ConflictError("duplicate", { entity: "household", field: "code" });
    row.code = householdCode(patch.code);
  }
  if (patch.headName !== undefined) row.head_name = tidyName(patch.headName);
  if (patch.address !== undefined) row.address = patch.address;
  if (patch.members !== undefined) row.members = patch.members;
  if (patch.category !== undefined) row.category = patch.category;
  if (patch.phone !== undefined) row.phone = patch.phone;
  if (patch.isActive !== undefined) row.is_active = patch.isActive;
  row.search_text = foldVi(`${row.code ?? h.code} ${row.head_name ?? h.head_name}`);
  await q.updateHousehold(trx, id, row);
  // The phone is private: the audit trail says it changed, not what it is.
  const { phone: _phone, ...shown } = patch;
  await audit.record(trx, actor, { action: "household.updated", entity: "household", entityId: id, unitId, details: { ...shown, phoneChanged: patch.phone !== undefined } });
  return toHousehold((await q.findHousehold(trx, unitId, id))!);
}

/** Moves a household to another hamlet of the same commune; its history stays where it was recorded. */
export async function moveHousehold(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, input: { toUnitId: number; code?: string }): Promise<Household> {
  const from = await hamlet(trx, actor, WRITERS, unitId);
  const to = await hamlet(trx, actor, WRITERS, input.toUnitId);
  if (from.parentId !== to.parentId) throw new RuleViolation("move_outside_commune");
  const h = await householdIn(trx, unitId, id);
  const code = householdCode(input.code ?? h.code);
  if (await q.findHouseholdByCode(trx, to.id, code)) throw new ConflictError("duplicate", { entity: "household", field: "code" });
  await q.updateHousehold(trx, id, { unit_id: to.id, code, search_text: foldVi(`${code} ${h.head_name}`) });
  await q.insertMove(trx, { household_id: id, unit_id: from.id, to_unit_id: to.id, from_code: h.code, to_code: code, moved_at: actor.at, created_by: actor.userId });
  await audit.record(trx, actor, { action: "household.moved", entity: "household", entityId: id, unitId: from.id, details: { to: to.id, code } });
  return toHousehold((await q.findHousehold(trx, to.id, id))!);
}

/** Issues (or resets) a household's 6-digit PIN: shown once, stored as a scrypt hash. */
export async function issuePin(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, scryptCost: number): Promise<{ pin: string }> {
  await hamlet(trx, actor, WRITERS, unitId);
  const h = await householdIn(trx, unitId, id);
  const pin = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  await q.updateHousehold(trx, id, { pin_hash: await hashPassword(pin, scryptCost), pin_set_at: actor.at, pin_locked_at: null });
  await clearPinSuspension(trx, h.unit_id, h.code);
  await audit.record(trx, actor, { action: "household.pin_issued", entity: "household", entityId: id, unitId, ...(h.pin_locked_at ? { details: { suspensionLifted: true } } : {}) });
  return { pin };
}

// ---------------------------------------------------------------- campaigns

export interface Decision {
  date: string;
  minutesRef: string;
  householdsTotal: number;
  householdsPresent: number;
  householdsAgreeing: number;
}

export interface CampaignInput {
  name: string;
  purpose: string;
  fundAccount?: string;
  workId?: number;
  decision: Decision;
  level?: { amount: string; per: "household" | "person" };
  exemptCategories?: Category[];
  inKindValues?: Partial<Record<InKindKind, string>>;
  startDate: string;
  endDate?: string;
  target?: string;
}

export interface Campaign {
  id: number;
  unitId: number;
  name: string;
  purpose: string;
  fundAccount: string | null;
  workId: number | null;
  decision: Decision;
  level: { amount: Dong; per: "household" | "person" } | null;
  exemptCategories: Category[];
  inKindValues: Partial<Record<InKindKind, Dong>>;
  startDate: string;
  endDate: string | null;
  target: Dong | null;
  revenueAccount: string;
  status: "open" | "closed";
  createdAt: string;
}

async function toCampaign(db: Db, r: q.CampaignRow): Promise<Campaign> {
  const accounts = await ledger.findAccountById(db, r.revenue_account_id);
  const kinds = JSON.parse(r.in_kind_values) as Record<string, string>;
  return {
    id: r.id,
    unitId: r.unit_id,
    name: r.name,
    purpose: r.purpose,
    fundAccount: r.fund_account,
    workId: r.work_id,
    decision: {
      date: r.decision_date,
      minutesRef: r.minutes_ref,
      householdsTotal: r.households_total,
      householdsPresent: r.households_present,
      householdsAgreeing: r.households_agreeing,
    },
    level: r.level_amount === null ? null : { amount: fromDb(r.level_amount), per: r.level_per as "household" | "person" },
    exemptCategories: JSON.parse(r.exempt_categories),
    inKindValues: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, new Decimal(v)])),
    startDate: r.start_date,
    endDate: r.end_date,
    target: r.target === null ? null : fromDb(r.target),
    revenueAccount: accounts?.code ?? "",
    status: r.status as "open" | "closed",
    createdAt: r.created_at,
  };
}

/**
 * law.md L7: a hamlet decides a contribution only with at least two thirds of ALL its households
 * agreeing (not two thirds of those present). Exact integer arithmetic: 3 × agreeing ≥ 2 × total.
 */
export function checkDecision(d: Decision): void {
  if (d.householdsPresent > d.householdsTotal || d.householdsAgreeing > d.householdsPresent) {
    throw new RuleViolation("decision_inconsistent", { ...d });
  }
  if (d.householdsAgreeing * 3 < d.householdsTotal * 2) {
    const needed = Math.ceil((d.householdsTotal * 2) / 3);
    throw new RuleViolation("decision_below_threshold", { agreeing: d.householdsAgreeing, total: d.householdsTotal, needed, rule: "Luật Thực hiện dân chủ ở cơ sở 2022 (10/2022/QH15), Điều 15, 21" });
  }
}

/** Opens a campaign on a hamlet meeting's decision, with its own revenue account (7xx). */
export async function openCampaign(trx: Knex.Transaction, actor: Actor, unitId: number, input: CampaignInput): Promise<Campaign> {
  await authorize(trx, actor, [...WRITERS], unitId);
  await resolveRefs(trx, unitId, [{ entity: "work", id: input.workId, path: "/workId" }]);
  checkDecision(input.decision);
  if (input.endDate && input.endDate < input.startDate) throw new RuleViolation("end_before_start", { startDate: input.startDate, endDate: input.endDate });
  if (input.fundAccount) {
    const fund = await ledger.findAccount(trx, unitId, input.fundAccount);
    if (!fund || fund.type !== "net_assets") throw new NotFoundError("account", { code: input.fundAccount });
  }
  const code = await ledger.nextFreeCode(trx, unitId, 711, 799);
  if (!code) throw new RuleViolation("no_free_account_code", { range: "711-799" });
  const account = await ledger.openAccountUnchecked(trx, actor, unitId, { code, name: `Thu đóng góp: ${input.name}`.slice(0, 200), type: "revenue" });
  const id = await q.insertCampaign(trx, {
    unit_id: unitId,
    name: input.name,
    purpose: input.purpose,
    fund_account: input.fundAccount ?? null,
    work_id: input.workId ?? null,
    decision_date: input.decision.date,
    minutes_ref: input.decision.minutesRef,
    households_total: input.decision.householdsTotal,
    households_present: input.decision.householdsPresent,
    households_agreeing: input.decision.householdsAgreeing,
    level_amount: input.level ? input.level.amount : null,
    level_per: input.level?.per ?? null,
    exempt_categories: JSON.stringify(input.exemptCategories ?? []),
    in_kind_values: JSON.stringify(input.inKindValues ?? {}),
    start_date: input.startDate,
    end_date: input.endDate ?? null,
    target: input.target ?? null,
    revenue_account_id: account.id,
    in_kind_account_id: null,
    status: "open",
    created_by: actor.userId,
    created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "campaign.opened", entity: "campaign", entityId: id, unitId, details: { name: input.name, revenueAccount: code } });
  return toCampaign(trx, (await q.findCampaign(trx, unitId, id))!);
}

async function campaignIn(db: Db, unitId: number, id: number): Promise<q.CampaignRow> {
  const c = await q.findCampaign(db, unitId, id);
  if (!c) throw new NotFoundError("campaign", { id });
  return c;
}

export async function listCampaigns(db: Db, actor: Actor, unitId: number): Promise<Campaign[]> {
  await authorize(db, actor, STAFF, unitId);
  return together(db, ...(await q.listCampaigns(db, unitId)).map((r) => () => toCampaign(db, r)));
}

export async function getCampaign(db: Db, actor: Actor, unitId: number, id: number): Promise<Campaign> {
  await authorize(db, actor, STAFF, unitId);
  return toCampaign(db, await campaignIn(db, unitId, id));
}

/** Changes what a campaign may change (name, purpose, dates, target, status); the decision stays as decided. */
export async function updateCampaign(
  trx: Knex.Transaction,
  actor: Actor,
  unitId: number,
  id: number,
  patch: { name?: string; purpose?: string; endDate?: string | null; target?: string | null; status?: "open" | "closed" },
): Promise<Campaign> {
  await authorize(trx, actor, [...WRITERS], unitId);
  const c = await campaignIn(trx, unitId, id);
  const row: Partial<q.CampaignRow> = {};
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.purpose !== undefined) row.purpose = patch.purpose;
  if (patch.endDate !== undefined) {
    if (patch.endDate !== null && patch.endDate < c.start_date) throw new RuleViolation("end_before_start", { startDate: c.start_date, endDate: patch.endDate });
    row.end_date = patch.endDate;
  }
  if (patch.target !== undefined) row.target = patch.target;
  if (patch.status !== undefined) row.status = patch.status;
  await q.updateCampaign(trx, id, row);
  const action = patch.status === "closed" && c.status !== "closed" ? "campaign.closed" : patch.status === "open" && c.status !== "open" ? "campaign.reopened" : "campaign.updated";
  await audit.record(trx, actor, { action, entity: "campaign", entityId: id, unitId, details: patch });
  return toCampaign(trx, (await q.findCampaign(trx, unitId, id))!);
}

// ---------------------------------------------------------------- contributions

function isExempt(c: q.CampaignRow, h: q.HouseholdRow, explicit: boolean): boolean {
  return explicit || (JSON.parse(c.exempt_categories) as string[]).includes(h.category);
}

/** The campaign and household of a contribution, checked: same hamlet (404), open, started, not exempt. */
async function contributionContext(trx: Db, unitId: number, campaignId: number, householdId: number, date: string, money: boolean) {
  const campaign = await campaignIn(trx, unitId, campaignId);
  // The household and whether it is exempted by name, in one query (a receipt is a dozen round trips).
  const found = await q.findHouseholdForCampaign(trx, unitId, householdId, campaignId);
  if (!found) throw new NotFoundError("household", { id: householdId });
  const { exempted_by_name: exemptedByName, ...household } = found;
  if (campaign.status !== "open") throw new RuleViolation("campaign_closed", { campaignId });
  if (date < campaign.start_date) throw new RuleViolation("before_campaign_start", { date, startDate: campaign.start_date });
  if (campaign.end_date && date > campaign.end_date) throw new RuleViolation("campaign_closed", { campaignId, endDate: campaign.end_date });
  if (!household.is_active) throw new RuleViolation("household_inactive", { householdId });
  if (money && isExempt(campaign, household, Number(exemptedByName) > 0)) {
    throw new RuleViolation("household_exempt", { householdId, code: household.code });
  }
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
  return sums.filter((s) => s.account === "131").reduce((a, s) => a.plus(s.total), new Decimal(0));
}

/**
 * Records a paid contribution (phiếu thu): Dr 111 (cash) or 112 (bank); Cr 131 for what settles the
 * household's pledge, Cr the campaign's revenue for the rest. Treasurer or admin.
 */
export async function recordReceipt(trx: Knex.Transaction, actor: Actor, unitId: number, input: ReceiptInput): Promise<Receipt> {
  await hamlet(trx, actor, WRITERS, unitId);
  return recordReceiptUnchecked(trx, actor, unitId, input);
}

async function recordReceiptUnchecked(trx: Knex.Transaction, actor: Actor, unitId: number, input: ReceiptInput, importId?: number): Promise<Receipt> {
  const { campaign, household } = await contributionContext(trx, unitId, input.campaignId, input.householdId, input.date, true);
  const owed = await outstandingPledge(trx, unitId, campaign.id, household.id);
  const toPledge = Decimal.min(owed.gt(0) ? owed : 0, input.amount);
  const toRevenue = input.amount.minus(toPledge);
  const postings: ledger.PostingInput[] = [{ account: input.method === "bank" ? "112" : "111", amount: input.amount }];
  if (toPledge.gt(0)) postings.push({ account: "131", amount: toPledge.negated(), memo: "Thu theo đăng ký" });
  if (toRevenue.gt(0)) postings.push({ accountId: campaign.revenue_account_id, amount: toRevenue.negated() });
  const [entry] = await ledger.postEntries(trx, actor, unitId, [
    {
      date: input.date,
      kind: "contribution",
      description: `Thu đóng góp ${campaign.name} - hộ ${household.code} ${household.head_name}`.slice(0, 2000),
      householdId: household.id,
      campaignId: campaign.id,
      workId: campaign.work_id,
      postings,
    },
  ], { audit: false });
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
    import_id: importId ?? null,
    created_by: actor.userId,
    created_at: actor.at,
    chain_head: `${entry.seq}:${entry.hash}`,
  });
  await audit.record(trx, actor, { action: "contribution.recorded", entity: "contribution", entityId: id, unitId, details: { entryId: entry.id, voucherNo: entry.voucherNo } });
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
  const [entry] = await ledger.postEntries(trx, actor, unitId, [
    {
      date: input.date,
      kind: "contribution",
      series: "PK", // no receipt number for money not yet received
      description: `Đăng ký đóng góp ${campaign.name} - hộ ${household.code} ${household.head_name}`.slice(0, 2000),
      householdId: household.id,
      campaignId: campaign.id,
      workId: campaign.work_id,
      postings: [
        { account: "131", amount: input.amount },
        { accountId: campaign.revenue_account_id, amount: input.amount.negated() },
      ],
    },
  ], { audit: false });
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
    // Rounded half up to the đồng: 2,5 days × 150.001 đ = 375.002,5 → 375.003 đ.
    value = new Decimal(input.quantity).times(unitValue).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    const accountId = await inKindAccount(trx, actor, campaign);
    [entry] = await ledger.postEntries(trx, actor, unitId, [
      {
        date: input.date,
        kind: "contribution",
        series: "PK",
        description: `Đóng góp hiện vật/ngày công ${campaign.name} - hộ ${household.code}: ${input.quantity} ${input.unit}`.slice(0, 2000),
        householdId: household.id,
        campaignId: campaign.id,
        workId: campaign.work_id,
        postings: [
          { accountId, amount: value },
          { accountId: campaign.revenue_account_id, amount: value.negated() },
        ],
      },
    ], { audit: false });
  }
  const id = await q.insertContribution(trx, {
    unit_id: unitId, campaign_id: campaign.id, household_id: household.id, kind: "in_kind", amount: value ? toDb(value) : null, method: null, payer: null,
    note: input.description, entry_date: input.date, due_date: null, entry_id: entry?.id ?? null, in_kind_kind: input.kind, quantity: input.quantity,
    quantity_unit: input.unit, import_id: null, created_by: actor.userId, created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "in_kind.recorded", entity: "contribution", entityId: id, unitId, details: { kind: input.kind, quantity: input.quantity, entryId: entry?.id } });
  return { id, value, entry };
}

/** The campaign's account for the value of in-kind gifts, opened the first time one is valued. */
async function inKindAccount(trx: Knex.Transaction, actor: Actor, campaign: q.CampaignRow): Promise<number> {
  if (campaign.in_kind_account_id) return campaign.in_kind_account_id;
  const code = await ledger.nextFreeCode(trx, campaign.unit_id, 891, 899) ?? (await ledger.nextFreeCode(trx, campaign.unit_id, 8901, 8999));
  if (!code) throw new RuleViolation("no_free_account_code", { range: "891-899" });
  const acc = await ledger.openAccountUnchecked(trx, actor, campaign.unit_id, { code, name: `Giá trị ngày công, hiện vật đóng góp: ${campaign.name}`.slice(0, 200), type: "expense" });
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
  const entry = await ledger.reverseEntryUnchecked(trx, actor, unitId, Number(c.entry_id), input, { audit: false });
  await audit.record(trx, actor, { action: "contribution.reversed", entity: "contribution", entityId: contributionId, unitId, details: { reversalId: entry.id, reason: input.reason } });
  return entry;
}

// ---------------------------------------------------------------- views

type Bucket = "exempt" | "paid" | "pledged" | "notYet";

// Amounts in whole đồng as bigint: a campaign's views sum them over thousands of households, and
// a Decimal per figure per household was a fifth of a 5,000-household list's time.
interface HouseholdStanding {
  household: q.HouseholdRow;
  paid: bigint;
  pledged: bigint;
  outstanding: bigint;
  exempt: boolean;
  exemptReason: string | null;
  inKind: { kind: string; quantity: string; unit: string }[];
  bucket: Bucket;
}

/**
 * Where each household of a campaign stands, from the ledger (paid, outstanding) and the
 * contributions (pledges, in-kind, exemptions). Receipts' voucher numbers are not loaded here:
 * a list fills them in for the rows of its page only.
 */
async function standings(db: Db, campaign: q.CampaignRow, need: "counts" | "rows"): Promise<HouseholdStanding[]> {
  const unitId = campaign.unit_id;
  // A summary only counts: of 5,000 households it reads the id and category, not the names (the
  // driver turning 5,000 rows of seven columns into objects was the slowest part of it).
  const columns = need === "counts" ? ["id", "category"] : ["id", "code", "head_name", "category", "members"];
  const [households, sums, contribs, exemptions] = await together(
    db,
    // Typed as whole rows: with "counts" only id and category are there, and only they are read.
    () => q.allHouseholds(db, unitId).where("is_active", true).select(columns) as Promise<q.HouseholdRow[]>,
    () => ledger.campaignHouseholdTotals(db, unitId, campaign.id),
    () => q.contributionsOf(db, campaign.id).whereIn("kind", ["pledge", "in_kind"]).select("household_id", "kind", "amount", "entry_id", "in_kind_kind", "quantity", "quantity_unit") as Promise<q.ContributionRow[]>,
    () => q.exemptionsOf(db, campaign.id).select("household_id", "reason"),
  );
  const pledgeIds = contribs.filter((c) => c.kind === "pledge" && c.entry_id !== null).map((c) => Number(c.entry_id));
  const reversed = await ledger.reversedAmong(db, pledgeIds);
  const zero = 0n;
  const by = new Map<number, HouseholdStanding>();
  const exemptCats = JSON.parse(campaign.exempt_categories) as string[];
  const ensure = (h: q.HouseholdRow) => {
    let s = by.get(h.id);
    if (!s) {
      const byCategory = exemptCats.includes(h.category);
      s = { household: h, paid: zero, pledged: zero, outstanding: zero, exempt: byCategory, exemptReason: byCategory ? `Thuộc diện ${h.category}` : null, inKind: [], bucket: "notYet" };
      by.set(h.id, s);
    }
    return s;
  };
  for (const h of households) ensure(h);
  // Households that contributed and have since moved or been deactivated still count for this campaign.
  const missing = new Set<number>();
  for (const s of sums) if (s.householdId !== null && !by.has(s.householdId)) missing.add(s.householdId);
  for (const c of contribs) if (!by.has(c.household_id)) missing.add(c.household_id);
  for (const id of missing) {
    const h = await q.findHouseholdById(db, id);
    if (h) ensure(h);
  }
  for (const s of sums) {
    const st = s.householdId === null ? undefined : by.get(s.householdId);
    if (!st) continue;
    st.paid = s.cash;
    st.outstanding = s.receivable;
  }
  for (const c of contribs) {
    const st = by.get(c.household_id);
    if (!st) continue;
    if (c.kind === "pledge" && !reversed.has(Number(c.entry_id))) st.pledged += BigInt(c.amount!);
    if (c.kind === "in_kind") {
      st.inKind.push({ kind: c.in_kind_kind!, quantity: c.quantity!, unit: c.quantity_unit! });
    }
  }
  for (const e of exemptions) {
    const st = by.get(e.household_id);
    if (st) {
      st.exempt = true;
      st.exemptReason = e.reason;
    }
  }
  for (const st of by.values()) {
    // DESIGN §5 / issue 4: each household in one bucket, exempt > paid > pledged > notYet;
    // in-kind only counts as having contributed.
    st.bucket = st.exempt ? "exempt" : st.paid > 0n || st.inKind.length ? "paid" : st.pledged > 0n ? "pledged" : "notYet";
  }
  return [...by.values()];
}

/** The receipts (voucher numbers, not reversed) of some households in a campaign. */
async function receiptsOf(db: Db, campaignId: number, householdIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!householdIds.length) return out;
  const rows = await q.contributionsOf(db, campaignId).where("kind", "receipt").whereIn("household_id", householdIds).select("household_id", "entry_id");
  const ids = rows.map((r) => Number(r.entry_id));
  const [reversed, vouchers] = await together(db, () => ledger.reversedAmong(db, ids), () => ledger.voucherNumbers(db, ids));
  const vno = new Map(vouchers.map((v) => [v.id, v.voucherNo]));
  for (const r of rows) {
    if (reversed.has(Number(r.entry_id))) continue;
    const list = out.get(r.household_id) ?? [];
    list.push(vno.get(Number(r.entry_id)) ?? "");
    out.set(r.household_id, list);
  }
  return out;
}

export interface CampaignSummary {
  target: Dong | null;
  pledged: Dong;
  paid: Dong;
  outstanding: Dong;
  households: Record<Bucket, number>;
  inKind: { kind: string; unit: string; quantity: string; households: number }[];
}

/** Target, pledged, paid, outstanding; households per bucket; in-kind totals. */
export async function campaignSummary(db: Db, actor: Actor, unitId: number, campaignId: number): Promise<CampaignSummary> {
  await authorize(db, actor, STAFF, unitId);
  const campaign = await campaignIn(db, unitId, campaignId);
  const all = await standings(db, campaign, "counts");
  const zero = new Decimal(0);
  const households: Record<Bucket, number> = { paid: 0, pledged: 0, exempt: 0, notYet: 0 };
  const inKind = new Map<string, { kind: string; unit: string; quantity: Decimal; households: Set<number> }>();
  for (const s of all) {
    households[s.bucket]++;
    for (const k of s.inKind) {
      const key = `${k.kind}|${k.unit}`;
      const agg = inKind.get(key) ?? { kind: k.kind, unit: k.unit, quantity: zero, households: new Set<number>() };
      agg.quantity = agg.quantity.plus(k.quantity);
      agg.households.add(s.household.id);
      inKind.set(key, agg);
    }
  }
  return {
    target: campaign.target === null ? null : fromDb(campaign.target),
    pledged: fromDb(all.reduce((a, s) => a + s.pledged, 0n)),
    paid: fromDb(all.reduce((a, s) => a + s.paid, 0n)),
    outstanding: fromDb(all.reduce((a, s) => a + s.outstanding, 0n)),
    households,
    inKind: [...inKind.values()].map((k) => ({ kind: k.kind, unit: k.unit, quantity: k.quantity.toString(), households: k.households.size })),
  };
}

export interface ListRow {
  householdId: number;
  code: string;
  name: string;
  category: Category;
  suggested: Dong | null;
  paid: Dong;
  pledged: Dong;
  outstanding: Dong;
  exempt: boolean;
  exemptReason: string | null;
  inKind: { kind: string; quantity: string; unit: string }[];
  receipts: string[];
  status: Bucket;
}

const collator = new Intl.Collator("vi");

/** The campaign's contribution list (statement 1's data), sorted, a page at a time. No phones. */
export async function contributionList(
  db: Db,
  actor: Actor | null,
  unitId: number,
  campaignId: number,
  f: { sort: "code" | "name" | "paid" | "status"; order: "asc" | "desc"; page: number; limit: number },
) {
  if (actor) await authorize(db, actor, STAFF, unitId);
  const campaign = await campaignIn(db, unitId, campaignId);
  const level = campaign.level_amount === null ? null : BigInt(String(campaign.level_amount));
  const suggestedOf = (s: HouseholdStanding): bigint | null =>
    s.exempt ? 0n : level === null ? null : campaign.level_per === "person" ? (s.household.members ? level * BigInt(s.household.members) : null) : level;
  const all = await standings(db, campaign, "rows");
  const cmp: Record<typeof f.sort, (a: HouseholdStanding, b: HouseholdStanding) => number> = {
    code: (a, b) => collator.compare(a.household.code, b.household.code),
    name: (a, b) => collator.compare(a.household.head_name, b.household.head_name),
    paid: (a, b) => (a.paid < b.paid ? -1 : a.paid > b.paid ? 1 : 0),
    status: (a, b) => a.bucket.localeCompare(b.bucket),
  };
  // Ties always fall back to the code, ascending, whatever the order asked for: pages stay stable.
  const dir = f.order === "desc" ? -1 : 1;
  all.sort((a, b) => dir * cmp[f.sort](a, b) || collator.compare(a.household.code, b.household.code));
  const sum = { suggested: 0n, paid: 0n, pledged: 0n, outstanding: 0n };
  for (const s of all) {
    sum.suggested += suggestedOf(s) ?? 0n;
    sum.paid += s.paid;
    sum.pledged += s.pledged;
    sum.outstanding += s.outstanding;
  }
  const page: ListRow[] = all.slice((f.page - 1) * f.limit, f.page * f.limit).map((s) => {
    const suggested = suggestedOf(s);
    return {
      householdId: s.household.id,
      code: s.household.code,
      name: s.household.head_name,
      category: s.household.category as Category,
      suggested: suggested === null ? null : fromDb(suggested),
      paid: fromDb(s.paid),
      pledged: fromDb(s.pledged),
      outstanding: fromDb(s.outstanding),
      exempt: s.exempt,
      exemptReason: s.exemptReason,
      inKind: s.inKind,
      receipts: [],
      status: s.bucket,
    };
  });
  const receipts = await receiptsOf(db, campaignId, page.map((r) => r.householdId));
  for (const r of page) r.receipts = receipts.get(r.householdId) ?? [];
  return {
    campaign: await toCampaign(db, campaign),
    total: all.length,
    page: f.page,
    limit: f.limit,
    data: page,
    totals: { suggested: fromDb(sum.suggested), paid: fromDb(sum.paid), pledged: fromDb(sum.pledged), outstanding: fromDb(sum.outstanding) },
  };
}

/** A household's history across campaigns: paid, pledged, exempt, in-kind, receipts (with reversals). */
export async function householdHistory(db: Db, actor: Actor, unitId: number, householdId: number) {
  await hamlet(db, actor, STAFF, unitId);
  const h = await householdIn(db, unitId, householdId);
  const [contribs, exemptions, sums, moves] = await together(
    db,
    () => q.contributionsOfHousehold(db, householdId),
    () => q.exemptionsOfHousehold(db, householdId),
    () => ledger.householdSums(db, householdId),
    () => q.movesOf(db, householdId),
  );
  const entryIds = contribs.filter((c) => c.entry_id !== null).map((c) => Number(c.entry_id));
  const entries = new Map((await ledger.entriesByIds(db, undefined, entryIds)).map((e) => [e.id, e]));
  const campaignIds = [...new Set([...contribs.map((c) => c.campaign_id), ...exemptions.map((e: any) => e.campaign_id)])];
  const campaigns = new Map<number, q.CampaignRow>();
  for (const id of campaignIds) {
    const c = await db<q.CampaignRow>("campaigns").where({ id }).first();
    if (c) campaigns.set(id, c);
  }
  const zero = new Decimal(0);
  return {
    household: toHousehold(h),
    moves: moves.map((m: any) => ({ from: m.unit_id, to: m.to_unit_id, fromCode: m.from_code, toCode: m.to_code, at: m.moved_at })),
    campaigns: campaignIds.map((cid) => {
      const c = campaigns.get(cid)!;
      const mine = sums.filter((s) => s.campaignId === cid);
      const sum = (codes: string[]) => mine.filter((s) => codes.includes(s.account)).reduce((a, s) => a.plus(s.total), zero);
      return {
        campaignId: cid,
        unitId: c.unit_id,
        name: c.name,
        paid: sum(["111", "112"]),
        outstanding: sum(["131"]),
        exempt: exemptions.some((e: any) => e.campaign_id === cid) || (JSON.parse(c.exempt_categories) as string[]).includes(h.category),
        items: contribs
          .filter((x) => x.campaign_id === cid)
          .map((x) => {
            const e = x.entry_id !== null ? entries.get(Number(x.entry_id)) : undefined;
            return {
              id: x.id,
              kind: x.kind,
              date: x.entry_date,
              amount: x.amount === null ? null : String(x.amount),
              method: x.method,
              quantity: x.quantity,
              unit: x.quantity_unit,
              inKind: x.in_kind_kind,
              voucherNo: e?.voucherNo ?? null,
              entryId: e?.id ?? null,
              reversedBy: e?.reversedBy ?? null,
            };
          }),
      };
    }),
  };
}

export { toWire };

/** Ids of a unit's campaigns that raise money for a fund account (a fund's receipts and payments). */
export async function campaignIdsOfFund(db: Db, unitId: number, fundAccount: string): Promise<number[]> {
  return (await db<q.CampaignRow>("campaigns").select("id").where({ unit_id: unitId, fund_account: fundAccount })).map((r) => r.id);
}

/** A campaign's name and dates without an access check (statements print them). */
export async function findCampaign(db: Db, unitId: number, campaignId: number): Promise<Campaign | undefined> {
  const r = await q.findCampaign(db, unitId, campaignId);
  return r && toCampaign(db, r);
}

/** A household's code and head's name without an access check (a receipt prints who paid). */
export async function findHousehold(db: Db, householdId: number): Promise<Household | undefined> {
  const r = await q.findHouseholdById(db, householdId);
  return r && toHousehold(r);
}

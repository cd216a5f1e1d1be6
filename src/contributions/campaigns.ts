import type { Knex } from "knex";
import { together, type Db } from "../db/knex";
import { Actor, asSystem, authorize, audit, resolveRefs, STAFF } from "../identity";
import * as ledger from "../ledger";
import { NotFoundError, RuleViolation } from "../shared/errors";
import { fromDb, Dong } from "../shared/money";
import { WRITERS, type Category } from "./households";
import * as q from "./queries";
import type { CampaignWire } from "./wire";

// Campaigns (đợt vận động): opened on the hamlet's decision, each with its own revenue account.

export type InKindKind = "labour" | "land" | "materials";
/** The codes a campaign's revenue account takes (Thu đóng góp, 7xx of the chart). */
const REVENUE_CODES = { from: 711, to: 799 } as const;

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

/** A campaign as the wire has it, its amounts still as Dong. */
export interface Campaign extends Omit<CampaignWire, "level" | "inKindValues" | "target"> {
  level: { amount: Dong; per: "household" | "person" } | null;
  inKindValues: Partial<Record<InKindKind, Dong>>;
  target: Dong | null;
}

export async function toCampaign(db: Db, r: q.CampaignRow): Promise<Campaign> {
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
    inKindValues: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, fromDb(v)])),
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
  const code = await ledger.nextFreeCode(trx, unitId, REVENUE_CODES.from, REVENUE_CODES.to);
  if (!code) throw new RuleViolation("no_free_account_code", { range: `${REVENUE_CODES.from}-${REVENUE_CODES.to}` });
  const account = await ledger.openAccount(trx, actor, unitId, { code, name: `Thu đóng góp: ${input.name}`.slice(0, 200), type: "revenue" }, asSystem("a campaign's revenue account"));
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

/** A campaign of the unit, or 404. */
export async function campaignIn(db: Db, unitId: number, id: number): Promise<q.CampaignRow> {
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

/** Ids of a unit's campaigns that raise money for a fund account (a fund's receipts and payments). */
export async function campaignIdsOfFund(db: Db, unitId: number, fundAccount: string): Promise<number[]> {
  return (await q.campaignIdsOfFund(db, unitId, fundAccount)).map((r) => r.id);
}

/** A campaign's name and dates without an access check (statements print them). */
export async function findCampaign(db: Db, unitId: number, campaignId: number): Promise<Campaign | undefined> {
  const r = await q.findCampaign(db, unitId, campaignId);
  return r && toCampaign(db, r);
}

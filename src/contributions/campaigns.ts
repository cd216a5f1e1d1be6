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

/**
 * How a campaign finds the decision record it rests on: the decisions module's check (a passed,
 * recognised decision of a contribution subject; 404 / 422 otherwise), given by modules.ts, since
 * decisions reads the register here and so cannot be imported back.
 */
export type DecisionLink = (db: Db, unitId: number, decisionId: number) => Promise<{ id: number; title: string; heldOn: string; householdsTotal: number; present: number; agree: number }>;

/** Said on a campaign that rests on a paper meeting only (law.md L8). */
export const NO_RECOGNISED_DECISION = { code: "no_recognised_decision", message: "Chưa có quyết định được xã công nhận trong hệ thống" } as const;

export interface CampaignInput {
  name: string;
  purpose: string;
  fundAccount?: string;
  workId?: number;
  decisionId?: number;
  decision?: Decision;
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
    decisionId: r.decision_id ?? null,
    warnings: r.decision_id ? [] : [{ ...NO_RECOGNISED_DECISION }],
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

/** The decision a campaign rests on: the record (checked by `link`), else the paper meeting's figures (2/3 checked here), else 422 decision_required. */
async function decisionOf(trx: Knex.Transaction, unitId: number, input: CampaignInput, link?: DecisionLink): Promise<{ id: number | null; figures: Decision }> {
  if (input.decisionId !== undefined) {
    if (!link) throw new Error("openCampaign: a decisionId needs the decisions module's link");
    const d = await link(trx, unitId, input.decisionId);
    const figures = { date: d.heldOn, minutesRef: `QĐ ${d.id}: ${d.title}`.slice(0, 200), householdsTotal: d.householdsTotal, householdsPresent: d.present, householdsAgreeing: d.agree };
    return { id: d.id, figures };
  }
  if (!input.decision) throw new RuleViolation("decision_required", {});
  checkDecision(input.decision);
  return { id: null, figures: input.decision };
}

/**
 * Opens a campaign with its own revenue account (7xx) on a passed, recognised decision record
 * (`decisionId`), or on the figures of a meeting held on paper before (then it carries a warning).
 */
export async function openCampaign(trx: Knex.Transaction, actor: Actor, unitId: number, input: CampaignInput, link?: DecisionLink): Promise<Campaign> {
  await authorize(trx, actor, [...WRITERS], unitId);
  await resolveRefs(trx, unitId, [{ entity: "work", id: input.workId, path: "/workId" }]);
  const decision = await decisionOf(trx, unitId, input, link);
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
    decision_date: decision.figures.date,
    minutes_ref: decision.figures.minutesRef,
    households_total: decision.figures.householdsTotal,
    households_present: decision.figures.householdsPresent,
    households_agreeing: decision.figures.householdsAgreeing,
    decision_id: decision.id,
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
  await audit.record(trx, actor, { action: "campaign.opened", entity: "campaign", entityId: id, unitId, details: { name: input.name, revenueAccount: code, decisionId: decision.id } });
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

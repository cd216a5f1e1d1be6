import type { Knex } from "knex";
import { dialectOf, type Db } from "../db/knex";

// The overview's aggregates: one statement each over every unit under a path (the commune's
// hamlets, or the province's communes and hamlets), grouped in SQL so that a province of
// thousands of hamlets costs a handful of queries, never one per unit. The path prefix is bound.

type Amount = number | string;

/** A sum of a BIGINT column read back exactly (sqlite3 hands integers over as doubles). */
function sum(db: Db, expr: string, alias: string): Knex.Raw {
  return dialectOf(db) === "postgres"
    ? db.raw(`COALESCE(SUM(${expr}), 0) AS ${alias}`)
    : db.raw(`CAST(COALESCE(SUM(${expr}), 0) AS TEXT) AS ${alias}`);
}

const under = (path: string) => `${path}%`;

export interface UnitRow { id: number; code: string; name: string; kind: string; path: string; parent_id: number | null }

export function unitsUnder(db: Db, path: string): Promise<UnitRow[]> {
  return db("units").select("id", "code", "name", "kind", "path", "parent_id").where("path", "like", under(path)).andWhere("is_active", true).orderBy("code");
}

export interface CampaignRow { id: number; unit_id: number; name: string; status: string; received: Amount; unpaid: Amount }

/** Each campaign under the path with its cash received and pledges unpaid (the entries trigger keeps these per household). */
export function campaignsUnder(db: Db, path: string): Promise<CampaignRow[]> {
  return db("campaigns as c")
    .join("units as u", "u.id", "c.unit_id")
    .leftJoin("campaign_household_totals as t", "t.campaign_id", "c.id")
    .where("u.path", "like", under(path))
    .groupBy("c.id", "c.unit_id", "c.name", "c.status")
    .orderBy("c.id")
    .select("c.id", "c.unit_id", "c.name", "c.status", sum(db, "t.cash", "received"), sum(db, "t.receivable", "unpaid"));
}

export interface WorkRow { id: number; unit_id: number; name: string; status: string; progress: number }
export interface WorkSumRow { work_id: number; total: Amount }

export function worksUnder(db: Db, path: string): Promise<WorkRow[]> {
  return db("works as w").join("units as u", "u.id", "w.unit_id").where("u.path", "like", under(path)).orderBy("w.id")
    .select("w.id", "w.unit_id", "w.name", "w.status", "w.progress");
}

/** Each work's estimate (its estimate lines). */
export function estimatesUnder(db: Db, path: string): Promise<WorkSumRow[]> {
  // Through works (its unit's index) to each work's lines (work_id's index): no scan of every line.
  return db("work_lines as l").join("works as w", "w.id", "l.work_id").join("units as u", "u.id", "w.unit_id").where("u.path", "like", under(path)).andWhere("l.kind", "estimate")
    .groupBy("l.work_id").select("l.work_id", sum(db, "l.amount", "total"));
}

/** What each work's posted vouchers paid (drafts and rejected ones are not money spent). */
export function spentUnder(db: Db, path: string): Promise<WorkSumRow[]> {
  return db("expenses as e").join("works as w", "w.id", "e.work_id").join("units as u", "u.id", "w.unit_id").where("u.path", "like", under(path)).andWhere("e.status", "posted")
    .groupBy("e.work_id").select("e.work_id", sum(db, "e.amount", "total"));
}

export interface FindingCountRow { unit_id: number; open: Amount; critical: Amount; overdue: Amount }

/** Per unit: findings not resolved, the critical ones among them, and those still open past their due date. */
export function findingsUnder(db: Db, path: string, today: string): Promise<FindingCountRow[]> {
  return db("findings as f").join("units as u", "u.id", "f.unit_id").where("u.path", "like", under(path)).whereNot("f.status", "resolved")
    .groupBy("f.unit_id")
    .select("f.unit_id", db.raw("COUNT(*) AS open"), db.raw("SUM(CASE WHEN f.severity = 'critical' THEN 1 ELSE 0 END) AS critical"),
      db.raw("SUM(CASE WHEN f.status = 'open' AND f.due_date < ? THEN 1 ELSE 0 END) AS overdue", [today]));
}

export interface CountRow { unit_id: number; n: Amount }

/** Per unit: residents' feedback unanswered past its due date. */
export function overdueFeedbackUnder(db: Db, path: string, today: string): Promise<CountRow[]> {
  return db("feedback as f").join("units as u", "u.id", "f.unit_id").where("u.path", "like", under(path)).whereNull("f.answered_at").andWhere("f.due_date", "<", today)
    .groupBy("f.unit_id").select("f.unit_id", db.raw("COUNT(*) AS n"));
}

/** Per unit: active households. */
export function householdsUnder(db: Db, path: string): Promise<CountRow[]> {
  return db("households as h").join("units as u", "u.id", "h.unit_id").where("u.path", "like", under(path)).andWhere("h.is_active", true)
    .groupBy("h.unit_id").select("h.unit_id", db.raw("COUNT(*) AS n"));
}

export interface PublicationDayRow { unit_id: number; kind: string; params: string; period_to: string | null; drafted_at: string; published_at: string | null }

/** The days of every publication under the path: what tells which units may have a late one. */
export function publicationDaysUnder(db: Db, path: string): Promise<PublicationDayRow[]> {
  return db("publications as p").join("units as u", "u.id", "p.unit_id").where("u.path", "like", under(path))
    .select("p.unit_id", "p.kind", "p.params", "p.period_to", "p.drafted_at", "p.published_at");
}

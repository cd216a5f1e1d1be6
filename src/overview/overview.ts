import type { Db } from "../db/knex";
import { Actor, authorize, Role } from "../identity";
import { latePublications } from "../publication";
import { fromDb, ZERO, type Dong } from "../shared/money";
import { addDays, localDateOf } from "../shared/dates";
import * as q from "./queries";
import type { CommuneOverviewWire, CommuneViewWire, HamletOverviewWire, OverviewTotalsWire, OverviewWire, ProvinceViewWire } from "./wire";

// A commune's view of its hamlets and a province's dashboard of its communes: the totals of every
// unit under it read in a few grouped statements (queries.ts), folded per hamlet or per commune.

/** Who may read a unit's overview: its admins and heads, and boards of it (their inspectors), or above. */
export const OVERVIEW: Role[] = ["admin", "head", "inspector"];

const str = (d: Dong) => d.toString();
const add = (a: Dong, b: Dong) => (a + b) as Dong;
const num = (v: number | string | null | undefined) => Number(v ?? 0);

/** Per unit id, the rows of a grouped read. */
function byUnit<T extends { unit_id: number }>(rows: T[]): Map<number, T> {
  return new Map(rows.map((r) => [Number(r.unit_id), r]));
}

interface Gathered {
  units: q.UnitRow[];
  campaigns: q.CampaignRow[];
  works: q.WorkRow[];
  estimate: Map<number, Dong>;
  spent: Map<number, Dong>;
  findings: Map<number, q.FindingCountRow>;
  feedback: Map<number, q.CountRow>;
  late: Awaited<ReturnType<typeof latePublications>>;
}

async function gather(db: Db, path: string, today: string): Promise<Gathered> {
  // One after another: on SQLite the reads share one connection anyway, and on PostgreSQL a
  // province's dashboard should not take eight of the pool's connections at once.
  const units = await q.unitsUnder(db, path);
  const campaigns = await q.campaignsUnder(db, path);
  const works = await q.worksUnder(db, path);
  const estimate = new Map((await q.estimatesUnder(db, path)).map((r) => [Number(r.work_id), fromDb(r.total)]));
  const spent = new Map((await q.spentUnder(db, path)).map((r) => [Number(r.work_id), fromDb(r.total)]));
  const findings = byUnit(await q.findingsUnder(db, path, today));
  const feedback = byUnit(await q.overdueFeedbackUnder(db, path, today));
  const late = await latePublications(db, await mayBeLate(db, path, today), today);
  return { units, campaigns, works, estimate, spent, findings, feedback, late };
}

/**
 * Units with a publication that may be late: publication works out publishBy on each unit's calendar
 * (10 ms a unit), so it is asked only where the day it was published (or today, for a draft) is past
 * 10 calendar days after its event (10 working days are never fewer). A work's settlement and an
 * inspection's minutes report an event that may precede the draft by any time: always asked.
 */
async function mayBeLate(db: Db, path: string, today: string): Promise<number[]> {
  const units = new Set<number>();
  for (const r of await q.publicationDaysUnder(db, path)) {
    const unitId = Number(r.unit_id);
    if (units.has(unitId)) continue;
    if (r.kind === "work-settlement" || r.kind === "inspection-minutes") { units.add(unitId); continue; }
    const to = (JSON.parse(r.params) as { to?: string }).to;
    const event = to ?? r.period_to ?? localDateOf(r.drafted_at);
    const judged = r.published_at ? localDateOf(r.published_at) : today;
    if (judged > addDays(event, 10)) units.add(unitId);
  }
  return [...units];
}

function totalsOf(rows: { received: string; unpaid?: string; spent: string; late: number; critical: number; overdue: number }[]): OverviewTotalsWire {
  let received = ZERO, unpaid = ZERO, spent = ZERO;
  let latePublications = 0, openCriticalFindings = 0, overdueAnswers = 0;
  for (const r of rows) {
    received = add(received, fromDb(r.received));
    unpaid = add(unpaid, fromDb(r.unpaid ?? "0"));
    spent = add(spent, fromDb(r.spent));
    latePublications += r.late;
    openCriticalFindings += r.critical;
    overdueAnswers += r.overdue;
  }
  return { received: str(received), unpaid: str(unpaid), spent: str(spent), latePublications, openCriticalFindings, overdueAnswers };
}

function hamletsView(g: Gathered, hamlets: q.UnitRow[]): HamletOverviewWire[] {
  return hamlets.map((h) => {
    const campaigns = g.campaigns.filter((c) => Number(c.unit_id) === h.id)
      .map((c) => ({ id: Number(c.id), name: c.name, status: c.status, received: str(fromDb(c.received)), unpaid: str(fromDb(c.unpaid)) }));
    const works = g.works.filter((w) => Number(w.unit_id) === h.id).map((w) => ({
      id: Number(w.id), name: w.name, status: w.status, progress: num(w.progress),
      estimate: str(g.estimate.get(Number(w.id)) ?? ZERO), spent: str(g.spent.get(Number(w.id)) ?? ZERO),
    }));
    const f = g.findings.get(h.id);
    return {
      id: h.id, code: h.code, name: h.name, campaigns, works,
      received: str(campaigns.reduce((s, c) => add(s, fromDb(c.received)), ZERO)),
      spent: str(works.reduce((s, w) => add(s, fromDb(w.spent)), ZERO)),
      openFindings: num(f?.open), criticalFindings: num(f?.critical),
      overdueAnswers: num(f?.overdue) + num(g.feedback.get(h.id)?.n),
      latePublications: g.late.filter((p) => p.unitId === h.id).map((p) => ({ id: p.id, kind: p.kind, subject: p.subject, status: p.status, publishBy: p.publishBy })),
    };
  });
}

function communesView(g: Gathered, communes: q.UnitRow[]): CommuneOverviewWire[] {
  // Each unit's commune: the commune itself, or the one its path runs through.
  const communeOf = new Map<number, number>();
  for (const u of g.units) {
    const c = communes.find((x) => u.path.startsWith(x.path));
    if (c) communeOf.set(u.id, c.id);
  }
  const out = new Map(communes.map((c) => [c.id, {
    id: c.id, code: c.code, name: c.name, hamlets: 0, households: 0, received: ZERO, unpaid: ZERO, spent: ZERO, works: 0, latePublications: 0, openCriticalFindings: 0, overdueAnswers: 0,
  }]));
  const of = (unitId: number | string) => out.get(communeOf.get(Number(unitId)) ?? -1);
  for (const u of g.units) if (u.kind === "hamlet") of(u.id) && of(u.id)!.hamlets++;
  for (const c of g.campaigns) {
    const o = of(c.unit_id);
    if (o) { o.received = add(o.received, fromDb(c.received)); o.unpaid = add(o.unpaid, fromDb(c.unpaid)); }
  }
  for (const w of g.works) {
    const o = of(w.unit_id);
    if (o) { o.works++; o.spent = add(o.spent, g.spent.get(Number(w.id)) ?? ZERO); }
  }
  for (const [unitId, f] of g.findings) { const o = of(unitId); if (o) { o.openCriticalFindings += num(f.critical); o.overdueAnswers += num(f.overdue); } }
  for (const [unitId, f] of g.feedback) { const o = of(unitId); if (o) o.overdueAnswers += num(f.n); }
  for (const p of g.late) { const o = of(p.unitId); if (o) o.latePublications++; }
  return [...out.values()].map((o) => ({ ...o, received: str(o.received), unpaid: str(o.unpaid), spent: str(o.spent) }));
}

/**
 * The overview of a commune (each hamlet with its campaigns, works, open findings and late
 * publications; a hamlet alone for a hamlet) or of a province (per commune totals). As of the
 * caller's day in Vietnam.
 */
export async function overview(db: Db, actor: Actor, unitId: number): Promise<OverviewWire> {
  const unit = await authorize(db, actor, OVERVIEW, unitId);
  const today = localDateOf(actor.at);
  const g = await gather(db, unit.path, today);
  const head = { id: unit.id, kind: unit.kind, name: unit.name };
  if (unit.kind === "province") {
    const communes = communesView(g, g.units.filter((u) => u.kind === "commune"));
    const paths = new Map(g.units.map((u) => [u.id, u.path]));
    for (const r of await q.householdsUnder(db, unit.path)) {
      const path = paths.get(Number(r.unit_id));
      const c = path ? communes.find((x) => path.includes(`/${x.id}/`)) : undefined;
      if (c) c.households += num(r.n);
    }
    const view: ProvinceViewWire = {
      level: "province", unit: head, asOf: today, communes,
      totals: totalsOf(communes.map((c) => ({ received: c.received, unpaid: c.unpaid, spent: c.spent, late: c.latePublications, critical: c.openCriticalFindings, overdue: c.overdueAnswers }))),
    };
    return view;
  }
  const hamlets = hamletsView(g, g.units.filter((u) => u.kind === "hamlet"));
  const view: CommuneViewWire = {
    level: "commune", unit: head, asOf: today, hamlets,
    totals: totalsOf(hamlets.map((h) => ({
      received: h.received, unpaid: str(h.campaigns.reduce((s, c) => add(s, fromDb(c.unpaid)), ZERO)), spent: h.spent,
      late: h.latePublications.length, critical: h.criticalFindings, overdue: h.overdueAnswers,
    }))),
  };
  return view;
}

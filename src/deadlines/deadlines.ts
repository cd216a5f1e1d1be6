import type { Db } from "../db/knex";
import { Actor, authorize, findUnit, listPublicUnits, STAFF } from "../identity";
import { extraDaysOf, addWorkingDays } from "../calendar";
import { latePublications } from "../publication";
import { listFindings, overdueFeedback } from "../supervision";
import { findWork } from "../works";
import { localDateOf } from "../shared/dates";
import { NotFoundError } from "../shared/errors";
import type { ApologyLetter } from "./apology-pdf";
import { daysBetween, DUE_SOON_DAYS, overdueSubmissions, owedPublications } from "./owed";
import type { DeadlinesWire, OverdueAnswerWire } from "./wire";

// What is late in a unit and the units under it (a commune sees its hamlets'): publications past
// their publish-by date (law.md L3), findings and residents' feedback not answered by their due
// date, each with the apology letter its late answer calls for.

/** The working days a late answer promises in its apology letter. */
export const NEW_DATE_WORKING_DAYS = 5;

const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

async function scope(db: Db, actor: Actor, unitId: number) {
  const unit = await authorize(db, actor, STAFF, unitId);
  const units = (await listPublicUnits(db)).filter((u) => u.path.startsWith(unit.path));
  return { unit, units, names: new Map(units.map((u) => [u.id, u.name])), today: localDateOf(actor.at) };
}

async function overdueAnswers(db: Db, actor: Actor, unitId: number, units: { id: number }[], names: Map<number, string>, today: string): Promise<OverdueAnswerWire[]> {
  const url = (kind: string, id: number) => `/api/v1/units/${unitId}/deadlines/apologies/${kind}/${id}.pdf`;
  // A finding's answer is what is late while it is still open; an answered one awaits the board.
  const findings = (await listFindings(db, actor, unitId, { overdue: true })).data.filter((f) => f.status === "open");
  const out: OverdueAnswerWire[] = findings.map((f) => ({
    kind: "finding", id: f.id, unitId: f.unitId, unitName: names.get(f.unitId) ?? "", text: short(f.description), responsible: f.addressedTo,
    dueDate: f.dueDate, daysLate: daysBetween(f.dueDate, today), apologyUrl: url("finding", f.id),
  }));
  for (const f of await overdueFeedback(db, units.map((u) => u.id), today)) {
    const work = await findWork(db, f.workId);
    out.push({
      kind: "feedback", id: f.id, unitId: f.unitId, unitName: names.get(f.unitId) ?? "", text: short(f.text),
      responsible: `Ban Giám sát đầu tư của cộng đồng (công trình ${work?.name ?? f.workId})`,
      dueDate: f.dueDate, daysLate: daysBetween(f.dueDate, today), apologyUrl: url("feedback", f.id),
    });
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.kind.localeCompare(b.kind) || a.id - b.id);
}

/**
 * The unit's deadlines missed as of the caller's day (staff of the unit and its boards), and the
 * publications owed that fall due within `dueSoonDays`.
 */
export async function deadlines(db: Db, actor: Actor, unitId: number, dueSoonDays = DUE_SOON_DAYS): Promise<DeadlinesWire> {
  const { units, names, today } = await scope(db, actor, unitId);
  const ids = units.map((u) => u.id);
  const late = await latePublications(db, ids, today);
  return {
    unitId,
    asOf: today,
    latePublications: late.map((p) => ({ id: p.id, unitId: p.unitId, unitName: names.get(p.unitId) ?? "", kind: p.kind, subject: p.subject, status: p.status, publishBy: p.publishBy, publishedAt: p.publishedAt })),
    owedPublications: await owedPublications(db, ids, names, today, dueSoonDays),
    dueSoonDays,
    overdueSubmissions: await overdueSubmissions(db, ids, names, today),
    overdueAnswers: await overdueAnswers(db, actor, unitId, units, names, today),
  };
}

/** The apology letter of one overdue answer of the unit (or a unit under it); 404 when it is not overdue. */
export async function apologyLetter(db: Db, actor: Actor, unitId: number, kind: "finding" | "feedback", id: number): Promise<ApologyLetter> {
  const { units, names, today } = await scope(db, actor, unitId);
  const item = (await overdueAnswers(db, actor, unitId, units, names, today)).find((a) => a.kind === kind && a.id === id);
  if (!item) throw new NotFoundError(kind, { id });
  const owner = (await findUnit(db, item.unitId))!;
  const parent = owner.parentId ? await findUnit(db, owner.parentId) : undefined;
  const asked = kind === "finding"
    ? (await listFindings(db, actor, unitId, { overdue: true })).data.find((f) => f.id === id)!.createdAt
    : (await overdueFeedback(db, [item.unitId], today)).find((f) => f.id === id)!.receivedAt;
  return {
    unitName: owner.name,
    parentName: parent?.name ?? null,
    subject: kind,
    responsible: item.responsible,
    text: item.text,
    askedOn: localDateOf(asked),
    dueDate: item.dueDate,
    newDate: addWorkingDays(today, NEW_DATE_WORKING_DAYS, await extraDaysOf(db, item.unitId)),
    date: today,
    at: actor.at,
    reference: `XL-${kind === "finding" ? "KN" : "PA"}-${id}`,
  };
}

import type { Db } from "../db/knex";
import { addWorkingDays, extraDaysOfUnits } from "../calendar";
import { decisionDeadlines } from "../decisions";
import { boardNames } from "../identity";
import * as ledger from "../ledger";
import { eventDate, publicationsOf, PUBLISH_WITHIN_WORKING_DAYS, type Publication } from "../publication";
import { filedInspections } from "../supervision";
import { findWork, settledWorks } from "../works";
import { addDays, formatDateVi, localDateOf } from "../shared/dates";
import type { OverdueSubmissionWire, OwedPublicationWire } from "./wire";

// What a unit owes the notice board (law.md L3: published within 10 working days of the event):
// each event that has happened with no publication published for it. The events: a work settled,
// an inspection filed, a calendar quarter of the books ended (its receipts and payments), a
// decision recognised by the commune. Residents read a quarter's money at the latest 10 working
// days after it ends; a quarter, rather than a month, is what a hamlet's treasurer can keep up
// with and what the commune's own budget disclosure follows.

/** Days ahead an owed publication shows as coming due, unless the caller asks otherwise. */
export const DUE_SOON_DAYS = 7;

export const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

interface Event {
  unitId: number;
  kind: OwedPublicationWire["kind"];
  subject: string;
  params: OwedPublicationWire["params"];
  refId: number | null;
  eventDate: string;
  /** Whether a publication (published, or a draft) reports this event. */
  covers: (p: Publication) => boolean;
}

const paramsOf = (p: Publication) => p.params as { workId?: number; inspectionId?: number; decisionId?: number; from?: string; to?: string };

/** The quarters whose end has come, from the one of the unit's first entry up to today. */
function quartersSince(first: string, today: string): { from: string; to: string; name: string }[] {
  const out: { from: string; to: string; name: string }[] = [];
  let y = Number(first.slice(0, 4));
  let q = Math.floor((Number(first.slice(5, 7)) - 1) / 3);
  for (;;) {
    const from = `${y}-${String(q * 3 + 1).padStart(2, "0")}-01`;
    const next = q === 3 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 4).padStart(2, "0")}-01`;
    const to = addDays(next, -1);
    if (to >= today) return out;
    out.push({ from, to, name: `Quý ${["I", "II", "III", "IV"][q]}/${y}` });
    [y, q] = q === 3 ? [y + 1, 0] : [y, q + 1];
  }
}

async function firstEntryDate(db: Db, unitId: number): Promise<string | null> {
  const head = await ledger.chainHead(db, unitId);
  if (!head.seq) return null;
  for await (const e of ledger.streamEntries(db, unitId, { throughSeq: head.seq, pageSize: 1 })) return e.date;
  return null;
}

async function eventsOf(db: Db, unitIds: number[], today: string): Promise<Event[]> {
  const out: Event[] = [];
  for (const w of await settledWorks(db, unitIds)) {
    out.push({
      unitId: w.unitId, kind: "work-settlement", subject: `Quyết toán công trình ${w.number ? `${w.number} — ` : ""}${w.name}`, params: { workId: w.id }, refId: w.id,
      eventDate: eventDate("work-settlement", {}, { settled: w.settledOn }),
      // a statement drafted before the settlement reported the work under way, not its settlement
      covers: (p) => p.kind === "work-settlement" && paramsOf(p).workId === w.id && localDateOf(p.drafted.at) >= w.settledOn,
    });
  }
  const inspections = await filedInspections(db, unitIds);
  const boards = new Map((await boardNames(db, [...new Set(inspections.map((i) => i.boardId))])).map((b) => [b.id, b.name]));
  for (const i of inspections) {
    const work = i.workId ? await findWork(db, i.workId) : undefined;
    out.push({
      unitId: i.unitId, kind: "inspection-minutes", params: { inspectionId: i.id }, refId: i.id,
      subject: `Biên bản giám sát số ${i.id} ngày ${formatDateVi(i.date)} (${boards.get(i.boardId) ?? ""}${work ? `, công trình ${work.name}` : ""})`,
      eventDate: eventDate("inspection-minutes", {}, { filed: i.filedOn }),
      covers: (p) => p.kind === "inspection-minutes" && paramsOf(p).inspectionId === i.id,
    });
  }
  for (const u of unitIds) {
    const first = await firstEntryDate(db, u);
    if (!first) continue;
    for (const q of quartersSince(first, today)) {
      out.push({
        unitId: u, kind: "receipts-payments", subject: `Báo cáo thu, chi ${q.name}`, params: { from: q.from, to: q.to }, refId: null,
        eventDate: eventDate("receipts-payments", { to: q.to }, {}),
        // a statement of the whole quarter or longer (the year so far) covers it, of all funds or one
        covers: (p) => p.kind === "receipts-payments" && (paramsOf(p).from ?? "9999") <= q.from && (paramsOf(p).to ?? "") >= q.to,
      });
    }
  }
  for (const d of await decisionDeadlines(db, unitIds)) {
    if (d.status !== "recognised") continue;
    out.push({
      unitId: d.unitId, kind: "decision", subject: `Kết quả quyết định: ${d.title}`, params: { decisionId: d.id }, refId: d.id,
      eventDate: eventDate("decision", {}, { recognised: d.recognisedOn }),
      covers: (p) => p.kind === "decision" && paramsOf(p).decisionId === d.id,
    });
  }
  return out;
}

/** Events of these units owed a publication, late or due within `dueSoonDays`, most late first. */
export async function owedPublications(db: Db, unitIds: number[], names: Map<number, string>, today: string, dueSoonDays: number): Promise<OwedPublicationWire[]> {
  const pubsOf = new Map<number, Publication[]>();
  for (const p of await publicationsOf(db, unitIds, today)) pubsOf.set(p.unitId, [...(pubsOf.get(p.unitId) ?? []), p]);
  const events = await eventsOf(db, unitIds, today);
  const extra = await extraDaysOfUnits(db, [...new Set(events.map((e) => e.unitId))]);
  const out: OwedPublicationWire[] = [];
  for (const e of events) {
    const mine = (pubsOf.get(e.unitId) ?? []).filter((p) => e.covers(p));
    if (mine.some((p) => p.status === "published")) continue;
    const publishBy = addWorkingDays(e.eventDate, PUBLISH_WITHIN_WORKING_DAYS, extra.get(e.unitId) ?? []);
    const daysLate = Math.max(0, daysBetween(publishBy, today));
    const dueSoon = !daysLate && daysBetween(today, publishBy) <= dueSoonDays;
    if (!daysLate && !dueSoon) continue;
    const draft = mine.filter((p) => p.status === "draft").sort((a, b) => b.id - a.id)[0];
    out.push({
      unitId: e.unitId, unitName: names.get(e.unitId) ?? "", kind: e.kind, subject: e.subject, params: e.params, refId: e.refId,
      eventDate: e.eventDate, publishBy, daysLate, dueSoon, draftId: draft?.id ?? null,
    });
  }
  return out.sort((a, b) => a.publishBy.localeCompare(b.publishBy) || a.kind.localeCompare(b.kind) || a.unitId - b.unitId || (a.refId ?? 0) - (b.refId ?? 0));
}

/** Decisions of these units voted but not submitted to the commune by their day (law.md L8). */
export async function overdueSubmissions(db: Db, unitIds: number[], names: Map<number, string>, today: string): Promise<OverdueSubmissionWire[]> {
  return (await decisionDeadlines(db, unitIds))
    .filter((d) => d.status === "voted" && d.submitBy !== null && today > d.submitBy)
    .map((d) => ({ id: d.id, unitId: d.unitId, unitName: names.get(d.unitId) ?? "", title: d.title, submitBy: d.submitBy!, daysLate: daysBetween(d.submitBy!, today) }))
    .sort((a, b) => a.submitBy.localeCompare(b.submitBy) || a.id - b.id);
}

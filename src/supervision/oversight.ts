import { together, type Db } from "../db/knex";
import { boardNames, findUnit } from "../identity";
import { attachmentsOf, type PublicInspection, type PublicSupervision, type Work } from "../works";
import { localDateOf } from "../shared/dates";
import { findingViews } from "./findings";
import { householdWords, maskHouseholds, publicFindingText } from "./public-text";
import * as q from "./queries";

// What works asks of supervision (works cannot import supervision, which depends on it): which
// findings keep a work from being settled, and what a work's public page shows of its oversight.
// Public data shows inspections only once published, with their findings; never cash counts'
// findings, drafts or unpublished inspections.

/** Published inspections of works with their findings, answered feedback, and finding counts (public). */
async function publicSupervision(db: Db, workIds: number[], day: string): Promise<Map<number, PublicSupervision>> {
  const out = new Map<number, PublicSupervision>();
  if (!workIds.length) return out;
  const inspections = await q.publishedOfWorks(db, workIds);
  const ids = inspections.map((i) => i.id);
  const [findings, addenda, answered, names] = await together(
    db,
    () => (ids.length ? q.findingsOfInspections(db, ids) : Promise.resolve([] as q.FindingRow[])),
    () => (ids.length ? q.addendaOf(db, ids) : Promise.resolve([] as q.AddendumRow[])),
    () => q.answeredOfWorks(db, workIds),
    () => boardNames(db, [...new Set(inspections.map((i) => i.board_id))]),
  );
  const views = await findingViews(db, findings, day);
  const words = views.some((f) => !f.namesPublic) ? await householdWords(db, inspections.map((i) => i.unit_id)) : [];
  for (const w of workIds) out.set(w, { inspections: [], feedback: [], findings: { total: 0, open: 0, overdue: 0 } });
  // Grouped once: a page with many inspections does not scan every finding and addendum per inspection.
  const byInspection = new Map<number, typeof views>();
  for (const f of views) (byInspection.get(f.inspectionId!) ?? byInspection.set(f.inspectionId!, []).get(f.inspectionId!)!).push(f);
  const addendaOf = new Map<number, q.AddendumRow[]>();
  for (const a of addenda) (addendaOf.get(a.inspection_id) ?? addendaOf.set(a.inspection_id, []).get(a.inspection_id)!).push(a);
  for (const i of inspections) {
    const board = names.find((n) => n.id === i.board_id);
    const mine = byInspection.get(i.id) ?? [];
    const s = out.get(i.work_id!)!;
    s.inspections.push({
      id: i.id,
      board: board ? { name: board.name, kind: board.kind } : null,
      date: i.inspection_date,
      membersPresent: (JSON.parse(i.members_present) as number[]).length,
      checklist: JSON.parse(i.checklist) as PublicInspection["checklist"],
      publishedAt: i.published_at,
      findings: mine.map((f) => ({
        id: f.id, category: f.category, severity: f.severity, ...publicFindingText({ description: f.description, recommendation: f.recommendation }, f.namesPublic, words), addressedTo: f.addressedTo,
        dueDate: f.dueDate, status: f.status, escalatedTo: f.escalatedTo, overdue: f.overdue,
        transitions: f.transitions.map((t) => ({ from: t.from, to: t.to, text: f.namesPublic ? t.text : maskHouseholds(t.text, words), at: t.at })),
      })),
      addenda: (addendaOf.get(i.id) ?? []).map((a) => ({ text: a.text, at: a.created_at })),
    });
    s.findings.total += mine.length;
    s.findings.open += mine.filter((f) => f.status === "open" || f.status === "answered").length;
    s.findings.overdue += mine.filter((f) => f.overdue).length;
  }
  const shown = await attachmentsOf(db, "feedback", answered.map((f) => f.id));
  for (const f of answered) {
    const photos = (shown.get(f.id) ?? []).map((a) => `/api/v1/public/attachments/${a.id}`);
    out.get(f.work_id)!.feedback.push({ id: f.id, text: f.text, answer: f.answer, receivedAt: f.created_at, dueDate: f.due_date, answeredAt: f.answered_at, answeredLate: localDateOf(f.answered_at!) > f.due_date, photos });
  }
  return out;
}

/** The Ban GSĐTCĐ that supervise a work: set up for it, or overseeing its unit or one above it. */
export async function supervisingBoards(db: Db, work: Work): Promise<{ id: number; name: string }[]> {
  const unit = await findUnit(db, work.unitId);
  return unit ? q.gsdtcdOfWork(db, work.id, unit.path) : [];
}

// Money or labour of the community's own (law.md L13 (c)).
const COMMUNITY_SOURCES = new Set(["community", "in_kind"]);

/**
 * law.md L12: a work the community pays for is supervised by a Ban GSĐTCĐ, set up when the work is
 * approved. With none, approving it answers what to do next: the commune sets one up or gives the
 * work to one of its boards.
 */
async function boardNeeded(db: Db, work: Work): Promise<{ code: "board_needed"; message: string; communeId: number } | null> {
  if (!work.funding.some((f) => COMMUNITY_SOURCES.has(f.category))) return null;
  if ((await supervisingBoards(db, work)).length) return null;
  const unit = await findUnit(db, work.unitId);
  const communeId = unit?.kind === "hamlet" && unit.parentId ? unit.parentId : work.unitId;
  return { code: "board_needed", message: "Công trình có tiền, công của nhân dân đóng góp nhưng chưa có Ban Giám sát đầu tư của cộng đồng giám sát: đề nghị xã thành lập Ban hoặc giao cho một Ban hiện có.", communeId };
}

export const oversight = {
  unsettledFindings: async (db: Db, workId: number) => (await q.unsettledOfWork(db, workId)).map((r) => r.id),
  publicSupervision,
  boardNeeded,
};



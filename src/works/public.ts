import { together, type Db } from "../db/knex";
import { findUnit, Unit } from "../identity";
import * as ledger from "../ledger";
import { localDateOf } from "../shared/dates";
import { NotFoundError, ValidationError } from "../shared/errors";
import { toDb } from "../shared/money";
import { balances, budgetOf } from "./budget";
import { consultationsOfWork } from "./consultations";
import { budgetDto, consultationDto, publicExpenseDto, publicWorkDto } from "./dto";
import { loadWork, progressWithPhotos, toWork, transitionView, type Oversight, type Work } from "./works";
import * as q from "./queries";

// What residents see of works, without signing in: never a draft or rejected voucher, a phone, a PIN
// or an unpublished inspection.

async function publicUnit(db: Db, unitId: number): Promise<Unit> {
  const unit = await findUnit(db, unitId);
  if (!unit || !unit.isActive) throw new NotFoundError("unit", { id: unitId });
  return unit;
}

/** Works of a unit for residents: status, estimate, spent, progress, findings (overdue flagged). */
export async function listPublicWorks(db: Db, unitId: number, day: string, oversight: Oversight) {
  await publicUnit(db, unitId);
  const rows = await q.listWorks(db, unitId);
  const lines = rows.length ? await q.linesOf(db, rows.map((r) => r.id)) : [];
  const bal = await balances(db, unitId);
  const sup = await oversight.publicSupervision(db, rows.map((r) => r.id), day);
  const out = [];
  for (const r of rows) {
    const w = toWork(r, lines);
    const b = await budgetOf(db, w, bal);
    out.push({ work: w, budget: b, findings: sup.get(w.id)?.findings ?? { total: 0, open: 0, overdue: 0 } });
  }
  return out;
}

/** A work's public page data: never a draft or rejected voucher, a phone, a PIN or an unpublished inspection. */
export async function publicWork(db: Db, workId: number, day: string, oversight: Oversight) {
  const row = await q.findWork(db, workId);
  if (!row) throw new NotFoundError("work", { id: workId });
  const [unit, w] = await together(db, () => publicUnit(db, row.unit_id), () => loadWork(db, row));
  const [budget, transitions, progress, expenses, sup] = await together(
    db,
    () => balances(db, w.unitId).then((b) => budgetOf(db, w, b)),
    () => q.transitionsOf(db, workId),
    () => progressWithPhotos(db, workId),
    () => postedPage(db, row, PUBLIC_EXPENSES),
    () => oversight.publicSupervision(db, [workId], day),
  );
  return { unit, work: w, budget, transitions: transitions.map(transitionView), progress, expenses, supervision: sup.get(workId) };
}

/**
 * A unit's works as residents read them (GET /public/units/:unitId/works, the unit's public page):
 * one read for both. `at`: the request's instant; overdue is by its day in Vietnam.
 */
export async function publicWorksView(db: Db, unitId: number, at: string, oversight: Oversight) {
  const rows = await listPublicWorks(db, unitId, localDateOf(at), oversight);
  return {
    data: rows.map((r) => {
      const t = budgetDto(r.budget).totals;
      // spent: the costs incurred; raised, paid (spent less owed) and owed: the work's money as its page shows it
      return { ...publicWorkDto(r.work), estimated: t.planned, spent: t.spent, raised: t.received, paid: t.paid, owed: t.owed, findings: r.findings };
    }),
  };
}
export type PublicWorksView = Awaited<ReturnType<typeof publicWorksView>>;

/** A work as residents read it (GET /public/works/:workId, the work's public page): one read for both. */
export async function publicWorkView(db: Db, workId: number, at: string, oversight: Oversight) {
  // Both reads at once (the consultations of a work that does not exist are none; the work's read answers 404).
  const [p, consultations] = await together(db, () => publicWork(db, workId, localDateOf(at), oversight), () => consultationsOfWork(db, workId, at));
  return {
    ...publicWorkDto(p.work),
    unit: { id: p.unit.id, code: p.unit.code, name: p.unit.name },
    budget: budgetDto(p.budget),
    transitions: p.transitions.map((t) => ({ from: t.from, to: t.to, date: t.date, note: t.note, decision: t.decision })),
    progressUpdates: p.progress.map((x) => ({ date: x.date, percent: x.percent, note: x.note, photos: x.photos.map((id: number) => `/api/v1/public/attachments/${id}`) })),
    // The most recent posted vouchers (newest first); the rest through /public/works/:workId/expenses?cursor=.
    expenses: p.expenses.data.map(publicExpenseDto),
    expensesTotal: p.expenses.total,
    expensesNextCursor: p.expenses.nextCursor,
    consultations: consultations.map(consultationDto),
    inspections: p.supervision?.inspections ?? [],
    findings: p.supervision?.findings ?? { total: 0, open: 0, overdue: 0 },
    feedback: p.supervision?.feedback ?? [],
  };
}
export type PublicWorkView = Awaited<ReturnType<typeof publicWorkView>>;

/** How many posted vouchers a work's public page shows (the most recent); the rest are paged. */
export const PUBLIC_EXPENSES = 50;

// The cursor of a page of vouchers: the (entry_date, id) of the last one shown, opaque to clients.
const encodeExpenseCursor = (e: { entry_date: string; id: number }) => Buffer.from(`${e.entry_date}|${e.id}`).toString("base64url");
function decodeExpenseCursor(s: string): { date: string; id: number } {
  const m = /^(\d{4}-\d{2}-\d{2})\|([1-9][0-9]{0,14})$/.exec(Buffer.from(s, "base64url").toString());
  if (!m) throw new ValidationError([{ path: "/query/cursor", code: "pattern" }]);
  return { date: m[1], id: Number(m[2]) };
}

/**
 * A page of what was paid on a work, newest first, with how many there are and the next page's
 * cursor (null on the last): the ledger's entries on the work's expense accounts, each with its
 * voucher's payee and category where a voucher posted it. The same postings make the budget's
 * `spent`, so the list and the total agree (a reversal is listed, negative; an advance is not
 * spent until a voucher accounts for it).
 */
async function postedPage(db: Db, w: q.WorkRow, limit: number, cursor?: string) {
  const after = cursor ? decodeExpenseCursor(cursor) : undefined;
  const accounts = JSON.parse(w.accounts) as Work["accounts"];
  const { rows, total } = await ledger.entriesOnAccounts(db, w.unit_id, accounts.map((a) => a.id), limit, after);
  const page = rows.slice(0, limit);
  const vouchers = new Map((await q.expensesByEntryIds(db, page.map((r) => r.id))).map((x) => [Number(x.entry_id), x]));
  const categoryOf = new Map(accounts.map((a) => [a.id, a.category as string]));
  const data = page.map((r) => {
    const x = vouchers.get(r.id);
    return {
      id: r.id, entry_date: r.date, voucher_no: r.voucherNo, kind: x?.kind ?? r.kind, category: x?.category ?? categoryOf.get(r.accountId) ?? null,
      amount: toDb(r.amount), payee: x?.payee ?? "", description: x?.description ?? r.description,
    };
  });
  return { data, total, nextCursor: rows.length > limit ? encodeExpenseCursor(data[data.length - 1]) : null };
}

/** A work's posted vouchers for residents, a page at a time (never a draft or a rejected one). */
export async function publicExpenses(db: Db, workId: number, limit: number, cursor?: string) {
  const row = await q.findWork(db, workId);
  if (!row) throw new NotFoundError("work", { id: workId });
  await publicUnit(db, row.unit_id);
  return postedPage(db, row, limit, cursor);
}

/**
 * Page `page` (from 1) of a work's posted vouchers, `size` a page, newest first, for the work's
 * public page (?page=): the same list as the cursor pages, read in one go up to that page.
 */
export async function publicExpensePage(db: Db, workId: number, page: number, size: number) {
  const r = await publicExpenses(db, workId, page * size);
  return { data: r.data.slice((page - 1) * size).map(publicExpenseDto), total: r.total };
}

import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, asSystem, authorize, audit, covers, findUnit, holdsRole, STAFF } from "../identity";
import * as ledger from "../ledger";
import * as notify from "../notify/tell";
import { addDays, checkDate } from "../shared/dates";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation } from "../shared/errors";
import { dong, fromDb, toDb, toWire, ZERO, Dong } from "../shared/money";
import { costPhrase } from "../shared/glossary";
import { checkAttachments, linkAttachments } from "./attachments";
import { assertPayable } from "./holds";
import { workIn, WRITERS, type CostCategory, type Work } from "./works";
import * as q from "./queries";

// Payment vouchers (phiếu chi) and advances of a work: posted at once at or below the unit's
// approval threshold, otherwise a draft that a head other than its drafter approves or rejects.

export interface ExpenseInput {
  category: CostCategory;
  amount: Dong;
  date: string;
  payee: string;
  description: string;
  method: ledger.PaymentMethod;
  attachmentIds?: number[];
}
export interface VoucherResult {
  id: number;
  status: "posted" | "draft";
  voucherNo?: string;
  entryId?: number;
  /** Why a draft waits for approval: above the threshold alone, or with the payee's other vouchers (split_payment). */
  approvalReason?: "threshold" | "split_payment";
}

const PAID_NOW = ["cash", "bank"];

/** One payee however it was typed: NFC, case and spacing aside. */
const payeeKey = (s: string) => s.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();

/**
 * Vouchers paid out of cash or bank to one payee on one work, dated less than 30 days apart, that
 * together pass the threshold are one payment split in pieces: the piece that passes it waits for a
 * head like a large one (DESIGN §6). A voucher settled from an advance or left payable moves no
 * money now (the advance itself was such a payment).
 */
async function passesWithPayee(db: Db, workId: number, input: { payee: string; date: string; amount: Dong; method: string }, threshold: Dong): Promise<boolean> {
  if (!PAID_NOW.includes(input.method)) return false;
  const key = payeeKey(input.payee);
  const days = ledger.SPLIT_WINDOW_DAYS;
  let sum = input.amount;
  for (const r of await q.postedBetween(db, workId, addDays(input.date, -days), addDays(input.date, days), PAID_NOW)) if (payeeKey(r.payee) === key) sum = dong(sum + fromDb(r.amount));
  return sum > threshold;
}

/** What the work's crew was advanced and has not yet accounted for with expenses (141, per work). */
async function outstandingAdvance(db: Db, workId: number): Promise<Dong> {
  let out = ZERO;
  for (const r of await q.postedByKindAndMethod(db, workId)) {
    if (r.kind === "advance") out = dong(out + fromDb(r.total));
    if (r.kind === "expense" && r.method === "advance") out = dong(out - fromDb(r.total));
  }
  return out;
}

async function postVoucher(trx: Knex.Transaction, actor: Actor, w: q.WorkRow, e: Omit<q.ExpenseRow, "id">): Promise<ledger.Entry> {
  const amount = fromDb(e.amount);
  const category = e.category as CostCategory;
  const costAccountId = e.kind === "advance" ? undefined : (JSON.parse(w.accounts) as Work["accounts"]).find((a) => a.category === category)!.id;
  const what = e.kind === "advance" ? "Tạm ứng" : costPhrase(category);
  if (e.method === "advance" && amount > (await outstandingAdvance(trx, w.id))) {
    throw new RuleViolation("advance_exceeded", { outstanding: toWire(await outstandingAdvance(trx, w.id)) });
  }
  const postings = ledger.expensePostings({ kind: e.kind as "expense" | "advance", method: e.method as ledger.PaymentMethod, amount, costAccountId });
  const [entry] = await ledger.postEntries(
    trx,
    actor,
    w.unit_id,
    [{ date: e.entry_date, kind: "expense", series: "PC", workId: w.id, payee: e.payee, description: `${what} - ${w.name}: ${e.description} (${e.payee})`.slice(0, 2000), postings }],
    { audit: false, because: asSystem("a work's payment voucher") },
  );
  return entry;
}

async function recordVoucher(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, kind: "expense" | "advance", input: ExpenseInput): Promise<VoucherResult> {
  const unit = await authorize(trx, actor, WRITERS, unitId);
  await workIn(trx, unitId, workId);
  await q.lockWork(trx, workId);
  const w = (await q.findWork(trx, workId))!;
  await assertPayable(trx, w);
  checkDate(input.date, "/date", actor.at);
  const attachments = await checkAttachments(trx, [unitId], input.attachmentIds ?? [], "/attachmentIds");
  // Above the unit's threshold, alone or with the payee's other vouchers of 30 days, a head must
  // approve first (maker-checker, DESIGN §6).
  const threshold = fromDb(unit.approvalThreshold);
  const reason = input.amount > threshold ? "threshold" : (await passesWithPayee(trx, workId, input, threshold)) ? "split_payment" : undefined;
  const draft = reason !== undefined;
  const row: Omit<q.ExpenseRow, "id"> = {
    unit_id: unitId, work_id: workId, kind, category: kind === "expense" ? input.category : null, amount: toDb(input.amount), entry_date: input.date,
    payee: input.payee, description: input.description, method: input.method, status: draft ? "draft" : "posted", entry_id: null, voucher_no: null,
    drafted_by: actor.userId, drafted_by_name: actor.displayName ?? actor.username, created_at: actor.at, decided_by: null, decided_by_name: null, decided_at: null, reject_reason: null,
  };
  if (draft && input.method === "advance") {
    const out = await outstandingAdvance(trx, workId);
    if (input.amount > out) throw new RuleViolation("advance_exceeded", { outstanding: toWire(out) });
  }
  const entry = draft ? undefined : await postVoucher(trx, actor, w, row);
  if (entry) {
    row.entry_id = entry.id;
    row.voucher_no = entry.voucherNo;
  }
  const id = await q.insertExpense(trx, row);
  if (entry) await notify.enqueue(trx, actor.at, { kind: "work_payment", unitId, refId: workId, work: w.name, amount: String(input.amount), payee: input.payee, voucherNo: entry.voucherNo, date: input.date });
  await linkAttachments(trx, attachments, "expense", id, false, actor.at);
  await audit.record(trx, actor, {
    action: `${kind}.${draft ? "drafted" : "posted"}`, entity: "expense", entityId: id, unitId,
    details: { workId, amount: row.amount, method: input.method, entryId: entry?.id, voucherNo: entry?.voucherNo },
  });
  return entry ? { id, status: "posted", voucherNo: entry.voucherNo, entryId: entry.id } : { id, status: "draft", approvalReason: reason };
}

/** Records a payment voucher (phiếu chi) for a work: posted (Dr 8xx / Cr 111|112|331|141), or a draft above the threshold. */
export async function recordExpense(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, input: ExpenseInput): Promise<VoucherResult> {
  return recordVoucher(trx, actor, unitId, workId, "expense", input);
}

/** Advances money to the work's crew (Dr 141 / Cr 111|112); expenses paid "from the advance" settle it. */
export async function recordAdvance(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, input: Omit<ExpenseInput, "category">): Promise<VoucherResult> {
  return recordVoucher(trx, actor, unitId, workId, "advance", { ...input, category: "other" });
}

/**
 * Who decides a draft: a head of the unit (or above it), never its drafter (segregation of duties,
 * DESIGN §2). A voucher a head drafted may also be decided by an admin of a unit above (the
 * commune's admin): a hamlet with one head still has a second pair of eyes.
 */
async function draftFor(trx: Knex.Transaction, actor: Actor, unitId: number, expenseId: number, to: "posted" | "rejected") {
  const unit = await findUnit(trx, unitId);
  if (!unit) throw new NotFoundError("unit", { id: unitId });
  const asHead = covers(actor, ["head"], unit.path);
  const asAdminAbove = actor.scopes.some((s) => s.role === "admin" && unit.path.startsWith(s.path) && s.path !== unit.path);
  if (!asHead && !asAdminAbove) throw new ForbiddenError("forbidden", { needs: ["head"] });
  const first = await q.findExpense(trx, unitId, expenseId);
  if (!first) throw new NotFoundError("expense", { id: expenseId });
  await q.lockWork(trx, first.work_id);
  const e = (await q.findExpense(trx, unitId, expenseId))!;
  if (e.status !== "draft") throw new ConflictError("invalid_transition", { state: e.status, allowed: [] });
  if (e.drafted_by !== null && e.drafted_by === actor.userId) throw new ForbiddenError("maker_checker", { expenseId });
  if (!asHead && !(e.drafted_by !== null && (await holdsRole(trx, e.drafted_by, ["head"], unit.path)))) throw new ForbiddenError("forbidden", { needs: ["head"] });
  void to;
  return e;
}

/** A head approves a draft voucher: it is posted now. 403 maker_checker for its drafter; 409 when held or not a draft. */
export async function approveExpense(trx: Knex.Transaction, actor: Actor, unitId: number, expenseId: number): Promise<VoucherResult> {
  const e = await draftFor(trx, actor, unitId, expenseId, "posted");
  const w = (await q.findWork(trx, e.work_id))!;
  await assertPayable(trx, w);
  // The approval goes in first: the database posts a payment above the threshold only against an
  // approved voucher still waiting for its entry (payments_approved trigger).
  await q.updateExpense(trx, e.id, { status: "posted", decided_by: actor.userId, decided_by_name: actor.displayName ?? actor.username, decided_at: actor.at });
  const entry = await postVoucher(trx, actor, w, e);
  await q.updateExpense(trx, e.id, { entry_id: entry.id, voucher_no: entry.voucherNo });
  await notify.enqueue(trx, actor.at, { kind: "work_payment", unitId, refId: e.work_id, work: w.name, amount: String(e.amount), payee: e.payee, voucherNo: entry.voucherNo, date: e.entry_date });
  await audit.record(trx, actor, { action: `${e.kind}.approved`, entity: "expense", entityId: e.id, unitId, details: { entryId: entry.id, voucherNo: entry.voucherNo } });
  return { id: e.id, status: "posted", voucherNo: entry.voucherNo, entryId: entry.id };
}

/** A head rejects a draft voucher with a reason; nothing reaches the ledger. */
export async function rejectExpense(trx: Knex.Transaction, actor: Actor, unitId: number, expenseId: number, reason: string) {
  const e = await draftFor(trx, actor, unitId, expenseId, "rejected");
  await q.updateExpense(trx, e.id, { status: "rejected", reject_reason: reason, decided_by: actor.userId, decided_by_name: actor.displayName ?? actor.username, decided_at: actor.at });
  await audit.record(trx, actor, { action: `${e.kind}.rejected`, entity: "expense", entityId: e.id, unitId, details: { reason } });
  return { id: e.id, status: "rejected" as const };
}

export async function listExpenses(db: Db, actor: Actor, unitId: number, workId: number) {
  await authorize(db, actor, STAFF, unitId);
  await workIn(db, unitId, workId);
  const rows = await q.expensesOf(db, workId);
  const files = rows.length ? await q.linksOf(db, "expense", rows.map((r) => r.id)) : [];
  return rows.map((r) => ({ ...r, files: files.filter((f) => f.ref_id === r.id) }));
}

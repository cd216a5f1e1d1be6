import type { Knex } from "knex";
import Decimal from "decimal.js";
import { together, type Db } from "../db/knex";
import { Actor, authorize, audit, covers, findUnit, holdsRole, resolveRefs, Role, STAFF, Unit } from "../identity";
import * as ledger from "../ledger";
import { addDays, isValidDate, localDate } from "../shared/dates";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from "../shared/errors";
import { fromDb, toDb, Dong } from "../shared/money";
import { checkAttachments, linkAttachments } from "./attachments";
import { COST_CATEGORIES, SOURCES, STATUSES } from "./schemas";
import * as q from "./queries";

export type WorkStatus = (typeof STATUSES)[number];
export type CostCategory = (typeof COST_CATEGORIES)[number];
export type Source = (typeof SOURCES)[number];

/** Works and consultations: the unit's treasurer or head (issue 5, "Who"). */
export const WRITERS: Role[] = ["treasurer", "head"];

// Issue 5: the only moves a work makes; anything else is 409 invalid_transition.
export const MOVES: Record<WorkStatus, WorkStatus[]> = {
  proposed: ["consulting", "approved", "cancelled"],
  consulting: ["approved", "cancelled"],
  approved: ["in_progress", "cancelled"],
  in_progress: ["completed", "cancelled"],
  completed: ["accepted"],
  accepted: ["settled"],
  settled: [],
  cancelled: [],
};
// DESIGN §3: 8 + the work's two-digit number + this digit (work 1: 8011 materials ... 8014 other).
export const CATEGORY_DIGIT: Record<CostCategory, string> = { materials: "1", labour: "2", machinery: "3", other: "4" };
const CATEGORY_VI: Record<CostCategory, string> = { materials: "vật liệu", labour: "nhân công", machinery: "máy thi công", other: "chi khác" };
// Cr side of a payment by method: cash, bank, owed to the supplier, or out of the crew's advance.
const CREDIT_OF: Record<string, string> = { cash: "111", bank: "112", payable: "331", advance: "141" };

/**
 * What works needs to know from supervision, given by modules.ts (supervision depends on works,
 * not the other way round): which findings keep a work from being settled, and what the public
 * page shows of its inspections, findings and feedback.
 */
export interface Oversight {
  unsettledFindings(db: Db, workId: number): Promise<number[]>;
  publicSupervision(db: Db, workIds: number[], today: string): Promise<Map<number, PublicSupervision>>;
}
export interface PublicSupervision {
  inspections: unknown[];
  feedback: unknown[];
  findings: { total: number; open: number; overdue: number };
}

export interface Line {
  category: string;
  amount: Dong;
  campaignId: number | null;
}
export interface Work {
  id: number;
  unitId: number;
  number: number;
  name: string;
  location: string;
  category: string;
  description: string | null;
  contractor: string | null;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  status: WorkStatus;
  progress: number;
  estimate: Line[];
  funding: Line[];
  accounts: { category: CostCategory; code: string; id: number }[];
  holds: { findingId: number; placedAt: string }[];
  createdAt: string;
  updatedAt: string;
}

function toWork(r: q.WorkRow, lines: q.LineRow[], holds: { finding_id: number; placed_at: string; lifted_at: string | null }[] = []): Work {
  const mine = lines.filter((l) => l.work_id === r.id);
  const line = (l: q.LineRow): Line => ({ category: l.category, amount: fromDb(l.amount), campaignId: l.campaign_id });
  return {
    id: r.id,
    unitId: r.unit_id,
    number: r.number,
    name: r.name,
    location: r.location,
    category: r.category,
    description: r.description,
    contractor: r.contractor,
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    actualStart: r.actual_start,
    actualEnd: r.actual_end,
    status: r.status as WorkStatus,
    progress: r.progress,
    estimate: mine.filter((l) => l.kind === "estimate").map(line),
    funding: mine.filter((l) => l.kind === "funding").map(line),
    accounts: JSON.parse(r.accounts),
    holds: holds.filter((h) => !h.lifted_at).map((h) => ({ findingId: h.finding_id, placedAt: h.placed_at })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function loadWork(db: Db, r: q.WorkRow): Promise<Work> {
  return toWork(r, await q.linesOf(db, [r.id]), await q.holdsOf(db, r.id));
}

async function workIn(db: Db, unitId: number, workId: number): Promise<q.WorkRow> {
  const w = await q.findWorkIn(db, unitId, workId);
  if (!w) throw new NotFoundError("work", { id: workId });
  return w;
}

const today = (actor: Actor) => localDate(new Date(actor.at));

function checkDate(date: string, path: string, actor: Actor, future = false) {
  if (!isValidDate(date)) throw new ValidationError([{ path, code: "invalid_date" }]);
  if (!future && date > today(actor)) throw new RuleViolation("future_date", { date, today: today(actor) });
}

/** A funding line's campaign is of the work's unit (or under it): 404 campaign otherwise. */
async function checkFunding(db: Db, unitId: number, funding: { campaignId?: number }[] | undefined) {
  await resolveRefs(db, unitId, (funding ?? []).map((f, i) => ({ entity: "campaign" as const, id: f.campaignId, path: `/funding/${i}/campaignId` })));
}

function lineRows(workId: number, unitId: number, input: { estimate?: { category: string; amount: string }[]; funding?: { source: string; amount: string; campaignId?: number }[] }) {
  const rows: Omit<q.LineRow, "id">[] = [];
  for (const e of input.estimate ?? []) rows.push({ work_id: workId, unit_id: unitId, kind: "estimate", category: e.category, amount: e.amount, campaign_id: null });
  for (const f of input.funding ?? []) rows.push({ work_id: workId, unit_id: unitId, kind: "funding", category: f.source, amount: f.amount, campaign_id: f.campaignId ?? null });
  return rows;
}

// ---------------------------------------------------------------- works

export interface WorkInput {
  name: string;
  location: string;
  category: string;
  description?: string;
  estimate: { category: CostCategory; amount: string }[];
  funding: { source: Source; amount: string; campaignId?: number }[];
  contractor?: string | null;
  plannedStart: string;
  plannedEnd: string;
}

/** Records a proposed work and opens its expense accounts (8 + number + category digit). Treasurer or head. */
export async function proposeWork(trx: Knex.Transaction, actor: Actor, unitId: number, input: WorkInput): Promise<Work> {
  await authorize(trx, actor, WRITERS, unitId);
  checkDate(input.plannedStart, "/plannedStart", actor, true);
  checkDate(input.plannedEnd, "/plannedEnd", actor, true);
  if (input.plannedEnd < input.plannedStart) throw new RuleViolation("end_before_start", { startDate: input.plannedStart, endDate: input.plannedEnd });
  await checkFunding(trx, unitId, input.funding);
  const number = (await q.lastWorkNumber(trx, unitId)) + 1;
  if (number > 99) throw new RuleViolation("no_free_work_number", { max: 99 });
  const nn = String(number).padStart(2, "0");
  const accounts = [];
  for (const category of COST_CATEGORIES) {
    const acc = await ledger.openAccountUnchecked(trx, actor, unitId, {
      code: `8${nn}${CATEGORY_DIGIT[category]}`,
      name: `Chi ${CATEGORY_VI[category]}: ${input.name}`.slice(0, 200),
      type: "expense",
    });
    accounts.push({ category, code: acc.code, id: acc.id });
  }
  const id = await q.insertWork(trx, {
    unit_id: unitId,
    number,
    name: input.name,
    location: input.location,
    category: input.category,
    description: input.description ?? null,
    contractor: input.contractor ?? null,
    planned_start: input.plannedStart,
    planned_end: input.plannedEnd,
    actual_start: null,
    actual_end: null,
    status: "proposed",
    progress: 0,
    accounts: JSON.stringify(accounts),
    created_by: actor.userId,
    created_at: actor.at,
    updated_at: actor.at,
  });
  await q.insertLines(trx, lineRows(id, unitId, input));
  await audit.record(trx, actor, { action: "work.proposed", entity: "work", entityId: id, unitId, details: { name: input.name, accounts: accounts.map((a) => a.code) } });
  return loadWork(trx, (await q.findWork(trx, id))!);
}

/** The unit's works (staff of the unit, inspectors of its boards). */
export async function listWorks(db: Db, actor: Actor, unitId: number): Promise<Work[]> {
  await authorize(db, actor, STAFF, unitId);
  const rows = await q.listWorks(db, unitId);
  const lines = rows.length ? await q.linesOf(db, rows.map((r) => r.id)) : [];
  return rows.map((r) => toWork(r, lines));
}

export async function getWork(db: Db, actor: Actor, unitId: number, workId: number) {
  await authorize(db, actor, STAFF, unitId);
  const row = await workIn(db, unitId, workId);
  const [work, transitions, progress] = await together(db, () => loadWork(db, row), () => q.transitionsOf(db, workId), () => progressWithPhotos(db, workId));
  return { work, transitions: transitions.map(transitionView), progress };
}

const transitionView = (t: any) => ({
  from: t.from_status,
  to: t.to_status,
  date: t.date,
  note: t.note,
  decision: t.decision ? JSON.parse(t.decision) : null,
  by: t.created_by_name,
  at: t.created_at,
});

async function progressWithPhotos(db: Db, workId: number) {
  const rows = await q.progressOf(db, workId);
  const photos = rows.length ? await q.linksOf(db, "progress", rows.map((r: any) => r.id)) : [];
  return rows.map((r: any) => ({ date: r.date, percent: r.percent, note: r.note, photos: photos.filter((p: any) => p.ref_id === r.id).map((p: any) => p.id as number), at: r.created_at }));
}

/** Corrects a work's description, estimate or funding plan (not once settled or cancelled). */
export async function reviseWork(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, patch: Partial<WorkInput>): Promise<Work> {
  await authorize(trx, actor, WRITERS, unitId);
  const w = await workIn(trx, unitId, workId);
  if (w.status === "settled" || w.status === "cancelled") throw new ConflictError("work_closed", { state: w.status });
  await checkFunding(trx, unitId, patch.funding);
  const row: Partial<q.WorkRow> = { updated_at: actor.at };
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.location !== undefined) row.location = patch.location;
  if (patch.category !== undefined) row.category = patch.category;
  if (patch.description !== undefined) row.description = patch.description ?? null;
  if (patch.contractor !== undefined) row.contractor = patch.contractor;
  if (patch.plannedStart !== undefined) row.planned_start = patch.plannedStart;
  if (patch.plannedEnd !== undefined) row.planned_end = patch.plannedEnd;
  for (const k of ["plannedStart", "plannedEnd"] as const) if (patch[k] !== undefined) checkDate(patch[k]!, `/${k}`, actor, true);
  const start = row.planned_start ?? w.planned_start;
  const end = row.planned_end ?? w.planned_end;
  if (end < start) throw new RuleViolation("end_before_start", { startDate: start, endDate: end });
  await q.updateWork(trx, workId, row);
  if (patch.estimate) {
    await q.deleteLines(trx, workId, "estimate");
    await q.insertLines(trx, lineRows(workId, unitId, { estimate: patch.estimate }));
  }
  if (patch.funding) {
    await q.deleteLines(trx, workId, "funding");
    await q.insertLines(trx, lineRows(workId, unitId, { funding: patch.funding }));
  }
  await audit.record(trx, actor, { action: "work.revised", entity: "work", entityId: workId, unitId, details: patch });
  return loadWork(trx, (await q.findWork(trx, workId))!);
}

export interface MoveInput {
  to: WorkStatus;
  date?: string;
  note?: string;
  documents?: number[];
  decision?: { date: string; minutesRef: string; householdsTotal: number; householdsAgreeing: number };
}

/**
 * Moves a work along its life (heads of the unit). 409 invalid_transition for a move the machine
 * does not allow; `approved` needs consent (a closed consultation with a majority in favour, or a
 * meeting decision with a majority of all households); `settled` needs every finding resolved or escalated.
 */
export async function moveWork(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, input: MoveInput, oversight: Oversight): Promise<Work> {
  await authorize(trx, actor, ["head"], unitId);
  await workIn(trx, unitId, workId);
  await q.lockWork(trx, workId);
  const w = (await q.findWork(trx, workId))!;
  const state = w.status as WorkStatus;
  const allowed = MOVES[state];
  if (!allowed.includes(input.to)) throw new ConflictError("invalid_transition", { state, allowed });
  const date = input.date ?? today(actor);
  checkDate(date, "/date", actor);
  if (input.to === "approved") await checkConsent(trx, w, input.decision, actor);
  if (input.to === "settled") {
    const open = await oversight.unsettledFindings(trx, workId);
    if (open.length) throw new RuleViolation("findings_unresolved", { findingIds: open });
  }
  const documents = await checkAttachments(trx, [unitId], input.documents ?? [], "/documents");
  const row: Partial<q.WorkRow> = { status: input.to, updated_at: actor.at };
  if (input.to === "in_progress") row.actual_start = date;
  if (input.to === "completed") row.actual_end = date;
  await q.updateWork(trx, workId, row);
  const tid = await q.insertTransition(trx, {
    work_id: workId, unit_id: unitId, from_status: state, to_status: input.to, date, note: input.note ?? null,
    decision: input.decision ? JSON.stringify(input.decision) : null, created_by: actor.userId, created_by_name: actor.displayName ?? actor.username, created_at: actor.at,
  });
  await linkAttachments(trx, documents, "transition", tid, true, actor.at);
  await audit.record(trx, actor, { action: "work.moved", entity: "work", entityId: workId, unitId, details: { from: state, to: input.to, date } });
  return loadWork(trx, (await q.findWork(trx, workId))!);
}

/** A work is approved on residents' consent: a meeting decision, or a closed consultation in favour. */
async function checkConsent(db: Db, w: q.WorkRow, decision: MoveInput["decision"], actor: Actor) {
  if (decision) {
    if (decision.householdsAgreeing > decision.householdsTotal) throw new RuleViolation("decision_inconsistent", { ...decision });
    // A majority of ALL the households, exact in integers.
    if (decision.householdsAgreeing * 2 > decision.householdsTotal) return;
  }
  const closed = (await q.consultationsOf(db, w.id)).filter((c) => c.closes_at <= actor.at);
  if (closed.length) {
    const t = await tallyOf(db, closed.map((c) => c.id));
    if (closed.some((c) => inFavour(t.get(c.id) ?? zeroTally()))) return;
  }
  if (decision) throw new RuleViolation("decision_below_majority", { agreeing: decision.householdsAgreeing, total: decision.householdsTotal });
  throw new RuleViolation("consent_required", {});
}

export type Tally = { agree: number; disagree: number; abstain: number };
export const zeroTally = (): Tally => ({ agree: 0, disagree: 0, abstain: 0 });
/** More than half of the opinions given are "agree". */
export const inFavour = (t: Tally) => t.agree * 2 > t.agree + t.disagree + t.abstain;

export async function tallyOf(db: Db, consultationIds: number[]): Promise<Map<number, Tally>> {
  const out = new Map<number, Tally>();
  if (!consultationIds.length) return out;
  for (const r of await q.tallies(db, consultationIds)) {
    const t = out.get(r.consultation_id) ?? zeroTally();
    t[r.choice as keyof Tally] = Number(r.n);
    out.set(r.consultation_id, t);
  }
  return out;
}

/** A progress update: date, percent, note, photos (public). Treasurer or head. */
export async function recordProgress(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, input: { date: string; percent: number; note?: string; photos?: number[] }) {
  await authorize(trx, actor, WRITERS, unitId);
  const w = await workIn(trx, unitId, workId);
  if (w.status === "settled" || w.status === "cancelled") throw new ConflictError("work_closed", { state: w.status });
  checkDate(input.date, "/date", actor);
  const photos = await checkAttachments(trx, [unitId], input.photos ?? [], "/photos");
  const id = await q.insertProgress(trx, { work_id: workId, unit_id: unitId, date: input.date, percent: input.percent, note: input.note ?? null, created_by: actor.userId, created_at: actor.at });
  await linkAttachments(trx, photos, "progress", id, true, actor.at);
  await q.updateWork(trx, workId, { progress: input.percent, updated_at: actor.at });
  await audit.record(trx, actor, { action: "work.progress_recorded", entity: "work", entityId: workId, unitId, details: { percent: input.percent, date: input.date } });
  return { id, date: input.date, percent: input.percent, note: input.note ?? null, photos };
}

// ---------------------------------------------------------------- holds (placed and lifted by supervision)

/** DESIGN §7: a critical finding holds further payments on its work until it is resolved or escalated. */
export async function placeHold(trx: Knex.Transaction, workId: number, findingId: number, at: string): Promise<void> {
  const w = await q.findWork(trx, workId);
  if (!w) throw new NotFoundError("work", { id: workId });
  await q.lockWork(trx, workId);
  await q.insertHold(trx, { work_id: workId, unit_id: w.unit_id, finding_id: findingId, placed_at: at, lifted_at: null });
}

export async function liftHold(trx: Knex.Transaction, findingId: number, at: string): Promise<void> {
  await q.liftHold(trx, findingId, at);
}

async function assertNoHold(db: Db, workId: number) {
  const h = await q.activeHold(db, workId);
  if (h) throw new ConflictError("blocked_by_finding", { findingId: h.finding_id });
}

function assertPayable(w: q.WorkRow) {
  // Issue 5: expenses may be recorded in any status but cancelled and settled.
  if (w.status === "settled" || w.status === "cancelled") throw new ConflictError("work_closed", { state: w.status });
}

/** A work, for other modules: no access check (they check their own). */
export async function findWork(db: Db, workId: number): Promise<Work | undefined> {
  const r = await q.findWork(db, workId);
  return r && loadWork(db, r);
}

// ---------------------------------------------------------------- expenses

export interface ExpenseInput {
  category: CostCategory;
  amount: Dong;
  date: string;
  payee: string;
  description: string;
  method: "cash" | "bank" | "payable" | "advance";
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
  for (const r of await q.postedBetween(db, workId, addDays(input.date, -days), addDays(input.date, days), PAID_NOW)) if (payeeKey(r.payee) === key) sum = sum.plus(fromDb(r.amount));
  return sum.gt(threshold);
}

/** What the work's crew was advanced and has not yet accounted for with expenses (141, per work). */
async function outstandingAdvance(db: Db, workId: number): Promise<Dong> {
  let out = new Decimal(0);
  for (const r of await q.postedByKindAndMethod(db, workId)) {
    if (r.kind === "advance") out = out.plus(fromDb(r.total));
    if (r.kind === "expense" && r.method === "advance") out = out.minus(fromDb(r.total));
  }
  return out;
}

async function postVoucher(trx: Knex.Transaction, actor: Actor, w: q.WorkRow, e: Omit<q.ExpenseRow, "id">): Promise<ledger.Entry> {
  const amount = fromDb(e.amount);
  let debit: ledger.PostingInput;
  let credit: string;
  let what: string;
  if (e.kind === "advance") {
    debit = { account: "141", amount };
    credit = CREDIT_OF[e.method];
    what = "Tạm ứng";
  } else {
    const acc = (JSON.parse(w.accounts) as Work["accounts"]).find((a) => a.category === e.category)!;
    debit = { accountId: acc.id, amount };
    credit = CREDIT_OF[e.method];
    what = `Chi ${CATEGORY_VI[e.category as CostCategory]}`;
  }
  if (e.method === "advance" && amount.gt(await outstandingAdvance(trx, w.id))) {
    throw new RuleViolation("advance_exceeded", { outstanding: (await outstandingAdvance(trx, w.id)).toFixed(0) });
  }
  const [entry] = await ledger.postEntries(
    trx,
    actor,
    w.unit_id,
    [{ date: e.entry_date, kind: "expense", series: "PC", workId: w.id, payee: e.payee, description: `${what} - ${w.name}: ${e.description} (${e.payee})`.slice(0, 2000), postings: [debit, { account: credit, amount: amount.negated() }] }],
    { audit: false },
  );
  return entry;
}

async function recordVoucher(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, kind: "expense" | "advance", input: ExpenseInput): Promise<VoucherResult> {
  const unit = await authorize(trx, actor, WRITERS, unitId);
  await workIn(trx, unitId, workId);
  await q.lockWork(trx, workId);
  const w = (await q.findWork(trx, workId))!;
  assertPayable(w);
  await assertNoHold(trx, workId);
  checkDate(input.date, "/date", actor);
  const attachments = await checkAttachments(trx, [unitId], input.attachmentIds ?? [], "/attachmentIds");
  // Above the unit's threshold, alone or with the payee's other vouchers of 30 days, a head must
  // approve first (maker-checker, DESIGN §6).
  const threshold = fromDb(unit.approvalThreshold);
  const reason = input.amount.gt(threshold) ? "threshold" : (await passesWithPayee(trx, workId, input, threshold)) ? "split_payment" : undefined;
  const draft = reason !== undefined;
  const row: Omit<q.ExpenseRow, "id"> = {
    unit_id: unitId, work_id: workId, kind, category: kind === "expense" ? input.category : null, amount: toDb(input.amount), entry_date: input.date,
    payee: input.payee, description: input.description, method: input.method, status: draft ? "draft" : "posted", entry_id: null, voucher_no: null,
    drafted_by: actor.userId, drafted_by_name: actor.displayName ?? actor.username, created_at: actor.at, decided_by: null, decided_by_name: null, decided_at: null, reject_reason: null,
  };
  if (draft && input.method === "advance") {
    const out = await outstandingAdvance(trx, workId);
    if (input.amount.gt(out)) throw new RuleViolation("advance_exceeded", { outstanding: out.toFixed(0) });
  }
  const entry = draft ? undefined : await postVoucher(trx, actor, w, row);
  if (entry) {
    row.entry_id = entry.id;
    row.voucher_no = entry.voucherNo;
  }
  const id = await q.insertExpense(trx, row);
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
  assertPayable(w);
  await assertNoHold(trx, w.id);
  // The approval goes in first: the database posts a payment above the threshold only against an
  // approved voucher still waiting for its entry (payments_approved trigger).
  await q.updateExpense(trx, e.id, { status: "posted", decided_by: actor.userId, decided_by_name: actor.displayName ?? actor.username, decided_at: actor.at });
  const entry = await postVoucher(trx, actor, w, e);
  await q.updateExpense(trx, e.id, { entry_id: entry.id, voucher_no: entry.voucherNo });
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
  return rows.map((r) => ({ ...r, attachments: files.filter((f: any) => f.ref_id === r.id).map((f: any) => f.id as number) }));
}

// ---------------------------------------------------------------- budget vs actual

export interface Budget {
  byCategory: { category: CostCategory; account: string; planned: Dong; spent: Dong; remaining: Dong; overspent: boolean }[];
  bySource: { source: Source; planned: Dong; received: Dong }[];
  totals: { planned: Dong; funded: Dong; received: Dong; spent: Dong; remaining: Dong; overspent: boolean };
}

/** Account closings of a unit at the end of time: the sums of every posting, straight from the ledger. */
async function balances(db: Db, unitId: number): Promise<Map<string, Dong>> {
  const tb = await ledger.trialBalanceUnchecked(db, unitId, "0001-01-01", "9999-12-31");
  return new Map(tb.rows.map((r) => [r.account, r.closing]));
}

// In-kind gifts are valued on the campaign's 891-899 (or 8901-8999) accounts (contributions).
const IN_KIND_ACCOUNT = /^89[0-9]{1,2}$/;

async function budgetOf(db: Db, w: Work, bal: Map<string, Dong>): Promise<Budget> {
  const zero = new Decimal(0);
  const byCategory = COST_CATEGORIES.map((category) => {
    const planned = w.estimate.filter((l) => l.category === category).reduce((a, l) => a.plus(l.amount), zero);
    const account = w.accounts.find((a) => a.category === category)!.code;
    const spent = bal.get(account) ?? zero;
    return { category, account, planned, spent, remaining: planned.minus(spent), overspent: spent.gt(planned) };
  });
  const received = new Map<number, { cash: Dong; inKind: Dong }>();
  for (const id of new Set(w.funding.map((f) => f.campaignId).filter((x): x is number => x !== null))) {
    const sums = await ledger.campaignSums(db, w.unitId, id);
    received.set(id, {
      cash: sums.filter((s) => s.account === "111" || s.account === "112").reduce((a, s) => a.plus(s.total), zero),
      inKind: sums.filter((s) => IN_KIND_ACCOUNT.test(s.account)).reduce((a, s) => a.plus(s.total), zero),
    });
  }
  const bySource = SOURCES.filter((s) => w.funding.some((f) => f.category === s)).map((source) => {
    const lines = w.funding.filter((f) => f.category === source);
    const planned = lines.reduce((a, l) => a.plus(l.amount), zero);
    // Only money the ledger can tie to the work: a campaign's receipts (community) or valued gifts (in_kind).
    const got = [...new Set(lines.map((l) => l.campaignId).filter((x): x is number => x !== null))].reduce((a, id) => {
      const r = received.get(id)!;
      return a.plus(source === "in_kind" ? r.inKind : source === "community" ? r.cash : zero);
    }, zero);
    return { source, planned, received: got };
  });
  const planned = byCategory.reduce((a, c) => a.plus(c.planned), zero);
  const spent = byCategory.reduce((a, c) => a.plus(c.spent), zero);
  return {
    byCategory,
    bySource,
    totals: {
      planned,
      funded: w.funding.reduce((a, l) => a.plus(l.amount), zero),
      received: bySource.reduce((a, s) => a.plus(s.received), zero),
      spent,
      remaining: planned.minus(spent),
      overspent: byCategory.some((c) => c.overspent),
    },
  };
}

/** Budget vs actual per cost category (spent = the work's expense accounts in the ledger) and per source. */
export async function workBudget(db: Db, actor: Actor, unitId: number, workId: number): Promise<Budget> {
  await authorize(db, actor, STAFF, unitId);
  const w = await loadWork(db, await workIn(db, unitId, workId));
  return budgetOf(db, w, await balances(db, unitId));
}

// ---------------------------------------------------------------- public data

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

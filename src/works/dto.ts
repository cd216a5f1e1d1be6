import { toWire } from "../shared/money";
import type { Attachment } from "./attachments";
import type { ConsultationView } from "./consultations";
import type { Budget } from "./budget";
import type { Work } from "./works";
import type { AttachmentRow, ExpenseRow } from "./queries";
import type { AttachmentWire, BudgetWire, ConsultationWire, ExpenseWire, PublicWorkWire, WorkWire } from "./wire";

// Wire shapes by hand: camelCase, amounts as decimal strings of đồng. Public shapes are separate
// functions that name every field they show: never a phone, a PIN, a draft or who chose what.
// Staff shapes return their types from wire.ts, which the web client imports.

/** A work as staff see it: the public shape plus funding's campaigns, accounts, holds and timestamps. */
export const workDto = (w: Work): WorkWire => ({
  ...publicWorkDto(w),
  funding: w.funding.map((l) => ({ source: l.category, amount: toWire(l.amount), campaignId: l.campaignId })),
  accounts: w.accounts.map((a) => ({ category: a.category, code: a.code })),
  holds: w.holds,
  decisionId: w.decisionId,
  warnings: w.warnings,
  createdAt: w.createdAt,
  updatedAt: w.updatedAt,
});

export const budgetDto = (b: Budget): BudgetWire => ({
  byCategory: b.byCategory.map((c) => ({ category: c.category, account: c.account, planned: toWire(c.planned), spent: toWire(c.spent), remaining: toWire(c.remaining), overspent: c.overspent })),
  bySource: b.bySource.map((s) => ({ source: s.source, planned: toWire(s.planned), received: toWire(s.received) })),
  byCampaign: b.byCampaign.map((c) => ({ campaignId: c.campaignId, source: c.source, planned: toWire(c.planned), received: toWire(c.received) })),
  totals: {
    planned: toWire(b.totals.planned),
    funded: toWire(b.totals.funded),
    received: toWire(b.totals.received),
    spent: toWire(b.totals.spent),
    remaining: toWire(b.totals.remaining),
    overspent: b.totals.overspent,
    paid: toWire(b.totals.paid),
    owed: toWire(b.totals.owed),
    balance: toWire(b.totals.balance),
  },
});

export const expenseDto = (e: ExpenseRow & { files?: AttachmentRow[] }): ExpenseWire => ({
  id: e.id,
  unitId: e.unit_id,
  workId: e.work_id,
  kind: e.kind,
  category: e.category,
  amount: String(e.amount),
  date: e.entry_date,
  payee: e.payee,
  description: e.description,
  method: e.method,
  status: e.status,
  voucherNo: e.voucher_no,
  entryId: e.entry_id === null ? null : Number(e.entry_id),
  draftedBy: e.drafted_by,
  draftedByName: e.drafted_by_name,
  decidedBy: e.decided_by,
  decidedByName: e.decided_by_name,
  decidedAt: e.decided_at,
  rejectReason: e.reject_reason,
  attachmentIds: (e.files ?? []).map((f) => f.id),
  attachments: (e.files ?? []).map((f) => ({ id: f.id, type: f.mime, name: f.original_name })),
  createdAt: e.created_at,
});

export const attachmentDto = (a: Attachment): AttachmentWire => ({ id: a.id, unitId: a.unitId, sha256: a.sha256, type: a.mime, size: a.size, name: a.name, createdAt: a.createdAt });

export const consultationDto = (c: ConsultationView): ConsultationWire => ({
  id: c.id,
  unitId: c.unitId,
  workId: c.workId,
  question: c.question,
  documents: c.documents.map((d) => ({ ...d, url: `/api/v1/public/attachments/${d.id}` })),
  opensAt: c.opensAt,
  closesAt: c.closesAt,
  status: c.status,
  tally: c.tally,
  result: c.result,
  response: c.response,
});

/** A posted voucher as residents see it. */
/** What was paid on a work, for residents: a voucher, or an entry on the work's accounts (kind "reversal", …). */
export const publicExpenseDto = (e: Pick<ExpenseRow, "voucher_no" | "entry_date" | "category" | "amount" | "payee" | "description"> & { kind: string }) => ({
  voucherNo: e.voucher_no,
  date: e.entry_date,
  kind: e.kind,
  category: e.category,
  amount: String(e.amount),
  payee: e.payee,
  description: e.description,
});

export const publicWorkDto = (w: Work): PublicWorkWire => ({
  id: w.id,
  unitId: w.unitId,
  number: w.number,
  name: w.name,
  location: w.location,
  category: w.category,
  description: w.description,
  contractor: w.contractor,
  selfBuilt: w.contractor === null,
  plannedStart: w.plannedStart,
  plannedEnd: w.plannedEnd,
  actualStart: w.actualStart,
  actualEnd: w.actualEnd,
  status: w.status,
  progress: w.progress,
  estimate: w.estimate.map((l) => ({ category: l.category, amount: toWire(l.amount) })),
  funding: w.funding.map((l) => ({ source: l.category, amount: toWire(l.amount) })),
});

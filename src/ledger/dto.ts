import { toWire } from "../shared/money";
import type { Account, Entry, TrialBalanceRow, RegisterRow, Closing } from "./service";
import type { AccountWire, ClosingWire, EntryWire, RegisterRowWire, TrialRowWire } from "./wire";

// Wire shapes by hand: camelCase, amounts as decimal strings of đồng (signed on postings). Each
// returns its type from wire.ts, which the web client imports.

export const accountDto = (a: Account): AccountWire => ({
  id: a.id,
  code: a.code,
  name: a.name,
  type: a.type,
  parentCode: a.parentCode,
  noOverdraft: a.noOverdraft,
  isActive: a.isActive,
});

export const entryDto = (e: Entry): EntryWire => ({
  id: e.id,
  unitId: e.unitId,
  seq: e.seq,
  voucherNo: e.voucherNo,
  date: e.date,
  kind: e.kind,
  description: e.description,
  householdId: e.householdId,
  campaignId: e.campaignId,
  workId: e.workId,
  reverses: e.reverses,
  payee: e.payee,
  ...(e.reversedBy !== undefined ? { reversedBy: e.reversedBy } : {}),
  postings: e.postings.map((p) => ({ account: p.account, accountName: p.accountName, amount: toWire(p.amount), memo: p.memo })),
  hash: e.hash,
  prevHash: e.prevHash,
  hashVersion: e.hashVersion,
  createdBy: e.createdBy,
  createdByName: e.createdByName,
  createdAt: e.createdAt,
});

export const trialRowDto = (r: TrialBalanceRow): TrialRowWire => ({
  account: r.account,
  name: r.name,
  type: r.type,
  opening: toWire(r.opening),
  debit: toWire(r.debit),
  credit: toWire(r.credit),
  closing: toWire(r.closing),
});

export const registerRowDto = (r: RegisterRow): RegisterRowWire => ({
  entryId: r.entryId,
  seq: r.seq,
  voucherNo: r.voucherNo,
  date: r.date,
  kind: r.kind,
  description: r.description,
  memo: r.memo,
  debit: toWire(r.debit),
  credit: toWire(r.credit),
  balance: toWire(r.balance),
});

export const closingDto = (c: Closing): ClosingWire => c;

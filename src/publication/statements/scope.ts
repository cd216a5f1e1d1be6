import type { StatementKind } from "../../../reports/statements";
import * as contributions from "../../contributions";
import type { Db } from "../../db/knex";
import type { Unit } from "../../identity";
import * as ledger from "../../ledger";
import * as works from "../../works";
import type { StatementParams } from "../model";

// Which entries can change a statement, per kind, in one place: a correction lists the entries of
// its scope since the superseded copy, and the public verification counts those since a copy as its
// newer entries. Whether a copy is current is decided by its figures (verification.ts rebuilds it);
// the scope says which entries to name.

export interface StatementScope {
  /** Entries concerning these campaigns or posting to these accounts; "all": every entry; "none": no entry. */
  entries: ledger.EntryScope | "all" | "none";
  /** Only entries dated within (a period's statement: an entry dated after its end does not change it). */
  from?: string;
  to?: string;
  /** A receipt: the one entry that changes it is its reversal. */
  reversalOf?: number;
}

/** The scope of one statement of a unit (parameters checked; its subject may since have gone: then no entry). */
export async function statementScope(db: Db, unit: Unit, kind: StatementKind, params: StatementParams): Promise<StatementScope> {
  switch (kind) {
    case "contribution-list":
      return { entries: { campaignIds: [params.campaignId!] } };
    case "receipts-payments": {
      // the opening balance counts every entry before the period: only the end bounds it
      if (!params.fund) return { entries: "all", to: params.to };
      const fund = await ledger.findAccount(db, unit.id, params.fund);
      if (!fund) return { entries: "none" };
      return { entries: { campaignIds: await contributions.campaignIdsOfFund(db, unit.id, fund.code), accountIds: [fund.id] }, to: params.to };
    }
    case "trial-balance":
      return { entries: "all", to: params.to };
    case "journal":
      return { entries: "all", from: params.from, to: params.to };
    case "cash-book":
    case "bank-book": {
      // the balance carried in counts every entry on the book's money before the period
      const money = await ledger.findAccount(db, unit.id, kind === "cash-book" ? ledger.CHART.cash : ledger.CHART.bank);
      return money ? { entries: { accountIds: [money.id] }, to: params.to } : { entries: "none" };
    }
    case "work-settlement": {
      // its accounts (what it spent and owes), the entries naming it (a supplier paid what it was
      // owed) and the campaigns that fund it (what it raised)
      const work = await works.findWork(db, params.workId!);
      if (!work || work.unitId !== unit.id) return { entries: "none" };
      const campaignIds = [...new Set(work.funding.map((f) => f.campaignId).filter((id): id is number => id !== null))];
      return { entries: { accountIds: work.accounts.map((a) => a.id), campaignIds, workIds: [work.id] } };
    }
    case "receipt":
    case "bank-receipt":
    case "payment-voucher":
      return { entries: "none", reversalOf: params.entryId };
    case "inspection-minutes":
    case "board-report":
    case "decision":
      // the minutes, the board's report and a decision's result hold no amount from the books
      return { entries: "none" };
  }
}

/** The entries of a scope after `afterSeq` up to `throughSeq`, in chain order. */
export async function* entriesInScope(db: Db, unitId: number, scope: StatementScope, afterSeq: number, throughSeq: number) {
  if (scope.reversalOf !== undefined) {
    const e = await ledger.findEntry(db, unitId, scope.reversalOf);
    const [r] = e?.reversedBy ? await ledger.entriesByIds(db, unitId, [e.reversedBy]) : [];
    if (e && r && r.seq > afterSeq && r.seq <= throughSeq) yield { ...r, reversesVoucherNo: e.voucherNo as string | null };
    return;
  }
  if (scope.entries === "none" || afterSeq >= throughSeq) return;
  yield* ledger.streamEntries(db, unitId, { afterSeq, throughSeq, from: scope.from, to: scope.to, scope: scope.entries === "all" ? undefined : scope.entries });
}

/**
 * How many entries of a scope came after `afterSeq`: the entries that change the statement. An entry
 * and its reversal both made since cancel out and count as none (the copy's figures stand).
 */
export async function countChanges(db: Db, unitId: number, scope: StatementScope, afterSeq: number, throughSeq: number): Promise<number> {
  const seen = new Set<number>();
  let n = 0;
  for await (const e of entriesInScope(db, unitId, scope, afterSeq, throughSeq)) {
    seen.add(e.id);
    n++;
    if (e.reverses !== null && e.reverses !== undefined && seen.has(Number(e.reverses))) n -= 2;
  }
  return n;
}

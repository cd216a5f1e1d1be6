import { sum } from "../../shared/money";
import { CHANGES_TABLE, StatementKind } from "../../../reports/statements";
import * as contributions from "../../contributions";
import type { Db } from "../../db/knex";
import type { Unit } from "../../identity";
import * as ledger from "../../ledger";
import * as supervision from "../../supervision";
import * as works from "../../works";
import { isValidDate } from "../../shared/dates";
import { NotFoundError, RuleViolation, ValidationError } from "../../shared/errors";
import type { Row, StatementModel, StatementParams, StatementTable } from "../model";
import { contributionList, journal, receiptsPayments, trialBalance } from "./books";
import { bankBook, cashBook } from "./cash-books";
import { BuildOptions, Built, KindContext, kindContext } from "./context";
import { entriesInScope, StatementScope, statementScope } from "./scope";
import { bankReceipt, paymentVoucher, receipt, voucherEntry } from "./vouchers";
import { inspectionMinutes, workSettlement } from "./works";
import { boardReport } from "./board-report";
import { decisionResult } from "./decision";
import * as decisions from "../../decisions";

// Builds each statement's model from the other modules' services (never their tables): the
// contribution list from contributions, works and minutes from works and supervision, everything
// else from the ledger. A statement is made as of one chain head, read first; the ledger reads that
// stream or aggregate are bounded by it. One builder per kind (books.ts, works.ts).

export type { BuildOptions } from "./context";
export { placeName, runningName } from "./context";
export { receiptCode, RECEIPT_CODE } from "./vouchers";
export { countChanges, statementScope } from "./scope";
export type { StatementScope } from "./scope";

const BUILDERS: Record<StatementKind, (k: KindContext) => Promise<Built>> = {
  "contribution-list": contributionList,
  "receipts-payments": receiptsPayments,
  "work-settlement": workSettlement,
  "inspection-minutes": inspectionMinutes,
  "trial-balance": trialBalance,
  journal,
  receipt,
  "cash-book": cashBook,
  "bank-book": bankBook,
  "payment-voucher": paymentVoucher,
  "bank-receipt": bankReceipt,
  "board-report": boardReport,
  decision: decisionResult,
};

const required = (v: unknown, path: string) => {
  if (v === undefined || v === null || v === "") throw new ValidationError([{ path, code: "required", params: { missingProperty: path.split("/").pop() } }]);
};

/** Checks the parameters a kind needs (400 naming the field): `where` is "/query" or "/statement/params". */
export function checkParams(kind: StatementKind, p: StatementParams, where: string): StatementParams {
  const need = (k: keyof StatementParams) => required(p[k], `${where}/${k}`);
  const period = () => {
    need("from");
    need("to");
    for (const k of ["from", "to"] as const) if (!isValidDate(p[k]!)) throw new ValidationError([{ path: `${where}/${k}`, code: "invalid_date" }]);
    if (p.from! > p.to!) throw new RuleViolation("period_reversed", { from: p.from, to: p.to });
  };
  const only = (keys: (keyof StatementParams)[]) => {
    for (const k of Object.keys(p) as (keyof StatementParams)[]) {
      if (p[k] !== undefined && !keys.includes(k)) throw new ValidationError([{ path: `${where}/${k}`, code: "not_for_kind", params: { kind } }]);
    }
  };
  switch (kind) {
    case "contribution-list":
      need("campaignId");
      only(["campaignId"]);
      return { campaignId: Number(p.campaignId) };
    case "work-settlement":
      need("workId");
      only(["workId"]);
      return { workId: Number(p.workId) };
    case "inspection-minutes":
      need("inspectionId");
      only(["inspectionId"]);
      return { inspectionId: Number(p.inspectionId) };
    case "receipt":
    case "bank-receipt":
    case "payment-voucher":
      need("entryId");
      only(["entryId"]);
      return { entryId: Number(p.entryId) };
    case "receipts-payments":
      period();
      only(["from", "to", "fund"]);
      return p.fund ? { from: p.from, to: p.to, fund: p.fund } : { from: p.from, to: p.to };
    case "trial-balance":
    case "journal":
    case "cash-book":
    case "bank-book":
      period();
      only(["from", "to"]);
      return { from: p.from, to: p.to };
    case "board-report":
      need("boardId");
      period();
      only(["boardId", "from", "to"]);
      return { boardId: Number(p.boardId), from: p.from, to: p.to };
    case "decision":
      need("decisionId");
      only(["decisionId"]);
      return { decisionId: Number(p.decisionId) };
  }
}

/** The rows of the changes-since section: entries of its scope added and reversed after the superseded chain head. */
function changesTable(db: Db, unitId: number, afterSeq: number, throughSeq: number, scope: StatementScope): StatementTable {
  return {
    def: CHANGES_TABLE,
    rows: async function* () {
      for await (const e of entriesInScope(db, unitId, scope, afterSeq, throughSeq)) {
        const debit = sum(e.postings.filter((p) => p.amount > 0n).map((p) => p.amount));
        yield {
          seq: e.seq,
          date: e.date,
          voucher: e.voucherNo,
          change: e.kind === "reversal" ? `Đảo ${e.reversesVoucherNo ?? ""}`.trim() : "Ghi thêm",
          description: e.description,
          amount: debit,
        } satisfies Row;
      }
    },
  };
}

/** Builds the model of one statement of a unit (parameters already checked by checkParams). */
export async function buildStatement(db: Db, unit: Unit, kind: StatementKind, params: StatementParams, o: BuildOptions): Promise<StatementModel> {
  const head = await ledger.chainHead(db, unit.id);
  const { model } = await BUILDERS[kind](await kindContext(db, unit, kind, params, o, head));
  if (o.supersedes) model.tables.push(changesTable(db, unit.id, o.supersedes.seq, head.seq, await statementScope(db, unit, kind, params)));
  return model;
}

/** Checks that what a statement is about exists (a campaign, a receipt's entry, a fund): 404 / 422. */
export async function checkSubject(db: Db, unit: Unit, kind: StatementKind, params: StatementParams): Promise<void> {
  if (kind === "contribution-list" && !(await contributions.findCampaign(db, unit.id, params.campaignId!))) throw new NotFoundError("campaign", { id: params.campaignId });
  if (kind === "receipt" || kind === "bank-receipt" || kind === "payment-voucher") await voucherEntry(db, unit.id, kind, params.entryId!);
  if (kind === "work-settlement") {
    const work = await works.findWork(db, params.workId!);
    if (!work || work.unitId !== unit.id) throw new NotFoundError("work", { id: params.workId });
  }
  // a publication's minutes: the inspection must be published (see buildStatement)
  if (kind === "inspection-minutes") await supervision.checkMinutes(db, unit.id, params.inspectionId!, "publication");
  if (kind === "board-report") await supervision.checkBoardReport(db, unit.id, params.boardId!);
  // only a result the commune recognised is told to residents (422 decision_not_recognised)
  if (kind === "decision") await decisions.decisionResult(db, unit.id, params.decisionId!);
  if (kind === "receipts-payments" && params.fund) {
    const fund = await ledger.findAccount(db, unit.id, params.fund);
    if (!fund || fund.type !== "net_assets") throw new NotFoundError("account", { code: params.fund });
  }
}

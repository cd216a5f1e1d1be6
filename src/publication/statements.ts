import Decimal from "decimal.js";
import {
  BOARD_KIND_NAMES, CHANGES_TABLE, CHECKLIST_NAMES, CHECKLIST_NOT_RECORDED, CHECKLIST_RESULT_NAMES, COST_CATEGORY_NAMES, ESCALATED_TO_NAMES, FINDING_STATUS_NAMES, MINUTES_ADDENDA_TABLE,
  MINUTES_FINDINGS_TABLE, minutesSignatures, SEVERITY_NAMES, SOURCE_NAMES, STATEMENTS, StatementKind, WORK_FINDINGS_TABLE, WORK_SOURCES_TABLE, WORK_STATUS_NAMES,
} from "../../reports/statements";
import * as contributions from "../contributions";
import type { Db } from "../db/knex";
import { Actor, findUnit, Unit } from "../identity";
import * as works from "../works";
import * as supervision from "../supervision";
import * as ledger from "../ledger";
import { dateLineVi, formatDateVi, isValidDate, localDate } from "../shared/dates";
import { NotFoundError, RuleViolation, ValidationError } from "../shared/errors";
import { formatDong } from "../shared/money";
import { fromArray, Opinion, Person, Row, StatementModel, StatementParams, StatementTable } from "./model";

/** The checklist items of DESIGN §7, in the order the minutes list them (supervision's CHECKLIST_ITEMS). */
const CHECKLIST_ORDER = ["design", "progress", "materials", "costs_disclosure", "environment", "land_clearance"];

// Builds each statement's model from the other modules' services (never their tables): the
// contribution list from contributions, everything else from the ledger. A statement is made as of
// one chain head, read first; the ledger reads that stream or aggregate are bounded by it.

export interface BuildOptions {
  /** Who asks (staff, a board, the approving head): the works and supervision reads check it. */
  actor: Actor;
  /** The instant of generation (the clock's). */
  at: Date;
  /** Verification code of a publication; null for a staff download. */
  code: string | null;
  publicBaseUrl: string;
  opinions?: Opinion[];
  drafted?: Person;
  approved?: Person;
  /** A correction: the superseded publication's code and chain head seq. */
  supersedes?: { code: string; seq: number };
}

/** The commune's name as the place of the place-and-date line (documents.md §1): "Xã Tân Linh" → "Tân Linh". */
export function placeName(name: string): string {
  const m = /^(xã|phường|thị trấn|đặc khu|tỉnh|thành phố)\s+(.+)$/iu.exec(name.trim());
  if (!m) return name.trim();
  const rest = m[2];
  // "Phường 12", single-word names keep their level word
  if (/^[0-9]+$/.test(rest) || !/\s/.test(rest)) return name.trim();
  return rest;
}

/** A unit's name in running text: the level word in lower case ("Xã Tân Linh" → "xã Tân Linh"). */
export function runningName(name: string): string {
  return name.replace(/^(Xã|Phường|Thị trấn|Đặc khu|Tỉnh|Thành phố|Thôn|Xóm|Bản|Ấp|Tổ dân phố)(?=\s)/u, (m) => m.toLocaleLowerCase("vi"));
}

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
      need("entryId");
      only(["entryId"]);
      return { entryId: Number(p.entryId) };
    case "receipts-payments":
      period();
      only(["from", "to", "fund"]);
      return p.fund ? { from: p.from, to: p.to, fund: p.fund } : { from: p.from, to: p.to };
    case "trial-balance":
    case "journal":
      period();
      only(["from", "to"]);
      return { from: p.from, to: p.to };
  }
}

async function unitContext(db: Db, unit: Unit) {
  const parent = unit.parentId ? await findUnit(db, unit.parentId) : undefined;
  const commune = unit.kind === "hamlet" ? parent : unit.kind === "commune" ? unit : undefined;
  const parentLine = unit.kind === "hamlet" && parent ? `UBND ${parent.name}` : unit.kind === "commune" && parent ? `UBND ${parent.name}` : null;
  const fullName = parent && unit.kind !== "province" ? `${unit.name}, ${runningName(parent.name)}` : unit.name;
  return { parent, parentLine, fullName, place: placeName((commune ?? unit).name) };
}

const periodLine = (from: string, to: string) => `(Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)})`;

/** The rows of the changes-since section: entries added and reversed after the superseded chain head. */
function changesTable(db: Db, unitId: number, afterSeq: number, throughSeq: number, scope?: ledger.EntryScope): StatementTable {
  return {
    def: CHANGES_TABLE,
    rows: async function* () {
      for await (const e of ledger.streamEntries(db, unitId, { afterSeq, throughSeq, scope })) {
        const debit = e.postings.filter((p) => p.amount.isPositive()).reduce((a, p) => a.plus(p.amount), new Decimal(0));
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
  const ctx = await unitContext(db, unit);
  const date = localDate(o.at);
  const base = {
    kind,
    def: STATEMENTS[kind],
    params,
    unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind },
    parentLine: ctx.parentLine,
    unitFullName: ctx.fullName,
    place: ctx.place,
    date,
    fields: [] as { label: string; value: string }[],
    summary: [] as StatementModel["summary"],
    opinions: o.opinions ?? [],
    drafted: o.drafted,
    approved: o.approved,
    chainHead: head,
    generatedAt: o.at.toISOString(),
    code: o.code,
    verifyUrl: o.code ? `${o.publicBaseUrl}/verify/${o.code}` : `${o.publicBaseUrl}/verify/not-published`,
    changesSince: o.supersedes,
  };
  let scope: ledger.EntryScope | undefined;
  let model: StatementModel;
  switch (kind) {
    case "contribution-list": {
      const campaign = await contributions.findCampaign(db, unit.id, params.campaignId!);
      if (!campaign) throw new NotFoundError("campaign", { id: params.campaignId });
      const list = await contributions.contributionList(db, null, unit.id, campaign.id, { sort: "code", order: "asc", page: 1, limit: Number.MAX_SAFE_INTEGER });
      // law.md L20: public lists show code, head's name and amounts; an exemption shows as "Miễn", never its reason.
      const rows: Row[] = list.data.map((r, i) => ({
        stt: i + 1,
        code: r.code,
        name: r.name,
        suggested: r.suggested,
        paid: r.paid,
        outstanding: r.outstanding,
        exempt: r.exempt ? "Miễn" : "",
        inKind: r.inKind.map((k) => `${k.quantity} ${k.unit}`).join("; "),
        receipts: r.receipts.join(", "),
      }));
      scope = { campaignIds: [campaign.id] };
      const counts = { paid: 0, pledged: 0, exempt: 0, notYet: 0 } as Record<string, number>;
      for (const r of list.data) counts[r.status]++;
      model = {
        ...base,
        subtitle: [`Đợt vận động: ${campaign.name}`, `(Tính đến ${dateLineVi(date)})`],
        period: { from: campaign.startDate, to: date },
        fields: [
          { label: "Mục đích", value: campaign.purpose },
          {
            label: "Căn cứ",
            value: `${campaign.decision.minutesRef} ngày ${formatDateVi(campaign.decision.date)}: ${campaign.decision.householdsAgreeing}/${campaign.decision.householdsTotal} hộ đồng ý`,
          },
          ...(campaign.level ? [{ label: "Mức vận động", value: `${formatDong(campaign.level.amount)} đồng/${campaign.level.per === "person" ? "khẩu" : "hộ"} (tự nguyện)` }] : []),
        ],
        tables: [{ def: STATEMENTS[kind].table, rows: fromArray(rows) }],
        summary: [
          { label: "Số hộ trong danh sách", value: String(list.total) },
          { label: "Số hộ đã đóng góp", value: String(counts.paid) },
          { label: "Số hộ đã đăng ký, chưa đóng", value: String(counts.pledged) },
          { label: "Số hộ được miễn", value: String(counts.exempt) },
          { label: "Số hộ chưa đóng góp", value: String(counts.notYet) },
        ],
        words: { label: STATEMENTS[kind].wordsLabel, amount: list.totals.paid },
      };
      break;
    }
    case "receipts-payments": {
      let subject = `Tiền mặt và tiền gửi của ${unit.name}`;
      if (params.fund) {
        const fund = await ledger.findAccount(db, unit.id, params.fund);
        if (!fund || fund.type !== "net_assets") throw new NotFoundError("account", { code: params.fund });
        const campaignIds = await contributions.campaignIdsOfFund(db, unit.id, fund.code);
        scope = { campaignIds, accountIds: [fund.id] };
        subject = `Quỹ: ${fund.code} ${fund.name}`;
      }
      const flows = await ledger.cashFlows(db, unit.id, params.from!, params.to!, head.seq, scope);
      const zero = new Decimal(0);
      const rows: Row[] = [
        ...flows.receipts.map((r, i) => ({ stt: i + 1, content: `Thu: ${r.name}`, account: r.account, receipts: r.amount, payments: null })),
        ...flows.payments.map((r, i) => ({ stt: flows.receipts.length + i + 1, content: `Chi: ${r.name}`, account: r.account, receipts: null, payments: r.amount })),
      ];
      const totalIn = flows.receipts.reduce((a, r) => a.plus(r.amount), zero);
      const totalOut = flows.payments.reduce((a, r) => a.plus(r.amount), zero);
      model = {
        ...base,
        subtitle: [subject, periodLine(params.from!, params.to!)],
        period: { from: params.from!, to: params.to! },
        tables: [{ def: STATEMENTS[kind].table, rows: fromArray(rows) }],
        summary: [
          { label: "Số dư đầu kỳ", value: flows.opening },
          { label: "Tổng thu trong kỳ", value: totalIn },
          { label: "Tổng chi trong kỳ", value: totalOut },
          { label: "Số dư cuối kỳ", value: flows.closing },
        ],
        words: { label: STATEMENTS[kind].wordsLabel, amount: flows.closing },
      };
      break;
    }
    case "work-settlement": {
      const work = await works.findWork(db, params.workId!);
      if (!work || work.unitId !== unit.id) throw new NotFoundError("work", { id: params.workId });
      const budget = await works.workBudget(db, o.actor, unit.id, work.id);
      const findings = (await supervision.listFindings(db, o.actor, unit.id, { workId: work.id })).data;
      scope = { accountIds: work.accounts.map((a) => a.id) };
      const rows: Row[] = budget.byCategory.map((c, i) => ({
        stt: i + 1,
        content: COST_CATEGORY_NAMES[c.category] ?? c.category,
        account: c.account,
        planned: c.planned,
        spent: c.spent,
        remaining: c.remaining,
      }));
      const sources: Row[] = budget.bySource.map((b, i) => ({ stt: i + 1, source: SOURCE_NAMES[b.source] ?? b.source, planned: b.planned, received: b.received }));
      const found: Row[] = findings.map((f, i) => ({
        stt: i + 1,
        severity: SEVERITY_NAMES[f.severity] ?? f.severity,
        description: f.description,
        recommendation: f.recommendation ?? "",
        dueDate: f.dueDate ?? null,
        status: `${FINDING_STATUS_NAMES[f.status] ?? f.status}${f.overdue ? " (quá hạn)" : ""}`,
      }));
      const dates = (a: string | null, b: string | null) => `${a ? formatDateVi(a) : "…"} - ${b ? formatDateVi(b) : "…"}`;
      model = {
        ...base,
        subtitle: [`Công trình: ${work.name}`, `(Tính đến ${dateLineVi(date)})`],
        period: { from: work.actualStart ?? work.plannedStart, to: date },
        fields: [
          { label: "Địa điểm", value: work.location },
          { label: "Tình trạng", value: `${WORK_STATUS_NAMES[work.status] ?? work.status}, tiến độ ${work.progress}%` },
          { label: "Đơn vị thi công", value: work.contractor ?? "Cộng đồng tự làm" },
          { label: "Thời gian kế hoạch", value: dates(work.plannedStart, work.plannedEnd) },
          { label: "Thời gian thực tế", value: dates(work.actualStart, work.actualEnd) },
        ],
        tables: [
          { def: STATEMENTS[kind].table, rows: fromArray(rows) },
          { def: WORK_SOURCES_TABLE, rows: fromArray(sources) },
          { def: WORK_FINDINGS_TABLE, rows: fromArray(found) },
        ],
        summary: [
          { label: "Tổng dự toán", value: budget.totals.planned },
          { label: "Tổng nguồn vốn đã huy động", value: budget.totals.received },
          { label: "Tổng thực chi", value: budget.totals.spent },
          { label: "Chênh lệch dự toán - thực chi", value: budget.totals.remaining },
          { label: "Phát hiện của Ban Giám sát (chưa khắc phục / tổng số)", value: `${findings.filter((f) => f.status === "open" || f.status === "answered").length} / ${findings.length}` },
        ],
        words: { label: STATEMENTS[kind].wordsLabel, amount: budget.totals.spent },
      };
      break;
    }
    case "inspection-minutes": {
      // Minutes are the inspection as filed (supervision's CONTEXT.md): a draft makes none (409
      // inspection_not_filed). Staff and boards download the minutes of a filed or published
      // inspection; a publication (o.code set: approval) puts them before the public, and issue 5
      // keeps every inspection from the public until the board has published it, so a publication
      // needs it published (409 inspection_not_published).
      const m = await supervision.inspectionMinutes(db, unit.id, params.inspectionId!, { day: date, use: o.code ? "publication" : "download" });
      const work = m.subject.work;
      const boardKind = BOARD_KIND_NAMES[m.board.kind] ?? m.board.kind;
      const recorded = new Map(m.checklist.map((l) => [l.item, l]));
      const items = [...CHECKLIST_ORDER, ...m.checklist.map((l) => l.item).filter((i) => !CHECKLIST_ORDER.includes(i))];
      const rows: Row[] = items.map((item, i) => {
        const l = recorded.get(item);
        return { stt: i + 1, item: CHECKLIST_NAMES[item] ?? item, result: l ? (CHECKLIST_RESULT_NAMES[l.result] ?? l.result) : CHECKLIST_NOT_RECORDED, note: l?.note ?? "" };
      });
      const found: Row[] = m.findings.map((f, i) => ({
        stt: i + 1,
        category: f.category,
        severity: SEVERITY_NAMES[f.severity] ?? f.severity,
        description: f.description,
        recommendation: f.recommendation,
        addressedTo: f.addressedTo,
        dueDate: f.dueDate,
        status: `${FINDING_STATUS_NAMES[f.status] ?? f.status}${f.status === "escalated" && f.escalatedTo ? ` (${ESCALATED_TO_NAMES[f.escalatedTo] ?? f.escalatedTo})` : ""}${f.overdue ? " (quá hạn)" : ""}`,
      }));
      const addenda: Row[] = m.addenda.map((a, i) => ({ stt: i + 1, date: localDate(new Date(a.createdAt)), by: a.by ?? "", text: a.text, attachments: a.attachments }));
      const count = (st: string) => m.findings.filter((f) => f.status === st).length;
      const names = (xs: { name: string }[]) => (xs.length ? xs.map((x) => x.name).join(", ") : "—");
      model = {
        ...base,
        def: { ...STATEMENTS[kind], signatures: minutesSignatures({ unitName: unit.name, boardKind: m.board.kind, work, recordedBy: m.recordedBy }) },
        subtitle: [work ? `Giám sát công trình: ${work.name}` : `Giám sát thu, chi các quỹ của ${unit.name}`, `(Đợt giám sát ngày ${formatDateVi(m.date)})`],
        period: { from: m.date, to: m.date },
        fields: [
          { label: "Ban giám sát", value: `${m.board.name} (${boardKind})` },
          { label: "Thành viên Ban", value: names(m.board.members) },
          { label: "Thành viên có mặt", value: names(m.membersPresent) },
          { label: "Đối tượng giám sát", value: work ? `Công trình ${work.name}, ${work.location}` : `Thu, chi các quỹ của ${ctx.fullName}` },
          ...(work ? [{ label: "Đơn vị thi công", value: work.contractor ?? "Cộng đồng tự làm" }] : []),
          { label: "Thời gian giám sát", value: dateLineVi(m.date) },
          { label: "Người lập biên bản", value: m.recordedBy ?? "—" },
          {
            label: "Tình trạng biên bản",
            value: m.status === "published" && m.publishedAt ? `Ban đã công bố ${dateLineVi(localDate(new Date(m.publishedAt)))}` : `Ban đã nộp ${m.filedAt ? dateLineVi(localDate(new Date(m.filedAt))) : ""}`.trim(),
          },
        ],
        tables: [
          { def: STATEMENTS[kind].table, rows: fromArray(rows) },
          { def: MINUTES_FINDINGS_TABLE, rows: fromArray(found) },
          { def: MINUTES_ADDENDA_TABLE, rows: fromArray(addenda) },
        ],
        summary: [
          { label: "Số nội dung đạt / có vấn đề", value: `${m.checklist.filter((l) => l.result === "ok").length} / ${m.checklist.filter((l) => l.result === "issue").length}` },
          {
            label: "Số phát hiện",
            value: `${m.findings.length} (chưa xử lý ${count("open")}, đã trả lời ${count("answered")}, đã khắc phục ${count("resolved")}, đã chuyển cấp trên ${count("escalated")}; quá hạn ${m.findings.filter((f) => f.overdue).length})`,
          },
        ],
        // no amount: the minutes print no amount in words (wordsLabel "")
        words: { label: STATEMENTS[kind].wordsLabel, amount: new Decimal(0) },
      };
      break;
    }
    case "trial-balance": {
      const tb = await ledger.trialBalanceUnchecked(db, unit.id, params.from!, params.to!);
      const zero = new Decimal(0);
      const split = (d: Decimal) => (d.isNegative() ? [zero, d.negated()] : [d, zero]);
      const rows: Row[] = tb.rows.map((r) => {
        const [od, oc] = split(r.opening);
        const [cd, cc] = split(r.closing);
        return { account: r.account, name: r.name, openingDebit: od, openingCredit: oc, debit: r.debit, credit: r.credit, closingDebit: cd, closingCredit: cc };
      });
      model = {
        ...base,
        subtitle: [unit.name, periodLine(params.from!, params.to!)],
        period: { from: params.from!, to: params.to! },
        tables: [{ def: STATEMENTS[kind].table, rows: fromArray(rows) }],
        words: { label: STATEMENTS[kind].wordsLabel, amount: tb.totals.debit },
      };
      break;
    }
    case "journal": {
      model = {
        ...base,
        subtitle: [unit.name, periodLine(params.from!, params.to!)],
        period: { from: params.from!, to: params.to! },
        tables: [
          {
            def: STATEMENTS[kind].table,
            rows: async function* () {
              for await (const e of ledger.streamJournal(db, unit.id, { from: params.from, to: params.to, throughSeq: head.seq, window: 1000 })) {
                // one pass over the postings: the debit and credit accounts (each once, in order) and the debits' sum
                const debitAccounts: string[] = [];
                const creditAccounts: string[] = [];
                let amount: Decimal | null = null;
                for (const p of e.postings) {
                  if (p.amount.isPositive()) {
                    if (!debitAccounts.includes(p.account)) debitAccounts.push(p.account);
                    amount = amount ? amount.plus(p.amount) : p.amount;
                  } else if (p.amount.isNegative() && !creditAccounts.includes(p.account)) creditAccounts.push(p.account);
                }
                yield {
                  seq: e.seq,
                  date: e.date,
                  voucher: e.voucherNo,
                  description: e.kind === "reversal" && e.reversesVoucherNo ? `${e.description} (đảo ${e.reversesVoucherNo})` : e.description,
                  debitAccounts: debitAccounts.join(", "),
                  creditAccounts: creditAccounts.join(", "),
                  amount: amount ?? new Decimal(0),
                };
              }
            },
          },
        ],
        // the total is the table's: scan() fills it in, so the journal is read once for it, not twice
        words: { label: STATEMENTS[kind].wordsLabel, amount: new Decimal(0) },
        wordsTotal: "amount",
      };
      break;
    }
    case "receipt": {
      const e = await ledger.findEntry(db, unit.id, params.entryId!);
      if (!e) throw new NotFoundError("entry", { id: params.entryId });
      if (e.kind !== "contribution" || !e.voucherNo.startsWith("PT-")) throw new RuleViolation("not_a_receipt", { voucherNo: e.voucherNo });
      const household = e.householdId ? await contributions.findHousehold(db, e.householdId) : undefined;
      const debit = e.postings.filter((p) => p.amount.isPositive());
      const credit = e.postings.filter((p) => p.amount.isNegative());
      const amount = debit.reduce((a, p) => a.plus(p.amount), new Decimal(0));
      const rows: Row[] = e.postings.map((p) => ({
        account: p.account,
        name: p.accountName,
        debit: p.amount.isPositive() ? p.amount : null,
        credit: p.amount.isNegative() ? p.amount.negated() : null,
      }));
      // A receipt carries its own code (its entry and the start of its chain hash): it shows that
      // receipt in the public ledger, published or not.
      const code = o.code ?? receiptCode(e.id, e.hash);
      model = {
        ...base,
        code,
        verifyUrl: `${o.publicBaseUrl}/verify/${code}`,
        subtitle: [e.voucherNo],
        period: { from: e.date, to: e.date },
        form: {
          number: e.voucherNo,
          debit: [...new Set(debit.map((p) => p.account))].join(", "),
          credit: [...new Set(credit.map((p) => p.account))].join(", "),
          dateLine: dateLineVi(e.date).replace(/^n/, "N"),
        },
        fields: [
          { label: "Họ và tên người nộp tiền", value: household ? `${household.headName} (hộ ${household.code})` : "—" },
          { label: "Địa chỉ", value: ctx.fullName },
          { label: "Lý do nộp", value: e.description },
          { label: "Số tiền", value: `${formatDong(amount)} đồng` },
          { label: "Kèm theo", value: "…… chứng từ gốc" },
          ...(e.reversedBy ? [{ label: "Ghi chú", value: "Phiếu thu này đã được hủy bằng bút toán đảo; số tiền không còn được ghi nhận." }] : []),
        ],
        tables: [{ def: STATEMENTS[kind].table, rows: fromArray(rows) }],
        words: { label: STATEMENTS[kind].wordsLabel, amount },
      };
      break;
    }
  }
  if (o.supersedes) model.tables.push(changesTable(db, unit.id, o.supersedes.seq, head.seq, scope));
  return model;
}

/** A household receipt's verification code: "R-<entry id>-<first 10 hex of its chain hash>". */
export function receiptCode(entryId: number, hash: string): string {
  return `R-${entryId}-${hash.slice(0, 10)}`;
}
export const RECEIPT_CODE = /^R-([0-9]{1,10})-([0-9a-f]{10})$/;

/** Checks that what a statement is about exists (a campaign, a receipt's entry, a fund): 404 / 422. */
export async function checkSubject(db: Db, unit: Unit, kind: StatementKind, params: StatementParams): Promise<void> {
  if (kind === "contribution-list" && !(await contributions.findCampaign(db, unit.id, params.campaignId!))) throw new NotFoundError("campaign", { id: params.campaignId });
  if (kind === "receipt") {
    const e = await ledger.findEntry(db, unit.id, params.entryId!);
    if (!e) throw new NotFoundError("entry", { id: params.entryId });
    if (e.kind !== "contribution" || !e.voucherNo.startsWith("PT-")) throw new RuleViolation("not_a_receipt", { voucherNo: e.voucherNo });
  }
  if (kind === "work-settlement") {
    const work = await works.findWork(db, params.workId!);
    if (!work || work.unitId !== unit.id) throw new NotFoundError("work", { id: params.workId });
  }
  // a publication's minutes: the inspection must be published (see buildStatement)
  if (kind === "inspection-minutes") await supervision.checkMinutes(db, unit.id, params.inspectionId!, "publication");
  if (kind === "receipts-payments" && params.fund) {
    const fund = await ledger.findAccount(db, unit.id, params.fund);
    if (!fund || fund.type !== "net_assets") throw new NotFoundError("account", { code: params.fund });
  }
}

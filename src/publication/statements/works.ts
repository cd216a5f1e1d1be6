import { dong, sum, ZERO } from "../../shared/money";
import {
  COST_CATEGORY_NAMES, ESCALATED_TO_NAMES, FINDING_STATUS_NAMES, MINUTES_ADDENDA_TABLE,
  MINUTES_FINDINGS_TABLE, minutesSignatures, SEVERITY_NAMES, SOURCE_NAMES, STATEMENTS, TEXTS, WORK_FINDINGS_TABLE, type SignatureDef, WORK_SOURCES_TABLE, WORK_STATUS_NAMES,
} from "../../../reports/statements";
import * as contributions from "../../contributions";
import * as supervision from "../../supervision";
import * as works from "../../works";
import { dateLineVi, formatDateVi, localDate } from "../../shared/dates";
import { boardTitle, CHECKLIST_ITEM_NAMES, CHECKLIST_RESULT_NAMES, type ChecklistItem } from "../../shared/inspection-words";
import { NotFoundError } from "../../shared/errors";
import { BOARD_ROLE_NAMES, compositionReason, INCOMPLETE_TITLE } from "../../shared/board-composition";
import { fromArray, type Opinion, Row, StatementModel } from "../model";
import { Built, KindContext, placeName, runningName } from "./context";

// The statements of works and their supervision: a work's settlement and an inspection's minutes.

/** A work whose building is done (completed, accepted, settled) is settled on paper; before that it reports to date. */
const DONE = new Set(["completed", "accepted", "settled"]);

/**
 * Quyết toán công trình, or before the work is done its report of receipts and payments to date:
 * cost by category, the funding raised per campaign (this work's share) and per other source, what
 * was paid, what is still owed to suppliers (never counted as paid), the balance, and the board's
 * findings. The board's stance and text sit in its signature block, whatever they were.
 */
export async function workSettlement(k: KindContext): Promise<Built> {
  const { db, unit, params, o, base, date } = k;
  const work = await works.findWork(db, params.workId!);
  if (!work || work.unitId !== unit.id) throw new NotFoundError("work", { id: params.workId });
  const budget = await works.workBudget(db, o.actor, unit.id, work.id);
  const findings = (await supervision.listFindings(db, o.actor, unit.id, { workId: work.id }, o.at.toISOString())).data;
  const def = STATEMENTS["work-settlement"];
  const rows: Row[] = budget.byCategory.map((c, i) => ({
    stt: i + 1,
    content: COST_CATEGORY_NAMES[c.category] ?? c.category,
    account: c.account,
    planned: c.planned,
    spent: c.spent,
    remaining: c.remaining,
  }));
  // one row per campaign that funds the work (its share of what the campaign raised), then the other sources
  const campaignNames = new Map<number, string>();
  for (const c of budget.byCampaign) {
    if (!campaignNames.has(c.campaignId)) campaignNames.set(c.campaignId, (await contributions.findCampaign(db, unit.id, c.campaignId))?.name ?? `#${c.campaignId}`);
  }
  const sourceLines = [
    ...budget.byCampaign.map((c) => ({ source: `${SOURCE_NAMES[c.source] ?? c.source}: ${campaignNames.get(c.campaignId)}`, planned: c.planned, received: c.received })),
    ...budget.bySource.flatMap((b) => {
      const viaCampaigns = budget.byCampaign.filter((c) => c.source === b.source);
      const planned = dong(b.planned - sum(viaCampaigns.map((c) => c.planned)));
      const received = dong(b.received - sum(viaCampaigns.map((c) => c.received)));
      return viaCampaigns.length && planned === ZERO && received === ZERO ? [] : [{ source: SOURCE_NAMES[b.source] ?? b.source, planned, received }];
    }),
  ];
  const sources: Row[] = sourceLines.map((l, i) => ({ stt: i + 1, ...l }));
  const found: Row[] = findings.map((f, i) => ({
    stt: i + 1,
    severity: SEVERITY_NAMES[f.severity] ?? f.severity,
    description: f.description,
    recommendation: f.recommendation ?? "",
    dueDate: f.dueDate ?? null,
    status: `${FINDING_STATUS_NAMES[f.status] ?? f.status}${f.overdue ? " (quá hạn)" : ""}`,
  }));
  const dates = (a: string | null, b: string | null) => `${a ? formatDateVi(a) : "…"} - ${b ? formatDateVi(b) : "…"}`;
  const done = DONE.has(work.status);
  // what the work cost by category includes what is owed: the column says so; "Thực chi" is only money paid
  const table = {
    ...def.table,
    columns: def.table.columns.map((c) =>
      c.key === "spent" ? { ...c, title: "Chi phí phát sinh" } : c.key === "remaining" ? { ...c, title: "Chênh lệch (dự toán - chi phí phát sinh)" } : c,
    ),
  };
  const model: StatementModel = {
    ...base,
    def: {
      ...def,
      title: done ? def.title : { vi: "BÁO CÁO THU – CHI CÔNG TRÌNH", en: "Work receipts and payments" },
      table,
      signatures: boardSigned(def.signatures, base.opinions),
    },
    subtitle: [`Công trình: ${work.name}`, done ? `(Tính đến ${dateLineVi(date)})` : `(Đến ${dateLineVi(date)})`],
    period: { from: work.actualStart ?? work.plannedStart, to: date },
    fields: [
      { label: "Địa điểm", value: work.location },
      { label: "Tình trạng", value: `${WORK_STATUS_NAMES[work.status] ?? work.status}, tiến độ ${work.progress}%` },
      { label: "Đơn vị thi công", value: work.contractor ?? "Cộng đồng tự làm" },
      { label: "Thời gian kế hoạch", value: dates(work.plannedStart, work.plannedEnd) },
      { label: "Thời gian thực tế", value: dates(work.actualStart, work.actualEnd) },
    ],
    tables: [
      { def: table, rows: fromArray(rows) },
      { def: WORK_SOURCES_TABLE, rows: fromArray(sources) },
      { def: WORK_FINDINGS_TABLE, rows: fromArray(found) },
    ],
    summary: [
      { label: "Tổng dự toán", value: budget.totals.planned },
      { label: "Tổng nguồn vốn đã huy động", value: budget.totals.received },
      { label: "Tổng thực chi", value: budget.totals.paid },
      { label: "Phải trả người bán (chưa thanh toán)", value: budget.totals.owed },
      { label: "Số dư nguồn vốn (đã huy động - thực chi)", value: budget.totals.balance },
      { label: "Chênh lệch dự toán - chi phí phát sinh", value: budget.totals.remaining },
      { label: "Phát hiện của Ban Giám sát (chưa khắc phục / tổng số)", value: `${findings.filter((f) => f.status === "open" || f.status === "answered").length} / ${findings.length}` },
    ],
    words: { label: def.wordsLabel, amount: budget.totals.paid },
  };
  return { model };
}

/** The board's block carries its word on the paper: its stance and text (the latest), and who gave it. */
function boardSigned(signatures: SignatureDef[], opinions: Opinion[]): SignatureDef[] {
  const last = opinions[opinions.length - 1];
  if (!last) return signatures;
  return signatures.map((s) =>
    /BAN GIÁM SÁT/.test(s.title) ? { ...s, hint: `${TEXTS.stance[last.stance] ?? last.stance}${last.text ? `: ${last.text}` : ""}`, name: last.by } : s,
  );
}

/** The board as its heading names it, broken where a reader would: the heading's left block is narrow. */
function boardHeading(kind: "gsdtcd" | "ttnd", unit: string): string {
  return kind === "gsdtcd" ? `Ban Giám sát đầu tư\ncủa cộng đồng\n${unit}` : `Ban Thanh tra\nnhân dân\n${unit}`;
}

/**
 * "Nơi nhận" of the board's minutes: the commune's Front committee, to which the board reports
 * (law.md L13), and the commune; the work's owner and builder, or the unit whose funds were
 * inspected; the residents, where the minutes are posted; the board's own file.
 */
function minutesRecipients(commune: string, unit: { name: string; kind: string }, work: { contractor: string | null } | null): string[] {
  const here = runningName(unit.name);
  return [
    `- Ủy ban MTTQ Việt Nam ${commune};`,
    `- UBND ${commune};`,
    work ? `- ${unit.name} (chủ đầu tư);` : `- ${unit.name};`,
    ...(work?.contractor ? [`- ${work.contractor} (đơn vị thi công);`] : []),
    unit.kind === "hamlet" ? `- Các hộ gia đình (niêm yết tại nhà văn hóa ${here});` : `- Nhân dân (niêm yết tại trụ sở UBND ${here});`,
    "- Lưu: hồ sơ của Ban.",
  ];
}

/**
 * Biên bản giám sát: the inspection as filed (supervision's CONTEXT.md): a draft makes none (409
 * inspection_not_filed). Staff and boards download the minutes of a filed or published inspection;
 * a publication (o.code set: approval) puts them before the public, and an inspection stays out of
 * the public's sight until its board has published it, so a publication needs it published (409
 * inspection_not_published).
 *
 * The minutes are the board's paper: headed by the board, dated the day and place of the inspection
 * (whenever they are printed), the checklist in the board's own words, signed by each member present
 * and by the work's owner. Only the findings' status is as of the day they are printed, and says so.
 */
export async function inspectionMinutes(k: KindContext): Promise<Built> {
  const { db, unit, params, o, base, ctx, date } = k;
  const m = await supervision.inspectionMinutes(db, unit.id, params.inspectionId!, { day: date, use: o.code ? "publication" : "download" });
  const work = m.subject.work;
  const rows: Row[] = m.checklist.map((l, i) => ({
    stt: i + 1,
    item: CHECKLIST_ITEM_NAMES[l.item as ChecklistItem] ?? l.item,
    result: CHECKLIST_RESULT_NAMES[l.result],
    note: l.note ?? "",
  }));
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
  const results = (r: string) => m.checklist.filter((l) => l.result === r).length;
  const presentIds = new Set(m.membersPresent.map((p) => p.userId));
  const absent = m.board.members.filter((x) => !presentIds.has(x.userId));
  // the board's name as the members know it, with its kind when the name does not say it
  const boardName = boardTitle(m.board.name, m.board.kind);
  const model: StatementModel = {
    ...base,
    def: { ...STATEMENTS["inspection-minutes"], signatures: minutesSignatures({ unitName: unit.name, work, present: m.membersPresent, recordedBy: m.recordedBy }) },
    issuer: { parentLine: null, name: boardHeading(m.board.kind, runningName(m.board.unit.name)) },
    recipients: minutesRecipients(runningName(m.board.unit.name), unit, work),
    // the minutes are dated where and when the board inspected, not when they are printed
    place: placeName(unit.name),
    date: m.date,
    subtitle: [work ? `Công trình ${work.name}` : `Thu, chi các quỹ của ${unit.name}`],
    period: { from: m.date, to: m.date },
    fields: [
      { label: "Thời gian giám sát", value: dateLineVi(m.date) },
      { label: "Địa điểm", value: work ? work.location : ctx.fullName },
      { label: "Đối tượng giám sát", value: work ? `Công trình ${work.name}` : `Thu, chi các quỹ của ${ctx.fullName}` },
      ...(work ? [{ label: "Chủ đầu tư", value: ctx.fullName }, { label: "Đơn vị thi công", value: work.contractor ?? "Cộng đồng tự làm" }] : []),
      { label: "Ban giám sát", value: boardName },
      {
        label: absent.length ? `Thành viên Ban có mặt (${m.membersPresent.length} trong số ${m.board.members.length} thành viên)` : m.membersPresent.length > 1 ? `Thành viên Ban có mặt (đủ ${m.membersPresent.length} thành viên)` : "Thành viên Ban có mặt",
        value: m.membersPresent.map((p) => (p.recorder ? `${p.name} (người lập biên bản)` : p.name)).join(", "),
      },
      ...(absent.length ? [{ label: "Thành viên Ban vắng mặt", value: absent.map((x) => x.name).join(", ") }] : []),
      { label: "Thành phần Ban", value: m.board.members.map((x) => `${x.name} (${[BOARD_ROLE_NAMES[x.role], ...(x.frontRepresentative ? ["đại diện MTTQ"] : [])].join(", ")})`).join("; ") || "—" },
      // a board not made up as the law says is flagged on its own paper, with why
      ...(m.board.composition.complete ? [] : [{ label: INCOMPLETE_TITLE, value: m.board.composition.problems.map(compositionReason).join("; ") }]),
      { label: "Người lập biên bản", value: m.recordedBy ?? "—" },
      {
        label: "Tình trạng biên bản",
        value: m.status === "published" && m.publishedAt ? `Ban đã công bố ${dateLineVi(localDate(new Date(m.publishedAt)))}` : `Ban đã nộp ${m.filedAt ? dateLineVi(localDate(new Date(m.filedAt))) : ""}`.trim(),
      },
    ],
    tables: [
      { def: STATEMENTS["inspection-minutes"].table, rows: fromArray(rows) },
      // the findings' status is the day's, not the inspection's: the title says as of when
      { def: m.findings.length ? { ...MINUTES_FINDINGS_TABLE, title: `${MINUTES_FINDINGS_TABLE.title} (tình trạng xử lý đến ${dateLineVi(date)})` } : MINUTES_FINDINGS_TABLE, rows: fromArray(found) },
      { def: MINUTES_ADDENDA_TABLE, rows: fromArray(addenda) },
    ],
    summary: [
      {
        label: "Kết quả kiểm tra",
        value: m.checklist.length
          ? [`${results("ok")} nội dung đạt`, `${results("issue")} nội dung có vấn đề`, ...(results("not_checked") ? [`${results("not_checked")} nội dung chưa kiểm tra`] : [])].join(", ")
          : "Ban không ghi nội dung kiểm tra nào",
      },
      {
        label: "Số phát hiện",
        value: `${m.findings.length} (chưa xử lý ${count("open")}, đã trả lời ${count("answered")}, đã khắc phục ${count("resolved")}, đã chuyển cấp trên ${count("escalated")}; quá hạn ${m.findings.filter((f) => f.overdue).length})`,
      },
    ],
    // no amount: the minutes print no amount in words (wordsLabel "")
    words: { label: STATEMENTS["inspection-minutes"].wordsLabel, amount: ZERO },
  };
  return { model };
}

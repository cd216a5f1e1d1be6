import { ZERO } from "../../shared/money";
import {
  BOARD_REPORT_FINDINGS_TABLE, BOARD_REPORT_WORKS_TABLE, ESCALATED_TO_NAMES, FINDING_STATUS_NAMES, SEVERITY_NAMES, STATEMENTS, WORK_STATUS_NAMES,
} from "../../../reports/statements";
import * as supervision from "../../supervision";
import { dateLineVi } from "../../shared/dates";
import { BOARD_ROLE_NAMES, compositionReason, INCOMPLETE_TITLE } from "../../shared/board-composition";
import { boardTitle } from "../../shared/inspection-words";
import { fromArray, Row, StatementModel } from "../model";
import { Built, KindContext, periodLine, runningName } from "./context";

// Báo cáo kết quả giám sát (law.md L13): a board's report for a period, headed by the board and
// sent to the commune's Front committee, which forwards it to the investor and the authorities. Its
// inspections of the period, the works it oversees, its findings by state and its recommendations.
// Posted for the public (o.code set) it holds only published inspections, and names no household
// the board did not agree to name (supervision's boardReport masks them).

const STATUS_NAMES: Record<string, string> = { filed: "Đã nộp", published: "Đã công bố" };

export async function boardReport(k: KindContext): Promise<Built> {
  const { db, unit, params, o, base, date } = k;
  const r = await supervision.boardReport(db, unit.id, params.boardId!, { from: params.from!, to: params.to!, day: date, use: o.code ? "publication" : "download" });
  const def = STATEMENTS["board-report"];
  const rows: Row[] = r.inspections.map((i, n) => ({
    stt: n + 1,
    date: i.date,
    subject: i.work ? `Công trình ${i.work.name}` : `Thu, chi các quỹ của ${i.unitName}`,
    status: STATUS_NAMES[i.status] ?? i.status,
    findings: i.findings,
  }));
  const works: Row[] = r.works.map((w, n) => ({ stt: n + 1, work: w.name, unit: w.unitName, status: WORK_STATUS_NAMES[w.status] ?? w.status, inspections: w.inspections }));
  const found: Row[] = r.findings.map((f, n) => ({
    stt: n + 1,
    category: f.category,
    severity: SEVERITY_NAMES[f.severity] ?? f.severity,
    description: f.description,
    recommendation: f.recommendation,
    addressedTo: f.addressedTo,
    dueDate: f.dueDate,
    status: `${FINDING_STATUS_NAMES[f.status] ?? f.status}${f.status === "escalated" && f.escalatedTo ? ` (${ESCALATED_TO_NAMES[f.escalatedTo] ?? f.escalatedTo})` : ""}${f.overdue ? " (quá hạn)" : ""}`,
  }));
  const count = (st: string) => r.findings.filter((f) => f.status === st).length;
  // headed by the board and its commune, whichever unit posts it
  const here = runningName(r.board.unitName);
  const chair = r.board.members.find((m) => m.role === "chair");
  const model: StatementModel = {
    ...base,
    def: { ...def, signatures: def.signatures.map((s) => (s.title === "TRƯỞNG BAN" ? { ...s, name: chair?.name ?? "" } : s)) },
    issuer: { parentLine: null, name: r.board.kind === "gsdtcd" ? `Ban Giám sát đầu tư\ncủa cộng đồng\n${here}` : `Ban Thanh tra\nnhân dân\n${here}` },
    recipients: [`- Ủy ban MTTQ Việt Nam ${here};`, `- UBND ${here};`, `- Nhân dân (niêm yết tại trụ sở UBND ${here});`, "- Lưu: hồ sơ của Ban."],
    subtitle: [boardTitle(r.board.name, r.board.kind), periodLine(params.from!, params.to!)],
    period: { from: params.from!, to: params.to! },
    fields: [
      { label: "Ban", value: boardTitle(r.board.name, r.board.kind) },
      { label: "Thành phần Ban", value: r.board.members.map((m) => `${m.name} (${[BOARD_ROLE_NAMES[m.role], ...(m.frontRepresentative ? ["đại diện MTTQ"] : [])].join(", ")})`).join("; ") || "—" },
      ...(r.board.composition.complete ? [] : [{ label: INCOMPLETE_TITLE, value: r.board.composition.problems.map(compositionReason).join("; ") }]),
      // asked at a unit the board oversees: what concerns that unit only
      ...(unit.id === r.board.unitId ? [] : [{ label: "Phạm vi báo cáo", value: `Các nội dung liên quan đến ${unit.name}` }]),
      { label: "Kỳ báo cáo", value: `${dateLineVi(params.from!)} đến ${dateLineVi(params.to!)}` },
    ],
    tables: [
      { def: def.table, rows: fromArray(rows) },
      { def: BOARD_REPORT_WORKS_TABLE, rows: fromArray(works) },
      { def: r.findings.length ? { ...BOARD_REPORT_FINDINGS_TABLE, title: `${BOARD_REPORT_FINDINGS_TABLE.title} (tình trạng xử lý đến ${dateLineVi(date)})` } : BOARD_REPORT_FINDINGS_TABLE, rows: fromArray(found) },
    ],
    summary: [
      { label: "Số cuộc giám sát", value: String(r.inspections.length) },
      { label: "Số công trình giám sát", value: String(r.works.length) },
      {
        label: "Phát hiện theo tình trạng",
        value: `${r.findings.length} (chưa xử lý ${count("open")}, đã trả lời ${count("answered")}, đã khắc phục ${count("resolved")}, đã chuyển cấp trên ${count("escalated")}; quá hạn ${r.findings.filter((f) => f.overdue).length})`,
      },
      { label: "Số kiến nghị", value: String(r.findings.filter((f) => f.recommendation.trim()).length) },
    ],
    words: { label: def.wordsLabel, amount: ZERO },
  };
  return { model };
}

import ExcelJS from "exceljs";
import { STATEMENTS } from "../../reports/statements";
import type { PublicUnitData } from "./gather";
import { vnTime } from "./values";

// The CSV files of the open-data package: each file's columns (name, Frictionless type, title in
// Vietnamese, description in Vietnamese and English) and its rows, from the same public reads as
// the OC4IDS export. Amounts are whole đồng (integers); dates YYYY-MM-DD; instants ISO 8601 +07:00.

export type FieldType = "integer" | "string" | "date" | "datetime" | "boolean";
export interface Field {
  name: string;
  type: FieldType;
  title: string;
  description: string;
}
export type Cell = string | number | boolean | null;
export interface Table {
  /** File name inside the zip, and the resource's name without ".csv". */
  name: string;
  title: string;
  description: string;
  fields: Field[];
  rows(d: PublicUnitData, open: PublishedFileOpener): AsyncIterable<Record<string, Cell>>;
}
/** Where a published statement's stored Excel file is (publication's publishedFile). */
export type PublishedFileOpener = (publicationId: number) => Promise<string>;

const f = (name: string, type: FieldType, title: string, en: string): Field => ({ name, type, title, description: `${title} — ${en}` });
const money = (name: string, title: string, en: string) => f(name, "integer", title, `${en} (whole đồng)`);

const works: Table = {
  name: "works",
  title: "Công trình (Public works)",
  description: "Mỗi công trình của thôn/xã như trang công khai của nó — each public work as its public page shows it.",
  fields: [
    f("work_id", "integer", "Mã công trình", "Work id"),
    f("number", "integer", "Số thứ tự công trình trong đơn vị", "Work number within the unit"),
    f("name", "string", "Tên công trình", "Name"),
    f("category", "string", "Loại công trình", "Category"),
    f("location", "string", "Địa điểm", "Location"),
    f("status", "string", "Trạng thái (proposed, consulting, approved, in_progress, completed, accepted, settled, cancelled)", "Status"),
    f("contractor", "string", "Đơn vị thi công (trống: dân tự làm)", "Contractor (empty: built by the community)"),
    f("planned_start", "date", "Ngày khởi công dự kiến", "Planned start"),
    f("planned_end", "date", "Ngày hoàn thành dự kiến", "Planned end"),
    f("actual_start", "date", "Ngày khởi công thực tế", "Actual start"),
    f("actual_end", "date", "Ngày hoàn thành thực tế", "Actual end"),
    f("progress_percent", "integer", "Tiến độ thi công (%)", "Physical progress (percent)"),
    money("estimated", "Dự toán", "Estimate"),
    money("raised", "Đã huy động", "Money raised for the work"),
    money("spent", "Chi phí đã phát sinh", "Costs incurred"),
    money("paid", "Đã trả", "Paid (costs less owed)"),
    money("owed", "Còn nợ người bán", "Owed to suppliers"),
    f("findings_total", "integer", "Số kiến nghị của Ban giám sát", "Findings of the supervision board"),
    f("findings_open", "integer", "Số kiến nghị chưa xử lý xong", "Findings still open"),
    f("findings_overdue", "integer", "Số kiến nghị quá hạn", "Findings overdue"),
    f("url", "string", "Trang công khai", "Public page"),
  ],
  async *rows(d) {
    for (const { view: v } of d.works) {
      const t = v.budget.totals;
      yield {
        work_id: v.id, number: v.number, name: v.name, category: v.category, location: v.location, status: v.status, contractor: v.contractor,
        planned_start: v.plannedStart, planned_end: v.plannedEnd, actual_start: v.actualStart, actual_end: v.actualEnd, progress_percent: v.progress,
        estimated: t.planned, raised: t.received, spent: t.spent, paid: t.paid, owed: t.owed,
        findings_total: v.findings.total, findings_open: v.findings.open, findings_overdue: v.findings.overdue,
        url: `/u/${encodeURIComponent(d.unit.code)}/works/${v.id}`,
      };
    }
  },
};

const payments: Table = {
  name: "payments",
  title: "Chi cho công trình (Payments by work)",
  description: "Các khoản chi đã ghi sổ cho từng công trình (không có phiếu nháp hay bị từ chối) — posted payments on each work (never a draft or rejected voucher).",
  fields: [
    f("work_id", "integer", "Mã công trình", "Work id"),
    f("work_name", "string", "Tên công trình", "Work name"),
    f("voucher_no", "string", "Số phiếu chi", "Voucher number"),
    f("date", "date", "Ngày", "Date"),
    f("kind", "string", "Loại (expense: chi, advance: tạm ứng, reversal: đảo bút toán)", "Kind"),
    f("category", "string", "Khoản mục (materials, labour, machinery, other)", "Cost category"),
    money("amount", "Số tiền", "Amount (negative: a reversal)"),
    f("payee", "string", "Người nhận", "Payee"),
    f("description", "string", "Nội dung", "Description"),
  ],
  async *rows(d) {
    for (const w of d.works) {
      for (const e of w.expenses) {
        yield { work_id: w.view.id, work_name: w.view.name, voucher_no: e.voucherNo, date: e.date, kind: e.kind, category: e.category, amount: e.amount, payee: e.payee, description: e.description };
      }
    }
  },
};

const findings: Table = {
  name: "findings",
  title: "Kiến nghị của Ban giám sát (Supervision findings)",
  description: "Kiến nghị trong các biên bản kiểm tra đã công bố, với trạng thái — findings of published inspections, with their states.",
  fields: [
    f("work_id", "integer", "Mã công trình", "Work id"),
    f("work_name", "string", "Tên công trình", "Work name"),
    f("inspection_id", "integer", "Mã biên bản kiểm tra", "Inspection id"),
    f("inspection_date", "date", "Ngày kiểm tra", "Inspection date"),
    f("board", "string", "Ban giám sát", "Supervision board"),
    f("finding_id", "integer", "Mã kiến nghị", "Finding id"),
    f("category", "string", "Lĩnh vực", "Category"),
    f("severity", "string", "Mức độ (observation, minor, major, critical)", "Severity"),
    f("description", "string", "Nội dung", "Description"),
    f("recommendation", "string", "Kiến nghị", "Recommendation"),
    f("addressed_to", "string", "Gửi tới", "Addressed to"),
    f("due_date", "date", "Hạn xử lý", "Due date"),
    f("status", "string", "Trạng thái (open, answered, resolved, escalated)", "Status"),
    f("escalated_to", "string", "Chuyển lên", "Escalated to"),
    f("overdue", "boolean", "Quá hạn", "Overdue"),
  ],
  async *rows(d) {
    for (const { view: v } of d.works) {
      for (const i of v.inspections) {
        for (const x of i.findings) {
          yield {
            work_id: v.id, work_name: v.name, inspection_id: i.id, inspection_date: i.date, board: i.board?.name ?? null, finding_id: x.id, category: x.category, severity: x.severity,
            description: x.description, recommendation: x.recommendation, addressed_to: x.addressedTo, due_date: x.dueDate, status: x.status, escalated_to: x.escalatedTo, overdue: x.overdue,
          };
        }
      }
    }
  },
};

// The published contribution lists, read back from the Excel file each publication stored: the
// figures exactly as they were posted (law: code, head's name and amounts; an exemption as "Miễn"),
// never the register's current state, which may hold what no list has shown yet.
const LIST = STATEMENTS["contribution-list"].table;
const contributions: Table = {
  name: "contributions",
  title: "Đóng góp theo đợt vận động và hộ, như đã công khai (Contributions as published)",
  description: "Các dòng của danh sách đóng góp đã công khai (bản đang hiệu lực của mỗi đợt) — the rows of each published contribution list still in force.",
  fields: [
    f("publication_id", "integer", "Mã bản công khai", "Publication id"),
    f("verification_code", "string", "Mã xác minh", "Verification code"),
    f("published_at", "datetime", "Thời điểm công khai", "Published at"),
    f("campaign_id", "integer", "Mã đợt vận động", "Campaign id"),
    f("campaign_name", "string", "Đợt vận động", "Campaign"),
    f("line", "integer", "STT", "Line number"),
    f("household_code", "string", "Mã hộ", "Household code"),
    f("head_name", "string", "Họ và tên chủ hộ", "Head of household, as published"),
    money("suggested", "Mức vận động", "Suggested amount"),
    money("paid", "Đã đóng góp", "Paid"),
    money("outstanding", "Đã đăng ký, chưa đóng", "Pledged, not yet paid"),
    f("exempt", "string", "Miễn/giảm", "Exempt"),
    f("in_kind", "string", "Đóng góp hiện vật, ngày công", "In kind"),
    f("receipts", "string", "Số phiếu thu", "Receipt numbers"),
  ],
  async *rows(d, open) {
    const lists = d.publications.filter((p) => p.kind === "contribution-list" && p.supersededBy === null).reverse();
    for (const p of lists) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await open(p.id));
      const ws = wb.getWorksheet(LIST.sheet) ?? wb.worksheets[0];
      const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ""));
      const col = (key: string) => header.indexOf(LIST.columns.find((c) => c.key === key)!.title);
      const at = (row: ExcelJS.Row, key: string): Cell => {
        const v = row.getCell(col(key)).value;
        return v === null || v === undefined ? null : typeof v === "number" ? v : String(v);
      };
      for (let r = 2; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        // data rows are numbered; the totals row and the summary below are not
        if (typeof row.getCell(col("stt")).value !== "number") continue;
        yield {
          publication_id: p.id, verification_code: p.code, published_at: p.publishedAt ? vnTime(p.publishedAt) : null, campaign_id: p.params.campaignId ?? null,
          campaign_name: p.params.campaignId ? (d.campaigns.get(p.params.campaignId)?.name ?? null) : null, line: at(row, "stt"), household_code: at(row, "code"), head_name: at(row, "name"),
          suggested: at(row, "suggested"), paid: at(row, "paid"), outstanding: at(row, "outstanding"), exempt: at(row, "exempt"), in_kind: at(row, "inKind"), receipts: at(row, "receipts"),
        };
      }
    }
  },
};

export const TABLES: Table[] = [works, payments, findings, contributions];

import type { AuditEventWire } from "../../../identity/wire";
import { get } from "../api";
import { fill, h } from "../dom";
import { lang, texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import type { Unit } from "../roles";
import { dmy, field, form, heading, input, pager, select, spinner, table } from "../ui";
import { treeOrder, unitLabel } from "./_admin-widgets";

// The audit log: who did what, when and from where, newest first, filtered by unit and dates.
// The filters live in the address (?unitId=&from=&to=), so a filtered view can be bookmarked or
// sent to a colleague; the API pages by cursor.

const t = texts({
  vi: {
    title: "Nhật ký hệ thống", back: "← Quản trị", unit: "Đơn vị", allUnits: "Tất cả đơn vị của bạn", from: "Từ ngày", to: "Đến ngày", apply: "Lọc",
    at: "Thời điểm", who: "Người thực hiện", action: "Hành động", entity: "Đối tượng", details: "Chi tiết", ip: "Địa chỉ IP", system: "Hệ thống", caption: "Nhật ký, mới nhất trước",
    clear: "Bỏ lọc",
  },
  en: {
    title: "Audit log", back: "← Administration", unit: "Unit", allUnits: "All your units", from: "From", to: "To", apply: "Filter",
    at: "When", who: "By", action: "Action", entity: "Record", details: "Details", ip: "IP address", system: "System", caption: "Audit log, newest first",
    clear: "Clear filters",
  },
});

// Readable names of the recorded actions ([Vietnamese, English]); an action not listed is read
// from its two halves below.
const ACTIONS: Record<string, [string, string]> = {
  "unit.created": ["Thêm đơn vị", "Unit created"],
  "unit.updated": ["Sửa đơn vị", "Unit changed"],
  "user.created": ["Thêm người dùng", "User created"],
  "user.deactivated": ["Khoá tài khoản", "User deactivated"],
  "user.password_changed": ["Đổi mật khẩu", "Password changed"],
  "grant.created": ["Cấp quyền", "Role granted"],
  "grant.revoked": ["Thu hồi quyền", "Role revoked"],
  "board.created": ["Lập ban giám sát", "Board set up"],
  "session.created": ["Đăng nhập", "Signed in"],
  "session.ended": ["Đăng xuất", "Signed out"],
  "account.opened": ["Mở tài khoản kế toán", "Account opened"],
  "entry.posted": ["Ghi bút toán", "Entry posted"],
  "entry.batch_posted": ["Ghi loạt bút toán", "Entries posted"],
  "closing.created": ["Khoá sổ", "Period closed"],
  "household.registered": ["Đăng ký hộ", "Household registered"],
  "household.updated": ["Sửa thông tin hộ", "Household changed"],
  "household.moved": ["Hộ chuyển đi", "Household moved"],
  "household.pin_issued": ["Cấp mã PIN cho hộ", "Household PIN issued"],
  "campaign.opened": ["Mở đợt vận động", "Campaign opened"],
  "contribution.recorded": ["Ghi phiếu thu", "Receipt recorded"],
  "contribution.reversed": ["Đảo phiếu thu", "Receipt reversed"],
  "pledge.recorded": ["Ghi cam kết đóng góp", "Pledge recorded"],
  "exemption.recorded": ["Ghi miễn đóng góp", "Exemption recorded"],
  "in_kind.recorded": ["Ghi đóng góp hiện vật, ngày công", "In-kind contribution recorded"],
  "import.previewed": ["Xem trước tệp nhập", "Import previewed"],
  "import.committed": ["Nhập danh sách đóng góp", "Import committed"],
  "work.proposed": ["Đề xuất công trình", "Work proposed"],
  "work.revised": ["Sửa công trình", "Work revised"],
  "work.moved": ["Chuyển bước công trình", "Work moved on"],
  "work.progress_recorded": ["Ghi tiến độ công trình", "Work progress recorded"],
  "expense.drafted": ["Lập phiếu chi (chờ duyệt)", "Payment voucher drafted"],
  "expense.posted": ["Ghi phiếu chi", "Payment voucher posted"],
  "expense.approved": ["Duyệt phiếu chi", "Payment voucher approved"],
  "expense.rejected": ["Từ chối phiếu chi", "Payment voucher rejected"],
  "advance.drafted": ["Lập phiếu tạm ứng (chờ duyệt)", "Advance drafted"],
  "advance.posted": ["Ghi tạm ứng", "Advance posted"],
  "advance.approved": ["Duyệt tạm ứng", "Advance approved"],
  "advance.rejected": ["Từ chối tạm ứng", "Advance rejected"],
  "attachment.uploaded": ["Tải lên tệp đính kèm", "Attachment uploaded"],
  "consultation.opened": ["Mở lấy ý kiến", "Consultation opened"],
  "consultation_response.written": ["Viết giải trình ý kiến nhân dân", "Response to opinions written"],
  "consultation_response.revised": ["Sửa bản nháp giải trình", "Response draft revised"],
  "consultation_response.published": ["Công khai giải trình ý kiến nhân dân", "Response to opinions published"],
  "inspection.recorded": ["Ghi biên bản giám sát", "Inspection recorded"],
  "inspection.revised": ["Sửa biên bản giám sát", "Inspection revised"],
  "inspection.filed": ["Nộp biên bản giám sát", "Inspection filed"],
  "inspection.published": ["Công khai biên bản giám sát", "Inspection published"],
  "inspection.addendum_added": ["Bổ sung biên bản giám sát", "Inspection addendum added"],
  "finding.opened": ["Ghi kiến nghị", "Finding recorded"],
  "finding.answered": ["Trả lời kiến nghị", "Finding answered"],
  "finding.resolved": ["Kiến nghị đã xử lý xong", "Finding resolved"],
  "finding.escalated": ["Chuyển kiến nghị lên cấp trên", "Finding escalated"],
  "finding.open": ["Mở lại kiến nghị", "Finding reopened"],
  "cash_count.recorded": ["Kiểm đếm quỹ tiền mặt", "Cash count recorded"],
  "feedback.received": ["Nhận phản ánh của người dân", "Feedback received"],
  "feedback.answered": ["Trả lời phản ánh", "Feedback answered"],
  "publication.drafted": ["Lập bản công khai", "Publication drafted"],
  "publication.opinion_recorded": ["Ý kiến của ban giám sát về bản công khai", "Board opinion on a publication"],
  "publication.published": ["Duyệt và công bố", "Publication approved and published"],
  "publication.posted": ["Niêm yết bản công khai", "Publication posted"],
  "publication.taken_down": ["Gỡ bản niêm yết", "Posting taken down"],
};
const ENTITIES: Record<string, [string, string]> = {
  unit: ["Đơn vị", "Unit"], user: ["Người dùng", "User"], grant: ["Quyền", "Role"], board: ["Ban giám sát", "Board"], session: ["Phiên đăng nhập", "Session"],
  account: ["Tài khoản", "Account"], entry: ["Bút toán", "Entry"], closing: ["Khoá sổ", "Closing"], household: ["Hộ", "Household"], campaign: ["Đợt vận động", "Campaign"],
  contribution: ["Phiếu thu", "Receipt"], pledge: ["Cam kết", "Pledge"], exemption: ["Miễn", "Exemption"], import: ["Nhập tệp", "Import"], work: ["Công trình", "Work"],
  expense: ["Phiếu chi", "Voucher"], attachment: ["Tệp đính kèm", "Attachment"], consultation: ["Lấy ý kiến", "Consultation"], inspection: ["Biên bản giám sát", "Inspection"],
  finding: ["Kiến nghị", "Finding"], cash_count: ["Kiểm quỹ", "Cash count"], feedback: ["Phản ánh", "Feedback"], publication: ["Bản công khai", "Publication"],
};

const pick = (pair: [string, string]) => (lang() === "en" ? pair[1] : pair[0]);
function actionName(action: string): string {
  if (ACTIONS[action]) return pick(ACTIONS[action]);
  const [entity, verb] = action.split(".");
  return ENTITIES[entity] ? `${pick(ENTITIES[entity])}: ${verb?.replace(/_/g, " ") ?? ""}` : action;
}

/** The event's details as short "key: value" text (never markup). */
function detailText(d: unknown): string {
  if (!d || typeof d !== "object") return "";
  return Object.entries(d as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join("; ")
    .slice(0, 300);
}

export default async function adminAudit({ root, query, go }: ScreenCtx): Promise<void> {
  root.classList.add("admin-area");
  fill(root, heading(t("title")), spinner());
  const units = (await get<{ data: Unit[] }>("/units")).data;
  const byId = new Map(units.map((u) => [u.id, u]));
  const f = { unitId: query.get("unitId") ?? "", from: query.get("from") ?? "", to: query.get("to") ?? "" };

  const unitId = select("unitId", [["", t("allUnits")], ...treeOrder(units).map(({ unit, depth }): [string, string] => [String(unit.id), `${"— ".repeat(depth)}${unitLabel(unit)}`])], f.unitId);
  const from = input("from", { type: "date", value: f.from });
  const to = input("to", { type: "date", value: f.to });
  const filters = form(
    {
      submitLabel: t("apply"),
      onSubmit: async () => {
        const q = new URLSearchParams();
        for (const [k, v] of [["unitId", unitId.value], ["from", from.value], ["to", to.value]]) if (v) q.set(k, v);
        go(`/app/admin/audit${q.toString() ? `?${q}` : ""}`);
      },
    },
    h("div", { class: "filters" }, field(t("unit"), unitId), field(t("from"), from), field(t("to"), to)),
  );
  const filtered = f.unitId || f.from || f.to;

  const list = pager<AuditEventWire>(
    (cursor) => get(`/audit`, { unitId: f.unitId, from: f.from, to: f.to, cursor, limit: 50 }),
    (rows) =>
      table<AuditEventWire>(
        [
          { label: t("at"), cell: (e) => h("time", { datetime: e.at }, dmy(e.at)) },
          { label: t("who"), cell: (e) => e.actorName ?? t("system") },
          { label: t("action"), cell: (e) => h("span", { title: e.action }, actionName(e.action)) },
          { label: t("entity"), cell: (e) => `${ENTITIES[e.entity] ? pick(ENTITIES[e.entity]) : e.entity}${e.entityId ? ` #${e.entityId}` : ""}` },
          { label: t("unit"), cell: (e) => (e.unitId === null ? "" : byId.get(e.unitId)?.name ?? `#${e.unitId}`) },
          { label: t("details"), cell: (e) => h("span", { class: "details" }, detailText(e.details)) },
          { label: t("ip"), cell: (e) => e.ip ?? "" },
        ],
        rows,
        t("caption"),
      ),
  );

  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: "/app/admin" }, t("back"))),
    heading(t("title")),
    filters,
    filtered ? h("p", null, h("a", { href: "/app/admin/audit" }, t("clear"))) : null,
    list.el,
  );
}

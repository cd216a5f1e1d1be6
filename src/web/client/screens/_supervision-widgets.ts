import { api, ApiError, get, newKey, upload } from "../api";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { Me } from "../api";
import type { UnitWire } from "../../../identity/wire";
import type { BoardWire, FindingWire } from "../../../supervision/wire";
import type { WorkWire } from "../../../works/wire";
import { bindWidget, checkbox, dmy, field, form, input, notice, progressBar, select, textarea, ui } from "../ui";
import { BOARD_KIND_NAMES, CHECKLIST_ITEM_NAMES, CHECKLIST_ITEMS, CHECKLIST_RESULT_NAMES } from "../../../shared/inspection-words";

// What the supervision screens share (board, inspection, findings, cash count): the board as the
// API gives it, the words for checklist items, severities and states, photo upload from the
// phone's camera with progress, and a finding shown with its timeline and the moves its reader may make.

export const st = texts({
  vi: {
    // the words the minutes print too (shared/inspection-words.ts)
    ...BOARD_KIND_NAMES,
    ...CHECKLIST_ITEM_NAMES,
    ...CHECKLIST_RESULT_NAMES,
    observation: "Lưu ý", minor: "Nhẹ", major: "Nghiêm trọng", critical: "Rất nghiêm trọng",
    open: "Chưa xử lý", answered: "Đã trả lời", resolved: "Đã khắc phục", escalated: "Đã chuyển cấp trên",
    draft: "Bản nháp", filed: "Đã nộp", published: "Đã công bố",
    proposed: "Đề xuất", consulting: "Lấy ý kiến", approved: "Đã phê duyệt", in_progress: "Đang thi công", completed: "Hoàn thành", accepted: "Đã nghiệm thu", settled: "Đã quyết toán", cancelled: "Đã hủy",
    overdue: "Quá hạn", due: "Hạn xử lý {date}", addressedTo: "Gửi: {who}", recommendation: "Kiến nghị", severity: "Mức độ", photos: "Ảnh", photo: "Ảnh #{id}",
    timeline: "Diễn biến", opened: "{at}: Ban mở kiến nghị", by: "{at} · {who}", evidence: "Chứng cứ: {n} ảnh",
    takePhoto: "Chụp hoặc chọn ảnh", uploading: "Đang tải ảnh lên…", uploaded: "Đã tải lên: {name}", remove: "Bỏ ảnh {name}", uploadFailed: "Tải ảnh thất bại: {why}",
    answer: "Trả lời của đơn vị", answerHint: "Đơn vị đã làm gì, khi nào; kèm ảnh nếu có.", sendAnswer: "Gửi trả lời",
    boardText: "Ý kiến của Ban", resolve: "Xác nhận đã khắc phục", reopen: "Chưa đạt, mở lại", escalate: "Chuyển cấp trên", escalateTo: "Chuyển đến", commune: "UBND xã", province: "Cấp tỉnh",
    action: "Việc Ban làm", cashCategory: "Quỹ tiền mặt", present: "Thành viên có mặt", checklist: "Nội dung kiểm tra", resultOf: "Kết quả: {item}", noteOf: "Ghi chú: {item}",
  },
  en: {
    gsdtcd: "Community investment supervision board", ttnd: "People's inspection board",
    design: "Design, drawings", progress: "Construction progress", materials: "Materials, quality", costs_disclosure: "Costs made public", environment: "Cleanliness, environment", land_clearance: "Land clearance",
    ok: "OK", issue: "Issue", not_checked: "Not checked",
    observation: "Observation", minor: "Minor", major: "Major", critical: "Critical",
    open: "Open", answered: "Answered", resolved: "Resolved", escalated: "Escalated",
    draft: "Draft", filed: "Filed", published: "Published",
    proposed: "Proposed", consulting: "Consulting", approved: "Approved", in_progress: "In progress", completed: "Completed", accepted: "Accepted", settled: "Settled", cancelled: "Cancelled",
    overdue: "Overdue", due: "Due {date}", addressedTo: "To: {who}", recommendation: "Recommendation", severity: "Severity", photos: "Photos", photo: "Photo #{id}",
    timeline: "Timeline", opened: "{at}: opened by the board", by: "{at} · {who}", evidence: "Evidence: {n} photo(s)",
    takePhoto: "Take or choose a photo", uploading: "Uploading the photo…", uploaded: "Uploaded: {name}", remove: "Remove photo {name}", uploadFailed: "Upload failed: {why}",
    answer: "The unit's answer", answerHint: "What the unit did and when; add photos if any.", sendAnswer: "Send answer",
    boardText: "The board's note", resolve: "Confirm resolved", reopen: "Not satisfied, reopen", escalate: "Escalate", escalateTo: "Escalate to", commune: "Commune people's committee", province: "Province",
    action: "The board's action", cashCategory: "Cash", present: "Members present", checklist: "Checklist", resultOf: "Result: {item}", noteOf: "Note: {item}",
  },
});
export type Word = Parameters<typeof st>[0];
export const word = (k: string) => st(k as Word);

export const CHECKLIST = CHECKLIST_ITEMS;
export const DENOMINATIONS = ["500000", "200000", "100000", "50000", "20000", "10000", "5000", "2000", "1000", "500"] as const;

export type Board = BoardWire;
export type UnitLite = UnitWire;
export type WorkLite = WorkWire;
export type Finding = FindingWire;

export const isMember = (me: Me, boardId: number) => me.grants.some((g) => g.role === "inspector" && g.boardId === boardId);

/** The board and the units it oversees (names), with their works. */
export async function boardWithScope(boardId: string): Promise<{ board: Board; units: UnitLite[]; works: WorkLite[] }> {
  const board = await get<Board>(`/boards/${boardId}`);
  const units = await Promise.all(board.oversees.unitIds.map((id) => get<UnitLite>(`/units/${id}`)));
  const lists = await Promise.all(units.map((u) => get<{ data: WorkLite[] }>(`/units/${u.id}/works`).then((r) => r.data, () => [] as WorkLite[])));
  return { board, units, works: lists.flat() };
}

export function badge(kind: "ok" | "warn" | "bad" | "", text: string): HTMLElement {
  return h("span", { class: kind ? `badge ${kind}` : "badge" }, text);
}

export function statusBadge(status: string): HTMLElement {
  return badge(status === "resolved" || status === "published" ? "ok" : status === "open" || status === "draft" ? "warn" : "", word(status));
}

const message = (err: unknown) => (err instanceof ApiError ? (err.network ? ui("networkLost") : err.detail || err.code) : String((err as Error)?.message ?? err));

export interface PhotoField {
  el: HTMLElement;
  /** The attachment ids of the photos uploaded and not removed. */
  ids(): number[];
}

/**
 * Photos from the phone's camera (or gallery), uploaded to the unit as soon as they are chosen,
 * with a progress bar. Its hidden input `name` holds the attachment ids, comma-separated (what a
 * draft keeps).
 */
export function photoField(unitId: number, name = "attachmentIds", label = st("takePhoto")): PhotoField {
  const ids = h("input", { type: "hidden", name });
  const picker = h("input", { type: "file", accept: "image/*", capture: "environment", class: "file" });
  const bar = progressBar(st("uploading"));
  bar.el.hidden = true;
  const list = h("ul", { class: "photos", "aria-live": "polite" });
  const msg = h("div");
  const chosen: { id: number; name: string }[] = [];
  let changed = () => undefined as void;
  const sync = () => {
    ids.value = chosen.map((c) => c.id).join(",");
    fill(list, chosen.map((c) => h("li", null, st("uploaded", { name: `${c.name} (#${c.id})` }), " ", h("button", { type: "button", class: "linklike", on: { click: () => { chosen.splice(chosen.indexOf(c), 1); sync(); changed(); } } }, st("remove", { name: c.name })))));
  };
  picker.addEventListener("change", async () => {
    const file = picker.files?.[0];
    if (!file) return;
    const data = new FormData();
    data.append("file", file, file.name);
    bar.el.hidden = false;
    bar.set(0);
    picker.disabled = true;
    msg.replaceChildren();
    try {
      const r = await upload<{ id: number; name: string }>(`/units/${unitId}/attachments`, data, (f) => bar.set(f), newKey());
      chosen.push({ id: r.id, name: file.name });
      sync();
      changed();
    } catch (err) {
      fill(msg, notice("error", st("uploadFailed", { why: message(err) })));
    } finally {
      bar.el.hidden = true;
      picker.disabled = false;
      picker.value = "";
    }
  });
  const el = field(label, picker);
  el.append(bar.el, list, msg, ids);
  changed = bindWidget(ids, el, picker, [name], {
    // A restored draft brings back the ids of photos already uploaded.
    set(v) {
      if (chosen.length || !v) return;
      chosen.push(...idList(v).map((id) => ({ id, name: st("photo", { id }) })));
      sync();
    },
    clear() {
      chosen.length = 0;
      sync();
    },
  });
  return { el, ids: () => chosen.map((c) => c.id) };
}

export interface RecordFields {
  /** The members-present and checklist fieldsets, in the form's order. */
  el: HTMLElement[];
  present(): number[];
  checklist(): { item: string; result: string; note?: string }[];
}

/** What an inspection record says, as a board member fills it in: who was there and the checklist. */
export function recordFields(board: Board, isPresent: (userId: number) => boolean, line: (item: string) => { result: string; note: string | null } | undefined = () => undefined): RecordFields {
  const members = board.members.map((m) => ({ userId: m.userId, ...checkbox(`present-${m.userId}`, m.displayName, isPresent(m.userId), { value: String(m.userId) }) }));
  const rows = CHECKLIST.map((item) => ({
    item,
    result: select(`result-${item}`, [["not_checked", st("not_checked")], ["ok", st("ok")], ["issue", st("issue")]], line(item)?.result ?? "not_checked"),
    note: input(`note-${item}`, { value: line(item)?.note ?? "", maxlength: "2000" }),
  }));
  return {
    el: [
      h("fieldset", { class: "checks" }, h("legend", null, st("present")), members.map((m) => m.el)),
      h("fieldset", { class: "checklist" }, h("legend", null, st("checklist")), rows.map((r) => h("div", { class: "check-row" }, field(st("resultOf", { item: word(r.item) }), r.result), field(st("noteOf", { item: word(r.item) }), r.note)))),
    ],
    present: () => members.filter((m) => m.box.checked).map((m) => m.userId),
    checklist: () => rows.map((r) => ({ item: r.item, result: r.result.value || "not_checked", ...(r.note.value.trim() ? { note: r.note.value.trim() } : {}) })),
  };
}

/** "1,2,3" (a photo field's value) → [1, 2, 3]. */
export const idList = (s: string | undefined) => (s ? s.split(",").filter(Boolean).map(Number) : []);

/** The moves a reader may make on a finding: the unit answers; the board resolves, escalates or reopens. */
function moves(f: Finding, me: Me, unitRoles: Set<string>): string[] {
  const out: string[] = [];
  if (f.status === "open" && (unitRoles.has("treasurer") || unitRoles.has("head"))) out.push("answered");
  if (isMember(me, f.boardId)) {
    if (f.status !== "resolved") out.push("resolved");
    if (f.status === "open" || f.status === "answered") out.push("escalated");
    if (f.status === "answered") out.push("open");
  }
  return out;
}

/** A finding with its timeline and, for who may, the form that moves it. `onMoved` gets the new finding. */
export function findingCard(f: Finding, me: Me, unitRoles: Set<string>, onMoved: (f: Finding) => void, headingLevel: "h2" | "h3" | "h4" = "h3"): HTMLElement {
  const can = moves(f, me, unitRoles);
  const box = h("div", { class: "form-box" });
  if (can.length) {
    const answering = can.includes("answered");
    const to = answering ? null : select("to", can.map((m) => [m, m === "resolved" ? st("resolve") : m === "open" ? st("reopen") : st("escalate")]));
    const where = select("escalatedTo", [["commune", st("commune")], ["province", st("province")]]);
    const whereField = field(st("escalateTo"), where);
    const syncWhere = () => {
      whereField.hidden = to?.value !== "escalated";
      where.disabled = whereField.hidden;
    };
    to?.addEventListener("change", syncWhere);
    syncWhere();
    const text = textarea("text", { required: true, maxlength: "4000" });
    const photos = photoField(f.unitId);
    const fm = form(
      {
        draftKey: `finding-move:${f.id}`,
        submitLabel: answering ? st("sendAnswer") : ui("save"),
        restored: syncWhere,
        onSubmit: async () => {
          if (!text.value.trim()) throw new Error(ui("fixErrors"));
          const move = to?.value ?? "answered";
          const body: { to: string; text: string; attachmentIds?: number[]; escalatedTo?: string } = { to: move, text: text.value.trim() };
          if (photos.ids().length) body.attachmentIds = photos.ids();
          if (move === "escalated") body.escalatedTo = where.value;
          onMoved(await api<Finding>("POST", `/findings/${f.id}/transitions`, body));
        },
      },
      to ? field(st("action"), to) : null,
      to ? whereField : null,
      field(answering ? st("answer") : st("boardText"), text, answering ? st("answerHint") : undefined),
      photos.el,
    );
    fm.classList.add("finding-move");
    box.append(fm);
  }
  const sub = headingLevel === "h2" ? "h3" : headingLevel === "h3" ? "h4" : "h5";
  return h(
    "article",
    { class: "card finding", id: `finding-${f.id}`, "data-status": f.status },
    h(headingLevel, null, `${f.cashCountId && f.category === "cash" ? st("cashCategory") : f.category} · ${word(f.severity)}`),
    h("p", { class: "badges" }, statusBadge(f.status), " ", f.overdue ? badge("bad", st("overdue")) : null, " ", h("span", { class: "muted" }, st("due", { date: dmy(f.dueDate) }))),
    h("p", null, f.description),
    h("p", null, h("strong", null, `${st("recommendation")}: `), f.recommendation),
    h("p", { class: "muted" }, st("addressedTo", { who: f.addressedTo }), f.evidence.attachmentIds.length ? ` · ${st("evidence", { n: f.evidence.attachmentIds.length })}` : ""),
    h(sub, null, st("timeline")),
    h(
      "ol",
      { class: "timeline" },
      h("li", null, st("opened", { at: dmy(f.createdAt) })),
      f.transitions.map((t) =>
        h("li", null, h("span", { class: "muted" }, st("by", { at: dmy(t.at), who: t.by ?? "" })), " ", statusBadge(t.to), t.escalatedTo ? ` → ${word(t.escalatedTo)}` : "", h("br"), t.text, t.attachmentIds.length ? h("span", { class: "muted" }, ` (${st("evidence", { n: t.attachmentIds.length })})`) : null),
      ),
    ),
    box,
  );
}

/** Client-side pages over a list the API returns whole (inspections, findings, feedback). */
export function pages<T>(rows: T[], size = 10): (cursor: string | undefined) => Promise<{ data: T[]; nextCursor?: string }> {
  return async (cursor) => {
    const from = Number(cursor ?? 0);
    return { data: rows.slice(from, from + size), nextCursor: from + size < rows.length ? String(from + size) : undefined };
  };
}

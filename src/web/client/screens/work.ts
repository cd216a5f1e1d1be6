import { api, download, get } from "../api";
import { Child, fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { hasAny, rolesOn, Unit } from "../roles";
import { dmy, downloadButton, field, form, heading, input, link, money, moneyField, notice, pager, select, spinner, table, textarea, today, ui, words } from "../ui";
import { badge, CATEGORIES, collapsible, MOVES, nameOf, photoField, refusal, section, WorkStatus } from "./_works-widgets";

// One work (công trình): its details and status, the moves a head may make, budget vs actual, its
// payment vouchers — a head approves or rejects the drafts above the unit's threshold (never their
// own: the server says so and the screen shows it) — and, for the treasurer, the payment voucher
// with the invoice photographed by the phone, advances, progress reports and consultations.

const t = texts({
  vi: {
    works: "Công trình", number: "Công trình số", status: "Trạng thái", location: "Địa điểm", category: "Loại", description: "Mô tả", contractor: "Đơn vị thi công", selfBuilt: "Nhân dân tự làm",
    planned: "Thời gian dự kiến", actual: "Thời gian thực tế", progress: "Tiến độ", onHold: "Đang tạm dừng chi: phát hiện giám sát nghiêm trọng số {ids} chưa được xử lý.", findings: "Xem kiến nghị",
    jump: "Trên trang này", exportXlsx: "Quyết toán (Excel)", exportPdf: "Quyết toán (PDF)",
    moves: "Trạng thái và chuyển bước", noMoves: "Công trình đã ở bước cuối, không chuyển tiếp được.", moveTo: "Chuyển sang", date: "Ngày", note: "Ghi chú", move: "Chuyển trạng thái",
    decision: "Quyết định của cuộc họp nhân dân (khi duyệt mà không qua lấy ý kiến)", decisionDate: "Ngày họp", minutesRef: "Số biên bản", householdsTotal: "Tổng số hộ", householdsAgreeing: "Số hộ đồng ý",
    moved: "Đã chuyển sang “{status}”.", history: "Các bước đã qua", by: "bởi {name}", headOnly: "Chỉ trưởng thôn (trưởng đơn vị) chuyển được trạng thái công trình.",
    budget: "Dự toán và thực chi", byCategory: "Theo khoản mục", bySource: "Theo nguồn vốn", account: "Tài khoản", estimate: "Dự toán", spent: "Đã chi", remaining: "Còn lại", overspent: "Vượt dự toán",
    source: "Nguồn", plannedFunding: "Kế hoạch", received: "Đã nhận", total: "Tổng cộng",
    drafts: "Phiếu chi chờ duyệt", noDrafts: "Không có phiếu nào chờ duyệt.", approve: "Duyệt và ghi sổ", reject: "Từ chối", reason: "Lý do từ chối", confirmReject: "Xác nhận từ chối",
    approved: "Đã duyệt: phiếu {no} đã ghi sổ.", rejected: "Đã từ chối phiếu.", draftedBy: "Người lập: {name}", waitHead: "Chờ trưởng thôn duyệt (người lập không tự duyệt được).",
    vouchers: "Các phiếu chi", voucherNo: "Số phiếu", kind: "Loại", payee: "Người nhận", amount: "Số tiền", files: "Chứng từ", file: "Tệp {n}",
    newExpense: "Ghi phiếu chi", method: "Hình thức chi", saveExpense: "Ghi phiếu chi", expensePosted: "Đã ghi phiếu chi {no}.",
    expenseDraft: "Phiếu chi vượt hạn mức {threshold} đồng: đã lưu, chờ trưởng thôn duyệt.", closed: "Công trình đã đóng: không ghi thêm phiếu chi, tạm ứng hay tiến độ.",
    advances: "Tạm ứng cho tổ thi công (Nợ TK 141)", saveAdvance: "Ghi tạm ứng", advancePosted: "Đã ghi phiếu tạm ứng {no}.", advanceDraft: "Tạm ứng vượt hạn mức: đã lưu, chờ trưởng thôn duyệt.",
    progressReports: "Báo cáo tiến độ", percent: "Tiến độ (%)", photos: "Ảnh hiện trường", saveProgress: "Ghi tiến độ", progressSaved: "Đã ghi tiến độ {p}%.", noProgress: "Chưa có báo cáo tiến độ.", photoN: "Ảnh {n} ngày {date}",
    consultations: "Lấy ý kiến nhân dân", question: "Nội dung hỏi ý kiến", opensAt: "Mở lúc", closesAt: "Kết thúc lúc", documents: "Tài liệu kèm theo (bản vẽ, dự toán)", openConsultation: "Mở lấy ý kiến",
    consultationOpened: "Đã mở lấy ý kiến.", noConsultations: "Chưa có đợt lấy ý kiến nào.", tally: "Đồng ý {agree} · Không đồng ý {disagree} · Không ý kiến {abstain}", publicData: "Trang công khai (dữ liệu)",
    comments: "{n} góp ý", back: "Về danh sách công trình", showAdvance: "Ghi tạm ứng mới", showProgress: "Ghi báo cáo tiến độ", showConsultation: "Mở đợt lấy ý kiến mới", hideForm: "Đóng biểu mẫu",
    costCategory: "Khoản mục",
  },
  en: {
    works: "Works", number: "Work no.", status: "Status", location: "Location", category: "Kind", description: "Description", contractor: "Contractor", selfBuilt: "Built by residents",
    planned: "Planned", actual: "Actual", progress: "Progress", onHold: "Payments on hold: critical supervision finding {ids} is still open.", findings: "See findings",
    jump: "On this page", exportXlsx: "Settlement (Excel)", exportPdf: "Settlement (PDF)",
    moves: "Status and moves", noMoves: "The work is at its last step; no further move.", moveTo: "Move to", date: "Date", note: "Note", move: "Move the work",
    decision: "Residents' meeting decision (to approve without a consultation)", decisionDate: "Meeting date", minutesRef: "Minutes no.", householdsTotal: "Households in all", householdsAgreeing: "Households agreeing",
    moved: "Moved to “{status}”.", history: "Steps so far", by: "by {name}", headOnly: "Only the head of the unit moves a work.",
    budget: "Budget and actual", byCategory: "Per cost category", bySource: "Per funding source", account: "Account", estimate: "Estimate", spent: "Spent", remaining: "Remaining", overspent: "Over the estimate",
    source: "Source", plannedFunding: "Planned", received: "Received", total: "Total",
    drafts: "Vouchers awaiting approval", noDrafts: "No voucher awaits approval.", approve: "Approve and post", reject: "Reject", reason: "Reason for rejecting", confirmReject: "Confirm rejection",
    approved: "Approved: voucher {no} is posted.", rejected: "Voucher rejected.", draftedBy: "Drafted by {name}", waitHead: "Awaiting the head's approval (its drafter cannot approve it).",
    vouchers: "Vouchers", voucherNo: "Voucher", kind: "Kind", payee: "Payee", amount: "Amount", files: "Documents", file: "File {n}",
    newExpense: "Record a payment voucher", method: "Paid by", saveExpense: "Record the voucher", expensePosted: "Voucher {no} recorded.",
    expenseDraft: "Above the {threshold} dong threshold: saved as a draft for the head to approve.", closed: "The work is closed: no more vouchers, advances or progress.",
    advances: "Advance to the work's crew (Dr 141)", saveAdvance: "Record the advance", advancePosted: "Advance {no} recorded.", advanceDraft: "Above the threshold: saved as a draft for the head to approve.",
    progressReports: "Progress reports", percent: "Progress (%)", photos: "Site photos", saveProgress: "Record progress", progressSaved: "Progress {p}% recorded.", noProgress: "No progress report yet.", photoN: "Photo {n} of {date}",
    consultations: "Residents' consultations", question: "Question put to residents", opensAt: "Opens at", closesAt: "Closes at", documents: "Documents (drawings, estimate)", openConsultation: "Open a consultation",
    consultationOpened: "Consultation opened.", noConsultations: "No consultation yet.", tally: "Agree {agree} · Disagree {disagree} · Abstain {abstain}", publicData: "Public page (data)",
    comments: "{n} comments", back: "Back to the works", showAdvance: "Record an advance", showProgress: "Report progress", showConsultation: "Open a new consultation", hideForm: "Close the form",
    costCategory: "Cost category",
  },
});

interface Work {
  id: number; unitId: number; number: number; name: string; location: string; category: string; description: string | null; contractor: string | null;
  plannedStart: string; plannedEnd: string; actualStart: string | null; actualEnd: string | null; status: WorkStatus; progress: number;
  holds: { findingId: number; placedAt: string }[];
  transitions: { from: string; to: string; date: string; note: string | null; by: string | null; decision: { minutesRef: string; householdsAgreeing: number; householdsTotal: number } | null }[];
  progressUpdates: { date: string; percent: number; note: string | null; photos: number[] }[];
  consultations: { id: number; question: string; opensAt: string; closesAt: string; status: string; tally: { agree: number; disagree: number; abstain: number }; result: { outcome: string } | null; comments?: unknown[] }[];
}
interface Budget {
  byCategory: { category: string; account: string; planned: string; spent: string; remaining: string; overspent: boolean }[];
  bySource: { source: string; planned: string; received: string }[];
  totals: { planned: string; funded: string; received: string; spent: string; remaining: string; overspent: boolean };
}
interface Voucher {
  id: number; kind: "expense" | "advance"; category: string | null; amount: string; date: string; payee: string; description: string; method: string; status: string;
  voucherNo: string | null; draftedBy: number | null; draftedByName: string | null; decidedByName: string | null; rejectReason: string | null; attachmentIds: number[];
}

const PAGE = 20;
/** The Vietnam wall-clock time `days` from now, as a datetime-local value. */
const localInput = (days = 0) => new Date(Date.now() + 7 * 3600_000 + days * 86400_000).toISOString().slice(0, 16);

export default async function workScreen({ root, params, me }: ScreenCtx): Promise<void> {
  const { unitId, workId } = params;
  const W = `/units/${unitId}/works/${workId}`;
  root.classList.add("works-area");
  fill(root, spinner());
  const [unit, first] = await Promise.all([get<Unit>(`/units/${unitId}`), get<Work>(W)]);
  let work = first;
  const roles = rolesOn(me, unit);
  const isHead = roles.has("head");
  const canWrite = hasAny(roles, "treasurer", "head");
  const open = () => !["settled", "cancelled"].includes(work.status);

  const facts = h("div");
  const moves = h("div");
  const budget = h("div", null, spinner());
  const drafts = h("div", { "aria-live": "polite" }, spinner());
  const all = h("div");
  const progress = h("div");
  const consultations = h("div");
  let vouchers: Voucher[] = [];

  const renderFacts = () =>
    fill(
      facts,
      work.holds.length
        ? notice("error", t("onHold", { ids: work.holds.map((x) => x.findingId).join(", ") }), " ", link(`/app/units/${unitId}/findings`, t("findings")))
        : null,
      h(
        "dl",
        { class: "facts" },
        h("dt", null, t("number")), h("dd", null, String(work.number).padStart(2, "0")),
        h("dt", null, t("status")), h("dd", null, badge(work.status)),
        h("dt", null, t("location")), h("dd", null, work.location),
        h("dt", null, t("category")), h("dd", null, work.category),
        work.description ? [h("dt", null, t("description")), h("dd", null, work.description)] : null,
        h("dt", null, t("contractor")), h("dd", null, work.contractor ?? t("selfBuilt")),
        h("dt", null, t("planned")), h("dd", null, h("span", { class: "nowrap" }, dmy(work.plannedStart)), " – ", h("span", { class: "nowrap" }, dmy(work.plannedEnd))),
        work.actualStart ? [h("dt", null, t("actual")), h("dd", null, `${dmy(work.actualStart)} – ${dmy(work.actualEnd)}`)] : null,
        h("dt", null, t("progress")), h("dd", null, `${work.progress}%`),
      ),
    );

  const reloadWork = async () => {
    work = await get<Work>(W);
    renderFacts();
    renderMoves();
    renderProgress();
    renderConsultations();
  };

  // ---- status and moves (a head's)
  const renderMoves = () => {
    const allowed = MOVES[work.status] ?? [];
    const history = work.transitions.length
      ? [
          h("h3", null, t("history")),
          h(
            "ol",
            { class: "timeline" },
            work.transitions.map((x) =>
              h("li", null, h("strong", null, `${dmy(x.date)}: `), `${nameOf(x.from)} → ${nameOf(x.to)}`, x.by ? h("span", { class: "muted" }, ` (${t("by", { name: x.by })})`) : null,
                x.decision ? h("div", { class: "muted" }, `${t("minutesRef")}: ${x.decision.minutesRef} — ${x.decision.householdsAgreeing}/${x.decision.householdsTotal}`) : null,
                x.note ? h("div", null, x.note) : null),
            ),
          ),
        ]
      : null;
    if (!allowed.length) return fill(moves, h("p", null, badge(work.status), " ", t("noMoves")), history);
    if (!isHead) return fill(moves, h("p", null, badge(work.status), " ", h("span", { class: "muted" }, t("headOnly"))), history);
    const to = select("to", allowed.map((s): [string, string] => [s, nameOf(s)]));
    const decision = h(
      "fieldset",
      null,
      h("legend", null, t("decision")),
      field(t("decisionDate"), input("decisionDate", { type: "date" })),
      field(t("minutesRef"), input("minutesRef", { maxlength: "200" })),
      field(t("householdsTotal"), input("householdsTotal", { type: "number", min: "1", inputmode: "numeric" })),
      field(t("householdsAgreeing"), input("householdsAgreeing", { type: "number", min: "0", inputmode: "numeric" })),
    );
    const showDecision = () => (decision.hidden = to.value !== "approved");
    to.addEventListener("change", showDecision);
    const f = form(
      {
        submitLabel: t("move"),
        onSubmit: async (v) => {
          const body: Record<string, unknown> = { to: v.to, date: v.date };
          if (v.note.trim()) body.note = v.note.trim();
          if (v.to === "approved" && v.minutesRef.trim()) {
            body.decision = { date: v.decisionDate, minutesRef: v.minutesRef.trim(), householdsTotal: Number(v.householdsTotal), householdsAgreeing: Number(v.householdsAgreeing) };
          }
          await api("POST", `${W}/transitions`, body);
          await reloadWork();
          moves.prepend(notice("ok", t("moved", { status: nameOf(v.to) })));
        },
      },
      field(t("moveTo"), to),
      field(t("date"), input("date", { type: "date", value: today(), required: true })),
      field(t("note"), textarea("note", { maxlength: "2000" })),
      decision,
    );
    showDecision();
    fill(moves, h("p", null, badge(work.status)), f, history);
  };

  // ---- budget vs actual
  type CategoryRow = Budget["byCategory"][number] & { label: string };
  const renderBudget = (b: Budget) =>
    fill(
      budget,
      h("div", { class: "with-total" }, table<CategoryRow>(
        [
          { label: t("costCategory"), cell: (c) => [c.label, c.overspent ? [" ", h("span", { class: "badge bad" }, t("overspent"))] : null] },
          { label: t("account"), cell: (c) => c.account },
          { label: t("estimate"), num: true, cell: (c) => money(c.planned) },
          { label: t("spent"), num: true, cell: (c) => money(c.spent) },
          { label: t("remaining"), num: true, cell: (c) => money(c.remaining) },
        ],
        [...b.byCategory.map((c) => ({ ...c, label: nameOf(c.category) })), { ...b.totals, category: "", account: "", label: t("total") }],
        t("byCategory"),
      )),
      b.bySource.length
        ? table(
            [
              { label: t("source"), cell: (s: Budget["bySource"][number]) => nameOf(s.source) },
              { label: t("plannedFunding"), num: true, cell: (s) => money(s.planned) },
              { label: t("received"), num: true, cell: (s) => money(s.received) },
            ],
            b.bySource,
            t("bySource"),
          )
        : null,
    );

  // ---- vouchers: the drafts (a head's approvals), then every voucher
  const fileButtons = (ids: number[]) =>
    ids.map((id, i) => downloadButton(t("file", { n: i + 1 }), () => download(`/units/${unitId}/attachments/${id}`, `tep-${id}`)));
  const draftCard = (e: Voucher): HTMLElement => {
    const msg = h("div", { "aria-live": "polite" });
    const buttons = h("div", { class: "actions" });
    const card = h(
      "li",
      { class: "card", "data-expense": String(e.id) },
      h("h3", null, `${money(e.amount)} đ — ${e.payee}`),
      h("p", { class: "in-words" }, words(e.amount)),
      h("p", null, `${dmy(e.date)} · ${e.kind === "advance" ? nameOf("advanceKind") : nameOf(e.category ?? "other")} · ${nameOf(e.method)}`),
      h("p", null, e.description),
      h("p", { class: "muted" }, t("draftedBy", { name: e.draftedByName ?? "—" })),
      e.attachmentIds.length ? h("div", { class: "actions" }, fileButtons(e.attachmentIds)) : null,
      msg,
      buttons,
    );
    if (!isHead) {
      fill(buttons, h("p", { class: "muted" }, t("waitHead")));
      return card;
    }
    const approve = h("button", { type: "button" }, t("approve"));
    approve.addEventListener("click", async () => {
      approve.disabled = true;
      msg.replaceChildren();
      try {
        const r = await api<{ voucherNo: string }>("POST", `/units/${unitId}/expenses/${e.id}/approve`);
        await reloadVouchers(notice("ok", t("approved", { no: r.voucherNo })));
      } catch (err) {
        fill(msg, notice("error", refusal(err)));
        approve.disabled = false;
      }
    });
    const reject = h("button", { type: "button", class: "secondary", "aria-expanded": "false" }, t("reject"));
    const rejectForm = form(
      {
        submitLabel: t("confirmReject"),
        onSubmit: async (v) => {
          await api("POST", `/units/${unitId}/expenses/${e.id}/reject`, { reason: v.reason.trim() });
          await reloadVouchers(notice("ok", t("rejected")));
        },
      },
      field(t("reason"), textarea("reason", { required: true, maxlength: "2000" })),
    );
    rejectForm.hidden = true;
    reject.addEventListener("click", () => {
      rejectForm.hidden = !rejectForm.hidden;
      reject.setAttribute("aria-expanded", String(!rejectForm.hidden));
      if (!rejectForm.hidden) rejectForm.querySelector("textarea")?.focus();
    });
    fill(buttons, approve, reject);
    card.append(rejectForm);
    return card;
  };
  const voucherCols = [
    { label: t("date"), cell: (e: Voucher) => h("span", { class: "nowrap" }, dmy(e.date)) },
    { label: t("voucherNo"), cell: (e: Voucher) => e.voucherNo ?? "—" },
    { label: t("kind"), cell: (e: Voucher) => (e.kind === "advance" ? nameOf("advanceKind") : nameOf(e.category ?? "other")) },
    { label: t("payee"), cell: (e: Voucher) => [e.payee, h("br"), h("small", { class: "muted" }, e.description)] },
    { label: t("amount"), num: true, cell: (e: Voucher) => money(e.amount) },
    { label: t("status"), cell: (e: Voucher) => [badge(e.status), e.rejectReason ? h("div", { class: "muted" }, `${t("reason")}: ${e.rejectReason}`) : null] },
    { label: t("files"), cell: (e: Voucher) => (e.attachmentIds.length ? fileButtons(e.attachmentIds) : "") },
  ];
  const voucherPager = pager<Voucher>(
    async (cursor) => {
      const from = Number(cursor ?? 0);
      return { data: vouchers.slice(from, from + PAGE), nextCursor: from + PAGE < vouchers.length ? from + PAGE : null };
    },
    (rows) => table(voucherCols, rows),
  );
  fill(all, voucherPager.el);
  const reloadVouchers = async (said?: HTMLElement) => {
    const [list, b] = await Promise.all([get<{ data: Voucher[] }>(`${W}/expenses`), get<Budget>(`${W}/budget`)]);
    // The newest first: what was just recorded or decided is at the top.
    vouchers = list.data.slice().reverse();
    const waiting = vouchers.filter((e) => e.status === "draft");
    fill(drafts, said ?? null, waiting.length ? h("ul", { class: "cards" }, waiting.map(draftCard)) : h("p", { class: "muted" }, t("noDrafts")));
    renderBudget(b);
    await voucherPager.reload();
  };

  // ---- recording: payment voucher, advance
  const voucherForm = (kind: "expense" | "advance"): HTMLElement => {
    const photo = photoField(unitId);
    const said = h("div", { "aria-live": "polite" });
    const methods = kind === "expense" ? ["cash", "bank", "payable", "advance"] : ["cash", "bank"];
    const f = form(
      {
        draftKey: `${kind}:${unitId}:${workId}`,
        submitLabel: kind === "expense" ? t("saveExpense") : t("saveAdvance"),
        onSubmit: async (v, key, el) => {
          said.replaceChildren();
          const attachmentIds = await photo.ids();
          const body: Record<string, unknown> = { amount: v.amount, date: v.date, payee: v.payee.trim(), description: v.description.trim(), method: v.method };
          if (kind === "expense") body.category = v.category;
          if (attachmentIds.length) body.attachmentIds = attachmentIds;
          const r = await api<{ status: string; voucherNo?: string }>("POST", `${W}/${kind === "expense" ? "expenses" : "advances"}`, body, { idempotencyKey: key });
          const text =
            r.status === "posted"
              ? t(kind === "expense" ? "expensePosted" : "advancePosted", { no: r.voucherNo ?? "" })
              : kind === "expense" ? t("expenseDraft", { threshold: money(unit.approvalThreshold) }) : t("advanceDraft");
          fill(said, notice("ok", h("strong", null, text), h("br"), `${v.payee} · ${money(v.amount)} đ`, h("br"), h("em", null, words(v.amount))));
          el.reset();
          photo.clear();
          el.querySelectorAll<HTMLInputElement>("input[type=hidden]").forEach((i) => { i.value = ""; i.dispatchEvent(new Event("change")); });
          (el.elements.namedItem("date") as HTMLInputElement).value = v.date;
          await reloadVouchers();
        },
      },
      kind === "expense" ? field(t("category"), select("category", CATEGORIES.map((c): [string, string] => [c, nameOf(c)]))) : null,
      moneyField(t("amount"), "amount", { required: true }),
      field(t("date"), input("date", { type: "date", value: today(), required: true })),
      field(t("payee"), input("payee", { required: true, maxlength: "200", autocomplete: "off" })),
      field(t("description"), textarea("description", { required: true, maxlength: "2000" })),
      field(t("method"), select("method", methods.map((m): [string, string] => [m, nameOf(m)]))),
      photo.el,
    );
    const body = h("div", null, said, f);
    return kind === "expense" ? body : collapsible(t("showAdvance"), t("hideForm"), body, `${kind}:${unitId}:${workId}`);
  };

  // ---- progress reports
  const renderProgress = () =>
    fill(
      progress,
      work.progressUpdates.length
        ? h(
            "ol",
            { class: "timeline" },
            work.progressUpdates.map((p) =>
              h("li", null, h("strong", null, `${dmy(p.date)}: ${p.percent}%`), p.note ? h("div", null, p.note) : null,
                // Progress photos are public (residents see them on the work's page): their thumbnail, linked to the photo.
                p.photos.length ? h("div", { class: "photos" }, p.photos.map((id, i) => h("a", { href: `/api/v1/public/attachments/${id}` }, h("img", { class: "thumb", src: `/api/v1/public/attachments/${id}?size=thumb`, alt: t("photoN", { n: i + 1, date: dmy(p.date) }), loading: "lazy" })))) : null),
            ),
          )
        : h("p", { class: "muted" }, t("noProgress")),
    );
  const progressForm = (): HTMLElement => {
    const photos = photoField(unitId, "photoIds", { multiple: true, label: t("photos") });
    const said = h("div", { "aria-live": "polite" });
    const f = form(
      {
        draftKey: `progress:${unitId}:${workId}`,
        submitLabel: t("saveProgress"),
        onSubmit: async (v, key, el) => {
          const ids = await photos.ids();
          const body: Record<string, unknown> = { date: v.date, percent: Number(v.percent) };
          if (v.note.trim()) body.note = v.note.trim();
          if (ids.length) body.photos = ids;
          await api("POST", `${W}/progress`, body, { idempotencyKey: key });
          el.reset();
          photos.clear();
          (el.elements.namedItem("date") as HTMLInputElement).value = v.date;
          await reloadWork();
          fill(said, notice("ok", t("progressSaved", { p: v.percent })));
        },
      },
      field(t("date"), input("date", { type: "date", value: today(), required: true })),
      field(t("percent"), input("percent", { type: "number", min: "0", max: "100", step: "1", inputmode: "numeric", required: true })),
      field(t("note"), textarea("note", { maxlength: "2000" })),
      photos.el,
    );
    return collapsible(t("showProgress"), t("hideForm"), h("div", null, said, f), `progress:${unitId}:${workId}`);
  };

  // ---- consultations
  const renderConsultations = () =>
    fill(
      consultations,
      work.consultations.length
        ? h(
            "ul",
            { class: "cards" },
            work.consultations.map((c) =>
              h("li", { class: "card" },
                h("h3", null, c.question),
                h("p", null, badge(c.status), " ", `${dmy(c.opensAt)} – ${dmy(c.closesAt)}`),
                h("p", null, t("tally", c.tally), c.result ? [" — ", h("strong", null, nameOf(c.result.outcome))] : null),
                c.comments?.length ? h("p", { class: "muted" }, t("comments", { n: c.comments.length })) : null,
                h("p", null, h("a", { href: `/api/v1/public/consultations/${c.id}` }, t("publicData")))),
            ),
          )
        : h("p", { class: "muted" }, t("noConsultations")),
    );
  const consultationForm = (): HTMLElement => {
    const docs = photoField(unitId, "documentIds", { multiple: true, label: t("documents") });
    const said = h("div", { "aria-live": "polite" });
    const f = form(
      {
        draftKey: `consultation:${unitId}:${workId}`,
        submitLabel: t("openConsultation"),
        onSubmit: async (v, key, el) => {
          const ids = await docs.ids();
          // The inputs read Vietnam's wall clock (UTC+7, no DST).
          const body: Record<string, unknown> = { question: v.question.trim(), opensAt: `${v.opensAt}:00+07:00`, closesAt: `${v.closesAt}:00+07:00` };
          if (ids.length) body.documents = ids;
          await api("POST", `${W}/consultations`, body, { idempotencyKey: key });
          el.reset();
          docs.clear();
          (el.elements.namedItem("opensAt") as HTMLInputElement).value = localInput();
          (el.elements.namedItem("closesAt") as HTMLInputElement).value = localInput(14);
          await reloadWork();
          fill(said, notice("ok", t("consultationOpened")));
        },
      },
      field(t("question"), textarea("question", { required: true, maxlength: "2000" })),
      h("div", { class: "grid" }, field(t("opensAt"), input("opensAt", { type: "datetime-local", value: localInput(), required: true })), field(t("closesAt"), input("closesAt", { type: "datetime-local", value: localInput(14), required: true }))),
      docs.el,
    );
    return collapsible(t("showConsultation"), t("hideForm"), h("div", null, said, f), `consultation:${unitId}:${workId}`);
  };

  renderFacts();
  renderMoves();
  renderProgress();
  renderConsultations();
  const writable = canWrite && open();
  const parts: [string, string, Child][] = [
    ["moves", t("moves"), moves],
    ["budget", t("budget"), budget],
    ["drafts", t("drafts"), drafts],
    ["vouchers", t("vouchers"), all],
    ...(writable ? ([["new-expense", t("newExpense"), voucherForm("expense")], ["advances", t("advances"), voucherForm("advance")]] as [string, string, Child][]) : []),
    ["progress", t("progressReports"), [progress, writable ? progressForm() : null]],
    ["consultations", t("consultations"), [consultations, writable ? consultationForm() : null]],
  ];
  const sections = parts.map(([id, label, body]): [string, string, HTMLElement] => {
    const s = section(label, body);
    s.id = id;
    s.querySelector("h2")!.setAttribute("tabindex", "-1");
    return [id, label, s];
  });
  // In-page jumps scroll and move focus without a fragment navigation (which would re-route the app).
  const jump = (e: Event) => {
    e.preventDefault();
    const id = (e.currentTarget as HTMLAnchorElement).getAttribute("href")!.slice(1);
    const target = root.querySelector<HTMLElement>(`#${CSS.escape(id)} h2`);
    target?.scrollIntoView();
    target?.focus({ preventScroll: true });
  };
  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: `/app/units/${unitId}` }, unit.name), " › ", h("a", { href: `/app/units/${unitId}/works` }, t("works"))),
    heading(
      work.name,
      downloadButton(t("exportXlsx"), () => download(`/units/${unitId}/statements/work-settlement.xlsx`, `quyet-toan-${work.number}.xlsx`, { workId })),
      downloadButton(t("exportPdf"), () => download(`/units/${unitId}/statements/work-settlement.pdf`, `quyet-toan-${work.number}.pdf`, { workId })),
    ),
    facts,
    canWrite && !open() ? notice("info", t("closed")) : null,
    h("nav", { class: "jump", "aria-label": t("jump") }, h("ul", null, sections.map(([id, label]) => h("li", null, h("a", { href: `#${id}`, on: { click: jump } }, label))))),
    sections.map(([, , s]) => s),
    h("p", null, h("a", { href: `/app/units/${unitId}/works` }, t("back"))),
  );
  // Not awaited: the shell moves focus to the h1 once the screen returns, and must not do so while
  // someone is already typing in a form below.
  reloadVouchers().catch((err) => fill(drafts, notice("error", refusal(err))));
}

import { api, get } from "../api";
import type { PublicWorksWire, PublicWorkRowWire, WorkWire } from "../../../works/wire";
import type { CampaignWire as Campaign } from "../../../contributions/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { hasAny, rolesOn, Unit } from "../roles";
import { bringIntoView, field, form, heading, input, money, moneyField, notice, pager, select, spinner, table, textarea, ui } from "../ui";
import { badge, CATEGORIES, collapsible, nameOf, refusal, section, SOURCES, STATUSES, voucherCard } from "./_works-widgets";
import { t as wt, type Voucher } from "./_work-words";

// The works of a unit (công trình): status, estimate, what has been spent and how far along each
// is, filtered by status; a head sees first the vouchers waiting for them, and decides them here.
// A treasurer or head proposes a work here: estimate per cost category, funding plan per source.

const t = texts({
  vi: {
    title: "Công trình", status: "Trạng thái", no: "Số", name: "Tên công trình", estimate: "Dự toán", spent: "Đã chi", progress: "Tiến độ", waiting: "Phiếu chờ duyệt",
    list: "Danh sách công trình", propose: "Đề xuất công trình mới", showForm: "Mở biểu mẫu đề xuất", hideForm: "Đóng biểu mẫu",
    location: "Địa điểm", category: "Loại công trình", categoryHint: "Ví dụ: giao thông, thuỷ lợi, nhà văn hoá.", description: "Mô tả", contractor: "Đơn vị thi công",
    contractorHint: "Để trống nếu nhân dân tự làm.", plannedStart: "Dự kiến khởi công", plannedEnd: "Dự kiến hoàn thành", estimateLegend: "Dự toán theo khoản mục",
    estimateHint: "Nhập số tiền cho các khoản mục có chi; để trống khoản không có.", fundingLegend: "Kế hoạch nguồn vốn", campaignOf: "Đợt vận động cho nguồn “{source}”",
    noCampaign: "(không gắn đợt vận động)", needEstimate: "Hãy nhập dự toán cho ít nhất một khoản mục.", submit: "Lưu đề xuất", findingsOpen: "{n} kiến nghị chưa xử lý",
    none: "Đơn vị chưa có công trình nào.", back: "Về trang đơn vị",
  },
  en: {
    title: "Works", status: "Status", no: "No.", name: "Work", estimate: "Estimate", spent: "Spent", progress: "Progress", waiting: "Vouchers to approve",
    list: "Works", propose: "Propose a work", showForm: "Open the proposal form", hideForm: "Close the form",
    location: "Location", category: "Kind of work", categoryHint: "E.g. roads, irrigation, community hall.", description: "Description", contractor: "Contractor",
    contractorHint: "Leave empty if residents build it themselves.", plannedStart: "Planned start", plannedEnd: "Planned end", estimateLegend: "Estimate per cost category",
    estimateHint: "Enter an amount for each category with costs; leave the others empty.", fundingLegend: "Funding plan", campaignOf: "Campaign for “{source}”",
    noCampaign: "(no campaign)", needEstimate: "Enter an estimate for at least one category.", submit: "Save the proposal", findingsOpen: "{n} open findings",
    none: "This unit has no works yet.", back: "Back to the unit",
  },
});

export type WorkRow = WorkWire;
type PublicRow = PublicWorkRowWire;

const PAGE = 20;

export default async function works({ root, params, query, me, go }: ScreenCtx): Promise<void> {
  const unitId = params.unitId;
  root.classList.add("works-area");
  fill(root, spinner());
  // The staff list first: it is what says whether this user may see the unit at all.
  const [unit, list] = await Promise.all([get<Unit>(`/units/${unitId}`), get<{ data: WorkRow[] }>(`/units/${unitId}/works`)]);
  const roles = rolesOn(me, unit);
  const isHead = roles.has("head");
  const canWrite = hasAny(roles, "treasurer", "head");
  // Estimate, spent and findings per work, as the public list computes them (one request, not one per work).
  const figures = new Map<number, PublicRow>();
  const [, campaigns] = await Promise.all([
    get<PublicWorksWire>(`/public/units/${unitId}/works`).then((r) => r.data.forEach((x) => figures.set(x.id, x)), () => undefined),
    canWrite ? get<{ data: Campaign[] }>(`/units/${unitId}/campaigns`).then((r) => r.data, () => []) : [],
  ]);

  const status = select("status", [["", ui("all")], ...STATUSES.map((s): [string, string] => [s, nameOf(s)])], query.get("status") ?? "");
  const live = (w: WorkRow) => !["settled", "cancelled"].includes(w.status);

  // The vouchers awaiting a head, of every open work, newest first: a head approves them here
  // (the home screen's "n phiếu chi chờ duyệt" leads here) or on each work's screen.
  const pendingBox = h("div");
  const pending = section("", pendingBox);
  pending.title.tabIndex = -1;
  pending.el.hidden = true;
  let drafts: Promise<{ w: WorkRow; e: Voucher }[]> = Promise.resolve([]);
  const loadPending = async (said?: HTMLElement): Promise<void> => {
    drafts = Promise.all(
      list.data.filter(live).map((w) =>
        get<{ data: Voucher[] }>(`/units/${unitId}/works/${w.id}/expenses`).then((r) => r.data.filter((e) => e.status === "draft").map((e) => ({ w, e }))),
      ),
    ).then((lists) => lists.flat().sort((a, b) => b.e.id - a.e.id));
    const all = await drafts;
    pending.el.hidden = !all.length && !said;
    pending.title.textContent = wt("pendingTitle", { n: all.length });
    const card = ({ w, e }: { w: WorkRow; e: Voucher }) =>
      voucherCard(e, { unitId, isHead, work: { name: w.name, href: `/app/units/${unitId}/works/${w.id}` }, decided: (s) => loadPending(s).then(() => p.reload()) });
    fill(pendingBox, said ?? null, all.length ? h("ul", { class: "cards" }, all.map(card)) : h("p", { class: "muted" }, wt("noDrafts")));
    if (said) bringIntoView(said);
  };
  const waitingCell = (w: WorkRow) => {
    const cell = h("span", null, "…");
    drafts.then(
      (all) => {
        const n = all.filter((x) => x.w.id === w.id).length;
        fill(cell, n ? h("span", { class: "badge warn" }, String(n)) : "0");
      },
      () => fill(cell, "—"),
    );
    return cell;
  };
  const cols = [
    { label: t("no"), cell: (w: WorkRow) => String(w.number).padStart(2, "0") },
    { label: t("name"), cell: (w: WorkRow) => [h("a", { href: `/app/units/${unitId}/works/${w.id}` }, w.name), h("br"), h("small", { class: "muted" }, w.location)] },
    { label: t("status"), cell: (w: WorkRow) => [badge(w.status), figures.get(w.id)?.findings.open ? [" ", h("span", { class: "badge bad" }, t("findingsOpen", { n: figures.get(w.id)!.findings.open }))] : null] },
    { label: t("estimate"), num: true, cell: (w: WorkRow) => money(figures.get(w.id)?.estimated ?? w.estimate.reduce((a, l) => a + BigInt(l.amount), 0n).toString()) },
    { label: t("spent"), num: true, cell: (w: WorkRow) => money(figures.get(w.id)?.spent ?? "") },
    { label: t("progress"), num: true, cell: (w: WorkRow) => `${w.progress}%` },
    ...(isHead ? [{ label: t("waiting"), num: true, cell: (w: WorkRow) => (live(w) ? waitingCell(w) : "—") }] : []),
  ];
  // The API sends every work of the unit (at most 99): paged here so a phone shows 20 at a time.
  const rows = () => list.data.filter((w) => !status.value || w.status === status.value);
  const p = pager<WorkRow>(
    async (cursor) => {
      const from = Number(cursor ?? 0);
      const all = rows();
      return { data: all.slice(from, from + PAGE), nextCursor: from + PAGE < all.length ? from + PAGE : null };
    },
    (data) => (data.length ? table(cols, data) : h("p", { class: "empty" }, t("none"))),
  );
  status.addEventListener("change", () => {
    // The filter is part of the address: bookmarkable, and kept on reload.
    history.replaceState(null, "", status.value ? `?status=${encodeURIComponent(status.value)}` : location.pathname);
    void p.reload();
  });

  // Read after the list is on screen (one request per open work); the table's counts wait for it.
  const ready = canWrite ? loadPending().catch((err) => {
    pending.el.hidden = false;
    fill(pendingBox, notice("error", refusal(err)));
  }) : Promise.resolve();
  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: `/app/units/${unit.id}` }, `← ${unit.name}`)),
    heading(`${t("title")} — ${unit.name}`),
    pending.el,
    section(t("list"), h("div", { class: "filters" }, field(t("status"), status)), p.el).el,
    canWrite ? proposeSection(unitId, campaigns, go) : null,
    h("p", null, h("a", { href: `/app/units/${unit.id}` }, t("back"))),
  );
  // Opened for the pending vouchers (from the home screen): they are the first thing read.
  if (query.get("pending")) void ready.then(() => pending.el.hidden || bringIntoView(pending.title));
}

function proposeSection(unitId: string, campaigns: Campaign[], go: (path: string) => void): HTMLElement {
  const draftKey = `work:${unitId}`;
  // Residents' money and gifts are tied to a campaign, so budget vs actual can count what came in.
  const opts: [string, string][] = [["", t("noCampaign")], ...campaigns.map((c): [string, string] => [String(c.id), c.name])];
  const campaignOf = campaigns.length ? (["community", "in_kind"] as const).map((s) => ({ source: s, choice: select(`camp_${s}`, opts) })) : [];
  const estimates = CATEGORIES.map((c) => ({ category: c, field: moneyField(nameOf(c), `est_${c}`) }));
  const fundings = SOURCES.map((s) => ({ source: s, field: moneyField(nameOf(s), `fund_${s}`) }));
  const name = input("name", { required: true, maxlength: "200" });
  const location = input("location", { required: true, maxlength: "500" });
  const category = input("category", { required: true, maxlength: "100" });
  const description = textarea("description", { maxlength: "2000" });
  const contractor = input("contractor", { maxlength: "200" });
  const plannedStart = input("plannedStart", { type: "date", required: true });
  const plannedEnd = input("plannedEnd", { type: "date", required: true });
  const f = form(
    {
      draftKey,
      submitLabel: t("submit"),
      onSubmit: async (key) => {
        const estimate = estimates.filter((e) => e.field.value()).map((e) => ({ category: e.category, amount: e.field.value() }));
        if (!estimate.length) throw new Error(t("needEstimate"));
        const funding = fundings
          .filter((x) => x.field.value())
          .map((x) => {
            const campaignId = campaignOf.find((c) => c.source === x.source)?.choice.value;
            return { source: x.source, amount: x.field.value(), ...(campaignId ? { campaignId: Number(campaignId) } : {}) };
          });
        const body: { name: string; location: string; category: string; estimate: typeof estimate; funding: typeof funding; plannedStart: string; plannedEnd: string; description?: string; contractor?: string } = {
          name: name.value.trim(), location: location.value.trim(), category: category.value.trim(), estimate, funding, plannedStart: plannedStart.value, plannedEnd: plannedEnd.value,
        };
        if (description.value.trim()) body.description = description.value.trim();
        if (contractor.value.trim()) body.contractor = contractor.value.trim();
        const r = await api<{ id: number }>("POST", `/units/${unitId}/works`, body, { idempotencyKey: key });
        go(`/app/units/${unitId}/works/${r.id}`);
      },
    },
    field(t("name"), name),
    field(t("location"), location),
    field(t("category"), category, t("categoryHint")),
    field(t("description"), description),
    field(t("contractor"), contractor, t("contractorHint")),
    h("div", { class: "grid" }, field(t("plannedStart"), plannedStart), field(t("plannedEnd"), plannedEnd)),
    h("fieldset", null, h("legend", null, t("estimateLegend")), h("p", { class: "hint" }, t("estimateHint")), estimates.map((e) => e.field.el)),
    h(
      "fieldset",
      null,
      h("legend", null, t("fundingLegend")),
      fundings.map((x) => x.field.el),
      campaignOf.map((c) => field(t("campaignOf", { source: nameOf(c.source) }), c.choice)),
    ),
  );
  return section(t("propose"), collapsible(t("showForm"), t("hideForm"), f, draftKey, () => name.focus())).el;
}

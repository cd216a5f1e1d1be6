import { api, download, get } from "../api";
import type { CampaignSummaryWire, StandingPageWire, StandingRowWire } from "../../../contributions/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { hasAny, rolesOn, Unit } from "../roles";
import { bringIntoView, dmy, downloadButton, field, form, heading, input, money, moneyField, newestOnly, notice, select, sheet, spinner, textarea, today, ui } from "../ui";
import { bt, crumbs, householdPicker, inKindLabel, Item, itemsTable, keepQuery, statusBadge } from "./_books";
import { Campaign, campaignState, levelText, periodText, stateText } from "./campaigns";

// One campaign: where it stands (target, pledged, paid, outstanding, households per status), its
// contribution list (sorted, filtered, paged, exported as the statement), and the treasurer's
// forms — pledge, exemption, labour/land/materials — with each household's items reversible.

const t = texts({
  vi: {
    campaigns: "Đợt vận động", purpose: "Mục đích", basis: "Căn cứ", basisText: "{ref}, ngày {date}: {agreeing}/{total} hộ đồng ý ({present} hộ dự họp)", level: "Mức vận động",
    period: "Thời gian", account: "Tài khoản thu", state: "Trạng thái", receipt: "Ghi phiếu thu", import: "Nhập từ bảng tính của thủ quỹ",
    summary: "Tổng hợp", target: "Mục tiêu", pledged: "Đã đăng ký", paid: "Đã thu", outstanding: "Đã đăng ký, chưa đóng", households: "Số hộ theo tình trạng", inKind: "Hiện vật, ngày công",
    inKindLine: "{quantity} {unit} ({n} hộ)", reduced: "Được giảm mức", reducedBecause: "Giảm mức: {reason}",
    list: "Danh sách đóng góp", sort: "Sắp xếp theo", byCode: "Mã hộ", byName: "Tên chủ hộ", byPaid: "Số đã nộp", byStatus: "Tình trạng", byRecent: "Lần nộp gần nhất", order: "Thứ tự", asc: "Tăng dần", desc: "Giảm dần",
    status: "Tình trạng", all: "Tất cả", apply: "Áp dụng", xlsx: "Xuất Excel", pdf: "Tải PDF",
    code: "Mã hộ", name: "Chủ hộ", suggested: "Mức vận động", receipts: "Phiếu thu", details: "Chi tiết", detailsOf: "Chi tiết hộ {code}", total: "Cộng", count: "{n} hộ",
    prev: "Trang trước", next: "Trang sau", pageOf: "Trang {n}/{of}", itemsOf: "Các khoản của hộ {code} trong đợt này", noItems: "Hộ này chưa có khoản nào trong đợt.", exemptReason: "Lý do miễn: {r}",
    record: "Ghi nhận", pledge: "Ghi đăng ký đóng góp", pledgeSave: "Ghi đăng ký", amount: "Số tiền đăng ký", date: "Ngày", due: "Hẹn nộp trước ngày (không bắt buộc)",
    exemption: "Ghi miễn đóng góp", exemptionSave: "Ghi miễn", reason: "Lý do miễn", inKindForm: "Ghi hiện vật, ngày công", inKindSave: "Ghi hiện vật", kind: "Loại",
    quantity: "Số lượng", unit: "Đơn vị tính", unitHint: "Ví dụ: ngày công, m², bao xi măng.", description: "Mô tả", recorded: "Đã ghi: {what}.", closedNote: "Đợt vận động đã kết thúc: không ghi thêm.",
    expiredNote: "Đợt vận động đã hết hạn ngày {date}: khoản ghi sau ngày đó bị từ chối. Muốn thu tiếp, hãy gia hạn ngày kết thúc.", upcomingNote: "Đợt vận động bắt đầu từ ngày {date}: chưa ghi được khoản nào.",
  },
  en: {
    campaigns: "Campaigns", purpose: "Purpose", basis: "Decided by", basisText: "{ref}, {date}: {agreeing}/{total} households agreed ({present} present)", level: "Suggested level",
    period: "Period", account: "Revenue account", state: "State", receipt: "Record a receipt", import: "Import the treasurer's sheet",
    summary: "Summary", target: "Target", pledged: "Pledged", paid: "Received", outstanding: "Pledged, not yet paid", households: "Households per status", inKind: "In kind, labour",
    inKindLine: "{quantity} {unit} ({n} households)", reduced: "Reduced level", reducedBecause: "Reduced: {reason}",
    list: "Contribution list", sort: "Sort by", byCode: "Code", byName: "Head's name", byPaid: "Amount paid", byStatus: "Status", byRecent: "Latest payment", order: "Order", asc: "Ascending", desc: "Descending",
    status: "Status", all: "All", apply: "Apply", xlsx: "Export to Excel", pdf: "Download PDF",
    code: "Code", name: "Head of household", suggested: "Suggested", receipts: "Receipts", details: "Details", detailsOf: "Details of {code}", total: "Total", count: "{n} households",
    prev: "Previous page", next: "Next page", pageOf: "Page {n} of {of}", itemsOf: "Items of household {code} in this campaign", noItems: "No items for this household in this campaign.", exemptReason: "Exempt because: {r}",
    record: "Record", pledge: "Record a pledge", pledgeSave: "Record pledge", amount: "Amount pledged", date: "Date", due: "Due by (optional)",
    exemption: "Record an exemption", exemptionSave: "Record exemption", reason: "Reason for the exemption", inKindForm: "Record labour, land or materials", inKindSave: "Record gift", kind: "Kind",
    quantity: "Quantity", unit: "Unit", unitHint: "E.g. labour days, m², bags of cement.", description: "Description", recorded: "Recorded: {what}.", closedNote: "This campaign is closed: nothing more is recorded.",
    expiredNote: "This campaign ended on {date}: anything dated later is refused. Extend its end date to keep collecting.", upcomingNote: "This campaign starts on {date}: nothing can be recorded yet.",
  },
});

type Summary = CampaignSummaryWire;
type Row = StandingRowWire;
type ListPage = StandingPageWire;

const PAGE = 50;
const STATUSES = ["paid", "pledged", "exempt", "notYet"] as const;

export default async function campaignScreen({ root, params, query, me }: ScreenCtx): Promise<void> {
  const { unitId, campaignId } = params;
  root.classList.add("books");
  fill(root, spinner());
  const [unit, c] = await Promise.all([get<Unit>(`/units/${unitId}`), get<Campaign>(`/units/${unitId}/campaigns/${campaignId}`)]);
  const canWrite = hasAny(rolesOn(me, unit), "treasurer", "admin");
  // A campaign past its end still "open" refuses what is dated today: no forms, a note instead.
  const state = campaignState(c);
  const writable = canWrite && state === "open";
  const base = `/app/units/${unit.id}`;
  const P = `/units/${unitId}/campaigns/${campaignId}`;

  // ---- facts and summary
  const facts = h(
    "dl",
    { class: "facts" },
    [
      [t("purpose"), c.purpose],
      [t("basis"), t("basisText", { ref: c.decision.minutesRef, date: dmy(c.decision.date), agreeing: c.decision.householdsAgreeing, total: c.decision.householdsTotal, present: c.decision.householdsPresent })],
      [t("level"), levelText(c)],
      [t("period"), periodText(c)],
      [t("account"), c.revenueAccount],
    ].map(([k, v]) => [h("dt", null, k), h("dd", null, v)]),
    h("dt", null, t("state")),
    h("dd", null, stateText(c)),
  );
  // law.md L8: a campaign on a paper meeting alone says it has no decision the commune recognised.
  const warnings = c.warnings.map((w) => notice("warn", w.message));
  const summary = h("div", { class: "summary" }, spinner());
  const showSummary = async () => {
    const s = await get<Summary>(`${P}/summary`);
    const stat = (label: string, v: string | null) => h("div", { class: "card stat-card" }, h("span", { class: "muted" }, label), h("span", { class: "stat" }, v === null ? "—" : `${money(v)} đ`));
    fill(
      summary,
      h("div", { class: "grid stats" }, stat(t("target"), s.target), stat(t("pledged"), s.pledged), stat(t("paid"), s.paid), stat(t("outstanding"), s.outstanding)),
      h("h3", null, t("households")),
      h("ul", { class: "counts" }, STATUSES.map((k) => h("li", null, statusBadge(k), " ", h("strong", null, String(s.households[k])))), s.reduced ? h("li", null, h("span", { class: "badge" }, t("reduced")), " ", h("strong", null, String(s.reduced))) : null),
      s.inKind.length ? [h("h3", null, t("inKind")), h("ul", null, s.inKind.map((k) => h("li", null, `${inKindLabel(k.kind)}: `, t("inKindLine", { quantity: k.quantity, unit: k.unit, n: k.households }))))] : null,
    );
  };

  // ---- the contribution list: the API pages and sorts (the latest payment first unless the user
  // sorts otherwise); a status filter reads the (small) hamlet whole
  const sort = select("sort", [["recent", t("byRecent")], ["code", t("byCode")], ["name", t("byName")], ["paid", t("byPaid")], ["status", t("byStatus")]], query.get("sort") ?? "recent");
  const order = select("order", [["asc", t("asc")], ["desc", t("desc")]], query.get("order") ?? "desc");
  const status = select("status", [["", t("all")], ...STATUSES.map((s): [string, string] => [s, bt(s)])], query.get("status") ?? "");
  const listBox = h("div", { class: "list" });
  const detail = h("section", { class: "detail", "aria-live": "polite" });
  let page = 1;
  let everything: ListPage | undefined; // the whole list, only while a status filter is on

  const fetchPage = async (): Promise<{ rows: Row[]; total: number; totals: ListPage["totals"] }> => {
    const q = { sort: sort.value, order: order.value };
    if (!status.value) {
      const r = await get<ListPage>(`${P}/contributions`, { ...q, page, limit: PAGE });
      return { rows: r.data, total: r.total, totals: r.totals };
    }
    if (!everything) {
      const first = await get<ListPage>(`${P}/contributions`, { ...q, page: 1, limit: 500 });
      const rest = await Promise.all(Array.from({ length: Math.ceil(first.total / 500) - 1 }, (_x, i) => get<ListPage>(`${P}/contributions`, { ...q, page: i + 2, limit: 500 })));
      everything = { ...first, data: [first, ...rest].flatMap((p) => p.data) };
    }
    const rows = everything.data.filter((r) => r.status === status.value);
    const zero = { suggested: "0", paid: "0", pledged: "0", outstanding: "0" };
    return { rows: rows.slice((page - 1) * PAGE, page * PAGE), total: rows.length, totals: rows.length === everything.data.length ? everything.totals : sumRows(rows, zero) };
  };

  // A second household's details asked for before the first's arrived: the first's, arriving late,
  // would sit under the second's heading.
  const askDetail = newestOnly();
  const showDetail = async (r: Row) => {
    const fresh = askDetail();
    const head = h("h3", { tabindex: "-1" }, t("itemsOf", { code: `${r.code} — ${r.name}` }));
    fill(detail, head, spinner());
    head.focus();
    try {
      const hist = await get<{ campaigns: { campaignId: number; items: Item[] }[] }>(`/units/${unitId}/households/${r.householdId}/history`);
      if (!fresh()) return;
      const items = hist.campaigns.find((x) => x.campaignId === c.id)?.items ?? [];
      fill(
        detail,
        head,
        r.exemptReason ? h("p", null, t("exemptReason", { r: r.exemptReason })) : null,
        r.reductionReason ? h("p", null, t("reducedBecause", { reason: r.reductionReason })) : null,
        items.length ? itemsTable(unitId, items, writable, (msg) => void refresh().then(() => showDetail(r)).then(() => { const said = notice("ok", msg); detail.prepend(said); bringIntoView(said); })) : h("p", { class: "empty" }, t("noItems")),
      );
    } catch (err) {
      if (fresh()) fill(detail, head, notice("error", (err as Error).message));
    }
  };

  const askList = newestOnly(); // Apply pressed again, or a page turned, before the last list arrived
  const showList = async () => {
    const fresh = askList();
    fill(listBox, spinner());
    try {
      const { rows, total, totals } = await fetchPage();
      if (!fresh()) return;
      const pages = Math.max(1, Math.ceil(total / PAGE));
      const nav = h(
        "div",
        { class: "pager-nav" },
        page > 1 ? h("button", { type: "button", class: "secondary", on: { click: () => { page--; void showList(); } } }, t("prev")) : null,
        h("span", { class: "page-of" }, t("pageOf", { n: page, of: pages })),
        page < pages ? h("button", { type: "button", class: "secondary", on: { click: () => { page++; void showList(); } } }, t("next")) : null,
      );
      if (!rows.length) return fill(listBox, h("p", { class: "empty" }, ui("noRows")));
      const heads: [string, boolean][] = [[t("code"), false], [t("name"), false], [t("suggested"), true], [t("paid"), true], [t("pledged"), true], [t("outstanding"), true], [t("status"), false], [t("receipts"), false], [t("inKind"), false], [t("details"), false]];
      fill(
        listBox,
        h("p", { class: "muted" }, t("count", { n: total })),
        sheet(
          t("list"),
          "contrib",
          heads,
          rows.map((r) =>
            h(
              "tr",
              null,
              h("td", null, h("a", { href: `${base}/households/${r.householdId}` }, r.code)),
              h("td", { class: "who" }, r.name),
              h("td", { class: "num" }, r.suggested === null ? "" : money(r.suggested)),
              h("td", { class: "num" }, money(r.paid)),
              h("td", { class: "num" }, money(r.pledged)),
              h("td", { class: "num" }, money(r.outstanding)),
              h("td", null, statusBadge(r.status)),
              h("td", null, r.receipts.join(", ")),
              h("td", null, r.inKind.map((k) => `${k.quantity} ${k.unit}`).join("; ")),
              h("td", null, h("button", { type: "button", class: "secondary small", "aria-label": t("detailsOf", { code: r.code }), on: { click: () => void showDetail(r) } }, t("details"))),
            ),
          ),
          h("tr", null, h("th", { scope: "row", colspan: "2" }, t("total")), [totals.suggested, totals.paid, totals.pledged, totals.outstanding].map((v) => h("td", { class: "num" }, money(v))), h("td", { colspan: "4" })),
        ),
        pages > 1 ? nav : null,
      );
    } catch (err) {
      if (fresh()) fill(listBox, notice("error", (err as Error).message));
    }
  };

  const refresh = async () => {
    everything = undefined;
    await Promise.all([showSummary(), showList()]);
  };

  const filters = h(
    "form",
    {
      class: "filters",
      on: {
        submit: (e: Event) => {
          e.preventDefault();
          page = 1;
          everything = undefined;
          keepQuery({ sort: sort.value !== "recent" && sort.value, order: order.value !== "desc" && order.value, status: status.value });
          void showList();
        },
      },
    },
    field(t("sort"), sort),
    field(t("order"), order),
    field(t("status"), status),
    h("button", { type: "submit" }, t("apply")),
  );
  const exports = h(
    "div",
    { class: "actions" },
    downloadButton(t("xlsx"), () => download(`/units/${unitId}/statements/contribution-list.xlsx`, `danh-sach-dong-gop-${c.id}.xlsx`, { campaignId: c.id })),
    downloadButton(t("pdf"), () => download(`/units/${unitId}/statements/contribution-list.pdf`, `danh-sach-dong-gop-${c.id}.pdf`, { campaignId: c.id })),
  );

  // ---- the treasurer's forms: each emptied after a save (the next one is someone else's), the
  // day put back; what was recorded shows at the top of the form.
  const after = async (what: string) => {
    await refresh();
    return { message: t("recorded", { what }) };
  };
  const keepDay = (el: HTMLInputElement) => () => (el.value = today());

  const pledgeAmount = moneyField(t("amount"), "amount", { required: true });
  const pledgeWho = householdPicker(unitId, undefined, () => pledgeAmount.focus());
  const pledgeDate = input("date", { type: "date", value: today(), required: true });
  const dueDate = input("dueDate", { type: "date" });
  const pledge: HTMLFormElement = form(
    {
      draftKey: `pledge:${unitId}:${c.id}`,
      submitLabel: t("pledgeSave"),
      creates: true,
      afterReset: keepDay(pledgeDate),
      onSubmit: async (key) => {
        const body: { householdId: number; campaignId: number; amount: string; date: string; dueDate?: string } = { householdId: pledgeWho.need(), campaignId: c.id, amount: pledgeAmount.value(), date: pledgeDate.value };
        if (dueDate.value) body.dueDate = dueDate.value;
        const r = await api<{ voucherNo: string }>("POST", `/units/${unitId}/pledges`, body, { idempotencyKey: key });
        return after(`${r.voucherNo} · ${pledgeWho.label()} · ${money(body.amount)} đ`);
      },
    },
    pledgeWho.el,
    pledgeAmount.el,
    field(t("date"), pledgeDate),
    field(t("due"), dueDate),
  );

  const reason = textarea("reason", { required: true, maxlength: "2000" });
  const exemptWho = householdPicker(unitId, undefined, () => reason.focus());
  const exemption: HTMLFormElement = form(
    {
      draftKey: `exemption:${unitId}:${c.id}`,
      submitLabel: t("exemptionSave"),
      creates: true,
      onSubmit: async (key) => {
        await api("POST", `/units/${unitId}/exemptions`, { householdId: exemptWho.need(), campaignId: c.id, reason: reason.value.trim() }, { idempotencyKey: key });
        return after(`${bt("exempt")} · ${exemptWho.label()}`);
      },
    },
    exemptWho.el,
    field(t("reason"), reason),
  );

  const kind = select("kind", [["labour", bt("labour")], ["land", bt("land")], ["materials", bt("materials")]]);
  const giftWho = householdPicker(unitId, undefined, () => kind.focus());
  const quantity = input("quantity", { inputmode: "decimal", required: true, maxlength: "13" });
  const unitName = input("unit", { required: true, maxlength: "50" });
  const description = textarea("description", { required: true, maxlength: "2000" });
  const giftDate = input("date", { type: "date", value: today(), required: true });
  const gift: HTMLFormElement = form(
    {
      draftKey: `in-kind:${unitId}:${c.id}`,
      submitLabel: t("inKindSave"),
      creates: true,
      afterReset: keepDay(giftDate),
      onSubmit: async (key) => {
        const body = { householdId: giftWho.need(), campaignId: c.id, kind: kind.value, quantity: quantity.value.trim().replace(",", "."), unit: unitName.value.trim(), description: description.value.trim(), date: giftDate.value };
        await api("POST", `/units/${unitId}/in-kind`, body, { idempotencyKey: key });
        return after(`${inKindLabel(body.kind)} · ${giftWho.label()} · ${body.quantity} ${body.unit}`);
      },
    },
    giftWho.el,
    field(t("kind"), kind),
    field(t("quantity"), quantity),
    field(t("unit"), unitName, t("unitHint")),
    field(t("description"), description),
    field(t("date"), giftDate),
  );

  const links = writable
    ? [h("a", { class: "button", href: `${base}/receipts/new?campaignId=${c.id}` }, t("receipt")), h("a", { class: "button secondary", href: `${base}/campaigns/${c.id}/import` }, t("import"))]
    : [];
  fill(
    root,
    crumbs([base, unit.name], [`${base}/campaigns`, t("campaigns")]),
    heading(c.name, ...links),
    warnings,
    facts,
    h("h2", null, t("summary")),
    summary,
    h("h2", null, t("list")),
    filters,
    exports,
    listBox,
    detail,
    canWrite ? h("h2", null, t("record")) : null,
    canWrite && !writable ? h("p", { class: "muted" }, state === "expired" ? t("expiredNote", { date: dmy(c.endDate) }) : state === "upcoming" ? t("upcomingNote", { date: dmy(c.startDate) }) : t("closedNote")) : null,
    writable
      ? [
          h("details", { class: "card" }, h("summary", null, t("pledge")), pledge),
          h("details", { class: "card" }, h("summary", null, t("exemption")), exemption),
          h("details", { class: "card" }, h("summary", null, t("inKindForm")), gift),
        ]
      : null,
  );
  await refresh();
}

/** Totals of the rows a status filter keeps (the API's totals are over the whole list). */
function sumRows(rows: Row[], zero: ListPage["totals"]): ListPage["totals"] {
  // Whole đồng as BigInt: money never passes through a JS number.
  const add = (k: keyof ListPage["totals"]) => rows.reduce((a, r) => a + BigInt(r[k] ?? "0"), BigInt(zero[k])).toString();
  return { suggested: add("suggested"), paid: add("paid"), pledged: add("pledged"), outstanding: add("outstanding") };
}

import { api, get } from "../api";
import type { CampaignWire as Campaign } from "../../../contributions/wire";
import type { AccountWire as Account } from "../../../ledger/wire";
import type { WorkWire as Work } from "../../../works/wire";
import type { DecisionWire } from "../../../decisions/wire";
import { addDays } from "../../../shared/dates";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { hasAny, Unit } from "../roles";
import { checkbox, dmy, field, form, heading, input, notice, pager, select, spinner, table, today } from "../ui";
import { pages, rolesAt } from "./_admin-widgets";
import { kindName, paramsText, PLACES, placeName, previewButtons, pt, Publication, PUBLISHABLE } from "./_publication-widgets";

// A unit's publications (công khai tài chính), drafts included, and — for a treasurer — drafting
// one: which statement and for what (campaign, work, period, fund), where and how long it is
// posted; the statement can be previewed as PDF or Excel before the draft goes to the head.

const t = texts({
  vi: {
    title: "Công khai tài chính", back: "← {name}", list: "Các bản công khai", statement: "Bản công khai", covers: "Nội dung", status: "Trạng thái", posting: "Thời gian niêm yết",
    drafted: "Người lập", code: "Mã xác minh", filter: "Trạng thái", all: "Tất cả", none: "Chưa có bản công khai nào.",
    newTitle: "Lập bản công khai", kind: "Loại báo cáo", campaign: "Đợt vận động", work: "Công trình", inspection: "Số đợt giám sát", inspectionHint: "Số của đợt giám sát Ban đã công bố (xem trên trang kiến nghị hoặc trang của Ban).", decision: "Quyết định đã được xã công nhận", noDecision: "Đơn vị chưa có quyết định nào được xã công nhận.", from: "Từ ngày", to: "Đến ngày", fund: "Quỹ (tuỳ chọn)", allFunds: "Tất cả các quỹ",
    places: "Nơi niêm yết", postedFrom: "Niêm yết từ ngày", postedUntil: "Đến hết ngày", postedHint: "Tối thiểu 30 ngày (hoặc theo quy định của đơn vị).",
    supersedes: "Đính chính cho bản (tuỳ chọn)", noSupersede: "Không — đây là bản mới", preview: "Xem trước", previewHint: "Tải về để kiểm tra số liệu trước khi gửi duyệt. Tệp lớn có thể mất vài giây.",
    save: "Lưu bản nháp, gửi trưởng thôn duyệt", saved: "Đã lưu bản nháp. Trưởng thôn (không phải người lập) sẽ duyệt và công bố.",
    noCampaign: "Đơn vị chưa có đợt vận động nào.", noWork: "Đơn vị chưa có công trình nào.", pickPlace: "Chọn ít nhất một nơi niêm yết.", missing: "Hãy điền đủ: {what}.",
    onlyTreasurer: "Chỉ thủ quỹ của đơn vị mới lập bản công khai. Trưởng thôn duyệt; ban giám sát cho ý kiến.", publicPage: "Trang công khai của đơn vị",
  },
  en: {
    title: "Publications", back: "← {name}", list: "Publications", statement: "Publication", covers: "Covers", status: "Status", posting: "Posting period",
    drafted: "Drafted by", code: "Verification code", filter: "Status", all: "All", none: "No publication yet.",
    newTitle: "Draft a publication", kind: "Statement", campaign: "Campaign", work: "Work", inspection: "Inspection number", inspectionHint: "The number of an inspection the board has published (on the findings page or the board's page).", decision: "Decision recognised by the commune", noDecision: "The unit has no decision the commune has recognised yet.", from: "From", to: "To", fund: "Fund (optional)", allFunds: "All funds",
    places: "Where it is posted", postedFrom: "Posted from", postedUntil: "Posted until", postedHint: "At least 30 days (or the unit's own minimum).",
    supersedes: "Corrects publication (optional)", noSupersede: "No — this is a new one", preview: "Preview", previewHint: "Download it to check the figures before sending it for approval. A large one can take a few seconds.",
    save: "Save the draft for the head's approval", saved: "Draft saved. A head (not the drafter) approves and publishes it.",
    noCampaign: "The unit has no campaign yet.", noWork: "The unit has no work yet.", pickPlace: "Choose at least one place.", missing: "Please fill in: {what}.",
    onlyTreasurer: "Only the unit's treasurer drafts publications. The head approves; the boards give their opinion.", publicPage: "The unit's public page",
  },
});



/** Which parameters each kind takes (statements.checkParams on the server says the same). */
const PARAMS: Record<string, ("campaignId" | "workId" | "inspectionId" | "decisionId" | "from" | "to" | "fund")[]> = {
  "contribution-list": ["campaignId"],
  "work-settlement": ["workId"],
  "inspection-minutes": ["inspectionId"],
  decision: ["decisionId"],
  "receipts-payments": ["from", "to", "fund"],
  "trial-balance": ["from", "to"],
  journal: ["from", "to"],
  "cash-book": ["from", "to"],
  "bank-book": ["from", "to"],
};

export default async function publications({ root, params, me, go, query }: ScreenCtx): Promise<void> {
  const id = params.unitId;
  root.classList.add("admin-area");
  fill(root, heading(t("title")), spinner());
  const [unit, pubs, campaigns, works, units] = await Promise.all([
    get<Unit>(`/units/${id}`),
    get<{ data: Publication[] }>(`/units/${id}/publications`).then((r) => r.data),
    get<{ data: Campaign[] }>(`/units/${id}/campaigns`).then((r) => r.data, () => [] as Campaign[]),
    get<{ data: Work[] }>(`/units/${id}/works`).then((r) => r.data, () => [] as Work[]),
    get<{ data: Unit[] }>("/units").then((r) => r.data, () => [] as Unit[]),
  ]);
  const roles = rolesAt(me, unit, new Map(units.map((u) => [u.id, u])));
  const lookups = { campaign: (c: number) => campaigns.find((x) => x.id === c)?.name, work: (w: number) => works.find((x) => x.id === w)?.name };
  const newest = [...pubs].sort((a, b) => b.id - a.id);

  const statusBadge = (p: Publication) =>
    p.status === "draft"
      ? h("span", { class: "badge warn" }, pt("draft"))
      : p.supersededBy
        ? h("span", { class: "badge" }, pt("superseded"))
        : h("span", { class: "badge ok" }, pt("published"));

  const filter = select("status", [["", t("all")], ["draft", pt("draft")], ["published", pt("published")]], query.get("status") ?? "");
  const shown = () => newest.filter((p) => !filter.value || p.status === filter.value);
  const list = pager<Publication>(
    (c) => pages(shown())(c),
    (rows) =>
      table<Publication>(
        [
          { label: t("statement"), cell: (p) => h("a", { href: `/app/units/${unit.id}/publications/${p.id}` }, `${kindName(p.kind)} #${p.id}`) },
          { label: t("covers"), cell: (p) => p.subject ?? paramsText(p.params, lookups) },
          { label: t("status"), cell: statusBadge },
          { label: t("posting"), cell: (p) => `${dmy(p.postedFrom)} – ${dmy(p.postedUntil)}` },
          { label: t("drafted"), cell: (p) => `${p.drafted.name ?? ""} · ${dmy(p.drafted.at)}` },
          { label: t("code"), cell: (p) => (p.code ? h("code", null, p.code) : "—") },
        ],
        rows,
        t("list"),
      ),
  );
  filter.addEventListener("change", () => {
    history.replaceState(null, "", `${location.pathname}${filter.value ? `?status=${filter.value}` : ""}`);
    void list.reload();
  });

  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: `/app/units/${unit.id}` }, t("back", { name: unit.name }))),
    heading(t("title"), h("a", { href: `/u/${encodeURIComponent(unit.code)}` }, t("publicPage"))),
    h("h2", null, t("list")),
    pubs.length ? [h("div", { class: "filters" }, field(t("filter"), filter)), list.el] : h("p", { class: "empty" }, t("none")),
    hasAny(roles, "treasurer") ? draftForm(unit, campaigns, works, pubs, go, query) : h("p", { class: "muted" }, t("onlyTreasurer")),
  );
}

function draftForm(unit: Unit, campaigns: Campaign[], works: Work[], pubs: Publication[], go: (p: string) => void, query: URLSearchParams): HTMLElement {
  // The deadlines and decision screens link here with what is owed: ?kind=&workId=&inspectionId=&decisionId=&from=&to=.
  const asked = (k: string) => query.get(k) ?? undefined;
  const kind = select("kind", PUBLISHABLE.map((k) => [k, kindName(k)]), PUBLISHABLE.includes(asked("kind") as never) ? asked("kind") : "receipts-payments");
  const year = today().slice(0, 4);
  const campaign = select("campaignId", campaigns.map((c) => [String(c.id), c.name]));
  const work = select("workId", works.map((w) => [String(w.id), w.number ? `${w.number} — ${w.name}` : w.name]), asked("workId"));
  const inspection = input("inspectionId", { type: "number", inputmode: "numeric", min: "1", value: asked("inspectionId") ?? "" });
  // Only a decision the commune recognised is told to residents: those are asked for once, like the funds.
  const decision = select("decisionId", []);
  const decisionField = field(t("decision"), decision);
  const noDecision = h("p", { class: "muted" }, t("noDecision"));
  const from = input("from", { type: "date", value: asked("from") ?? `${year}-01-01` });
  const to = input("to", { type: "date", value: asked("to") ?? today() });
  const campaignField = field(t("campaign"), campaign);
  const workField = field(t("work"), work);
  // Minutes are of one inspection the board has published: its number is on the board's pages.
  const inspectionField = field(t("inspection"), inspection, t("inspectionHint"));
  const fund = select("fund", [["", t("allFunds")]]);
  const fundField = field(t("fund"), fund);
  const period = h("div", { class: "filters" }, field(t("from"), from), field(t("to"), to));
  const noCampaign = h("p", { class: "muted" }, t("noCampaign"));
  const noWork = h("p", { class: "muted" }, t("noWork"));
  // Funds are the unit's net-assets accounts (4xxx): asked for once, only if a kind needs them.
  void get<{ data: Account[] }>(`/units/${unit.id}/accounts`).then(
    (r) => {
      for (const a of r.data.filter((x) => x.type === "net_assets" && x.isActive)) fund.append(h("option", { value: a.code }, `${a.code} — ${a.name}`));
    },
    () => undefined,
  );
  let decisionsKnown = 0;
  void get<{ data: DecisionWire[] }>(`/units/${unit.id}/decisions`).then(
    (r) => {
      const recognised = r.data.filter((d) => d.status === "recognised" && d.unitId === unit.id);
      decisionsKnown = recognised.length;
      for (const d of recognised) decision.append(h("option", { value: String(d.id) }, `#${d.id} — ${d.title} (${dmy(d.heldOn)})`));
      if (asked("decisionId")) decision.value = asked("decisionId")!;
      sync();
    },
    () => undefined,
  );
  const sync = () => {
    const want = PARAMS[kind.value] ?? [];
    decisionField.hidden = !want.includes("decisionId") || !decisionsKnown;
    noDecision.hidden = !want.includes("decisionId") || decisionsKnown > 0;
    campaignField.hidden = !want.includes("campaignId") || !campaigns.length;
    noCampaign.hidden = !want.includes("campaignId") || campaigns.length > 0;
    workField.hidden = !want.includes("workId") || !works.length;
    noWork.hidden = !want.includes("workId") || works.length > 0;
    inspectionField.hidden = !want.includes("inspectionId");
    period.hidden = !want.includes("from");
    fundField.hidden = !want.includes("fund");
  };
  kind.addEventListener("change", sync);
  sync();

  const placeBoxes = PLACES.map((p) => ({ place: p, ...checkbox(`place-${p}`, placeName(p), p === "culture_house", { value: p }) }));
  const postedFrom = input("postedFrom", { type: "date", value: today(), required: true });
  const postedUntil = input("postedUntil", { type: "date", value: addDays(today(), 30), required: true });
  const published = pubs.filter((p) => p.status === "published" && !p.supersededBy);
  const supersedes = select("supersedes", [["", t("noSupersede")], ...published.map((p): [string, string] => [String(p.id), `#${p.id} ${kindName(p.kind)} — ${p.subject ?? paramsText(p.params)}`])]);

  /** The statement's parameters for the chosen kind, or an error naming what is missing. */
  const paramsOf = (): Record<string, string | number> => {
    const want = PARAMS[kind.value] ?? [];
    const given = { campaignId: campaign.value, workId: work.value, inspectionId: inspection.value, decisionId: decision.value, from: from.value, to: to.value, fund: fund.value };
    const out: Record<string, string | number> = {};
    const missing: string[] = [];
    for (const k of want) {
      const val = given[k];
      if (!val) {
        if (k !== "fund") missing.push(t(({ campaignId: "campaign", workId: "work", inspectionId: "inspection", decisionId: "decision", from: "from", to: "to" } as const)[k]));
        continue;
      }
      out[k] = k === "campaignId" || k === "workId" || k === "inspectionId" || k === "decisionId" ? Number(val) : val;
    }
    if (missing.length) throw new Error(t("missing", { what: missing.join(", ") }));
    return out;
  };
  const previewMsg = h("div", { role: "status" });
  const preview = previewButtons(
    unit.id,
    () => kind.value,
    () => {
      try {
        previewMsg.replaceChildren();
        return paramsOf();
      } catch (err) {
        fill(previewMsg, notice("error", (err as Error).message));
        return null;
      }
    },
  );

  const formEl = form(
    {
      draftKey: `publication:${unit.id}`,
      submitLabel: t("save"),
      restored: sync,
      onSubmit: async (key) => {
        const places = placeBoxes.filter((b) => b.box.checked).map((b) => b.place);
        if (!places.length) throw new Error(t("pickPlace"));
        const body: { statement: { kind: string; params: Record<string, string | number> }; places: string[]; postedFrom: string; postedUntil: string; supersedes?: number } = {
          statement: { kind: kind.value, params: paramsOf() },
          places,
          postedFrom: postedFrom.value,
          postedUntil: postedUntil.value,
        };
        if (supersedes.value) body.supersedes = Number(supersedes.value);
        const p = await api<Publication>("POST", `/units/${unit.id}/publications`, body, { idempotencyKey: key });
        go(`/app/units/${unit.id}/publications/${p.id}?drafted=1`);
      },
    },
    field(t("kind"), kind),
    campaignField,
    noCampaign,
    workField,
    inspectionField,
    noWork,
    decisionField,
    noDecision,
    period,
    fundField,
    h("fieldset", { class: "checks" }, h("legend", null, t("places")), placeBoxes.map((b) => b.el)),
    h("div", { class: "filters" }, field(t("postedFrom"), postedFrom), field(t("postedUntil"), postedUntil, t("postedHint"))),
    published.length ? field(t("supersedes"), supersedes) : null,
    h("h3", null, t("preview")),
    h("p", { class: "hint" }, t("previewHint")),
    previewMsg,
    preview,
  );
  kind.addEventListener("change", () => previewMsg.replaceChildren());
  return h("section", { "aria-labelledby": "new-pub" }, h("h2", { id: "new-pub" }, t("newTitle")), formEl);
}

import { get } from "../api";
import type { CommuneOverviewWire, CommuneViewWire, HamletOverviewWire, OverviewWire, ProvinceViewWire } from "../../../overview/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { dmy, heading, money, spinner, table } from "../ui";
import { kindName } from "./_publication-widgets";

// A commune's view of its hamlets (what each campaign received, what each work cost, open findings,
// late publications) and a province's dashboard of its communes, for their admins, heads and boards.

const t = texts({
  vi: {
    commune: "Tổng quan các thôn", province: "Tổng quan các xã", asOf: "Tính đến ngày {date}.", back: "← {name}",
    totals: "Cả {name}", received: "Đã thu", unpaid: "Đã cam kết, chưa đóng", spent: "Đã chi", late: "Công khai chậm", critical: "Kiến nghị nghiêm trọng chưa xử lý", overdue: "Trả lời quá hạn",
    hamlet: "Thôn", campaigns: "Đợt vận động", works: "Công trình", findings: "Kiến nghị chưa xử lý", ofWhich: "{n} nghiêm trọng",
    campaign: "Đợt vận động", work: "Công trình", estimate: "Dự toán", progress: "Tiến độ", none: "Chưa có.", draft: "chưa công bố", due: "hạn {date}",
    commune1: "Xã", hamlets: "Số thôn", households: "Số hộ", deadlines: "Xem việc trễ hạn",
  },
  en: {
    commune: "Hamlets at a glance", province: "Communes at a glance", asOf: "As of {date}.", back: "← {name}",
    totals: "All of {name}", received: "Received", unpaid: "Pledged, not yet paid", spent: "Paid", late: "Late publications", critical: "Open critical findings", overdue: "Overdue answers",
    hamlet: "Hamlet", campaigns: "Campaigns", works: "Works", findings: "Open findings", ofWhich: "{n} critical",
    campaign: "Campaign", work: "Work", estimate: "Estimate", progress: "Progress", none: "None yet.", draft: "not published", due: "due {date}",
    commune1: "Commune", hamlets: "Hamlets", households: "Households", deadlines: "See what is overdue",
  },
});

function totals(v: OverviewWire): HTMLElement {
  const x = v.totals;
  const line = (label: string, value: string) => h("p", null, h("strong", null, `${label}: `), value);
  return h("section", { "aria-label": t("totals", { name: v.unit.name }) },
    h("h2", null, t("totals", { name: v.unit.name })),
    line(t("received"), money(x.received)), line(t("unpaid"), money(x.unpaid)), line(t("spent"), money(x.spent)),
    line(t("late"), String(x.latePublications)), line(t("critical"), String(x.openCriticalFindings)), line(t("overdue"), String(x.overdueAnswers)),
  );
}

function hamletSection(x: HamletOverviewWire): HTMLElement {
  const campaigns = x.campaigns.length
    ? table([
      { label: t("campaign"), cell: (c) => h("a", { href: `/app/units/${x.id}/campaigns/${c.id}` }, c.name) },
      { label: t("received"), cell: (c) => money(c.received), num: true },
      { label: t("unpaid"), cell: (c) => money(c.unpaid), num: true },
    ], x.campaigns)
    : h("p", { class: "muted" }, t("none"));
  const works = x.works.length
    ? table([
      { label: t("work"), cell: (w) => h("a", { href: `/app/units/${x.id}/works/${w.id}` }, w.name) },
      { label: t("estimate"), cell: (w) => money(w.estimate), num: true },
      { label: t("spent"), cell: (w) => money(w.spent), num: true },
      { label: t("progress"), cell: (w) => `${w.progress}%` },
    ], x.works)
    : h("p", { class: "muted" }, t("none"));
  const late = x.latePublications.map((p) => h("li", null, h("a", { href: `/app/units/${x.id}/publications/${p.id}` }, p.subject ?? kindName(p.kind)), ` (${t("due", { date: dmy(p.publishBy) })}${p.status === "draft" ? `, ${t("draft")}` : ""})`));
  return h("section", { "aria-label": x.name },
    h("h2", null, h("a", { href: `/app/units/${x.id}` }, x.name)),
    h("p", null, h("strong", null, `${t("received")}: `), money(x.received), " · ", h("strong", null, `${t("spent")}: `), money(x.spent)),
    h("p", null, h("strong", null, `${t("findings")}: `), String(x.openFindings), x.criticalFindings ? " " : null, x.criticalFindings ? h("span", { class: "badge warn" }, t("ofWhich", { n: x.criticalFindings })) : null,
      " · ", h("strong", null, `${t("overdue")}: `), String(x.overdueAnswers)),
    h("h3", null, t("campaigns")), campaigns,
    h("h3", null, t("works")), works,
    late.length ? h("div", null, h("h3", null, t("late")), h("ul", null, ...late)) : null,
  );
}

function communeView(v: CommuneViewWire): Node[] {
  return [totals(v), ...v.hamlets.map(hamletSection)];
}

function provinceView(v: ProvinceViewWire): Node[] {
  const rows = table<CommuneOverviewWire>([
    { label: t("commune1"), cell: (c) => h("a", { href: `/app/units/${c.id}/overview` }, c.name) },
    { label: t("hamlets"), cell: (c) => String(c.hamlets), num: true },
    { label: t("households"), cell: (c) => String(c.households), num: true },
    { label: t("received"), cell: (c) => money(c.received), num: true },
    { label: t("spent"), cell: (c) => money(c.spent), num: true },
    { label: t("late"), cell: (c) => String(c.latePublications), num: true },
    { label: t("critical"), cell: (c) => String(c.openCriticalFindings), num: true },
    { label: t("overdue"), cell: (c) => String(c.overdueAnswers), num: true },
  ], v.communes);
  return [totals(v), rows];
}

export default async function overviewScreen({ root, params }: ScreenCtx): Promise<void> {
  fill(root, heading(t("commune")), spinner());
  const v = await get<OverviewWire>(`/units/${params.unitId}/overview`);
  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: `/app/units/${v.unit.id}` }, t("back", { name: v.unit.name }))),
    heading(t(v.level === "province" ? "province" : "commune")),
    h("p", { class: "muted" }, t("asOf", { date: dmy(v.asOf) }), " ", h("a", { href: `/app/units/${v.unit.id}/deadlines` }, t("deadlines"))),
    ...(v.level === "province" ? provinceView(v) : communeView(v)),
  );
}

import { get } from "../api";
import type { FindingListWire } from "../../../supervision/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { rolesOn, Unit } from "../roles";
import { field, heading, newestOnly, notice, pager, select, spinner } from "../ui";
import { Finding, findingCard, pages, st, WorkLite } from "./_supervision-widgets";

// A unit's findings (kiến nghị giám sát), filterable by state, overdue and work, each with its
// timeline. The unit's treasurer or head answers; the board's inspectors resolve, escalate or reopen.

const t = texts({
  vi: {
    title: "Kiến nghị giám sát", status: "Tình trạng", overdue: "Quá hạn", work: "Công trình", onlyOverdue: "Chỉ kiến nghị quá hạn", notOverdue: "Chưa quá hạn", any: "Tất cả",
    summary: "Tổng {total}: {open} chưa xử lý, {answered} đã trả lời, {resolved} đã khắc phục, {escalated} đã chuyển cấp trên; {overdue} quá hạn.", none: "Không có kiến nghị nào khớp bộ lọc.",
    of: "Thuộc", funds: "Quỹ của đơn vị", cash: "Kiểm kê quỹ", moved: "Đã ghi.",
  },
  en: {
    title: "Supervision findings", status: "Status", overdue: "Overdue", work: "Work", onlyOverdue: "Overdue only", notOverdue: "Not overdue", any: "All",
    summary: "{total} in all: {open} open, {answered} answered, {resolved} resolved, {escalated} escalated; {overdue} overdue.", none: "No finding matches the filter.",
    of: "About", funds: "The unit's funds", cash: "Cash count", moved: "Recorded.",
  },
});

type List = FindingListWire;

export default async function findingsScreen({ root, params, query, me }: ScreenCtx): Promise<void> {
  fill(root, spinner());
  const [unit, works] = await Promise.all([get<Unit>(`/units/${params.unitId}`), get<{ data: WorkLite[] }>(`/units/${params.unitId}/works`).then((r) => r.data, () => [] as WorkLite[])]);
  const roles = rolesOn(me, unit);
  const status = select("status", [["", t("any")], ["open", st("open")], ["answered", st("answered")], ["resolved", st("resolved")], ["escalated", st("escalated")]], query.get("status") ?? "");
  const overdue = select("overdue", [["", t("any")], ["true", t("onlyOverdue")], ["false", t("notOverdue")]], query.get("overdue") ?? "");
  const work = select("workId", [["", t("any")], ...works.map((w): [string, string] => [String(w.id), w.name])], query.get("workId") ?? "");
  const summary = h("p", { class: "muted", "aria-live": "polite" });
  const flash = h("div", { "aria-live": "polite" });
  const listBox = h("div");
  const workName = (id: number | null) => (id ? works.find((w) => w.id === id)?.name ?? `#${id}` : null);

  const ask = newestOnly(); // a filter changed again before the list for the last one came
  const load = async () => {
    const fresh = ask();
    const filters = { status: status.value, overdue: overdue.value, workId: work.value };
    // The address keeps the filter: a reload or a shared link shows the same list.
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    history.replaceState(null, "", `${location.pathname}${q.toString() ? `?${q}` : ""}`);
    let r: List;
    try {
      r = await get<List>(`/units/${unit.id}/findings`, filters);
    } catch (err) {
      if (fresh()) fill(listBox, notice("error", (err as Error).message));
      return;
    }
    if (!fresh()) return;
    fill(summary, t("summary", { ...r.summary }));
    const p = pager<Finding>(pages(r.data), (rows) =>
      rows.length
        ? h(
            "div",
            null,
            rows.map((f) => {
              const about = f.workId ? `${t("work")}: ${workName(f.workId)}` : f.cashCountId ? t("cash") : t("funds");
              const card = findingCard(f, me, roles, () => {
                fill(flash, notice("ok", t("moved")));
                void load();
              }, "h2");
              card.insertBefore(h("p", { class: "muted" }, `${t("of")}: ${about}`), card.children[1]);
              return card;
            }),
          )
        : h("p", { class: "empty" }, t("none")),
    );
    fill(listBox, p.el);
  };
  for (const s of [status, overdue, work]) s.addEventListener("change", () => void load());

  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: `/app/units/${unit.id}` }, `← ${unit.name}`)),
    heading(t("title")),
    h("div", { class: "filters sup-filters", role: "search" }, field(t("status"), status), field(t("overdue"), overdue), works.length ? field(t("work"), work) : null),
    summary,
    flash,
    listBox,
  );
  await load();
}

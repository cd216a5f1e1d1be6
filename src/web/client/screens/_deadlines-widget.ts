import { get } from "../api";
import type { DeadlinesWire } from "../../../deadlines/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";

// One line saying what is late in a unit (and under it), linking to its deadlines screen: the
// board's page shows it in each unit it oversees. Filled when the answer comes; says nothing
// when it cannot be read.

const t = texts({
  vi: { some: "Trễ hạn: {pubs} bản công khai chậm, {answers} trả lời quá hạn", none: "Không có việc trễ hạn." },
  en: { some: "Overdue: {pubs} late publications, {answers} answers overdue", none: "Nothing overdue." },
});

export function deadlinesLine(unitId: number): HTMLElement {
  const el = h("p", { class: "muted" });
  get<DeadlinesWire>(`/units/${unitId}/deadlines`).then(
    (d) => {
      // a late event nobody has drafted counts as a late publication (a late draft is one already)
      const pubs = d.latePublications.length + d.owedPublications.filter((o) => o.daysLate > 0 && !o.draftId).length;
      const answers = d.overdueAnswers.length;
      fill(el, pubs || answers ? h("a", { href: `/app/units/${unitId}/deadlines` }, h("span", { class: "badge warn" }, t("some", { pubs, answers }))) : t("none"));
    },
    () => el.remove(),
  );
  return el;
}

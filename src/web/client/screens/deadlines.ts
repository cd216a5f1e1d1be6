import { download, get } from "../api";
import type { DeadlinesWire, LatePublicationWire, OverdueAnswerWire } from "../../../deadlines/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import type { Unit } from "../roles";
import { dmy, downloadButton, heading, notice, spinner, table } from "../ui";
import { kindName } from "./_publication-widgets";

// What is late in a unit and under it (law.md L3: publish within 10 working days; findings and
// feedback answered by their due date): a commune's admin sees its hamlets' here. Each late answer
// has its apology letter to print and sign.

const t = texts({
  vi: {
    title: "Việc trễ hạn", asOf: "Tính đến ngày {date}, theo lịch ngày làm việc (trừ thứ Bảy, Chủ nhật, ngày lễ, Tết).",
    pubs: "Công khai chậm", pubsHint: "Phải công khai chậm nhất 10 ngày làm việc sau khi kết thúc kỳ báo cáo hoặc có quyết định.",
    answers: "Trả lời quá hạn", answersHint: "Kiến nghị giám sát và ý kiến phản ánh của người dân chưa được trả lời đúng hạn: in thư xin lỗi để người chịu trách nhiệm ký.",
    unit: "Đơn vị", what: "Nội dung", due: "Hạn", status: "Tình trạng", draft: "Chưa công bố", publishedOn: "Công bố ngày {date}", late: "Trễ {n} ngày",
    finding: "Kiến nghị", feedback: "Phản ánh", who: "Người trả lời", apology: "Thư xin lỗi", letter: "Tải thư (PDF)", nothing: "Không có việc nào trễ hạn.", back: "← {name}",
  },
  en: {
    title: "Overdue", asOf: "As of {date}, on the working-day calendar (weekends, public holidays and Tết skipped).",
    pubs: "Late publications", pubsHint: "Due at most 10 working days after the period ends or the decision is made.",
    answers: "Overdue answers", answersHint: "Board findings and residents' feedback not answered in time: print the apology letter for the responsible person to sign.",
    unit: "Unit", what: "What", due: "Due", status: "Status", draft: "Not published", publishedOn: "Published {date}", late: "{n} days late",
    finding: "Finding", feedback: "Feedback", who: "Who answers", apology: "Apology letter", letter: "Download (PDF)", nothing: "Nothing is overdue.", back: "← {name}",
  },
});

export default async function deadlinesScreen({ root, params }: ScreenCtx): Promise<void> {
  fill(root, heading(t("title")), spinner());
  const [unit, d] = await Promise.all([get<Unit>(`/units/${params.unitId}`), get<DeadlinesWire>(`/units/${params.unitId}/deadlines`)]);
  const pubs = table<LatePublicationWire>(
    [
      { label: t("unit"), cell: (p) => h("a", { href: `/app/units/${p.unitId}/publications/${p.id}` }, p.unitName) },
      { label: t("what"), cell: (p) => p.subject ?? kindName(p.kind) },
      { label: t("due"), cell: (p) => dmy(p.publishBy) },
      { label: t("status"), cell: (p) => (p.publishedAt ? t("publishedOn", { date: dmy(p.publishedAt.slice(0, 10)) }) : h("strong", null, t("draft"))) },
    ],
    d.latePublications,
  );
  const answers = table<OverdueAnswerWire>(
    [
      { label: t("unit"), cell: (a) => a.unitName },
      { label: t("what"), cell: (a) => h("span", null, h("strong", null, `${t(a.kind)}: `), a.text) },
      { label: t("who"), cell: (a) => a.responsible },
      { label: t("due"), cell: (a) => h("span", null, dmy(a.dueDate), " ", h("span", { class: "badge warn" }, t("late", { n: a.daysLate }))) },
      { label: t("apology"), cell: (a) => downloadButton(t("letter"), () => download(a.apologyUrl.replace(/^\/api\/v1/, ""), `thu-xin-loi-${a.kind}-${a.id}.pdf`)) },
    ],
    d.overdueAnswers,
  );
  const none = !d.latePublications.length && !d.overdueAnswers.length;
  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: `/app/units/${unit.id}` }, t("back", { name: unit.name }))),
    heading(t("title")),
    h("p", { class: "muted" }, t("asOf", { date: dmy(d.asOf) })),
    none ? notice("ok", t("nothing")) : null,
    h("h2", null, t("pubs")),
    h("p", { class: "muted" }, t("pubsHint")),
    pubs,
    h("h2", null, t("answers")),
    h("p", { class: "muted" }, t("answersHint")),
    answers,
  );
}

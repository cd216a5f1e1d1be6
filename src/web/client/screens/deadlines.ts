import { download, get } from "../api";
import type { DeadlinesWire, LatePublicationWire, OverdueAnswerWire, OverdueSubmissionWire, OwedPublicationWire } from "../../../deadlines/wire";
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
    owed: "Chưa công khai", owedHint: "Việc đã xảy ra mà chưa có bản công khai nào được công bố: công trình đã quyết toán, đợt giám sát đã lập biên bản, báo cáo thu, chi từng quý, quyết định đã được xã công nhận. Hiện cả việc sắp đến hạn trong {n} ngày tới.",
    event: "Ngày phát sinh", soon: "Sắp đến hạn", todo: "Việc cần làm", draftIt: "Lập bản công khai", draftOf: "Bản nháp #{id} chờ duyệt",
    submit: "Chưa gửi xã đúng hạn", submitHint: "Quyết định đã chốt kết quả nhưng chưa gửi Ủy ban nhân dân xã công nhận trong thời hạn.", title2: "Quyết định",
  },
  en: {
    title: "Overdue", asOf: "As of {date}, on the working-day calendar (weekends, public holidays and Tết skipped).",
    pubs: "Late publications", pubsHint: "Due at most 10 working days after the period ends or the decision is made.",
    answers: "Overdue answers", answersHint: "Board findings and residents' feedback not answered in time: print the apology letter for the responsible person to sign.",
    unit: "Unit", what: "What", due: "Due", status: "Status", draft: "Not published", publishedOn: "Published {date}", late: "{n} days late",
    finding: "Finding", feedback: "Feedback", who: "Who answers", apology: "Apology letter", letter: "Download (PDF)", nothing: "Nothing is overdue.", back: "← {name}",
    owed: "Not yet published", owedHint: "Events with no publication published yet: settled works, filed inspections, each quarter's receipts and payments, decisions the commune recognised. Also those coming due in the next {n} days.",
    event: "Event", soon: "Due soon", todo: "To do", draftIt: "Draft the publication", draftOf: "Draft #{id} awaiting approval",
    submit: "Not submitted to the commune in time", submitHint: "Decisions voted but not sent to the commune's People's Committee for recognition in time.", title2: "Decision",
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
  const owed = table<OwedPublicationWire>(
    [
      { label: t("unit"), cell: (o) => o.unitName },
      { label: t("what"), cell: (o) => o.subject },
      { label: t("event"), cell: (o) => dmy(o.eventDate) },
      { label: t("due"), cell: (o) => h("span", null, dmy(o.publishBy), " ", o.daysLate ? h("span", { class: "badge warn" }, t("late", { n: o.daysLate })) : h("span", { class: "badge" }, t("soon"))) },
      { label: t("todo"), cell: owedAction },
    ],
    d.owedPublications,
  );
  const submissions = table<OverdueSubmissionWire>(
    [
      { label: t("unit"), cell: (s) => s.unitName },
      { label: t("title2"), cell: (s) => h("a", { href: `/app/units/${s.unitId}/decisions/${s.id}` }, s.title) },
      { label: t("due"), cell: (s) => h("span", null, dmy(s.submitBy), " ", h("span", { class: "badge warn" }, t("late", { n: s.daysLate }))) },
    ],
    d.overdueSubmissions,
  );
  const none = !d.latePublications.length && !d.overdueAnswers.length && !d.owedPublications.length && !d.overdueSubmissions.length;
  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: `/app/units/${unit.id}` }, t("back", { name: unit.name }))),
    heading(t("title")),
    h("p", { class: "muted" }, t("asOf", { date: dmy(d.asOf) })),
    none ? notice("ok", t("nothing")) : null,
    h("h2", null, t("owed")),
    h("p", { class: "muted" }, t("owedHint", { n: d.dueSoonDays })),
    owed,
    h("h2", null, t("pubs")),
    h("p", { class: "muted" }, t("pubsHint")),
    pubs,
    d.overdueSubmissions.length ? [h("h2", null, t("submit")), h("p", { class: "muted" }, t("submitHint")), submissions] : null,
    h("h2", null, t("answers")),
    h("p", { class: "muted" }, t("answersHint")),
    answers,
  );
}

/** What to do about an owed publication: open its draft, or draft it (the form filled in). */
function owedAction(o: OwedPublicationWire): HTMLElement {
  if (o.draftId) return h("a", { href: `/app/units/${o.unitId}/publications/${o.draftId}` }, t("draftOf", { id: o.draftId }));
  const q = new URLSearchParams({ kind: o.kind });
  for (const [k, v] of Object.entries(o.params ?? {})) q.set(k, String(v));
  return h("a", { href: `/app/units/${o.unitId}/publications?${q}` }, t("draftIt"));
}

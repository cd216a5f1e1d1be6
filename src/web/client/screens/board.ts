import { api, get } from "../api";
import type { BoardWire, FeedbackWire, InspectionSummaryWire } from "../../../supervision/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { dmy, field, form, heading, input, notice, pager, select, spinner, table, textarea, today, ui } from "../ui";
import { boardName } from "../roles";
import { deadlinesLine } from "./_deadlines-widget";
import { badge, boardWithScope, isMember, pages, recordFields, st, statusBadge, word, WorkLite } from "./_supervision-widgets";

// A supervision board's desk: what it oversees (units and their works, whose books its inspectors
// read but never write), its inspections newest first and a form to start one, the residents'
// feedback on its works with a public answer, and the cash count.

const t = texts({
  vi: {
    term: "Nhiệm kỳ {from} – {to}", members: "Thành viên", oversees: "Phạm vi giám sát", units: "Đơn vị", works: "Công trình", noWorks: "Chưa có công trình.",
    entries: "Sổ nhật ký", accounts: "Tài khoản", worksOf: "Công trình", findings: "Kiến nghị", deadlines: "Việc trễ hạn", publicPage: "Trang công khai", cashCount: "Kiểm kê quỹ tiền mặt",
    readOnly: "Ban xem sổ sách của các đơn vị này (chỉ xem, không sửa).",
    inspections: "Các cuộc giám sát", date: "Ngày", subject: "Đối tượng", status: "Tình trạng", findingsCol: "Kiến nghị", open: "Mở", filter: "Lọc theo tình trạng",
    funds: "Quỹ của {unit}", summary: "{total} ({open} chưa xử lý, {overdue} quá hạn)",
    start: "Bắt đầu một cuộc giám sát", subjectField: "Giám sát", present: "Thành viên có mặt", checklist: "Nội dung kiểm tra", note: "Ghi chú: {item}", result: "Kết quả: {item}",
    create: "Lập biên bản (bản nháp)", pickMember: "Chọn ít nhất một thành viên có mặt.",
    feedback: "Ý kiến của người dân", noFeedback: "Chưa có ý kiến nào.", received: "Nhận {at}", dueBy: "hạn trả lời {date}", answered: "Đã trả lời {at}:", answerPublicly: "Trả lời công khai",
    answerText: "Nội dung trả lời (người dân sẽ thấy)", anonymous: "Người dân (không ghi tên)",
    name: "Họ tên", role: "Chức danh", membersTable: "Chức danh từng thành viên", front: "Đại diện MTTQ", yes: "Có", no: "—",
    chair: "Trưởng ban", vice_chair: "Phó Trưởng ban", member: "Thành viên",
    incomplete: "Ban chưa đủ thành phần theo quy định",
    too_few_members: "Ban có {count} thành viên, cần từ {min} đến 7 thành viên.", too_many_members: "Ban có {count} thành viên, nhiều hơn {max} thành viên.",
    no_front_representative: "Ban chưa có đại diện Ủy ban Mặt trận Tổ quốc Việt Nam xã.", too_many_vice_chairs: "Ban có {count} Phó Trưởng ban, nhiều nhất {max}.",
  },
  en: {
    term: "Term {from} – {to}", members: "Members", oversees: "Oversees", units: "Units", works: "Works", noWorks: "No works yet.",
    entries: "Journal", accounts: "Accounts", worksOf: "Works", findings: "Findings", deadlines: "Overdue", publicPage: "Public page", cashCount: "Cash count",
    readOnly: "The board reads these units' books (read only).",
    inspections: "Inspections", date: "Date", subject: "Subject", status: "Status", findingsCol: "Findings", open: "Open", filter: "Filter by status",
    funds: "Funds of {unit}", summary: "{total} ({open} open, {overdue} overdue)",
    start: "Start an inspection", subjectField: "Inspect", present: "Members present", checklist: "Checklist", note: "Note: {item}", result: "Result: {item}",
    create: "Create the record (draft)", pickMember: "Choose at least one member present.",
    feedback: "Residents' feedback", noFeedback: "No feedback yet.", received: "Received {at}", dueBy: "answer due {date}", answered: "Answered {at}:", answerPublicly: "Answer publicly",
    answerText: "Answer (residents will see it)", anonymous: "A resident (anonymous)",
    name: "Name", role: "Role", membersTable: "Each member's role", front: "Fatherland Front representative", yes: "Yes", no: "—",
    chair: "Chair", vice_chair: "Vice chair", member: "Member",
    incomplete: "The board is not made up as the law requires",
    too_few_members: "The board has {count} members; it needs 5 to 7.", too_many_members: "The board has {count} members, more than {max}.",
    no_front_representative: "The board has no representative of the commune's Fatherland Front.", too_many_vice_chairs: "The board has {count} vice chairs; at most {max}.",
  },
});

type Inspection = InspectionSummaryWire;
type Feedback = FeedbackWire;
type Member = BoardWire["members"][number];

/** The board's members with their roles, and, when it is not made up as the law says, why (law.md L11–L12). */
function membersBlock(board: BoardWire): HTMLElement {
  const c = board.composition;
  return h(
    "section",
    { "aria-labelledby": "members-h" },
    h("h2", { id: "members-h" }, t("members")),
    c.complete ? null : notice("warn", h("strong", null, t("incomplete")), h("ul", null, c.problems.map((p) => h("li", null, t(p.code, { ...p }))))),
    table<Member>(
      [
        { label: t("name"), cell: (m) => m.displayName },
        { label: t("role"), cell: (m) => t(m.role) },
        { label: t("front"), cell: (m) => (m.frontRepresentative ? t("yes") : t("no")) },
      ],
      board.members,
      t("membersTable"),
    ),
  );
}

export default async function boardScreen({ root, params, me, go }: ScreenCtx): Promise<void> {
  fill(root, spinner());
  const { board, units, works } = await boardWithScope(params.boardId);
  const member = isMember(me, board.id);
  const inspections = (await get<{ data: Inspection[] }>(`/boards/${board.id}/inspections`)).data;
  const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? `#${id}`;
  const workName = (id: number) => works.find((w) => w.id === id)?.name ?? `#${id}`;
  const subjectOf = (i: { unitId: number; workId: number | null }) => (i.workId ? workName(i.workId) : t("funds", { unit: unitName(i.unitId) }));
  const base = `/app/boards/${board.id}`;

  // ---- what it oversees
  const unitCards = units.map((u) => {
    const mine = works.filter((w) => w.unitId === u.id);
    const b = `/app/units/${u.id}`;
    return h(
      "section",
      { class: "card", "aria-labelledby": `unit-${u.id}` },
      h("h3", { id: `unit-${u.id}` }, u.name),
      deadlinesLine(u.id),
      h("ul", { class: "links" }, [
        [`${b}/entries`, t("entries")], [`${b}/accounts`, t("accounts")], [`${b}/works`, t("worksOf")], [`${b}/findings`, t("findings")], [`${b}/deadlines`, t("deadlines")],
      ].map(([href, label]) => h("li", null, h("a", { href }, label)))),
      mine.length
        ? table<WorkLite>(
            [
              { label: t("works"), cell: (w) => h("a", { href: `${b}/works/${w.id}` }, w.name) },
              { label: t("status"), cell: (w) => word(w.status) },
              { label: "%", cell: (w) => `${w.progress}%`, num: true },
              { label: t("publicPage"), cell: (w) => h("a", { href: `/u/${encodeURIComponent(u.code)}/works/${w.id}` }, t("publicPage")) },
            ],
            mine,
            `${t("works")} — ${u.name}`,
          )
        : h("p", { class: "muted" }, t("noWorks")),
    );
  });

  // ---- inspections, newest first (the API's order), filterable by status
  const statusFilter = select("status", [["", ui("all")], ["draft", st("draft")], ["filed", st("filed")], ["published", st("published")]]);
  const list = () => inspections.filter((i) => !statusFilter.value || i.status === statusFilter.value);
  const listBox = h("div");
  const renderList = () => {
    const p = pager<Inspection>(pages(list()), (rows) =>
      table<Inspection>(
        [
          { label: t("date"), cell: (i) => h("a", { href: `${base}/inspections/${i.id}` }, dmy(i.date)) },
          { label: t("subject"), cell: (i) => subjectOf(i) },
          { label: t("status"), cell: (i) => statusBadge(i.status) },
          { label: t("findingsCol"), cell: (i) => [t("summary", { total: i.findingsSummary.total, open: i.findingsSummary.open, overdue: i.findingsSummary.overdue }), i.findingsSummary.overdue ? [" ", badge("bad", st("overdue"))] : null] },
        ],
        rows,
        t("inspections"),
      ),
    );
    fill(listBox, p.el);
  };
  statusFilter.addEventListener("change", renderList);
  renderList();

  // ---- a new inspection (the board's members)
  let startForm: HTMLElement | null = null;
  if (member) {
    const subjects: [string, string][] = [
      ...works.map((w): [string, string] => [`work:${w.id}`, `${w.name} (${unitName(w.unitId)})`]),
      ...units.map((u): [string, string] => [`unit:${u.id}`, t("funds", { unit: u.name })]),
    ];
    const subject = select("subject", subjects);
    const date = input("date", { type: "date", value: today(), max: today(), required: true });
    const record = recordFields(board, (id) => id === me.id);
    const f = form(
      {
        draftKey: `inspection-new:${board.id}`,
        submitLabel: t("create"),
        onSubmit: async (key) => {
          const present = record.present();
          if (!present.length) throw new Error(t("pickMember"));
          const [kind, id] = subject.value.split(":");
          const r = await api<{ id: number }>("POST", `/boards/${board.id}/inspections`, { subject: kind === "work" ? { workId: Number(id) } : { unitId: Number(id) }, date: date.value, membersPresent: present, checklist: record.checklist() }, { idempotencyKey: key });
          go(`${base}/inspections/${r.id}`);
        },
      },
      field(t("subjectField"), subject),
      field(t("date"), date),
      record.el,
    );
    startForm = h("section", { "aria-labelledby": "start-h" }, h("h2", { id: "start-h" }, t("start")), subjects.length ? f : notice("info", t("noWorks")));
  }

  // ---- residents' feedback (members only: the API shows it to the board)
  const feedbackBox = h("section", { "aria-labelledby": "fb-h" }, h("h2", { id: "fb-h" }, t("feedback")));
  const renderFeedback = (rows: Feedback[]) =>
    h(
      "div",
      null,
      rows.length
        ? rows.map((fb) => {
            const card = h(
              "article",
              { class: "card feedback", id: `feedback-${fb.id}` },
              h("h3", null, `${workName(fb.workId)} — ${fb.name || t("anonymous")}`),
              h("p", { class: "muted" }, t("received", { at: dmy(fb.receivedAt) }), " · ", t("dueBy", { date: dmy(fb.dueDate) }), " ", fb.overdue ? badge("bad", st("overdue")) : null),
              h("p", null, fb.text),
            );
            if (fb.answer) card.append(h("p", null, h("strong", null, t("answered", { at: dmy(fb.answeredAt) })), " ", fb.answer));
            else {
              const text = textarea("text", { required: true, maxlength: "4000" });
              card.append(
                form(
                  {
                    draftKey: `feedback-answer:${fb.id}`,
                    submitLabel: t("answerPublicly"),
                    onSubmit: async () => {
                      const r = await api<Feedback>("POST", `/boards/${board.id}/feedback/${fb.id}/answer`, { text: text.value.trim() });
                      card.replaceWith(renderFeedback([r]));
                    },
                  },
                  field(t("answerText"), text),
                ),
              );
            }
            return card;
          })
        : h("p", { class: "muted" }, t("noFeedback")),
    );
  if (member) {
    const fb = pager<Feedback>(async (cursor) => pages((await get<{ data: Feedback[] }>(`/boards/${board.id}/feedback`)).data, 5)(cursor), renderFeedback);
    feedbackBox.append(fb.el);
  }

  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: "/app" }, `← ${ui("home")}`)),
    heading(boardName(board), member ? h("a", { class: "button secondary", href: `${base}/cash-count` }, t("cashCount")) : null),
    // the heading already says the kind (boardName): the term alone under it
    board.termStart && board.termEnd ? h("p", { class: "muted" }, t("term", { from: dmy(board.termStart), to: dmy(board.termEnd) })) : null,
    membersBlock(board),
    h("h2", null, t("oversees")),
    h("p", { class: "muted" }, t("readOnly")),
    h("div", { class: "grid wide" }, unitCards),
    h("h2", null, t("inspections")),
    h("div", { class: "filters sup-filters" }, field(t("filter"), statusFilter)),
    listBox,
    startForm,
    member ? feedbackBox : null,
  );
}

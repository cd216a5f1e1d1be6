import { api, download, get } from "../api";
import { instantOfLocal, localDateTimeInput } from "../../../shared/dates";
import { Child, fill, h } from "../dom";
import type { ScreenCtx } from "../screen";
import { hasAny, rolesOn, Unit } from "../roles";
import { bringIntoView, dmy, downloadButton, field, form, heading, input, link, money, moneyField, notice, pager, select, spinner, table, textarea, today, words } from "../ui";
import { badge, CATEGORIES, collapsible, nameOf, photoField, refusal, section, voucherCard, voucherFiles } from "./_works-widgets";
import { t, type Budget, type Voucher, type Work } from "./_work-words";
import { renderMovesInto } from "./_work-moves";
import { responsePanel } from "./_work-response";

// One work (công trình): its details and status, the moves a head may make, budget vs actual, its
// payment vouchers — a head approves or rejects the drafts above the unit's threshold (never their
// own: the server says so and the screen shows it) — and, for the treasurer, the payment voucher
// with the invoice photographed by the phone, advances, progress reports and consultations.

const PAGE = 20;
/** The Vietnam wall-clock time `days` from now, as a datetime-local value. */

export default async function workScreen({ root, params, query, me }: ScreenCtx): Promise<void> {
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
  const renderMoves = () => renderMovesInto(moves, work, { isHead, W, reload: reloadWork });

  // ---- budget vs actual
  type CategoryRow = Omit<Budget["byCategory"][number], "category"> & { label: string };
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
        [...b.byCategory.map((c) => ({ ...c, label: nameOf(c.category) })), { ...b.totals, account: "", label: t("total") }],
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
  const draftCard = (e: Voucher): HTMLElement => voucherCard(e, { unitId, isHead, decided: async (said) => void (await reloadVouchers(said)) });
  const voucherCols = [
    { label: t("date"), cell: (e: Voucher) => h("span", { class: "nowrap" }, dmy(e.date)) },
    { label: t("voucherNo"), cell: (e: Voucher) => e.voucherNo ?? "—" },
    { label: t("kind"), cell: (e: Voucher) => (e.kind === "advance" ? nameOf("advanceKind") : nameOf(e.category ?? "other")) },
    { label: t("payee"), cell: (e: Voucher) => [e.payee, h("br"), h("small", { class: "muted" }, e.description)] },
    { label: t("amount"), num: true, cell: (e: Voucher) => money(e.amount) },
    { label: t("status"), cell: (e: Voucher) => [badge(e.status), e.rejectReason ? h("div", { class: "muted" }, `${t("reason")}: ${e.rejectReason}`) : null] },
    { label: t("files"), cell: (e: Voucher) => (e.attachments.length ? voucherFiles(unitId, e.attachments) : "") },
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
    const cards = waiting.map((e) => ({ e, el: draftCard(e) }));
    fill(drafts, said ?? null, cards.length ? h("ul", { class: "cards" }, cards.map((c) => c.el)) : h("p", { class: "muted" }, t("noDrafts")));
    renderBudget(b);
    await voucherPager.reload();
    if (said) bringIntoView(said);
    return cards;
  };

  // ---- recording: payment voucher, advance
  const voucherForm = (kind: "expense" | "advance"): HTMLElement => {
    const photo = photoField(unitId);
    const methods = kind === "expense" ? ["cash", "bank", "payable", "advance"] : ["cash", "bank"];
    const category = kind === "expense" ? select("category", CATEGORIES.map((c): [string, string] => [c, nameOf(c)])) : null;
    const amount = moneyField(t("amount"), "amount", { required: true });
    const date = input("date", { type: "date", value: today(), required: true });
    const payee = input("payee", { required: true, maxlength: "200", autocomplete: "off" });
    const description = textarea("description", { required: true, maxlength: "2000" });
    const method = select("method", methods.map((m): [string, string] => [m, nameOf(m)]));
    let lastDate = "";
    const f: HTMLFormElement = form(
      {
        draftKey: `${kind}:${unitId}:${workId}`,
        submitLabel: kind === "expense" ? t("saveExpense") : t("saveAdvance"),
        // Emptied after a save (the photo and the amount too), the day kept for the next voucher.
        creates: true,
        afterReset: () => (date.value = lastDate),
        onSubmit: async (key) => {
          const attachmentIds = await photo.ids();
          const body: { amount: string; date: string; payee: string; description: string; method: string; category?: string; attachmentIds?: number[] } = {
            amount: amount.value(), date: date.value, payee: payee.value.trim(), description: description.value.trim(), method: method.value,
          };
          if (category) body.category = category.value;
          if (attachmentIds.length) body.attachmentIds = attachmentIds;
          const r = await api<{ status: string; voucherNo?: string }>("POST", `${W}/${kind === "expense" ? "expenses" : "advances"}`, body, { idempotencyKey: key });
          const text =
            r.status === "posted"
              ? t(kind === "expense" ? "expensePosted" : "advancePosted", { no: r.voucherNo ?? "" })
              : kind === "expense" ? t("expenseDraft", { threshold: money(unit.approvalThreshold) }) : t("advanceDraft");
          lastDate = body.date;
          await reloadVouchers();
          return { message: [h("strong", null, text), h("br"), `${body.payee} · ${money(body.amount)} đ`, h("br"), h("em", null, words(body.amount))] };
        },
      },
      category ? field(t("category"), category) : null,
      amount.el,
      field(t("date"), date),
      field(t("payee"), payee),
      field(t("description"), description),
      field(t("method"), method),
      photo.el,
    );
    return kind === "expense" ? f : collapsible(t("showAdvance"), t("hideForm"), f, `${kind}:${unitId}:${workId}`, amount.focus);
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
    const date = input("date", { type: "date", value: today(), required: true });
    let lastDate = "";
    const percent = input("percent", { type: "number", min: "0", max: "100", step: "1", inputmode: "numeric", required: true });
    const note = textarea("note", { maxlength: "2000" });
    const f: HTMLFormElement = form(
      {
        draftKey: `progress:${unitId}:${workId}`,
        submitLabel: t("saveProgress"),
        creates: true,
        afterReset: () => (date.value = lastDate),
        onSubmit: async (key) => {
          const ids = await photos.ids();
          const body: { date: string; percent: number; note?: string; photos?: number[] } = { date: date.value, percent: Number(percent.value) };
          if (note.value.trim()) body.note = note.value.trim();
          if (ids.length) body.photos = ids;
          await api("POST", `${W}/progress`, body, { idempotencyKey: key });
          lastDate = body.date;
          await reloadWork();
          return { message: t("progressSaved", { p: body.percent }) };
        },
      },
      field(t("date"), date),
      field(t("percent"), percent),
      field(t("note"), note),
      photos.el,
    );
    return collapsible(t("showProgress"), t("hideForm"), f, `progress:${unitId}:${workId}`, () => date.focus());
  };

  // ---- consultations
  // What the last save of a response said, shown in its consultation's panel after the redraw.
  let said: { id: number; node: HTMLElement } | null = null;
  const responded = async (id: number, message: string) => {
    said = { id, node: notice("ok", message) };
    await reloadWork();
    bringIntoView(said.node);
  };
  const responder = hasAny(roles, "head", "admin");
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
                h("p", null, t("tally", { ...c.tally }), c.result ? [" — ", h("strong", null, nameOf(c.result.outcome))] : null),
                c.comments?.length ? h("p", { class: "muted" }, t("comments", { n: c.comments.length })) : null,
                h("p", null, h("a", { href: `/consultations/${c.id}` }, t("publicData"))),
                responsePanel(c, { W, responder, done: responded, said: said?.id === c.id ? said.node : null })),
            ),
          )
        : h("p", { class: "muted" }, t("noConsultations")),
    );
  const consultationForm = (): HTMLElement => {
    const docs = photoField(unitId, "documentIds", { multiple: true, label: t("documents") });
    const question = textarea("question", { required: true, maxlength: "2000" });
    const opensAt = input("opensAt", { type: "datetime-local", value: localDateTimeInput(new Date()), required: true });
    const closesAt = input("closesAt", { type: "datetime-local", value: localDateTimeInput(new Date(), 14), required: true });
    const f: HTMLFormElement = form(
      {
        draftKey: `consultation:${unitId}:${workId}`,
        submitLabel: t("openConsultation"),
        creates: true,
        afterReset: () => {
          opensAt.value = localDateTimeInput(new Date());
          closesAt.value = localDateTimeInput(new Date(), 14);
        },
        onSubmit: async (key) => {
          const ids = await docs.ids();
          // The inputs read Vietnam's wall clock.
          const body: { question: string; opensAt: string; closesAt: string; documents?: number[] } = { question: question.value.trim(), opensAt: instantOfLocal(opensAt.value), closesAt: instantOfLocal(closesAt.value) };
          if (ids.length) body.documents = ids;
          await api("POST", `${W}/consultations`, body, { idempotencyKey: key });
          await reloadWork();
          return { message: t("consultationOpened") };
        },
      },
      field(t("question"), question),
      h("div", { class: "grid" }, field(t("opensAt"), opensAt), field(t("closesAt"), closesAt)),
      docs.el,
    );
    return collapsible(t("showConsultation"), t("hideForm"), f, `consultation:${unitId}:${workId}`, () => question.focus());
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
  const sections = parts.map(([id, label, body]) => {
    const s = section(label, body);
    s.el.id = id;
    s.title.setAttribute("tabindex", "-1");
    return { id, label, ...s };
  });
  // In-page jumps scroll and move focus without a fragment navigation (which would re-route the app).
  const jump = (target: HTMLElement) => (e: Event) => {
    e.preventDefault();
    target.scrollIntoView();
    target.focus({ preventScroll: true });
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
    h("nav", { class: "jump", "aria-label": t("jump") }, h("ul", null, sections.map((s) => h("li", null, h("a", { href: `#${s.id}`, on: { click: jump(s.title) } }, s.label))))),
    sections.map((s) => s.el),
    h("p", null, h("a", { href: `/app/units/${unitId}/works` }, t("back"))),
  );
  // Not awaited: the shell moves focus to the h1 once the screen returns, and must not do so while
  // someone is already typing in a form below.
  // Opened for one voucher (the home screen's "1 phiếu chi chờ duyệt"): its card, in view and focused.
  const asked = query.get("voucher");
  reloadVouchers().then(
    (cards) => {
      const card = cards.find((c) => String(c.e.id) === asked)?.el;
      if (card) bringIntoView(card);
    },
    (err) => fill(drafts, notice("error", refusal(err))),
  );
}

import { api, get } from "../api";
import type { DecisionWire } from "../../../decisions/wire";
import type { WorkMovedWire } from "../../../works/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import { bringIntoView, dmy, field, form, input, notice, select, textarea, today } from "../ui";
import { badge, MOVES, nameOf } from "./_works-widgets";
import { t, type Work } from "./_work-words";

// A work's status, its history, and the moves a head may make (the server decides; the screen
// offers only the moves shared/work-life.ts allows).

// law.md L5: a work the residents pay for is approved on their passed decision, picked here.
const dt = texts({
  vi: { basis: "Quyết định của hộ dân (bắt buộc khi dân đóng góp)", none: "— Không chọn (công trình không dùng tiền, công của dân) —", setUpBoard: "Thành lập hoặc giao Ban giám sát" },
  en: { basis: "Residents' decision (needed when residents contribute)", none: "— None (no residents' money or labour) —", setUpBoard: "Set up or assign a supervision board" },
});

export function renderMovesInto(moves: HTMLElement, work: Work, opts: { isHead: boolean; W: string; reload: () => Promise<void> }): void {
  const { isHead, W } = opts;
  const allowed = MOVES[work.status] ?? [];
  const history = work.transitions.length
    ? [
        h("h3", null, t("history")),
        h(
          "ol",
          { class: "timeline" },
          work.transitions.map((x) =>
            h("li", null, h("strong", null, `${dmy(x.date)}: `), `${nameOf(x.from)} → ${nameOf(x.to)}`, x.by ? h("span", { class: "muted" }, ` (${t("by", { name: x.by })})`) : null,
              x.decision ? h("div", { class: "muted" }, `${t("minutesRef")}: ${x.decision.minutesRef} — ${x.decision.householdsAgreeing}/${x.decision.householdsTotal}`) : null,
              x.note ? h("div", null, x.note) : null),
          ),
        ),
      ]
    : null;
  const warned = work.warnings.map((w) => notice("warn", w.message));
  if (!allowed.length) return fill(moves, warned, h("p", null, badge(work.status), " ", t("noMoves")), history);
  if (!isHead) return fill(moves, warned, h("p", null, badge(work.status), " ", h("span", { class: "muted" }, t("headOnly"))), history);
  const to = select("to", allowed.map((s): [string, string] => [s, nameOf(s)]));
  const decisionId = select("decisionId", [["", dt("none")]]);
  void get<{ data: DecisionWire[] }>(`/units/${work.unitId}/decisions`).then((r) => {
    const passed = r.data.filter((d) => d.passed && d.status !== "draft" && ["work_investment", "contribution_policy", "contribution_management"].includes(d.subject));
    decisionId.append(...passed.map((d) => h("option", { value: String(d.id) }, `${dmy(d.heldOn)} — ${d.title}`)));
    if (passed.length) decisionId.value = String(passed[0].id);
  }, () => undefined);
  const decisionDate = input("decisionDate", { type: "date" });
  const minutesRef = input("minutesRef", { maxlength: "200" });
  const householdsTotal = input("householdsTotal", { type: "number", min: "1", inputmode: "numeric" });
  const householdsAgreeing = input("householdsAgreeing", { type: "number", min: "0", inputmode: "numeric" });
  const decision = h(
    "fieldset",
    null,
    h("legend", null, t("decision")),
    field(dt("basis"), decisionId),
    field(t("decisionDate"), decisionDate),
    field(t("minutesRef"), minutesRef),
    field(t("householdsTotal"), householdsTotal),
    field(t("householdsAgreeing"), householdsAgreeing),
  );
  const showDecision = () => (decision.hidden = to.value !== "approved");
  to.addEventListener("change", showDecision);
  const date = input("date", { type: "date", value: today(), required: true });
  const note = textarea("note", { maxlength: "2000" });
  const f = form(
    {
      submitLabel: t("move"),
      onSubmit: async () => {
        const move = to.value;
        const body: { to: string; date: string; note?: string; decisionId?: number; decision?: { date: string; minutesRef: string; householdsTotal: number; householdsAgreeing: number } } = { to: move, date: date.value };
        if (note.value.trim()) body.note = note.value.trim();
        if (move === "approved" && decisionId.value) body.decisionId = Number(decisionId.value);
        else if (move === "approved" && minutesRef.value.trim()) {
          body.decision = { date: decisionDate.value, minutesRef: minutesRef.value.trim(), householdsTotal: Number(householdsTotal.value), householdsAgreeing: Number(householdsAgreeing.value) };
        }
        const moved = await api<WorkMovedWire>("POST", `${W}/transitions`, body);
        await opts.reload();
        // The panel is drawn again for the new status: the answer goes above it, in view and focused.
        const said = notice("ok", t("moved", { status: nameOf(move) }));
        // law.md L12: no Ban GSĐTCĐ over a work the residents pay for: the commune sets one up or assigns one.
        if (moved.next) moves.prepend(notice("warn", moved.next.message, " ", h("a", { href: `/app/admin?unit=${moved.next.communeId}` }, dt("setUpBoard"))));
        moves.prepend(said);
        bringIntoView(said);
      },
    },
    field(t("moveTo"), to),
    field(t("date"), date),
    field(t("note"), note),
    decision,
  );
  showDecision();
  fill(moves, warned, h("p", null, badge(work.status)), f, history);
  }

import { api } from "../api";
import { fill, h } from "../dom";
import { dmy, field, form, input, notice, select, textarea, today } from "../ui";
import { badge, MOVES, nameOf } from "./_works-widgets";
import { t, type Work } from "./_work-words";

// A work's status, its history, and the moves a head may make (the server decides; the screen
// offers only the moves shared/work-life.ts allows).

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
  if (!allowed.length) return fill(moves, h("p", null, badge(work.status), " ", t("noMoves")), history);
  if (!isHead) return fill(moves, h("p", null, badge(work.status), " ", h("span", { class: "muted" }, t("headOnly"))), history);
  const to = select("to", allowed.map((s): [string, string] => [s, nameOf(s)]));
  const decision = h(
    "fieldset",
    null,
    h("legend", null, t("decision")),
    field(t("decisionDate"), input("decisionDate", { type: "date" })),
    field(t("minutesRef"), input("minutesRef", { maxlength: "200" })),
    field(t("householdsTotal"), input("householdsTotal", { type: "number", min: "1", inputmode: "numeric" })),
    field(t("householdsAgreeing"), input("householdsAgreeing", { type: "number", min: "0", inputmode: "numeric" })),
  );
  const showDecision = () => (decision.hidden = to.value !== "approved");
  to.addEventListener("change", showDecision);
  const f = form(
    {
      submitLabel: t("move"),
      onSubmit: async (v) => {
        const body: Record<string, unknown> = { to: v.to, date: v.date };
        if (v.note.trim()) body.note = v.note.trim();
        if (v.to === "approved" && v.minutesRef.trim()) {
          body.decision = { date: v.decisionDate, minutesRef: v.minutesRef.trim(), householdsTotal: Number(v.householdsTotal), householdsAgreeing: Number(v.householdsAgreeing) };
        }
        await api("POST", `${W}/transitions`, body);
        await opts.reload();
        moves.prepend(notice("ok", t("moved", { status: nameOf(v.to) })));
      },
    },
    field(t("moveTo"), to),
    field(t("date"), input("date", { type: "date", value: today(), required: true })),
    field(t("note"), textarea("note", { maxlength: "2000" })),
    decision,
  );
  showDecision();
  fill(moves, h("p", null, badge(work.status)), f, history);
  }

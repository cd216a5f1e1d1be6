import { api, get } from "../api";
import type { HouseholdWire } from "../../../contributions/wire";
import type { DecisionDetailWire, DecisionStatus, DecisionWire, Method, Subject } from "../../../decisions/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { Me } from "../api";
import type { ScreenCtx } from "../screen";
import { hasAny, rolesOn, Unit } from "../roles";
import { dmy, field, form, heading, input, notice, select, spinner, table, textarea, today } from "../ui";
import { crumbs } from "./_books";
import { localDateTime } from "../../../shared/dates";

// Residents' decisions (law.md L5–L8): the hamlet records what its households decided — a
// meeting's counts, each household's ballot — and sends it to the commune, which recognises it or
// returns it with a reason. The threshold and whether it passed are said in plain words; the
// register's total comes from the server, never typed.

const t = texts({
  vi: {
    title: "Quyết định của hộ dân", list: "Các quyết định", none: "Chưa có quyết định nào.", what: "Nội dung quyết định", subject: "Loại việc", method: "Hình thức",
    heldOn: "Ngày họp / biểu quyết", state: "Trạng thái", result: "Kết quả", newOne: "Ghi quyết định mới", save: "Ghi quyết định",
    contribution_policy: "Chủ trương, mức đóng góp", contribution_management: "Thu, chi, quản lý khoản đóng góp", customary_rule: "Hương ước, quy ước", work_investment: "Đầu tư công trình", other: "Việc khác",
    meeting_show_of_hands: "Họp, biểu quyết giơ tay", meeting_secret_ballot: "Họp, bỏ phiếu kín", household_ballot: "Phát phiếu đến hộ", online: "Biểu quyết trực tuyến", combined: "Kết hợp các hình thức",
    draft: "Đang lấy ý kiến", voted: "Đã chốt kết quả", submitted: "Đã gửi xã", recognised: "Xã đã công nhận", returned: "Xã trả lại",
    registerNote: "Tổng số hộ lấy theo sổ hộ của thôn vào ngày họp, không nhập tay.",
    needTwoThirds: "Cần ít nhất {needed}/{total} hộ đồng ý (hai phần ba tổng số hộ trong thôn).", needHalf: "Cần ít nhất {needed}/{total} hộ đồng ý (quá nửa tổng số hộ trong thôn).",
    passed: "Đã thông qua: {agree}/{total} hộ đồng ý.", notPassed: "Chưa thông qua: {agree}/{total} hộ đồng ý, cần {needed} hộ.",
    counts: "Dự họp hoặc đã bỏ phiếu: {present} hộ · Đồng ý: {agree} · Không đồng ý: {disagree} · Không ý kiến: {abstain}", ballots: "Phiếu của hộ: {paper} phiếu giấy, {online} trực tuyến",
    submitBy: "Hạn gửi xã: {date}", overdue: "Đã quá hạn gửi xã ({date}).",
    tally: "Kết quả cuộc họp", present: "Số hộ dự họp", agree: "Đồng ý", disagree: "Không đồng ý", abstain: "Không ý kiến", saveTally: "Ghi kết quả họp",
    ballot: "Ghi phiếu của hộ", household: "Hộ", choice: "Ý kiến", saveBallot: "Ghi phiếu", ballotSaved: "Đã ghi phiếu của hộ {code}.", ballotList: "Phiếu đã ghi",
    enteredBy: "Người nhập: {name}", onlineVote: "Hộ tự biểu quyết bằng mã hộ và mã PIN",
    move: "Chuyển trạng thái", to: "Chuyển sang", reason: "Lý do (bắt buộc khi trả lại)", saveMove: "Chuyển", moved: "Đã chuyển sang: {state}.",
    toVoted: "Chốt kết quả biểu quyết (không ghi thêm phiếu)", toSubmitted: "Gửi kết quả lên Ủy ban nhân dân xã", toRecognised: "Xã công nhận quyết định", toReturned: "Xã trả lại để bổ sung",
    history: "Quá trình", by: "{by}, {at}", back: "Quyết định", waiting: "Chờ xã công nhận ({n})",
    publish: "Lập bản công khai", publishHint: "Thông báo kết quả cho các hộ trong 10 ngày làm việc kể từ ngày xã công nhận: chỉ số hộ, không nêu ý kiến của từng hộ.",
  },
  en: {
    title: "Residents' decisions", list: "Decisions", none: "No decision yet.", what: "What is decided", subject: "Subject", method: "Method",
    heldOn: "Meeting / vote date", state: "State", result: "Result", newOne: "Record a new decision", save: "Record decision",
    contribution_policy: "Contribution policy and level", contribution_management: "Managing contributions", customary_rule: "Customary rules", work_investment: "Investment in a work", other: "Other matters",
    meeting_show_of_hands: "Meeting, show of hands", meeting_secret_ballot: "Meeting, secret ballot", household_ballot: "Ballots to households", online: "Online vote", combined: "Combined",
    draft: "Counting", voted: "Vote closed", submitted: "Sent to the commune", recognised: "Recognised by the commune", returned: "Returned by the commune",
    registerNote: "The number of households comes from the hamlet's register on the meeting day, never typed.",
    needTwoThirds: "At least {needed} of {total} households must agree (two thirds of all households).", needHalf: "At least {needed} of {total} households must agree (more than half of all households).",
    passed: "Passed: {agree} of {total} households agreed.", notPassed: "Not passed: {agree} of {total} households agreed, {needed} needed.",
    counts: "Present or voted: {present} · Agree: {agree} · Disagree: {disagree} · Abstain: {abstain}", ballots: "Household ballots: {paper} on paper, {online} online",
    submitBy: "To send to the commune by {date}", overdue: "Not sent to the commune by {date}.",
    tally: "The meeting's counts", present: "Households present", agree: "Agree", disagree: "Disagree", abstain: "Abstain", saveTally: "Record the counts",
    ballot: "Enter a household's ballot", household: "Household", choice: "Choice", saveBallot: "Enter ballot", ballotSaved: "Ballot of household {code} entered.", ballotList: "Ballots entered",
    enteredBy: "Entered by {name}", onlineVote: "The household voted itself with its code and PIN",
    move: "Change state", to: "Move to", reason: "Reason (needed to return it)", saveMove: "Move", moved: "Moved to: {state}.",
    toVoted: "Close the vote (no more ballots)", toSubmitted: "Send the result to the commune", toRecognised: "The commune recognises it", toReturned: "The commune returns it to be completed",
    history: "History", by: "{by}, {at}", back: "Decisions", waiting: "Waiting for the commune's recognition ({n})",
    publish: "Draft the publication", publishHint: "Tell the households the result within 10 working days of the commune's recognition: counts only, never a household's own choice.",
  },
});

const SUBJECTS: Subject[] = ["contribution_policy", "contribution_management", "customary_rule", "work_investment", "other"];
const METHODS: Method[] = ["meeting_show_of_hands", "meeting_secret_ballot", "household_ballot", "online", "combined"];
const MOVE_WORDS: Record<DecisionStatus, "toVoted" | "toSubmitted" | "toRecognised" | "toReturned" | "draft"> = { draft: "draft", voted: "toVoted", submitted: "toSubmitted", recognised: "toRecognised", returned: "toReturned" };

/**
 * The moves this user's hand makes (the server decides; the screen offers only these): closing the
 * vote and sending are the hamlet's own acts, recognising and returning its commune's.
 */
function movesFor(me: Me, unit: Unit, allowed: DecisionStatus[]): DecisionStatus[] {
  const on = (id: number | null) => new Set(me.grants.filter((g) => g.unitId === id).map((g) => g.role));
  const own = on(unit.id);
  const commune = on(unit.parentId);
  const installation = on(null).has("admin");
  const may: Record<DecisionStatus, boolean> = {
    draft: false,
    voted: own.has("treasurer") || own.has("head"),
    submitted: own.has("head"),
    recognised: installation || commune.has("admin") || commune.has("head"),
    returned: installation || commune.has("admin") || commune.has("head"),
  };
  return allowed.filter((s) => may[s]);
}

const stateBadge = (s: DecisionStatus) => h("span", { class: `badge ${s === "recognised" ? "ok" : s === "returned" ? "bad" : s === "draft" ? "" : "warn"}`.trim() }, t(s));

/** The threshold and the outcome in plain words. */
function outcome(d: DecisionWire): HTMLElement {
  const words = { needed: d.threshold.needed, total: d.householdsTotal, agree: d.counts.agree };
  return h(
    "div",
    { class: "outcome" },
    h("p", null, t(d.threshold.rule === "two_thirds" ? "needTwoThirds" : "needHalf", words)),
    notice(d.passed ? "ok" : "warn", t(d.passed ? "passed" : "notPassed", words)),
  );
}

export default async function decisions(ctx: ScreenCtx): Promise<void> {
  ctx.root.classList.add("books");
  fill(ctx.root, spinner());
  return ctx.params.decisionId ? oneDecision(ctx) : listDecisions(ctx);
}

async function listDecisions({ root, params, me, go }: ScreenCtx): Promise<void> {
  const unitId = params.unitId;
  const unit = await get<Unit>(`/units/${unitId}`);
  // A commune reads its hamlets' decisions too: those sent to it wait for its recognition.
  const all = (await get<{ data: DecisionWire[] }>(`/units/${unitId}/decisions${unit.kind === "hamlet" ? "" : "?below=true"}`)).data;
  const list = { data: all.filter((d) => d.unitId === unit.id) };
  const waiting = all.filter((d) => d.unitId !== unit.id && d.status === "submitted");
  const base = `/app/units/${unit.id}`;
  const rows = table<DecisionWire>(
    [
      { label: t("what"), cell: (d) => [h("a", { href: `/app/units/${d.unitId}/decisions/${d.id}` }, d.title), " ", stateBadge(d.status)] },
      { label: t("heldOn"), cell: (d) => dmy(d.heldOn) },
      { label: t("result"), cell: (d) => `${d.counts.agree}/${d.householdsTotal} · ${t(d.passed ? "passed" : "notPassed", { agree: d.counts.agree, total: d.householdsTotal, needed: d.threshold.needed }).split(":")[0]}` },
    ],
    list.data,
    t("list"),
  );
  let opener: HTMLElement | null = null;
  if (hasAny(rolesOn(me, unit), "treasurer", "head")) {
    const title = textarea("title", { required: true, maxlength: "500" });
    const subject = select("subject", SUBJECTS.map((s): [string, string] => [s, t(s)]));
    const method = select("method", METHODS.map((m): [string, string] => [m, t(m)]));
    const heldOn = input("heldOn", { type: "date", required: true, max: today(), value: today() });
    const f = form(
      {
        draftKey: `decision-new:${unitId}`,
        submitLabel: t("save"),
        onSubmit: async (key) => {
          const d = await api<DecisionWire>("POST", `/units/${unitId}/decisions`, { title: title.value.trim(), subject: subject.value, method: method.value, heldOn: heldOn.value }, { idempotencyKey: key });
          go(`${base}/decisions/${d.id}`);
        },
      },
      field(t("what"), title),
      field(t("subject"), subject),
      field(t("method"), method),
      field(t("heldOn"), heldOn, t("registerNote")),
    );
    opener = h("details", { class: "card", open: !list.data.length }, h("summary", null, t("newOne")), f);
  }
  const toRecognise = waiting.length
    ? h(
        "section",
        { class: "card" },
        h("h2", null, t("waiting", { n: waiting.length })),
        h("ul", null, waiting.map((d) => h("li", null, h("a", { href: `/app/units/${d.unitId}/decisions/${d.id}` }, `${d.unitName}: ${d.title}`), " ", h("span", { class: "muted" }, dmy(d.heldOn))))),
      )
    : null;
  fill(root, crumbs([base, unit.name]), heading(t("title")), toRecognise, list.data.length || !toRecognise ? (list.data.length ? rows : h("p", { class: "empty" }, t("none"))) : null, opener);
}

async function oneDecision({ root, params, me }: ScreenCtx): Promise<void> {
  const unitId = params.unitId;
  const P = `/units/${unitId}/decisions/${params.decisionId}`;
  const unit = await get<Unit>(`/units/${unitId}`);
  const base = `/app/units/${unit.id}`;
  const hamletHand = hasAny(rolesOn(me, unit), "treasurer", "head");
  // the treasurer drafts publications (the head approves them): the form comes filled in
  const drafter = hasAny(rolesOn(me, unit), "treasurer");
  const body = h("div");
  const show = async (d: DecisionDetailWire, said?: HTMLElement) => {
    const facts = h(
      "dl",
      { class: "facts" },
      [
        [t("subject"), t(d.subject)],
        [t("method"), t(d.method)],
        [t("heldOn"), dmy(d.heldOn)],
      ].map(([k, v]) => [h("dt", null, k), h("dd", null, v)]),
      h("dt", null, t("state")),
      h("dd", null, stateBadge(d.status)),
    );
    const counts = h("p", null, t("counts", { ...d.counts }));
    const ballots = d.ballots.paper + d.ballots.online ? h("p", { class: "muted" }, t("ballots", { ...d.ballots })) : null;
    const due = d.submitBy && (d.status === "voted" || d.status === "returned") ? (d.submitOverdue ? notice("warn", t("overdue", { date: dmy(d.submitBy) })) : h("p", { class: "muted" }, t("submitBy", { date: dmy(d.submitBy) }))) : null;
    const writable = hamletHand && d.status === "draft";
    fill(
      body,
      said ?? null,
      facts,
      outcome(d),
      counts,
      ballots,
      due,
      d.status === "recognised" && drafter
        ? h("p", null, h("a", { href: `${base}/publications?${new URLSearchParams({ kind: "decision", decisionId: String(d.id) })}`, class: "button" }, t("publish")), h("br"), h("small", { class: "muted" }, t("publishHint")))
        : null,
      writable && (d.method.startsWith("meeting_") || d.method === "combined") ? tallyForm(P, d, show) : null,
      writable && (d.method === "household_ballot" || d.method === "combined") ? await ballotForm(unitId, P, d, show) : null,
      movesFor(me, unit, d.allowed).length ? moveForm(P, movesFor(me, unit, d.allowed), show) : null,
      d.ballotList.length ? ballotList(d) : null,
      d.transitions.length ? history(d) : null,
    );
  };
  const first = await get<DecisionDetailWire>(P);
  fill(root, crumbs([base, unit.name], [`${base}/decisions`, t("back")]), heading(first.title), body);
  await show(first);
}

type Show = (d: DecisionDetailWire, said?: HTMLElement) => Promise<void>;
const num = (name: string, value?: number) => input(name, { type: "number", inputmode: "numeric", min: "0", max: "1000000", required: true, value: value === undefined ? "" : String(value) });

function tallyForm(P: string, d: DecisionDetailWire, show: Show): HTMLElement {
  const present = num("present", d.tally?.present);
  const agree = num("agree", d.tally?.agree);
  const disagree = num("disagree", d.tally?.disagree);
  const abstain = num("abstain", d.tally?.abstain);
  return h(
    "section",
    { class: "card" },
    h("h2", null, t("tally")),
    form(
      {
        submitLabel: t("saveTally"),
        onSubmit: async () => {
          await api("POST", `${P}/tally`, { present: Number(present.value), agree: Number(agree.value), disagree: Number(disagree.value), abstain: Number(abstain.value) });
          await show(await get<DecisionDetailWire>(P));
        },
      },
      field(t("present"), present),
      field(t("agree"), agree),
      field(t("disagree"), disagree),
      field(t("abstain"), abstain),
    ),
  );
}

async function ballotForm(unitId: string, P: string, d: DecisionDetailWire, show: Show): Promise<HTMLElement> {
  // Households already counted are not offered again (the server refuses a second choice anyway).
  const counted = new Set(d.ballotList.map((b) => b.householdId));
  const households = (await get<{ data: HouseholdWire[] }>(`/units/${unitId}/households?limit=500`)).data.filter((x) => !counted.has(x.id));
  const household = select("householdId", households.map((x): [string, string] => [String(x.id), `${x.code} — ${x.headName}`]));
  const choice = select("choice", (["agree", "disagree", "abstain"] as const).map((c): [string, string] => [c, t(c)]));
  return h(
    "section",
    { class: "card" },
    h("h2", null, t("ballot")),
    form(
      {
        submitLabel: t("saveBallot"),
        onSubmit: async (key) => {
          await api("POST", `${P}/ballots`, { householdId: Number(household.value), choice: choice.value }, { idempotencyKey: key });
          const code = households.find((x) => String(x.id) === household.value)?.code ?? "";
          await show(await get<DecisionDetailWire>(P), notice("ok", t("ballotSaved", { code })));
        },
      },
      field(t("household"), household),
      field(t("choice"), choice),
    ),
  );
}

function moveForm(P: string, moves: DecisionStatus[], show: Show): HTMLElement {
  const to = select("to", moves.map((s): [string, string] => [s, t(MOVE_WORDS[s])]));
  const reason = textarea("reason", { maxlength: "2000" });
  return h(
    "section",
    { class: "card" },
    h("h2", null, t("move")),
    form(
      {
        submitLabel: t("saveMove"),
        onSubmit: async () => {
          const moved = await api<DecisionWire>("POST", `${P}/transitions`, reason.value.trim() ? { to: to.value, reason: reason.value.trim() } : { to: to.value });
          await show(await get<DecisionDetailWire>(P), notice("ok", t("moved", { state: t(moved.status) })));
        },
      },
      field(t("to"), to),
      field(t("reason"), reason),
    ),
  );
}

function ballotList(d: DecisionDetailWire): HTMLElement {
  return h(
    "section",
    null,
    h("h2", null, t("ballotList")),
    h("ul", null, d.ballotList.map((b) => h("li", null, `${b.code} — ${b.headName}: `, h("strong", null, t(b.choice)), " · ", h("span", { class: "muted" }, b.enteredBy ? t("enteredBy", { name: b.enteredBy }) : t("onlineVote"))))),
  );
}

function history(d: DecisionDetailWire): HTMLElement {
  return h(
    "section",
    null,
    h("h2", null, t("history")),
    h("ol", null, d.transitions.map((x) => h("li", null, stateBadge(x.to), " ", t("by", { by: x.by ?? "", at: `${dmy(localDateTime(x.at).slice(0, 10))} ${localDateTime(x.at).slice(11)}` }), x.reason ? h("p", null, x.reason) : null))),
  );
}

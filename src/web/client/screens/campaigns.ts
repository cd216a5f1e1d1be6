import { api, get } from "../api";
import type { CampaignWire } from "../../../contributions/wire";
import type { DecisionWire } from "../../../decisions/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { hasAny, rolesOn, Unit } from "../roles";
import { dmy, field, form, heading, input, money, moneyField, select, spinner, table, textarea, today } from "../ui";
import { CATEGORIES, categoryLabel, crumbs } from "./_books";

// A hamlet's contribution campaigns, and opening a new one on the hamlet meeting's decision. The
// law wants two thirds of ALL households agreeing: the form says how many that is as one types,
// and the server refuses below it (its message is shown as it is).

const t = texts({
  vi: {
    title: "Đợt vận động đóng góp", list: "Các đợt vận động", name: "Tên đợt vận động", purpose: "Mục đích", period: "Thời gian", level: "Mức vận động", target: "Mục tiêu",
    state: "Trạng thái", open: "Đang mở", closed: "Đã kết thúc", expired: "Đã hết hạn ({date})", upcoming: "Chưa bắt đầu ({date})", none: "Chưa có đợt vận động nào.", perHousehold: "/hộ", perPerson: "/khẩu",
    openNew: "Mở đợt vận động mới", openSave: "Mở đợt vận động", decision: "Quyết định của cuộc họp thôn", decisionDate: "Ngày họp", minutesRef: "Số biên bản họp",
    total: "Tổng số hộ trong thôn", present: "Số hộ dự họp", agreeing: "Số hộ đồng ý", needed: "Cần ít nhất {n} hộ đồng ý (hai phần ba tổng số hộ trong thôn).",
    levelAmount: "Mức vận động (không bắt buộc)", per: "Tính theo", household: "Hộ", person: "Nhân khẩu", start: "Ngày bắt đầu", end: "Ngày kết thúc (không bắt buộc)",
    targetAmount: "Mục tiêu cả đợt (không bắt buộc)", exemptCats: "Các diện được miễn", inKindValues: "Quy đổi hiện vật, ngày công ra tiền (không bắt buộc)",
    labour: "Một ngày công", land: "Một m² đất", materials: "Một đơn vị vật liệu",
    basis: "Căn cứ: quyết định của hộ dân đã được xã công nhận", paper: "Cuộc họp trên giấy trước khi thôn dùng phần mềm (nhập số liệu biên bản)",
    noDecision: "Chưa có quyết định nào về mức đóng góp được thông qua và được xã công nhận: ghi quyết định ở mục Quyết định của hộ dân.",
  },
  en: {
    title: "Contribution campaigns", list: "Campaigns", name: "Campaign name", purpose: "Purpose", period: "Period", level: "Suggested level", target: "Target",
    state: "State", open: "Open", closed: "Closed", expired: "Ended ({date})", upcoming: "Not started ({date})", none: "No campaign yet.", perHousehold: "/household", perPerson: "/person",
    openNew: "Open a new campaign", openSave: "Open campaign", decision: "The hamlet meeting's decision", decisionDate: "Meeting date", minutesRef: "Minutes reference",
    total: "Households in the hamlet", present: "Households present", agreeing: "Households agreeing", needed: "At least {n} households must agree (two thirds of all households).",
    levelAmount: "Suggested level (optional)", per: "Per", household: "Household", person: "Person", start: "Start date", end: "End date (optional)",
    targetAmount: "Campaign target (optional)", exemptCats: "Exempt categories", inKindValues: "Money value of labour and goods (optional)",
    labour: "One labour day", land: "One m² of land", materials: "One unit of materials",
    basis: "Based on: a residents' decision the commune recognised", paper: "A meeting held on paper before the hamlet used the software (type the minutes' figures)",
    noDecision: "No decision on contributions has passed and been recognised by the commune yet: record one under Residents' decisions.",
  },
});

export type Campaign = CampaignWire;

export const levelText = (c: Campaign) => (c.level ? `${money(c.level.amount)} đ${c.level.per === "person" ? t("perPerson") : t("perHousehold")}` : "—");
export const periodText = (c: Campaign) => `${dmy(c.startDate)} – ${c.endDate ? dmy(c.endDate) : "…"}`;
/**
 * Whether a campaign takes a receipt dated `day`, by the server's rule (contributions/entries.ts,
 * contributionRefusals): closed by its status, or `day` before its start or after its end. A
 * campaign whose status is still open after its end date refuses today's receipts: "expired".
 */
export type CampaignState = "open" | "closed" | "expired" | "upcoming";
export function campaignState(c: Pick<Campaign, "status" | "startDate" | "endDate">, day = today()): CampaignState {
  if (c.status !== "open") return "closed";
  if (day < c.startDate) return "upcoming";
  if (c.endDate && day > c.endDate) return "expired";
  return "open";
}

export const stateText = (c: Campaign) => {
  const s = campaignState(c);
  const label = s === "expired" ? t("expired", { date: dmy(c.endDate) }) : s === "upcoming" ? t("upcoming", { date: dmy(c.startDate) }) : t(s);
  return h("span", { class: `badge ${s === "open" ? "ok" : s === "closed" ? "" : "warn"}`.trim() }, label);
};

const num = (name: string, props: Record<string, unknown> = {}) => input(name, { type: "number", inputmode: "numeric", min: "0", max: "100000", required: true, ...props });

export default async function campaigns({ root, params, me, go }: ScreenCtx): Promise<void> {
  const unitId = params.unitId;
  root.classList.add("books");
  fill(root, spinner());
  const [unit, list] = await Promise.all([get<Unit>(`/units/${unitId}`), get<{ data: Campaign[] }>(`/units/${unitId}/campaigns`)]);
  const canWrite = hasAny(rolesOn(me, unit), "treasurer", "admin") && unit.kind === "hamlet";
  const base = `/app/units/${unit.id}`;

  const rows = table<Campaign>(
    [
      // The state beside the name: on a phone the last columns are out of sight.
      { label: t("name"), cell: (c) => [h("a", { href: `${base}/campaigns/${c.id}` }, c.name), " ", stateText(c)] },
      { label: t("period"), cell: (c) => periodText(c) },
      { label: t("level"), cell: levelText, num: true },
      { label: t("target"), cell: (c) => (c.target ? `${money(c.target)} đ` : "—"), num: true },
    ],
    list.data,
    t("list"),
  );

  let opener: HTMLElement | null = null;
  if (canWrite) {
    // law.md L5, L8: a campaign rests on a passed decision on contributions that the commune recognised.
    const usable = (await get<{ data: DecisionWire[] }>(`/units/${unitId}/decisions`)).data.filter(
      (d) => d.status === "recognised" && d.passed && (d.subject === "contribution_policy" || d.subject === "contribution_management"),
    );
    const basis = select("decisionId", [...usable.map((d): [string, string] => [String(d.id), `${dmy(d.heldOn)} — ${d.title}`]), ["", t("paper")]], usable[0] ? String(usable[0].id) : "");
    const total = num("householdsTotal", { min: "1" });
    const needed = h("small", { class: "hint", "aria-live": "polite" });
    const showNeeded = () => {
      const n = Number(total.value);
      needed.textContent = Number.isInteger(n) && n > 0 ? t("needed", { n: Math.ceil((2 * n) / 3) }) : "";
    };
    total.addEventListener("input", showNeeded);
    const name = input("name", { required: true, maxlength: "200" });
    const purpose = textarea("purpose", { required: true, maxlength: "2000" });
    const date = input("date", { type: "date", required: true, max: today() });
    const minutesRef = input("minutesRef", { required: true, maxlength: "200" });
    const present = num("householdsPresent");
    const agreeing = num("householdsAgreeing");
    const level = moneyField(t("levelAmount"), "amount");
    const per = select("per", [["household", t("household")], ["person", t("person")]]);
    const startDate = input("startDate", { type: "date", required: true, value: today() });
    const endDate = input("endDate", { type: "date" });
    const target = moneyField(t("targetAmount"), "target");
    // Unnamed: which categories are exempt is chosen anew, not kept in a draft.
    const exempt = CATEGORIES.filter((c) => c !== "normal").map((c) => ({ category: c, box: h("input", { type: "checkbox", id: `cat-${c}`, value: c }) }));
    const inKind = (["labour", "land", "materials"] as const).map((k) => ({ kind: k, field: moneyField(t(k), k) }));
    const totalField = field(t("total"), total);
    totalField.append(needed);
    // The paper meeting's figures only when no decision record is picked (a disabled fieldset is neither sent nor checked).
    const paper: HTMLFieldSetElement = h("fieldset", null, h("legend", null, t("decision")), field(t("decisionDate"), date), field(t("minutesRef"), minutesRef), totalField, field(t("present"), present), field(t("agreeing"), agreeing));
    const showPaper = () => {
      paper.hidden = basis.value !== "";
      paper.disabled = basis.value !== "";
    };
    basis.addEventListener("change", showPaper);
    const f = form(
      {
        draftKey: `campaign-new:${unitId}`,
        submitLabel: t("openSave"),
        restored: showNeeded,
        onSubmit: async (key) => {
          const body: {
            name: string; purpose: string; startDate: string; endDate?: string; target?: string; level?: { amount: string; per: string }; exemptCategories?: string[]; inKindValues?: Record<string, string>;
            decisionId?: number;
            decision?: { date: string; minutesRef: string; householdsTotal: number; householdsPresent: number; householdsAgreeing: number };
          } = {
            name: name.value.trim(),
            purpose: purpose.value.trim(),
            startDate: startDate.value,
          };
          if (basis.value) body.decisionId = Number(basis.value);
          else body.decision = { date: date.value, minutesRef: minutesRef.value.trim(), householdsTotal: Number(total.value), householdsPresent: Number(present.value), householdsAgreeing: Number(agreeing.value) };
          if (level.value()) body.level = { amount: level.value(), per: per.value };
          if (endDate.value) body.endDate = endDate.value;
          if (target.value()) body.target = target.value();
          const cats = exempt.filter((x) => x.box.checked).map((x) => x.category);
          if (cats.length) body.exemptCategories = cats;
          const values = Object.fromEntries(inKind.filter((x) => x.field.value()).map((x) => [x.kind, x.field.value()]));
          if (Object.keys(values).length) body.inKindValues = values;
          const c = await api<Campaign>("POST", `/units/${unitId}/campaigns`, body, { idempotencyKey: key });
          go(`${base}/campaigns/${c.id}`);
        },
      },
      field(t("name"), name),
      field(t("purpose"), purpose),
      usable.length ? null : h("p", { class: "notice warn" }, t("noDecision")),
      field(t("basis"), basis),
      paper,
      level.el,
      field(t("per"), per),
      field(t("start"), startDate),
      field(t("end"), endDate),
      target.el,
      h("fieldset", null, h("legend", null, t("exemptCats")), exempt.map(({ category, box }) => h("div", { class: "field check" }, box, " ", h("label", { for: box.id }, categoryLabel(category))))),
      h("fieldset", null, h("legend", null, t("inKindValues")), inKind.map((x) => x.field.el)),
    );
    opener = h("details", { class: "card", open: !list.data.length }, h("summary", null, t("openNew")), f);
    showPaper();
  }

  fill(root, crumbs([base, unit.name]), heading(t("title")), list.data.length ? rows : h("p", { class: "empty" }, t("none")), opener);
}

import { get } from "../api";
import { CHART } from "../../../shared/chart";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { hasAny, rolesOn, Unit } from "../roles";
import { heading, money, spinner } from "../ui";
import { deadlinesLine } from "./_deadlines-widget";

// A unit's dashboard: its cash, and the doors to everything its people do.

const t = texts({
  vi: {
    receipt: "Thu tiền (phiếu thu)", households: "Hộ gia đình", campaigns: "Đợt vận động đóng góp", decisions: "Quyết định của hộ dân", entries: "Sổ nhật ký, đảo bút toán", accounts: "Tài khoản, sổ chi tiết",
    works: "Công trình, phiếu chi", publications: "Công khai tài chính", findings: "Kiến nghị giám sát", deadlines: "Việc trễ hạn (công khai, trả lời)", overview: "Tổng quan các đơn vị trực thuộc", closings: "Khoá sổ", cash: "Tiền mặt (111)", bank: "Tiền gửi (112)",
    balances: "Số dư hôm nay", threshold: "Phiếu chi trên {amount} đồng cần trưởng thôn duyệt.", things: "Công việc",
  },
  en: {
    receipt: "Record a receipt", households: "Households", campaigns: "Contribution campaigns", decisions: "Residents' decisions", entries: "Journal, reversals", accounts: "Accounts, registers",
    works: "Works, payment vouchers", publications: "Publications", findings: "Supervision findings", deadlines: "Overdue (publications, answers)", overview: "Overview of the units below", closings: "Period closing", cash: "Cash (111)", bank: "Bank (112)",
    balances: "Balances today", threshold: "Payments above {amount} dong need the hamlet head's approval.", things: "Tasks",
  },
});

export default async function unitScreen({ root, params, me }: ScreenCtx): Promise<void> {
  const id = params.unitId;
  fill(root, spinner());
  const unit = await get<Unit>(`/units/${id}`);
  const roles = rolesOn(me, unit);
  const base = `/app/units/${unit.id}`;
  const tiles: [string, string, boolean][] = [
    [`${base}/receipts/new`, t("receipt"), hasAny(roles, "treasurer", "admin")],
    [`${base}/households`, t("households"), true],
    [`${base}/campaigns`, t("campaigns"), true],
    [`${base}/decisions`, t("decisions"), true],
    [`${base}/entries`, t("entries"), true],
    [`${base}/accounts`, t("accounts"), true],
    [`${base}/works`, t("works"), true],
    [`${base}/publications`, t("publications"), true],
    [`${base}/findings`, t("findings"), true],
    [`${base}/deadlines`, t("deadlines"), true],
    [`${base}/overview`, t("overview"), unit.kind !== "hamlet" && hasAny(roles, "admin", "head", "inspector")],
    [`${base}/closings`, t("closings"), hasAny(roles, "head", "admin")],
  ];
  const balances = h("div", null, spinner());
  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: "/app" }, "←"), " ", unit.code),
    heading(unit.name),
    deadlinesLine(unit.id),
    unit.approvalThreshold ? h("p", { class: "muted" }, t("threshold", { amount: money(unit.approvalThreshold) })) : null,
    h("h2", null, t("balances")),
    balances,
    h("h2", null, t("things")),
    h("ul", { class: "tiles" }, tiles.filter(([, , show]) => show).map(([href, label]) => h("li", null, h("a", { href }, label)))),
  );
  const bal = (code: string) => get<{ balance: string }>(`/units/${unit.id}/accounts/${code}/balance`).then((b) => b.balance, () => null);
  const [cash, bank] = await Promise.all([bal(CHART.cash), bal(CHART.bank)]);
  fill(balances, h("dl", { class: "facts" }, h("dt", null, t("cash")), h("dd", { class: "stat" }, cash === null ? "—" : `${money(cash)} đ`), h("dt", null, t("bank")), h("dd", { class: "stat" }, bank === null ? "—" : `${money(bank)} đ`)));
}

import { api, download, get } from "../api";
import type { ClosingWire as Closing } from "../../../ledger/wire";
import { addDays } from "../../../shared/dates";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { hasAny, Unit } from "../roles";
import { dmy, downloadButton, field, form, heading, input, money, notice, spinner, table, today } from "../ui";
import { confirmStep, rolesAt } from "./_admin-widgets";

// Period closing (khoá sổ): the periods already closed, and — for a head or an administrator —
// closing every date up to a chosen day, after a step that says plainly it cannot be undone.

const t = texts({
  vi: {
    title: "Khoá sổ", closed: "Các kỳ đã khoá", through: "Khoá đến hết ngày", at: "Lúc khoá", chain: "Đầu chuỗi sổ cái", balances: "Số dư khi khoá", accounts: "{n} tài khoản",
    none: "Chưa khoá sổ kỳ nào.", lastClosed: "Sổ đã khoá đến hết ngày {date}.", open: "Sổ chưa khoá kỳ nào: mọi ngày đều còn ghi được.",
    close: "Khoá sổ mới", date: "Khoá mọi ngày đến hết ngày", dateHint: "Phải là một ngày đã qua, sau ngày đã khoá gần nhất.", next: "Tiếp tục",
    confirm: "Khoá sổ đến hết ngày {date}? Sau khi khoá, không ai ghi thêm, sửa hay đảo được bút toán nào có ngày từ {date} trở về trước (kể cả thủ quỹ, trưởng thôn, quản trị). Việc khoá sổ không thể hoàn tác.",
    doIt: "Khoá sổ, không hoàn tác", done: "Đã khoá sổ đến hết ngày {date}.", pickDate: "Hãy chọn ngày.", tb: "Bảng cân đối (Excel)", back: "← {name}",
    onlyHead: "Chỉ trưởng thôn hoặc cán bộ quản trị mới khoá sổ được.",
  },
  en: {
    title: "Period closing", closed: "Closed periods", through: "Closed through", at: "Closed at", chain: "Ledger chain head", balances: "Balances when closed", accounts: "{n} accounts",
    none: "No period has been closed yet.", lastClosed: "The books are closed through {date}.", open: "No period closed yet: every date can still be posted to.",
    close: "Close a period", date: "Close every date through", dateHint: "A day already past, after the last closed day.", next: "Continue",
    confirm: "Close the books through {date}? After that nobody can post, change or reverse any entry dated {date} or earlier (treasurers, heads and administrators included). Closing cannot be undone.",
    doIt: "Close the books, no undo", done: "The books are closed through {date}.", pickDate: "Choose a date.", tb: "Trial balance (Excel)", back: "← {name}",
    onlyHead: "Only a hamlet head or an administrator can close the books.",
  },
});

export default async function closings({ root, params, me, go, query }: ScreenCtx): Promise<void> {
  const id = params.unitId;
  root.classList.add("admin-area");
  fill(root, heading(t("title")), spinner());
  const [unit, list, units] = await Promise.all([
    get<Unit>(`/units/${id}`),
    get<{ data: Closing[] }>(`/units/${id}/closings`).then((r) => r.data),
    get<{ data: Unit[] }>("/units").then((r) => r.data, () => [] as Unit[]),
  ]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const canClose = hasAny(rolesAt(me, unit, byId), "head", "admin");
  const rows = [...list].sort((a, b) => (a.through < b.through ? 1 : -1));
  const last = rows[0]?.through;

  const tbButton = (c: Closing) =>
    downloadButton(t("tb"), () => download(`/units/${unit.id}/statements/trial-balance.xlsx`, `can-doi-${c.through}.xlsx`, { from: `${c.through.slice(0, 4)}-01-01`, to: c.through }));
  const balances = (c: Closing) => {
    const nonZero = c.balances.filter((b) => b.balance !== "0");
    return nonZero.length
      ? h("details", null, h("summary", null, t("accounts", { n: nonZero.length })), h("ul", { class: "plain" }, nonZero.map((b) => h("li", null, `${b.account}: ${money(b.balance)}`))))
      : "—";
  };

  const closeBox = h("div");
  const confirmBox = h("div");
  let closeForm: HTMLElement | null = null;
  if (canClose) {
    const through = input("through", { type: "date", required: true, max: addDays(today(), -1), min: last ? addDays(last, 1) : undefined });
    const f = form(
      {
        submitLabel: t("next"),
        onSubmit: async (key) => {
          const day = through.value;
          if (!day) throw new Error(t("pickDate"));
          const date = dmy(day);
          f.hidden = true;
          confirmStep(
            confirmBox,
            t("confirm", { date }),
            t("doIt"),
            async () => {
              await api("POST", `/units/${unit.id}/closings`, { through: day }, { idempotencyKey: key });
              go(`/app/units/${unit.id}/closings?closed=${day}`);
            },
            () => {
              f.hidden = false;
              through.focus();
            },
          );
        },
      },
      field(t("date"), through, t("dateHint")),
    );
    closeForm = f;
  }
  if (closeForm) fill(closeBox, h("h2", null, t("close")), closeForm, confirmBox);

  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: `/app/units/${unit.id}` }, t("back", { name: unit.name }))),
    heading(t("title")),
    query.get("closed") ? notice("ok", t("done", { date: dmy(query.get("closed")) })) : null,
    h("p", null, last ? t("lastClosed", { date: dmy(last) }) : t("open")),
    canClose ? closeBox : h("p", { class: "muted" }, t("onlyHead")),
    h("h2", null, t("closed")),
    rows.length
      ? table<Closing>(
          [
            { label: t("through"), cell: (c) => dmy(c.through) },
            { label: t("at"), cell: (c) => h("time", { datetime: c.createdAt }, dmy(c.createdAt)) },
            { label: t("chain"), cell: (c) => h("code", { title: c.chainHead.hash }, `${c.chainHead.seq}:${c.chainHead.hash.slice(0, 12)}…`) },
            { label: t("balances"), cell: balances },
            { label: "Excel", cell: tbButton },
          ],
          rows,
          t("closed"),
        )
      : h("p", { class: "empty" }, t("none")),
  );
}

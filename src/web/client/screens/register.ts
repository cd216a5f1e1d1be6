import { get } from "../api";
import type { RegisterRowWire, RegisterWire } from "../../../ledger/wire";
import { CHART, MONEY_ACCOUNTS } from "../../../shared/chart";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import type { Unit } from "../roles";
import { dmy, field, heading, input, money, pager, select, sheet, spinner, today, ui } from "../ui";
import { crumbs, keepQuery, side } from "./_books";

// An account's register (sổ chi tiết): the opening balance of the period, then every posting with
// the balance running after it, a page at a time, the newest first unless the user picks the
// book's date order. For 111 this is the cash book (sổ quỹ tiền mặt).

const t = texts({
  vi: {
    accounts: "Tài khoản", cashBook: "Sổ quỹ tiền mặt", register: "Sổ chi tiết tài khoản {code} — {name}", show: "Xem", opening: "Số dư đầu kỳ ({d})",
    date: "Ngày", voucher: "Chứng từ", description: "Diễn giải", debit: "Nợ (thu)", credit: "Có (chi)", debitPlain: "Nợ", creditPlain: "Có", balance: "Số dư", rows: "Các dòng của sổ",
    period: "Từ {from} đến {to}", order: "Thứ tự", newest: "Mới nhất trước", oldest: "Cũ nhất trước",
  },
  en: {
    accounts: "Accounts", cashBook: "Cash book", register: "Register of account {code} — {name}", show: "Show", opening: "Opening balance ({d})",
    date: "Date", voucher: "Voucher", description: "Description", debit: "Debit (in)", credit: "Credit (out)", debitPlain: "Debit", creditPlain: "Credit", balance: "Balance", rows: "Register lines",
    period: "From {from} to {to}", order: "Order", newest: "Newest first", oldest: "Oldest first",
  },
});

type Register = RegisterWire;

export default async function register({ root, params, query }: ScreenCtx): Promise<void> {
  const { unitId, code } = params;
  root.classList.add("books");
  fill(root, spinner());
  const end = query.get("to") ?? today();
  const from = input("from", { type: "date", value: query.get("from") ?? `${end.slice(0, 4)}-01-01` });
  const to = input("to", { type: "date", value: end });
  const order = select("order", [["desc", t("newest")], ["asc", t("oldest")]], query.get("order") === "asc" ? "asc" : "desc");
  const load = (cursor?: string) => get<Register>(`/units/${unitId}/accounts/${code}/register`, { from: from.value, to: to.value, order: order.value, cursor, limit: 50 });
  // The first page is read before drawing: an unknown account or unit is a "not allowed" page.
  const [unit, first] = await Promise.all([get<Unit>(`/units/${unitId}`), load()]);
  const base = `/app/units/${unit.id}`;
  const isCash = code === CHART.cash;
  const cash = MONEY_ACCOUNTS.includes(code);
  const opening = h("p", { class: "opening" });
  const title = heading(isCash ? `${t("cashBook")} — ${first.account} ${first.name}` : t("register", { code: first.account, name: first.name }));

  let pending: Register | undefined = first;
  const list = pager<RegisterRowWire>(
    async (cursor) => {
      const r = pending ?? (await load(cursor));
      pending = undefined;
      fill(opening, `${t("opening", { d: dmy(r.from) })}: `, h("strong", null, side(r.opening)), h("span", { class: "muted" }, ` · ${t("period", { from: dmy(r.from), to: dmy(r.to) })}`));
      return { data: r.rows, nextCursor: r.nextCursor };
    },
    (rows) => {
      if (!rows.length) return h("p", { class: "empty" }, ui("noRows"));
      const heads: [string, boolean][] = [[t("date"), false], [t("voucher"), false], [t("description"), false], [cash ? t("debit") : t("debitPlain"), true], [cash ? t("credit") : t("creditPlain"), true], [t("balance"), true]];
      return sheet(
        t("rows"),
        "register",
        heads,
        rows.map((r) =>
          h(
            "tr",
            null,
            h("td", null, dmy(r.date)),
            h("td", null, r.voucherNo),
            h("td", null, r.description, r.memo ? h("small", { class: "hint" }, r.memo) : null),
            h("td", { class: "num" }, r.debit === "0" ? "" : money(r.debit)),
            h("td", { class: "num" }, r.credit === "0" ? "" : money(r.credit)),
            h("td", { class: "num" }, side(r.balance)),
          ),
        ),
      );
    },
  );
  const filters = h(
    "form",
    { class: "filters", on: { submit: (e: Event) => { e.preventDefault(); keepQuery({ from: from.value, to: to.value, order: order.value === "asc" ? "asc" : "" }); void list.reload(); } } },
    field(ui("from"), from),
    field(ui("to"), to),
    field(t("order"), order),
    h("button", { type: "submit" }, t("show")),
  );
  fill(root, crumbs([base, unit.name], [`${base}/accounts`, t("accounts")]), title, filters, opening, list.el);
}

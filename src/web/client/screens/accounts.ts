import { api, get } from "../api";
import type { AccountWire as Account, TrialRowWire as TrialRow } from "../../../ledger/wire";
import { CHART } from "../../../shared/chart";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { checkbox, dmy, field, form, heading, input, money, newestOnly, notice, select, spinner, table, today } from "../ui";
import { crumbs, keepQuery, openBooks } from "./_books";

// The unit's chart of accounts with each account's balance at a day (from the trial balance, one
// request), each leading to its register; a treasurer or administrator opens new accounts here.

const t = texts({
  vi: {
    title: "Hệ thống tài khoản", at: "Số dư đến hết ngày", show: "Xem", code: "Số hiệu", name: "Tên tài khoản", type: "Loại", dr: "Dư Nợ", cr: "Dư Có", state: "Trạng thái",
    active: "Đang dùng", inactive: "Ngừng dùng", asset: "Tài sản", liability: "Nợ phải trả", net_assets: "Quỹ, nguồn", revenue: "Thu", expense: "Chi", total: "Cộng",
    openNew: "Mở tài khoản mới", openSave: "Mở tài khoản", parent: "Tài khoản cấp trên (không bắt buộc)", none: "Không có", noOverdraft: "Không được âm (tiền mặt, tiền gửi)",
    opened: "Đã mở tài khoản {code} — {name}.", list: "Tài khoản và số dư đến ngày {d}", cashBook: "Sổ quỹ tiền mặt", register: "Sổ chi tiết",
  },
  en: {
    title: "Chart of accounts", at: "Balances at the end of", show: "Show", code: "Code", name: "Account name", type: "Type", dr: "Debit balance", cr: "Credit balance", state: "State",
    active: "In use", inactive: "Closed", asset: "Asset", liability: "Liability", net_assets: "Fund", revenue: "Revenue", expense: "Expense", total: "Total",
    openNew: "Open an account", openSave: "Open account", parent: "Parent account (optional)", none: "None", noOverdraft: "May not go below zero (cash, bank)",
    opened: "Account {code} — {name} opened.", list: "Accounts and balances at {d}", cashBook: "Cash book", register: "Register",
  },
});

const TYPES = ["asset", "liability", "net_assets", "revenue", "expense"] as const;
type Row = Account & { balance: string };

const abs = (s: string) => (s.startsWith("-") ? s.slice(1) : s);

export default async function accounts({ root, params, query, me }: ScreenCtx): Promise<void> {
  const unitId = params.unitId;
  const { unit, canWrite, base } = await openBooks(root, me, unitId);
  const at = input("at", { type: "date", value: query.get("at") ?? today(), max: "9999-12-31" });
  const listBox = h("div");

  const askList = newestOnly(); // Show pressed again before the first answer came
  const showList = async () => {
    const fresh = askList();
    fill(listBox, spinner());
    try {
      const day = at.value || today();
      const [acc, tb] = await Promise.all([get<{ data: Account[] }>(`/units/${unitId}/accounts`), get<{ rows: TrialRow[]; totals: { closing: string } }>(`/units/${unitId}/trial-balance`, { from: `${day.slice(0, 4)}-01-01`, to: day })]);
      if (!fresh()) return;
      const bal = new Map(tb.rows.map((r) => [r.account, r.closing]));
      const rows: Row[] = acc.data.map((a) => ({ ...a, balance: bal.get(a.code) ?? "0" }));
      fill(
        listBox,
        table<Row>(
          [
            { label: t("code"), cell: (r) => h("a", { href: `${base}/accounts/${r.code}`, "aria-label": `${r.code === CHART.cash ? t("cashBook") : t("register")} ${r.code}` }, r.code) },
            { label: t("name"), cell: (r) => r.name },
            { label: t("dr"), cell: (r) => (!r.balance.startsWith("-") && r.balance !== "0" ? money(r.balance) : ""), num: true },
            { label: t("cr"), cell: (r) => (r.balance.startsWith("-") ? money(abs(r.balance)) : ""), num: true },
            { label: t("type"), cell: (r) => t(r.type) },
            { label: t("state"), cell: (r) => (r.isActive ? t("active") : h("span", { class: "badge" }, t("inactive"))) },
          ],
          rows,
          t("list", { d: dmy(day) }),
        ),
      );
    } catch (err) {
      if (fresh()) fill(listBox, notice("error", (err as Error).message));
    }
  };

  const filters = h(
    "form",
    { class: "filters", on: { submit: (e: Event) => { e.preventDefault(); keepQuery({ at: at.value !== today() && at.value }); void showList(); } } },
    field(t("at"), at),
    h("button", { type: "submit" }, t("show")),
  );

  let opener: HTMLElement | null = null;
  if (canWrite) {
    const parents = await get<{ data: Account[] }>(`/units/${unitId}/accounts`);
    const code = input("code", { required: true, inputmode: "numeric", pattern: "[0-9]{3,8}", maxlength: "8" });
    const name = input("name", { required: true, maxlength: "200" });
    const type = select("type", TYPES.map((k) => [k, t(k)]), "expense");
    const parentCode = select("parentCode", [["", t("none")], ...parents.data.map((a): [string, string] => [a.code, `${a.code} — ${a.name}`])]);
    const noOverdraft = checkbox("noOverdraft", t("noOverdraft"));
    const f = form(
      {
        draftKey: `account-new:${unitId}`,
        submitLabel: t("openSave"),
        creates: true,
        onSubmit: async (key) => {
          const body: { code: string; name: string; type: string; parentCode?: string; noOverdraft?: true } = { code: code.value.trim(), name: name.value.trim(), type: type.value };
          if (parentCode.value) body.parentCode = parentCode.value;
          if (noOverdraft.box.checked) body.noOverdraft = true;
          const a = await api<Account>("POST", `/units/${unitId}/accounts`, body, { idempotencyKey: key });
          await showList();
          return { message: t("opened", { code: a.code, name: a.name }) };
        },
      },
      field(t("code"), code),
      field(t("name"), name),
      field(t("type"), type),
      field(t("parent"), parentCode),
      noOverdraft.el,
    );
    opener = h("details", { class: "card" }, h("summary", null, t("openNew")), f);
  }

  fill(root, crumbs([base, unit.name]), heading(t("title")), filters, listBox, opener);
  await showList();
}

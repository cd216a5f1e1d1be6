import { api, download, fetchFile, get, saveFile } from "../api";
import { CHART } from "../../../shared/chart";
import type { EntryWire as Entry } from "../../../ledger/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { hasAny, rolesOn, Unit } from "../roles";
import { bringIntoView, dmy, downloadButton, field, heading, input, money, notice, pager, select, spinner, today, ui } from "../ui";
import { crumbs, keepQuery, reversalForm, voucherFile } from "./_books";

// The journal (sổ nhật ký): every entry, the newest first (or in the order it was chained, as the
// user picks), filtered by date, account,
// kind or words, a page at a time; each opens to its postings. A treasurer corrects an entry only
// by reversing it with a reason — the reversal is a new entry, the original stays as it was.

const t = texts({
  vi: {
    title: "Sổ nhật ký", account: "Tài khoản", kind: "Loại bút toán", words: "Có chứa", wordsHint: "Diễn giải, số chứng từ.", apply: "Lọc", clear: "Bỏ lọc",
    all: "Tất cả", contribution: "Thu đóng góp", expense: "Chi", transfer: "Chuyển tiền, tạm ứng", opening: "Số dư đầu kỳ", adjustment: "Điều chỉnh", reversal: "Đảo bút toán",
    date: "Ngày", voucher: "Chứng từ", description: "Diễn giải", amount: "Số tiền (đ)", open: "Xem", close: "Đóng", postings: "Định khoản của {v}", by: "Người ghi: {name}, lúc {at}",
    debit: "Nợ", credit: "Có", memo: "Ghi chú", reverses: "Bút toán này đảo chứng từ số {id}.", reversedBy: "Đã bị đảo bởi bút toán số {id}.", reversedOk: "Đã ghi bút toán đảo {v}.",
    exportXlsx: "Xuất sổ nhật ký (Excel)", journalPdf: "Sổ nhật ký (PDF)", cashBook: "Sổ quỹ tiền mặt (PDF)", bankBook: "Sổ tiền gửi (PDF)",
    voucherPdf: "In {v} (PDF)", entries: "Các bút toán", reverseOf: "Đảo bút toán {v}", hashNote: "Mã băm: {hash}",
    order: "Thứ tự", newest: "Mới nhất trước", oldest: "Cũ nhất trước",
  },
  en: {
    title: "Journal", account: "Account", kind: "Entry kind", words: "Containing", wordsHint: "Description, voucher number.", apply: "Filter", clear: "Clear filters",
    all: "All", contribution: "Contribution", expense: "Expense", transfer: "Transfer, advance", opening: "Opening balance", adjustment: "Adjustment", reversal: "Reversal",
    date: "Date", voucher: "Voucher", description: "Description", amount: "Amount (dong)", open: "Show", close: "Hide", postings: "Postings of {v}", by: "Recorded by {name} at {at}",
    debit: "Debit", credit: "Credit", memo: "Memo", reverses: "This entry reverses entry no. {id}.", reversedBy: "Reversed by entry no. {id}.", reversedOk: "Reversal {v} recorded.",
    exportXlsx: "Export the journal (Excel)", journalPdf: "Journal (PDF)", cashBook: "Cash book (PDF)", bankBook: "Bank book (PDF)",
    voucherPdf: "Print {v} (PDF)", entries: "Entries", reverseOf: "Reverse entry {v}", hashNote: "Hash: {hash}",
    order: "Order", newest: "Newest first", oldest: "Oldest first",
  },
});

const KINDS = ["contribution", "expense", "transfer", "opening", "adjustment", "reversal"] as const;

const kindLabel = (k: string) => ((KINDS as readonly string[]).includes(k) ? t(k as (typeof KINDS)[number]) : k);
/** The voucher an entry prints as: a payment out of cash, a receipt into cash, or into the bank (its credit advice). */
function voucherKind(e: Entry): "payment-voucher" | "receipt" | "bank-receipt" | null {
  const on = (root: string, debit: boolean) => e.postings.some((p) => p.account.startsWith(root) && p.amount.startsWith("-") !== debit);
  if (e.kind === "expense" && e.voucherNo.startsWith("PC-") && on(CHART.cash, false)) return "payment-voucher";
  if (e.kind === "contribution" && e.voucherNo.startsWith("PT-")) return on(CHART.cash, true) ? "receipt" : on(CHART.bank, true) ? "bank-receipt" : null;
  return null;
}
/** The entry's size: the sum of its debits (postings are signed, debit positive). */
const sizeOf = (e: Entry) => e.postings.reduce((a, p) => (p.amount.startsWith("-") ? a : a + BigInt(p.amount)), BigInt(0)).toString();

export default async function entries({ root, params, query, me }: ScreenCtx): Promise<void> {
  const unitId = params.unitId;
  root.classList.add("books");
  fill(root, spinner());
  const [unit, accounts] = await Promise.all([get<Unit>(`/units/${unitId}`), get<{ data: { code: string; name: string }[] }>(`/units/${unitId}/accounts`)]);
  const canReverse = hasAny(rolesOn(me, unit), "treasurer", "admin");
  const base = `/app/units/${unit.id}`;

  const from = input("from", { type: "date", value: query.get("from") ?? "" });
  const to = input("to", { type: "date", value: query.get("to") ?? "" });
  const account = select("account", [["", t("all")], ...accounts.data.map((a): [string, string] => [a.code, `${a.code} — ${a.name}`])], query.get("account") ?? "");
  const kind = select("kind", [["", t("all")], ...KINDS.map((k): [string, string] => [k, kindLabel(k)])], query.get("kind") ?? "");
  const words = input("q", { type: "search", value: query.get("q") ?? "", maxlength: "200" });
  const order = select("order", [["desc", t("newest")], ["asc", t("oldest")]], query.get("order") === "asc" ? "asc" : "desc");
  const flash = h("div", { "aria-live": "polite" });

  const list = pager<Entry>(
    (cursor) => get(`/units/${unitId}/entries`, { from: from.value, to: to.value, account: account.value, kind: kind.value, q: words.value.trim(), order: order.value, cursor, limit: 50 }),
    (rows) => journalTable(rows),
  );

  // A list of entries rather than a table: an opened entry (postings, reversal form) then takes the
  // phone's full width instead of a cell of a table scrolled sideways. On a desktop each entry
  // still reads as one line of the journal.
  const journalTable = (rows: Entry[]): HTMLElement => {
    if (!rows.length) return h("p", { class: "empty" }, ui("noRows"));
    return h("ol", { class: "journal", "aria-label": t("entries") }, rows.map((e) => entryRows(e)));
  };

  const entryRows = (e: Entry): HTMLElement => {
    const panelId = `entry-${e.id}`;
    const panel = h("div", { id: panelId, class: "entry-detail", hidden: true });
    const b = h("button", { type: "button", class: "secondary small", "aria-expanded": "false", "aria-controls": panelId, "aria-label": `${t("open")} ${e.voucherNo}` }, t("open"));
    b.addEventListener("click", async () => {
      const opening = panel.hidden;
      panel.hidden = !opening;
      b.setAttribute("aria-expanded", String(opening));
      b.textContent = opening ? t("close") : t("open");
      b.setAttribute("aria-label", `${opening ? t("close") : t("open")} ${e.voucherNo}`);
      if (opening) await showEntry(e, panel);
    });
    return h(
      "li",
      { class: `entry${e.kind === "reversal" ? " reversal" : ""}`, "data-entry": e.id },
      h(
        "div",
        { class: "entry-line" },
        h("span", { class: "e-date" }, dmy(e.date)),
        h("span", { class: "e-voucher" }, e.voucherNo),
        h("span", { class: "e-kind badge" }, kindLabel(e.kind)),
        h("span", { class: "e-desc" }, e.description),
        h("span", { class: "e-amount num" }, `${money(sizeOf(e))} đ`),
        h("span", { class: "e-open" }, b),
      ),
      panel,
    );
  };

  const showEntry = async (e: Entry, panel: HTMLElement) => {
    fill(panel, spinner());
    try {
      // The list does not say whether an entry was reversed; the entry itself does.
      const full = await get<Entry>(`/units/${unitId}/entries/${e.id}`);
      const postings = h(
        "table",
        { class: "postings" },
        h("caption", null, t("postings", { v: full.voucherNo })),
        h("thead", null, h("tr", null, h("th", { scope: "col" }, t("account")), h("th", { scope: "col", class: "num" }, t("debit")), h("th", { scope: "col", class: "num" }, t("credit")), h("th", { scope: "col" }, t("memo")))),
        h(
          "tbody",
          null,
          full.postings.map((p) =>
            h(
              "tr",
              null,
              h("td", null, `${p.account} — ${p.accountName}`),
              h("td", { class: "num" }, p.amount.startsWith("-") ? "" : money(p.amount)),
              h("td", { class: "num" }, p.amount.startsWith("-") ? money(p.amount.slice(1)) : ""),
              h("td", null, p.memo ?? ""),
            ),
          ),
        ),
      );
      const reversible = canReverse && full.kind !== "reversal" && !full.reversedBy;
      const voucher = voucherKind(full);
      fill(
        panel,
        h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("postings", { v: full.voucherNo }) }, postings),
        h("p", { class: "muted" }, t("by", { name: full.createdByName ?? "", at: dmy(full.createdAt) })),
        voucher ? h("p", null, downloadButton(t("voucherPdf", { v: full.voucherNo }), async () => saveFile(voucherFile(await fetchFile(`/units/${unitId}/statements/${voucher}.pdf`, { entryId: full.id }), full.voucherNo), `${full.voucherNo}.pdf`))) : null,
        full.reverses ? h("p", null, t("reverses", { id: full.reverses })) : null,
        full.reversedBy ? h("p", null, h("span", { class: "badge bad" }, t("reversedBy", { id: full.reversedBy }))) : null,
        reversible
          ? h(
              "details",
              { class: "card" },
              h("summary", null, t("reverseOf", { v: full.voucherNo })),
              reversalForm(`entry-reversal:${unitId}:${full.id}`, full.date, async (body, key) => {
                const r = await api<Entry>("POST", `/units/${unitId}/entries/${full.id}/reversal`, body, { idempotencyKey: key });
                const done = notice("ok", t("reversedOk", { v: r.voucherNo }));
                fill(flash, done);
                await list.reload();
                bringIntoView(done);
              }).el,
            )
          : null,
      );
    } catch (err) {
      fill(panel, notice("error", (err as Error).message));
    }
  };

  const filters = h(
    "form",
    {
      class: "filters",
      role: "search",
      on: {
        submit: (ev: Event) => {
          ev.preventDefault();
          keepQuery({ from: from.value, to: to.value, account: account.value, kind: kind.value, q: words.value.trim(), order: order.value === "asc" ? "asc" : "" });
          void list.reload();
        },
      },
    },
    field(ui("from"), from),
    field(ui("to"), to),
    field(t("account"), account),
    field(t("kind"), kind),
    field(t("words"), words, t("wordsHint")),
    field(t("order"), order),
    h("button", { type: "submit" }, t("apply")),
  );
  // The statement needs a period: the filter's, or this year up to today.
  const exportXlsx = downloadButton(t("exportXlsx"), () => {
    const end = to.value || today();
    return download(`/units/${unitId}/statements/journal.xlsx`, `so-nhat-ky-${end}.xlsx`, { from: from.value || `${end.slice(0, 4)}-01-01`, to: end });
  });

  // the books on paper for the same period: the journal, the cash book and the bank book
  const period = () => {
    const end = to.value || today();
    return { from: from.value || `${end.slice(0, 4)}-01-01`, to: end };
  };
  const book = (kind: "journal" | "cash-book" | "bank-book", label: string) =>
    downloadButton(label, () => download(`/units/${unitId}/statements/${kind}.pdf`, `${kind}-${period().to}.pdf`, period()));
  fill(root, crumbs([base, unit.name]), heading(t("title"), exportXlsx, book("journal", t("journalPdf")), book("cash-book", t("cashBook")), book("bank-book", t("bankBook"))), filters, flash, list.el);
}

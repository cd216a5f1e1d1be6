import type { Preview, PreviewRow } from "../../../contributions/preview";
import { Child, fill, h } from "../dom";
import { dmy, money, sheet, ui } from "../ui";
import { t } from "./_import-words";

// The import preview's rows: the cards of the rows the treasurer must decide on (skip a bad row,
// confirm a name that differs from the register) and the table of every row as read.

export type Choice = { skip: Set<number>; confirmed: Set<number>; confirmAll: boolean };
type NameWarning = Extract<NonNullable<PreviewRow["warnings"]>[number], { problem: "name_mismatch" }>;

export const nameMismatch = (r: PreviewRow): NameWarning | undefined => r.warnings?.find((w): w is NameWarning => w.problem === "name_mismatch");

/**
 * The commit's body: rows skipped, and the names confirmed row by row, even when ticked all at once:
 * a difference that appears only at the commit (the register changed meanwhile) was never seen here,
 * so it must not be confirmed by this tick (the API's `confirm: ["name_mismatch"]` would).
 */
export function commitBody(c: Choice, mismatched: PreviewRow[]): { skipRows?: number[]; confirmRows?: number[] } {
  const rows = mismatched.filter((r) => c.confirmed.has(r.row) && !c.skip.has(r.row)).map((r) => r.row);
  return {
    ...(c.skip.size ? { skipRows: [...c.skip].sort((a, b) => a - b) } : {}),
    ...(rows.length ? { confirmRows: rows } : {}),
  };
}

export function totalText(w: Preview["warnings"][number]): string {
  if (w.problem === "total_unreadable") return t("totalUnreadable", { text: w.text, cash: money(w.cashTotal) });
  const sheet = BigInt(w.sheetTotal), cash = BigInt(w.cashTotal), pledges = BigInt(w.pledgeTotal);
  const diff = sheet > cash ? sheet - cash : cash - sheet;
  const base = t("totalMismatch", { sheet: money(w.sheetTotal), cash: money(w.cashTotal), diff: money(String(diff)) });
  return pledges > 0n ? base + t("withPledges", { pledges: money(w.pledgeTotal), both: money(String(cash + pledges)) }) : base;
}

export function pagerNav(page: number, pages: number, go: (n: number) => void): Child {
  if (pages <= 1) return null;
  return h(
    "div",
    { class: "pager-nav" },
    page > 1 ? h("button", { type: "button", class: "secondary", on: { click: () => go(page - 1) } }, t("prev")) : null,
    h("span", { class: "page-of" }, t("pageOf", { n: page, of: pages })),
    page < pages ? h("button", { type: "button", class: "secondary", on: { click: () => go(page + 1) } }, t("next")) : null,
  );
}

/** An error as the treasurer reads it: the column, what is wrong, and the cell as she wrote it. */
const errorText = (e: PreviewRow["errors"][number]) => `${e.column ? `${e.column}: ` : ""}${e.message} (${e.raw === null || e.raw === undefined ? t("emptyCell") : `${t("cellWas")} “${e.raw}”`})`;

const tick = (label: Child, checked: boolean, change: (on: boolean) => void) => {
  const box = h("input", { type: "checkbox", checked });
  box.addEventListener("change", () => change(box.checked));
  return { box, el: h("label", { class: "tap" }, box, h("span", null, label)) };
};

/**
 * The rows the treasurer must decide on, as cards that fit a phone: a bad row (its errors with the
 * cells as written) may be skipped; a name that differs from the register is confirmed or skipped.
 */
export function attentionList(rows: PreviewRow[], bad: PreviewRow[], mismatched: PreviewRow[], c: Choice, changed: () => void): Child {
  if (!rows.length) return null;
  const list = h("ol", { class: "attention" });
  let page = 1;
  const CARDS = 50;
  // The cards shown, each brought up to date in place: the tick just made keeps its focus.
  let shown: { sync(): void }[] = [];
  const sync = () => {
    allSkip.box.checked = bad.every((r) => c.skip.has(r.row));
    allConfirm.box.checked = c.confirmAll;
    for (const x of shown) x.sync();
    changed();
  };
  const allSkip = tick(t("skipAllBad", { n: bad.length }), false, (on) => {
    for (const r of bad) if (on) c.skip.add(r.row); else c.skip.delete(r.row);
    sync();
  });
  const allConfirm = tick(t("confirmAll", { n: mismatched.length }), false, (on) => {
    c.confirmAll = on;
    for (const r of mismatched) if (on) c.confirmed.add(r.row); else c.confirmed.delete(r.row);
    sync();
  });
  const nav = h("div");
  const draw = () => {
    const pages = Math.max(1, Math.ceil(rows.length / CARDS));
    const cards = rows.slice((page - 1) * CARDS, page * CARDS).map((r) => card(r));
    shown = cards;
    fill(list, cards.map((x) => x.el));
    for (const x of cards) x.sync();
    fill(nav, pagerNav(page, pages, (n) => { page = n; draw(); }));
  };
  const card = (r: PreviewRow) => {
    const w = nameMismatch(r);
    const skip = tick(t("skipRow"), false, (on) => {
      if (on) c.skip.add(r.row); else c.skip.delete(r.row);
      sync();
    });
    const confirm = w
      ? tick(t("confirmRow", { code: r.code ?? "", name: w.registerName }), false, (on) => {
          if (on) c.confirmed.add(r.row);
          else {
            c.confirmed.delete(r.row);
            c.confirmAll = false; // one row taken back: the others are confirmed one by one
          }
          sync();
        })
      : null;
    const badge = h("span", { class: "badge" }, t("skipped"));
    const el = h(
      "li",
      { class: "card", "data-row": r.row },
      h("h3", null, `${t("row")} ${r.row}`, r.code ? ` · ${r.code}` : "", " ", badge),
      h("p", { class: "what" }, [r.amount ? `${money(r.amount)} đ` : null, r.date ? dmy(r.date) : null, r.note].filter(Boolean).join(" · ")),
      w
        ? h(
            "dl",
            { class: "names" },
            h("dt", null, t("sheetName")), h("dd", null, w.sheetName),
            h("dt", null, t("registerName")), h("dd", null, w.registerName, w.diacriticsOnly ? h("small", { class: "hint" }, t("marksOnly")) : null),
          )
        : r.name ? h("p", null, r.name) : null,
      r.errors.length ? h("ul", { class: "row-errors" }, r.errors.map((e) => h("li", null, errorText(e)))) : null,
      confirm?.el,
      skip.el,
    );
    return {
      el,
      sync() {
        const skipped = c.skip.has(r.row);
        el.classList.toggle("skipped", skipped);
        badge.hidden = !skipped;
        skip.box.checked = skipped;
        if (confirm) {
          confirm.box.checked = c.confirmed.has(r.row);
          confirm.box.disabled = skipped; // a row left out needs no confirmation
        }
      },
    };
  };
  draw();
  return h(
    "section",
    { class: "attention-box", "aria-labelledby": "attention-title" },
    h("h2", { id: "attention-title" }, t("attention")),
    bad.length ? allSkip.el : null,
    mismatched.length ? allConfirm.el : null,
    list,
    nav,
  );
}

const KIND: Record<PreviewRow["kind"], "k_cash" | "k_pledge" | "k_exempt" | "k_in_kind" | "k_blank" | "k_total"> = {
  cash: "k_cash", pledge: "k_pledge", exempt: "k_exempt", in_kind: "k_in_kind", blank: "k_blank", total: "k_total",
};

/** The preview's rows; a row with errors is marked (colour AND the word "Lỗi") and followed by its messages. */
export function rowsTable(rows: PreviewRow[], c: Choice): HTMLElement {
  if (!rows.length) return h("p", { class: "empty" }, ui("noRows"));
  const cols: [string, boolean][] = [[t("row"), true], [t("kind"), false], [t("code"), false], [t("name"), false], [t("amount"), true], [t("date"), false], [t("note"), false], [t("problems"), false]];
  return sheet(
    t("rows"),
    "preview",
    cols,
    rows.map((r) => {
      const bad = r.errors.length > 0;
      const named = nameMismatch(r);
      const skipped = c.skip.has(r.row);
      const kind = r.kind === "cash" && r.bank ? t("k_bank") : t(KIND[r.kind]);
      // A bad row's messages also run the table's full width underneath: on a phone the last
      // column is off screen, and what is wrong must be read without scrolling sideways.
      const why = bad
        ? h("tr", { class: "error error-detail" }, h("td", { colspan: "8" }, h("div", { class: "sticky-msg" }, h("strong", null, `${t("row")} ${r.row}: `), r.errors.map((e, i) => [i ? "; " : "", errorText(e)]))))
        : null;
      const badge = skipped
        ? h("span", { class: "badge" }, t("skipped"))
        : bad
          ? h("span", { class: "badge bad" }, t("error"), ` (${r.errors.length})`)
          : named
            ? h("span", { class: "badge warn" }, t("nameDiffers"))
            : r.warnings?.length
              ? h("span", { class: "badge warn" }, t("possibleDup"))
              : r.kind === "blank" || r.kind === "total" ? "" : h("span", { class: "badge ok" }, t("ok"));
      return [h(
        "tr",
        { class: bad ? "error" : r.warnings?.length ? "warning" : undefined, "data-row": r.row },
        h("th", { scope: "row", class: "num" }, String(r.row)),
        h("td", null, kind, r.inKind ? ` (${r.inKind.quantity} ${r.inKind.unit})` : ""),
        h("td", null, r.code ?? ""),
        h("td", { class: "who" }, r.name ?? "", named ? h("small", { class: "hint" }, `${t("registerName")}: ${named.registerName}`) : null, r.newHousehold && !bad && !skipped ? h("small", { class: "hint" }, t("newHousehold")) : null),
        h("td", { class: "num" }, r.amount ? money(r.amount) : ""),
        h("td", null, r.date ? dmy(r.date) : ""),
        h("td", null, r.note ?? ""),
        h("td", { class: "problems" }, badge),
      ), why];
    }),
  );
}

import { ApiError } from "./api";
import { Child, fill, h } from "./dom";
import { ui } from "./ui-texts";

// ---------- page parts ----------

/** The page's title and its actions. Pass an `h1` made with `title()` to change the title later. */
export function heading(text: string | HTMLHeadingElement, ...extra: Child[]): HTMLElement {
  return h("div", { class: "page-head" }, typeof text === "string" ? title(text) : text, extra.length ? h("div", { class: "actions" }, ...extra) : null);
}

let lastTitle: HTMLHeadingElement | undefined;

/** A screen's `h1`: focusable, so a screen reader starts at it when the screen changes. */
export function title(text: string): HTMLHeadingElement {
  lastTitle = h("h1", { tabindex: "-1" }, text);
  return lastTitle;
}

/** The title the screen in `root` showed last (the shell names the tab after it and focuses it). */
export function shownTitle(root: Node): HTMLHeadingElement | undefined {
  return lastTitle && root.contains(lastTitle) ? lastTitle : undefined;
}

export function link(href: string, text: Child, props: Record<string, unknown> = {}): HTMLAnchorElement {
  return h("a", { href, ...props }, text);
}

export function notice(kind: "ok" | "error" | "info" | "warn", ...text: Child[]): HTMLElement {
  return h("div", { class: `notice ${kind}`, role: kind === "error" || kind === "warn" ? "alert" : "status" }, ...text);
}

export function spinner(): HTMLElement {
  return h("p", { class: "loading", role: "status" }, ui("loading"));
}

/**
 * What a failed load shows instead of the screen: "not allowed" is a page of its own, never data.
 * The API answers 404 for what lies outside the user's units (it does not say what exists there),
 * so a 404 from the API reads as "not allowed, or not there"; an address no screen knows is "not found".
 */
export function failure(root: Element, err: unknown): void {
  if (err instanceof ApiError && (err.status === 403 || (err.status === 404 && err.code !== "no_screen"))) {
    fill(root, h("section", { class: "status-page", "data-status": "403" }, heading(ui("notAllowed")), h("p", null, ui("notAllowedText")), link("/app", ui("home"))));
  } else if (err instanceof ApiError && err.status === 404) {
    fill(root, h("section", { class: "status-page", "data-status": "404" }, heading(ui("notFound")), h("p", null, ui("notFoundText")), link("/app", ui("home"))));
  } else {
    const msg = err instanceof ApiError ? (err.network ? ui("networkLost") : err.detail) : String((err as Error)?.message ?? err);
    fill(root, h("section", { class: "status-page" }, heading(ui("failed")), notice("error", msg), link("/app", ui("home"))));
  }
}

// ---------- tables and lists ----------

export interface Column<T> {
  label: string;
  cell: (row: T) => Child;
  num?: boolean;
}

/**
 * A table on a desktop; on a phone each row is a card of "label: value" lines with its actions
 * inside it (app.css, by each cell's `data-label`), so nothing is wider than the screen.
 */
export function table<T>(cols: Column<T>[], rows: T[], caption?: string): HTMLElement {
  if (!rows.length) return h("p", { class: "empty" }, ui("noRows"));
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption ?? cols.map((c) => c.label).join(", ") },
    h(
      "table",
      null,
      caption ? h("caption", null, caption) : null,
      h("thead", null, h("tr", null, cols.map((c) => h("th", { scope: "col", class: c.num ? "num" : undefined }, c.label)))),
      labelCells([h("tbody", null, rows.map((r) => h("tr", null, cols.map((c) => h("td", { class: c.num ? "num" : undefined }, c.cell(r))))))], cols.map((c) => c.label))[0],
    ),
  );
}

/**
 * Names each cell by its column for the phone's cards (`data-label`). A cell spanning columns, a
 * header cell, or one holding only a button (its words already say what it does) stays unnamed.
 * A named cell's content goes into one box, so that on a card it stays together beside its name.
 */
function labelCells<T extends HTMLTableSectionElement | null>(sections: T[], labels: string[]): T[] {
  for (const section of sections) {
    for (const row of Array.from(section?.rows ?? [])) {
      let col = 0;
      for (const cell of Array.from(row.cells)) {
        const onlyButton = cell.childElementCount === 1 && cell.firstElementChild?.tagName === "BUTTON" && !cell.textContent?.replace(cell.firstElementChild.textContent ?? "", "").trim();
        if (cell.tagName === "TD" && !cell.hasAttribute("data-label")) {
          const name = cell.colSpan === 1 && !onlyButton ? labels[col] ?? "" : "";
          cell.setAttribute("data-label", name);
          if (name && cell.firstChild) cell.append(h("div", { class: "cell" }, ...Array.from(cell.childNodes)));
          // a card leaves out a line with nothing to read (a table keeps the empty cell in its column)
          if (blank(cell)) cell.classList.add("blank");
        }
        col += cell.colSpan;
      }
    }
  }
  return sections;
}

/** No words and nothing to see or press in it. */
function blank(el: Element): boolean {
  if (el.textContent?.trim()) return false;
  return Array.from(el.children).every((c) => !["IMG", "BUTTON", "INPUT", "SELECT", "TEXTAREA", "PROGRESS", "svg", "A"].includes(c.tagName) && blank(c));
}

/**
 * A table whose rows the screen builds itself (a footer of totals, a row followed by its errors):
 * `heads` are the column labels, true for a number column. On a phone its rows are cards like
 * table()'s: each cell is labelled here by its column (a cell spanning columns stays unlabelled).
 */
export function sheet(label: string, cls: string, heads: [string, boolean][], body: Child[], foot?: Child): HTMLElement {
  const tbody = h("tbody", null, body);
  const tfoot = foot ? h("tfoot", null, foot) : null;
  labelCells([tbody, tfoot], heads.map(([l]) => l));
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": label },
    h("table", { class: cls }, h("thead", null, h("tr", null, heads.map(([l, n]) => h("th", { scope: "col", class: n ? "num" : undefined }, l)))), tbody, tfoot),
  );
}

export interface Page<T> {
  data: T[];
  nextCursor?: string | number | null;
}

/**
 * For a view that an answer fills: a view asked again (a filter changed, a page turned, another row
 * opened) before the last answer came shows only the newest answer, whichever the server sends back
 * first. `const ask = newestOnly(); … const fresh = ask(); await …; if (!fresh()) return;`
 */
export function newestOnly(): () => () => boolean {
  let asked = 0;
  return () => {
    const mine = ++asked;
    return () => mine === asked;
  };
}

/**
 * A list the server pages by cursor: "next page" and "first page" buttons, the rows rendered by
 * `view`. `reload()` starts again from the first page (after a filter changes).
 */
export function pager<T>(load: (cursor: string | undefined) => Promise<Page<T>>, view: (rows: T[]) => Node) {
  const box = h("div", { class: "pager" });
  const stack: (string | undefined)[] = [];
  let current: string | undefined;
  const ask = newestOnly();
  const show = async (cursor: string | undefined) => {
    const fresh = ask();
    fill(box, spinner());
    try {
      const p = await load(cursor);
      if (!fresh()) return;
      current = cursor;
      const next = p.nextCursor === null || p.nextCursor === undefined ? undefined : String(p.nextCursor);
      fill(
        box,
        view(p.data),
        h(
          "div",
          { class: "pager-nav" },
          stack.length ? h("button", { type: "button", class: "secondary", on: { click: () => { stack.length = 0; void show(undefined); } } }, ui("first")) : null,
          next ? h("button", { type: "button", class: "secondary", on: { click: () => { stack.push(current); void show(next); } } }, ui("next")) : null,
        ),
      );
    } catch (err) {
      if (fresh()) failure(box, err);
    }
  };
  void show(undefined);
  return { el: box, reload: () => { stack.length = 0; return show(undefined); } };
}

export function downloadButton(label: string, run: () => Promise<void>): HTMLElement & { button: HTMLButtonElement } {
  const msg = h("span", { class: "inline-msg", role: "status" });
  const b = h("button", { type: "button", class: "secondary" }, label);
  b.addEventListener("click", async () => {
    b.disabled = true;
    fill(msg, ui("loading"));
    try {
      await run();
      fill(msg, "");
    } catch (err) {
      fill(msg, err instanceof ApiError ? (err.network ? ui("networkLost") : err.detail) : String(err));
    } finally {
      b.disabled = false;
    }
  });
  return Object.assign(h("span", { class: "download" }, b, msg), { button: b });
}

/** A progress bar for long work (an upload, a large statement). */
export function progressBar(label: string): { el: HTMLElement; set(fraction: number | null): void; say(text: string): void } {
  const bar = h("progress", { max: "100", "aria-label": label });
  const said = h("span", null, label);
  const el = h("div", { class: "progress" }, said, bar);
  return {
    el,
    say(text) {
      said.textContent = text;
    },
    set(fraction) {
      if (fraction === null) bar.removeAttribute("value");
      else bar.value = Math.round(fraction * 100);
    },
  };
}

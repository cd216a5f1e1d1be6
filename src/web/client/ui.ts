import { formatDateVi, localDateTime, todayIn } from "../../shared/dates";
import { formatDong, fromDb } from "../../shared/money";
import { inWords } from "../../shared/words-vi";
import { ApiError, newKey } from "./api";
import { Child, fill, h, uid } from "./dom";
import { texts } from "./i18n";

// Widgets every screen shares: fields with visible labels, money typed with thousands separators
// and read back in words, forms that survive a dropped connection and never record twice, pagers,
// tables that scroll inside themselves on a 360-px screen, and the "not allowed" page.

export const ui = texts({
  vi: {
    save: "Lưu", cancel: "Huỷ", loading: "Đang tải…", saving: "Đang lưu…", next: "Trang sau", first: "Về đầu", search: "Tìm",
    noRows: "Chưa có dữ liệu.", networkLost: "Mất kết nối mạng, chưa chắc đã lưu. Những gì bạn nhập vẫn còn; bấm lưu lại khi có mạng — hệ thống không ghi hai lần.",
    notAllowed: "Không được phép", notAllowedText: "Tài khoản của bạn không có quyền xem trang này (hoặc dữ liệu không tồn tại). Nếu cần, hãy nhờ cán bộ quản trị của xã cấp quyền.",
    notFound: "Không tìm thấy", notFoundText: "Trang hoặc dữ liệu này không có (hoặc đã bị xoá khỏi danh sách).",
    failed: "Có lỗi", fixErrors: "Vui lòng sửa các ô được đánh dấu.", inWords: "Bằng chữ", download: "Tải về", exportXlsx: "Xuất Excel",
    back: "Quay lại", home: "Trang chủ", page: "Trang {n}", required: "bắt buộc", saved: "Đã lưu.", done: "Xong.", all: "Tất cả",
    filter: "Lọc", from: "Từ ngày", to: "Đến ngày", dong: "đồng",
  },
  en: {
    save: "Save", cancel: "Cancel", loading: "Loading…", saving: "Saving…", next: "Next page", first: "First page", search: "Search",
    noRows: "Nothing here yet.", networkLost: "The network dropped; it may not have been saved. What you typed is kept; press save again when online — it will never be recorded twice.",
    notAllowed: "Not allowed", notAllowedText: "Your account may not see this page (or the record does not exist). Ask the commune's administrator for access if you need it.",
    notFound: "Not found", notFoundText: "This page or record does not exist.",
    failed: "Something went wrong", fixErrors: "Please correct the marked fields.", inWords: "In words", download: "Download", exportXlsx: "Export to Excel",
    back: "Back", home: "Home", page: "Page {n}", required: "required", saved: "Saved.", done: "Done.", all: "All",
    filter: "Filter", from: "From", to: "To", dong: "dong",
  },
});

// ---------- formatting ----------

/** 1250000 → "1.250.000" (the documents' style). */
export function money(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "";
  return formatDong(fromDb(amount));
}

/** The amount in words, as printed on vouchers ("Một triệu hai trăm năm mươi nghìn đồng"). */
export function words(amount: string): string {
  return /^[1-9][0-9]{0,14}$/.test(amount) ? inWords(amount) : "";
}

/** "2025-06-15" → "15/06/2025"; an ISO instant → its Vietnam date and time. */
export function dmy(date: string | null | undefined): string {
  if (!date) return "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return formatDateVi(date);
  if (Number.isNaN(Date.parse(date))) return date;
  const local = localDateTime(date);
  return `${formatDateVi(local.slice(0, 10))} ${local.slice(11)}`;
}

/** Today in Vietnam as YYYY-MM-DD (the default date of a receipt). */
export const today = (): string => todayIn(new Date());

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
      h("tbody", null, rows.map((r) => h("tr", null, cols.map((c) => h("td", { class: c.num ? "num" : undefined }, c.cell(r)))))),
    ),
  );
}

/**
 * A table whose rows the screen builds itself (a footer of totals, a row followed by its errors):
 * `heads` are the column labels, true for a number column. Scrolls inside itself on a phone.
 */
export function sheet(label: string, cls: string, heads: [string, boolean][], body: Child[], foot?: Child): HTMLElement {
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": label },
    h(
      "table",
      { class: cls },
      h("thead", null, h("tr", null, heads.map(([l, n]) => h("th", { scope: "col", class: n ? "num" : undefined }, l)))),
      h("tbody", null, body),
      foot ? h("tfoot", null, foot) : null,
    ),
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

// ---------- forms ----------
// A form never searches the page for its parts. Each field registers its control here when it is
// built: where the control's error goes, which names the API may give it in an error's path, and,
// for widgets that keep their value in a hidden input (money, a household, a photo), how to show a
// restored draft and how to clear themselves when the form is reset.

interface Marks {
  slot: HTMLElement;
  /** The control that takes focus and aria-invalid (a widget's visible input, not its hidden one). */
  control: HTMLElement;
  names: string[];
}
const marks = new WeakMap<Element, Marks>();
interface Widget {
  set(value: string): void;
  clear(): void;
  /** Set by the form: the widget changed its value without an input event (a household picked). */
  changed?: () => void;
}
const widgets = new WeakMap<Element, Widget>();

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = uid();
  const name = control.getAttribute("name") ?? "";
  const hintEl = hint ? h("small", { id: `${control.id}-hint`, class: "hint" }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  const slot = h("small", { class: "field-error", id: `${control.id}-err`, role: "alert" });
  marks.set(control, { slot, control, names: name ? [name] : [] });
  return h("div", { class: "field", "data-field": name }, h("label", { for: control.id }, label), control, hintEl, slot);
}

/**
 * Makes `hidden` (the input a form reads and a draft keeps) the value of a widget built in the
 * field `box` around `control`: the API's errors at any of `names` show in that field, a restored
 * draft goes through `set`, and resetting the form calls `clear`. Returns what the widget calls
 * when it changed its value itself, so the form keeps the draft.
 */
export function bindWidget(hidden: HTMLInputElement, box: HTMLElement, control: HTMLElement, names: string[], api: { set(value: string): void; clear(): void }): () => void {
  const own = marks.get(control);
  if (own) marks.set(hidden, { ...own, names });
  const w: Widget = { ...api };
  widgets.set(hidden, w);
  box.setAttribute("data-field", names[0] ?? "");
  return () => w.changed?.();
}

export function input(name: string, props: Record<string, unknown> = {}): HTMLInputElement {
  return h("input", { name, id: uid(name), type: "text", ...props });
}

export function select(name: string, options: [string, string][], value?: string, props: Record<string, unknown> = {}): HTMLSelectElement {
  return h("select", { name, id: uid(name), ...props }, options.map(([v, l]) => h("option", { value: v, selected: v === value }, l)));
}

export function textarea(name: string, props: Record<string, unknown> = {}): HTMLTextAreaElement {
  return h("textarea", { name, id: uid(name), rows: "3", ...props });
}

/** A labelled checkbox (its label after it, as forms on phones show them). */
export function checkbox(name: string, label: Child, checked = false, props: Record<string, unknown> = {}): { el: HTMLElement; box: HTMLInputElement } {
  const box = h("input", { type: "checkbox", name, id: uid(name), value: "true", checked, ...props });
  return { el: h("div", { class: "field check" }, box, " ", h("label", { for: box.id }, label)), box };
}

export interface MoneyField {
  el: HTMLElement;
  /** The whole đồng typed, as the digits the API wants ("" when empty). */
  value(): string;
  set(digits: string): void;
  clear(): void;
  focus(): void;
}

/**
 * An amount in whole đồng: typed with the thousands separators appearing as one types
 * ("1.250.000"), read back in words underneath. Its `name` input holds the digits the API wants.
 */
export function moneyField(label: string, name: string, props: Record<string, unknown> = {}): MoneyField {
  const shown = h("input", { id: uid(name), type: "text", inputmode: "numeric", autocomplete: "off", "data-money": name, ...props });
  const hidden = h("input", { type: "hidden", name });
  const said = h("p", { class: "in-words", "aria-live": "polite" });
  const sync = () => {
    const digits = shown.value.replace(/\D/g, "").replace(/^0+(?=\d)/, "").slice(0, 15);
    const caretFromEnd = shown.value.length - (shown.selectionStart ?? shown.value.length);
    const pretty = digits ? money(digits) : "";
    if (shown.value !== pretty) {
      shown.value = pretty;
      const pos = Math.max(0, pretty.length - caretFromEnd);
      if (document.activeElement === shown) shown.setSelectionRange(pos, pos);
    }
    hidden.value = digits;
    const w = digits && digits !== "0" ? words(digits) : "";
    fill(said, w ? [h("span", { class: "label" }, `${ui("inWords")}: `), w] : "");
  };
  shown.addEventListener("input", sync);
  const set = (digits: string) => {
    shown.value = digits;
    sync();
  };
  const el = field(`${label} (${ui("dong")})`, shown);
  el.append(hidden, said);
  const clear = () => set("");
  bindWidget(hidden, el, shown, [name], { set, clear });
  return { el, value: () => hidden.value, set, clear, focus: () => shown.focus() };
}

/** Reads a form's named controls (files excluded) into a plain object of strings: what a draft keeps. */
function values(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of Array.from(form.elements) as HTMLInputElement[]) {
    if (!el.name || el.type === "file" || el.type === "submit" || el.type === "button") continue;
    if ((el.type === "checkbox" || el.type === "radio") && !el.checked) continue;
    out[el.name] = el.value;
  }
  return out;
}

function showErrors(form: HTMLFormElement, summary: HTMLElement, err: unknown): void {
  if (err instanceof ApiError && err.network) {
    fill(summary, notice("error", ui("networkLost")));
    return;
  }
  if (!(err instanceof ApiError)) {
    fill(summary, notice("error", String((err as Error)?.message ?? err)));
    return;
  }
  const owned = Array.from(form.elements).flatMap((el) => marks.get(el) ?? []);
  let marked = 0;
  for (const e of err.errors) {
    const name = e.path.split("/").filter(Boolean).pop() ?? "";
    const m = owned.find((x) => x.names.includes(name));
    if (!m) continue;
    m.slot.textContent = e.message ?? e.code;
    m.control.setAttribute("aria-invalid", "true");
    m.control.setAttribute("aria-describedby", [m.control.getAttribute("aria-describedby"), m.slot.id].filter(Boolean).join(" "));
    marked++;
  }
  fill(summary, notice("error", err.detail || ui("failed"), marked ? ` ${ui("fixErrors")}` : ""));
}

function clearErrors(form: HTMLFormElement, summary: HTMLElement): void {
  summary.replaceChildren();
  for (const el of Array.from(form.elements)) {
    const m = marks.get(el);
    if (!m) continue;
    m.slot.textContent = "";
    m.control.removeAttribute("aria-invalid");
  }
}

export interface FormOptions {
  /** Keeps what was typed (and the attempt's Idempotency-Key) in this tab until it is saved. */
  draftKey?: string;
  submitLabel?: string;
  /** The submit button warns (a reversal, a rejection). */
  danger?: boolean;
  /** Called once a kept draft is back in the controls: for what the screen derives from them. */
  restored?: () => void;
  /**
   * Reads the form's controls (the references the screen kept) into its request and sends it with
   * the attempt's Idempotency-Key; resolve to finish, throw to show errors.
   */
  onSubmit: (key: string) => Promise<void>;
}

/**
 * A form that records once: while a submit is in flight further submits are ignored (a double
 * click), and the Idempotency-Key of an attempt is kept until the server says it is saved — a
 * retry after a dropped connection replays the first answer instead of recording again.
 * `form.reset()` also clears its widgets (money, household, photo).
 */
export function form(opts: FormOptions, ...children: Child[]): HTMLFormElement {
  const summary = h("div", { class: "form-summary" });
  const button = h("button", { type: "submit", class: opts.danger ? "danger" : undefined }, opts.submitLabel ?? ui("save"));
  const f = h("form", { novalidate: true }, summary, ...children, h("div", { class: "form-actions" }, button));
  const storeKey = opts.draftKey ? `draft:${opts.draftKey}` : undefined;
  let key = newKey();
  let busy = false;

  f.addEventListener("reset", () => {
    for (const el of Array.from(f.elements)) widgets.get(el)?.clear();
  });

  const saveDraft = () => {
    if (!storeKey) return;
    try {
      sessionStorage.setItem(storeKey, JSON.stringify({ key, values: values(f) }));
    } catch {
      // storage full or off: the form still works, it just won't survive a reload
    }
  };
  if (storeKey) {
    try {
      const kept = JSON.parse(sessionStorage.getItem(storeKey) ?? "null") as { key: string; values: Record<string, string> } | null;
      if (kept) {
        key = kept.key;
        // After the screen has put the form in place and kept its references.
        queueMicrotask(() => {
          for (const [name, v] of Object.entries(kept.values)) {
            const el = f.elements.namedItem(name);
            if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) || el.type === "password") continue;
            const widget = widgets.get(el);
            if (widget) widget.set(v);
            else if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = v === el.value;
            else el.value = v;
          }
          opts.restored?.();
        });
      }
    } catch {
      // a broken draft is ignored
    }
    f.addEventListener("input", saveDraft);
    f.addEventListener("change", saveDraft);
    for (const el of Array.from(f.elements)) {
      const w = widgets.get(el);
      if (w) w.changed = saveDraft;
    }
  }

  f.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (busy) return;
    busy = true;
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    const label = button.textContent;
    button.textContent = ui("saving");
    clearErrors(f, summary);
    saveDraft();
    try {
      await opts.onSubmit(key);
      if (storeKey) sessionStorage.removeItem(storeKey);
      key = newKey(); // the next thing recorded with this form is a new one
    } catch (err) {
      showErrors(f, summary, err);
    } finally {
      busy = false;
      button.disabled = false;
      button.removeAttribute("aria-busy");
      button.textContent = label;
    }
  });
  return f;
}

/** Forgets a form's kept draft (after the user starts something else on purpose). */
export function dropDraft(draftKey: string): void {
  sessionStorage.removeItem(`draft:${draftKey}`);
}

/** A button that fetches a file with the token and saves it; shows the failure next to itself. */
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

import Decimal from "decimal.js";
import { formatDateVi, localDateTime, todayIn } from "../../shared/dates";
import { formatDong } from "../../shared/money";
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
  return formatDong(new Decimal(amount));
}

/** The amount in words, as printed on vouchers ("Một triệu hai trăm năm mươi nghìn đồng"). */
export function words(amount: string): string {
  return /^[1-9][0-9]{0,14}$/.test(amount) ? inWords(new Decimal(amount)) : "";
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

export function heading(title: string, ...extra: Child[]): HTMLElement {
  return h("div", { class: "page-head" }, h("h1", { tabindex: "-1" }, title), extra.length ? h("div", { class: "actions" }, ...extra) : null);
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

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = uid();
  const name = control.getAttribute("name") ?? "";
  const hintEl = hint ? h("small", { id: `${control.id}-hint`, class: "hint" }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field", "data-field": name }, h("label", { for: control.id }, label), control, hintEl, h("small", { class: "field-error", id: `${control.id}-err`, role: "alert" }));
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

/**
 * An amount in whole đồng: typed with the thousands separators appearing as one types
 * ("1.250.000"), read back in words underneath. Its `name` input holds the digits the API wants.
 */
export function moneyField(label: string, name: string, props: Record<string, unknown> = {}): HTMLElement {
  const shown = h("input", { id: uid(name), type: "text", inputmode: "numeric", autocomplete: "off", "data-money": name, ...props });
  const hidden = h("input", { type: "hidden", name });
  const said = h("p", { class: "in-words", "aria-live": "polite" });
  const sync = () => {
    const digits = shown.value.replace(/\D/g, "").replace(/^0+(?=\d)/, "").slice(0, 15);
    const caretFromEnd = shown.value.length - (shown.selectionStart ?? shown.value.length);
    const pretty = digits ? formatDong(new Decimal(digits)) : "";
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
  // A restored draft sets the hidden value: show it formatted.
  hidden.addEventListener("change", () => {
    shown.value = hidden.value;
    sync();
  });
  const f = field(`${label} (${ui("dong")})`, shown);
  f.setAttribute("data-field", name);
  f.append(hidden, said);
  return f;
}

/** Reads a form's named controls (files excluded) into a plain object of strings. */
export function values(form: HTMLFormElement): Record<string, string> {
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
  let marked = 0;
  for (const e of err.errors) {
    const name = e.path.split("/").filter(Boolean).pop() ?? "";
    const box = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`);
    if (!box) continue;
    const slot = box.querySelector<HTMLElement>(".field-error");
    const control = box.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea");
    if (slot) slot.textContent = e.message ?? e.code;
    control?.setAttribute("aria-invalid", "true");
    if (slot && control) control.setAttribute("aria-describedby", [control.getAttribute("aria-describedby"), slot.id].filter(Boolean).join(" "));
    marked++;
  }
  fill(summary, notice("error", err.detail || ui("failed"), marked ? ` ${ui("fixErrors")}` : ""));
}

function clearErrors(form: HTMLFormElement, summary: HTMLElement): void {
  summary.replaceChildren();
  form.querySelectorAll(".field-error").forEach((e) => (e.textContent = ""));
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
}

export interface FormOptions {
  /** Keeps what was typed (and the attempt's Idempotency-Key) in this tab until it is saved. */
  draftKey?: string;
  submitLabel?: string;
  /** Called with the values and the attempt's Idempotency-Key; resolve to finish, throw to show errors. */
  onSubmit: (v: Record<string, string>, key: string, form: HTMLFormElement) => Promise<void>;
}

/**
 * A form that records once: while a submit is in flight further submits are ignored (a double
 * click), and the Idempotency-Key of an attempt is kept until the server says it is saved — a
 * retry after a dropped connection replays the first answer instead of recording again.
 */
export function form(opts: FormOptions, ...children: Child[]): HTMLFormElement {
  const summary = h("div", { class: "form-summary" });
  const button = h("button", { type: "submit" }, opts.submitLabel ?? ui("save"));
  const f = h("form", { novalidate: true }, summary, ...children, h("div", { class: "form-actions" }, button));
  const storeKey = opts.draftKey ? `draft:${opts.draftKey}` : undefined;
  let key = newKey();
  let busy = false;

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
        queueMicrotask(() => {
          for (const [name, v] of Object.entries(kept.values)) {
            const el = f.elements.namedItem(name) as HTMLInputElement | null;
            if (!el || el.type === "password") continue;
            if (el.type === "checkbox") el.checked = v === el.value;
            else el.value = v;
            el.dispatchEvent(new Event("change"));
          }
        });
      }
    } catch {
      // a broken draft is ignored
    }
    f.addEventListener("input", saveDraft);
    f.addEventListener("change", saveDraft);
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
      await opts.onSubmit(values(f), key, f);
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
export function downloadButton(label: string, run: () => Promise<void>): HTMLElement {
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
  return h("span", { class: "download" }, b, msg);
}

/** A progress bar for long work (an upload, a large statement). */
export function progressBar(label: string): { el: HTMLElement; set(fraction: number | null): void } {
  const bar = h("progress", { max: "100", "aria-label": label });
  const el = h("div", { class: "progress" }, h("span", null, label), bar);
  return {
    el,
    set(fraction) {
      if (fraction === null) bar.removeAttribute("value");
      else bar.value = Math.round(fraction * 100);
    },
  };
}

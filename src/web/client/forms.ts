import { ApiError, newKey } from "./api";
import { Child, fill, h, uid } from "./dom";
import { money, words } from "./format";
import { notice } from "./parts";
import { ui } from "./ui-texts";

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

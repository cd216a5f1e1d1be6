import { ApiError, newKey } from "./api";
import { Child, fill, h, uid } from "./dom";
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
  /** Why the value cannot be sent as it is (the form says so in the field and does not send), or null. */
  check?: () => string | null;
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
 * draft goes through `set`, resetting the form calls `clear`, and `check` (when given) may stop a
 * submit with a message in the field. Returns what the widget calls when it changed its value
 * itself, so the form keeps the draft.
 */
export function bindWidget(hidden: HTMLInputElement, box: HTMLElement, control: HTMLElement, names: string[], api: { set(value: string): void; clear(): void; check?: () => string | null }): () => void {
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

/** Shows `message` in a field's own error slot and marks its control invalid. */
function markField(m: Marks, message: string): void {
  m.slot.textContent = message;
  m.control.setAttribute("aria-invalid", "true");
  const described = (m.control.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  if (!described.includes(m.slot.id)) m.control.setAttribute("aria-describedby", [...described, m.slot.id].join(" "));
}

/** Says `message` in the field of `control` (as a refused save would), or clears it (null). */
export function fieldError(control: HTMLElement, message: string | null): void {
  const m = marks.get(control);
  if (!m) return;
  if (message) return markField(m, message);
  m.slot.textContent = "";
  m.control.removeAttribute("aria-invalid");
}

/**
 * Brings `el` into the middle of the view and gives it the focus: on a phone the answer to a save
 * is never off screen, and a screen reader reads it (a notice gets tabindex -1 to take the focus).
 */
export function bringIntoView(el: HTMLElement): void {
  if (!el.isConnected) return;
  if (el.tabIndex < 0 && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1"); // a notice, not a control
  el.scrollIntoView({ block: "center" });
  el.focus({ preventScroll: true });
}

/**
 * Shows a refusal: each field error in its field, the rest listed under the summary's notice.
 * Returns what should take the focus: the first field marked, or else the notice.
 */
function showErrors(form: HTMLFormElement, summary: HTMLElement, err: unknown): HTMLElement {
  const say = (...text: Child[]) => {
    const n = notice("error", ...text);
    n.setAttribute("aria-live", "assertive");
    fill(summary, n);
    return n;
  };
  if (err instanceof ApiError && err.network) return say(ui("networkLost"));
  if (!(err instanceof ApiError)) return say(String((err as Error)?.message ?? err));
  const owned = Array.from(form.elements).flatMap((el) => marks.get(el) ?? []);
  const first: Marks[] = [];
  const unplaced: string[] = [];
  for (const e of err.errors) {
    const name = e.path.split("/").filter(Boolean).pop() ?? "";
    const m = owned.find((x) => x.names.includes(name));
    if (!m) {
      unplaced.push(e.message ?? e.code);
      continue;
    }
    markField(m, e.message ?? e.code);
    first.push(m);
  }
  // Every field error in its field: the summary only points at them (no "see the list" without a list).
  const head = first.length && !unplaced.length ? ui("fixErrors") : [err.detail || ui("failed"), first.length ? ` ${ui("fixErrors")}` : ""];
  const n = say(head, unplaced.length ? h("ul", null, unplaced.map((u) => h("li", null, u))) : null);
  return first.length ? firstInForm(form, first) : n;
}

/** Of several fields' marks, the control that comes first in the form. */
function firstInForm(form: HTMLFormElement, ms: Marks[]): HTMLElement {
  const order: Element[] = Array.from(form.elements);
  return ms.map((m) => m.control).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
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

/** Asks every widget of the form whether its value can be sent; marks those that cannot. */
function checkWidgets(form: HTMLFormElement): Marks[] {
  const bad: Marks[] = [];
  for (const el of Array.from(form.elements)) {
    const why = widgets.get(el)?.check?.();
    const m = marks.get(el);
    if (!why || !m || bad.includes(m)) continue;
    markField(m, why);
    bad.push(m);
  }
  return bad;
}

/** What a save made, shown at the top of its form, in view and focused, with what one may do next. */
export interface Saved {
  /** What was made: a voucher number, a name, an amount. */
  message: Child;
  /** The next things to do (download the receipt, record another). */
  actions?: Child[];
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
   * the attempt's Idempotency-Key; resolve to finish, throw to show errors. Resolving with `Saved`
   * shows what was made at the top of the form, brought into view and focused.
   */
  onSubmit: (key: string) => Promise<void | Saved>;
  /**
   * The form makes a new thing each time (a receipt, a pledge): after a success, and only then, it
   * is emptied for the next one (a refusal keeps what was typed).
   */
  creates?: boolean;
  /** After a success has emptied the form: what the screen puts back for the next one (the day, the campaign). */
  afterReset?: () => void;
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

  /** Sends; on success empties a form that creates, and shows what was saved (what takes the focus). */
  const send = async (): Promise<HTMLElement | undefined> => {
    const saved = await opts.onSubmit(key);
    if (storeKey) sessionStorage.removeItem(storeKey);
    key = newKey(); // the next thing recorded with this form is a new one
    if (opts.creates) {
      f.reset();
      opts.afterReset?.();
    }
    if (!saved) return undefined;
    // The next steps inside the notice: on a phone they read as one answer, apart from the emptied form.
    const n = notice("ok", saved.message, saved.actions?.length ? h("div", { class: "actions" }, ...saved.actions) : null);
    n.setAttribute("aria-live", "polite");
    fill(summary, n);
    return n;
  };

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
    let focus: HTMLElement | undefined;
    try {
      // A value a widget cannot read ("5.5", no household chosen) is said in its field, never sent.
      const bad = checkWidgets(f);
      if (bad.length) focus = firstInForm(f, bad);
      else focus = await send();
    } catch (err) {
      focus = showErrors(f, summary, err);
    } finally {
      busy = false;
      button.disabled = false;
      button.removeAttribute("aria-busy");
      button.textContent = label;
    }
    if (focus) bringIntoView(focus);
  });
  return f;
}

/** Forgets a form's kept draft (after the user starts something else on purpose). */
export function dropDraft(draftKey: string): void {
  sessionStorage.removeItem(`draft:${draftKey}`);
}

/** A button that fetches a file with the token and saves it; shows the failure next to itself. */

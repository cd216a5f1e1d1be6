// The only way screens make elements. Text goes in as text nodes (never parsed as HTML), handlers
// are attached with addEventListener (the policy forbids inline ones). Nothing here builds markup
// from strings, so a household named `<img src=x onerror=…>` is shown as those characters.

export type Child = Node | string | number | null | undefined | false | Child[];
/** Listeners by event name, each typed with its event (a `submit` handler gets a SubmitEvent). */
export type Handlers = { [E in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[E]) => void };
export type Props = { [k: string]: unknown; class?: string; on?: Handlers };

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "on") for (const [ev, fn] of Object.entries(v as Handlers)) el.addEventListener(ev, fn as EventListener);
      else if (k === "class") el.className = String(v);
      else if (k === "value") (el as HTMLInputElement).value = String(v);
      else if (k === "checked") (el as HTMLInputElement).checked = Boolean(v);
      else if (k === "selected") (el as HTMLOptionElement).selected = Boolean(v);
      else if (v === true) el.setAttribute(k, "");
      else el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces what `el` holds. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

let seq = 0;
/** A unique id for label/input pairs. */
export function uid(prefix = "f"): string {
  return `${prefix}-${++seq}`;
}

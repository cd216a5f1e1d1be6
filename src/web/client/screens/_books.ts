import { api, get, type FetchedFile } from "../api";
import { HOUSEHOLD_CATEGORIES, type HouseholdCategory } from "../../../shared/household-categories";
import type { HistoryItemWire, HouseholdWire } from "../../../contributions/wire";
import { fill, h, uid } from "../dom";
import { texts } from "../i18n";
import { bindWidget, field, fieldError, form, input, money, notice, sheet, spinner, textarea, today } from "../ui";
import type { Me } from "../api";
import { hasAny, rolesOn, type Unit } from "../roles";

// Pieces the treasurer's books screens share (households, campaigns, import, journal, registers):
// the household picker, the reversal form, labels for categories and statuses, debit/credit sides.

export const bt = texts({
  vi: {
    household: "Hộ gia đình", householdHint: "Gõ mã hộ hoặc tên chủ hộ, không dấu cũng được.", noMatch: "Không có hộ nào khớp.", searching: "Đang tìm…",
    chosen: "Đã chọn: {name}", pickHousehold: "Hãy chọn một hộ trong danh sách.",
    normal: "Bình thường", poor: "Hộ nghèo", near_poor: "Hộ cận nghèo", policy: "Gia đình chính sách", other: "Khác",
    paid: "Đã đóng", pledged: "Đã đăng ký, chưa đóng", exempt: "Được miễn", notYet: "Chưa đóng",
    receipt: "Phiếu thu", pledge: "Đăng ký đóng góp", in_kind: "Hiện vật, ngày công",
    labour: "Ngày công", land: "Đất", materials: "Vật liệu",
    reversalDate: "Ngày đảo", reason: "Lý do đảo (ghi vào sổ)", reasonHint: "Ví dụ: ghi nhầm số tiền, ghi nhầm hộ.", reverse: "Đảo bút toán",
    debit: "Nợ", credit: "Có", dr: "Dư Nợ", cr: "Dư Có",
  },
  en: {
    household: "Household", householdHint: "Type the household code or the head's name; diacritics optional.", noMatch: "No household matches.", searching: "Searching…",
    chosen: "Chosen: {name}", pickHousehold: "Choose a household from the list.",
    normal: "Ordinary", poor: "Poor household", near_poor: "Near-poor household", policy: "Policy family", other: "Other",
    paid: "Paid", pledged: "Pledged, not paid", exempt: "Exempt", notYet: "Not yet paid",
    receipt: "Receipt", pledge: "Pledge", in_kind: "In kind, labour",
    labour: "Labour days", land: "Land", materials: "Materials",
    reversalDate: "Reversal date", reason: "Reason for the reversal (recorded in the books)", reasonHint: "E.g. wrong amount, wrong household.", reverse: "Reverse entry",
    debit: "Debit", credit: "Credit", dr: "Debit balance", cr: "Credit balance",
  },
});

export { HOUSEHOLD_CATEGORIES as CATEGORIES } from "../../../shared/household-categories";
export const categoryLabel = (c: string) => ((HOUSEHOLD_CATEGORIES as readonly string[]).includes(c) ? bt(c as HouseholdCategory) : c);

const STATUS_BADGE: Record<string, string> = { paid: "ok", pledged: "warn", exempt: "", notYet: "bad" };
export function statusBadge(status: string): HTMLElement {
  const label = status === "paid" || status === "pledged" || status === "exempt" || status === "notYet" ? bt(status) : status;
  return h("span", { class: `badge ${STATUS_BADGE[status] ?? ""}`.trim() }, label);
}

export const inKindLabel = (k: string) => (k === "labour" || k === "land" || k === "materials" ? bt(k) : k);

/** A signed balance (debit positive) as "1.250.000 Nợ" / "300.000 Có": the books' way, no minus signs. */
export function side(amount: string): string {
  if (!amount || /^-?0$/.test(amount)) return "0";
  return amount.startsWith("-") ? `${money(amount.slice(1))} ${bt("credit")}` : `${money(amount)} ${bt("debit")}`;
}

/**
 * Opens a screen of the treasurer's books on `unitId`: its look, a spinner while the unit loads,
 * whether the user may write there (only to show or hide forms: the server checks), and the
 * screen addresses under the unit.
 */
export async function openBooks(root: HTMLElement, me: Me, unitId: string): Promise<{ unit: Unit; canWrite: boolean; base: string }> {
  root.classList.add("books");
  fill(root, spinner());
  const unit = await get<Unit>(`/units/${unitId}`);
  return { unit, canWrite: hasAny(rolesOn(me, unit), "treasurer", "admin"), base: `/app/units/${unit.id}` };
}

/** A voucher's file is named after its number (PT-2026-000123.pdf), whatever the server named it. */
export function voucherFile(got: FetchedFile, voucherNo: string): FetchedFile {
  return { ...got, name: got.name?.startsWith(voucherNo) ? got.name : `${voucherNo}.pdf` };
}

/** The breadcrumb back to the unit (and further up the path). */
export function crumbs(...links: [string, string][]): HTMLElement {
  return h("p", { class: "crumbs" }, links.flatMap(([href, text], i) => [i ? " › " : "", h("a", { href }, `${i ? "" : "← "}${text}`)]));
}

/** Keeps a list's filters in the address (bookmarkable, shareable) without reloading the screen. */
export function keepQuery(query: Record<string, string | undefined | null | false>): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  history.replaceState(null, "", s ? `${location.pathname}?${s}` : location.pathname);
}

type Found = Pick<HouseholdWire, "id" | "code" | "headName" | "address">;

export interface HouseholdPicker {
  el: HTMLElement;
  /** The chosen household's id; throws the picker's message when none is chosen (the form shows it). */
  need(): number;
  /** "HH-001 — Nguyễn Văn Đức", as the picker shows who was chosen. */
  label(): string;
  focus(): void;
}

/**
 * A household search for a form: code or name typed without diacritics (the API folds both sides).
 * Enter picks the household whose code was typed, or the only match (waiting for the search if it
 * has not answered yet); once picked, the focus goes on to `next` (the amount), so the treasurer
 * does not tap. The form's draft keeps `householdId` (and `householdLabel`, so a restored draft
 * shows who was chosen); a form sent with none chosen says so in this field.
 */
export function householdPicker(unitId: string | number, preset?: Found, next?: () => void): HouseholdPicker {
  const hidden = h("input", { type: "hidden", name: "householdId", value: preset ? String(preset.id) : "" });
  const label = h("input", { type: "hidden", name: "householdLabel", value: preset ? `${preset.code} — ${preset.headName}` : "" });
  const box = input("q", { type: "search", autocomplete: "off", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", enterkeyhint: "search" });
  const listId = uid("hh-list");
  box.setAttribute("aria-controls", listId);
  const list = h("ul", { id: listId, class: "suggestions", "aria-label": bt("household") });
  const chosen = h("p", { class: "chosen", "aria-live": "polite" });
  const showChosen = () => fill(chosen, label.value ? bt("chosen", { name: label.value }) : "");
  showChosen();
  let timer: number | undefined;
  let asked = 0;
  let found: Found[] = [];
  let offered: HTMLButtonElement[] = [];
  let foundFor = ""; // the text the offered households were found for
  let enterWaiting = false; // Enter pressed before the search for the text typed answered
  let changed = () => undefined as void;
  const pick = (hh: Found) => {
    hidden.value = String(hh.id);
    label.value = `${hh.code} — ${hh.headName}`;
    showChosen();
    fieldError(box, null);
    list.replaceChildren();
    offered = [];
    found = [];
    foundFor = "";
    box.setAttribute("aria-expanded", "false");
    box.value = "";
    if (next) next();
    else box.focus();
    changed();
  };
  // Enter: the household whose code is exactly the text, else the only one found, else the list.
  const enter = () => {
    const typed = box.value.trim().toLowerCase();
    const exact = found.findIndex((hh) => hh.code.toLowerCase() === typed);
    if (exact >= 0) return pick(found[exact]);
    if (offered.length === 1) return offered[0].click();
    offered[0]?.focus();
  };
  const search = async () => {
    const q = box.value.trim();
    const n = ++asked;
    offered = [];
    found = [];
    foundFor = "";
    if (!q) return list.replaceChildren();
    fill(list, h("li", { class: "muted" }, bt("searching")));
    try {
      const r = await get<{ data: Found[] }>(`/units/${unitId}/households`, { q, limit: 8 });
      if (n !== asked) return;
      box.setAttribute("aria-expanded", r.data.length ? "true" : "false");
      found = r.data;
      foundFor = q;
      offered = r.data.map((hh) => h("button", { type: "button", on: { click: () => pick(hh) } }, `${hh.code} — ${hh.headName}`, hh.address ? h("span", { class: "muted" }, ` · ${hh.address}`) : null));
      fill(list, offered.length ? offered.map((b) => h("li", null, b)) : h("li", { class: "muted" }, bt("noMatch")));
      if (enterWaiting) {
        enterWaiting = false;
        enter();
      }
    } catch {
      if (n === asked) list.replaceChildren();
    }
  };
  box.addEventListener("input", () => {
    window.clearTimeout(timer);
    enterWaiting = false;
    timer = window.setTimeout(search, 250);
  });
  // Enter in the search box picks rather than submitting the form half filled.
  box.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    if (!box.value.trim()) return;
    if (foundFor === box.value.trim()) return enter();
    enterWaiting = true;
    window.clearTimeout(timer);
    void search();
  });
  const el = field(bt("household"), box, bt("householdHint"));
  el.append(list, chosen, hidden, label);
  const clear = () => {
    hidden.value = "";
    label.value = "";
    showChosen();
  };
  const check = () => (hidden.value ? null : bt("pickHousehold"));
  changed = bindWidget(hidden, el, box, ["householdId"], { set: (v) => (hidden.value = v), clear, check });
  bindWidget(label, el, box, ["householdId"], { set: (v) => ((label.value = v), showChosen()), clear });
  return {
    el,
    need() {
      if (!hidden.value) throw new Error(bt("pickHousehold"));
      return Number(hidden.value);
    },
    label: () => label.value,
    focus: () => box.focus(),
  };
}

export interface ReversalForm {
  el: HTMLFormElement;
  /** Moves focus into the form (to its heading when it has one). */
  focus(): void;
}

/**
 * The reversal of an entry: a date and a reason, both written into the books. Sent once (the
 * form's Idempotency-Key); `send` posts it and resolves when it is recorded. `title`, when given,
 * heads the form and takes the focus.
 */
export function reversalForm(draftKey: string, minDate: string, send: (body: { date: string; reason: string }, key: string) => Promise<void>, title?: string): ReversalForm {
  const date = input("date", { type: "date", value: today(), min: minDate, required: true });
  const reason = textarea("reason", { required: true, maxlength: "2000" });
  const head = title ? h("h3", { tabindex: "-1" }, title) : null;
  const el = form(
    { draftKey, submitLabel: bt("reverse"), danger: true, onSubmit: (key) => send({ date: date.value, reason: reason.value.trim() }, key) },
    head,
    field(bt("reversalDate"), date),
    field(bt("reason"), reason, bt("reasonHint")),
  );
  el.classList.add("reversal");
  return { el, focus: () => (head ?? date).focus() };
}

// ---------- a household's items in a campaign, with their reversal ----------

export type Item = HistoryItemWire;

const it = texts({
  vi: {
    kind: "Loại", date: "Ngày", voucher: "Chứng từ", amount: "Số tiền (đ)", quantity: "Số lượng", state: "Tình trạng", reversed: "Đã đảo", valid: "Có hiệu lực",
    reverseOf: "Đảo {what}", reversedOk: "Đã đảo {what}. Hãy ghi lại khoản đúng nếu cần.", cash: "tiền mặt", bank: "chuyển khoản", items: "Các khoản đã ghi",
  },
  en: {
    kind: "Kind", date: "Date", voucher: "Voucher", amount: "Amount (dong)", quantity: "Quantity", state: "State", reversed: "Reversed", valid: "In force",
    reverseOf: "Reverse {what}", reversedOk: "{what} reversed. Record the right one anew if needed.", cash: "cash", bank: "bank transfer", items: "Recorded items",
  },
});

/**
 * The receipts, pledges and gifts of a household in one campaign, the newest first. A treasurer corrects one by
 * reversing it with a reason (never by editing): the reversal form opens under the table. The
 * caller usually redraws the table after a reversal and shows `onReversed`'s message itself.
 */
export function itemsTable(unitId: string | number, items: Item[], canWrite: boolean, onReversed: (message: string) => void): HTMLElement {
  const box = h("div", { class: "items" });
  const slot = h("div", { "aria-live": "polite" });
  const label = (i: Item) => i.voucherNo ?? `${bt(i.kind === "receipt" || i.kind === "pledge" || i.kind === "in_kind" ? i.kind : "receipt")} #${i.id}`;
  const open = (i: Item, button: HTMLButtonElement) => {
    const what = label(i);
    const f = reversalForm(
      `contribution-reversal:${unitId}:${i.id}`,
      i.date,
      async (body, key) => {
        await api("POST", `/units/${unitId}/contributions/${i.id}/reversal`, body, { idempotencyKey: key });
        // The caller draws the items again and brings its own answer into view.
        fill(slot, notice("ok", it("reversedOk", { what })));
        onReversed(it("reversedOk", { what }));
      },
      it("reverseOf", { what }),
    );
    fill(slot, f.el);
    f.focus();
    button.setAttribute("aria-expanded", "true");
  };
  // the newest first, as every list on a screen (a receipt and its reversal's mark stay together by id)
  const newest = [...items].sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
  const rows = newest.map((i) => {
    const reversible = canWrite && i.entryId !== null && i.reversedBy === null;
    const b = reversible ? h("button", { type: "button", class: "secondary small" }, bt("reverse")) : null;
    b?.addEventListener("click", () => open(i, b));
    return h(
      "tr",
      { class: i.reversedBy !== null ? "reversed" : undefined },
      h("td", null, bt(i.kind === "receipt" || i.kind === "pledge" || i.kind === "in_kind" ? i.kind : "receipt"), i.inKind ? ` (${inKindLabel(i.inKind)})` : "", i.method ? ` · ${it(i.method === "bank" ? "bank" : "cash")}` : ""),
      h("td", null, i.date.split("-").reverse().join("/")),
      h("td", null, i.voucherNo ?? ""),
      h("td", { class: "num" }, i.amount ? money(i.amount) : ""),
      h("td", null, i.quantity ? `${i.quantity} ${i.unit ?? ""}` : ""),
      h("td", null, i.reversedBy !== null ? h("span", { class: "badge bad" }, it("reversed")) : it("valid")),
      canWrite ? h("td", null, b) : null,
    );
  });
  fill(
    box,
    sheet(it("items"), "items", [[it("kind"), false], [it("date"), false], [it("voucher"), false], [it("amount"), true], [it("quantity"), false], [it("state"), false], ...(canWrite ? [[bt("reverse"), false] as [string, boolean]] : [])], rows),
    slot,
  );
  return box;
}

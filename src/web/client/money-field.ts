import { parseAmountInput, type AmountRefusal } from "../../shared/amount-input";
import { fill, h, uid } from "./dom";
import { bindWidget, field, fieldError } from "./forms";
import { money, words } from "./format";
import { texts } from "./i18n";
import { ui } from "./ui-texts";

// The amount field of every form. People type amounts as they say them ("5tr", "500k") or as they
// print them ("5.000.000"); the one parser (shared/amount-input.ts) reads them, the field shows the
// value it read in figures and in words before anything is saved, and refuses in place what it
// would have to guess at. An amount under 1.000 đ is most likely a slip ("5" for "5tr") and is
// saved only once confirmed.

const t = texts({
  vi: {
    hint: "Ví dụ: 1.250.000 · 500k · 5tr · 1,5 triệu",
    empty: "Hãy nhập số tiền.",
    not_a_number: "Không đọc được số tiền. Hãy viết như 500000, 500.000, 500k, 5tr hoặc 1,5 triệu.",
    negative: "Số tiền không được âm.",
    fraction: "Tiền đồng không có phần lẻ: viết đủ số (5.500) hoặc kèm đơn vị (5,5tr là 5.500.000\u00a0đ).",
    grouping: "Dấu chấm (hoặc phẩy) phải chia số thành từng nhóm ba chữ số, như 5.000.000.",
    ambiguous_fraction: "Không rõ: ba chữ số sau dấu phẩy trước đơn vị (1.250tr là 1,25 triệu hay 1.250 triệu?). Viết đủ số hoặc 1,25tr.",
    not_whole: "Số tiền phải là số đồng chẵn.",
    bare_after_unit: "Không rõ phần số sau đơn vị (5tr5 là 5,5 hay 5,05 triệu?). Viết 5,5tr hoặc 5tr500k.",
    unit_order: "Các phần phải đi từ đơn vị lớn đến nhỏ, như 1 tỷ 200 triệu hoặc 2tr500k.",
    too_large: "Số tiền quá lớn (tối đa 15 chữ số).",
    small: "Chỉ {amount}\u00a0đ — dưới 1.000\u00a0đ, có gõ thiếu không? (5tr là 5 triệu đồng)",
    smallConfirm: "Đúng, {amount} đồng",
    smallNeeded: "Hãy xác nhận {amount} đ là đúng, hoặc sửa lại.",
  },
  en: {
    hint: "E.g. 1.250.000 · 500k · 5tr · 1,5 triệu",
    empty: "Enter the amount.",
    not_a_number: "This is not an amount. Write 500000, 500.000, 500k, 5tr or 1,5 triệu.",
    negative: "The amount cannot be negative.",
    fraction: "Dong have no fraction: write the whole number (5.500) or add a unit (5,5tr is 5.500.000 dong).",
    grouping: "Dots (or commas) must split the number in groups of three digits, as in 5.000.000.",
    ambiguous_fraction: "Unclear: three digits after the comma before a unit (1.250tr: 1.25 or 1250 million?). Write the whole number or 1,25tr.",
    not_whole: "The amount must be whole dong.",
    bare_after_unit: "Unclear number after the unit (5tr5: 5.5 or 5.05 million?). Write 5,5tr or 5tr500k.",
    unit_order: "Parts must go from the largest unit down, as in 1 tỷ 200 triệu or 2tr500k.",
    too_large: "The amount is too large (at most 15 digits).",
    small: "Only {amount} dong — under 1.000, a digit missing? (5tr is 5 million)",
    smallConfirm: "Yes, {amount} dong",
    smallNeeded: "Confirm that {amount} dong is right, or correct it.",
  },
});

/** Below this an amount is asked to be confirmed. */
const SMALL = 1000n;

export interface MoneyField {
  el: HTMLElement;
  /** The whole đồng read, as the digits the API wants ("" when empty or not readable). */
  value(): string;
  set(digits: string): void;
  clear(): void;
  focus(): void;
}

const dots = (s: string) => s.split(".").length - 1;

/**
 * An amount in whole đồng. Digits typed get their thousands separators as one types ("1.250.000");
 * whatever was typed, the amount read shows underneath in figures and words, and leaving the field
 * writes it in figures. Its `name` input holds the digits the API wants; the form does not send
 * while the text cannot be read (the reason shows in the field) or a small amount is unconfirmed.
 */
export function moneyField(label: string, name: string, props: Record<string, unknown> = {}): MoneyField {
  const shown = h("input", { id: uid(name), type: "text", autocomplete: "off", spellcheck: "false", "data-money": name, ...props });
  const required = shown.required;
  const hidden = h("input", { type: "hidden", name });
  const said = h("p", { class: "in-words", "aria-live": "polite" });
  const confirm = h("input", { type: "checkbox", id: uid(`${name}-small`) });
  const confirmLabel = h("label", { for: confirm.id });
  const smallNote = h("p", { class: "small-amount-note" });
  const small = h("div", { class: "small-amount notice warn", hidden: true }, smallNote, h("div", { class: "field check" }, confirm, " ", confirmLabel));
  // Digits typed into the field's own formatting are regrouped as one types; a dot the user typed
  // ("5.5") leaves the text as typed, for the parser to judge, until the field is emptied or set.
  let ours = true;
  let ourDots = 0;
  let read: ReturnType<typeof parseAmountInput> = parseAmountInput("");

  const regroup = () => {
    const raw = shown.value;
    const digits = raw.replace(/\./g, "");
    if (!/^\d*$/.test(raw) && !(ours && /^\d+$/.test(digits) && dots(raw) <= ourDots)) return void (ours = raw === "");
    const pretty = digits ? money(digits.replace(/^0+(?=\d)/, "")) : ""; // 16 digits and more: the parser says too large
    const caretFromEnd = raw.length - (shown.selectionStart ?? raw.length);
    if (raw !== pretty) {
      shown.value = pretty;
      const pos = Math.max(0, pretty.length - caretFromEnd);
      if (document.activeElement === shown) shown.setSelectionRange(pos, pos);
    }
    ours = true;
    ourDots = dots(pretty);
  };

  const show = () => {
    read = parseAmountInput(shown.value);
    hidden.value = read.ok ? read.amount.toString() : "";
    if (!read.ok) {
      fill(said, "");
      small.hidden = true;
      return;
    }
    fieldError(shown, null);
    const digits = read.amount.toString();
    const w = words(digits);
    fill(said, h("strong", { class: "figures" }, `${money(digits)} đ`), w ? [" — ", h("span", { class: "label" }, `${ui("inWords")}: `), w] : "");
    const isSmall = read.amount < SMALL;
    if (isSmall && small.hidden) confirm.checked = false;
    small.hidden = !isSmall;
    fill(smallNote, isSmall ? t("small", { amount: money(digits) }) : "");
    fill(confirmLabel, isSmall ? t("smallConfirm", { amount: money(digits) }) : "");
  };

  const why = (): string | null => {
    if (!shown.value.trim()) return required ? t("empty") : null;
    if (!read.ok) return t(read.reason satisfies AmountRefusal);
    if (read.amount < SMALL && !confirm.checked) return t("smallNeeded", { amount: money(read.amount.toString()) });
    return null;
  };

  shown.addEventListener("input", () => {
    regroup();
    show();
  });
  // Leaving the field: what was read is written in figures, or the reason it cannot be read is said.
  shown.addEventListener("change", () => {
    if (read.ok) {
      shown.value = money(read.amount.toString());
      ours = true;
      ourDots = dots(shown.value);
    } else if (shown.value.trim()) fieldError(shown, why());
  });
  confirm.addEventListener("change", () => {
    if (confirm.checked) fieldError(shown, null);
  });

  const set = (digits: string) => {
    shown.value = digits ? money(digits) : "";
    ours = true;
    ourDots = dots(shown.value);
    confirm.checked = false;
    show();
  };
  // The ways to write an amount under the form's main amount (a required one); optional ones stay short.
  const el = field(`${label} (${ui("dong")})`, shown, required ? t("hint") : undefined);
  el.append(hidden, said, small);
  const clear = () => set("");
  bindWidget(hidden, el, shown, [name], { set, clear, check: why });
  return { el, value: () => hidden.value, set, clear, focus: () => shown.focus() };
}

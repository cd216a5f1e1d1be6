import { api, get } from "../api";
import type { HouseholdWire } from "../../../contributions/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { field, form, heading, input, pager, select, table, ui } from "../ui";
import { CATEGORIES, categoryLabel, crumbs, keepQuery, openBooks } from "./_books";

// The hamlet's households: found by code or by a name typed without diacritics, a page at a time,
// the inactive ones on request; the treasurer registers new ones here.

const t = texts({
  vi: {
    title: "Hộ gia đình", search: "Tìm theo mã hộ hoặc tên chủ hộ", searchHint: "Không dấu cũng được (vd: nguyen van duc).", inactive: "Hiện cả hộ đã ngừng theo dõi",
    code: "Mã hộ", headName: "Chủ hộ", address: "Địa chỉ", members: "Số khẩu", category: "Diện", phone: "Điện thoại", state: "Trạng thái", active: "Đang theo dõi", stopped: "Ngừng theo dõi",
    pin: "Mã PIN", hasPin: "Đã cấp", noPin: "Chưa cấp", pinLocked: "Bị khóa — cấp lại PIN", register: "Đăng ký hộ mới", registerSave: "Đăng ký hộ", registered: "Đã đăng ký hộ {code} — {name}.", open: "Mở trang của hộ",
    list: "Danh sách hộ gia đình",
  },
  en: {
    title: "Households", search: "Search by household code or head's name", searchHint: "Diacritics optional (e.g. nguyen van duc).", inactive: "Show inactive households too",
    code: "Code", headName: "Head of household", address: "Address", members: "Members", category: "Category", phone: "Phone", state: "State", active: "Active", stopped: "Inactive",
    pin: "PIN", hasPin: "Issued", noPin: "Not issued", pinLocked: "Suspended — issue a new PIN", register: "Register a household", registerSave: "Register household", registered: "Household {code} — {name} registered.", open: "Open the household's page",
    list: "Households",
  },
});

export type Household = HouseholdWire;

/** What the household form gives: empty optional fields read as null. */
export interface HouseholdInput { code: string; headName: string; address: string | null; members: number | null; category: string; phone: string | null }

/** The fields of a household, shared by registering one and correcting one. */
export function householdFields(hh?: Household): { el: HTMLElement[]; read(): HouseholdInput } {
  const code = input("code", { required: true, maxlength: "32", autocapitalize: "characters", value: hh?.code });
  const headName = input("headName", { required: true, maxlength: "200", autocomplete: "off", value: hh?.headName });
  const address = input("address", { maxlength: "500", value: hh?.address ?? "" });
  const members = input("members", { type: "number", min: "1", max: "100", inputmode: "numeric", value: hh?.members ?? "" });
  const category = select("category", CATEGORIES.map((c) => [c, categoryLabel(c)]), hh?.category ?? "normal");
  const phone = input("phone", { type: "tel", maxlength: "20", autocomplete: "off", value: hh?.phone ?? "" });
  return {
    el: [
      field(t("code"), code),
      field(t("headName"), headName),
      field(t("address"), address),
      field(t("members"), members),
      field(t("category"), category),
      field(t("phone"), phone),
    ],
    read: () => ({
      code: code.value.trim(),
      headName: headName.value.trim(),
      address: address.value.trim() || null,
      members: members.value ? Number(members.value) : null,
      category: category.value,
      phone: phone.value.trim() || null,
    }),
  };
}

export default async function households({ root, params, query, me }: ScreenCtx): Promise<void> {
  const unitId = params.unitId;
  const { unit, canWrite, base } = await openBooks(root, me, unitId);

  const q = input("q", { type: "search", value: query.get("q") ?? "", autocomplete: "off" });
  const inactive = h("input", { type: "checkbox", name: "inactive", value: "true", id: "hh-inactive", checked: query.get("inactive") === "true" });
  const list = pager<Household>(
    (cursor) => get(`/units/${unitId}/households`, { q: q.value.trim() || undefined, inactive: inactive.checked ? "true" : undefined, cursor, limit: 50 }),
    (rows) =>
      table<Household>(
        [
          { label: t("code"), cell: (r) => h("a", { href: `${base}/households/${r.id}` }, r.code) },
          { label: t("headName"), cell: (r) => r.headName },
          { label: t("address"), cell: (r) => r.address ?? "" },
          { label: t("members"), cell: (r) => (r.members === null ? "" : r.members), num: true },
          { label: t("category"), cell: (r) => categoryLabel(r.category) },
          { label: t("state"), cell: (r) => (r.isActive ? t("active") : h("span", { class: "badge" }, t("stopped"))) },
          { label: t("pin"), cell: (r) => (r.pinLocked ? h("span", { class: "badge bad" }, t("pinLocked")) : r.hasPin ? t("hasPin") : t("noPin")) },
        ],
        rows,
        t("list"),
      ),
  );
  const filters = h(
    "form",
    { class: "filters", role: "search", on: { submit: (e: Event) => { e.preventDefault(); keepQuery({ q: q.value.trim(), inactive: inactive.checked && "true" }); void list.reload(); } } },
    Object.assign(field(t("search"), q, t("searchHint")), { className: "field wide" }),
    h("div", { class: "field check" }, inactive, " ", h("label", { for: "hh-inactive" }, t("inactive"))),
    h("button", { type: "submit" }, ui("search")),
  );
  inactive.addEventListener("change", () => filters.requestSubmit());

  let register: HTMLElement | null = null;
  if (canWrite) {
    const fields = householdFields();
    const f = form(
      {
        draftKey: `household-new:${unitId}`,
        submitLabel: t("registerSave"),
        creates: true,
        onSubmit: async (key) => {
          // A new household leaves out what was not given rather than sending nulls.
          const body = Object.fromEntries(Object.entries(fields.read()).filter(([, v]) => v !== null));
          const r = await api<Household>("POST", `/units/${unitId}/households`, body, { idempotencyKey: key });
          void list.reload();
          return { message: [t("registered", { code: r.code, name: r.headName }), " ", h("a", { href: `${base}/households/${r.id}` }, t("open"))] };
        },
      },
      fields.el,
    );
    register = h("details", { class: "card" }, h("summary", null, t("register")), f);
  }

  fill(root, crumbs([base, unit.name]), heading(t("title")), filters, list.el, register);
}

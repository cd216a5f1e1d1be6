import { api, get } from "../api";
import type { HouseholdHistoryWire } from "../../../contributions/wire";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { hasAny, rolesOn, Unit } from "../roles";
import { bringIntoView, checkbox, dmy, form, heading, money, notice, spinner, title } from "../ui";
import { categoryLabel, crumbs, itemsTable } from "./_books";
import { Household, householdFields, HouseholdInput } from "./households";

// One household: its details (corrected by the treasurer), its PIN for the public lookup (shown
// once, when issued), and what it gave in every campaign, each receipt reversible with a reason.

const t = texts({
  vi: {
    households: "Hộ gia đình", details: "Thông tin hộ", code: "Mã hộ", headName: "Chủ hộ", address: "Địa chỉ", members: "Số khẩu", category: "Diện", phone: "Điện thoại",
    state: "Trạng thái", active: "Đang theo dõi", stopped: "Ngừng theo dõi", pin: "Mã PIN tra cứu", hasPin: "Đã cấp", noPin: "Chưa cấp", pinLocked: "Bị khóa vì nhập sai quá nhiều lần — hãy cấp lại PIN",
    edit: "Sửa thông tin hộ", editSave: "Lưu thông tin", edited: "Đã lưu thông tin hộ.", nothing: "Không có gì thay đổi.", isActive: "Hộ đang được theo dõi (bỏ chọn khi hộ chuyển đi, tách, nhập)",
    issuePin: "Cấp mã PIN", resetPin: "Cấp lại mã PIN", pinWarn: "Cấp lại sẽ làm mã PIN cũ hết hiệu lực.", pinShown: "Mã PIN mới của hộ:", pinOnce: "Mã này chỉ hiện MỘT LẦN. Hãy ghi lại và trao tận tay chủ hộ; hệ thống không lưu được để xem lại.",
    history: "Đóng góp qua các đợt", none: "Hộ chưa có khoản đóng góp nào.", paid: "Đã nộp", outstanding: "Đã đăng ký, chưa đóng", exempt: "Được miễn trong đợt này", reduced: "Được giảm mức đề nghị còn {amount} đ: {reason}", moves: "Chuyển thôn",
  },
  en: {
    households: "Households", details: "Household details", code: "Code", headName: "Head of household", address: "Address", members: "Members", category: "Category", phone: "Phone",
    state: "State", active: "Active", stopped: "Inactive", pin: "Lookup PIN", hasPin: "Issued", noPin: "Not issued", pinLocked: "Suspended after too many wrong attempts — issue a new PIN",
    edit: "Correct the household's details", editSave: "Save details", edited: "Household details saved.", nothing: "Nothing changed.", isActive: "Household is active (untick when it moved away, split or merged)",
    issuePin: "Issue a PIN", resetPin: "Reset the PIN", pinWarn: "A new PIN makes the old one stop working.", pinShown: "The household's new PIN:", pinOnce: "It is shown ONCE only. Write it down and hand it to the head of household; it cannot be shown again.",
    history: "Contributions in every campaign", none: "No contributions yet.", paid: "Paid", outstanding: "Pledged, not yet paid", exempt: "Exempt from this campaign", reduced: "Suggested amount reduced to {amount} đ: {reason}", moves: "Moves between hamlets",
  },
});

type History = HouseholdHistoryWire;

export default async function household({ root, params, me }: ScreenCtx): Promise<void> {
  const { unitId, householdId } = params;
  root.classList.add("books");
  fill(root, spinner());
  const [unit, hist] = await Promise.all([get<Unit>(`/units/${unitId}`), get<History>(`/units/${unitId}/households/${householdId}/history`)]);
  const canWrite = hasAny(rolesOn(me, unit), "treasurer", "admin");
  const base = `/app/units/${unit.id}`;
  let hh = hist.household;

  const facts = h("dl", { class: "facts" });
  const showFacts = () =>
    fill(
      facts,
      [
        [t("code"), hh.code],
        [t("headName"), hh.headName],
        [t("address"), hh.address ?? "—"],
        [t("members"), hh.members === null ? "—" : String(hh.members)],
        [t("category"), categoryLabel(hh.category)],
        [t("phone"), hh.phone ?? "—"],
        [t("state"), hh.isActive ? t("active") : t("stopped")],
        [t("pin"), hh.pinLocked ? t("pinLocked") : hh.hasPin ? t("hasPin") : t("noPin")],
      ].map(([k, v]) => [h("dt", null, k), h("dd", null, v)]),
    );
  showFacts();
  const name = title(`${hh.code} — ${hh.headName}`);

  let edit: HTMLElement | null = null;
  let pin: HTMLElement | null = null;
  if (canWrite) {
    const fields = householdFields(hh);
    const active = checkbox("isActive", t("isActive"), hh.isActive);
    const f = form(
      {
        draftKey: `household-edit:${hh.id}`,
        submitLabel: t("editSave"),
        onSubmit: async () => {
          // Only what changed goes to the server: the audit log then says exactly what was corrected.
          const next: HouseholdInput & { isActive: boolean } = { ...fields.read(), isActive: active.box.checked };
          const patch = Object.fromEntries(Object.entries(next).filter(([k, val]) => hh[k as keyof typeof next] !== val));
          if (!Object.keys(patch).length) return { message: t("nothing") };
          hh = await api<Household>("PATCH", `/units/${unitId}/households/${hh.id}`, patch);
          showFacts();
          fill(name, `${hh.code} — ${hh.headName}`);
          return { message: t("edited") };
        },
      },
      fields.el,
      active.el,
    );
    edit = h("details", { class: "card" }, h("summary", null, t("edit")), f);

    const shown = h("div", { "aria-live": "assertive" });
    const b = h("button", { type: "button", class: "secondary" }, hh.hasPin ? t("resetPin") : t("issuePin"));
    b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        const r = await api<{ pin: string }>("POST", `/units/${unitId}/households/${hh.id}/pin`);
        hh = { ...hh, hasPin: true, pinLocked: false };
        showFacts();
        b.textContent = t("resetPin");
        fill(shown, h("div", { class: "notice ok pin-once", role: "alert" }, h("p", null, t("pinShown")), h("p", { class: "pin" }, r.pin), h("p", null, h("strong", null, t("pinOnce")))));
      } catch (err) {
        fill(shown, notice("error", (err as Error).message));
      } finally {
        b.disabled = false;
      }
    });
    pin = h("div", { class: "card" }, h("h2", null, t("pin")), h("p", { class: "muted" }, t("pinWarn")), b, shown);
  }

  const history = h("div");
  const flash = h("div", { "aria-live": "polite" });
  const showHistory = (x: History) =>
    fill(
      history,
      x.campaigns.length
        ? x.campaigns.map((c) =>
            h(
              "section",
              { class: "card" },
              h("h3", null, c.unitId === unit.id ? h("a", { href: `${base}/campaigns/${c.campaignId}` }, c.name) : c.name),
              h("p", null, `${t("paid")}: `, h("strong", null, `${money(c.paid)} đ`), " · ", `${t("outstanding")}: `, h("strong", null, `${money(c.outstanding)} đ`), c.exempt ? [" · ", h("span", { class: "badge" }, t("exempt"))] : null),
              c.reduction ? h("p", null, t("reduced", { amount: money(c.reduction.suggested), reason: c.reduction.reason })) : null,
              c.items.length ? itemsTable(unitId, c.items, canWrite && c.unitId === unit.id, (msg) => void get<History>(`/units/${unitId}/households/${householdId}/history`).then((x) => { showHistory(x); const said = notice("ok", msg); fill(flash, said); bringIntoView(said); })) : null,
            ),
          )
        : h("p", { class: "empty" }, t("none")),
      x.moves.length ? [h("h3", null, t("moves")), h("ul", null, x.moves.map((m) => h("li", null, `${dmy(m.at)}: ${m.fromCode} → ${m.toCode}`)))] : null,
    );
  showHistory(hist);

  fill(root, crumbs([base, unit.name], [`${base}/households`, t("households")]), heading(name), h("h2", null, t("details")), facts, edit, pin, h("h2", null, t("history")), flash, history);
}

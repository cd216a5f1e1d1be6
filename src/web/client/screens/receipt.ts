import { api, download, get, session } from "../api";
import { fill, h } from "../dom";
import { householdPicker, needHousehold } from "./_books";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import type { Unit } from "../roles";
import { downloadButton, field, form, heading, input, money, moneyField, notice, select, spinner, today, words } from "../ui";

// Recording a receipt (phiếu thu) at a household's door: find the household by code or by name
// typed without diacritics, type the amount (separators appear, the words are read back), save
// once — a double tap or a retry after the signal drops records one receipt — then print or share
// the receipt PDF.

const t = texts({
  vi: {
    title: "Thu tiền đóng góp",
    campaign: "Đợt vận động", amount: "Số tiền", date: "Ngày thu", method: "Hình thức", cash: "Tiền mặt", bank: "Chuyển khoản",
    payer: "Người nộp (nếu không phải chủ hộ)", note: "Ghi chú", save: "Ghi phiếu thu", recorded: "Đã ghi phiếu thu {no}", pdf: "Tải phiếu thu (PDF)", share: "Chia sẻ phiếu thu",
    another: "Ghi phiếu thu khác", noCampaign: "Chưa có đợt vận động nào đang mở. Hãy mở một đợt trước.", back: "Về trang đơn vị",
  },
  en: {
    title: "Record a receipt",
    campaign: "Campaign", amount: "Amount", date: "Date received", method: "Method", cash: "Cash", bank: "Bank transfer",
    payer: "Paid by (if not the head)", note: "Note", save: "Record receipt", recorded: "Receipt {no} recorded", pdf: "Download receipt (PDF)", share: "Share receipt",
    another: "Record another receipt", noCampaign: "No campaign is open. Open one first.", back: "Back to the unit",
  },
});

interface Campaign { id: number; name: string; status: string }

export default async function receipt({ root, params }: ScreenCtx): Promise<void> {
  const unitId = params.unitId;
  fill(root, spinner());
  const [unit, campaigns] = await Promise.all([get<Unit>(`/units/${unitId}`), get<{ data: Campaign[] }>(`/units/${unitId}/campaigns`)]);
  const open = campaigns.data.filter((c) => c.status === "open");
  const head = [h("p", { class: "crumbs" }, h("a", { href: `/app/units/${unit.id}` }, `← ${unit.name}`)), heading(t("title"))];
  if (!open.length) return fill(root, ...head, notice("info", t("noCampaign"), " ", h("a", { href: `/app/units/${unit.id}/campaigns` }, "→")));

  const done = h("div", { "aria-live": "polite" });
  const f = form(
    {
      draftKey: `receipt:${unitId}`,
      submitLabel: t("save"),
      onSubmit: async (v, key) => {
        const body: Record<string, string | number> = { householdId: needHousehold(v), campaignId: Number(v.campaignId), amount: v.amount, date: v.date, method: v.method };
        if (v.payer.trim()) body.payer = v.payer.trim();
        if (v.note.trim()) body.note = v.note.trim();
        const r = await api<{ id: number; voucherNo: string; entry: { id: number } }>("POST", `/units/${unitId}/contributions`, body, { idempotencyKey: key });
        const pdf = () => download(`/units/${unitId}/statements/receipt.pdf`, `phieu-thu-${r.voucherNo}.pdf`, { entryId: r.entry.id });
        const share = async () => {
          const res = await fetch(`/api/v1/units/${unitId}/statements/receipt.pdf?entryId=${r.entry.id}`, { headers: { Authorization: `Bearer ${session()?.token ?? ""}` } });
          const file = new File([await res.blob()], `phieu-thu-${r.voucherNo}.pdf`, { type: "application/pdf" });
          if (navigator.canShare?.({ files: [file] })) await navigator.share({ files: [file], title: r.voucherNo });
          else await pdf();
        };
        fill(
          done,
          notice(
            "ok",
            h("strong", null, t("recorded", { no: r.voucherNo })),
            h("br"),
            `${v.householdLabel} · ${money(v.amount)} đ`,
            h("br"),
            h("em", null, words(v.amount)),
          ),
          h("div", { class: "actions" }, downloadButton(t("pdf"), pdf), "share" in navigator ? downloadButton(t("share"), share) : null, h("button", { type: "button", class: "secondary", on: { click: () => { done.replaceChildren(); f.hidden = false; (f.querySelector("input[type=search]") as HTMLInputElement)?.focus(); } } }, t("another"))),
        );
        f.reset();
        f.querySelectorAll<HTMLInputElement>("input[type=hidden]").forEach((i) => { i.value = ""; i.dispatchEvent(new Event("change")); });
        (f.elements.namedItem("date") as HTMLInputElement).value = v.date;
        (f.elements.namedItem("campaignId") as HTMLSelectElement).value = v.campaignId;
        f.hidden = true;
        (done.querySelector("button") as HTMLButtonElement | null)?.focus();
      },
    },
    householdPicker(unitId),
    field(t("campaign"), select("campaignId", open.map((c) => [String(c.id), c.name]))),
    moneyField(t("amount"), "amount", { required: true }),
    field(t("date"), input("date", { type: "date", value: today(), required: true })),
    field(t("method"), select("method", [["cash", t("cash")], ["bank", t("bank")]])),
    field(t("payer"), input("payer", { autocomplete: "name" })),
    field(t("note"), input("note")),
  );
  fill(root, ...head, done, f, h("p", null, h("a", { href: `/app/units/${unit.id}` }, t("back"))));
}

import { api, fetchFile, get, saveFile } from "../api";
import type { CampaignWire as Campaign } from "../../../contributions/wire";
import { fill, h } from "../dom";
import { householdPicker } from "./_books";
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


export default async function receipt({ root, params }: ScreenCtx): Promise<void> {
  const unitId = params.unitId;
  fill(root, spinner());
  const [unit, campaigns] = await Promise.all([get<Unit>(`/units/${unitId}`), get<{ data: Campaign[] }>(`/units/${unitId}/campaigns`)]);
  const open = campaigns.data.filter((c) => c.status === "open");
  const head = [h("p", { class: "crumbs" }, h("a", { href: `/app/units/${unit.id}` }, `← ${unit.name}`)), heading(t("title"))];
  if (!open.length) return fill(root, ...head, notice("info", t("noCampaign"), " ", h("a", { href: `/app/units/${unit.id}/campaigns` }, "→")));

  const done = h("div", { "aria-live": "polite" });
  const who = householdPicker(unitId);
  const campaign = select("campaignId", open.map((c) => [String(c.id), c.name]));
  const amount = moneyField(t("amount"), "amount", { required: true });
  const date = input("date", { type: "date", value: today(), required: true });
  const method = select("method", [["cash", t("cash")], ["bank", t("bank")]]);
  const payer = input("payer", { autocomplete: "name" });
  const note = input("note");
  const f = form(
    {
      draftKey: `receipt:${unitId}`,
      submitLabel: t("save"),
      onSubmit: async (key) => {
        const body: { householdId: number; campaignId: number; amount: string; date: string; method: string; payer?: string; note?: string } = {
          householdId: who.need(),
          campaignId: Number(campaign.value),
          amount: amount.value(),
          date: date.value,
          method: method.value,
        };
        if (payer.value.trim()) body.payer = payer.value.trim();
        if (note.value.trim()) body.note = note.value.trim();
        const r = await api<{ id: number; voucherNo: string; entry: { id: number } }>("POST", `/units/${unitId}/contributions`, body, { idempotencyKey: key });
        // money into the bank has the bank's credit advice, not a cash receipt voucher
        const bank = body.method === "bank";
        const name = `${bank ? "giay-bao-co" : "phieu-thu"}-${r.voucherNo}.pdf`;
        const fetchPdf = () => fetchFile(`/units/${unitId}/statements/${bank ? "bank-receipt" : "receipt"}.pdf`, { entryId: r.entry.id });
        const pdf = async () => saveFile(await fetchPdf(), name);
        const share = async () => {
          const got = await fetchPdf();
          const file = new File([got.blob], name, { type: "application/pdf" });
          if (navigator.canShare?.({ files: [file] })) await navigator.share({ files: [file], title: r.voucherNo });
          else saveFile(got, name);
        };
        const pdfButton = downloadButton(t("pdf"), pdf);
        const another = () => {
          done.replaceChildren();
          f.hidden = false;
          who.focus();
        };
        fill(
          done,
          notice("ok", h("strong", null, t("recorded", { no: r.voucherNo })), h("br"), `${who.label()} · ${money(body.amount)} đ`, h("br"), h("em", null, words(body.amount))),
          h("div", { class: "actions" }, pdfButton, "share" in navigator ? downloadButton(t("share"), share) : null, h("button", { type: "button", class: "secondary", on: { click: another } }, t("another"))),
        );
        // The next receipt is another household's, most likely on the same day in the same campaign.
        f.reset();
        date.value = body.date;
        campaign.value = String(body.campaignId);
        f.hidden = true;
        pdfButton.button.focus();
      },
    },
    who.el,
    field(t("campaign"), campaign),
    amount.el,
    field(t("date"), date),
    field(t("method"), method),
    field(t("payer"), payer),
    field(t("note"), note),
  );
  fill(root, ...head, done, f, h("p", null, h("a", { href: `/app/units/${unit.id}` }, t("back"))));
}

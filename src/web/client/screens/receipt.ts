import { api, fetchFile, get, saveFile } from "../api";
import type { CampaignWire as Campaign } from "../../../contributions/wire";
import { fill, h } from "../dom";
import { householdPicker, voucherFile } from "./_books";
import { campaignState } from "./campaigns";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import type { Unit } from "../roles";
import { dmy, downloadButton, field, form, heading, input, money, moneyField, notice, select, spinner, today, words } from "../ui";
import { receiptNotifiedLine } from "./_outbox";

// Recording a receipt (phiếu thu) at a household's door, in as few taps as the phone allows: the
// household search has the focus, Enter picks the household whose code was typed and moves on to
// the amount, the campaign last used in this unit (or the one whose page the treasurer came from)
// is already chosen, Enter in the amount saves — once: a double tap or a retry after the signal
// drops records one receipt. The answer says the voucher number, in view, with the receipt PDF (on
// A4, A5 or an 80 mm roll), "Chia sẻ" where the phone can share a file, and the next receipt.

const t = texts({
  vi: {
    title: "Thu tiền đóng góp",
    campaign: "Đợt vận động", amount: "Số tiền", date: "Ngày thu", method: "Hình thức", cash: "Tiền mặt", bank: "Chuyển khoản",
    payer: "Người nộp (nếu không phải chủ hộ)", note: "Ghi chú", save: "Ghi phiếu thu", recorded: "Đã ghi phiếu thu {no}", pdf: "Tải phiếu thu (PDF)", share: "Chia sẻ",
    another: "Ghi phiếu thu khác", noCampaign: "Chưa có đợt vận động nào đang mở. Hãy mở một đợt trước.", back: "Về trang đơn vị",
    paper: "Khổ giấy", a4: "A4", a5: "A5", roll80: "Cuộn 80 mm", expired: "{name} (đã hết hạn {date})",
  },
  en: {
    title: "Record a receipt",
    campaign: "Campaign", amount: "Amount", date: "Date received", method: "Method", cash: "Cash", bank: "Bank transfer",
    payer: "Paid by (if not the head)", note: "Note", save: "Record receipt", recorded: "Receipt {no} recorded", pdf: "Download receipt (PDF)", share: "Share",
    another: "Record another receipt", noCampaign: "No campaign is open. Open one first.", back: "Back to the unit",
    paper: "Paper", a4: "A4", a5: "A5", roll80: "80 mm roll", expired: "{name} (ended {date})",
  },
});

type Paper = "a4" | "a5" | "roll80";
const PAPERS: Paper[] = ["a4", "a5", "roll80"];

/** What this phone remembers per unit between receipts: the campaign last used, the paper last chosen. */
const remembered = (unitId: string, what: "campaign" | "paper") => `cfl.receipt.${what}:${unitId}`;
function recall(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage off: nothing remembered, the first campaign is chosen
  }
}
function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage off or full: the next receipt starts from the defaults
  }
}

export default async function receipt({ root, params, query }: ScreenCtx): Promise<void> {
  const unitId = params.unitId;
  fill(root, spinner());
  const [unit, campaigns] = await Promise.all([get<Unit>(`/units/${unitId}`), get<{ data: Campaign[] }>(`/units/${unitId}/campaigns`)]);
  // Campaigns taking receipts today first; one past its end still takes a receipt dated within it.
  const open = campaigns.data.filter((c) => campaignState(c) === "open");
  const expired = campaigns.data.filter((c) => campaignState(c) === "expired");
  const head = [h("p", { class: "crumbs" }, h("a", { href: `/app/units/${unit.id}` }, `← ${unit.name}`)), heading(t("title"))];
  if (!open.length && !expired.length) return fill(root, ...head, notice("info", t("noCampaign"), " ", h("a", { href: `/app/units/${unit.id}/campaigns` }, "→")));

  const ids = [...open, ...expired].map((c) => String(c.id));
  const wanted = [query.get("campaignId"), recall(remembered(unitId, "campaign"))].find((id) => id && ids.includes(id)) ?? ids[0];
  const amount = moneyField(t("amount"), "amount", { required: true, enterkeyhint: "done" });
  const who = householdPicker(unitId, undefined, () => amount.focus());
  const campaign = select("campaignId", [...open.map((c): [string, string] => [String(c.id), c.name]), ...expired.map((c): [string, string] => [String(c.id), t("expired", { name: c.name, date: dmy(c.endDate) })])], wanted);
  const date = input("date", { type: "date", value: today(), required: true });
  const method = select("method", [["cash", t("cash")], ["bank", t("bank")]]);
  const payer = input("payer", { autocomplete: "name" });
  const note = input("note");
  const paperKept = recall(remembered(unitId, "paper"));
  const paper: Paper = PAPERS.find((p) => p === paperKept) ?? "a4";
  let last: { date: string; campaignId: number } | undefined; // the receipt just recorded

  const f = form(
    {
      draftKey: `receipt:${unitId}`,
      submitLabel: t("save"),
      creates: true,
      // The next receipt is another household's, most likely on the same day in the same campaign.
      afterReset: () => {
        date.value = last?.date ?? today();
        campaign.value = last ? String(last.campaignId) : wanted;
      },
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
        remember(remembered(unitId, "campaign"), String(body.campaignId));
        last = body;
        const whoPaid = who.label();
        return { message: [h("strong", null, t("recorded", { no: r.voucherNo })), h("br"), `${whoPaid} · ${money(body.amount)} đ`, h("br"), h("em", null, words(body.amount)), h("br"), receiptNotifiedLine(unitId, r.id)], actions: nextSteps(r.voucherNo, r.entry.id, body.method === "bank") };
      },
    },
    who.el,
    amount.el,
    field(t("campaign"), campaign),
    field(t("date"), date),
    field(t("method"), method),
    field(t("payer"), payer),
    field(t("note"), note),
  );
  /** After a save: the receipt PDF on the paper chosen, shared where the phone can, and the next receipt. */
  const nextSteps = (voucherNo: string, entryId: number, bank: boolean) => {
    const choice = select("paper", PAPERS.map((p): [string, string] => [p, t(p)]), paper);
    choice.removeAttribute("name"); // not part of the receipt form's draft
    choice.addEventListener("change", () => remember(remembered(unitId, "paper"), choice.value));
    // Money into the bank has the bank's credit advice, not a cash receipt voucher.
    const fetchPdf = async () => {
      const q: Record<string, string | number> = { entryId };
      if (choice.value !== "a4") q.paper = choice.value;
      return voucherFile(await fetchFile(`/units/${unitId}/statements/${bank ? "bank-receipt" : "receipt"}.pdf`, q), voucherNo);
    };
    const pdf = downloadButton(t("pdf"), async () => saveFile(await fetchPdf(), `${voucherNo}.pdf`));
    pdf.button.classList.remove("secondary");
    const canShare = typeof navigator.canShare === "function" && navigator.canShare({ files: [new File([], `${voucherNo}.pdf`, { type: "application/pdf" })] });
    const share = canShare
      ? downloadButton(t("share"), async () => {
          const got = await fetchPdf();
          const file = new File([got.blob], got.name ?? `${voucherNo}.pdf`, { type: "application/pdf" });
          try {
            await navigator.share({ files: [file], title: voucherNo });
          } catch (err) {
            if ((err as Error)?.name !== "AbortError") throw err; // the user closed the share sheet
          }
        })
      : null;
    const another = h("button", { type: "button", class: "secondary", on: { click: () => who.focus() } }, t("another"));
    return [field(t("paper"), choice), pdf, share, another];
  };

  fill(root, ...head, f, h("p", null, h("a", { href: `/app/units/${unit.id}` }, t("back"))));
  who.focus();
}

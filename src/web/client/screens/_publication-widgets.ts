import type { PublicationWire, StatementKind, StatementParams } from "../../../publication/wire";
import { PLACES, POSTING_PLACES } from "../../../../reports/statements";
import { ApiError, fetchFile, saveFile } from "../api";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import { dmy, money, progressBar, ui, words } from "../ui";

// What the publication screens share: the statement kinds and posting places by name, a line
// saying what a statement covers, and fetching a statement with a visible "being made" state —
// a year's journal takes seconds to render, and a phone on a weak signal takes longer to fetch it.

export const pt = texts({
  vi: {
    "contribution-list": "Danh sách đóng góp", "receipts-payments": "Báo cáo công khai thu, chi", "work-settlement": "Báo cáo quyết toán công trình", "inspection-minutes": "Biên bản giám sát", receipt: "Phiếu thu",
    "trial-balance": "Bảng cân đối tài khoản", journal: "Sổ nhật ký",
    "cash-book": "Sổ quỹ tiền mặt", "bank-book": "Sổ tiền gửi ngân hàng, kho bạc", "payment-voucher": "Phiếu chi", "bank-receipt": "Giấy báo có", "board-report": "Báo cáo kết quả giám sát", board: "Ban số {id}",
    decision: "Thông báo kết quả quyết định của cộng đồng", decisionOf: "Quyết định số {id}",
    culture_house: "Nhà văn hoá thôn", commune_office: "Trụ sở UBND xã", loudspeaker: "Loa truyền thanh", website: "Trang thông tin điện tử", meeting: "Họp thôn", other: "Nơi khác",
    draft: "Bản nháp, chờ duyệt", published: "Đã công bố", superseded: "Đã có bản đính chính", making: "Đang tạo tệp…", received: "Đang tạo tệp… đã nhận {kb} KB",
    campaign: "Đợt vận động: {name}", work: "Công trình: {name}", inspection: "Đợt giám sát số {id}", period: "Từ {from} đến {to}", fund: "Quỹ {code}",
    pdf: "Xem trước (PDF)", xlsx: "Xem trước (Excel)", negative: "Âm",
  },
  en: {
    "contribution-list": "Contribution list", "receipts-payments": "Receipts and payments", "work-settlement": "Work settlement", "inspection-minutes": "Inspection minutes", receipt: "Receipt",
    "trial-balance": "Trial balance", journal: "Journal",
    "cash-book": "Cash book", "bank-book": "Bank book", "payment-voucher": "Payment voucher", "bank-receipt": "Bank credit advice", "board-report": "Board's supervision report", board: "Board no. {id}",
    decision: "Result of a residents' decision", decisionOf: "Decision no. {id}",
    culture_house: "Hamlet culture house", commune_office: "Commune office", loudspeaker: "Loudspeaker", website: "Website", meeting: "Hamlet meeting", other: "Elsewhere",
    draft: "Draft, awaiting approval", published: "Published", superseded: "Superseded by a correction", making: "Making the file…", received: "Making the file… {kb} KB received",
    campaign: "Campaign: {name}", work: "Work: {name}", inspection: "Inspection no. {id}", period: "From {from} to {to}", fund: "Fund {code}",
    pdf: "Preview (PDF)", xlsx: "Preview (Excel)", negative: "Minus",
  },
});

export type Kind = StatementKind;
/** The kinds a treasurer posts on the notice board (a single receipt goes to its household, not the wall). */
export const PUBLISHABLE: Kind[] = ["contribution-list", "receipts-payments", "work-settlement", "inspection-minutes", "decision", "trial-balance", "journal", "cash-book", "bank-book"];
/** Where a publication is posted (the draft's places), and where a posting's paper went up (the API takes fewer). */
export { PLACES, POSTING_PLACES };

export type { StatementParams };
export type Publication = PublicationWire;

export const kindName = (k: string) => pt(k as Kind);

/**
 * A statement's headline figures: each amount in figures and in words (as the paper prints it),
 * each count or ratio as written.
 */
export function figureList(figures: NonNullable<Publication["figures"]>): HTMLElement {
  const inWords = (amount: string) => (amount.startsWith("-") ? `${pt("negative")} ${words(amount.slice(1)).toLocaleLowerCase("vi")}` : words(amount));
  return h(
    "dl",
    { class: "facts figures" },
    figures.map((f) => [
      h("dt", null, f.label),
      "amount" in f
        ? h("dd", null, h("strong", { class: "nowrap" }, `${money(f.amount)} đ`), h("span", { class: "in-words" }, inWords(f.amount)))
        : h("dd", null, f.text),
    ]),
  );
}
export const placeName = (p: string) => pt(p as (typeof PLACES)[number]);

/** What the statement covers, in words ("Đợt vận động: Làm đường", "Từ 01/01/2025 đến 31/05/2025"). */
export function paramsText(p: StatementParams, lookups: { campaign?: (id: number) => string | undefined; work?: (id: number) => string | undefined } = {}): string {
  const parts: string[] = [];
  if (p.campaignId) parts.push(pt("campaign", { name: lookups.campaign?.(p.campaignId) ?? `#${p.campaignId}` }));
  if (p.workId) parts.push(pt("work", { name: lookups.work?.(p.workId) ?? `#${p.workId}` }));
  if (p.inspectionId) parts.push(pt("inspection", { id: p.inspectionId }));
  if (p.boardId) parts.push(pt("board", { id: p.boardId }));
  if (p.decisionId) parts.push(pt("decisionOf", { id: p.decisionId }));
  if (p.from && p.to) parts.push(pt("period", { from: dmy(p.from), to: dmy(p.to) }));
  if (p.fund) parts.push(pt("fund", { code: p.fund }));
  return parts.join(" · ");
}

/**
 * Fetches a file the API makes on demand (with the token) while a progress line says it is being
 * made and how much has arrived, then hands it to the browser as a download.
 */
export async function fetchWithProgress(path: string, query: Record<string, string | number | undefined>, fallbackName: string, status: HTMLElement): Promise<void> {
  const bar = progressBar(pt("making"));
  bar.set(null); // the size is not known until the last byte: the server streams as it renders
  fill(status, bar.el);
  try {
    const file = await fetchFile(path, query, (got) => bar.say(pt("received", { kb: Math.round(got / 1024) })));
    saveFile(file, fallbackName);
    fill(status, "");
  } catch (err) {
    fill(status, h("span", { class: "field-error", role: "alert" }, err instanceof ApiError ? (err.network ? ui("networkLost") : err.detail || err.code) : String(err)));
  }
}

/** Two buttons that fetch the statement as PDF and Excel with its parameters, showing progress. */
export function previewButtons(unitId: number | string, kind: () => string, params: () => Record<string, string | number | undefined> | null): HTMLElement {
  const status = h("div", { class: "preview-status", "aria-live": "polite" });
  const button = (ext: "pdf" | "xlsx") => {
    const b = h("button", { type: "button", class: "secondary" }, pt(ext));
    b.addEventListener("click", async () => {
      const p = params();
      if (!p) return;
      b.disabled = true;
      b.setAttribute("aria-busy", "true");
      try {
        await fetchWithProgress(`/units/${unitId}/statements/${kind()}.${ext}`, p, `${kind()}.${ext}`, status);
      } finally {
        b.disabled = false;
        b.removeAttribute("aria-busy");
      }
    });
    return b;
  };
  return h("div", { class: "preview" }, h("div", { class: "actions" }, button("pdf"), button("xlsx")), status);
}

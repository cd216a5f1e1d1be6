import { CHART } from "./chart";
import type { COST_CATEGORIES } from "./work-life";

// One name per account and cost category (DESIGN §3), for the statements, the Excel sheets, the web
// client and the loudspeaker script alike: a treasurer who reads "Phải trả người bán" on the wall
// finds the same words on the screen. Names are nouns; the phrases that use them ("Chi vật liệu")
// are made here too, so a prefix is never doubled ("Chi chi khác").

/** The fixed accounts' names, as the chart opens them. */
export const ACCOUNT_NAMES: Record<(typeof CHART)[keyof typeof CHART], string> = {
  [CHART.cash]: "Tiền mặt",
  [CHART.bank]: "Tiền gửi ngân hàng, kho bạc",
  // a household's unpaid pledge is never called a debt (nợ)
  [CHART.pledges]: "Phải thu các khoản đóng góp (đã đăng ký, chưa đóng)",
  [CHART.advances]: "Tạm ứng",
  [CHART.payables]: "Phải trả người bán",
  [CHART.heldForOthers]: "Nhận giữ hộ",
};

type CostCategory = (typeof COST_CATEGORIES)[number];

/** A work's cost categories. */
export const COST_CATEGORY_NAMES: Record<CostCategory, string> = {
  materials: "Vật liệu",
  labour: "Nhân công",
  machinery: "Máy thi công",
  other: "Chi phí khác",
};

const lower = (t: string) => t.charAt(0).toLocaleLowerCase("vi") + t.slice(1);

/** What paying for a category is called: "Chi vật liệu", "Chi phí khác" (not "Chi chi phí khác"). */
export function costPhrase(category: CostCategory): string {
  const name = COST_CATEGORY_NAMES[category];
  return /^chi\b/i.test(name) ? name : `Chi ${lower(name)}`;
}

/** The words of the receipts-and-payments statement. */
export const TERMS = {
  contributions: "Thu đóng góp",
  /** A pledge registered and not yet paid ("chưa đóng", never "nợ"). */
  pledgedUnpaid: "Đã đăng ký, chưa đóng",
  payables: ACCOUNT_NAMES[CHART.payables],
  advances: ACCOUNT_NAMES[CHART.advances],
  otherReceipts: "Các khoản thu không thuộc quỹ nào",
  otherPayments: "Các khoản chi không thuộc công trình nào",
} as const;

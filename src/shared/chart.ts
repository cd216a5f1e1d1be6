// The chart of accounts' fixed codes (DESIGN §3), named once, for the server and the web client:
// code elsewhere says CHART.cash, never "111". Funds (4xx), campaigns' revenue (7xx) and works'
// costs (8xx) get their codes when they are opened.

export const CHART = {
  /** 111 Tiền mặt: may never go below zero. */
  cash: "111",
  /** 112 Tiền gửi ngân hàng, kho bạc. */
  bank: "112",
  /** 131 Phải thu các khoản đóng góp: households' pledges not yet paid (never called a debt). */
  pledges: "131",
  /** 141 Tạm ứng: advances to a work's crew. */
  advances: "141",
  /** 331 Phải trả người bán: owed to suppliers and contractors. */
  payables: "331",
  /** 338 Nhận giữ hộ: money held for others. */
  heldForOthers: "338",
} as const;

export type FixedAccount = (typeof CHART)[keyof typeof CHART];

/** Where money is: cash and bank (and their sub-accounts, whose parent_code is one of them). */
export const MONEY_ACCOUNTS: readonly string[] = [CHART.cash, CHART.bank];

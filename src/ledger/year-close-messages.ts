import { registerProblems } from "../http/messages";

// The year's closing's problem texts (README lists every code).
registerProblems({
  fund_required: {
    vi: ["Chưa chọn quỹ kết chuyển", "Tài khoản {account} chưa có quỹ để kết chuyển vào: chọn quỹ (4xx) cho nó trong `funds`, hoặc một quỹ chung trong `fund`."],
    en: ["No fund to close into", "Account {account} has no fund to close into: name one (4xx) for it in `funds`, or a default in `fund`."],
  },
  not_a_fund: {
    vi: ["Không phải tài khoản quỹ", "Tài khoản {account} không phải tài khoản quỹ (4xx) của đơn vị."],
    en: ["Not a fund", "Account {account} is not one of the unit's funds (4xx)."],
  },
});

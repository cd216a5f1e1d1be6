import { expect } from "chai";
import { parseDong } from "../../src/shared/money";
import { expensePostings, inKindPostings, pledgePostings, receiptPostings, reversalPostings, transferPostings } from "../../src/ledger";

// The postings each domain event makes: what every path (single receipt, import, approval) posts,
// written out here as the books show them.
describe("ledger: domain postings", () => {
  const d = (s: string) => parseDong(s);
  const wire = (ps: { account?: string; accountId?: number; amount: unknown; memo?: string | null }[]) =>
    ps.map((p) => ({ account: p.account ?? `#${p.accountId}`, amount: String(p.amount), memo: p.memo ?? null }));

  it("when a receipt partly settles a pledge, then 111 is debited and 131 and the campaign's revenue are credited", () => {
    expect(wire(receiptPostings({ method: "cash", amount: d("500000"), toPledge: d("300000"), revenueAccountId: 7 }))).to.deep.equal([
      { account: "111", amount: "500000", memo: null },
      { account: "131", amount: "-300000", memo: "Thu theo đăng ký" },
      { account: "#7", amount: "-200000", memo: null },
    ]);
  });

  it("when a bank receipt settles no pledge, then only 112 and the revenue move", () => {
    expect(wire(receiptPostings({ method: "bank", amount: d("500000"), toPledge: d("0"), revenueAccountId: 7 }))).to.deep.equal([
      { account: "112", amount: "500000", memo: null },
      { account: "#7", amount: "-500000", memo: null },
    ]);
  });

  it("when a receipt only settles a pledge, then no revenue line is made", () => {
    expect(wire(receiptPostings({ method: "cash", amount: d("300000"), toPledge: d("300000"), revenueAccountId: 7 })).map((p) => p.account)).to.deep.equal(["111", "131"]);
  });

  it("when a pledge, an in-kind gift, a payment, a transfer and a reversal are built, then each balances with the expected accounts", () => {
    expect(wire(pledgePostings({ amount: d("100"), revenueAccountId: 7 }))).to.deep.equal([{ account: "131", amount: "100", memo: null }, { account: "#7", amount: "-100", memo: null }]);
    expect(wire(inKindPostings({ amount: d("100"), inKindAccountId: 9, revenueAccountId: 7 })).map((p) => p.account)).to.deep.equal(["#9", "#7"]);
    expect(wire(expensePostings({ kind: "expense", method: "payable", amount: d("100"), costAccountId: 12 })).map((p) => p.account)).to.deep.equal(["#12", "331"]);
    expect(wire(expensePostings({ kind: "advance", method: "bank", amount: d("100") })).map((p) => p.account)).to.deep.equal(["141", "112"]);
    expect(wire(transferPostings({ from: "cash", to: "bank", amount: d("100") })).map((p) => `${p.account} ${p.amount}`)).to.deep.equal(["112 100", "111 -100"]);
    expect(wire(reversalPostings([{ account: "111", amount: d("100"), memo: "x" }, { account: "711", amount: d("-100"), memo: null }]))).to.deep.equal([
      { account: "111", amount: "-100", memo: "x" },
      { account: "711", amount: "100", memo: null },
    ]);
  });
});

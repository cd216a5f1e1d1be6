import { expect } from "chai";
import { parseDong } from "../../src/shared/money";
import { checkEntry, EntryAccounts, EntryState } from "../../src/ledger/check-entry";
import type { AccountRow } from "../../src/ledger/queries";
import type { EntryInput } from "../../src/ledger";

// The ledger's rules on one entry, decided without a database: what the API answers for each.
describe("ledger: checking an entry (no database)", () => {
  const account = (id: number, code: string, type: string, more: Partial<AccountRow> = {}): AccountRow => ({
    id, unit_id: 1, code, name: code, type, parent_code: null, no_overdraft: code === "111", is_active: true, created_at: "2025-01-01T00:00:00.000Z", ...more,
  });
  const rows = [account(1, "111", "asset"), account(2, "112", "asset"), account(3, "711", "revenue"), account(4, "8011", "expense"), account(5, "511", "revenue", { is_active: false })];
  const accounts: EntryAccounts = { byCode: new Map(rows.map((a) => [a.code, a])), byId: new Map(rows.map((a) => [a.id, a])) };
  accounts.byId.set(99, { ...account(99, "111", "asset"), unit_id: 2 }); // another unit's cash
  const state = (more: Partial<EntryState> = {}): EntryState => ({ unitId: 1, today: "2025-06-30", closedThrough: null, entry: 0, several: false, ...more });
  const entry = (postings: EntryInput["postings"], more: Partial<EntryInput> = {}): EntryInput => ({ date: "2025-06-01", kind: "adjustment", description: "x", postings, ...more });
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      const e = err as { code?: string; errors?: { code: string; path: string }[] };
      return e.errors ? `${e.errors[0].code} ${e.errors[0].path}` : e.code;
    }
    return "accepted";
  };
  const check = (e: EntryInput, s = state()) => code(() => checkEntry(e, accounts, s));

  it("when an entry balances on active accounts of the unit, then it is accepted with its amounts in exact đồng", () => {
    const checked = checkEntry(entry([{ account: "111", amount: "1250000" }, { accountId: 3, amount: parseDong("-1250000"), memo: "m" }]), accounts, state());
    expect(checked.postings.map((p) => [p.acc.code, p.wire, p.dong, p.memo])).to.deep.equal([["111", "1250000", 1250000n, null], ["711", "-1250000", -1250000n, "m"]]);
  });

  it("when an entry does not balance, has one posting or a zero amount, then it is refused with the rule's code", () => {
    expect(check(entry([{ account: "111", amount: "100" }, { account: "711", amount: "-99" }]))).to.equal("unbalanced_entry");
    expect(check(entry([{ account: "111", amount: "100" }]))).to.equal("unbalanced_entry");
    expect(check(entry([{ account: "111", amount: "0" }, { account: "711", amount: "0" }]))).to.equal("zero_amount");
    expect(check(entry([{ account: "111", amount: "1.5" }, { account: "711", amount: "-1.5" }]))).to.equal("invalid_amount /postings/0/amount");
  });

  it("when an account is unknown, of another unit or inactive, then it is refused naming it", () => {
    expect(check(entry([{ account: "999", amount: "100" }, { account: "711", amount: "-100" }]))).to.equal("unknown_account");
    expect(check(entry([{ accountId: 99, amount: "100" }, { account: "711", amount: "-100" }]))).to.equal("unknown_account");
    expect(check(entry([{ account: "111", amount: "100" }, { account: "511", amount: "-100" }]))).to.equal("account_inactive");
  });

  it("when the date is invalid, after today or in a closed period, then it is refused; the day after the closing is open", () => {
    expect(check(entry([{ account: "111", amount: "1" }, { account: "711", amount: "-1" }], { date: "2025-02-30" }))).to.equal("invalid_date /date");
    expect(check(entry([{ account: "111", amount: "1" }, { account: "711", amount: "-1" }], { date: "2025-07-01" }))).to.equal("future_date");
    const closed = state({ closedThrough: "2025-05-31" });
    expect(check(entry([{ account: "111", amount: "1" }, { account: "711", amount: "-1" }], { date: "2025-05-31" }), closed)).to.equal("period_closed");
    expect(check(entry([{ account: "111", amount: "1" }, { account: "711", amount: "-1" }], { date: "2025-06-01" }), closed)).to.equal("accepted");
  });

  it("when a manual payment pays out more than the approval limit, then it is refused; at the limit, or moving money between cash and bank, it is accepted", () => {
    const limited = state({ approvalLimit: parseDong("5000000") });
    expect(check(entry([{ account: "8011", amount: "5000001" }, { account: "111", amount: "-5000001" }]), limited)).to.equal("approval_required");
    expect(check(entry([{ account: "8011", amount: "5000000" }, { account: "112", amount: "-5000000" }]), limited)).to.equal("accepted");
    expect(check(entry([{ account: "112", amount: "9000000" }, { account: "111", amount: "-9000000" }]), limited)).to.equal("accepted");
  });

  it("when one of several entries is refused, then its paths name the entry", () => {
    expect(check(entry([{ account: "111", amount: "x" }, { account: "711", amount: "-1" }]), state({ entry: 3, several: true }))).to.equal("invalid_amount /entries/3/postings/0/amount");
  });
});

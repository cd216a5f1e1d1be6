import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";

describe("ledger: smoke", () => {
  it("when a treasurer posts an opening and a payment, then balances, trial balance and verify agree", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const api = t.as(w.treasurerA.token);
    const U = `/units/${w.hamletA}`;
    expect((await api.post(`${U}/accounts`, { code: "411", name: "Quỹ khuyến học", type: "net_assets" })).status).to.equal(201);
    const open = await api.post(`${U}/entries`, { date: "2025-01-01", kind: "opening", description: "Số dư đầu năm", postings: [{ account: "111", amount: "5000000" }, { account: "411", amount: "-5000000" }] });
    expect(open.status, JSON.stringify(open.body)).to.equal(201);
    expect(open.body.voucherNo).to.equal("PK-2025-000001");
    const over = await api.post(`${U}/entries`, { date: "2025-01-02", kind: "expense", description: "Chi", postings: [{ account: "111", amount: "-6000000" }, { account: "411", amount: "6000000" }] });
    expect(over.status, JSON.stringify(over.body)).to.equal(422);
    expect(over.body.code).to.equal("overdraft");
    const bal = await api.get(`${U}/accounts/111/balance?at=2025-01-31`);
    expect(bal.body.balance).to.equal("5000000");
    const tb = await api.get(`${U}/trial-balance?from=2025-01-01&to=2025-12-31`);
    expect(tb.body.totals.debit).to.equal(tb.body.totals.credit);
    const v = await api.get(`${U}/ledger/verify`);
    expect(v.body).to.deep.include({ ok: true, entries: 1 });
    const h = await api.get(`${U}/journal.hledger`);
    expect(h.status).to.equal(200);
    expect(h.text).to.contain("assets:111 Tiền mặt  5000000");
  });
});

import { expect } from "chai";
import { testApp } from "../helpers/app";
import { refused } from "../helpers/refused";
import { world } from "../helpers/given";
import { checkLedgerInvariants } from "../helpers/invariants";
import { campaign } from "../helpers/given-contributions";

// L17: closing a year moves each revenue and expense account's balance into its fund by one
// closing entry on 31/12 (on the chain like any entry); the balances after it open the next year;
// the year's trial balance shows before and after closing.

const entry = (date: string, postings: [string, string][], kind = "adjustment", description = "Bút toán thử") => ({
  date, kind, description, postings: postings.map(([account, amount]) => ({ account, amount })),
});

async function setup() {
  const t = await testApp({ now: "2026-01-10T03:00:00.000Z" });
  const w = await world(t, { only: ["treasurerA", "headA", "treasurerB"] });
  const api = t.as(w.treasurerA.token);
  const head = t.as(w.headA.token);
  const U = `/units/${w.hamletA}`;
  const open = async (code: string, name: string, type: string, parentCode?: string) =>
    expect((await api.post(`${U}/accounts`, { code, name, type, ...(parentCode && { parentCode }) })).status).to.equal(201);
  await open("411", "Quỹ làm đường", "net_assets");
  await open("412", "Quỹ khuyến học", "net_assets");
  await open("711", "Thu đóng góp làm đường", "revenue", "411");
  await open("712", "Thu đóng góp khuyến học", "revenue");
  await open("811", "Chi vật liệu làm đường", "expense", "411");
  await open("812", "Chi phần thưởng học sinh", "expense");
  const post = async (e: object) => expect((await api.post(`${U}/entries`, e)).status).to.equal(201);
  await post(entry("2025-03-01", [["111", "50000000"], ["711", "-50000000"]], "contribution", "Thu đóng góp làm đường"));
  await post(entry("2025-04-01", [["811", "3000000"], ["111", "-3000000"]], "expense", "Mua xi măng"));
  await post(entry("2025-05-01", [["111", "4000000"], ["712", "-4000000"]], "contribution", "Thu khuyến học"));
  await post(entry("2025-09-05", [["812", "1500000"], ["111", "-1500000"]], "expense", "Thưởng học sinh giỏi"));
  return { t, w, api, head, U };
}

const row = (tb: { rows: { account: string }[] }, code: string) => tb.rows.find((r) => r.account === code) as Record<string, string>;

describe("ledger: closing a year", () => {
  it("moves each revenue and expense balance into its fund by one entry on 31/12 and answers the next year's opening balances", async () => {
    const { t, api, head, U } = await setup();
    const r = await head.post(`${U}/year-closings`, { year: 2025, funds: { "712": "412", "812": "412" } });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body.year).to.equal(2025);
    const e = await api.get(`${U}/entries/${r.body.entryId}`);
    expect(e.body.date).to.equal("2025-12-31");
    expect(e.body.voucherNo).to.match(/^PK-2025-/);
    const amounts = Object.fromEntries(e.body.postings.map((p: { account: string; amount: string }) => [p.account, p.amount]));
    // 711 (parent 411) and 811 (parent 411) into 411: 50,000,000 − 3,000,000; 712 and 812 into 412 as named.
    expect(amounts).to.deep.equal({ "711": "50000000", "811": "-3000000", "712": "4000000", "812": "-1500000", "411": "-47000000", "412": "-2500000" });
    const opening = Object.fromEntries(r.body.nextYearOpening.map((b: { account: string; balance: string }) => [b.account, b.balance]));
    expect(opening).to.deep.equal({ "111": "49500000", "411": "-47000000", "412": "-2500000" });
    // The year is closed as a period: nothing more can be posted into it.
    await refused(t, () => api.post(`${U}/entries`, entry("2025-12-30", [["111", "1000"], ["711", "-1000"]])), 422, "period_closed");
    // 2026 opens on those balances; revenue and expense start from zero.
    const tb2026 = (await api.get(`${U}/trial-balance`).query({ from: "2026-01-01", to: "2026-01-09" })).body;
    expect(row(tb2026, "411").opening).to.equal("-47000000");
    expect(row(tb2026, "711").opening).to.equal("0");
    expect(row(tb2026, "812").opening).to.equal("0");
    expect((await api.get(`${U}/ledger/verify`)).body.ok).to.equal(true);
    expect((await api.get(`${U}/year-closings`)).body.data).to.have.length(1);
    await checkLedgerInvariants(t.db);
  });

  it("shows the closed year's trial balance before and after closing", async () => {
    const { api, head, U } = await setup();
    expect((await head.post(`${U}/year-closings`, { year: 2025, fund: "412", funds: { "711": "411" } })).status).to.equal(201);
    const q = { from: "2025-01-01", to: "2025-12-31" };
    const after = (await api.get(`${U}/trial-balance`).query({ ...q, stage: "after" })).body;
    const before = (await api.get(`${U}/trial-balance`).query({ ...q, stage: "before" })).body;
    expect(after.stage).to.equal("after");
    expect(before.stage).to.equal("before");
    expect(row(before, "711").closing).to.equal("-50000000");
    expect(row(before, "811").closing).to.equal("3000000");
    expect(row(before, "411").closing).to.equal("0");
    expect(row(after, "711").closing).to.equal("0");
    expect(row(after, "811").closing).to.equal("0");
    expect(row(after, "411").closing).to.equal("-47000000");
    expect(row(after, "412").closing).to.equal("-2500000");
    // Both stages balance: debits equal credits and the closings sum to zero.
    for (const tb of [before, after]) {
      expect(tb.totals.debit).to.equal(tb.totals.credit);
      expect(tb.totals.closing).to.equal("0");
    }
    // The default (no stage) is the books as they are.
    expect((await api.get(`${U}/trial-balance`).query(q)).body.rows).to.deep.equal(after.rows);
  });

  it("refuses a year without a fund for an account, a fund that is not one, a year not over, and a second closing", async () => {
    const { t, head, U } = await setup();
    const noFund = await refused(t, () => head.post(`${U}/year-closings`, { year: 2025 }), 422, "fund_required");
    expect(noFund.account).to.equal("712");
    await refused(t, () => head.post(`${U}/year-closings`, { year: 2025, fund: "111" }), 422, "not_a_fund");
    await refused(t, () => head.post(`${U}/year-closings`, { year: 2026, fund: "412" }), 422, "period_not_over");
    expect((await head.post(`${U}/year-closings`, { year: 2025, fund: "412" })).status).to.equal(201);
    await refused(t, () => head.post(`${U}/year-closings`, { year: 2025, fund: "412" }), 409, "already_closed");
    const attempt = await t.db("year_closings").update({ year: 2024 }).then(() => "updated", (e: Error) => e.message);
    expect(attempt).to.match(/append_only/);
  });

  it("closes a year with no revenue or expense by the period alone", async () => {
    const t = await testApp({ now: "2026-01-10T03:00:00.000Z" });
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const r = await t.as(w.headA.token).post(`/units/${w.hamletA}/year-closings`, { year: 2025 });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body.entryId).to.equal(null);
    expect(r.body.nextYearOpening).to.deep.equal([]);
  });
});

describe("ledger: closing a year, campaigns' funds", () => {
  it("closes a campaign's revenue into the fund it raises for, without the request naming it", async () => {
    const { t, api, head, U, w } = await setup();
    const c = await campaign(t, w, { fundAccount: "412" });
    expect((await api.post(`${U}/entries`, entry("2025-06-01", [["111", "700000"], [c.revenueAccount, "-700000"]], "contribution", "Thu đóng góp khuyến học"))).status).to.equal(201);
    const r = await head.post(`${U}/year-closings`, { year: 2025, funds: { "712": "412", "812": "412" } });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    const e = await api.get(`${U}/entries/${r.body.entryId}`);
    const amounts = Object.fromEntries(e.body.postings.map((p: { account: string; amount: string }) => [p.account, p.amount]));
    expect(amounts[c.revenueAccount]).to.equal("700000");
    // 412 takes the campaign's 700,000 with 712 less 812 (4,000,000 − 1,500,000).
    expect(amounts["412"]).to.equal("-3200000");
  });
});

import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";

describe("ledger: paged reads", () => {
  it("when the register and journal are read a page at a time, then pages join up in order and the running balance carries over", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const api = t.as(w.treasurerA.token);
    const U = `/units/${w.hamletA}`;
    // Posted out of date order on purpose: the books read by date, then by chain order.
    const dates = ["2025-03-01", "2025-01-05", "2025-02-10", "2025-01-05", "2025-03-01", "2025-02-01", "2025-01-20"];
    for (const [i, date] of dates.entries()) {
      const amount = String((i + 1) * 1000);
      const r = await api.post(`${U}/entries`, { date, kind: "adjustment", description: `Nhận giữ hộ ${i}`, postings: [{ account: "111", amount }, { account: "338", amount: `-${amount}` }] });
      expect(r.status).to.equal(201);
    }
    const rows: any[] = [];
    let cursor = "";
    let pages = 0;
    do {
      const r = await api.get(`${U}/accounts/111/register?from=2025-01-01&to=2025-12-31&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(r.status).to.equal(200);
      rows.push(...r.body.rows);
      cursor = r.body.nextCursor ?? "";
      pages++;
    } while (cursor);
    expect(pages).to.equal(3);
    expect(rows.map((r) => r.date)).to.deep.equal([...dates].sort());
    let running = 0;
    for (const r of rows) {
      running += Number(r.debit) - Number(r.credit);
      expect(r.balance).to.equal(String(running));
    }
    expect(running).to.equal(28000);
    const seen: string[] = [];
    cursor = "";
    do {
      const r = await api.get(`${U}/journal?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...r.body.data.map((e: any) => `${e.date}#${e.seq}`));
      cursor = r.body.nextCursor ?? "";
    } while (cursor);
    const expected = dates.map((d, i) => `${d}#${i + 1}`).sort((a, b) => (a.split("#")[0] === b.split("#")[0] ? Number(a.split("#")[1]) - Number(b.split("#")[1]) : a < b ? -1 : 1));
    expect(seen).to.deep.equal(expected);
  });
});

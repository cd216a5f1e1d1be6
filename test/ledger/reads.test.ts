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

  it("when a screen asks for the newest first (order=desc), then the register's pages join up backwards with each line's balance as in date order, and entries come newest first; without it the order is as before", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const api = t.as(w.treasurerA.token);
    const U = `/units/${w.hamletA}`;
    const dates = ["2025-03-01", "2025-01-05", "2025-02-10", "2025-01-05", "2025-03-01", "2025-02-01", "2025-01-20"];
    for (const [i, date] of dates.entries()) {
      const amount = String((i + 1) * 1000);
      const r = await api.post(`${U}/entries`, { date, kind: "adjustment", description: `Nhận giữ hộ ${i}`, postings: [{ account: "111", amount }, { account: "338", amount: `-${amount}` }] });
      expect(r.status).to.equal(201);
    }
    // a payment in the period too, and one after it (outside `to`)
    for (const [date, amount] of [["2025-02-10", "2500"], ["2025-04-01", "700"]]) {
      expect((await api.post(`${U}/entries`, { date, kind: "adjustment", description: "Trả lại", postings: [{ account: "338", amount }, { account: "111", amount: `-${amount}` }] })).status).to.equal(201);
    }
    const read = async (order: string) => {
      const rows: any[] = [];
      let cursor = "";
      do {
        const r = await api.get(`${U}/accounts/111/register?from=2025-01-10&to=2025-03-31&limit=2&order=${order}${cursor ? `&cursor=${cursor}` : ""}`);
        expect(r.status).to.equal(200);
        if (!cursor) expect(r.body.opening).to.equal("6000"); // the two lines of 05/01
        rows.push(...r.body.rows.map((x: any) => `${x.date} ${x.debit}-${x.credit} = ${x.balance}`));
        cursor = r.body.nextCursor ?? "";
      } while (cursor);
      return rows;
    };
    const forward = await read("asc");
    expect(forward).to.have.length(6);
    expect(await read("desc")).to.deep.equal([...forward].reverse());
    expect(forward[forward.length - 1]).to.equal("2025-03-01 5000-0 = 25500");

    const seqs = async (order?: string) => (await api.get(`${U}/entries?limit=50${order ? `&order=${order}` : ""}`)).body.data.map((e: any) => e.seq);
    const chain = await seqs();
    expect(chain).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const newest: number[] = [];
    let cursor = "";
    do {
      const r = await api.get(`${U}/entries?limit=4&order=desc${cursor ? `&cursor=${cursor}` : ""}`);
      newest.push(...r.body.data.map((e: any) => e.seq));
      cursor = r.body.nextCursor ?? "";
    } while (cursor);
    expect(newest).to.deep.equal([...chain].reverse());
    expect((await api.get(`${U}/entries?order=sideways`)).status).to.equal(400);
  });
});

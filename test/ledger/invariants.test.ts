import { expect } from "chai";
import { testApp, TestApp } from "../helpers/app";
import { refused } from "../helpers/refused";
import { world, PASSWORD } from "../helpers/given";
import { checkLedgerInvariants } from "../helpers/invariants";

// DESIGN §4: each rule of the ledger, attacked through the API (and the database), on both engines.

const entry = (date: string, postings: [string, string][], kind = "adjustment", description = "Bút toán thử") => ({
  date,
  kind,
  description,
  postings: postings.map(([account, amount]) => ({ account, amount })),
});

async function setup(now = "2025-06-15T03:00:00.000Z") {
  const t = await testApp({ now });
  const w = await world(t, { only: ["treasurerA", "headA", "treasurerB"] });
  const api = t.as(w.treasurerA.token);
  const U = `/units/${w.hamletA}`;
  expect((await api.post(`${U}/accounts`, { code: "411", name: "Quỹ khuyến học", type: "net_assets" })).status).to.equal(201);
  expect((await api.post(`${U}/accounts`, { code: "811", name: "Chi vật liệu", type: "expense" })).status).to.equal(201);
  return { t, w, api, U };
}

async function opening(api: ReturnType<TestApp["as"]>, U: string, cash = "20000000") {
  const r = await api.post(`${U}/entries`, entry("2025-01-02", [["111", cash], ["411", `-${cash}`]], "opening", "Số dư đầu kỳ"));
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body;
}

describe("ledger: invariants", () => {
  // Every test leaves a consistent ledger, whatever it tried (the tampering test opts out).
  let checked: TestApp | undefined;
  afterEach(async () => {
    const t = checked;
    checked = undefined;
    if (t) await checkLedgerInvariants(t.db);
  });

  // For the tests that write rows straight into the database: the books opened through the API,
  // and hamlet A's cash (111) and fund (411) accounts.
  async function straightIn() {
    const s = await setup();
    checked = s.t;
    const first = await opening(s.api, s.U, "1000000");
    const acc = await s.t.db("accounts").where({ unit_id: s.w.hamletA, code: "111" }).first();
    const acc411 = await s.t.db("accounts").where({ unit_id: s.w.hamletA, code: "411" }).first();
    return { ...s, first, acc, acc411 };
  }

  it("when an entry does not balance, then it is refused as unbalanced_entry and nothing is written", async () => {
    const { t, api, U } = await setup();
    checked = t;
    const r = await refused(t, () => api.post(`${U}/entries`, entry("2025-01-02", [["111", "1000"], ["411", "-999"]])), 422, "unbalanced_entry");
    expect(r.difference).to.equal("1");
    await refused(t, () => api.post(`${U}/entries`, entry("2025-01-02", [["111", "1000"]])), 422, "unbalanced_entry");
    await refused(t, () => api.post(`${U}/entries`, entry("2025-01-02", [["111", "0"], ["411", "0"]])), 422, "zero_amount");
  });

  it("when a posting names an account of another unit or an inactive one, then it is refused", async () => {
    const { t, w, api, U } = await setup();
    checked = t;
    const b = t.as(w.treasurerB.token);
    expect((await b.post(`/units/${w.hamletB}/accounts`, { code: "412", name: "Quỹ đường", type: "net_assets" })).status).to.equal(201);
    await refused(t, () => api.post(`${U}/entries`, entry("2025-01-02", [["111", "1000"], ["412", "-1000"]])), 422, "unknown_account");
    expect((await api.patch(`${U}/accounts/411`, { isActive: false })).status).to.equal(200);
    await refused(t, () => api.post(`${U}/entries`, entry("2025-01-02", [["111", "1000"], ["411", "-1000"]])), 422, "account_inactive");
    // and the treasurer of B cannot post into A at all
    await refused(t, () => b.post(`${U}/entries`, entry("2025-01-02", [["111", "1000"], ["412", "-1000"]])), 404, "not_found");
  });

  it("when amounts are not whole-đồng strings, then each is a 400 naming the posting's path", async () => {
    const { t, api, U } = await setup();
    checked = t;
    for (const bad of [1250000, "12.5", "1e6", "-0", "", "12345678901234567890", " 100", "1.250.000", "0x10", null]) {
      const body = { date: "2025-01-02", kind: "adjustment", description: "x", postings: [{ account: "111", amount: bad }, { account: "411", amount: "-100" }] };
      const r = await refused(t, () => api.post(`${U}/entries`, body), 400, "validation_failed");
      expect(r.errors.map((e: any) => e.path), String(bad)).to.include("/postings/0/amount");
    }
    const ok = await api.post(`${U}/entries`, entry("2025-01-02", [["111", "1250000"], ["411", "-1250000"]]));
    expect(ok.status).to.equal(201);
    expect(ok.body.postings.map((p: any) => p.amount)).to.deep.equal(["1250000", "-1250000"]);
  });

  it("when many large amounts are summed, then balances stay exact beyond 2^53", async () => {
    const { t, api, U } = await setup();
    checked = t;
    const big = "999999999999999"; // 15 digits, the most one posting may carry
    const entries = Array.from({ length: 50 }, () => entry("2025-01-02", [["111", big], ["411", `-${big}`]]));
    expect((await api.post(`${U}/entries/batch`, { entries })).status).to.equal(201);
    const bal = await api.get(`${U}/accounts/111/balance?at=2025-01-02`);
    expect(bal.body.balance).to.equal("49999999999999950"); // 50 × (10^15 − 1), past 2^53 ≈ 9.007e15
    const tb = await api.get(`${U}/trial-balance?from=2025-01-01&to=2025-01-31`);
    expect(tb.body.rows.find((r: any) => r.account === "411").closing).to.equal("-49999999999999950");
  });

  it("when a payment would overdraw cash, then it is refused as overdraft", async () => {
    const { t, api, U } = await setup();
    checked = t;
    await opening(api, U, "1000000");
    const r = await refused(t, () => api.post(`${U}/entries`, entry("2025-01-03", [["811", "1000001"], ["111", "-1000001"]], "expense")), 422, "overdraft");
    expect(r.shortBy).to.equal("1");
    expect((await api.post(`${U}/entries`, entry("2025-01-03", [["811", "1000000"], ["111", "-1000000"]], "expense"))).status).to.equal(201);
  });

  it("when a back-dated payment would have made cash negative on an earlier day, then it is refused", async () => {
    const { t, api, U } = await setup();
    checked = t;
    await opening(api, U, "1000000");
    // 2025-02-01: pay out 800.000 (leaves 200.000); 2025-03-01: 5.000.000 comes in.
    expect((await api.post(`${U}/entries`, entry("2025-02-01", [["811", "800000"], ["111", "-800000"]], "expense"))).status).to.equal(201);
    expect((await api.post(`${U}/entries`, entry("2025-03-01", [["111", "5000000"], ["411", "-5000000"]]))).status).to.equal(201);
    // Today cash holds 5.200.000, but a 500.000 payment dated 2025-01-20 would leave 2025-02-01 at -300.000.
    const r = await refused(t, () => api.post(`${U}/entries`, entry("2025-01-20", [["811", "500000"], ["111", "-500000"]], "expense")), 422, "overdraft");
    expect(r.negativeOn).to.equal("2025-02-01");
    // Dated after the money came in, the same payment is fine.
    expect((await api.post(`${U}/entries`, entry("2025-03-02", [["811", "500000"], ["111", "-500000"]], "expense"))).status).to.equal(201);
  });

  it("when 50 payments of 1.000.000 race for 20.000.000 in cash, then exactly 20 succeed with gapless vouchers", async () => {
    const { t, api, U } = await setup();
    checked = t;
    await opening(api, U, "20000000");
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api.post(`${U}/entries`, entry("2025-01-05", [["811", "1000000"], ["111", "-1000000"]], "expense", `Chi lần ${i}`))),
    );
    const ok = results.filter((r) => r.status === 201);
    expect(ok).to.have.length(20);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.code === "overdraft")).to.equal(true);
    expect(results.filter((r) => r.status !== 201 && r.status !== 422)).to.have.length(0);
    expect((await api.get(`${U}/accounts/111/balance?at=2025-01-05`)).body.balance).to.equal("0");
    const vouchers = ok.map((r) => r.body.voucherNo).sort();
    expect(vouchers).to.deep.equal(Array.from({ length: 20 }, (_, i) => `PC-2025-${String(i + 1).padStart(6, "0")}`));
  });

  it("when entries are posted, then vouchers are gapless per series and year, even after refused requests", async () => {
    const { t, api, U } = await setup();
    checked = t;
    await opening(api, U, "5000000");
    const post = (date: string, kind: string, amount: string) =>
      api.post(`${U}/entries`, entry(date, kind === "expense" ? [["811", amount], ["111", `-${amount}`]] : [["111", amount], ["411", `-${amount}`]], kind));
    expect((await post("2025-01-06", "expense", "100")).body.voucherNo).to.equal("PC-2025-000001");
    expect((await post("2025-01-06", "expense", "999999999")).status).to.equal(422); // refused: no number used
    expect((await post("2025-01-07", "expense", "100")).body.voucherNo).to.equal("PC-2025-000002");
    expect((await post("2025-01-07", "contribution", "100")).body.voucherNo).to.equal("PT-2025-000001");
    expect((await post("2025-01-07", "adjustment", "100")).body.voucherNo).to.equal("PK-2025-000002");
    // a new year starts each series again
    t.clock.set("2026-01-10T03:00:00.000Z");
    const token = (await t.as().post("/auth/login", { username: "treasurer.a", password: PASSWORD })).body.token;
    const r = await t.as(token).post(`${U}/entries`, entry("2026-01-02", [["811", "100"], ["111", "-100"]], "expense"));
    expect(r.body.voucherNo).to.equal("PC-2026-000001");
  });

  it("when a period is closed, then its dates refuse entries and the closing keeps balances and chain head", async () => {
    const { t, w, api, U } = await setup();
    checked = t;
    await opening(api, U, "3000000");
    const treasurerClose = await t.as(w.treasurerA.token).post(`${U}/closings`, { through: "2025-01-31" });
    expect(treasurerClose.status).to.equal(403);
    const c = await t.as(w.headA.token).post(`${U}/closings`, { through: "2025-01-31" });
    expect(c.status, JSON.stringify(c.body)).to.equal(201);
    expect(c.body.balances.find((b: any) => b.account === "111").balance).to.equal("3000000");
    expect(c.body.chainHead.seq).to.equal(1);
    await refused(t, () => api.post(`${U}/entries`, entry("2025-01-31", [["111", "1000"], ["411", "-1000"]])), 422, "period_closed");
    await refused(t, () => t.as(w.headA.token).post(`${U}/closings`, { through: "2025-01-15" }), 409, "already_closed");
    expect((await api.post(`${U}/entries`, entry("2025-02-01", [["111", "1000"], ["411", "-1000"]]))).status).to.equal(201);
    expect((await api.get(`${U}/closings`)).body.data).to.have.length(1);
  });

  it("when an Idempotency-Key is replayed, then the original answer comes back; with another body it is a 409", async () => {
    const { t, api, U } = await setup();
    checked = t;
    await opening(api, U, "3000000");
    const body = entry("2025-01-08", [["811", "250000"], ["111", "-250000"]], "expense");
    const first = await api.post(`${U}/entries`, body).set("Idempotency-Key", "phieu-chi-42");
    expect(first.status).to.equal(201);
    const again = await api.post(`${U}/entries`, body).set("Idempotency-Key", "phieu-chi-42");
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    await refused(t, () => api.post(`${U}/entries`, { ...body, description: "khác" }).set("Idempotency-Key", "phieu-chi-42"), 409, "idempotency_conflict");
    // concurrent retries of one request record it once
    const race = await Promise.all(Array.from({ length: 8 }, () => api.post(`${U}/entries`, body).set("Idempotency-Key", "phieu-chi-43")));
    expect(race.map((r) => r.status)).to.deep.equal(Array(8).fill(201));
    expect(new Set(race.map((r) => r.body.id)).size).to.equal(1);
    expect((await api.get(`${U}/accounts/111/balance?at=2025-01-31`)).body.balance).to.equal("2500000");
  });

  it("when an entry is reversed, then its mirror restores the balances, once only, and a reversal cannot be reversed", async () => {
    const { t, api, U } = await setup();
    checked = t;
    await opening(api, U, "3000000");
    const pay = (await api.post(`${U}/entries`, entry("2025-01-09", [["811", "400000"], ["111", "-400000"]], "expense"))).body;
    const rev = await api.post(`${U}/entries/${pay.id}/reversal`, { date: "2025-01-10", reason: "Ghi nhầm số tiền" });
    expect(rev.status, JSON.stringify(rev.body)).to.equal(201);
    expect(rev.body.kind).to.equal("reversal");
    expect(rev.body.reverses).to.equal(pay.id);
    expect(rev.body.voucherNo).to.match(/^PK-2025-/);
    expect(rev.body.description).to.contain("Ghi nhầm số tiền").and.contain(pay.voucherNo);
    expect(rev.body.postings.map((p: any) => [p.account, p.amount])).to.deep.equal([["811", "-400000"], ["111", "400000"]]);
    expect((await api.get(`${U}/accounts/111/balance?at=2025-01-10`)).body.balance).to.equal("3000000");
    expect((await api.get(`${U}/entries/${pay.id}`)).body.reversedBy).to.equal(rev.body.id);
    await refused(t, () => api.post(`${U}/entries/${pay.id}/reversal`, { date: "2025-01-10", reason: "lần hai" }), 409, "already_reversed");
    await refused(t, () => api.post(`${U}/entries/${rev.body.id}/reversal`, { date: "2025-01-10", reason: "đảo lại" }), 409, "cannot_reverse_reversal");
    await refused(t, () => api.post(`${U}/entries`, { ...entry("2025-01-10", [["111", "1"], ["411", "-1"]]), kind: "reversal" }), 400, "validation_failed");
  });

  it("when a reversal would overdraw cash, then it is refused too", async () => {
    const { t, api, U } = await setup();
    checked = t;
    const receipt = await opening(api, U, "1000000");
    expect((await api.post(`${U}/entries`, entry("2025-01-03", [["811", "900000"], ["111", "-900000"]], "expense"))).status).to.equal(201);
    await refused(t, () => api.post(`${U}/entries/${receipt.id}/reversal`, { date: "2025-01-04", reason: "nhầm" }), 422, "overdraft");
  });

  it("when a batch has one bad entry, then none of it is written", async () => {
    const { t, api, U } = await setup();
    checked = t;
    await opening(api, U, "1000000");
    const entries = [
      entry("2025-01-03", [["811", "100000"], ["111", "-100000"]], "expense"),
      entry("2025-01-03", [["811", "100000"], ["111", "-100000"]], "expense"),
      entry("2025-01-03", [["811", "900000"], ["111", "-900000"]], "expense"), // overdraws after the first two
    ];
    const r = await refused(t, () => api.post(`${U}/entries/batch`, { entries }), 422, "overdraft");
    expect(r.entry).to.equal(2);
    const ok = await api.post(`${U}/entries/batch`, { entries: entries.slice(0, 2) });
    expect(ok.status).to.equal(201);
    expect(ok.body.data.map((e: any) => e.voucherNo)).to.deep.equal(["PC-2025-000001", "PC-2025-000002"]);
  });

  it("when a batch draws early on an account that may go negative and later back-dates a cash payment, then the cash payment is refused on the day it would break", async () => {
    const { t, api, U } = await setup();
    checked = t;
    await opening(api, U, "1000000");
    expect((await api.post(`${U}/entries`, entry("2025-03-01", [["811", "900000"], ["111", "-900000"]], "expense"))).status).to.equal(201);
    const entries = [
      // 411 is no cash: it may be drawn on from any day, which must not hide what cash may do.
      entry("2025-01-02", [["111", "50000"], ["411", "-50000"]]),
      entry("2025-02-10", [["811", "200000"], ["111", "-200000"]], "expense"), // leaves 2025-03-01 at -50.000
    ];
    const r = await refused(t, () => api.post(`${U}/entries/batch`, { entries }), 422, "overdraft");
    expect(r).to.include({ account: "111", entry: 1, negativeOn: "2025-03-01", shortBy: "50000" });
    entries[1] = entry("2025-02-10", [["811", "150000"], ["111", "-150000"]], "expense"); // exactly to zero
    expect((await api.post(`${U}/entries/batch`, { entries })).status).to.equal(201);
    expect((await api.get(`${U}/accounts/111/balance?at=2025-03-01`)).body.balance).to.equal("0");
  });

  it("when someone runs UPDATE or DELETE on entries or postings, then the database refuses", async () => {
    const { t, w, api, U } = await setup();
    checked = t;
    await opening(api, U, "1000000");
    expect((await t.as(w.headA.token).post(`${U}/closings`, { through: "2025-01-31" })).status).to.equal(201);
    for (const attempt of [
      () => t.db("postings").update({ amount: 1 }),
      () => t.db("postings").delete(),
      () => t.db("entries").update({ description: "sửa lén" }),
      () => t.db("entries").delete(),
      () => t.db("audit_events").delete(),
      () => t.db("closings").delete(),
    ]) {
      let failed = false;
      await attempt().catch((e: Error) => {
        failed = true;
        expect(e.message).to.match(/append_only/);
      });
      expect(failed).to.equal(true);
    }
  });

  it("when someone inserts an unbalanced or out-of-chain entry straight into the database, then the triggers refuse", async () => {
    const { t, w, api, U, first, acc, acc411 } = await straightIn();
    const row = {
      id: 999, unit_id: w.hamletA, seq: 2, voucher_series: "PK", voucher_year: 2025, voucher_number: 2, voucher_no: "PK-2025-000002",
      entry_date: "2025-01-03", kind: "adjustment", description: "lén", created_at: "2025-01-03T00:00:00Z", prev_hash: first.hash, hash: "f".repeat(64),
    };
    const posting = (amount: number) => ({ entry_id: 999, unit_id: w.hamletA, entry_date: "2025-01-03", seq: 2, account_id: acc.id, amount });
    const tryInsert = async (postings: object[], entryRow: object) => {
      let msg = "";
      await t.db.transaction(async (trx) => {
        await trx("postings").insert(postings);
        await trx("entries").insert(entryRow);
      }).catch((e: Error) => (msg = e.message));
      return msg;
    };
    expect(await tryInsert([posting(5), { ...posting(-4), account_id: acc411.id }], row)).to.match(/unbalanced_entry/);
    expect(await tryInsert([posting(5), { ...posting(-5), account_id: acc411.id }], { ...row, seq: 3 })).to.match(/posting_mismatch|chain_broken/);
    expect(await tryInsert([posting(5), { ...posting(-5), account_id: acc411.id }], { ...row, prev_hash: "0".repeat(64) })).to.match(/chain_broken/);
    expect(await tryInsert([posting(5), { ...posting(-5), account_id: acc411.id }], { ...row, voucher_number: 7 })).to.match(/voucher_gap/);
    expect(await tryInsert([posting(5), { ...posting(-5), account_id: acc411.id }], { ...row, id: first.id })).to.not.equal("");
    expect(await t.db("entries").count({ n: "*" }).first()).to.deep.equal({ n: t.dialect === "postgres" ? "1" : 1 });
  });

  it("when several entries inserted straight into the database in one statement skip a seq, break a link or a voucher number, then all are refused", async () => {
    const { t, w, api, U, first, acc, acc411 } = await straightIn();
    // Three entries after the opening (seq 2..4, PK 1..3), each with its two postings.
    const rows = [2, 3, 4].map((seq) => ({
      id: 900 + seq, unit_id: w.hamletA, seq, voucher_series: "PK", voucher_year: 2025, voucher_number: seq - 1, voucher_no: `PK-2025-00000${seq}`,
      entry_date: "2025-01-03", kind: "adjustment", description: "lén", created_at: "2025-01-03T00:00:00Z",
      prev_hash: seq === 2 ? first.hash : `${seq - 1}`.repeat(64), hash: `${seq}`.repeat(64),
    }));
    const postingsOf = (r: { id: number; seq: number }) => [
      { entry_id: r.id, unit_id: w.hamletA, entry_date: "2025-01-03", seq: r.seq, account_id: acc.id, amount: 5 },
      { entry_id: r.id, unit_id: w.hamletA, entry_date: "2025-01-03", seq: r.seq, account_id: acc411.id, amount: -5 },
    ];
    const tryInsert = async (entryRows: typeof rows) => {
      let msg = "";
      await t.db.transaction(async (trx) => {
        await trx("postings").insert(entryRows.flatMap(postingsOf));
        await trx("entries").insert(entryRows); // one statement
      }).catch((e: Error) => (msg = e.message));
      return msg;
    };
    // The opening took PK-2025-000001: these are numbered from 2.
    const numbered = rows.map((r) => ({ ...r, voucher_number: r.voucher_number + 1 }));
    expect(await tryInsert([numbered[0], numbered[1], { ...numbered[2], seq: 5 }])).to.match(/chain_broken/);
    expect(await tryInsert([numbered[0], { ...numbered[1], prev_hash: "9".repeat(64) }, numbered[2]])).to.match(/chain_broken/);
    expect(await tryInsert([numbered[0], numbered[1], { ...numbered[2], voucher_number: numbered[2].voucher_number + 1 }])).to.match(/voucher_gap/);
    expect(await tryInsert([{ ...numbered[0], prev_hash: "0".repeat(64) }, numbered[1], numbered[2]])).to.match(/chain_broken/);
    expect(await t.db("entries").count({ n: "*" }).first()).to.deep.equal({ n: t.dialect === "postgres" ? "1" : 1 });
    // The same three, well formed, go in; the next entry through the API follows them.
    expect(await tryInsert(numbered)).to.equal("");
    const next = await api.post(`${U}/entries`, entry("2025-01-04", [["111", "7"], ["411", "-7"]]));
    expect(next.status, JSON.stringify(next.body)).to.equal(201);
    expect(next.body.seq).to.equal(5);
    expect(next.body.voucherNo).to.equal("PK-2025-000005");
    if (t.dialect === "postgres") {
      // PostgreSQL keeps each unit's head in a table only the entries trigger may write.
      for (const attempt of [
        () => t.db("ledger_heads").update({ seq: 1 }),
        () => t.db("ledger_heads").delete(),
        () => t.db("voucher_heads").update({ voucher_number: 1 }),
        () => t.db("voucher_heads").insert({ unit_id: w.hamletB, voucher_series: "PT", voucher_year: 2025, voucher_number: 9 }),
      ]) {
        const msg = await attempt().then(() => "", (e: Error) => e.message);
        expect(msg).to.match(/append_only/);
      }
      expect(await t.db("ledger_heads").where({ unit_id: w.hamletA }).first()).to.deep.include({ seq: "5", hash: next.body.hash });
    }
    // Entries written straight in carry made-up hashes: verify must say so, and it is the only break.
    const v = await api.get(`${U}/ledger/verify`);
    expect(v.body.ok).to.equal(false);
    expect(v.body.firstBroken.seq).to.equal(2);
    checked = undefined;
  });

  it("when rows straight into the database add to a posted entry, use a foreign or inactive account, a closed date or reverse a reversal, then the triggers refuse", async () => {
    const { t, w, api, U, first, acc, acc411 } = await straightIn();
    const foreign = await t.db("accounts").where({ unit_id: w.hamletB, code: "111" }).first();
    expect((await api.patch(`${U}/accounts/811`, { isActive: false })).status).to.equal(200);
    const inactive = await t.db("accounts").where({ unit_id: w.hamletA, code: "811" }).first();
    const row = {
      id: 999, unit_id: w.hamletA, seq: 2, voucher_series: "PK", voucher_year: 2025, voucher_number: 2, voucher_no: "PK-2025-000002",
      entry_date: "2025-01-03", kind: "adjustment", description: "lén", created_at: "2025-01-03T00:00:00Z", prev_hash: first.hash, hash: "f".repeat(64),
    };
    const posting = (accountId: number, amount: number, entryId = 999, date = "2025-01-03") => ({ entry_id: entryId, unit_id: w.hamletA, entry_date: date, seq: 2, account_id: accountId, amount });
    const attempt = (write: (trx: typeof t.db) => Promise<unknown>) =>
      t.db.transaction(async (trx) => { await write(trx as unknown as typeof t.db); }).then(() => "", (e: Error) => e.message);
    // Postings for an entry already in the books.
    expect(await attempt((trx) => trx("postings").insert([posting(acc.id, 5, first.id), posting(acc411.id, -5, first.id)]))).to.match(/entry_posted/);
    // An account of another hamlet, an inactive one.
    expect(await attempt((trx) => trx("postings").insert([posting(foreign.id, 5), posting(acc411.id, -5)]))).to.match(/unknown_account/);
    expect(await attempt((trx) => trx("postings").insert([posting(inactive.id, 5), posting(acc411.id, -5)]))).to.match(/account_inactive/);
    // A date inside a closed period.
    expect((await t.as(w.headA.token).post(`${U}/closings`, { through: "2025-01-05" })).status).to.equal(201);
    expect(await attempt(async (trx) => {
      await trx("postings").insert([posting(acc.id, 5), posting(acc411.id, -5)]);
      await trx("entries").insert(row);
    })).to.match(/period_closed/);
    // After the closing: a reversal of the opening goes in; a reversal of that reversal does not.
    const rev = await api.post(`${U}/entries/${first.id}/reversal`, { date: "2025-01-10", reason: "nhầm" });
    expect(rev.status, JSON.stringify(rev.body)).to.equal(201);
    const late = { ...row, seq: 3, voucher_number: 3, voucher_no: "PK-2025-000003", entry_date: "2025-01-11", prev_hash: rev.body.hash, reverses_id: rev.body.id, kind: "reversal" };
    expect(await attempt(async (trx) => {
      await trx("postings").insert([{ ...posting(acc.id, 5, 999, "2025-01-11"), seq: 3 }, { ...posting(acc411.id, -5, 999, "2025-01-11"), seq: 3 }]);
      await trx("entries").insert(late);
    })).to.match(/cannot_reverse_reversal/);
    expect(await t.db("entries").count({ n: "*" }).first()).to.deep.equal({ n: t.dialect === "postgres" ? "2" : 2 });
  });

  it("when a row is changed by someone who dropped the trigger, then verify names the first broken entry", async () => {
    const { t, w, api, U } = await setup();
    for (let i = 0; i < 5; i++) {
      expect((await api.post(`${U}/entries`, entry("2025-01-03", [["111", String(1000 + i)], ["411", String(-(1000 + i))]]))).status).to.equal(201);
    }
    expect((await api.get(`${U}/ledger/verify`)).body).to.deep.include({ ok: true, entries: 5 });
    const third = await t.db("entries").where({ unit_id: w.hamletA, seq: 3 }).first();
    if (t.dialect === "postgres") {
      await t.db.raw("ALTER TABLE postings DISABLE TRIGGER postings_append_only");
      await t.db("postings").where({ entry_id: third.id, amount: 1002 }).update({ amount: 9002 });
      await t.db("postings").where({ entry_id: third.id, amount: -1002 }).update({ amount: -9002 });
    } else {
      await t.db.raw("DROP TRIGGER postings_no_update");
      await t.db("postings").where({ entry_id: third.id, amount: 1002 }).update({ amount: 9002 });
      await t.db("postings").where({ entry_id: third.id, amount: -1002 }).update({ amount: -9002 });
    }
    const v = await api.get(`${U}/ledger/verify`);
    expect(v.status).to.equal(200);
    expect(v.body.ok).to.equal(false);
    expect(v.body.firstBroken).to.deep.equal({ seq: 3, reason: "hash_mismatch" });
    expect(v.body.head.seq).to.equal(2);
  });
});

import { execFile } from "node:child_process";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect } from "chai";
import { testApp, TestApp } from "../helpers/app";
import { world, World } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { fixtureInspection } from "../helpers/given-works";
import { cutTail, tamper } from "../helpers/tamper";
import { entryHash, ZERO_HASH } from "../../src/ledger";

// The books' promise to residents: what is recorded cannot be quietly changed. Someone holding the
// database can still drop the triggers and cut the chain's tail (or change a row); these tests show
// that every head the system recorded elsewhere (an anchor) then names the cut, and that everything
// an entry shows is covered by its hash.

type Anchor = { kind: string; id: number; seq: number; hash: string };

async function setup() {
  const t = await testApp();
  const w = await world(t, { only: ["treasurerA", "headA", "inspector"] });
  const api = t.as(w.treasurerA.token);
  const U = `/units/${w.hamletA}`;
  /** Money into cash: Dr 111 / Cr 338. */
  const post = async (amount: string, date = "2025-01-02", extra: Record<string, unknown> = {}) => {
    const r = await api.post(`${U}/entries`, {
      date, kind: "adjustment", description: `Nhận giữ hộ ${amount}`, ...extra,
      postings: [{ account: "111", amount, memo: "tiền mặt" }, { account: "338", amount: `-${amount}` }],
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return r.body as { id: number; seq: number; hash: string };
  };
  const verify = async () => {
    const r = await api.get(`${U}/ledger/verify`);
    expect(r.status).to.equal(200);
    return r.body;
  };
  return { t, w, api, U, post, verify };
}

/** The answer verify must give once entries from `cutFrom` on are gone and `anchor` lies above the cut. */
function missingAfter(cutFrom: number, head: { seq: number; hash: string }, anchor: Anchor) {
  return { ok: false, entries: cutFrom - 1, head, firstBroken: { seq: cutFrom, reason: "missing_after_anchor", anchor } };
}

describe("security: a cut in the books is seen", () => {
  it("when entries after a closing's head are deleted, then verify names missing_after_anchor with the closing", async () => {
    const { t, w, post, verify } = await setup();
    const first = await post("1000", "2025-01-02");
    await post("2000", "2025-01-03");
    const third = await post("3000", "2025-01-04");
    const c = await t.as(w.headA.token).post(`/units/${w.hamletA}/closings`, { through: "2025-05-31" });
    expect(c.status, JSON.stringify(c.body)).to.equal(201);
    expect(await verify()).to.deep.include({ ok: true, entries: 3 });
    await cutTail(t.db, w.hamletA, 2);
    expect(await verify()).to.deep.equal(missingAfter(2, { seq: 1, hash: first.hash }, { kind: "closing", id: c.body.id, seq: 3, hash: third.hash }));
  });

  it("when entries up to a publication's head are deleted, then verify names it and its public verification says chainIntact: false", async () => {
    const { t, w, U, api, post, verify } = await setup();
    const first = await post("1000");
    const second = await post("2000");
    const d = await api.post(`${U}/publications`, { statement: { kind: "trial-balance", params: { from: "2025-01-01", to: "2025-06-30" } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-31" });
    expect(d.status, JSON.stringify(d.body)).to.equal(201);
    const a = await t.as(w.headA.token).post(`${U}/publications/${d.body.id}/approve`);
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    expect(a.body.chainHead).to.equal(`2:${second.hash}`);
    const check = () => t.as().get(`/public/verify/${a.body.code}?hash=${a.body.dataHash}`);
    expect((await check()).body).to.include({ genuine: true, chainIntact: true, current: true });
    await cutTail(t.db, w.hamletA, 2);
    expect(await verify()).to.deep.equal(missingAfter(2, { seq: 1, hash: first.hash }, { kind: "publication", id: d.body.id, seq: 2, hash: second.hash }));
    // Nothing was posted after it, yet it is not current: the head it was made from is gone.
    expect((await check()).body).to.include({ genuine: true, chainIntact: false, current: false, newerEntries: 0 });
    const page = await t.api.get(`/verify/${a.body.code}?hash=${a.body.dataHash}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include('id="chain-broken"');
  });

  it("when an issued receipt's entry is deleted, then verify names missing_after_anchor with the receipt", async () => {
    const { t, w, U, api, post, verify } = await setup();
    const first = await post("1000");
    const h = await household(t, w, "DT-001");
    const c = await campaign(t, w);
    const r = await api.post(`${U}/contributions`, { householdId: h.id, campaignId: c.id, amount: "500000", date: "2025-03-05", method: "cash" });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(await verify()).to.deep.include({ ok: true, entries: 2 });
    await cutTail(t.db, w.hamletA, 2);
    expect(await verify()).to.deep.equal(missingAfter(2, { seq: 1, hash: first.hash }, { kind: "receipt", id: r.body.id, seq: 2, hash: r.body.entry.hash }));
  });

  it("when entries a cash count saw are deleted, then verify names missing_after_anchor with the count, whose head is shown", async () => {
    const { t, w, post, verify } = await setup();
    const first = await post("1000");
    const second = await post("250000");
    const count = await t.as(w.inspector.token).post(`/boards/${w.board}/cash-counts`, {
      unitId: w.hamletA, at: "2025-06-14T16:30:00Z", denominations: [{ value: "200000", count: 1 }, { value: "50000", count: 1 }, { value: "1000", count: 1 }], counters: [w.inspector.id],
    });
    expect(count.status, JSON.stringify(count.body)).to.equal(201);
    expect(count.body).to.include({ difference: "0", chainHead: `2:${second.hash}` });
    await cutTail(t.db, w.hamletA, 2);
    expect(await verify()).to.deep.equal(missingAfter(2, { seq: 1, hash: first.hash }, { kind: "cash_count", id: count.body.id, seq: 2, hash: second.hash }));
  });

  it("when entries an inspection saw when filed are deleted, then verify names missing_after_anchor with the inspection, whose head is shown", async () => {
    const { t, w, post, verify } = await setup();
    const first = await post("1000");
    const i = await fixtureInspection(t, w, { unitId: w.hamletA });
    const second = await post("2000"); // after the draft, before filing: the head is taken when filed
    const filed = await t.as(w.inspector.token).post(`/boards/${w.board}/inspections/${i.id}/transitions`, { to: "filed" });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(200);
    expect(filed.body).to.include({ status: "filed", chainHead: `2:${second.hash}` });
    await post("3000"); // the books go on after it
    expect(await verify()).to.deep.include({ ok: true, entries: 3 });
    await cutTail(t.db, w.hamletA, 2);
    expect(await verify()).to.deep.equal(missingAfter(2, { seq: 1, hash: first.hash }, { kind: "inspection", id: i.id, seq: 2, hash: second.hash }));
  });

  it("when the chain is cut and recomputed so that every hash links again, then the anchor at that seq names anchor_mismatch", async () => {
    const { t, w, U, api, post, verify } = await setup();
    await post("1000");
    const second = await post("2000");
    const c = await t.as(w.headA.token).post(`${U}/closings`, { through: "2025-05-31" });
    expect(c.status).to.equal(201);
    // Entry 2 changed and its hash recomputed as the server would: the chain itself is whole again.
    await tamper(t.db, "entries", { unit_id: w.hamletA, seq: 2 }, { description: "Nhận giữ hộ 2000 (đã sửa)" });
    const row = (await api.get(`${U}/entries/${second.id}`)).body;
    const rehashed = entryHash(row.prevHash, { ...row, postings: row.postings.map((p: any) => ({ account: p.account, amount: p.amount, memo: p.memo })) });
    await tamper(t.db, "entries", { unit_id: w.hamletA, seq: 2 }, { hash: rehashed });
    expect(await verify()).to.deep.include({
      ok: false,
      firstBroken: { seq: 2, reason: "anchor_mismatch", anchor: { kind: "closing", id: c.body.id, seq: 2, hash: second.hash } },
    });
  });
});

describe("security: every shown field of an entry is in its hash", () => {
  it("when any shown field of an entry or its postings is changed in the database, then verify breaks at that entry; restored, it holds", async () => {
    const { t, w, U, api, post, verify } = await setup();
    const first = await post("1000");
    const h = await household(t, w, "DT-001");
    const c = await campaign(t, w);
    const r = await api.post(`${U}/contributions`, { householdId: h.id, campaignId: c.id, amount: "500000", date: "2025-03-05", method: "cash" });
    expect(r.status).to.equal(201);
    const e = await t.db("entries").where({ id: r.body.entry.id }).first();
    expect(Number(e.hash_version)).to.equal(2);
    const p = await t.db("postings").where({ entry_id: e.id }).orderBy("id").first();
    const other = await t.db("accounts").where({ unit_id: w.hamletA, code: "338" }).first();
    const changes: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ["entries", { voucher_no: "PT-2025-000009" }, { voucher_no: e.voucher_no }],
      ["entries", { entry_date: "2025-03-06" }, { entry_date: e.entry_date }],
      ["entries", { kind: "adjustment" }, { kind: e.kind }],
      ["entries", { description: `${e.description}.` }, { description: e.description }],
      ["entries", { created_by: w.headA.id }, { created_by: e.created_by }],
      ["entries", { created_by_name: "Người khác" }, { created_by_name: e.created_by_name }],
      ["entries", { created_at: "2025-06-15T03:00:01.000Z" }, { created_at: e.created_at }],
      ["entries", { payee: "Công ty X" }, { payee: e.payee }],
      ["entries", { household_id: null }, { household_id: e.household_id }],
      ["entries", { campaign_id: null }, { campaign_id: e.campaign_id }],
      ["entries", { work_id: 1 }, { work_id: e.work_id }],
      ["entries", { reverses_id: first.id }, { reverses_id: e.reverses_id }],
      ["entries", { hash_version: 1 }, { hash_version: e.hash_version }],
      ["postings", { memo: "ghi chú khác" }, { memo: p.memo }],
      ["postings", { account_id: other.id }, { account_id: p.account_id }],
    ];
    for (const [table, change, back] of changes) {
      const where = table === "entries" ? { id: e.id } : { id: p.id };
      await tamper(t.db, table, where, change);
      const v = await verify();
      expect(v.ok, `${table} ${JSON.stringify(change)}`).to.equal(false);
      expect(v.firstBroken.seq, `${table} ${JSON.stringify(change)}`).to.equal(2);
      await tamper(t.db, table, where, back);
      expect(await verify(), `restored ${JSON.stringify(back)}`).to.deep.include({ ok: true, entries: 2 });
    }
    // An amount: both sides changed, so that the entry still balances.
    await tamper(t.db, "postings", { entry_id: e.id, amount: 500000 }, { amount: 400000 });
    await tamper(t.db, "postings", { entry_id: e.id, amount: -500000 }, { amount: -400000 });
    expect((await verify()).firstBroken).to.deep.equal({ seq: 2, reason: "hash_mismatch" });
    await tamper(t.db, "postings", { entry_id: e.id, amount: 400000 }, { amount: 500000 });
    await tamper(t.db, "postings", { entry_id: e.id, amount: -400000 }, { amount: -500000 });
    // An account's code, which every posting on it shows.
    await tamper(t.db, "accounts", { id: other.id }, { code: "339" });
    expect((await verify()).firstBroken).to.deep.equal({ seq: 1, reason: "hash_mismatch" });
  });

  it("when an entry hashed under version 1 (as before) precedes new ones, then it keeps verifying beside version 2 entries, here and with bin/verify-chain.mjs", async () => {
    const { t, w, U, api, post, verify } = await setup();
    // An entry as the previous code wrote it: version 1 covers neither the recorder's name nor the id.
    const accounts = new Map((await t.db("accounts").where({ unit_id: w.hamletA })).map((a: any) => [a.code, a.id]));
    const at = "2025-06-14T02:00:00.000Z";
    const old = {
      unitId: w.hamletA, seq: 1, voucherNo: "PK-2025-000001", date: "2025-01-02", kind: "adjustment", description: "Số dư đầu kỳ", householdId: null,
      campaignId: null, workId: null, reverses: null, createdBy: w.treasurerA.id, createdAt: at,
      postings: [{ account: "111", amount: "7000", memo: null }, { account: "338", amount: "-7000", memo: "ghi tay" }],
    };
    const hash = entryHash(ZERO_HASH, old);
    await t.db.transaction(async (trx) => {
      const id = t.dialect === "postgres" ? Number((await trx.raw("SELECT nextval(pg_get_serial_sequence('entries', 'id')) AS id")).rows[0].id) : 1 + Number((await trx("entries").max({ m: "id" }).first())?.m ?? 0);
      await trx("postings").insert(old.postings.map((p) => ({ entry_id: id, unit_id: w.hamletA, account_id: accounts.get(p.account), amount: Number(p.amount), memo: p.memo, entry_date: old.date, seq: 1 })));
      await trx("entries").insert({
        id, unit_id: w.hamletA, seq: 1, voucher_series: "PK", voucher_year: 2025, voucher_number: 1, voucher_no: old.voucherNo, entry_date: old.date, kind: old.kind,
        description: old.description, created_by: old.createdBy, created_by_name: "treasurer.a", created_at: at, prev_hash: ZERO_HASH, hash, hash_version: 1,
      });
    });
    await post("1000");
    await post("2000");
    expect(await verify()).to.deep.include({ ok: true, entries: 3 });
    const listed = (await api.get(`${U}/entries`)).body.data;
    expect(listed.map((e: any) => e.hashVersion)).to.deep.equal([1, 2, 2]);
    expect(listed[0].hash).to.equal(hash);

    // The outsider's tool, against the server over HTTP: the same verdict from the API alone.
    const server = t.app.listen(0, "127.0.0.1");
    try {
      await new Promise<void>((resolve) => server.once("listening", resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const run = () =>
        new Promise<{ code: number; out: string }>((resolve) => {
          execFile(process.execPath, [path.resolve(__dirname, "../../bin/verify-chain.mjs"), base, String(w.hamletA), w.treasurerA.token], (err, stdout, stderr) =>
            resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
          );
        });
      const ok = await run();
      expect(ok, ok.out).to.deep.include({ code: 0 });
      expect(ok.out).to.include(`ok: 3 entries, head ${listed[2].hash}`);
      // Version 2 covers the recorder's name as shown: a renamed recorder is a broken link.
      await tamper(t.db, "entries", { unit_id: w.hamletA, seq: 3 }, { created_by_name: "Người khác" });
      const bad = await run();
      expect(bad.code).to.equal(1);
      expect(bad.out).to.include("broken at seq 3");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("security: anyone can pin the chain head", () => {
  it("when anyone asks for a unit's chain head and later checks it, then the head matches until the books are cut", async () => {
    const { t, w, post } = await setup();
    const anon = t.as();
    expect((await anon.get(`/public/units/${w.hamletA}/chain-head`)).body).to.deep.equal({ seq: 0, hash: ZERO_HASH, at: null });
    await post("1000");
    const second = await post("2000");
    const head = await anon.get(`/public/units/${w.hamletA}/chain-head`);
    expect(head.status).to.equal(200);
    expect(head.body).to.deep.equal({ seq: 2, hash: second.hash, at: "2025-06-15T03:00:00.000Z" });
    const page = await t.api.get("/u/ha");
    expect(page.text).to.include(second.hash);

    const anchor = (q: string, unitId = w.hamletA) => anon.get(`/public/units/${unitId}/anchor?${q}`);
    expect((await anchor(`seq=2&hash=${second.hash}`)).body).to.deep.equal({ matches: true, seq: 2 });
    expect((await anchor(`seq=1&hash=${second.hash}`)).body).to.deep.equal({ matches: false, seq: 1 });
    expect((await anchor(`seq=2&hash=${second.hash}`, w.hamletB)).body).to.deep.equal({ matches: false, seq: 2 });
    for (const bad of [`seq=0&hash=${second.hash}`, `seq=-1&hash=${second.hash}`, `seq=1.5&hash=${second.hash}`, `seq=2&hash=${second.hash.toUpperCase()}`, `seq=2&hash=${second.hash.slice(1)}`, "seq=2", `hash=${second.hash}`]) {
      const r = await anchor(bad);
      expect(r.status, bad).to.equal(400);
      expect(r.body.code, bad).to.equal("validation_failed");
    }
    for (const r of [await anchor(`seq=2&hash=${second.hash}`, 999999), await anon.get("/public/units/999999/chain-head")]) {
      expect(r.status).to.equal(404);
      expect(r.body).to.include({ code: "not_found", entity: "unit" });
    }

    await cutTail(t.db, w.hamletA, 2);
    expect((await anchor(`seq=2&hash=${second.hash}`)).body).to.deep.equal({ matches: false, seq: 2 });
    expect((await anon.get(`/public/units/${w.hamletA}/chain-head`)).body.seq).to.equal(1);
  });
});

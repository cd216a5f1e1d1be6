import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { testApp } from "../helpers/app";
import { refused } from "../helpers/refused";
import { user, world, World } from "../helpers/given";
import { cash, householdWithPin, PNG, work } from "../helpers/given-works";
import { checkLedgerInvariants } from "../helpers/invariants";

const expense = (extra: Record<string, unknown> = {}) => ({ category: "materials", amount: "1500000", date: "2025-06-02", payee: "Cửa hàng VLXD Hòa Phát", description: "Xi măng PCB40", method: "cash", ...extra });

describe("works: works, their moves and their accounts", () => {
  it("when a work is proposed, then it opens 8011-8014; each refused move is 409 naming the state and the allowed moves; approval needs consent", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    // paid by the commune: approved on a meeting or a consultation (a resident-funded work needs a decision record, test/decisions)
    const a = await work(t, w, { funding: [{ source: "commune", amount: "80000000" }] });
    expect(a.accounts).to.deep.equal([
      { category: "materials", code: "8011" }, { category: "labour", code: "8012" }, { category: "machinery", code: "8013" }, { category: "other", code: "8014" },
    ]);
    const b = await work(t, w, { name: "Nhà văn hóa" });
    expect(b.accounts.map((x) => x.code)).to.deep.equal(["8021", "8022", "8023", "8024"]);
    const accounts = await t.as(w.headA.token).get(`/units/${w.hamletA}/accounts`);
    expect(accounts.body.data.filter((x: any) => x.code.startsWith("80")).map((x: any) => [x.code, x.type])).to.deep.include(["8011", "expense"]);
    const head = t.as(w.headA.token);
    const move = (to: string, extra: object = {}) => () => head.post(`/units/${w.hamletA}/works/${a.id}/transitions`, { to, ...extra });
    // proposed: not straight to in_progress, completed, accepted, settled
    for (const to of ["in_progress", "completed", "accepted", "settled", "proposed"]) {
      const p = await refused(t, move(to), 409, "invalid_transition");
      expect(p).to.deep.include({ state: "proposed", allowed: ["consulting", "approved", "cancelled"] });
    }
    // approval without consent, or with a meeting that is no majority of all households
    await refused(t, move("approved"), 422, "consent_required");
    await refused(t, move("approved", { decision: { date: "2025-06-01", minutesRef: "BB-02", householdsTotal: 100, householdsAgreeing: 50 } }), 422, "decision_below_majority");
    // the treasurer may not move a work at all
    await refused(t, () => t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${a.id}/transitions`, { to: "cancelled" }), 403, "forbidden");
    const ok = await move("approved", { date: "2025-06-10", decision: { date: "2025-06-01", minutesRef: "BB-02", householdsTotal: 100, householdsAgreeing: 51 } })();
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body.status).to.equal("approved");
    expect((await move("in_progress", { date: "2025-06-12" })()).body).to.include({ status: "in_progress", actualStart: "2025-06-12" });
    expect((await refused(t, move("accepted"), 409, "invalid_transition"))).to.deep.include({ state: "in_progress", allowed: ["completed", "cancelled"] });
    expect((await move("completed")()).body.status).to.equal("completed");
    expect(await refused(t, move("cancelled"), 409, "invalid_transition")).to.deep.include({ state: "completed", allowed: ["accepted"] });
    expect((await move("accepted")()).body.status).to.equal("accepted");
    expect((await move("settled")()).body.status).to.equal("settled");
    expect(await refused(t, move("cancelled"), 409, "invalid_transition")).to.deep.include({ state: "settled", allowed: [] });
    // nothing more is paid on a settled work
    await refused(t, () => t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${a.id}/expenses`, expense()), 409, "work_closed");
    const got = await head.get(`/units/${w.hamletA}/works/${a.id}`);
    expect(got.body.transitions.map((x: any) => x.to)).to.deep.equal(["approved", "in_progress", "completed", "accepted", "settled"]);
  });

  it("when expenses are recorded, then up to the threshold they post a PC voucher; above it a head other than the drafter approves; treasurers, admins and other units' heads cannot", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["root", "communeAdmin", "treasurerA", "headA", "inspector"] });
    await cash(t, w.hamletA, "50000000");
    const a = await work(t, w);
    const tr = t.as(w.treasurerA.token);
    const url = `/units/${w.hamletA}/works/${a.id}/expenses`;
    const posted = await tr.post(url, expense({ amount: "5000000" }));
    expect(posted.status, JSON.stringify(posted.body)).to.equal(201);
    expect(posted.body).to.include({ status: "posted", voucherNo: "PC-2025-000001" });
    const entry = await tr.get(`/units/${w.hamletA}/entries/${posted.body.entryId}`);
    expect(entry.body.postings.map((p: any) => [p.account, p.amount])).to.deep.equal([["8011", "5000000"], ["111", "-5000000"]]);
    expect(entry.body).to.include({ kind: "expense", workId: a.id });
    const draft = await tr.post(url, expense({ amount: "5000001", method: "bank" }));
    expect(draft.status).to.equal(201);
    expect(draft.body).to.deep.equal({ id: draft.body.id, status: "draft", approvalReason: "threshold" });
    // a user who is treasurer and head drafts; they cannot approve their own voucher
    const both = await user(t, "thu.quy.truong", { role: "treasurer", unitId: w.hamletA });
    await t.as(w.root).post(`/users/${both.id}/grants`, { role: "head", unitId: w.hamletA });
    const own = await t.as(both.token).post(url, expense({ amount: "7000000", method: "payable", payee: "Nhà thầu" }));
    expect(own.body.status).to.equal("draft");
    await refused(t, () => t.as(both.token).post(`/units/${w.hamletA}/expenses/${own.body.id}/approve`), 403, "maker_checker");
    await refused(t, () => tr.post(`/units/${w.hamletA}/expenses/${draft.body.id}/approve`), 403, "forbidden");
    await refused(t, () => t.as(w.communeAdmin.token).post(`/units/${w.hamletA}/expenses/${draft.body.id}/approve`), 403, "forbidden");
    const headB = await user(t, "head.b", { role: "head", unitId: w.hamletB });
    await refused(t, () => t.as(headB.token).post(`/units/${w.hamletA}/expenses/${draft.body.id}/approve`), 403, "forbidden");
    // bank has nothing: the ledger's overdraft rule refuses the approval, and nothing changes
    await refused(t, () => t.as(w.headA.token).post(`/units/${w.hamletA}/expenses/${draft.body.id}/approve`), 422, "overdraft");
    const approved = await t.as(w.headA.token).post(`/units/${w.hamletA}/expenses/${own.body.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body).to.include({ status: "posted", voucherNo: "PC-2025-000002" });
    expect(await refused(t, () => t.as(w.headA.token).post(`/units/${w.hamletA}/expenses/${own.body.id}/approve`), 409, "invalid_transition")).to.deep.include({ state: "posted", allowed: [] });
    const rejected = await t.as(w.headA.token).post(`/units/${w.hamletA}/expenses/${draft.body.id}/reject`, { reason: "Sai tài khoản" });
    expect(rejected.body.status).to.equal("rejected");
    await refused(t, () => t.as(w.headA.token).post(`/units/${w.hamletA}/expenses/${draft.body.id}/reject`, { reason: "x" }), 409, "invalid_transition");
    const list = await t.as(w.inspector.token).get(url);
    expect(list.body.data.map((e: any) => [e.amount, e.status, e.voucherNo])).to.deep.equal([
      ["5000000", "posted", "PC-2025-000001"], ["5000001", "rejected", null], ["7000000", "posted", "PC-2025-000002"],
    ]);
    await checkLedgerInvariants(t.db);
  });

  it("when money is advanced, spent, paid on credit and a voucher reversed, then budget vs actual equals the ledger's expense accounts to the đồng", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "inspector"] });
    await cash(t, w.hamletA, "30000000");
    const a = await work(t, w, { estimate: [{ category: "materials", amount: "10000000" }, { category: "labour", amount: "3000000" }] });
    const tr = t.as(w.treasurerA.token);
    const W = `/units/${w.hamletA}/works/${a.id}`;
    expect((await tr.post(`${W}/advances`, { amount: "4000000", date: "2025-06-03", payee: "Tổ thợ ông Tâm", description: "Tạm ứng nhân công", method: "cash" })).body.status).to.equal("posted");
    for (const e of [
      expense({ amount: "3333333" }),
      expense({ category: "labour", amount: "3500001", method: "advance", payee: "Tổ thợ ông Tâm" }),
      expense({ category: "machinery", amount: "1", method: "payable" }),
      expense({ amount: "4999999", method: "payable", payee: "Công ty VLXD Đồng Tiến" }), // another payee: with the 3,333,333 it would be a split payment
    ]) expect((await tr.post(`${W}/expenses`, e)).status).to.equal(201);
    await refused(t, () => tr.post(`${W}/expenses`, expense({ category: "labour", amount: "500000", method: "advance" })), 422, "advance_exceeded");
    const list = await tr.get(`${W}/expenses`);
    const toReverse = list.body.data.find((e: any) => e.amount === "3333333");
    expect((await tr.post(`/units/${w.hamletA}/entries/${toReverse.entryId}/reversal`, { date: "2025-06-05", reason: "Ghi nhầm" })).status).to.equal(201);
    const b = await t.as(w.inspector.token).get(`${W}/budget`);
    expect(b.status).to.equal(200);
    const bal = async (code: string) => (await tr.get(`/units/${w.hamletA}/accounts/${code}/balance?at=2025-06-15`)).body.balance;
    for (const c of b.body.byCategory) expect(c.spent, c.category).to.equal(await bal(c.account));
    expect(b.body.byCategory.map((c: any) => [c.category, c.planned, c.spent, c.remaining, c.overspent])).to.deep.equal([
      ["materials", "10000000", "4999999", "5000001", false],
      ["labour", "3000000", "3500001", "-500001", true],
      ["machinery", "0", "1", "-1", true],
      ["other", "0", "0", "0", false],
    ]);
    expect(b.body.totals).to.include({ planned: "13000000", spent: "8500001", remaining: "4499999", overspent: true });
    expect(b.body.bySource.map((s: any) => [s.source, s.planned])).to.deep.equal([["commune", "30000000"], ["community", "50000000"]]);
    await checkLedgerInvariants(t.db);
  });

  it("when a work has more posted vouchers than its public page shows, then the page has the 50 most recent with the total and a cursor, and the public pages walk the rest exactly once, never a draft", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    await cash(t, w.hamletA, "50000000");
    const a = await work(t, w);
    const tr = t.as(w.treasurerA.token);
    // 55 posted vouchers whose dates are not in the order they were recorded, and one draft
    const dates: string[] = [];
    for (let i = 0; i < 55; i++) {
      dates.push(`2025-06-0${1 + ((i * 4) % 9)}`);
      // one payee each: one payee's 55 vouchers would pass the threshold together (a split payment)
      const r = await tr.post(`/units/${w.hamletA}/works/${a.id}/expenses`, expense({ amount: String(100000 + i), date: dates[i], description: `Đợt ${i}`, payee: `Cửa hàng số ${i}` }));
      expect(r.body.status, JSON.stringify(r.body)).to.equal("posted");
    }
    expect((await tr.post(`/units/${w.hamletA}/works/${a.id}/expenses`, expense({ amount: "6000000", description: "Bản nháp" }))).body.status).to.equal("draft");
    // newest date first; among one date, the later voucher first
    const expected = dates.map((d, i) => ({ d, i })).sort((x, y) => (x.d === y.d ? y.i - x.i : x.d < y.d ? 1 : -1)).map((x) => `Đợt ${x.i}`);

    const page = await t.as().get(`/public/works/${a.id}`);
    expect(page.status).to.equal(200);
    expect(page.body.expenses.map((e: any) => e.description)).to.deep.equal(expected.slice(0, 50));
    expect(page.body.expensesTotal).to.equal(55);
    expect(page.body.expensesNextCursor).to.be.a("string");
    expect(Object.keys(page.body.expenses[0]).sort()).to.deep.equal(["amount", "category", "date", "description", "kind", "payee", "voucherNo"]);
    // the budget still counts every voucher, not only those shown
    expect(page.body.budget.totals.spent).to.equal(String(55 * 100000 + (54 * 55) / 2));

    const rest = await t.as().get(`/public/works/${a.id}/expenses?cursor=${page.body.expensesNextCursor}`);
    expect(rest.status, JSON.stringify(rest.body)).to.equal(200);
    expect(rest.body).to.deep.include({ total: 55, nextCursor: null });
    expect(rest.body.data.map((e: any) => e.description)).to.deep.equal(expected.slice(50));

    // walking from the start, 20 at a time: every posted voucher once, in order, no draft
    const seen: string[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const r: any = await t.as().get(`/public/works/${a.id}/expenses?limit=20${cursor ? `&cursor=${cursor}` : ""}`);
      expect(r.status).to.equal(200);
      seen.push(...r.body.data.map((e: any) => e.description));
      cursor = r.body.nextCursor;
      pages++;
    }
    expect(pages).to.equal(3);
    expect(seen).to.deep.equal(expected);

    // a cursor or a limit that is not ours is 400; a work that does not exist is 404
    await refused(t, () => t.as().get(`/public/works/${a.id}/expenses?cursor=bm90LWEtY3Vyc29y`), 400, "validation_failed");
    await refused(t, () => t.as().get(`/public/works/${a.id}/expenses?limit=0`), 400, "validation_failed");
    await refused(t, () => t.as().get(`/public/works/${a.id}/expenses?limit=201`), 400, "validation_failed");
    await refused(t, () => t.as().get(`/public/works/999999/expenses`), 404, "not_found");
  });
});

describe("works: consultations and opinions", () => {
  it("when households answer, then one counts per household, a later answer replaces the earlier, the tally counts latest opinions, and the result allows approval", async () => {
    const t = await testApp({ now: "2025-06-15T03:00:00.000Z", env: { SESSION_TTL_HOURS: "2000" } }); // the clock moves on by days
    const w = await world(t, { only: ["treasurerA", "headA"] });
    // paid by the commune: a consultation in favour approves it (a resident-funded work needs a decision record, test/decisions)
    const a = await work(t, w, { funding: [{ source: "commune", amount: "80000000" }] });
    const hs: { code: string; pin: string }[] = [];
    for (let i = 1; i <= 4; i++) hs.push(await householdWithPin(t, w.hamletA, `DT-00${i}`));
    const c = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${a.id}/consultations`, { question: "Đồng ý làm đường xóm 3?", opensAt: "2025-06-15T00:00:00+07:00", closesAt: "2025-06-20T17:00:00Z" });
    expect(c.status, JSON.stringify(c.body)).to.equal(201);
    expect((await t.as(w.headA.token).get(`/units/${w.hamletA}/works/${a.id}`)).body.status).to.equal("consulting");
    const say = (h: { code: string; pin: string }, choice: string) => t.as().post(`/public/consultations/${c.body.id}/opinions`, { householdCode: h.code, pin: h.pin, choice, comment: "ý kiến" });
    expect((await say(hs[0], "disagree")).body.replaced).to.equal(false);
    const changed = await say(hs[0], "agree");
    expect(changed.status).to.equal(201);
    expect(changed.body.replaced).to.equal(true);
    await Promise.all([say(hs[1], "agree"), say(hs[2], "disagree"), say(hs[3], "abstain"), say(hs[1], "agree")]);
    const pub = await t.as().get(`/public/consultations/${c.body.id}`);
    expect(pub.body).to.include({ status: "open", result: null, question: "Đồng ý làm đường xóm 3?" });
    expect(pub.body.tally).to.deep.equal({ agree: 2, disagree: 1, abstain: 1 });
    expect(JSON.stringify(pub.body)).to.not.contain("DT-00");
    // not yet closed: no approval on it
    await refused(t, () => t.as(w.headA.token).post(`/units/${w.hamletA}/works/${a.id}/transitions`, { to: "approved" }), 422, "consent_required");
    t.clock.set("2025-06-21T00:00:00.000Z");
    await refused(t, () => say(hs[2], "agree"), 409, "consultation_closed");
    const closed = await t.as().get(`/public/consultations/${c.body.id}`);
    expect(closed.body.result).to.deep.equal({ agree: 2, disagree: 1, abstain: 1, opinions: 4, outcome: "not_in_favour" });
    await refused(t, () => t.as(w.headA.token).post(`/units/${w.hamletA}/works/${a.id}/transitions`, { to: "approved" }), 422, "consent_required");
    // a second consultation, in favour, lets the work be approved
    const c2 = await t.as(w.headA.token).post(`/units/${w.hamletA}/works/${a.id}/consultations`, { question: "Phương án thiết kế mới?", opensAt: "2025-06-21T00:00:00Z", closesAt: "2025-06-25T00:00:00Z" });
    for (const h of hs.slice(0, 3)) expect((await t.as().post(`/public/consultations/${c2.body.id}/opinions`, { householdCode: h.code, pin: h.pin, choice: "agree" })).status).to.equal(201);
    t.clock.set("2025-06-26T00:00:00.000Z");
    // the commune's response to each consultation's opinions is published first
    for (const id of [c.body.id, c2.body.id]) {
      const r = `/units/${w.hamletA}/works/${a.id}/consultations/${id}/response`;
      expect((await t.as(w.headA.token).post(r, { summary: "Tiếp thu ý kiến của bà con", items: [] })).status).to.equal(200);
      expect((await t.as(w.headA.token).post(`${r}/publish`)).status).to.equal(200);
    }
    const ok = await t.as(w.headA.token).post(`/units/${w.hamletA}/works/${a.id}/transitions`, { to: "approved" });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
  });

  it("when a household code gets five wrong PINs, then even the right PIN is 429 with Retry-After until the window passes", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const a = await work(t, w);
    const h = await householdWithPin(t, w.hamletA, "DT-042");
    const other = await householdWithPin(t, w.hamletA, "DT-043");
    const c = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${a.id}/consultations`, { question: "?", opensAt: "2025-06-01T00:00:00Z", closesAt: "2025-07-01T00:00:00Z" });
    const wrong = h.pin === "000000" ? "111111" : "000000";
    const say = (code: string, pin: string) => t.as().post(`/public/consultations/${c.body.id}/opinions`, { householdCode: code, pin, choice: "agree" });
    for (let i = 0; i < 5; i++) await refused(t, () => say("DT-042", wrong), 403, "invalid_pin");
    await refused(t, () => say("DT-999", wrong), 403, "invalid_pin"); // an unknown code answers the same
    const limited = await refused(t, () => say("DT-042", h.pin), 429, "too_many_requests");
    void limited;
    const r = await say("DT-042", h.pin);
    expect(Number(r.headers["retry-after"])).to.be.greaterThan(0).and.at.most(900);
    expect((await say("DT-043", other.pin)).status).to.equal(201); // another household is not held up
    t.clock.advance(15 * 60_000);
    expect((await say("DT-042", h.pin)).status).to.equal(201);
    expect((await t.as().get(`/public/consultations/${c.body.id}`)).body.tally).to.deep.equal({ agree: 2, disagree: 0, abstain: 0 });
  });
});

describe("works: attachments", () => {
  it("when a PHP file named .jpg, an SVG with script, HTML, an 11 MB image or a name with ../ is uploaded, then it is refused and nothing is stored; a PNG is stored by hash and never served as HTML", async () => {
    const files = path.join(require("node:os").tmpdir(), `cfl-files-${process.pid}-${Date.now()}`);
    const t = await testApp({ env: { FILES_DIR: files } });
    const w = await world(t, { only: ["treasurerA", "headA", "treasurerB", "inspector"] });
    // `filepath`: form-data would otherwise cut the name down to its last part before sending it.
    const up = (bytes: Buffer, name: string, type = "image/jpeg") =>
      t.api.post(`/api/v1/units/${w.hamletA}/attachments`).set("Authorization", `Bearer ${w.treasurerA.token}`).attach("file", bytes, { filepath: name, contentType: type } as any);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
    await refused(t, () => up(Buffer.from('<?php system($_GET["c"]); ?>'), "anh.jpg"), 415, "unsupported_file_type");
    await refused(t, () => up(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "x.svg", "image/svg+xml"), 415, "unsupported_file_type");
    await refused(t, () => up(Buffer.from("<html><body>hi</body></html>"), "x.png", "image/png"), 415, "unsupported_file_type");
    await refused(t, () => up(Buffer.concat([jpeg, Buffer.alloc(11 * 1024 * 1024)]), "lon.jpg"), 413, "file_too_large");
    await refused(t, () => up(jpeg, "../../x.jpg"), 400, "validation_failed");
    await refused(t, () => up(jpeg, "..\\..\\x.jpg"), 400, "validation_failed");
    expect(fs.existsSync(files) ? fs.readdirSync(files, { recursive: true }) : []).to.deep.equal([]);
    const ok = await up(PNG, "hoa-don.jpg", "text/html");
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    expect(ok.body).to.include({ type: "image/png", name: "hoa-don.jpg" });
    const stored = fs.readdirSync(files, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(files, f)).isFile());
    expect(stored).to.deep.equal([path.join(ok.body.sha256.slice(0, 2), ok.body.sha256.slice(2, 4), ok.body.sha256)]);
    const got = await t.as(w.inspector.token).get(`/units/${w.hamletA}/attachments/${ok.body.id}`).buffer(true);
    expect(got.status).to.equal(200);
    expect(got.headers["content-type"]).to.equal("image/png");
    expect(got.headers["x-content-type-options"]).to.equal("nosniff");
    expect(got.headers["content-disposition"]).to.match(/^inline; filename="tep-\d+\.png"$/);
    // the picture as stored: re-encoded (its size and hash are of these bytes), still the 1×1 PNG
    expect(got.body.length).to.equal(ok.body.size);
    expect(Buffer.from(got.body).subarray(0, 8).equals(PNG.subarray(0, 8))).to.equal(true);
    expect(Buffer.from(got.body).equals(fs.readFileSync(path.join(files, stored[0])))).to.equal(true);
    const pdf = await up(Buffer.from("%PDF-1.4\n%âãÏÓ\n<script>alert(1)</script>"), "bien-ban.pdf", "text/html");
    const gotPdf = await t.as(w.headA.token).get(`/units/${w.hamletA}/attachments/${pdf.body.id}`);
    expect(gotPdf.headers["content-type"]).to.equal("application/pdf");
    expect(gotPdf.headers["content-disposition"]).to.match(/^attachment;/);
    // an attachment of hamlet A is nobody's business in hamlet B, nor the public's until it documents something public
    await refused(t, () => t.as(w.treasurerB.token).get(`/units/${w.hamletA}/attachments/${ok.body.id}`), 404, "not_found");
    await refused(t, () => t.as().get(`/public/attachments/${ok.body.id}`), 404, "not_found");
    fs.rmSync(files, { recursive: true, force: true });
  });
});

export { refused };
export type { World };

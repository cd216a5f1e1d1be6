import { expect } from "chai";
import { testApp } from "../helpers/app";
import { refused } from "../helpers/refused";
import { world, World } from "../helpers/given";
import { cash, householdWithPin, work } from "../helpers/given-works";
import { checkLedgerInvariants } from "../helpers/invariants";

const inspection = (w: Pick<World, "inspector">, subject: object) => ({ subject, date: "2025-06-10", membersPresent: [w.inspector.id], checklist: [{ item: "materials", result: "issue", note: "Đá không đạt" }, { item: "costs_disclosure", result: "ok" }] });
const finding = (extra: Record<string, unknown> = {}) => ({ category: "chất lượng", severity: "minor", description: "Mặt đường mỏng", recommendation: "Đổ bù", addressedTo: "Trưởng thôn Đồng Tâm", dueDate: "2025-07-10", ...extra });

describe("supervision: inspections and findings", () => {
  it("when inspections and findings move, then each refused move is 409 naming state and allowed moves, a filed inspection is immutable, and only the right people move a finding", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "headA", "treasurerB", "inspector"] });
    const a = await work(t, w);
    const ins = t.as(w.inspector.token);
    const B = `/boards/${w.board}/inspections`;
    const i = await ins.post(B, inspection(w, { workId: a.id }));
    expect(i.status, JSON.stringify(i.body)).to.equal(201);
    expect(i.body).to.include({ status: "draft", workId: a.id, unitId: w.hamletA });
    expect(await refused(t, () => ins.post(`${B}/${i.body.id}/transitions`, { to: "published" }), 409, "invalid_transition")).to.deep.include({ state: "draft", allowed: ["filed"] });
    expect((await ins.patch(`${B}/${i.body.id}`, { date: "2025-06-11" })).body.date).to.equal("2025-06-11");
    const f = await ins.post(`${B}/${i.body.id}/findings`, finding());
    expect(f.status, JSON.stringify(f.body)).to.equal(201);
    expect(f.body).to.include({ status: "open", overdue: false, workId: a.id });
    expect((await ins.post(`${B}/${i.body.id}/transitions`, { to: "filed" })).body.status).to.equal("filed");
    await refused(t, () => ins.patch(`${B}/${i.body.id}`, { date: "2025-06-12" }), 409, "inspection_immutable");
    expect(await refused(t, () => ins.post(`${B}/${i.body.id}/transitions`, { to: "draft" }), 409, "invalid_transition")).to.deep.include({ state: "filed", allowed: ["published"] });
    expect((await ins.post(`${B}/${i.body.id}/addenda`, { text: "Bổ sung ảnh" })).status).to.equal(201);
    expect((await ins.post(`${B}/${i.body.id}/transitions`, { to: "published" })).body.status).to.equal("published");
    expect(await refused(t, () => ins.post(`${B}/${i.body.id}/transitions`, { to: "filed" }), 409, "invalid_transition")).to.deep.include({ state: "published", allowed: [] });
    // the finding: answered by the unit, resolved by the board
    const F = `/findings/${f.body.id}/transitions`;
    await refused(t, () => ins.post(F, { to: "answered", text: "x" }), 403, "forbidden");
    await refused(t, () => t.as(w.treasurerB.token).post(F, { to: "answered", text: "x" }), 404, "not_found");
    const ans = await t.as(w.treasurerA.token).post(F, { to: "answered", text: "Đã đổ bù 3 cm" });
    expect(ans.body.status).to.equal("answered");
    await refused(t, () => t.as(w.headA.token).post(F, { to: "resolved", text: "x" }), 403, "forbidden");
    expect(await refused(t, () => t.as(w.headA.token).post(F, { to: "answered", text: "x" }), 409, "invalid_transition")).to.deep.include({ state: "answered", allowed: ["resolved", "escalated", "open"] });
    await refused(t, () => ins.post(F, { to: "escalated", text: "Chuyển xã" }), 400, "validation_failed");
    const back = await ins.post(F, { to: "open", text: "Chưa đạt, kiểm tra lại" });
    expect(back.body.status).to.equal("open");
    const esc = await ins.post(F, { to: "escalated", text: "Chuyển UBND xã", escalatedTo: "commune" });
    expect(esc.body).to.include({ status: "escalated", escalatedTo: "commune" });
    expect((await ins.post(F, { to: "resolved", text: "Xã đã xử lý" })).body.status).to.equal("resolved");
    expect(await refused(t, () => ins.post(F, { to: "open", text: "x" }), 409, "invalid_transition")).to.deep.include({ state: "resolved", allowed: [] });
    const got = await t.as(w.communeAdmin.token).get(`${B}/${i.body.id}`);
    expect(got.body.findings[0].transitions.map((x: any) => [x.to, x.by])).to.deep.equal([
      ["answered", "treasurer.a"], ["open", "inspector"], ["escalated", "inspector"], ["resolved", "inspector"],
    ]);
    expect(got.body.addenda).to.have.length(1);
  });

  it("when an open critical finding names a work, then its next expense and approval are 409 blocked_by_finding until it is resolved; settling waits for every finding", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA", "inspector"] });
    await cash(t, w.hamletA, "20000000");
    const a = await work(t, w, { funding: [{ source: "commune", amount: "80000000" }] }); // approved on a meeting: paid by the commune
    const tr = t.as(w.treasurerA.token);
    const E = `/units/${w.hamletA}/works/${a.id}/expenses`;
    const pay = { category: "materials", amount: "1000000", date: "2025-06-02", payee: "VLXD", description: "Đá", method: "cash" };
    const draft = await tr.post(E, { ...pay, amount: "6000000" });
    expect(draft.body.status).to.equal("draft");
    const ins = t.as(w.inspector.token);
    const i = await ins.post(`/boards/${w.board}/inspections`, inspection(w, { workId: a.id }));
    const crit = await ins.post(`/boards/${w.board}/inspections/${i.body.id}/findings`, finding({ severity: "critical", description: "Nghi vấn khống khối lượng" }));
    expect(crit.status).to.equal(201);
    expect(await refused(t, () => tr.post(E, pay), 409, "blocked_by_finding")).to.deep.include({ findingId: crit.body.id });
    await refused(t, () => t.as(w.headA.token).post(`/units/${w.hamletA}/expenses/${draft.body.id}/approve`), 409, "blocked_by_finding");
    expect((await t.as(w.headA.token).get(`/units/${w.hamletA}/works/${a.id}`)).body.holds.map((h: any) => h.findingId)).to.deep.equal([crit.body.id]);
    // answered is still held
    await t.as(w.headA.token).post(`/findings/${crit.body.id}/transitions`, { to: "answered", text: "Đã giải trình" });
    await refused(t, () => tr.post(E, pay), 409, "blocked_by_finding");
    expect((await ins.post(`/findings/${crit.body.id}/transitions`, { to: "resolved", text: "Đã đối chiếu, hợp lệ" })).status).to.equal(200);
    expect((await tr.post(E, pay)).body.status).to.equal("posted");
    expect((await t.as(w.headA.token).post(`/units/${w.hamletA}/expenses/${draft.body.id}/approve`)).body.status).to.equal("posted");
    // a minor finding left open keeps the work from being settled
    const minor = await ins.post(`/boards/${w.board}/inspections/${i.body.id}/findings`, finding());
    const head = t.as(w.headA.token);
    for (const to of ["approved", "in_progress", "completed", "accepted"]) {
      const r = await head.post(`/units/${w.hamletA}/works/${a.id}/transitions`, { to, decision: { date: "2025-06-01", minutesRef: "BB", householdsTotal: 10, householdsAgreeing: 9 } });
      expect(r.status, `${to} ${JSON.stringify(r.body)}`).to.equal(200);
    }
    expect(await refused(t, () => head.post(`/units/${w.hamletA}/works/${a.id}/transitions`, { to: "settled" }), 422, "findings_unresolved")).to.deep.include({ findingIds: [minor.body.id] });
    await ins.post(`/findings/${minor.body.id}/transitions`, { to: "escalated", text: "Chuyển tỉnh", escalatedTo: "province" });
    expect((await head.post(`/units/${w.hamletA}/works/${a.id}/transitions`, { to: "settled" })).body.status).to.equal("settled");
    await checkLedgerInvariants(t.db);
  });

  it("when a cash count differs from 111 at the end of its day by 1 đồng, then a cash finding opens (an observation, below the unit's threshold); when it matches, none", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA", "inspector"] });
    await cash(t, w.hamletA, "1250001", "2025-06-14");
    await cash(t, w.hamletA, "999", "2025-06-15"); // after the count's day in Vietnam: not counted
    const ins = t.as(w.inspector.token);
    const C = `/boards/${w.board}/cash-counts`;
    // 2025-06-14T16:30Z is 23:30 on the 14th in Vietnam
    const count = (denominations: object[]) => ins.post(C, { unitId: w.hamletA, at: "2025-06-14T16:30:00Z", denominations, counters: [w.inspector.id, w.treasurerA.id] });
    const off = await count([{ value: "500000", count: 2 }, { value: "200000", count: 1 }, { value: "50000", count: 1 }]);
    expect(off.status, JSON.stringify(off.body)).to.equal(201);
    expect(off.body).to.include({ counted: "1250000", ledger: "1250001", difference: "-1" });
    expect(off.body.findingId).to.be.a("number");
    const match = await count([{ value: "500000", count: 2 }, { value: "250001", count: 1 }]);
    expect(match.body).to.include({ counted: "1250001", ledger: "1250001", difference: "0", findingId: null });
    const list = await t.as(w.headA.token).get(`/units/${w.hamletA}/findings?status=open`);
    expect(list.body.data.map((f: any) => [f.id, f.severity, f.category, f.cashCountId])).to.deep.equal([[off.body.findingId, "observation", "cash", off.body.id]]);
    await refused(t, () => ins.post(C, { unitId: w.hamletB, at: "2025-06-14T16:30:00Z", denominations: [{ value: "1", count: 1 }], counters: [w.inspector.id] }), 404, "not_found");
    await refused(t, () => t.as(w.treasurerA.token).post(C, { unitId: w.hamletA, at: "2025-06-14T16:30:00Z", denominations: [{ value: "1", count: 1 }], counters: [w.inspector.id] }), 403, "forbidden");
  });

  it("when findings pass their due date unresolved, then they are flagged overdue in lists, summaries and the work's public data", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA", "inspector"] });
    const a = await work(t, w);
    const ins = t.as(w.inspector.token);
    const i = await ins.post(`/boards/${w.board}/inspections`, inspection(w, { workId: a.id }));
    const late = await ins.post(`/boards/${w.board}/inspections/${i.body.id}/findings`, finding({ dueDate: "2025-06-14" }));
    const today = await ins.post(`/boards/${w.board}/inspections/${i.body.id}/findings`, finding({ dueDate: "2025-06-15" }));
    const done = await ins.post(`/boards/${w.board}/inspections/${i.body.id}/findings`, finding({ dueDate: "2025-06-01" }));
    await ins.post(`/findings/${done.body.id}/transitions`, { to: "resolved", text: "Đã khắc phục" });
    const all = await t.as(w.headA.token).get(`/units/${w.hamletA}/findings`);
    expect(all.body.data.map((f: any) => [f.id, f.overdue])).to.deep.equal([[done.body.id, false], [late.body.id, true], [today.body.id, false]]);
    expect(all.body.summary).to.include({ total: 3, overdue: 1, open: 2, resolved: 1 });
    expect((await t.as(w.headA.token).get(`/units/${w.hamletA}/findings?overdue=true`)).body.data.map((f: any) => f.id)).to.deep.equal([late.body.id]);
    expect((await t.as(w.headA.token).get(`/units/${w.hamletA}/findings?overdue=false&workId=${a.id}`)).body.data).to.have.length(2);
    // not public until the inspection is published
    expect((await t.as().get(`/public/works/${a.id}`)).body.inspections).to.deep.equal([]);
    await ins.post(`/boards/${w.board}/inspections/${i.body.id}/transitions`, { to: "filed" });
    await ins.post(`/boards/${w.board}/inspections/${i.body.id}/transitions`, { to: "published" });
    const pub = await t.as().get(`/public/works/${a.id}`);
    expect(pub.body.findings).to.deep.equal({ total: 3, open: 2, overdue: 1 });
    expect(pub.body.inspections[0].findings.map((f: any) => [f.id, f.overdue])).to.deep.equal([[late.body.id, true], [today.body.id, false], [done.body.id, false]]);
    const list = await t.as().get(`/public/units/${w.hamletA}/works`);
    expect(list.body.data[0].findings).to.deep.equal({ total: 3, open: 2, overdue: 1 });
  });

  it("when residents give feedback, then the board sees it, answers it publicly, may turn it into a finding, and an address is rate-limited", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "inspector"] });
    const a = await work(t, w);
    const h = await householdWithPin(t, w.hamletA, "DT-007");
    const F = `/public/works/${a.id}/feedback`;
    const anon = await t.as().post(F, { text: "Xe chở vật liệu làm hỏng đường", name: "Nguyễn Văn Dân", contact: "0987654321" });
    expect(anon.status, JSON.stringify(anon.body)).to.equal(201);
    expect(anon.body.dueDate).to.equal("2025-06-30");
    await refused(t, () => t.as().post(F, { text: "x", householdCode: "DT-007", pin: h.pin === "123456" ? "654321" : "123456" }), 403, "invalid_pin");
    expect((await t.as().post(F, { text: "Đề nghị công khai dự toán", householdCode: "DT-007", pin: h.pin })).status).to.equal(201);
    const list = await t.as(w.inspector.token).get(`/boards/${w.board}/feedback`);
    expect(list.body.data.map((f: any) => [f.text, f.contact, f.overdue])).to.deep.include(["Xe chở vật liệu làm hỏng đường", "0987654321", false]);
    const ans = await t.as(w.inspector.token).post(`/boards/${w.board}/feedback/${anon.body.id}/answer`, { text: "Ban đã yêu cầu nhà thầu sửa đường" });
    expect(ans.body.answer).to.equal("Ban đã yêu cầu nhà thầu sửa đường");
    await refused(t, () => t.as(w.inspector.token).post(`/boards/${w.board}/feedback/${anon.body.id}/answer`, { text: "x" }), 409, "already_answered");
    const i = await t.as(w.inspector.token).post(`/boards/${w.board}/inspections`, inspection(w, { workId: a.id }));
    const f = await t.as(w.inspector.token).post(`/boards/${w.board}/inspections/${i.body.id}/findings`, finding({ feedbackId: anon.body.id }));
    expect(f.body.feedbackId).to.equal(anon.body.id);
    const pub = await t.as().get(`/public/works/${a.id}`);
    expect(pub.body.feedback.map((x: any) => [x.text, x.answer])).to.deep.equal([["Xe chở vật liệu làm hỏng đường", "Ban đã yêu cầu nhà thầu sửa đường"]]);
    expect(JSON.stringify(pub.body)).to.not.contain("0987654321").and.not.contain("Nguyễn Văn Dân");
    for (let n = 0; n < 7; n++) expect((await t.as().post(F, { text: `Ý kiến ${n}` })).status).to.equal(201);
    const limited = await t.as().post(F, { text: "Lần thứ 11" });
    expect(limited.status).to.equal(429);
    expect(Number(limited.headers["retry-after"])).to.be.greaterThan(0);
  });
});

describe("supervision: boards and inspectors' reach", () => {
  it("when an inspector reads and writes, then they read the books, works, attachments and audit of units their board oversees, write none of them, and see nothing of others", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "treasurerB", "inspector"] });
    await cash(t, w.hamletA, "1000000");
    const a = await work(t, w);
    const b = await work(t, w, {}, w.hamletB, w.treasurerB.token);
    // a second board, set up by the commune's admin, overseeing hamlet B's work
    const board = await t.as(w.communeAdmin.token).post(`/units/${w.commune}/boards`, { kind: "ttnd", name: "Ban TTND xã", termStart: "2025-01-01", termEnd: "2026-12-31", oversees: { workIds: [b.id] } });
    expect(board.status, JSON.stringify(board.body)).to.equal(201);
    expect(board.body.oversees).to.deep.equal({ unitIds: [w.hamletB], workIds: [b.id] });
    const boards = await t.as(w.communeAdmin.token).get(`/units/${w.commune}/boards`);
    expect(boards.body.data.map((x: any) => [x.kind, x.members.map((m: any) => m.username)])).to.deep.equal([["gsdtcd", ["inspector"]], ["ttnd", []]]);
    const ins = t.as(w.inspector.token);
    for (const p of [`/units/${w.hamletA}/accounts`, `/units/${w.hamletA}/journal`, `/units/${w.hamletA}/works/${a.id}/budget`, `/units/${w.hamletA}/works/${a.id}/expenses`, `/units/${w.hamletA}/findings`, `/audit?unitId=${w.hamletA}`]) {
      expect((await ins.get(p)).status, p).to.equal(200);
    }
    const writes: [string, object][] = [
      [`/units/${w.hamletA}/entries`, { date: "2025-06-01", kind: "adjustment", description: "x", postings: [{ account: "111", amount: "1" }, { account: "338", amount: "-1" }] }],
      [`/units/${w.hamletA}/works`, { name: "x", location: "x", category: "x", estimate: [{ category: "other", amount: "1" }], funding: [], plannedStart: "2025-07-01", plannedEnd: "2025-07-02" }],
      [`/units/${w.hamletA}/works/${a.id}/expenses`, { category: "materials", amount: "1", date: "2025-06-01", payee: "x", description: "x", method: "cash" }],
      [`/units/${w.hamletA}/works/${a.id}/consultations`, { question: "x", opensAt: "2025-06-16T00:00:00Z", closesAt: "2025-06-17T00:00:00Z" }],
      [`/units/${w.hamletA}/households`, { code: "X-1", headName: "x" }],
    ];
    for (const [p, body] of writes) await refused(t, () => ins.post(p, body), 403, "forbidden");
    for (const p of [`/units/${w.hamletB}/accounts`, `/units/${w.hamletB}/works/${b.id}/budget`, `/units/${w.hamletB}/findings`]) {
      await refused(t, () => ins.get(p), 404, "not_found");
    }
    await refused(t, () => ins.post(`/boards/${board.body.id}/inspections`, inspection(w, { workId: b.id })), 403, "forbidden");
    await refused(t, () => ins.post(`/boards/${w.board}/inspections`, inspection(w, { workId: b.id })), 404, "not_found");
    await refused(t, () => ins.post(`/boards/${w.board}/inspections`, { ...inspection(w, { unitId: w.hamletA }), membersPresent: [w.treasurerA.id] }), 422, "not_board_member");
  });
});

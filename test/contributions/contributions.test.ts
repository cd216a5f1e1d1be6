import { expect } from "chai";
import { rowCounts, testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { campaign, decision, household } from "../helpers/given-contributions";
import { refused } from "../helpers/refused";
import { checkLedgerInvariants } from "../helpers/invariants";

describe("contributions: households, campaigns and receipts", () => {
  it("when a treasurer records a receipt, then the ledger posts Dr 111 / Cr the campaign's revenue with a PT voucher", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const h = await household(t, w, "DT-001");
    const c = await campaign(t, w);
    const r = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/contributions`, { householdId: h.id, campaignId: c.id, amount: "1250000", date: "2025-03-05", method: "cash" });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body.voucherNo).to.equal("PT-2025-000001");
    expect(r.body.receiptUrl).to.equal(`/api/v1/units/${w.hamletA}/statements/receipt.pdf?entryId=${r.body.entry.id}`);
    expect(r.body.entry.postings.map((p: any) => [p.account, p.amount])).to.deep.equal([["111", "1250000"], [c.revenueAccount, "-1250000"]]);
    expect(r.body.entry.householdId).to.equal(h.id);
    const bal = await t.as(w.headA.token).get(`/units/${w.hamletA}/accounts/${c.revenueAccount}/balance?at=2025-03-31`);
    expect(bal.body.balance).to.equal("-1250000");
    const s = await t.as(w.headA.token).get(`/units/${w.hamletA}/campaigns/${c.id}/summary`);
    expect(s.body).to.deep.include({ paid: "1250000", pledged: "0", outstanding: "0", target: null });
    expect(s.body.households).to.deep.equal({ paid: 1, pledged: 0, exempt: 0, notYet: 0 });
    await checkLedgerInvariants(t.db);
  });

  it("when a household pledges and later pays, then the payment settles 131 first and the summary follows", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const api = t.as(w.treasurerA.token);
    const [a, b, x] = [await household(t, w, "DT-001"), await household(t, w, "DT-002"), await household(t, w, "DT-003")];
    const c = await campaign(t, w, { target: "5000000" });
    const p = await api.post(`/units/${w.hamletA}/pledges`, { householdId: a.id, campaignId: c.id, amount: "500000", date: "2025-02-01", dueDate: "2025-06-30" });
    expect(p.status, JSON.stringify(p.body)).to.equal(201);
    expect(p.body.voucherNo).to.equal("PK-2025-000001");
    expect((await api.post(`/units/${w.hamletA}/pledges`, { householdId: b.id, campaignId: c.id, amount: "300000", date: "2025-02-01" })).status).to.equal(201);
    const pay = await api.post(`/units/${w.hamletA}/contributions`, { householdId: a.id, campaignId: c.id, amount: "700000", date: "2025-03-01", method: "bank" });
    expect(pay.body.entry.postings.map((q: any) => [q.account, q.amount])).to.deep.equal([["112", "700000"], ["131", "-500000"], [c.revenueAccount, "-200000"]]);
    const s = await api.get(`/units/${w.hamletA}/campaigns/${c.id}/summary`);
    expect(s.body).to.deep.include({ target: "5000000", pledged: "800000", paid: "700000", outstanding: "300000" });
    expect(s.body.households).to.deep.equal({ paid: 1, pledged: 1, exempt: 0, notYet: 1 });
    const list = await api.get(`/units/${w.hamletA}/campaigns/${c.id}/contributions?sort=paid&order=desc`);
    expect(list.body.data.map((r: any) => [r.code, r.paid, r.outstanding, r.status])).to.deep.equal([
      ["DT-001", "700000", "0", "paid"], ["DT-002", "0", "300000", "pledged"], ["DT-003", "0", "0", "notYet"],
    ]);
    void x;
    await checkLedgerInvariants(t.db);
  });

  it("when a receipt is for another hamlet's household, a closed campaign, an exempt household, a bad amount or an early date, then it is refused", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "treasurerB"] });
    const api = t.as(w.treasurerA.token);
    const h = await household(t, w, "DT-001");
    const poor = await household(t, w, "DT-002", { category: "poor" });
    const other = await household(t, w, "TP-001", {}, w.hamletB, w.treasurerB.token);
    const c = await campaign(t, w, { exemptCategories: ["poor"] });
    const closed = await campaign(t, w, { name: "Đợt cũ" });
    expect((await api.patch(`/units/${w.hamletA}/campaigns/${closed.id}`, { status: "closed" })).status).to.equal(200);
    const otherCampaign = await campaign(t, w, {}, w.hamletB, w.treasurerB.token);
    const base = { householdId: h.id, campaignId: c.id, amount: "200000", date: "2025-03-01", method: "cash" };
    const cases: [object, number, string][] = [
      [{ ...base, householdId: other.id }, 404, "not_found"],
      [{ ...base, campaignId: otherCampaign.id }, 404, "not_found"],
      [{ ...base, campaignId: closed.id }, 422, "campaign_closed"],
      [{ ...base, householdId: poor.id }, 422, "household_exempt"],
      [{ ...base, amount: "-200000" }, 400, "validation_failed"],
      [{ ...base, amount: "2000.5" }, 400, "validation_failed"],
      [{ ...base, amount: 200000 }, 400, "validation_failed"],
      [{ ...base, amount: "0" }, 400, "validation_failed"],
      [{ ...base, date: "2025-01-31" }, 422, "before_campaign_start"],
    ];
    for (const [body, status, code] of cases) await refused(t, () => api.post(`/units/${w.hamletA}/contributions`, body), status, code);
    const ex = await api.post(`/units/${w.hamletA}/exemptions`, { householdId: h.id, campaignId: c.id, reason: "Hộ gặp thiên tai" });
    expect(ex.status).to.equal(201);
    expect((await api.post(`/units/${w.hamletA}/contributions`, base)).body.code).to.equal("household_exempt");
  });

  it("when a campaign's decision has 67 of 100 households agreeing, then it opens; with 66 it is refused citing the rule", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const api = t.as(w.treasurerA.token);
    const body = (agreeing: number, present = 90) => ({ name: "Sửa nhà văn hóa", purpose: "Sửa mái", decision: decision(100, agreeing, present), startDate: "2025-02-01" });
    const ok = await api.post(`/units/${w.hamletA}/campaigns`, body(67));
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    expect(ok.body.revenueAccount).to.equal("711");
    const before = await rowCounts(t.db);
    const no = await api.post(`/units/${w.hamletA}/campaigns`, body(66));
    expect(no.status).to.equal(422);
    expect(no.body.code).to.equal("decision_below_threshold");
    expect(no.body.detail).to.contain("66/100").and.contain("67").and.contain("10/2022/QH15");
    const en = await t.as(w.treasurerA.token, "en").post(`/units/${w.hamletA}/campaigns`, body(66));
    expect(en.body.detail).to.contain("two thirds of all households");
    // 70 agreeing of 71 present is a majority of those present, but not two thirds of all 100 households
    expect((await api.post(`/units/${w.hamletA}/campaigns`, body(66, 70))).status).to.equal(422);
    expect((await api.post(`/units/${w.hamletA}/campaigns`, body(91, 90))).body.code).to.equal("decision_inconsistent");
    expect(await rowCounts(t.db)).to.deep.equal(before);
    // the database refuses it too
    let dbRefused = false;
    await t.db("campaigns").update({ households_agreeing: 66 }).catch(() => (dbRefused = true));
    expect(dbRefused).to.equal(true);
  });

  it("when households are searched without diacritics, then 'huong' finds 'Hường'", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    await household(t, w, "DT-001", { headName: "Nguyễn Thị Hường" });
    await household(t, w, "DT-002", { headName: "Trần Văn Đức" });
    const api = t.as(w.headA.token);
    expect((await api.get(`/units/${w.hamletA}/households?q=huong`)).body.data.map((h: any) => h.code)).to.deep.equal(["DT-001"]);
    expect((await api.get(`/units/${w.hamletA}/households?q=duc`)).body.data.map((h: any) => h.code)).to.deep.equal(["DT-002"]);
    expect((await api.get(`/units/${w.hamletA}/households?q=DT-00`)).body.data).to.have.length(2);
    expect((await api.get(`/units/${w.hamletA}/households?q=%25`)).body.data).to.have.length(0);
  });

  it("when a receipt is corrected, then it is reversed with its reason and the history shows both", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const api = t.as(w.treasurerA.token);
    const h = await household(t, w, "DT-001");
    const c = await campaign(t, w);
    const r = await api.post(`/units/${w.hamletA}/contributions`, { householdId: h.id, campaignId: c.id, amount: "2000000", date: "2025-03-01", method: "cash" });
    const rev = await api.post(`/units/${w.hamletA}/contributions/${r.body.id}/reversal`, { date: "2025-03-02", reason: "Ghi sai số tiền, đúng là 200.000" });
    expect(rev.status, JSON.stringify(rev.body)).to.equal(201);
    expect((await api.post(`/units/${w.hamletA}/contributions`, { householdId: h.id, campaignId: c.id, amount: "200000", date: "2025-03-02", method: "cash" })).status).to.equal(201);
    const hist = await api.get(`/units/${w.hamletA}/households/${h.id}/history`);
    expect(hist.status).to.equal(200);
    const camp = hist.body.campaigns[0];
    expect(camp.paid).to.equal("200000");
    expect(camp.items.map((i: any) => [i.kind, i.amount, i.reversedBy !== null])).to.deep.equal([["receipt", "2000000", true], ["receipt", "200000", false]]);
    expect((await api.get(`/units/${w.hamletA}/entries/${rev.body.id}`)).body.description).to.contain("Ghi sai số tiền");
    await checkLedgerInvariants(t.db);
  });

  it("when in-kind gifts are recorded, then they are listed and valued only when the campaign set a value", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const api = t.as(w.treasurerA.token);
    const [a, b] = [await household(t, w, "DT-001"), await household(t, w, "DT-002")];
    const plain = await campaign(t, w);
    const valued = await campaign(t, w, { name: "Đợt có định giá", inKindValues: { labour: "150000" } });
    const r1 = await api.post(`/units/${w.hamletA}/in-kind`, { householdId: a.id, campaignId: plain.id, kind: "labour", quantity: "5", unit: "ngày công", description: "Góp 5 ngày công", date: "2025-03-01" });
    expect(r1.status, JSON.stringify(r1.body)).to.equal(201);
    expect(r1.body).to.deep.include({ value: null, entry: null });
    const r2 = await api.post(`/units/${w.hamletA}/in-kind`, { householdId: b.id, campaignId: valued.id, kind: "labour", quantity: "2.5", unit: "ngày công", description: "Góp 2,5 ngày công", date: "2025-03-01" });
    expect(r2.body.value).to.equal("375000");
    const s = await api.get(`/units/${w.hamletA}/campaigns/${plain.id}/summary`);
    expect(s.body.inKind).to.deep.equal([{ kind: "labour", unit: "ngày công", quantity: "5", households: 1 }]);
    expect(s.body.households.paid).to.equal(1); // in-kind only is not "not yet"
    await checkLedgerInvariants(t.db);
  });

  it("when a household's phone is set, then staff see it but the contribution list and audit trail do not carry it", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "headA"] });
    const h = await household(t, w, "DT-001", { phone: "0912 345 678" });
    const c = await campaign(t, w);
    expect((await t.as(w.headA.token).get(`/units/${w.hamletA}/households/${h.id}`)).body.phone).to.equal("0912 345 678");
    await t.as(w.treasurerA.token).patch(`/units/${w.hamletA}/households/${h.id}`, { phone: "0987 654 321" });
    const list = await t.as(w.headA.token).get(`/units/${w.hamletA}/campaigns/${c.id}/contributions`);
    expect(JSON.stringify(list.body)).to.not.contain("0912").and.not.contain("0987");
    const audit = await t.as(w.communeAdmin.token).get(`/audit`);
    expect(JSON.stringify(audit.body)).to.not.contain("0912").and.not.contain("0987");
  });

  it("when a PIN is issued, then it is 6 digits, shown once and stored only as a hash", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA", "headA"] });
    const h = await household(t, w, "DT-001");
    const r = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/households/${h.id}/pin`);
    expect(r.status).to.equal(201);
    expect(r.body.pin).to.match(/^[0-9]{6}$/);
    const row = await t.db("households").where({ id: h.id }).first();
    expect(row.pin_hash).to.match(/^scrypt\$/).and.not.contain(r.body.pin);
    expect((await t.as(w.headA.token).get(`/units/${w.hamletA}/households/${h.id}`)).body).to.not.have.property("pin");
  });

  it("when a household moves to another hamlet of the commune, then its history stays", async () => {
    const t = await testApp();
    const w = await world(t, { only: ["communeAdmin", "treasurerA", "treasurerB"] });
    const h = await household(t, w, "DT-001");
    const c = await campaign(t, w);
    await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/contributions`, { householdId: h.id, campaignId: c.id, amount: "300000", date: "2025-03-01", method: "cash" });
    // moving needs write access to both hamlets: the commune's admin
    const m = await t.as(w.communeAdmin.token).post(`/units/${w.hamletA}/households/${h.id}/move`, { toUnitId: w.hamletB, code: "TP-101" });
    expect(m.status, JSON.stringify(m.body)).to.equal(200);
    expect(m.body).to.deep.include({ unitId: w.hamletB, code: "TP-101" });
    const hist = await t.as(w.treasurerB.token).get(`/units/${w.hamletB}/households/${h.id}/history`);
    expect(hist.body.campaigns[0].paid).to.equal("300000");
    expect(hist.body.moves).to.have.length(1);
    expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/households/${h.id}`)).status).to.equal(404);
    expect((await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/households/${h.id}/move`, { toUnitId: w.hamletB })).status).to.equal(404);
  });
});

import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { rowCounts, testApp, TestApp } from "../helpers/app";
import { world, World } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { checkLedgerInvariants } from "../helpers/invariants";

// The treasurer's own sheet, previewed then committed all or none.

const DATA = path.resolve(__dirname, "../fixtures");
const read = (f: string) => fs.readFileSync(path.join(DATA, f));
const expected = JSON.parse(read("treasurer-sheet.expected.json").toString());
const expectedBad = JSON.parse(read("treasurer-sheet-bad.expected.json").toString());

async function setUp(now = "2025-07-01T03:00:00.000Z") {
  const t = await testApp({ now });
  const w = await world(t, { only: ["treasurerA", "headA"] });
  const c = await campaign(t, w, { startDate: "2025-02-01" });
  return { t, w, c };
}

function upload(t: TestApp, w: Pick<World, "hamletA" | "treasurerA">, campaignId: number, bytes: Buffer, filename: string) {
  return t.api
    .post(`/api/v1/units/${w.hamletA}/campaigns/${campaignId}/imports`)
    .set("Authorization", `Bearer ${w.treasurerA.token}`)
    .attach("file", bytes, filename);
}

const commit = (t: TestApp, w: Pick<World, "hamletA" | "treasurerA">, campaignId: number, importId: number) =>
  t.as(w.treasurerA.token).post(`/units/${w.hamletA}/campaigns/${campaignId}/imports/${importId}/commit`);

describe("contributions: importing the treasurer's sheet", () => {
  for (const file of ["treasurer-sheet.xlsx", "treasurer-sheet.csv"]) {
    it(`when ${file} is imported, then every row becomes what the expected file says and the ledger agrees`, async () => {
      const { t, w, c } = await setUp();
      const pre = await upload(t, w, c.id, read(file), file);
      expect(pre.status, JSON.stringify(pre.body).slice(0, 500)).to.equal(201);
      expect(pre.body.valid).to.equal(true);
      expect(pre.body.header.row).to.equal(4);
      const data = pre.body.rows.filter((r: any) => r.kind !== "blank" && r.kind !== "total");
      expect(data.map((r: any) => ({ row: r.row, code: r.code, name: r.name, amount: r.amount, date: r.date, kind: r.kind }))).to.deep.equal(expected.rows);
      expect(pre.body.rows.filter((r: any) => r.kind === "blank").map((r: any) => r.row)).to.deep.equal([45, 91]);
      expect(pre.body.rows.filter((r: any) => r.kind === "total").map((r: any) => r.row)).to.deep.equal([127]);
      expect(pre.body.totals).to.deep.equal({
        households: 120, cashCount: 113, cashTotal: "131630000", exemptCount: 4, pledgeCount: 2, inKindCount: 1,
      });
      expect(data.every((r: any) => r.newHousehold === true && r.householdId === null)).to.equal(true);

      const done = await commit(t, w, c.id, pre.body.id);
      expect(done.status, JSON.stringify(done.body)).to.equal(201);
      expect(done.body).to.deep.equal({ id: pre.body.id, status: "committed", recorded: { cash: 113, pledges: 2, exemptions: 4, inKind: 1, households: 120 } });

      const s = await t.as(w.headA.token).get(`/units/${w.hamletA}/campaigns/${c.id}/summary`);
      expect(s.body).to.deep.include({ paid: "131630000", pledged: "3000000", outstanding: "3000000" });
      expect(s.body.households).to.deep.equal({ paid: 114, pledged: 2, exempt: 4, notYet: 0 });
      const revenue = await t.as(w.headA.token).get(`/units/${w.hamletA}/accounts/${c.revenueAccount}/balance?at=2025-06-30`);
      expect(revenue.body.balance).to.equal("-134630000"); // cash received + pledged, as the 2025 ledger's 711
      const cash = Number((await t.as(w.headA.token).get(`/units/${w.hamletA}/accounts/111/balance?at=2025-06-30`)).body.balance);
      const bank = Number((await t.as(w.headA.token).get(`/units/${w.hamletA}/accounts/112/balance?at=2025-06-30`)).body.balance);
      expect(String(cash + bank)).to.equal("131630000");
      await checkLedgerInvariants(t.db);
    });
  }

  it("when the bad sheet is previewed, then exactly its six bad rows are listed with reasons and committing is refused", async () => {
    const { t, w, c } = await setUp();
    const pre = await upload(t, w, c.id, read("treasurer-sheet-bad.xlsx"), "bad.xlsx");
    expect(pre.status).to.equal(201);
    expect(pre.body.valid).to.equal(false);
    const errors = pre.body.rows.flatMap((r: any) => r.errors.map((e: any) => ({ row: r.row, code: r.code, field: e.field, problem: e.problem, value: e.value })));
    expect(errors).to.deep.equal(expectedBad.errors.map((e: any) => ({ row: e.row, code: e.code, field: e.field, problem: e.problem, value: e.value })));
    for (const r of pre.body.rows) for (const e of r.errors) expect(e.message).to.be.a("string").and.not.equal("");
    const before = await rowCounts(t.db);
    const done = await commit(t, w, c.id, pre.body.id);
    expect(done.status).to.equal(422);
    expect(done.body.code).to.equal("import_invalid");
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });

  it("when the same file is imported twice, then the second time records nothing and says so", async () => {
    const { t, w, c } = await setUp();
    const first = await upload(t, w, c.id, read("treasurer-sheet.csv"), "a.csv");
    expect((await commit(t, w, c.id, first.body.id)).status).to.equal(201);
    const again = await upload(t, w, c.id, read("treasurer-sheet.csv"), "renamed.csv");
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.include({ alreadyImported: true, duplicateOf: first.body.id });
    const before = await rowCounts(t.db);
    const done = await commit(t, w, c.id, again.body.id);
    expect(done.status).to.equal(200);
    expect(done.body).to.deep.include({ recorded: 0, duplicateOf: first.body.id });
    const { imports: _i, audit_events: _a, ...rest } = before;
    const after = await rowCounts(t.db);
    expect({ ...after, imports: 0, audit_events: 0 }).to.deep.equal({ ...rest, imports: 0, audit_events: 0 });
    // committing the first import again is just as harmless
    expect((await commit(t, w, c.id, first.body.id)).body.recorded).to.equal(0);
  });

  it("when a different file overlaps receipts already recorded, then those rows carry a possible_duplicate warning", async () => {
    const { t, w, c } = await setUp();
    const h = await household(t, w, "DT-001");
    const paid = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/contributions`, { householdId: h.id, campaignId: c.id, amount: "3000000", date: "2025-02-22", method: "cash" });
    expect(paid.status).to.equal(201);
    const pre = await upload(t, w, c.id, read("treasurer-sheet.xlsx"), "sheet.xlsx");
    const row = pre.body.rows.find((r: any) => r.code === "DT-001");
    expect(row).to.deep.include({ householdId: h.id, amount: "3000000", date: "2025-02-22" });
    expect(row.warnings).to.deep.equal([{ problem: "possible_duplicate", entryId: paid.body.entry.id }]);
    expect(pre.body.valid).to.equal(true); // a warning does not block the commit
    expect(pre.body.rows.filter((r: any) => r.warnings).length).to.equal(1);
  });

  it("when the upload is too large, not a sheet, or a zip bomb, then it is a clear 4xx and nothing is written", async () => {
    const { t, w, c } = await setUp();
    const before = await rowCounts(t.db);
    const big = await upload(t, w, c.id, Buffer.alloc(6 * 1024 * 1024, 65), "big.xlsx");
    expect(big.status).to.equal(413);
    expect(big.body.code).to.equal("file_too_large");
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);
    const renamed = await upload(t, w, c.id, png, "sheet.xlsx");
    expect(renamed.status).to.equal(415);
    expect(renamed.body.code).to.equal("unsupported_file");
    const none = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/campaigns/${c.id}/imports`, { file: "x" });
    expect(none.status).to.equal(415);
    expect(await rowCounts(t.db)).to.deep.equal(before);
  });
});

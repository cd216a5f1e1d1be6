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

const commit = (t: TestApp, w: Pick<World, "hamletA" | "treasurerA">, campaignId: number, importId: number, body?: object) =>
  t.as(w.treasurerA.token).post(`/units/${w.hamletA}/campaigns/${campaignId}/imports/${importId}/commit`, body);

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
      expect(pre.body.newHouseholds).to.equal(120);
      // Excel's SUM skipped the amounts typed as text: the sheet's own total is not what its rows add up to
      expect(pre.body).to.deep.include({ sheetTotal: "100030000", totalMatches: false });
      expect(pre.body.warnings).to.deep.equal([{ problem: "total_mismatch", sheetTotal: "100030000", cashTotal: "131630000", pledgeTotal: "3000000" }]);

      const done = await commit(t, w, c.id, pre.body.id);
      expect(done.status, JSON.stringify(done.body)).to.equal(201);
      expect(done.body).to.deep.equal({ id: pre.body.id, status: "committed", recorded: { cash: 113, pledges: 2, exemptions: 4, inKind: 1, households: 120 }, skipped: [] });

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

  it("when the bad sheet is previewed, then its six bad rows carry their cells as written, and the commit records the rest only when those rows are skipped", async () => {
    const { t, w, c } = await setUp();
    const pre = await upload(t, w, c.id, read("treasurer-sheet-bad.xlsx"), "bad.xlsx");
    expect(pre.status).to.equal(201);
    expect(pre.body.valid).to.equal(false);
    const errors = pre.body.rows.flatMap((r: any) => r.errors.map((e: any) => ({ row: r.row, code: r.code, field: e.field, problem: e.problem, raw: e.raw })));
    expect(errors).to.deep.equal(expectedBad.errors.map((e: any) => ({ row: e.row, code: e.code, field: e.field, problem: e.problem, raw: e.value })));
    expect(errors.filter((e: any) => e.field !== "code" && e.field !== "name").map((e: any) => e.raw)).to.deep.equal(["-500000", "abc", "31/02/2025", "150.000,5"]);
    for (const r of pre.body.rows) for (const e of r.errors) expect(e.message).to.be.a("string").and.not.equal("");
    const before = await rowCounts(t.db);
    const refused = await commit(t, w, c.id, pre.body.id);
    expect(refused.status).to.equal(422);
    expect(refused.body).to.deep.include({ code: "import_invalid", badRows: 6, rows: [8, 11, 14, 17, 20, 23] });
    expect(refused.body.detail).to.include("8, 11, 14, 17, 20, 23");
    const partly = await commit(t, w, c.id, pre.body.id, { skipRows: [8, 11, 14, 17, 20] });
    expect(partly.status).to.equal(422);
    expect(partly.body).to.deep.include({ code: "import_invalid", rows: [23] });
    expect(await rowCounts(t.db)).to.deep.equal(before);

    const done = await commit(t, w, c.id, pre.body.id, { skipRows: [8, 11, 14, 17, 20, 23] });
    expect(done.status, JSON.stringify(done.body)).to.equal(201);
    expect(done.body.recorded).to.deep.equal({ cash: 13, pledges: 0, exemptions: 1, inKind: 0, households: 14 });
    expect(done.body.skipped.map((r: any) => [r.row, r.code])).to.deep.equal([[8, "DT-004"], [11, "DT-007"], [14, "DT-010"], [17, "DT-002"], [20, "DT-016"], [23, "DT-019"]]);
    const s = await t.as(w.headA.token).get(`/units/${w.hamletA}/campaigns/${c.id}/summary`);
    expect(s.body.paid).to.equal("14900000");
    await checkLedgerInvariants(t.db);
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
    const h = await household(t, w, "DT-001", { headName: "Nguyễn Văn Đức" });
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

  describe("a sheet that disagrees with the register or with itself", () => {
    const HEADER = ["STT", "Mã hộ", "Họ và tên chủ hộ", "Số tiền (đồng)", "Ngày nộp", "Ghi chú"];
    /** A small sheet as Excel's "CSV UTF-8" writes it: header on row 1, households from row 2. */
    const sheet = (rows: (string | number)[][], total?: [string, string]) =>
      Buffer.from(`\ufeff${[HEADER, ...rows.map((r, i) => [String(i + 1), ...r.map(String)]), ...(total ? [[total[0], "", "", total[1], "", ""]] : [])].map((l) => l.map((x) => (/[",]/.test(x) ? `"${x}"` : x)).join(",")).join("\r\n")}\r\n`, "utf8");

    it("when the sheet's DT-002 \"Hoàng Văn Huấn\" is the register's DT-002 \"Bùi Thị Thu Sơn\", then the row warns with both names and the commit records nothing until it is confirmed", async () => {
      const { t, w, c } = await setUp();
      const son = await household(t, w, "DT-002", { headName: "Bùi Thị Thu Sơn" });
      await household(t, w, "DT-003", { headName: "Lê Văn Tám" });
      const pre = await upload(t, w, c.id, sheet([["DT-002", "Hoàng Văn Huấn", "500.000", "03/03/2025", ""], ["DT-003", "Lê Văn Tám", "200.000", "03/03/2025", ""]]), "so-thu.csv");
      expect(pre.status, JSON.stringify(pre.body).slice(0, 400)).to.equal(201);
      expect(pre.body.valid).to.equal(true);
      expect(pre.body.rows[0]).to.deep.include({ row: 2, code: "DT-002", householdId: son.id });
      expect(pre.body.rows[0].warnings).to.deep.equal([{ problem: "name_mismatch", sheetName: "Hoàng Văn Huấn", registerName: "Bùi Thị Thu Sơn", diacriticsOnly: false }]);
      expect(pre.body.rows[1].warnings).to.equal(undefined);
      expect(pre.body.newHouseholds).to.equal(0);

      const before = await rowCounts(t.db);
      const refused = await commit(t, w, c.id, pre.body.id);
      expect(refused.status).to.equal(422);
      expect(refused.body).to.deep.include({ code: "name_mismatch_unconfirmed", rows: [2], count: 1 });
      expect(refused.body.detail).to.include("dòng 2");
      expect(await rowCounts(t.db)).to.deep.equal(before);

      const done = await commit(t, w, c.id, pre.body.id, { confirmRows: [2] });
      expect(done.status, JSON.stringify(done.body)).to.equal(201);
      expect(done.body.recorded).to.deep.include({ cash: 2, households: 0 });
      const history = await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/households/${son.id}/history`);
      expect(history.body.campaigns[0].paid).to.equal("500000");
      const audit = await t.db("audit_events").where({ action: "import.committed" }).first();
      const details = typeof audit.details === "string" ? JSON.parse(audit.details) : audit.details;
      expect(details.namesConfirmed).to.deep.equal([{ row: 2, code: "DT-002", sheetName: "Hoàng Văn Huấn", registerName: "Bùi Thị Thu Sơn" }]);
    });

    it("when names differ only by case, spacing or Unicode form, then they match; without diacritics they warn, and confirm name_mismatch confirms them all", async () => {
      const { t, w, c } = await setUp();
      await household(t, w, "DT-001", { headName: "Hoàng Văn Huấn" });
      await household(t, w, "DT-002", { headName: "Nguyễn Thị Ánh" });
      await household(t, w, "DT-003", { headName: "Trần Đức Hùng" });
      await household(t, w, "DT-004", { headName: "Hà Thị Yến" });
      const pre = await upload(t, w, c.id, sheet([
        ["DT-001", "  hoàng   VĂN huấn ", "100.000", "03/03/2025", ""],
        ["DT-002", "Nguyễn Thị Ánh".normalize("NFD"), "100.000", "03/03/2025", ""],
        ["DT-003", "Tran Duc Hung", "100.000", "03/03/2025", ""],
        ["DT-004", "Hà Thị Yên", "100.000", "03/03/2025", ""],
      ]), "so-thu.csv");
      expect(pre.body.rows.map((r: any) => r.warnings ?? [])).to.deep.equal([
        [],
        [],
        [{ problem: "name_mismatch", sheetName: "Tran Duc Hung", registerName: "Trần Đức Hùng", diacriticsOnly: true }],
        [{ problem: "name_mismatch", sheetName: "Hà Thị Yên", registerName: "Hà Thị Yến", diacriticsOnly: true }],
      ]);
      // confirming one row is not confirming the other
      const one = await commit(t, w, c.id, pre.body.id, { confirmRows: [4] });
      expect(one.status).to.equal(422);
      expect(one.body).to.deep.include({ code: "name_mismatch_unconfirmed", rows: [5] });
      const all = await commit(t, w, c.id, pre.body.id, { confirm: ["name_mismatch"] });
      expect(all.status, JSON.stringify(all.body)).to.equal(201);
      expect(all.body.recorded.cash).to.equal(4);
    });

    it("when a household of the sheet is registered under another name after the preview, then the commit asks for that confirmation too", async () => {
      const { t, w, c } = await setUp();
      const pre = await upload(t, w, c.id, sheet([["DT-009", "Đỗ Văn Nam", "100.000", "03/03/2025", ""]]), "so-thu.csv");
      expect(pre.body.rows[0].newHousehold).to.equal(true);
      expect(pre.body.newHouseholds).to.equal(1);
      await household(t, w, "DT-009", { headName: "Phạm Thị Lan" });
      const refused = await commit(t, w, c.id, pre.body.id);
      expect(refused.status).to.equal(422);
      expect(refused.body).to.deep.include({ code: "name_mismatch_unconfirmed", rows: [2] });
    });

    it("when five households of the sheet are exempt in the register, then their rows are errors that skipRows leaves out, and the rest is recorded with the skipped rows listed", async () => {
      const { t, w, c } = await setUp();
      const rows: (string | number)[][] = [];
      for (let i = 1; i <= 8; i++) {
        const code = `DT-00${i}`;
        const h = await household(t, w, code, { headName: `Hộ số ${i}` });
        if (i <= 5) expect((await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/exemptions`, { householdId: h.id, campaignId: c.id, reason: "Hộ nghèo" })).status).to.equal(201);
        rows.push([code, `Hộ số ${i}`, "300.000", "03/03/2025", ""]);
      }
      rows.push(["DT-010", "Hộ mới", "300.000", "03/03/2025", ""], ["DT-011", "Hộ lỗi", "-300000", "03/03/2025", ""]);
      const pre = await upload(t, w, c.id, sheet(rows), "so-thu.csv");
      const bad = pre.body.rows.filter((r: any) => r.errors.length);
      expect(bad.map((r: any) => [r.row, r.errors[0].problem, r.errors[0].raw])).to.deep.equal([
        [2, "household_exempt", "DT-001"], [3, "household_exempt", "DT-002"], [4, "household_exempt", "DT-003"], [5, "household_exempt", "DT-004"], [6, "household_exempt", "DT-005"],
        [11, "negative_amount", "-300000"],
      ]);
      // DT-011 is new too, but its row cannot be recorded as it is
      expect(pre.body.newHouseholds).to.equal(1);

      const before = await rowCounts(t.db);
      const unknown = await commit(t, w, c.id, pre.body.id, { skipRows: [2, 3, 4, 5, 6, 11, 40] });
      expect(unknown.status).to.equal(422);
      expect(unknown.body).to.deep.include({ code: "import_rows_unknown", rows: [40] });
      const all = await commit(t, w, c.id, pre.body.id, { skipRows: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11] });
      expect(all.status).to.equal(422);
      expect(all.body.code).to.equal("import_nothing_left");
      expect(await rowCounts(t.db)).to.deep.equal(before);

      const done = await commit(t, w, c.id, pre.body.id, { skipRows: [2, 3, 4, 5, 6, 11] });
      expect(done.status, JSON.stringify(done.body)).to.equal(201);
      expect(done.body.recorded).to.deep.equal({ cash: 4, pledges: 0, exemptions: 0, inKind: 0, households: 1 });
      expect(done.body.skipped).to.deep.equal([
        { row: 2, code: "DT-001", name: "Hộ số 1" }, { row: 3, code: "DT-002", name: "Hộ số 2" }, { row: 4, code: "DT-003", name: "Hộ số 3" },
        { row: 5, code: "DT-004", name: "Hộ số 4" }, { row: 6, code: "DT-005", name: "Hộ số 5" }, { row: 11, code: "DT-011", name: "Hộ lỗi" },
      ]);
      expect(await t.db("households").where({ code: "DT-011" })).to.have.length(0);
      const s = await t.as(w.headA.token).get(`/units/${w.hamletA}/campaigns/${c.id}/summary`);
      expect(s.body.paid).to.equal("1200000");
      await checkLedgerInvariants(t.db);
    });

    it("when a date is outside the campaign, then its error shows the date as the sheet has it", async () => {
      const { t, w, c } = await setUp();
      const pre = await upload(t, w, c.id, sheet([["DT-001", "An", "100.000", "15/01/2025", ""]]), "so-thu.csv");
      expect(pre.body.rows[0].errors).to.deep.equal([{ field: "date", column: "Ngày nộp", problem: "invalid_date", raw: "15/01/2025", message: "Ngày nộp 2025-01-15 ngoài thời gian đợt vận động (từ 2025-02-01)" }]);
    });

    it("when the sheet's \"Tổng cộng\" says 113.230.000 but its rows add up to 131.630.000, then the preview warns with both figures and the commit still goes through", async () => {
      const { t, w, c } = await setUp();
      const rows = [["DT-001", "An", "131.000.000", "03/03/2025", ""], ["DT-002", "Bình", "630.000", "03/03/2025", ""]];
      const pre = await upload(t, w, c.id, sheet(rows, ["Tổng cộng", "113.230.000"]), "so-thu.csv");
      expect(pre.body).to.deep.include({ sheetTotal: "113230000", totalMatches: false, valid: true });
      expect(pre.body.totals.cashTotal).to.equal("131630000");
      expect(pre.body.warnings).to.deep.equal([{ problem: "total_mismatch", sheetTotal: "113230000", cashTotal: "131630000", pledgeTotal: "0" }]);
      expect(pre.body.rows.map((r: any) => r.kind)).to.deep.equal(["cash", "cash", "total"]);
      const done = await commit(t, w, c.id, pre.body.id);
      expect(done.status).to.equal(201);
      expect(done.body.recorded.cash).to.equal(2);
    });

    it("when the sheet's \"Tổng cộng\" amount cannot be read (\"khoảng 131 triệu\"), then the preview says it could not check the rows against it, and the commit still goes through", async () => {
      const { t, w, c } = await setUp();
      const rows = [["DT-001", "An", "131.000.000", "03/03/2025", ""], ["DT-002", "Bình", "630.000", "03/03/2025", ""]];
      const pre = await upload(t, w, c.id, sheet(rows, ["Tổng cộng", "khoảng 131 triệu"]), "so-thu.csv");
      expect(pre.body).to.deep.include({ sheetTotal: null, totalMatches: null, valid: true });
      expect(pre.body.warnings).to.deep.equal([{ problem: "total_unreadable", text: "khoảng 131 triệu", cashTotal: "131630000" }]);
      const done = await commit(t, w, c.id, pre.body.id);
      expect(done.status).to.equal(201);
    });

    it("when the totals row is written \"Cộng\", \"TONG CONG:\" or \"Tổng\" and agrees (with or without the pledges), then it matches and no warning is given", async () => {
      const { t, w, c } = await setUp();
      const rows = [["DT-001", "An", "100.000", "03/03/2025", ""], ["DT-002", "Bình", "50.000", "", "Hứa nộp tháng sau"]];
      for (const [label, total] of [["Cộng", "100.000"], ["TONG CONG:", "150.000"], ["Tổng", "150000"], ["Tổng cộng", "100.000 đ"]]) {
        const pre = await upload(t, w, c.id, sheet(rows, [label, total]), `${label}.csv`);
        expect(pre.status, label).to.equal(201);
        expect(pre.body.rows.filter((r: any) => r.kind === "total"), label).to.have.length(1);
        expect(pre.body, label).to.deep.include({ totalMatches: true, warnings: [] });
        expect(pre.body.totals.households, label).to.equal(2);
      }
      const none = await upload(t, w, c.id, sheet(rows), "no-total.csv");
      expect(none.body).to.deep.include({ sheetTotal: null, totalMatches: null, warnings: [] });
    });
  });
});

import { expect } from "chai";
import ExcelJS from "exceljs";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { parseSheet, SheetError, type ParsedSheet, type SheetRow } from "../../src/contributions/sheet";
import { compareNames } from "../../src/contributions/sheet/names";
import { assemble } from "../../src/contributions/sheet/rows";
import type { RawRow } from "../../src/contributions/sheet/types";

// Unit tests for the pure sheet parser (DESIGN §5 "Import", test/fixtures/README.md §1-2): the fixtures'
// .expected.json are the oracle; the limits on size and shape are tried with files built here.

const DATA = path.resolve(__dirname, "../fixtures");
const read = (name: string) => fs.readFileSync(path.join(DATA, name));
const expected = (name: string) => JSON.parse(read(name).toString("utf8"));

const DATA_KINDS = new Set(["cash", "pledge", "exempt", "in_kind"]);
const project = (r: SheetRow) => ({ row: r.row, code: r.code, name: r.name, amount: r.amount, date: r.date, kind: r.kind });

async function refusal(p: Promise<unknown>): Promise<SheetError> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(SheetError);
    return err as SheetError;
  }
  throw new Error("expected a SheetError, the file was accepted");
}

function checkAgainstExpected(parsed: ParsedSheet): void {
  const exp = expected("treasurer-sheet.expected.json");
  expect(parsed.header.row).to.equal(exp.layout.header_row);
  const columns = Object.fromEntries(Object.values(parsed.header.columns).map((c) => [c!.label, c!.column]));
  expect(columns).to.deep.equal(exp.layout.columns);
  expect(Object.keys(parsed.header.columns).sort()).to.deep.equal(["amount", "code", "date", "name", "note", "stt"]);

  expect(parsed.rows.filter((r) => DATA_KINDS.has(r.kind)).map(project)).to.deep.equal(exp.rows);
  expect(parsed.rows.filter((r) => r.kind === "blank").map((r) => r.row)).to.deep.equal(exp.layout.blank_rows);
  const last = parsed.rows[parsed.rows.length - 1];
  expect(last).to.deep.include({ row: exp.layout.total_row.row, kind: "total", code: null, name: null, amount: null, date: null });
  // every row from the header to the total, once, in order
  expect(parsed.rows.map((r) => r.row)).to.deep.equal(
    Array.from({ length: exp.layout.total_row.row - exp.layout.header_row }, (_, i) => exp.layout.header_row + 1 + i),
  );
  for (const r of parsed.rows) {
    expect(r.errors, `row ${r.row}`).to.deep.equal([]);
    if (r.kind === "blank" || r.kind === "total") expect(r).to.deep.include({ code: null, name: null, amount: null, date: null, note: null });
  }
  const t = exp.totals;
  expect(parsed.totals).to.deep.equal({
    households: t.households,
    cashCount: t.cash_count,
    cashTotal: t.cash_total,
    exemptCount: t.exempt_count,
    pledgeCount: t.pledge_count,
    inKindCount: t.in_kind_count,
  });
}

// ------------------------------------------------------------------ files built for the tests

interface ZipPart {
  name: string;
  data: Buffer; // as stored (deflated when method 8)
  method: 0 | 8;
  size: number; // the uncompressed size the zip declares
}

/** A zip written by hand, so its central directory can say what a test wants it to say. */
function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    name.copy(local, 30);
    const central = Buffer.alloc(46 + name.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(p.method, 10);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    name.copy(central, 46);
    locals.push(local, p.data);
    centrals.push(central);
    offset += local.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const stored = (name: string, text: string): ZipPart => {
  const data = Buffer.from(text, "utf8");
  return { name, data, method: 0, size: data.length };
};

/** The parts of a minimal workbook, with `sheet` as its only worksheet. */
function workbookAround(sheet: ZipPart): ZipPart[] {
  return [
    stored(
      "xl/_rels/workbook.xml.rels",
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    stored(
      "xl/workbook.xml",
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    sheet,
  ];
}

interface GenRow {
  values: ExcelJS.CellValue[];
  dateCol?: number;
}

/** An xlsx written with exceljs's streaming writer (bounded memory whatever the row count). */
async function writeXlsx(file: string, rows: Iterable<GenRow>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet("Danh sách");
  for (const r of rows) {
    const row = ws.addRow(r.values);
    if (r.dateCol) row.getCell(r.dateCol).numFmt = "dd/mm/yyyy";
    row.commit();
  }
  await wb.commit();
}

const dayOf = (i: number) => new Date(Date.UTC(2025, i % 12, 1 + (i % 28)));

function* households(n: number, title = true): Iterable<GenRow> {
  if (title) yield { values: ["DANH SÁCH HỘ ĐÓNG GÓP"] };
  yield { values: ["Mã hộ", "Họ và tên chủ hộ", "Số tiền", "Ngày nộp"] };
  for (let i = 1; i <= n; i++) {
    yield { values: [`DT-${i}`, `Hộ ${i}`, 200000 + (i % 10) * 50000, dayOf(i)], dateCol: 4 };
  }
  yield { values: ["Tổng cộng"] };
}

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-sheet-"));
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const csv = (lines: string[]) => Buffer.from("\ufeff" + lines.join("\r\n") + "\r\n", "utf8");

// ------------------------------------------------------------------ the tests

describe("contributions: sheet", () => {
  describe("the treasurer's sheet", () => {
    it("when the xlsx is parsed, then every row, the header and the totals are as expected.json says", async () => {
      const parsed = await parseSheet(read("treasurer-sheet.xlsx"));
      expect(parsed.fileType).to.equal("xlsx");
      expect(parsed.sheet).to.equal(expected("treasurer-sheet.expected.json").sheet);
      checkAgainstExpected(parsed);
    });

    it("when the CSV is parsed, then it gives the same rows and totals as expected.json and as the xlsx", async () => {
      const parsed = await parseSheet(read("treasurer-sheet.csv"));
      expect(parsed.fileType).to.equal("csv");
      expect(parsed.sheet).to.equal(null);
      checkAgainstExpected(parsed);
      const xlsx = await parseSheet(read("treasurer-sheet.xlsx"));
      expect(parsed.rows).to.deep.equal(xlsx.rows); // notes, bank and in-kind too
      expect(parsed.totals).to.deep.equal(xlsx.totals);
    });

    it("when notes say chuyển khoản, Hứa nộp, Miễn or ngày công, then bank, pledge, exempt and labour follow", async () => {
      const { rows } = await parseSheet(read("treasurer-sheet.xlsx"));
      const bank = rows.filter((r) => r.bank);
      expect(bank.length).to.be.greaterThan(0);
      for (const r of bank) expect(r.note!.toLowerCase()).to.contain("chuyển khoản");
      expect(rows.filter((r) => !r.bank && r.note && r.note.toLowerCase().includes("chuyển khoản"))).to.deep.equal([]);
      const inKind = rows.filter((r) => r.kind === "in_kind");
      expect(inKind.map((r) => r.inKind)).to.deep.equal([{ kind: "labour", quantity: "5", unit: "ngày công" }]);
      for (const r of rows.filter((x) => x.kind === "pledge")) expect(r.date).to.equal(null);
    });
  });

  describe("the bad sheet", () => {
    it("when it is parsed, then exactly its six errors are reported and its 14 good rows are as expected", async () => {
      const exp = expected("treasurer-sheet-bad.expected.json");
      const parsed = await parseSheet(read("treasurer-sheet-bad.xlsx"));
      const errors = parsed.rows.flatMap((r) =>
        r.errors.map((e) => ({
          row: r.row,
          code: r.code,
          field: e.field,
          column: e.column,
          value: e.raw,
          problem: e.problem,
          ...(e.duplicateOfRow !== undefined ? { duplicate_of_row: e.duplicateOfRow } : {}),
          message_vi: e.message,
        })),
      );
      expect(errors).to.deep.equal(exp.errors);
      for (const r of parsed.rows) for (const e of r.errors) expect(e.messageEn).to.match(/^[A-Z].+/);

      const good = parsed.rows.filter((r) => DATA_KINDS.has(r.kind) && r.errors.length === 0);
      expect(good.map(project)).to.deep.equal(exp.valid_rows);
      expect(good.length).to.equal(exp.valid_row_count);
      expect(parsed.rows.filter((r) => r.errors.length > 0).length).to.equal(exp.bad_row_count);
      expect(parsed.rows[parsed.rows.length - 1]).to.deep.include({ row: exp.total_row, kind: "total" });
      // bad rows are left out of the totals
      expect(parsed.totals).to.deep.equal({ households: 14, cashCount: 13, cashTotal: "14900000", exemptCount: 1, pledgeCount: 0, inKindCount: 0 });
    });
  });

  describe("reading what treasurers type", () => {
    it("when the header is further down, in another order, without diacritics, then it is found by its texts", async () => {
      const parsed = await parseSheet(
        csv([
          "UBND XA TAN LINH,,,,,",
          ",,,,,",
          "Danh sach,,,,,",
          "ghi chu,SO TIEN,ho ten chu ho,MA HO,ngay,stt",
          "Chuyen khoan,1 250 000,  Nguyễn   Văn  An ,DT-001 ,5/3/2025,1",
          ",\u00a01.250.000 đ,Trần Thị Bình,DT-002,05/03/2025,2",
          ",1250000 đồng,Lê Văn Cường,DT-003,2025-03-05,3",
          "Tổng,,,,,",
          "after the total,1,x,DT-9,1/1/2025,9",
        ]),
      );
      expect(parsed.header.row).to.equal(4);
      expect(parsed.header.columns).to.deep.equal({
        note: { column: "A", label: "ghi chu" },
        amount: { column: "B", label: "SO TIEN" },
        name: { column: "C", label: "ho ten chu ho" },
        code: { column: "D", label: "MA HO" },
        date: { column: "E", label: "ngay" },
        stt: { column: "F", label: "stt" },
      });
      expect(parsed.rows.map(project)).to.deep.equal([
        { row: 5, code: "DT-001", name: "Nguyễn Văn An", amount: "1250000", date: "2025-03-05", kind: "cash" },
        { row: 6, code: "DT-002", name: "Trần Thị Bình", amount: "1250000", date: "2025-03-05", kind: "cash" },
        { row: 7, code: "DT-003", name: "Lê Văn Cường", amount: "1250000", date: "2025-03-05", kind: "cash" },
        { row: 8, code: null, name: null, amount: null, date: null, kind: "total" },
      ]);
      expect(parsed.rows[0].bank).to.equal(true);
      expect(parsed.totals).to.deep.include({ households: 3, cashCount: 3, cashTotal: "3750000" });
    });

    it("when a CSV uses semicolons, as Excel does where the comma is the decimal mark, then it reads the same", async () => {
      const parsed = await parseSheet(csv(["Mã hộ;Họ tên;Số tiền (đồng);Ngày nộp", "DT-1;An;1.000.000;01/02/2025", "Tổng cộng;;;"]));
      expect(parsed.rows.map(project)).to.deep.equal([
        { row: 2, code: "DT-1", name: "An", amount: "1000000", date: "2025-02-01", kind: "cash" },
        { row: 3, code: null, name: null, amount: null, date: null, kind: "total" },
      ]);
    });

    it("when the totals row is written Tổng cộng, Cộng, TỔNG CỘNG:, Tong so or Tổng, then it ends the list and its amount is the sheet's total", async () => {
      for (const [label, amount, total] of [["Tổng cộng", "113.230.000", "113230000"], ["Cộng", "1.000.000 đ", "1000000"], ["TỔNG CỘNG:", "500000", "500000"], ["Tong so", "", null], ["Tổng", "abc", null]] as const) {
        const parsed = await parseSheet(csv(["Mã hộ,Họ tên,Số tiền (đồng),Ngày nộp", "DT-1,An,1.000.000,01/02/2025", `${label},,${amount},`, "DT-2,after the total,5,01/02/2025"]));
        expect(parsed.rows.map((r) => r.kind), label).to.deep.equal(["cash", "total"]);
        expect(parsed.sheetTotal, label).to.equal(total);
      }
      // a household whose name or note starts like a total is still a household
      const parsed = await parseSheet(csv(["Mã hộ,Họ tên,Số tiền (đồng),Ngày nộp,Ghi chú", "DT-1,Cộng Văn Tổng,1.000.000,01/02/2025,Cộng đồng góp", "Tổng cộng,,1.000.000,,"]));
      expect(parsed.rows.map((r) => r.kind)).to.deep.equal(["cash", "total"]);
      expect(parsed.sheetTotal).to.equal("1000000");
    });

    it("when a sheet's name is compared with the register's, then case, spaces and NFC/NFD are the same name and diacritics are not", () => {
      expect(compareNames("  hoàng   VĂN huấn ", "Hoàng Văn Huấn")).to.equal("same");
      expect(compareNames("Hoàng Văn Huấn".normalize("NFD"), "Hoàng Văn Huấn")).to.equal("same");
      expect(compareNames("Hoang Van Huan", "Hoàng Văn Huấn")).to.equal("diacritics_only");
      expect(compareNames("Lê Thị Hà", "Lê Thị Hạ")).to.equal("diacritics_only");
      expect(compareNames("Đỗ Văn Nam", "Do Van Nam")).to.equal("diacritics_only");
      expect(compareNames("Hoàng Văn Huấn", "Bùi Thị Thu Sơn")).to.equal("different");
    });

    it("when a row lacks what its kind needs, then each gap is one error, and land or materials are in kind", async () => {
      const parsed = await parseSheet(
        csv([
          "STT,Mã hộ,Chủ hộ,Số tiền,Ngày nộp,Ghi chú",
          "1,,An,100.000,01/02/2025,",
          "2,DT-2,Bình,,01/02/2025,",
          "3,DT-3,Cường,100.000,,",
          "4,DT-4,Dũng,,,Hứa nộp",
          "5,DT-5,Em,,,Miễn - gia đình chính sách",
          "6,DT-6,Phúc,,,Hiến 50 m² đất làm đường",
          "7,DT-7,Giang,,,Góp 10 bao xi măng",
          "8,DT-8,Hà,\"1,250\",01/02/2025,",
          "9,DT-9,Hạnh,-200.000,01/02/2025,",
          "10,DT-10,Inh,500.000,2/31/2025,",
          "11,DT-11,Khánh,0,01/02/2025,",
          "12,dt-2,Lan,100.000,01/02/2025,",
          "13,DT-13,Minh,100.000,01/02/2025,HUA NOP sau",
        ]),
      );
      const problems = parsed.rows.map((r) => [r.row, r.kind, ...r.errors.map((e) => `${e.field}:${e.problem}`)]);
      expect(problems).to.deep.equal([
        [2, "cash", "code:missing_code"],
        [3, "cash", "amount:missing_amount"],
        [4, "cash", "date:missing_date"],
        [5, "pledge", "amount:missing_amount"],
        [6, "exempt"],
        [7, "in_kind"],
        [8, "in_kind"],
        [9, "cash", "amount:fractional_amount"],
        [10, "cash", "amount:negative_amount"],
        [11, "cash", "date:invalid_date"], // day first, always: 2/31 is the 2nd of month 31
        [12, "cash", "amount:invalid_amount"],
        [13, "cash", "code:duplicate_code"],
        [14, "pledge"],
      ]);
      expect(parsed.rows[0].errors[0]).to.deep.include({ column: "Mã hộ", raw: null, message: "Thiếu mã hộ" });
      expect(parsed.rows[5].inKind).to.deep.equal({ kind: "land", quantity: "50", unit: "m²" });
      expect(parsed.rows[6].inKind).to.deep.equal({ kind: "materials", quantity: "10", unit: "bao" });
      expect(parsed.rows[11].errors[0]).to.deep.include({ raw: "dt-2", duplicateOfRow: 3 });
      expect(parsed.rows[12]).to.deep.include({ amount: "100000", date: null });
      expect(parsed.totals).to.deep.equal({ households: 4, cashCount: 0, cashTotal: "0", exemptCount: 1, pledgeCount: 1, inKindCount: 2 });
    });

    it("when an xlsx has number, date, formula and merged cells, then it reads them as the treasurer meant", async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Danh sách");
      ws.addRows([
        ["THÔN ĐỒNG TÂM"],
        ["STT", "Mã hộ", "Họ và tên", "Số tiền (đồng)", "Ngày", "Ghi chú"],
        [1, "DT-1", "An", 1250000, new Date(Date.UTC(2025, 0, 31)), "Chuyển khoản"],
        [2, "DT-2", "Bình", 150000.5, new Date(Date.UTC(2025, 11, 1))],
        [3, "DT-3", "Cường", { formula: "1000*500", result: 500000 }, 45717],
        [],
        ["Tổng cộng", null, null, { formula: "SUM(D3:D5)", result: 1750000 }],
        [4, "DT-4", "after the total", 1, new Date(Date.UTC(2025, 0, 1))],
      ]);
      ws.getColumn(5).numFmt = "dd/mm/yyyy";
      ws.mergeCells("A7:C7");
      ws.getCell("E5").numFmt = "General";
      const parsed = await parseSheet(Buffer.from(await wb.xlsx.writeBuffer()));
      expect(parsed.sheet).to.equal("Danh sách");
      expect(parsed.rows.map((r) => [r.row, r.kind, r.amount, r.date, ...r.errors.map((e) => `${e.problem}:${e.raw}`)])).to.deep.equal([
        [3, "cash", "1250000", "2025-01-31"],
        [4, "cash", null, "2025-12-01", "fractional_amount:150000.5"],
        [5, "cash", "500000", "2025-03-01"], // a bare serial number in the date column is Excel's day 45717
        [6, "blank", null, null],
        [7, "total", null, null],
      ]);
      expect(parsed.sheetTotal, "the totals row's cached SUM").to.equal("1750000");
      expect(parsed.rows[0].bank).to.equal(true);
    });
  });

  describe("workbooks with several sheets", () => {
    it("when a cover sheet and a hidden sheet come first, then the first visible sheet with a header is read", async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Bìa").addRows([["SỔ THEO DÕI ĐÓNG GÓP"], ["Năm 2025"]]);
      const hidden = wb.addWorksheet("Nháp", { state: "hidden" });
      hidden.addRows([["Mã hộ", "Họ tên", "Số tiền"], ["NH-1", "Nháp", 1]]);
      wb.addWorksheet("Danh sách").addRows([["Mã hộ", "Họ tên", "Số tiền", "Ngày nộp"], ["DT-1", "An", 300000, "01/04/2025"]]);
      const parsed = await parseSheet(Buffer.from(await wb.xlsx.writeBuffer()));
      expect(parsed.sheet).to.equal("Danh sách");
      expect(parsed.rows.map(project)).to.deep.equal([{ row: 2, code: "DT-1", name: "An", amount: "300000", date: "2025-04-01", kind: "cash" }]);
    });
  });

  describe("refusing files", () => {
    it("when random bytes or a PNG are renamed .xlsx, then unsupported_file", async () => {
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(2048)]);
      for (const bytes of [crypto.randomBytes(64 * 1024), png, Buffer.from("abc\u0000def")]) {
        expect((await refusal(parseSheet(bytes))).code).to.equal("unsupported_file");
      }
    });

    it("when a zip is not a workbook or is cut short, then unsupported_file", async () => {
      const notBook = buildZip([stored("hello.txt", "xin chào")]);
      expect((await refusal(parseSheet(notBook))).code).to.equal("unsupported_file");
      const xlsx = read("treasurer-sheet.xlsx");
      expect((await refusal(parseSheet(xlsx.subarray(0, xlsx.length >> 1)))).code).to.equal("unsupported_file");
    });

    it("when a CSV has a quote that never closes, then unsupported_file", async () => {
      const err = await refusal(parseSheet(csv(["Mã hộ,Họ tên,Số tiền,Ngày nộp", 'DT-1,"An,100.000,01/02/2025'])));
      expect(err.code).to.equal("unsupported_file");
    });

    it("when a file is over the size limit, then file_too_large before anything is read", async () => {
      const err = await refusal(parseSheet(Buffer.alloc(6 * 1024 * 1024, 0x41)));
      expect(err.code).to.equal("file_too_large");
      expect(err.params).to.deep.equal({ size: 6 * 1024 * 1024, limit: 5 * 1024 * 1024 });
    });

    it("when no row looks like a header, or nothing is there, then header_not_found or empty_sheet", async () => {
      expect((await refusal(parseSheet(csv(["a,b,c", "1,2,3"])))).code).to.equal("header_not_found");
      expect((await refusal(parseSheet(csv([",,,", ",,,"])))).code).to.equal("empty_sheet");
      expect((await refusal(parseSheet(csv(["Mã hộ,Họ tên,Số tiền", ",,", "Tổng cộng,,"])))).code).to.equal("empty_sheet");
    });

    describe("zip bombs", () => {
      const MB = 1024 * 1024;
      let zeros60: Buffer; // 60 MB of zeros, deflated to ~60 KB
      before(() => {
        zeros60 = zlib.deflateRawSync(Buffer.alloc(60 * MB));
      });

      it("when a zip declares 1 GB, then zip_bomb from its directory alone, at once", async () => {
        const bomb = buildZip(workbookAround({ name: "xl/worksheets/sheet1.xml", data: zeros60, method: 8, size: 1024 * MB }));
        const t0 = Date.now();
        const err = await refusal(parseSheet(bomb));
        expect(err.code).to.equal("zip_bomb");
        expect(err.params).to.have.property("limit", 100 * MB);
        expect(Number(err.params.declared)).to.be.greaterThan(1024 * MB);
        expect(Date.now() - t0).to.be.lessThan(500);
      });

      it("when a zip honestly holds 60 MB of zeros in 60 KB, then zip_bomb for its ratio", async () => {
        const bomb = buildZip(workbookAround({ name: "xl/worksheets/sheet1.xml", data: zeros60, method: 8, size: 60 * MB }));
        const err = await refusal(parseSheet(bomb));
        expect(err.code).to.equal("zip_bomb");
        expect(err.params).to.have.property("maxRatio", 200);
      });

      it("when a zip's directory understates what an entry unpacks to, then zip_bomb at the first byte past it, in bounded memory", async () => {
        const bomb = buildZip(workbookAround({ name: "xl/worksheets/sheet1.xml", data: zeros60, method: 8, size: 300 * 1024 }));
        const rss0 = process.memoryUsage().rss;
        const t0 = Date.now();
        const err = await refusal(parseSheet(bomb));
        expect(err.code).to.equal("zip_bomb");
        expect(err.params).to.deep.include({ entry: "xl/worksheets/sheet1.xml", reason: "unpacks past its declared size" });
        expect(Date.now() - t0).to.be.lessThan(500);
        expect(process.memoryUsage().rss - rss0).to.be.lessThan(32 * MB);
      });
    });
  });

  describe("large sheets", () => {
    it("when a sheet has 200,000 rows, then too_many_rows", async function () {
      this.timeout(60_000);
      const file = path.join(tmp, "200k.xlsx");
      await writeXlsx(
        file,
        (function* () {
          yield { values: ["Mã hộ", "Họ và tên chủ hộ", "Số tiền", "Ngày nộp"] };
          // Two cells a row keep the file quick to write; every row still counts as a household.
          for (let i = 1; i <= 200_000; i++) yield { values: [`DT-${i}`, null, 200000] };
        })(),
      );
      const bytes = fs.readFileSync(file);
      expect(bytes.length).to.be.lessThan(5 * 1024 * 1024); // within the upload limit: the rows, not the size, refuse it
      const err = await refusal(parseSheet(bytes));
      expect(err.code).to.equal("too_many_rows");
      expect(err.params).to.deep.equal({ maxRows: 100_000 });
    });

    it("when rows keep coming past the limit, then reading stops at the first row too many", async () => {
      let reads = 0;
      const endless = {
        async next(): Promise<RawRow> {
          reads++;
          if (reads === 1) return { row: 1, cells: [null, "Mã hộ", "Họ tên", "Số tiền", "Ngày"] };
          return { row: reads, cells: [null, `DT-${reads}`, "An", 100000, "01/01/2025"] };
        },
      };
      const err = await refusal(assemble(endless, { maxRows: 1000, date1904: false }));
      expect(err.code).to.equal("too_many_rows");
      expect(reads).to.equal(1 + 1001);
    });

    it("when a sheet has 100,000 households, then all of them parse, with their totals", async function () {
      this.timeout(60_000);
      const file = path.join(tmp, "100k.xlsx");
      await writeXlsx(file, households(100_000));
      const bytes = fs.readFileSync(file);
      expect(bytes.length).to.be.lessThan(5 * 1024 * 1024); // fits the upload limit
      const parsed = await parseSheet(bytes);
      expect(parsed.rows.length).to.equal(100_001);
      let total = 0n;
      for (let i = 1; i <= 100_000; i++) total += BigInt(200000 + (i % 10) * 50000);
      expect(parsed.totals).to.deep.equal({ households: 100_000, cashCount: 100_000, cashTotal: total.toString(), exemptCount: 0, pledgeCount: 0, inKindCount: 0 });
      expect(parsed.rows[99_999]).to.deep.include({ row: 100_002, code: "DT-100000", amount: "200000", date: dayOf(100_000).toISOString().slice(0, 10), errors: [] });
    });
  });
});

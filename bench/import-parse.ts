import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { parseSheet } from "../src/contributions/sheet";

// The parse half of "import preview + commit of a 100,000-row sheet:
// ≤ 30 s in all, peak RSS ≤ 300 MB". Run by hand:
//   node --import tsx bench/import-parse.ts [--rows 100000] [--csv] [--keep]
// Writes a treasurer-like workbook (title rows, header, households with number and text amounts,
// date cells and text dates, notes, a few exempt and pledged households, a total row) to a temp
// file, then parses it in a child process, so peakRssMb is the parse's alone (with the runtime
// and tsx), not the writer's. Prints one JSON line per file type on stdout.

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const flag = (name: string) => args.includes(`--${name}`);

const SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Lường", "Hà"];
const MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Quang", "Hữu", "Thu"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Hường", "Khánh", "Lực", "Nga", "Phượng", "Sửu", "Thược", "Xuân"];

interface Household {
  stt: number;
  code: string;
  name: string;
  amount: number | string | null;
  date: Date | string | null;
  note: string | null;
}

function household(i: number): Household {
  const code = `DT-${String(i).padStart(6, "0")}`;
  const name = `${SURNAMES[i % 12]} ${MIDDLE[(i >> 2) % 8]} ${GIVEN[(i * 7) % 12]} ${i}`;
  if (i % 50 === 0) return { stt: i, code, name, amount: null, date: null, note: "Miễn - hộ nghèo" };
  if (i % 75 === 0) return { stt: i, code, name, amount: 1_500_000, date: null, note: "Hứa nộp" };
  const dong = 200_000 + (i % 97) * 50_000;
  const day = new Date(Date.UTC(2025, 1 + (i % 4), 1 + (i % 28)));
  const textDay = `${String(day.getUTCDate()).padStart(2, "0")}/${String(day.getUTCMonth() + 1).padStart(2, "0")}/2025`;
  return {
    stt: i,
    code,
    name,
    amount: i % 9 === 0 ? `${dong.toLocaleString("de-DE")} đ` : dong, // "1.250.000 đ", as typed
    date: i % 7 === 0 ? textDay : day,
    note: i % 10 === 0 ? "Chuyển khoản" : null,
  };
}

async function writeXlsx(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet("Đường BT 2025");
  for (const title of ["UBND XÃ TÂN LINH", "THÔN ĐỒNG TÂM", "DANH SÁCH HỘ ĐÓNG GÓP XÂY DỰNG ĐƯỜNG BÊ TÔNG NĂM 2025"]) ws.addRow([title]).commit();
  ws.addRow(["STT", "Mã hộ", "Họ và tên chủ hộ", "Số tiền (đồng)", "Ngày nộp", "Ghi chú"]).commit();
  for (let i = 1; i <= rows; i++) {
    const h = household(i);
    const row = ws.addRow([h.stt, h.code, h.name, h.amount, h.date, h.note]);
    row.getCell(4).numFmt = "#,##0";
    row.getCell(5).numFmt = "dd/mm/yyyy";
    row.commit();
  }
  ws.addRow(["Tổng cộng", null, null, { formula: `SUM(D5:D${rows + 4})`, result: 0 }]).commit();
  await wb.commit();
}

function writeCsv(file: string, rows: number): void {
  const out = fs.openSync(file, "w");
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  fs.writeSync(out, "\ufeffUBND XÃ TÂN LINH,,,,,\r\nSTT,Mã hộ,Họ và tên chủ hộ,Số tiền (đồng),Ngày nộp,Ghi chú\r\n");
  let chunk = "";
  for (let i = 1; i <= rows; i++) {
    const h = household(i);
    const amount = typeof h.amount === "number" ? h.amount.toLocaleString("de-DE") : (h.amount ?? "");
    const date = h.date instanceof Date ? h.date.toISOString().slice(0, 10).split("-").reverse().join("/") : (h.date ?? "");
    chunk += [h.stt, h.code, q(h.name), q(amount), date, q(h.note ?? "")].join(",") + "\r\n";
    if (chunk.length > 1 << 16) {
      fs.writeSync(out, chunk);
      chunk = "";
    }
  }
  fs.writeSync(out, chunk + "Tổng cộng,,,,,\r\n");
  fs.closeSync(out);
}

/** In the child: parse one file and print its figure. */
async function parseOne(file: string): Promise<void> {
  const bytes = fs.readFileSync(file);
  const t0 = performance.now();
  // The CSV of 100,000 households is over the 5 MB upload limit; the bench measures the parser.
  const parsed = await parseSheet(bytes, { maxBytes: 64 * 1024 * 1024 });
  const ms = Math.round(performance.now() - t0);
  const rows = parsed.rows.filter((r) => r.kind !== "blank" && r.kind !== "total").length;
  const bad = parsed.rows.filter((r) => r.errors.length > 0).length;
  if (bad > 0) throw new Error(`${bad} rows with errors in a generated sheet`);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(
    JSON.stringify({ bench: "import-parse", fileType: parsed.fileType, rows, ms, peakRssMb, fileMb: Math.round((bytes.length / 1048576) * 10) / 10, totals: parsed.totals }) + "\n",
  );
}

async function main(): Promise<void> {
  const child = opt("parse", "");
  if (child) return parseOne(child);

  const rows = Number(opt("rows", "100000"));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-bench-import-"));
  try {
    const files = [path.join(dir, "sheet.xlsx")];
    process.stderr.write(`[bench] writing ${rows} households to ${files[0]}\n`);
    await writeXlsx(files[0], rows);
    if (flag("csv")) {
      files.push(path.join(dir, "sheet.csv"));
      writeCsv(files[1], rows);
    }
    for (const file of files) {
      const r = spawnSync(process.execPath, ["--import", "tsx", __filename, "--parse", file], { stdio: ["ignore", "inherit", "inherit"] });
      if (r.status !== 0) throw new Error(`parse of ${file} failed (${r.status})`);
    }
  } finally {
    if (!flag("keep")) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

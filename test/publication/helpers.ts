import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import ExcelJS from "exceljs";
import type { TestApp } from "../helpers/app";
import type { World } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";

// Shared by the publication tests: tools that read documents back, and a small hamlet with money.

/** A tool the tests need: in CI (CI=true) its absence is a failure, never a skip (.ci/run installs it). */
export function requireTool(name: string, ctx: Mocha.Context): boolean {
  const found = spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
  if (found) return true;
  if (process.env.CI === "true") throw new Error(`${name} is not installed: .ci/run must install it`);
  ctx.skip();
  return false;
}

/** pdftotext -raw of a PDF (or one page of it), whitespace collapsed (TOOLCHAIN: line breaks can eat " -"). */
export function pdfText(pdf: Buffer, page?: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-pdf-"));
  const file = path.join(dir, "a.pdf");
  fs.writeFileSync(file, pdf);
  const args = ["-raw", "-enc", "UTF-8", ...(page ? ["-f", String(page), "-l", String(page)] : []), file, "-"];
  const out = execFileSync("pdftotext", args, { maxBuffer: 256 * 1024 * 1024 }).toString("utf8");
  fs.rmSync(dir, { recursive: true, force: true });
  return out.replace(/\s+/g, " ").trim();
}

export function pdfPages(pdf: Buffer): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-pdf-"));
  const file = path.join(dir, "a.pdf");
  fs.writeFileSync(file, pdf);
  const info = execFileSync("pdfinfo", [file]).toString();
  fs.rmSync(dir, { recursive: true, force: true });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

/** Keeps a copy of an output for a person to look at (test-output/ is ignored by git). */
export function keep(name: string, bytes: Buffer) {
  if (!process.env.KEEP_OUTPUT) return;
  const dir = path.resolve(__dirname, "../../test-output");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), bytes);
}

export async function readXlsx(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** supertest: the raw bytes of a binary response. */
export function binary(res: any, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
}

/**
 * Hamlet A with households, a campaign, receipts (one reversed), a pledge, an exemption and
 * in-kind labour: enough for every statement. Returns what the tests look for.
 */
export async function moneyedHamlet(t: TestApp, w: Pick<World, "hamletA" | "treasurerA">, opts: { households?: number } = {}) {
  const as = t.as(w.treasurerA.token);
  const c = await campaign(t, w, { level: { amount: "1000000", per: "household" }, exemptCategories: ["poor"], inKindValues: { labour: "250000" } });
  const names = ["Nguyễn Văn Hường", "Trần Thị Ngọc Ánh", "Lê Đức Thắng", "Phạm Thị Hạnh", "Hoàng Văn Ất", "Đỗ Thị Yến", "Bùi Quang Dũng", "Vũ Thị Thu Hà"];
  const n = opts.households ?? names.length;
  const hh: { id: number; code: string; name: string }[] = [];
  for (let i = 0; i < n; i++) {
    const name = names[i % names.length] + (i >= names.length ? ` ${i}` : "");
    const h = await household(t, w, `DT-${String(i + 1).padStart(3, "0")}`, { headName: name, category: i === 3 ? "poor" : "normal", members: 3 });
    hh.push({ id: h.id, code: h.code, name });
  }
  const receipts: { entryId: number; voucherNo: string; amount: string }[] = [];
  const pay = async (i: number, amount: string, date: string) => {
    const r = await as.post(`/units/${w.hamletA}/contributions`, { householdId: hh[i].id, campaignId: c.id, amount, date, method: i % 3 === 0 ? "bank" : "cash" });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    receipts.push({ entryId: r.body.entry.id, voucherNo: r.body.voucherNo, amount });
    return r.body as { id: number; entry: { id: number } };
  };
  await pay(0, "1250000", "2025-03-05");
  if (n > 1) await pay(1, "1000000", "2025-03-06");
  let reversed: string | null = null;
  if (n > 2) {
    const wrong = await pay(2, "500000", "2025-03-07");
    // a mistake corrected: reversed, then recorded again
    expect((await as.post(`/units/${w.hamletA}/contributions/${wrong.id}/reversal`, { date: "2025-03-08", reason: "Ghi nhầm số tiền" })).status).to.equal(201);
    reversed = receipts[receipts.length - 1].voucherNo;
    await pay(2, "700000", "2025-03-08");
  }
  for (let i = 4; i < n; i++) if (i !== 5 && i !== 6) await pay(i, String(500000 + (i % 5) * 250000), "2025-03-10");
  if (n > 5) expect((await as.post(`/units/${w.hamletA}/pledges`, { householdId: hh[5].id, campaignId: c.id, amount: "1000000", date: "2025-03-02" })).status).to.equal(201);
  if (n > 6) expect((await as.post(`/units/${w.hamletA}/in-kind`, { householdId: hh[6].id, campaignId: c.id, kind: "labour", quantity: "3", unit: "ngày công", description: "Góp 3 ngày công", date: "2025-03-09" })).status).to.equal(201);
  // a payment out of cash, so receipts and payments have both sides
  const pay1 = await as.post(`/units/${w.hamletA}/entries`, {
    date: "2025-04-02", kind: "expense", description: "Tạm ứng mua xi măng đổ đường bê tông",
    postings: [{ account: "141", amount: "300000" }, { account: "111", amount: "-300000" }],
  });
  expect(pay1.status, JSON.stringify(pay1.body)).to.equal(201);
  const paid = receipts.filter((r) => r.voucherNo !== reversed).reduce((a, r) => a + BigInt(r.amount), 0n);
  return { campaignId: c.id, households: hh, receipts, reversed, paid: String(paid) };
}

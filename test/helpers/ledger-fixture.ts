import fs from "node:fs";
import path from "node:path";
import type { TestApp } from "./app";

// The fixture ledger-2025.json (test/fixtures/README.md), posted through the API so it obeys every
// rule of the ledger. The fixtures live in the repository, made by test/fixtures/make.ts.
// The fixture is dated 2025: the app's clock must be past 2025-12-31 (`testApp({ now: FIXTURE_NOW })`).

export const DATA_DIR = path.resolve(__dirname, "../fixtures");
export const FIXTURE_NOW = "2026-01-15T03:00:00.000Z";

export interface FixtureEntry {
  date: string;
  kind: "opening" | "contribution" | "expense" | "transfer" | "adjustment";
  description: string;
  postings: { account: string; amount: string }[];
}

type AccountType = "asset" | "liability" | "net_assets" | "revenue" | "expense";

/** The fixture's accounts beyond the template chart (111, 112, 131, 141, 331, 338), names as in test/fixtures/README.md. */
export const FIXTURE_ACCOUNTS: { code: string; name: string; type: AccountType }[] = [
  { code: "411", name: "Quỹ khuyến học", type: "net_assets" },
  { code: "412", name: "Quỹ đường giao thông nông thôn", type: "net_assets" },
  { code: "413", name: "Quỹ nhà văn hóa", type: "net_assets" },
  { code: "711", name: "Thu đóng góp xây dựng đường bê tông", type: "revenue" },
  { code: "712", name: "Thu đóng góp sửa chữa nhà văn hóa", type: "revenue" },
  { code: "713", name: "Thu quỹ khuyến học", type: "revenue" },
  { code: "811", name: "Chi đường bê tông - vật liệu", type: "expense" },
  { code: "812", name: "Chi đường bê tông - nhân công", type: "expense" },
  { code: "813", name: "Chi đường bê tông - máy móc", type: "expense" },
  { code: "821", name: "Chi nhà văn hóa - vật liệu", type: "expense" },
  { code: "822", name: "Chi nhà văn hóa - nhân công", type: "expense" },
  { code: "831", name: "Chi khen thưởng khuyến học", type: "expense" },
];

export function fixtureEntries(): FixtureEntry[] {
  return JSON.parse(fs.readFileSync(path.join(DATA_DIR, "ledger-2025.json"), "utf8"));
}

/** A CSV of test/fixtures/ (plain: no quotes, no commas inside fields) as objects keyed by the header. */
export function readDataCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(path.join(DATA_DIR, name), "utf8").trim().split(/\r?\n/);
  const cols = header.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}

/**
 * Posts ledger-2025.json into `unitId` as the holder of `token` (treasurer or admin): opens the
 * accounts the unit lacks, then posts the entries in file order in batches of at most 1,000.
 * Throws on the first refused request. Returns the number of entries posted.
 */
export async function loadFixture(t: TestApp, token: string, unitId: number, opts: { batchSize?: number } = {}): Promise<number> {
  const api = t.as(token);
  const U = `/units/${unitId}`;
  const have = await api.get(`${U}/accounts`);
  if (have.status !== 200) throw new Error(`GET ${U}/accounts: ${have.status} ${JSON.stringify(have.body)}`);
  const existing = new Set((have.body.data as { code: string }[]).map((a) => a.code));
  const entries = fixtureEntries();
  const used = new Set(entries.flatMap((e) => e.postings.map((p) => p.account)));
  for (const a of FIXTURE_ACCOUNTS) {
    if (existing.has(a.code) || !used.has(a.code)) continue;
    const r = await api.post(`${U}/accounts`, a);
    if (r.status !== 201) throw new Error(`POST ${U}/accounts ${a.code}: ${r.status} ${JSON.stringify(r.body)}`);
    existing.add(a.code);
  }
  const missing = [...used].filter((c) => !existing.has(c));
  if (missing.length) throw new Error(`the fixture uses accounts the unit lacks and FIXTURE_ACCOUNTS does not name: ${missing.join(", ")}`);
  // The fixture is a year of books copied in, payments above 5,000,000 among them, not vouchers
  // awaiting a head: the unit's approval threshold is raised above them all first.
  await t.db("units").where({ id: unitId }).update({ approval_threshold: "1000000000000" });
  const size = Math.min(opts.batchSize ?? 1000, 1000);
  for (let i = 0; i < entries.length; i += size) {
    const r = await api.post(`${U}/entries/batch`, { entries: entries.slice(i, i + size) });
    if (r.status !== 201) throw new Error(`POST ${U}/entries/batch (entries ${i}..): ${r.status} ${JSON.stringify(r.body)}`);
  }
  return entries.length;
}

import { expect } from "chai";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Knex } from "knex";
import { loadConfig } from "../../src/config";
import { systemActor } from "../../src/identity";
import { setUpUnit } from "../../src/modules";
import { migrationSource } from "../../src/db/migrate";
import { applyIdRanges, rangeFor } from "../../src/national/id-ranges";
import { testApp } from "../helpers/app";
import { freshDb, TEST_DB } from "../helpers/db";
import { world } from "../helpers/given";
import { campaign, household } from "../helpers/given-contributions";
import { binary, requireTool } from "../publication/helpers";

// Each province's database gives its new rows ids of its own range, so that every province's rows
// merge into the national copy as they are; the rows already there keep theirs.

const actor = systemActor("2025-06-15T03:00:00.000Z", "test");
const BIGINT_IDS = "20251213100000_bigint_ids_for_large_tables.ts";
const maxValue = async (db: Knex, sequence: string) =>
  (await db.raw("SELECT max_value::text AS max FROM pg_sequences WHERE schemaname = current_schema() AND sequencename = ?", [sequence])).rows[0].max as string;
const columnType = async (db: Knex, table: string, column: string) =>
  (await db.raw("SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?", [table, column])).rows[0].data_type as string;

const unit = (db: Knex, code: string) => db.transaction((trx) => setUpUnit(trx, actor, { code, name: `Tỉnh ${code}`, kind: "province" }));

describe("national copy: ids that merge", function () {
  this.timeout(30_000);

  it("INSTALLATION_ID is 1-999, and only for a PostgreSQL database (SQLite installations do not join a national copy)", () => {
    expect(loadConfig({ INSTALLATION_ID: "12", DATABASE_URL: "postgres://postgres@127.0.0.1/x" }).installationId).to.equal(12);
    expect(() => loadConfig({ INSTALLATION_ID: "0", DATABASE_URL: "postgres://postgres@127.0.0.1/x" })).to.throw(/INSTALLATION_ID must be a whole number from 1 to 999/);
    expect(() => loadConfig({ INSTALLATION_ID: "1000", DATABASE_URL: "postgres://postgres@127.0.0.1/x" })).to.throw(/INSTALLATION_ID/);
    expect(() => loadConfig({ INSTALLATION_ID: "3", DATABASE_URL: "sqlite:data/x.sqlite" })).to.throw(/only PostgreSQL databases join a national copy/);
    expect(loadConfig({}).installationId).to.equal(undefined);
  });

  it("ranges: bigint ids get 10^12 each, integer ids 2^21 each, the last still below 2^31", () => {
    expect(rangeFor(3, "bigint")).to.deep.equal({ from: 3_000_000_000_000n, to: 3_999_999_999_999n });
    expect(rangeFor(3, "integer")).to.deep.equal({ from: 6_291_456n, to: 8_388_607n });
    expect(rangeFor(999, "integer").to < 2n ** 31n).to.equal(true);
  });

  // PostgreSQL's run only: SQLite installations do not join a national copy (the first test shows
  // INSTALLATION_ID refused there), so the SQLite run has no such case rather than a skipped one.
  if (TEST_DB === "postgres") it("on PostgreSQL, new rows take ids of the installation's range, rows that exist keep theirs, and applying again changes nothing", async function () {
    const { db } = await freshDb();
    const before = await unit(db, "truoc");
    const ranges = await applyIdRanges(db, 5);
    expect(ranges.map((r) => r.table)).to.include.members(["units", "entries", "postings", "households"]);
    expect(ranges.map((r) => r.table)).not.to.include("users");
    const after = await unit(db, "sau");
    expect(BigInt(after.id)).to.equal(rangeFor(5, "integer").from);
    expect((await db("units").where({ code: "truoc" }).first()).id).to.equal(before.id);
    await applyIdRanges(db, 5);
    const third = await unit(db, "ba");
    expect(BigInt(third.id)).to.equal(rangeFor(5, "integer").from + 1n);
    const seq = (await db.raw("SELECT max_value::text AS max FROM pg_sequences WHERE schemaname = current_schema() AND sequencename = 'entries_id_seq'")).rows[0];
    expect(seq.max).to.equal(rangeFor(5, "bigint").to.toString());
    // A smaller INSTALLATION_ID than the ids already given: refused, naming the column.
    let refused: Error | undefined;
    await applyIdRanges(db, 4).catch((e: Error) => (refused = e));
    expect(refused?.message).to.match(/\w+\.id has already given ids up to .* \(was INSTALLATION_ID changed\?\)/);
  });

  // A large province records ~1,000,000 contributions a year: 2^21 integer ids would last two years.
  if (TEST_DB === "postgres") it("on PostgreSQL, contributions and opinions get the bigint range, and a receipt recorded in it is answered, listed and reversed by its id as a JSON number", async function () {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const api = t.as(w.treasurerA.token);
    const h = await household(t, w, "DT-001");
    const c = await campaign(t, w);
    const ranges = await applyIdRanges(t.db, 7);
    const from = rangeFor(7, "bigint").from;
    for (const table of ["contributions", "opinions"]) {
      expect(ranges.find((r) => r.table === table), table).to.deep.include({ from, to: rangeFor(7, "bigint").to });
      expect(await maxValue(t.db, `${table}_id_seq`)).to.equal("7999999999999");
    }
    const r = await api.post(`/units/${w.hamletA}/contributions`, { householdId: h.id, campaignId: c.id, amount: "300000", date: "2025-03-01", method: "cash" });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body.id).to.be.a("number");
    expect(BigInt(r.body.id)).to.equal(from);
    const hist = await api.get(`/units/${w.hamletA}/households/${h.id}/history`);
    expect(hist.body.campaigns[0].items.map((i: { id: unknown }) => i.id)).to.deep.equal([r.body.id]);
    const rev = await api.post(`/units/${w.hamletA}/contributions/${r.body.id}/reversal`, { date: "2025-03-02", reason: "Ghi nhầm hộ" });
    expect(rev.status, JSON.stringify(rev.body)).to.equal(201);
    expect((await api.get(`/units/${w.hamletA}/households/${h.id}/history`)).body.campaigns[0].items[0]).to.deep.include({ id: r.body.id, reversedBy: rev.body.id });
  });

  if (TEST_DB === "postgres") it("on PostgreSQL, a receipt of an id in the installation's range prints its verification code whole and inside the page, on A4 and A5", async function () {
    if (!requireTool("pdftotext", this)) return;
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const api = t.as(w.treasurerA.token);
    const h = await household(t, w, "DT-001");
    const c = await campaign(t, w);
    await applyIdRanges(t.db, 21);
    const r = await api.post(`/units/${w.hamletA}/contributions`, { householdId: h.id, campaignId: c.id, amount: "150000", date: "2025-03-01", method: "cash" });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    const entryId = r.body.entry.id as number;
    expect(entryId).to.be.at.least(21e12);
    for (const paper of ["a4", "a5"]) {
      const pdf = await api.get(`/units/${w.hamletA}/statements/receipt.pdf?entryId=${entryId}&paper=${paper}`).buffer(true).parse(binary);
      expect(pdf.status).to.equal(200);
      // Each word's box as pdftotext places it: the code must be one word, right of nothing past the page's edge.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-code-"));
      fs.writeFileSync(path.join(dir, "r.pdf"), pdf.body);
      const html = execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", path.join(dir, "r.pdf"), "-"]).toString("utf8");
      fs.rmSync(dir, { recursive: true, force: true });
      const pageW = Number(/<page width="([0-9.]+)"/.exec(html)![1]);
      const word = [...html.matchAll(/<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)<\/word>/g)].find((m) => m[3].startsWith(`R-${entryId}-`));
      expect(word, `the code on ${paper}`).to.not.equal(undefined);
      expect(word![3]).to.match(new RegExp(`^R-${entryId}-[0-9a-f]{10}$`));
      expect(Number(word![2]), `the code's right edge on ${paper}`).to.be.below(pageW - 20);
      // The code read off the paper, as printed and as typed (spaces, capitals), checks the receipt.
      for (const typed of [word![3], word![3].toUpperCase().replace(/-/g, " ")]) {
        const page = await t.api.get(`/verify/${encodeURIComponent(typed)}`).redirects(1);
        expect(page.status, typed).to.equal(200);
        expect(page.text).to.include(r.body.voucherNo);
      }
    }
  });

  if (TEST_DB === "postgres") it("on PostgreSQL, a province that had integer ranges and a publication keeps its rows' ids through the widening, its next start moves to the bigint range, and the widening cannot be undone once used", async function () {
    const t = await testApp();
    const w = await world(t, { only: ["treasurerA"] });
    const api = t.as(w.treasurerA.token);
    const h = await household(t, w, "DT-001");
    const c = await campaign(t, w);
    const receipt = async (date: string) => {
      const r = await api.post(`/units/${w.hamletA}/contributions`, { householdId: h.id, campaignId: c.id, amount: "100000", date, method: "cash" });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      return r.body.id as number;
    };
    // As a province that joined a national copy before this release: integer ids, ranges, a publication.
    await t.db.migrate.down({ migrationSource, name: BIGINT_IDS });
    expect(await columnType(t.db, "contributions", "id")).to.equal("integer");
    const pub = `ids_${(await t.db.raw("SELECT current_schema() AS s")).rows[0].s}`;
    await t.db.raw(`CREATE PUBLICATION ${pub} FOR TABLE contributions (id, unit_id, amount), opinions (id, choice)`);
    try {
      await applyIdRanges(t.db, 7);
      const old = await receipt("2025-03-01");
      expect(BigInt(old)).to.equal(rangeFor(7, "integer").from);
      await t.db.migrate.up({ migrationSource, name: BIGINT_IDS });
      for (const [table, column] of [["contributions", "id"], ["opinions", "id"], ["outbox_events", "ref_id"]]) expect(await columnType(t.db, table, column), table).to.equal("bigint");
      const published = (await t.db.raw("SELECT tablename, attnames::text[] AS cols FROM pg_publication_tables WHERE pubname = ? ORDER BY tablename", [pub])).rows;
      expect(published).to.deep.equal([{ tablename: "contributions", cols: ["id", "unit_id", "amount"] }, { tablename: "opinions", cols: ["id", "choice"] }]);
      // Until the next start the sequence keeps its integer range.
      expect(await maxValue(t.db, "contributions_id_seq")).to.equal(rangeFor(7, "integer").to.toString());
      await applyIdRanges(t.db, 7);
      const next = await receipt("2025-03-02");
      expect(BigInt(next)).to.equal(rangeFor(7, "bigint").from);
      const hist = await api.get(`/units/${w.hamletA}/households/${h.id}/history`);
      expect(hist.body.campaigns[0].items.map((i: { id: unknown }) => i.id)).to.deep.equal([old, next]);
      let refused: Error | undefined;
      await t.db.migrate.down({ migrationSource, name: BIGINT_IDS }).catch((e: Error) => (refused = e));
      expect(refused?.message).to.contain("contributions.id holds ids up to 7000000000000, past 2147483647");
      expect(await columnType(t.db, "contributions", "id")).to.equal("bigint");
    } finally {
      await t.db.raw(`DROP PUBLICATION IF EXISTS ${pub}`);
    }
  });
});

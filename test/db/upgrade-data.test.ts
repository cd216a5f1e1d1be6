import { expect } from "chai";
import crypto from "node:crypto";
import path from "node:path";
import type { Knex } from "knex";
import { createDb } from "../../src/db/knex";
import { migrate, migrationSource } from "../../src/db/migrate";
import { asSystem } from "../../src/identity";
import { entryHash, ZERO_HASH, verifyChain } from "../../src/ledger";
import { PG_URL, TEST_DB, tempDir } from "../helpers/db";

// An upgrade keeps the data: a database is built from the first migration, written with plain SQL
// at the steps where the schema allows it (as a release of that day would have left it), migrated
// to the latest, and then read through today's code: every row is there and every unit verifies.

async function emptyDb(): Promise<{ db: Knex; drop: () => Promise<void> }> {
  if (TEST_DB === "sqlite") {
    const file = path.join(tempDir(), "old.sqlite");
    const db = createDb({ client: "sqlite", filename: file });
    return { db, drop: () => db.destroy() };
  }
  const name = `cfl_u_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const db = createDb({ client: "postgres", connectionString: u.toString() }, { pool: { min: 0, max: 2 } });
  return {
    db,
    async drop() {
      await db.destroy();
      const a = createDb({ client: "postgres", connectionString: PG_URL }, { pool: { min: 0, max: 1 } });
      await a.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.destroy();
    },
  };
}

/** Runs migrations one at a time up to and including the one whose name starts with `stamp`. */
async function upTo(db: Knex, stamp: string): Promise<void> {
  for (;;) {
    const [, pending] = (await db.migrate.list({ migrationSource })) as [unknown[], { file: string }[] | string[]];
    const next = pending.map((p) => (typeof p === "string" ? p : p.file))[0];
    if (!next) throw new Error(`no migration ${stamp}`);
    await db.migrate.up({ migrationSource });
    if (migrationSource.getMigrationName(next).startsWith(stamp)) return;
  }
}

const AT = "2025-11-01T03:00:00.000Z";

/** An entry and its postings written as the release of the ledger's first day would have. */
async function oldEntry(db: Knex, e: { id: number; unitId: number; seq: number; prev: string; voucher: [string, number]; date: string; kind: string; description: string; postings: [number, string, string][] }): Promise<string> {
  const voucherNo = `${e.voucher[0]}-2025-${String(e.voucher[1]).padStart(6, "0")}`;
  const hash = entryHash(e.prev, {
    unitId: e.unitId, seq: e.seq, voucherNo, date: e.date, kind: e.kind, description: e.description,
    householdId: null, campaignId: null, workId: null, reverses: null, createdBy: 1, createdAt: AT,
    postings: e.postings.map(([, code, amount]) => ({ account: code, amount, memo: null })),
  });
  await db.transaction(async (trx) => {
    // Postings before their entry: the entry's trigger checks them (the FK waits for commit).
    for (const [accountId, , amount] of e.postings) {
      await trx("postings").insert({ entry_id: e.id, unit_id: e.unitId, account_id: accountId, amount, memo: null, entry_date: e.date, seq: e.seq });
    }
    await trx("entries").insert({
      id: e.id, unit_id: e.unitId, seq: e.seq, voucher_series: e.voucher[0], voucher_year: 2025, voucher_number: e.voucher[1], voucher_no: voucherNo,
      entry_date: e.date, kind: e.kind, description: e.description, created_by: 1, created_by_name: "Nguyễn Thị Mai", created_at: AT, prev_hash: e.prev, hash,
    });
  });
  return hash;
}

describe("db: an upgrade keeps the data", function () {
  this.timeout(120_000);

  it("when a database written by the first releases is migrated to the latest, then its data is there and every unit verifies", async () => {
    const { db, drop } = await emptyDb();
    try {
      // The first release: units and a user.
      await upTo(db, "20251101000000");
      await db("units").insert([
        { id: 1, code: "an-binh", name: "Tỉnh An Bình", kind: "province", parent_id: null, path: "/1/", created_at: AT },
        { id: 2, code: "tan-linh", name: "Xã Tân Linh", kind: "commune", parent_id: 1, path: "/1/2/", created_at: AT },
        { id: 3, code: "dong-tam", name: "Thôn Đồng Tâm", kind: "hamlet", parent_id: 2, path: "/1/2/3/", created_at: AT },
      ]);
      await db("users").insert({ id: 1, username: "dt.thuquy", display_name: "Nguyễn Thị Mai", password_hash: "scrypt$old", created_at: AT });

      // The ledger's first day: accounts and two entries, hashed as that release did.
      await upTo(db, "20251102000000");
      await db("accounts").insert([
        { id: 1, unit_id: 3, code: "111", name: "Tiền mặt", type: "asset", no_overdraft: true, created_at: AT },
        { id: 2, unit_id: 3, code: "338", name: "Nhận giữ hộ", type: "liability", no_overdraft: false, created_at: AT },
        { id: 3, unit_id: 3, code: "711", name: "Thu đóng góp đường bê tông", type: "revenue", no_overdraft: false, created_at: AT },
      ]);
      const h1 = await oldEntry(db, { id: 1, unitId: 3, seq: 1, prev: ZERO_HASH, voucher: ["PK", 1], date: "2025-01-02", kind: "opening", description: "Số dư đầu năm", postings: [[1, "111", "5000000"], [2, "338", "-5000000"]] });
      const h2 = await oldEntry(db, { id: 2, unitId: 3, seq: 2, prev: h1, voucher: ["PT", 1], date: "2025-01-03", kind: "contribution", description: "Thu đóng góp - hộ dt-001", postings: [[1, "111", "200000"], [3, "711", "-200000"]] });

      // January closed: its head is an anchor the chain must still reach after the upgrade.
      await db("closings").insert({ unit_id: 3, through: "2025-01-31", chain_seq: 2, chain_hash: h2, balances: JSON.stringify([{ account: "111", balance: "5200000" }]), created_by: 1, created_at: AT });

      // Contributions' first day: a household whose code a treasurer typed in lower case.
      await upTo(db, "20251103000000");
      await db("households").insert({ id: 1, unit_id: 3, code: "dt-001", head_name: "Trần Văn An", search_text: "dt-001 tran van an", address: "Xóm 1", members: 4, category: "normal", is_active: true, created_at: AT });

      // Works' first day: a road with its estimate and a funding line.
      await upTo(db, "20251104000000");
      await db("works").insert({ id: 1, unit_id: 3, number: 1, name: "Đường bê tông xóm 1", location: "Xóm 1", category: "Giao thông", planned_start: "2025-03-01", planned_end: "2025-06-30", status: "proposed", accounts: "[]", created_by: 1, created_at: AT, updated_at: AT });
      await db("work_lines").insert([
        { work_id: 1, unit_id: 3, kind: "estimate", category: "materials", amount: 80000000, campaign_id: null },
        { work_id: 1, unit_id: 3, kind: "funding", category: "state", amount: 30000000, campaign_id: null },
      ]);

      // Everything since.
      await migrate(db);

      expect((await db("units").orderBy("id")).map((u) => u.code)).to.deep.equal(["an-binh", "tan-linh", "dong-tam"]);
      expect((await db("users").where({ id: 1 }).first()).username).to.equal("dt.thuquy");
      expect((await db("households").where({ id: 1 }).first()).code).to.equal("DT-001");
      expect((await db("works").where({ id: 1 }).first()).name).to.equal("Đường bê tông xóm 1");
      expect((await db("work_lines").where({ work_id: 1 }).orderBy("id")).map((l) => [l.kind, Number(l.amount)])).to.deep.equal([["estimate", 80000000], ["funding", 30000000]]);
      expect(Number((await db("closings").where({ unit_id: 3 }).first()).chain_seq)).to.equal(2);
      const entries = await db("entries").where({ unit_id: 3 }).orderBy("seq");
      expect(entries.map((e) => [Number(e.seq), e.hash])).to.deep.equal([[1, h1], [2, h2]]);
      expect(Number((await db("postings").count({ n: "*" }).first())!.n)).to.equal(4);
      for (const unitId of [1, 2, 3]) {
        const v = await verifyChain(db, asSystem("test"), unitId);
        expect(v.ok, `unit ${unitId}: ${JSON.stringify(v)}`).to.equal(true);
      }
      expect((await verifyChain(db, asSystem("test"), 3)).head).to.deep.equal({ seq: 2, hash: h2 });
    } finally {
      await drop();
    }
  });
});

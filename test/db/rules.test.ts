import { expect } from "chai";
import type { Knex } from "knex";
import { translateDbError } from "../../src/db/errors";
import { freshDb, TEST_DB } from "../helpers/db";

// Every ledger rule the database enforces (src/ledger/CONTEXT.md, "Rules"), written past the
// TypeScript straight into the tables: each is refused, with the code the table names, and the
// same code on SQLite and PostgreSQL (this file runs unchanged under both).

const AT = "2025-01-02T03:00:00.000Z";
const A = 901; // the hamlet whose books are written
const B = 902; // another hamlet

type Posting = [accountId: number, amount: number];

interface Books {
  db: Knex;
  /** Account ids by "<unit>:<code>". */
  acc: Record<string, number>;
  householdA: number;
  householdB: number;
  campaignA: number;
}

/** Unit A's books: an opening and a campaign receipt posted, a closing through 2024. */
async function books(): Promise<Books> {
  const { db } = await freshDb();
  await db("units").insert([
    { id: A, code: "rules-a", name: "Thôn A", kind: "hamlet", parent_id: null, path: `/${A}/`, created_at: AT },
    { id: B, code: "rules-b", name: "Thôn B", kind: "hamlet", parent_id: null, path: `/${B}/`, created_at: AT },
  ]);
  const accounts: [number, number, string, string, boolean][] = [
    [9001, A, "111", "asset", true],
    [9002, A, "411", "net_assets", true],
    [9003, A, "711", "revenue", true],
    [9004, A, "811", "expense", true],
    [9005, A, "812", "expense", false],
    [9006, B, "111", "asset", true],
  ];
  await db("accounts").insert(accounts.map(([id, unit_id, code, type, is_active]) => ({ id, unit_id, code, name: `TK ${code}`, type, is_active, created_at: AT })));
  const acc = Object.fromEntries(accounts.map(([id, unit, code]) => [`${unit === A ? "A" : "B"}:${code}`, id]));
  await db("households").insert([
    { id: 9101, unit_id: A, code: "A-001", head_name: "Trần Văn An", search_text: "a-001", created_at: AT },
    { id: 9102, unit_id: B, code: "B-001", head_name: "Lê Thị Bình", search_text: "b-001", created_at: AT },
  ]);
  await db("campaigns").insert({
    id: 9201, unit_id: A, name: "Đường xóm", purpose: "Làm đường", decision_date: "2025-01-02", minutes_ref: "BB-1",
    households_total: 3, households_present: 3, households_agreeing: 2, exempt_categories: "[]", in_kind_values: "[]",
    start_date: "2025-01-02", revenue_account_id: acc["A:711"], created_at: AT,
  });
  await db("closings").insert({ unit_id: A, through: "2024-12-31", chain_seq: 0, chain_hash: "0".repeat(64), balances: "[]", created_at: AT });
  const b: Books = { db, acc, householdA: 9101, householdB: 9102, campaignA: 9201 };
  await db.transaction(async (trx) => {
    await post(trx, {}, [[acc["A:111"], 1_000_000], [acc["A:411"], -1_000_000]]);
    await post(trx, { kind: "contribution", voucher_series: "PT", household_id: 9101, campaign_id: 9201 }, [[acc["A:111"], 200_000], [acc["A:711"], -200_000]]);
  });
  return b;
}

/**
 * Writes one entry of unit A as the ledger would, after its head (seq, prev_hash, the next voucher
 * number of its series), its postings first; `entry` and `postingRow` change what a test breaks.
 */
async function post(
  trx: Knex,
  entry: Record<string, unknown>,
  postings: Posting[],
  postingRow: Record<string, unknown> = {},
): Promise<number> {
  const head = await trx("entries").where({ unit_id: A }).orderBy("seq", "desc").first();
  const series = (entry.voucher_series as string | undefined) ?? "PK";
  const last = await trx("entries").where({ unit_id: A, voucher_series: series, voucher_year: 2025 }).max({ n: "voucher_number" }).first();
  const seq = Number(head?.seq ?? 0) + 1;
  const number = Number(last?.n ?? 0) + 1;
  const row = {
    id: 1000 + seq, unit_id: A, seq, voucher_series: series, voucher_year: 2025, voucher_number: number,
    voucher_no: `${series}-2025-${String(number).padStart(6, "0")}`, entry_date: "2025-01-03", kind: "adjustment",
    description: "ghi thẳng vào cơ sở dữ liệu", created_at: AT, prev_hash: head?.hash ?? "0".repeat(64), hash: String(seq % 10).repeat(64),
    ...entry,
  };
  await trx("postings").insert(postings.map(([account_id, amount]) => ({
    entry_id: row.id, unit_id: A, account_id, amount, entry_date: row.entry_date, seq: row.seq, ...postingRow,
  })));
  await trx("entries").insert(row);
  return row.id as number;
}

/** The problem code the API would answer with for what the database refused (and kept out); "" if it took it. */
async function refusal(db: Knex, write: (trx: Knex) => Promise<unknown>): Promise<string> {
  const before = await db("entries").count({ n: "*" }).first();
  const code = await db.transaction(async (trx) => { await write(trx as unknown as Knex); }).then(
    () => "",
    (e: Error) => translateDbError(e)?.code ?? `untranslated: ${e.message}`,
  );
  if (code) expect(await db("entries").count({ n: "*" }).first()).to.deep.equal(before);
  return code;
}

interface Case {
  code: string;
  what: string;
  write: (trx: Knex, b: Books) => Promise<unknown>;
  /** The engines this row applies to (the rules table says why when it is not both). */
  only?: "postgres";
}

const balanced = (b: Books, amount = 5): Posting[] => [[b.acc["A:111"], amount], [b.acc["A:411"], -amount]];

const CASES: Case[] = [
  { code: "unbalanced_entry", what: "an entry's postings do not sum to zero", write: (x, b) => post(x, {}, [[b.acc["A:111"], 5], [b.acc["A:411"], -4]]) },
  { code: "unbalanced_entry", what: "an entry has a single posting", write: (x, b) => post(x, {}, [[b.acc["A:111"], 5]]) },
  { code: "zero_amount", what: "a posting is of zero", write: (x, b) => post(x, {}, [[b.acc["A:111"], 0], [b.acc["A:411"], 0]]) },
  { code: "unknown_account", what: "a posting is on an account of another unit", write: (x, b) => post(x, {}, [[b.acc["B:111"], 5], [b.acc["A:411"], -5]]) },
  { code: "unknown_account", what: "a posting is on an account that does not exist", write: (x, b) => post(x, {}, [[99_999, 5], [b.acc["A:411"], -5]]) },
  { code: "account_inactive", what: "a posting is on a deactivated account of the unit", write: (x, b) => post(x, {}, [[b.acc["A:812"], 5], [b.acc["A:411"], -5]]) },
  { code: "period_closed", what: "an entry is dated inside a closed period", write: (x, b) => post(x, { entry_date: "2024-12-30" }, balanced(b)) },
  {
    code: "approval_required",
    what: "a payment is above the unit's threshold with no approved voucher",
    write: (x, b) => post(x, { kind: "expense", voucher_series: "PC" }, [[b.acc["A:811"], 6_000_000], [b.acc["A:111"], -6_000_000]]),
  },
  { code: "voucher_gap", what: "a voucher number is skipped", write: (x, b) => post(x, { voucher_number: 3 }, balanced(b)) },
  { code: "chain_broken", what: "a seq is skipped", write: (x, b) => post(x, { seq: 4 }, balanced(b), { seq: 4 }) },
  { code: "chain_broken", what: "a seq is taken twice", write: (x, b) => post(x, { id: 1100, seq: 2 }, balanced(b), { seq: 2 }) },
  { code: "chain_broken", what: "a prev_hash is not the head's hash", write: (x, b) => post(x, { prev_hash: "9".repeat(64) }, balanced(b)) },
  { code: "posting_mismatch", what: "a posting is dated otherwise than its entry", write: (x, b) => post(x, {}, balanced(b), { entry_date: "2025-01-04" }) },
  {
    code: "entry_posted",
    what: "a posting is added to a posted entry",
    write: (x, b) => x("postings").insert({ entry_id: 1001, unit_id: A, account_id: b.acc["A:111"], amount: 5, entry_date: "2025-01-03", seq: 1 }),
  },
  {
    code: "cannot_reverse_reversal",
    what: "a reversal is reversed",
    write: async (x, b) => {
      const reversal = await post(x, { kind: "reversal", reverses_id: 1001 }, balanced(b, -1_000_000));
      await post(x, { kind: "reversal", reverses_id: reversal }, balanced(b, 1_000_000));
    },
  },
  {
    code: "already_reversed",
    what: "an entry is reversed twice",
    write: async (x, b) => {
      await post(x, { kind: "reversal", reverses_id: 1001 }, balanced(b, -1_000_000));
      await post(x, { kind: "reversal", reverses_id: 1001 }, balanced(b, -1_000_000));
    },
  },
  { code: "not_found", what: "an entry names a household of another unit", write: (x, b) => post(x, { household_id: b.householdB }, balanced(b)) },
  { code: "invalid_kind", what: "an entry's kind is not in the list", write: (x, b) => post(x, { kind: "gift" }, balanced(b)) },
  { code: "invalid_voucher_series", what: "a voucher series is not in the list", write: (x, b) => post(x, { voucher_series: "PX" }, balanced(b)) },
  { code: "append_only", what: "an entry is updated", write: (x) => x("entries").where({ id: 1001 }).update({ description: "sửa lén" }) },
  { code: "append_only", what: "an entry is deleted", write: (x) => x("entries").where({ id: 1002 }).delete() },
  { code: "append_only", what: "a posting is updated", write: (x) => x("postings").where({ entry_id: 1001 }).update({ amount: 7 }) },
  { code: "append_only", what: "a posting is deleted", write: (x) => x("postings").where({ entry_id: 1001 }).delete() },
  { code: "append_only", what: "a closing is deleted", write: (x) => x("closings").where({ unit_id: A }).delete() },
  { code: "append_only", what: "an account is deleted", write: (x, b) => x("accounts").where({ id: b.acc["A:812"] }).delete() },
  { code: "append_only", what: "a campaign's household total is updated", write: (x) => x("campaign_household_totals").update({ cash: 999 }) },
  { code: "append_only", what: "a campaign's household total is deleted", write: (x) => x("campaign_household_totals").delete() },
  { code: "append_only", what: "a chain head is moved", write: (x) => x("ledger_heads").update({ seq: 1 }), only: "postgres" },
  { code: "append_only", what: "a voucher head is moved", write: (x) => x("voucher_heads").update({ voucher_number: 1 }), only: "postgres" },
  {
    code: "conflict",
    what: "an idempotency key is used twice in a unit",
    write: async (x) => {
      const key = { unit_id: A, key: "k-1", request_hash: "h", status: 201, response: "{}", created_at: AT };
      await x("idempotency_keys").insert(key);
      await x("idempotency_keys").insert({ ...key, request_hash: "other" });
    },
  },
];

describe(`db: every ledger rule refuses a write straight into the database (${TEST_DB})`, () => {
  it("when the books are written as the ledger writes them, then the database takes them and keeps the campaign's totals", async () => {
    const b = await books();
    expect(await refusal(b.db, (x) => post(x, {}, balanced(b)))).to.equal("");
    await b.db.transaction((x) => post(x, { kind: "contribution", voucher_series: "PT", household_id: b.householdA, campaign_id: b.campaignA }, [[b.acc["A:111"], 50_000], [b.acc["A:711"], -50_000]]));
    const totals = await b.db("campaign_household_totals").select("campaign_id", "household_id", b.db.raw("CAST(cash AS TEXT) AS cash"), b.db.raw("CAST(receivable AS TEXT) AS receivable"));
    expect(totals.map((r) => ({ ...r, campaign_id: Number(r.campaign_id), household_id: Number(r.household_id) }))).to.deep.equal([
      { campaign_id: b.campaignA, household_id: b.householdA, cash: "250000", receivable: "0" },
    ]);
  });

  it("when each rule is broken by a write straight into the tables, then the database refuses it with the rule's code", async () => {
    // One set of books for every case: each write runs in a transaction of its own, rolled back
    // when refused, so no case sees another's rows.
    const b = await books();
    const cases = CASES.filter((c) => !c.only || c.only === TEST_DB);
    const answers: string[] = [];
    for (const c of cases) answers.push(`${c.what}: ${await refusal(b.db, (x) => c.write(x, b))}`);
    expect(answers).to.deep.equal(cases.map((c) => `${c.what}: ${c.code}`));
  });
});

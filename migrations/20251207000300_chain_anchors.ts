import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// Every shown field hashed, and anchors that let a cut in the books be seen:
//  - entries.hash_version: which canonical form an entry's hash covers (hash-chain.ts,
//    src/ledger/CONTEXT.md). Existing entries keep 1; the ledger writes 2 from now on.
//  - entries.payee: whom a payment voucher pays, shown with it, now on the entry and in its hash.
//  - cash_counts.chain_head, inspections.chain_head: the unit's chain head ("<seq>:<hash>") when a
//    count was recorded or an inspection filed; contributions.chain_head: a receipt's own entry
//    ("<seq>:<hash>"). The ledger's verify checks the books against each of them.
// Past counts and filed inspections get the head as it stood when they were recorded (the last
// entry created by then); past receipts their entry's. Adding columns fires no row trigger on
// either engine, so the append-only tables take them. Transactional; reversible (drops the columns).

const HEAD_AT = (table: string, at: string) =>
  `(SELECT CAST(e.seq AS TEXT) || ':' || e.hash FROM entries e WHERE e.unit_id = ${table}.unit_id AND e.created_at <= ${table}.${at} ORDER BY e.seq DESC LIMIT 1)`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("entries", (t) => {
    t.integer("hash_version").notNullable().defaultTo(1);
    t.string("payee", 200);
  });
  for (const table of ["cash_counts", "inspections", "contributions"]) {
    await knex.schema.alterTable(table, (t) => {
      t.string("chain_head", 90);
    });
  }
  // cash_counts is append-only (its triggers refuse UPDATE): the head is filled in with them off.
  const pg = isPg(knex);
  if (pg) await knex.raw("ALTER TABLE cash_counts DISABLE TRIGGER cash_counts_append_only");
  else await knex.raw("DROP TRIGGER cash_counts_no_update");
  await knex.raw(`UPDATE cash_counts SET chain_head = ${HEAD_AT("cash_counts", "created_at")}`);
  if (pg) await knex.raw("ALTER TABLE cash_counts ENABLE TRIGGER cash_counts_append_only");
  else await knex.raw("CREATE TRIGGER cash_counts_no_update BEFORE UPDATE ON cash_counts BEGIN SELECT RAISE(ABORT, 'append_only: cash_counts'); END");
  await knex.raw(`UPDATE inspections SET chain_head = ${HEAD_AT("inspections", "filed_at")} WHERE filed_at IS NOT NULL`);
  await knex.raw(
    `UPDATE contributions SET chain_head = (SELECT CAST(e.seq AS TEXT) || ':' || e.hash FROM entries e WHERE e.id = contributions.entry_id)
     WHERE kind = 'receipt' AND entry_id IS NOT NULL`,
  );
}

export async function down(knex: Knex): Promise<void> {
  // ALTER TABLE … DROP COLUMN on both engines (SQLite 3.35+): knex's SQLite fallback would rebuild
  // the tables and lose their triggers.
  for (const table of ["contributions", "inspections", "cash_counts"]) await knex.raw(`ALTER TABLE ${table} DROP COLUMN chain_head`);
  await knex.raw("ALTER TABLE entries DROP COLUMN payee");
  await knex.raw("ALTER TABLE entries DROP COLUMN hash_version");
}

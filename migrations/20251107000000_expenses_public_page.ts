import type { Knex } from "knex";

// A work's public page shows its most recent posted vouchers (newest date first) and pages back
// through the rest by (entry_date, id): an index in that order lets each page seek instead of
// sorting every voucher of the work. Transactional; reversible.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("expenses", (t) => t.index(["work_id", "status", "entry_date", "id"], "expenses_public_page"));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("expenses", (t) => t.dropIndex([], "expenses_public_page"));
}

import type { Knex } from "knex";

// Journal pages and the hledger export walk a unit's entries by (entry_date, seq): an index in
// that order lets each page seek instead of scanning from the first entry. Transactional; reversible.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("entries", (t) => t.index(["unit_id", "entry_date", "seq"], "entries_journal"));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("entries", (t) => t.dropIndex([], "entries_journal"));
}

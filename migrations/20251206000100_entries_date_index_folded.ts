import type { Knex } from "knex";

// entries (unit_id, entry_date) is the first two columns of entries_journal (unit_id, entry_date,
// seq, 20251105000000): every query it served, that one serves, and each posted entry paid for
// both (~0.5 ms of a 1,000-entry batch on SQLite). Transactional; reversible.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("entries", (t) => t.dropIndex([], "entries_unit_id_entry_date_index"));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("entries", (t) => t.index(["unit_id", "entry_date"], "entries_unit_id_entry_date_index"));
}

import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// A cash count's difference opens a finding whose severity follows two unit settings, in whole
// đồng: below units.cash_difference_minor it is an observation, below cash_difference_critical a
// minor finding, then major, and critical from ten times cash_difference_critical. Defaults 10.000
// and 1.000.000 (the column defaults are the one place they are set). Neither is negative and the
// first never exceeds the second (identity refuses both first, with 422). PostgreSQL names the order
// check as a table constraint; SQLite takes it on the column, where a CHECK may name other columns.
// Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE units ADD COLUMN cash_difference_minor bigint NOT NULL DEFAULT 10000 CHECK (cash_difference_minor >= 0)");
  if (isPg(knex)) {
    await knex.raw("ALTER TABLE units ADD COLUMN cash_difference_critical bigint NOT NULL DEFAULT 1000000 CHECK (cash_difference_critical >= 0)");
    await knex.raw("ALTER TABLE units ADD CONSTRAINT units_cash_difference_order_check CHECK (cash_difference_minor <= cash_difference_critical)");
  } else {
    await knex.raw(
      "ALTER TABLE units ADD COLUMN cash_difference_critical bigint NOT NULL DEFAULT 1000000 CHECK (cash_difference_critical >= 0 AND cash_difference_minor <= cash_difference_critical)",
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) await knex.raw("ALTER TABLE units DROP CONSTRAINT units_cash_difference_order_check");
  await knex.raw("ALTER TABLE units DROP COLUMN cash_difference_critical");
  await knex.raw("ALTER TABLE units DROP COLUMN cash_difference_minor");
}

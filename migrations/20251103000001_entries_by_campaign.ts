import type { Knex } from "knex";

// Campaign summaries and household histories read the ledger by campaign and household.
// Runs in a transaction; reversible.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("entries", (t) => {
    t.index(["unit_id", "campaign_id", "household_id"], "entries_campaign");
    t.index(["household_id"], "entries_household");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("entries", (t) => {
    t.dropIndex([], "entries_campaign");
    t.dropIndex([], "entries_household");
  });
}

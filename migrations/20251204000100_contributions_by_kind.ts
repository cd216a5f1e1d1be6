import type { Knex } from "knex";

// A campaign's standings read its pledges and in-kind gifts (not its receipts, which the ledger
// sums): by (campaign_id, kind) that is a seek to a few rows instead of a walk past every receipt
// of the campaign (5,000 rows, ~10 ms on SQLite, for a campaign with no pledge at all).
// Transactional; reversible.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("contributions", (t) => t.index(["campaign_id", "kind"], "contributions_campaign_kind"));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("contributions", (t) => t.dropIndex([], "contributions_campaign_kind"));
}

import type { Knex } from "knex";

// A channel's rotating credential, kept where every server of the installation reads it: Zalo
// answers each OA token refresh with a new refresh token and retires the old one, so the one in
// the environment works once; after a restart the server must use the newest, not the first.
// Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("channel_tokens", (t) => {
    t.string("channel", 20).primary();
    t.text("refresh_token").notNullable();
    t.string("updated_at", 30).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("channel_tokens");
}

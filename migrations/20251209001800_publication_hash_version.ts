import type { Knex } from "knex";

// A published statement's data hash now covers its own data only, no longer the unit's chain head
// (which stays recorded beside it as the anchor). Each row says which way its hash was made, so a
// copy published before keeps verifying as it did:
// - publications.hash_version: 1 for every row already there (the hash covered the chain head;
//   current meant "no entry of the unit since"), 2 for rows published from now on.
// - publications.figures: the statement's headline figures as published (JSON: label and amount or
//   text), shown by the public verification so a paper with other numbers is caught by eye; null
//   for rows published before.
// Same SQL on both engines. Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE publications ADD COLUMN hash_version integer NOT NULL DEFAULT 1");
  await knex.raw("ALTER TABLE publications ADD COLUMN figures text");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE publications DROP COLUMN figures");
  await knex.raw("ALTER TABLE publications DROP COLUMN hash_version");
}

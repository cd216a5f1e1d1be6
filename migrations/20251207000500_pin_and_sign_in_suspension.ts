import type { Knex } from "knex";

// A stranger can slow a household's PIN or a user's sign-in only from their own address (limits in
// memory, per key and address); a broad attack from many addresses suspends the PIN or the account
// until a person restores it, and the suspension must survive a restart, so it lives here:
// - failed_attempts: each wrong PIN or password, by what was tried (`subject`: "<unitId>|<CODE>" for
//   a PIN, the lower-cased username for a password, known or not, so both paths do the same work).
//   Rows older than a day are pruned as new ones come; nothing else reads them.
// - households.pin_locked_at / users.locked_at: when the PIN or the account was suspended (null:
//   not suspended). A new PIN from the treasurer, or an admin's unlock, clears it.
// Same SQL on both engines. Runs in a transaction; reversible (the suspensions are lost).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("failed_attempts", (t) => {
    t.increments("id").primary();
    t.string("kind", 10).notNullable(); // pin | password
    t.string("subject", 200).notNullable();
    t.integer("unit_id").references("id").inTable("units"); // a PIN's unit; null for a password
    t.string("ip", 64).notNullable();
    t.string("failed_at", 30).notNullable();
    t.index(["kind", "subject", "failed_at"]);
    t.check("?? = 'pin' OR ?? = 'password'", ["kind", "kind"], "failed_attempts_kind");
  });
  await knex.raw("ALTER TABLE households ADD COLUMN pin_locked_at varchar(30)");
  await knex.raw("ALTER TABLE users ADD COLUMN locked_at varchar(30)");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE users DROP COLUMN locked_at");
  await knex.raw("ALTER TABLE households DROP COLUMN pin_locked_at");
  await knex.schema.dropTableIfExists("failed_attempts");
}

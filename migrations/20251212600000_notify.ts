import type { Knex } from "knex";
import { oneOf } from "./lib/triggers";

// Residents told of what concerns them (src/notify/CONTEXT.md): their subscriptions, with the
// consent they gave (Decree 13/2023: purpose, time, withdrawal); the events written in the
// transaction of the write that caused them; and the outbox, one message per event and recipient.
// Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("subscriptions", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("household_id").notNullable().references("id").inTable("households");
    t.string("channel", 8).notNullable();
    // The phone number or e-mail address: read by the worker only, shown masked to admins.
    t.string("address", 200).notNullable();
    t.string("topics", 200).notNullable(); // JSON array of topics
    t.string("status", 16).notNullable().defaultTo("pending");
    t.string("code_hash", 200); // scrypt of the 6-digit confirmation code; null once confirmed
    t.string("code_expires_at", 30);
    t.integer("code_tries").notNullable().defaultTo(0);
    t.string("purpose", 500).notNullable();
    t.string("consented_at", 30); // when the code was confirmed: consent given
    t.string("withdrawn_at", 30);
    t.string("withdrawn_how", 16); // link | pin
    t.string("token", 64).notNullable(); // in every message's "Hủy đăng ký" link
    t.string("created_at", 30).notNullable();
    t.index(["household_id", "status"]);
    t.index(["unit_id", "status"]);
    t.check("?? >= 0", ["code_tries"], "subscriptions_code_tries");
  });
  await oneOf(knex, "subscriptions", "channel", ["zalo", "sms", "email"]);
  await oneOf(knex, "subscriptions", "status", ["pending", "active", "withdrawn"]);

  await knex.schema.createTable("outbox_events", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("kind", 32).notNullable();
    t.integer("ref_id").notNullable(); // the receipt, work, publication, consultation or feedback
    t.text("payload").notNullable(); // JSON: what the message says
    t.string("created_at", 30).notNullable();
    t.string("fanned_at", 30); // null until the worker has written its messages
    t.string("claimed_until", 30);
    t.index(["fanned_at", "id"]);
    t.index(["kind", "ref_id"]);
  });
  await oneOf(knex, "outbox_events", "kind", ["receipt", "work_moved", "work_progress", "work_payment", "publication", "consultation", "feedback_answer"]);

  await knex.schema.createTable("outbox", (t) => {
    t.increments("id").primary();
    t.integer("event_id").notNullable().references("id").inTable("outbox_events");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("subscription_id").notNullable().references("id").inTable("subscriptions");
    t.integer("household_id").notNullable().references("id").inTable("households");
    t.string("channel", 8).notNullable();
    t.string("status", 16).notNullable().defaultTo("pending");
    t.integer("tries").notNullable().defaultTo(0);
    t.string("next_at", 30).notNullable();
    t.string("claimed_until", 30);
    t.string("last_error", 500);
    t.string("reason", 200); // why it waits without a try (no channel configured)
    t.string("created_at", 30).notNullable();
    t.string("sent_at", 30);
    // Each message once: one per event and recipient, however often the worker runs.
    t.unique(["event_id", "subscription_id"]);
    t.index(["status", "next_at"]);
    t.index(["unit_id", "status"]);
    t.check("?? >= 0", ["tries"], "outbox_tries");
  });
  await oneOf(knex, "outbox", "channel", ["zalo", "sms", "email"]);
  await oneOf(knex, "outbox", "status", ["pending", "sent", "parked"]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("outbox");
  await knex.schema.dropTable("outbox_events");
  await knex.schema.dropTable("subscriptions");
}

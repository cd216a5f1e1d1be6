import type { Knex } from "knex";
import { appendOnly, isPg, oneOf } from "./lib/triggers";

// Units, users, sessions, grants, boards and the append-only audit trail.
// Runs in a transaction (knex default); reversible (drops everything it made).

export async function up(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw(`CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'append_only: %', TG_TABLE_NAME USING ERRCODE = 'P0001'; END
      $$ LANGUAGE plpgsql`);
  }
  await knex.schema.createTable("units", (t) => {
    t.increments("id").primary();
    t.string("code", 32).notNullable().unique();
    t.string("name", 200).notNullable();
    t.string("kind", 16).notNullable();
    t.integer("parent_id").references("id").inTable("units");
    // Materialised path "/1/4/9/": scope checks are a prefix test, no recursive query.
    t.string("path", 400).notNullable();
    t.boolean("is_active").notNullable().defaultTo(true);
    t.integer("succeeded_by_id").references("id").inTable("units");
    t.bigInteger("approval_threshold").notNullable().defaultTo(5000000);
    t.string("created_at", 30).notNullable();
    t.index(["parent_id"]);
  });
  await oneOf(knex, "units", "kind", ["province", "commune", "hamlet"]);

  await knex.schema.createTable("users", (t) => {
    t.increments("id").primary();
    t.string("username", 64).notNullable().unique();
    t.string("display_name", 200).notNullable();
    t.string("password_hash", 200).notNullable();
    t.string("phone", 32);
    t.boolean("is_active").notNullable().defaultTo(true);
    // The unit of the admin who created the user (null: installation-wide): scopes who may manage them.
    t.integer("unit_id").references("id").inTable("units");
    t.string("created_at", 30).notNullable();
    t.string("password_changed_at", 30);
  });

  await knex.schema.createTable("sessions", (t) => {
    t.increments("id").primary();
    t.string("token_hash", 64).notNullable().unique(); // sha256 of the bearer token, never the token
    t.integer("user_id").notNullable().references("id").inTable("users");
    t.string("created_at", 30).notNullable();
    t.string("expires_at", 30).notNullable();
    t.string("revoked_at", 30);
    t.string("ip", 64);
    t.index(["user_id"]);
  });

  await knex.schema.createTable("boards", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units"); // the commune that set it up
    t.string("kind", 16).notNullable(); // gsdtcd | ttnd
    t.string("name", 200).notNullable();
    t.string("term_start", 10);
    t.string("term_end", 10);
    t.string("created_at", 30).notNullable();
  });
  await oneOf(knex, "boards", "kind", ["gsdtcd", "ttnd"]);
  await knex.schema.createTable("board_units", (t) => {
    t.integer("board_id").notNullable().references("id").inTable("boards");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.primary(["board_id", "unit_id"]);
  });

  await knex.schema.createTable("grants", (t) => {
    t.increments("id").primary();
    t.integer("user_id").notNullable().references("id").inTable("users");
    t.string("role", 16).notNullable();
    t.integer("unit_id").references("id").inTable("units"); // null with admin: the whole installation
    t.integer("board_id").references("id").inTable("boards"); // inspectors are scoped by their board
    t.string("created_at", 30).notNullable();
    t.integer("created_by").references("id").inTable("users");
    t.index(["user_id"]);
  });
  await oneOf(knex, "grants", "role", ["admin", "treasurer", "head", "inspector"]);

  await knex.schema.createTable("audit_events", (t) => {
    t.bigIncrements("id").primary();
    t.string("at", 30).notNullable();
    t.integer("actor_id");
    t.string("actor_name", 200);
    t.string("action", 64).notNullable();
    t.string("entity", 64).notNullable();
    t.string("entity_id", 64);
    t.integer("unit_id");
    t.string("ip", 64);
    t.string("request_id", 64);
    t.text("details");
    t.index(["unit_id", "id"]);
    t.index(["at"]);
  });
  await appendOnly(knex, "audit_events");
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ["audit_events", "grants", "board_units", "boards", "sessions", "users", "units"]) {
    await knex.schema.dropTableIfExists(t);
  }
  if (isPg(knex)) await knex.raw("DROP FUNCTION IF EXISTS refuse_change() CASCADE");
}

import type { Knex } from "knex";
import { appendOnly } from "./lib/triggers";

// Cash counts (kiểm kê quỹ): counted cash by denomination against the ledger's 111 at the end of
// the count's day in Vietnam. Append-only: a count is a fact. Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("cash_counts", (t) => {
    t.increments("id").primary();
    t.integer("board_id").notNullable().references("id").inTable("boards");
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.string("counted_at", 30).notNullable(); // UTC instant
    t.string("count_date", 10).notNullable(); // its date in Asia/Ho_Chi_Minh
    t.text("denominations").notNullable(); // JSON [{value: "500000", count}]
    t.bigInteger("counted").notNullable();
    t.bigInteger("ledger_balance").notNullable();
    t.bigInteger("difference").notNullable(); // counted - ledger
    t.text("counters").notNullable(); // JSON [userId]
    t.integer("created_by");
    t.string("created_at", 30).notNullable();
    t.index(["unit_id"]);
  });
  await appendOnly(knex, "cash_counts");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("cash_counts");
}

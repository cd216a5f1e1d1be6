import type { Knex } from "knex";
import { oneOf } from "./lib/triggers";

// Payment vouchers of a work (phiếu chi): expenses by cost category and advances to its crew. A
// voucher above the unit's threshold waits as a draft for a head's approval; only a posted one has
// an entry in the ledger. Runs in a transaction; reversible.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("expenses", (t) => {
    t.increments("id").primary();
    t.integer("unit_id").notNullable().references("id").inTable("units");
    t.integer("work_id").notNullable().references("id").inTable("works");
    t.string("kind", 16).notNullable(); // expense | advance
    t.string("category", 16); // materials | labour | machinery | other (expenses)
    t.bigInteger("amount").notNullable();
    t.string("entry_date", 10).notNullable();
    t.string("payee", 200).notNullable();
    t.string("description", 2000).notNullable();
    t.string("method", 16).notNullable(); // cash | bank | payable | advance
    t.string("status", 16).notNullable(); // draft | posted | rejected
    t.bigInteger("entry_id").references("id").inTable("entries");
    t.string("voucher_no", 20);
    t.integer("drafted_by");
    t.string("drafted_by_name", 200);
    t.string("created_at", 30).notNullable();
    t.integer("decided_by");
    t.string("decided_by_name", 200);
    t.string("decided_at", 30);
    t.string("reject_reason", 2000);
    t.index(["work_id", "status"]);
    t.check("?? > 0", ["amount"], "expenses_amount");
  });
  await oneOf(knex, "expenses", "status", ["draft", "posted", "rejected"]);
  await oneOf(knex, "expenses", "kind", ["expense", "advance"]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("expenses");
}

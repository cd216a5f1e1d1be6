import type { Knex } from "knex";

// One name per account (src/shared/glossary.ts): 331 is "Phải trả người bán" on every statement,
// sheet and screen, as the receipts-and-payments memo line names it. The chart's template and the
// units' 331 accounts still under the template's old name take it; a unit that renamed its 331
// keeps its own name. Names are not hashed (the chain holds codes), so no entry changes. Reversible.

const OLD = "Phải trả nhà cung cấp, nhà thầu";
const NEW = "Phải trả người bán";

export async function up(knex: Knex): Promise<void> {
  await knex("account_templates").where({ code: "331", name: OLD }).update({ name: NEW });
  await knex("accounts").where({ code: "331", name: OLD }).update({ name: NEW });
}

export async function down(knex: Knex): Promise<void> {
  await knex("account_templates").where({ code: "331", name: NEW }).update({ name: OLD });
  await knex("accounts").where({ code: "331", name: NEW }).update({ name: OLD });
}

import type { Knex } from "knex";

// Measured on a province's database (1.1 M contributions in a year): the chain verify's receipt
// anchors read a hamlet's receipts by unit, and a committed import reads its receipts back by
// import to tell their households; with no index either walked every contribution of the
// province (164 ms a hamlet, growing with the years). Transactional; reversible.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("contributions", (t) => {
    t.index(["unit_id", "kind"], "contributions_unit_kind");
    t.index(["import_id"], "contributions_import");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("contributions", (t) => {
    t.dropIndex([], "contributions_unit_kind");
    t.dropIndex([], "contributions_import");
  });
}

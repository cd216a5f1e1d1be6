import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// Household codes are unique in a hamlet without regard to case, and kept upper-case
// (contributions/household-code.ts): existing codes are upper-cased, and the database refuses a
// code that is not, so the existing unique (unit_id, code) is unique without regard to case.
// Two codes of one hamlet that differ only by case ("dt-001" and "DT-001") cannot both become
// DT-001: the migration stops and names them, to be renamed first; nothing is changed then.
// Transactional. `down` drops the rule; the codes stay upper-case (their old case is not kept).

export async function up(knex: Knex): Promise<void> {
  const rows: { id: number; unit_id: number; code: string }[] = await knex("households").select("id", "unit_id", "code").orderBy("id");
  const byKey = new Map<string, { id: number; code: string }[]>();
  for (const r of rows) {
    const key = `${r.unit_id}|${r.code.trim().toUpperCase()}`;
    byKey.set(key, [...(byKey.get(key) ?? []), { id: r.id, code: r.code }]);
  }
  const clashes = [...byKey].filter(([, hs]) => hs.length > 1);
  if (clashes.length) {
    const list = clashes.map(([key, hs]) => `unit ${key.split("|")[0]}: ${hs.map((h) => `"${h.code}" (household ${h.id})`).join(", ")}`);
    throw new Error(`household codes that differ only by case in one unit; rename all but one of each, then migrate again:\n  ${list.join("\n  ")}`);
  }
  for (const r of rows) {
    const upper = r.code.trim().toUpperCase();
    if (upper !== r.code) await knex("households").where({ id: r.id }).update({ code: upper });
  }
  if (isPg(knex)) {
    await knex.raw("ALTER TABLE households ADD CONSTRAINT households_code_upper CHECK (code = upper(code))");
  } else {
    // SQLite cannot add a CHECK to a table: the same rule as triggers (its upper() folds ASCII,
    // which is what a code's pattern allows).
    for (const op of ["INSERT", "UPDATE OF code"]) {
      await knex.raw(`CREATE TRIGGER households_code_upper_${op === "INSERT" ? "insert" : "update"} BEFORE ${op} ON households
        WHEN NEW.code <> upper(NEW.code) BEGIN SELECT RAISE(ABORT, 'constraint_violated: households.code upper-case'); END`);
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw("ALTER TABLE households DROP CONSTRAINT households_code_upper");
  } else {
    await knex.raw("DROP TRIGGER households_code_upper_insert");
    await knex.raw("DROP TRIGGER households_code_upper_update");
  }
}

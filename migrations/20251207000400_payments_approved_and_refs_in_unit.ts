import type { Knex } from "knex";
import { isPg } from "./lib/triggers";
import { scopeRefs, unscopeRefs, ScopedRef } from "./lib/references";

// Two refusals the database makes itself, whatever route or script writes (DESIGN §2, §6):
//  - payments_approved: an entry that pays out of cash or bank (111, 112 and their sub-accounts)
//    into costs or advances (expense accounts, 141) more than its unit's approval threshold
//    (units.approval_threshold, read when the entry arrives) needs an approved voucher of its work
//    on the books: an expenses row of the entry's unit and work, approved by someone other than its
//    drafter, posted and still waiting for its entry (works writes the approval just before the
//    entry, and the entry's id into it just after). The amount paid is the smaller of what went
//    into costs and what left cash, the same as ledger's paidOut(). Contributions and reversals
//    cannot pay anything out, and are not looked at: a batch of receipts costs nothing more.
//  - references stay in their unit: each id below names a row of the row's own unit or of a unit
//    under it (lib/references.ts). A reversal mirrors an entry that was checked when posted (its
//    household may have moved since), so it is not checked again.
// Existing rows are not re-checked. Runs in a transaction; reversible (down drops the triggers).

export const REFS: ScopedRef[] = [
  { table: "entries", column: "household_id", ref: "households", entity: "household", unless: "NEW.reverses_id IS NOT NULL" },
  { table: "entries", column: "campaign_id", ref: "campaigns", entity: "campaign", unless: "NEW.reverses_id IS NOT NULL" },
  { table: "entries", column: "work_id", ref: "works", entity: "work", unless: "NEW.reverses_id IS NOT NULL" },
  { table: "contributions", column: "household_id", ref: "households", entity: "household" },
  { table: "contributions", column: "campaign_id", ref: "campaigns", entity: "campaign" },
  { table: "exemptions", column: "household_id", ref: "households", entity: "household" },
  { table: "exemptions", column: "campaign_id", ref: "campaigns", entity: "campaign" },
  { table: "campaigns", column: "work_id", ref: "works", entity: "work" },
  { table: "work_lines", column: "campaign_id", ref: "campaigns", entity: "campaign" },
  { table: "expenses", column: "work_id", ref: "works", entity: "work" },
  { table: "consultations", column: "work_id", ref: "works", entity: "work" },
  { table: "inspections", column: "work_id", ref: "works", entity: "work" },
  { table: "findings", column: "work_id", ref: "works", entity: "work" },
  { table: "feedback", column: "work_id", ref: "works", entity: "work" },
  { table: "publications", column: "supersedes_id", ref: "publications", entity: "publication" },
  { table: "publication_postings", column: "photo_attachment_id", ref: "attachments", entity: "attachment" },
];

const RAISE = "approval_required: a payment above the approval threshold needs an approved voucher";
const COST = `(a.type = 'expense' OR a.code = '141' OR a.parent_code = '141')`;
const CASH = `(a.code IN ('111', '112') OR a.parent_code IN ('111', '112'))`;
const APPROVED = (e: string) => `EXISTS (SELECT 1 FROM expenses x WHERE x.unit_id = ${e}.unit_id AND x.work_id = ${e}.work_id
  AND x.status = 'posted' AND x.entry_id IS NULL AND x.decided_by IS NOT NULL AND (x.drafted_by IS NULL OR x.decided_by <> x.drafted_by))`;

export async function up(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    // Once per statement over its own rows, like the ledger's other checks on PostgreSQL.
    await knex.raw(`CREATE FUNCTION payments_approved() RETURNS trigger AS $$ BEGIN
      IF EXISTS (SELECT 1 FROM new_entries e JOIN units u ON u.id = e.unit_id
                 CROSS JOIN LATERAL (
                   SELECT COALESCE(SUM(CASE WHEN p.amount > 0 AND ${COST} THEN p.amount ELSE 0 END), 0) AS cost,
                          COALESCE(SUM(CASE WHEN p.amount < 0 AND ${CASH} THEN -p.amount ELSE 0 END), 0) AS cash
                   FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = e.id) m
                 WHERE e.kind NOT IN ('contribution', 'reversal') AND LEAST(m.cost, m.cash) > u.approval_threshold
                   AND NOT ${APPROVED("e")}) THEN
        RAISE EXCEPTION '${RAISE}' USING ERRCODE = 'P0001'; END IF;
      RETURN NULL; END $$ LANGUAGE plpgsql`);
    await knex.raw(`CREATE TRIGGER payments_approved AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries
      FOR EACH STATEMENT EXECUTE FUNCTION payments_approved()`);
  } else {
    // Cash first: most payments are small and stop the condition there.
    const side = (sign: string, which: string) =>
      `(SELECT COALESCE(SUM(${sign === ">" ? "p.amount" : "-p.amount"}), 0) FROM postings p JOIN accounts a ON a.id = p.account_id
        WHERE p.entry_id = NEW.id AND p.amount ${sign} 0 AND ${which})`;
    const threshold = "(SELECT u.approval_threshold FROM units u WHERE u.id = NEW.unit_id)";
    await knex.raw(`CREATE TRIGGER payments_approved BEFORE INSERT ON entries
      WHEN NEW.kind NOT IN ('contribution', 'reversal') AND ${side("<", CASH)} > ${threshold} AND ${side(">", COST)} > ${threshold}
        AND NOT ${APPROVED("NEW")}
      BEGIN SELECT RAISE(ABORT, '${RAISE}'); END`);
  }
  await scopeRefs(knex, REFS);
}

export async function down(knex: Knex): Promise<void> {
  await unscopeRefs(knex, REFS);
  if (isPg(knex)) {
    await knex.raw("DROP TRIGGER IF EXISTS payments_approved ON entries");
    await knex.raw("DROP FUNCTION IF EXISTS payments_approved()");
  } else {
    await knex.raw("DROP TRIGGER IF EXISTS payments_approved");
  }
}

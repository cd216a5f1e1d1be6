import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// payments_approved (20251207000400) names money and advances by the chart's roles (chart_roles,
// 20251208000000), not by their codes: money is what the role 'money' lists and its sub-accounts,
// costs are expense accounts and what the role 'advances' lists and its sub-accounts. The rule is
// unchanged: an entry that pays out of money into costs more than its unit's approval threshold
// needs an approved voucher of its work. Existing rows are not re-checked. Reversible (down puts
// the codes back).

const RAISE = "approval_required: a payment above the approval threshold needs an approved voucher";
const APPROVED = (e: string) => `EXISTS (SELECT 1 FROM expenses x WHERE x.unit_id = ${e}.unit_id AND x.work_id = ${e}.work_id
  AND x.status = 'posted' AND x.entry_id IS NULL AND x.decided_by IS NOT NULL AND (x.drafted_by IS NULL OR x.decided_by <> x.drafted_by))`;

/** An account (alias a) that is of a role's codes or under one of them. */
const ofRole = (role: string) => `EXISTS (SELECT 1 FROM chart_roles r WHERE r.role = '${role}' AND (r.code = a.code OR r.code = a.parent_code))`;
const BY_ROLE = { cost: `(a.type = 'expense' OR ${ofRole("advances")})`, cash: ofRole("money") };
// What 20251207000400 wrote, for down().
const BY_CODE = { cost: `(a.type = 'expense' OR a.code = '141' OR a.parent_code = '141')`, cash: `(a.code IN ('111', '112') OR a.parent_code IN ('111', '112'))` };

// PostgreSQL reads the roles' codes once per statement, not once per posting.
const PG_BY_ROLE = { cost: `(a.type = 'expense' OR a.code = ANY (advances) OR a.parent_code = ANY (advances))`, cash: `(a.code = ANY (money) OR a.parent_code = ANY (money))` };
const PG_ROLES = `SELECT COALESCE(array_agg(code) FILTER (WHERE role = 'money'), '{}'), COALESCE(array_agg(code) FILTER (WHERE role = 'advances'), '{}')
        INTO money, advances FROM chart_roles;`;

function pgFunction(c: { cost: string; cash: string }, roles: boolean): string {
  return `CREATE OR REPLACE FUNCTION payments_approved() RETURNS trigger AS $$ ${roles ? "DECLARE money VARCHAR[]; advances VARCHAR[]; " : ""}BEGIN
      ${roles ? PG_ROLES : ""}
      IF EXISTS (SELECT 1 FROM new_entries e JOIN units u ON u.id = e.unit_id
                 CROSS JOIN LATERAL (
                   SELECT COALESCE(SUM(CASE WHEN p.amount > 0 AND ${c.cost} THEN p.amount ELSE 0 END), 0) AS cost,
                          COALESCE(SUM(CASE WHEN p.amount < 0 AND ${c.cash} THEN -p.amount ELSE 0 END), 0) AS cash
                   FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = e.id) m
                 WHERE e.kind NOT IN ('contribution', 'reversal') AND LEAST(m.cost, m.cash) > u.approval_threshold
                   AND NOT ${APPROVED("e")}) THEN
        RAISE EXCEPTION '${RAISE}' USING ERRCODE = 'P0001'; END IF;
      RETURN NULL; END $$ LANGUAGE plpgsql`;
}

function sqliteTrigger(c: { cost: string; cash: string }): string {
  // Cash first: most payments are small and stop the condition there.
  const side = (sign: string, which: string) =>
    `(SELECT COALESCE(SUM(${sign === ">" ? "p.amount" : "-p.amount"}), 0) FROM postings p JOIN accounts a ON a.id = p.account_id
        WHERE p.entry_id = NEW.id AND p.amount ${sign} 0 AND ${which})`;
  const threshold = "(SELECT u.approval_threshold FROM units u WHERE u.id = NEW.unit_id)";
  return `CREATE TRIGGER payments_approved BEFORE INSERT ON entries
      WHEN NEW.kind NOT IN ('contribution', 'reversal') AND ${side("<", c.cash)} > ${threshold} AND ${side(">", c.cost)} > ${threshold}
        AND NOT ${APPROVED("NEW")}
      BEGIN SELECT RAISE(ABORT, '${RAISE}'); END`;
}

async function rewrite(knex: Knex, roles: boolean): Promise<void> {
  if (isPg(knex)) {
    // The trigger stays; its function is replaced.
    await knex.raw(pgFunction(roles ? PG_BY_ROLE : BY_CODE, roles));
  } else {
    await knex.raw("DROP TRIGGER payments_approved");
    await knex.raw(sqliteTrigger(roles ? BY_ROLE : BY_CODE));
  }
}

export async function up(knex: Knex): Promise<void> {
  await rewrite(knex, true);
}

export async function down(knex: Knex): Promise<void> {
  await rewrite(knex, false);
}

import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// PostgreSQL only. The remaining per-row checks of entries and postings (20251102000000_ledger,
// as left by 20251204000000) ran four and two PL/pgSQL queries per row: ~30% of the time of a
// 100,000-row import. The same rules, checked once per statement over its own rows:
//  - entries: two or more postings summing to zero; postings of the entry's unit, date and seq,
//    on active accounts of that unit; not on or before a closed date; a reversal reverses an
//    entry of the same unit that is not itself a reversal;
//  - postings: not added to an entry already posted; on an active account of the posting's unit.
// Each row looks its postings, accounts and entries up by index (correlated subqueries and
// LATERAL, nested loops only, no JIT), so neither stale statistics nor a large table can turn a
// one-entry statement into a scan. Errors keep their codes. SQLite keeps its per-row triggers.
// Transactional; reversible.

const raise = (code: string) => `RAISE EXCEPTION '${code}' USING ERRCODE = 'P0001'`;
const PINNED = "SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off SET jit = off";

export async function up(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  await knex.raw("DROP TRIGGER entries_check ON entries");
  await knex.raw("DROP TRIGGER postings_check ON postings");
  await knex.raw(`CREATE FUNCTION entries_check_statement() RETURNS trigger AS $$
  DECLARE unbalanced boolean; mismatch boolean;
  BEGIN
    SELECT COALESCE(bool_or(x.n < 2 OR x.s <> 0), false), COALESCE(bool_or(x.bad > 0), false) INTO unbalanced, mismatch
    FROM new_entries e CROSS JOIN LATERAL (
      SELECT COUNT(*) AS n, COALESCE(SUM(p.amount), 0) AS s,
             COUNT(*) FILTER (WHERE p.unit_id <> e.unit_id OR a.unit_id <> e.unit_id OR p.entry_date <> e.entry_date
                                 OR p.seq <> e.seq OR NOT a.is_active) AS bad
      FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = e.id) x;
    IF unbalanced THEN ${raise("unbalanced_entry: an entry needs two or more postings summing to zero")}; END IF;
    IF mismatch THEN ${raise("posting_mismatch: postings must be of the entry unit and date, on active accounts of that unit")}; END IF;
    IF EXISTS (SELECT 1 FROM new_entries e
               WHERE e.entry_date <= (SELECT MAX(c.through) FROM closings c WHERE c.unit_id = e.unit_id)) THEN
      ${raise("period_closed: the date is inside a closed period")}; END IF;
    IF EXISTS (SELECT 1 FROM new_entries e WHERE e.reverses_id IS NOT NULL
               AND (SELECT COUNT(*) FROM entries r WHERE r.id = e.reverses_id AND r.unit_id = e.unit_id AND r.kind <> 'reversal') = 0) THEN
      ${raise("cannot_reverse_reversal: a reversal cannot be reversed; only an entry of the same unit")}; END IF;
    RETURN NULL;
  END $$ LANGUAGE plpgsql ${PINNED}`);
  await knex.raw(`CREATE TRIGGER entries_check AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION entries_check_statement()`);
  await knex.raw(`CREATE FUNCTION postings_check_statement() RETURNS trigger AS $$ BEGIN
    IF EXISTS (SELECT 1 FROM new_postings p WHERE (SELECT COUNT(*) FROM entries e WHERE e.id = p.entry_id) > 0) THEN
      ${raise("entry_posted: postings cannot be added to a posted entry")}; END IF;
    IF EXISTS (SELECT 1 FROM new_postings p
               WHERE (SELECT COUNT(*) FROM accounts a WHERE a.id = p.account_id AND a.unit_id = p.unit_id AND a.is_active) = 0) THEN
      ${raise("account_invalid: the account must be active and of the posting unit")}; END IF;
    RETURN NULL; END $$ LANGUAGE plpgsql ${PINNED}`);
  await knex.raw(`CREATE TRIGGER postings_check AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION postings_check_statement()`);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  await knex.raw("DROP TRIGGER IF EXISTS entries_check ON entries");
  await knex.raw("DROP TRIGGER IF EXISTS postings_check ON postings");
  await knex.raw("DROP FUNCTION IF EXISTS entries_check_statement()");
  await knex.raw("DROP FUNCTION IF EXISTS postings_check_statement()");
  // The per-row functions are still there (20251204000000 left entries_check() without the chain checks).
  await knex.raw(`CREATE TRIGGER entries_check BEFORE INSERT ON entries FOR EACH ROW EXECUTE FUNCTION entries_check()`);
  await knex.raw(`CREATE TRIGGER postings_check BEFORE INSERT ON postings FOR EACH ROW EXECUTE FUNCTION postings_check()`);
}

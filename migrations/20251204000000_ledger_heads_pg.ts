import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// PostgreSQL only. The entries trigger checked the chain (seq = MAX(seq) + 1, prev_hash) and the
// gapless vouchers (MAX(voucher_number) + 1) once per row. PL/pgSQL keeps a generic plan per
// session, made while the table looked empty: it read MAX(seq) through any index led by unit_id,
// i.e. every entry of the unit, for every new row — a 10,000-row import took 40 s, 100,000 never
// finished. Now the chain and the vouchers are checked once per statement, over the statement's
// own rows, against each unit's head kept in two small tables that only this trigger writes:
//  - per unit, the statement's seqs are contiguous, each row's prev_hash is the hash of the row
//    before it, and the lowest follows the head (seq 1 and the zero hash when there is none);
//  - per unit, series and year, the statement's voucher numbers are contiguous and follow the last.
// With the unique (unit_id, seq) and (unit_id, series, year, number) indexes this is the same rule
// as before. The head rows are advanced with a guarded UPDATE, so two writers that skipped the
// unit's advisory lock cannot both follow the same head. SQLite keeps its per-row checks: its
// planner reads MAX through the right index whatever the table's size.
// Also account_days (per-day movements) is summed once per statement on PostgreSQL (below).
// Transactional; reversible.

const ZERO_HASH = "0".repeat(64);
const raise = (code: string) => `RAISE EXCEPTION '${code}' USING ERRCODE = 'P0001'`;
const CHAIN = raise("chain_broken: seq must follow the unit last entry and prev_hash its hash");
const VOUCHER = raise("voucher_gap: voucher numbers are gapless per unit, series and year");

// The per-row checks of 20251102000000_ledger less the chain and voucher ones (now per statement).
const ROW_CHECKS = `
  IF (SELECT COUNT(*) FROM postings p WHERE p.entry_id = NEW.id) < 2
     OR (SELECT SUM(p.amount) FROM postings p WHERE p.entry_id = NEW.id) <> 0 THEN
    ${raise("unbalanced_entry: an entry needs two or more postings summing to zero")}; END IF;
  IF EXISTS (SELECT 1 FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = NEW.id
       AND (p.unit_id <> NEW.unit_id OR a.unit_id <> NEW.unit_id OR p.entry_date <> NEW.entry_date OR p.seq <> NEW.seq OR a.is_active = false)) THEN
    ${raise("posting_mismatch: postings must be of the entry unit and date, on active accounts of that unit")}; END IF;
  IF NEW.entry_date <= (SELECT MAX(c.through) FROM closings c WHERE c.unit_id = NEW.unit_id) THEN
    ${raise("period_closed: the date is inside a closed period")}; END IF;
  IF NEW.reverses_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.id = NEW.reverses_id
       AND r.unit_id = NEW.unit_id AND r.kind <> 'reversal') THEN
    ${raise("cannot_reverse_reversal: a reversal cannot be reversed; only an entry of the same unit")}; END IF;`;

const DAYS_FROM_STATEMENT = `INSERT INTO account_days (account_id, entry_date, unit_id, debit, credit, postings)
      SELECT account_id, entry_date, unit_id, SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END),
             SUM(CASE WHEN amount < 0 THEN amount ELSE 0 END), COUNT(*)
      FROM new_postings GROUP BY account_id, entry_date, unit_id
      ON CONFLICT (account_id, entry_date) DO UPDATE SET
        debit = account_days.debit + excluded.debit, credit = account_days.credit + excluded.credit,
        postings = account_days.postings + excluded.postings`;

export async function up(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  await knex.raw(`CREATE TABLE ledger_heads (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id),
    seq BIGINT NOT NULL,
    hash VARCHAR(64) NOT NULL)`);
  await knex.raw(`CREATE TABLE voucher_heads (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    voucher_series VARCHAR(2) NOT NULL,
    voucher_year INTEGER NOT NULL,
    voucher_number INTEGER NOT NULL,
    PRIMARY KEY (unit_id, voucher_series, voucher_year))`);
  await knex.raw(`INSERT INTO ledger_heads (unit_id, seq, hash)
    SELECT DISTINCT ON (unit_id) unit_id, seq, hash FROM entries ORDER BY unit_id, seq DESC`);
  await knex.raw(`INSERT INTO voucher_heads (unit_id, voucher_series, voucher_year, voucher_number)
    SELECT unit_id, voucher_series, voucher_year, MAX(voucher_number) FROM entries GROUP BY unit_id, voucher_series, voucher_year`);

  // Only the entries trigger (depth 2 and more) writes the heads.
  await knex.raw(`CREATE FUNCTION heads_guard() RETURNS trigger AS $$ BEGIN
    IF pg_trigger_depth() < 2 THEN ${raise("append_only: the ledger heads are kept by the entries trigger")}; END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW; END $$ LANGUAGE plpgsql`);
  for (const t of ["ledger_heads", "voucher_heads"]) {
    await knex.raw(`CREATE TRIGGER ${t}_guard BEFORE INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION heads_guard()`);
    await knex.raw(`CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION heads_guard()`);
  }

  await knex.raw(`CREATE OR REPLACE FUNCTION entries_check() RETURNS trigger AS $$ BEGIN
    ${ROW_CHECKS}
    RETURN NEW; END $$ LANGUAGE plpgsql`);

  await knex.raw(`CREATE FUNCTION entries_chain() RETURNS trigger AS $$
  DECLARE r record; lowest record; top_hash VARCHAR(64); n integer;
  BEGIN
    FOR r IN SELECT unit_id, MIN(seq) AS lo, MAX(seq) AS hi, COUNT(*) AS k FROM new_entries GROUP BY unit_id LOOP
      IF r.hi - r.lo + 1 <> r.k OR r.lo < 1 THEN ${CHAIN}; END IF;
      IF EXISTS (SELECT 1 FROM new_entries a LEFT JOIN new_entries b ON b.unit_id = a.unit_id AND b.seq = a.seq - 1
                 WHERE a.unit_id = r.unit_id AND a.seq > r.lo AND (b.hash IS NULL OR b.hash <> a.prev_hash)) THEN ${CHAIN}; END IF;
      SELECT prev_hash INTO lowest FROM new_entries WHERE unit_id = r.unit_id AND seq = r.lo;
      SELECT hash INTO top_hash FROM new_entries WHERE unit_id = r.unit_id AND seq = r.hi;
      IF r.lo = 1 THEN
        IF lowest.prev_hash <> '${ZERO_HASH}' OR EXISTS (SELECT 1 FROM ledger_heads h WHERE h.unit_id = r.unit_id) THEN ${CHAIN}; END IF;
        INSERT INTO ledger_heads (unit_id, seq, hash) VALUES (r.unit_id, r.hi, top_hash);
      ELSE
        UPDATE ledger_heads SET seq = r.hi, hash = top_hash
          WHERE unit_id = r.unit_id AND seq = r.lo - 1 AND hash = lowest.prev_hash;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> 1 THEN ${CHAIN}; END IF;
      END IF;
    END LOOP;
    FOR r IN SELECT unit_id, voucher_series, voucher_year, MIN(voucher_number) AS lo, MAX(voucher_number) AS hi, COUNT(*) AS k
             FROM new_entries GROUP BY unit_id, voucher_series, voucher_year LOOP
      IF r.hi - r.lo + 1 <> r.k OR r.lo < 1 THEN ${VOUCHER}; END IF;
      IF r.lo = 1 THEN
        IF EXISTS (SELECT 1 FROM voucher_heads v WHERE v.unit_id = r.unit_id AND v.voucher_series = r.voucher_series
                   AND v.voucher_year = r.voucher_year) THEN ${VOUCHER}; END IF;
        INSERT INTO voucher_heads (unit_id, voucher_series, voucher_year, voucher_number)
          VALUES (r.unit_id, r.voucher_series, r.voucher_year, r.hi);
      ELSE
        UPDATE voucher_heads SET voucher_number = r.hi
          WHERE unit_id = r.unit_id AND voucher_series = r.voucher_series AND voucher_year = r.voucher_year AND voucher_number = r.lo - 1;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> 1 THEN ${VOUCHER}; END IF;
      END IF;
    END LOOP;
    RETURN NULL; END $$ LANGUAGE plpgsql`);
  await knex.raw(`CREATE TRIGGER entries_chain AFTER INSERT ON entries REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION entries_chain()`);

  // account_days, once per statement and (account, day) instead of once per posting: every
  // UPDATE of a row leaves a version that the rest of the transaction walks past, so a day's
  // cash row upserted 3,000 times in one import cost O(n²).
  await knex.raw("DROP TRIGGER postings_days ON postings");
  await knex.raw(`CREATE FUNCTION postings_days_statement() RETURNS trigger AS $$ BEGIN
    ${DAYS_FROM_STATEMENT};
    RETURN NULL; END $$ LANGUAGE plpgsql`);
  await knex.raw(`CREATE TRIGGER postings_days AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION postings_days_statement()`);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  await knex.raw("DROP TRIGGER IF EXISTS postings_days ON postings");
  await knex.raw("DROP FUNCTION IF EXISTS postings_days_statement()");
  await knex.raw(`CREATE TRIGGER postings_days AFTER INSERT ON postings FOR EACH ROW EXECUTE FUNCTION postings_days()`);
  await knex.raw("DROP TRIGGER IF EXISTS entries_chain ON entries");
  await knex.raw("DROP FUNCTION IF EXISTS entries_chain()");
  await knex.raw("DROP TABLE IF EXISTS ledger_heads");
  await knex.raw("DROP TABLE IF EXISTS voucher_heads");
  await knex.raw("DROP FUNCTION IF EXISTS heads_guard()");
  // Back to the per-row chain and voucher checks of 20251102000000_ledger.
  await knex.raw(`CREATE OR REPLACE FUNCTION entries_check() RETURNS trigger AS $$ BEGIN
    ${ROW_CHECKS}
    IF NEW.seq <> COALESCE((SELECT MAX(e.seq) FROM entries e WHERE e.unit_id = NEW.unit_id), 0) + 1
       OR NEW.prev_hash <> COALESCE((SELECT e.hash FROM entries e WHERE e.unit_id = NEW.unit_id AND e.seq = NEW.seq - 1), '${ZERO_HASH}') THEN
      ${CHAIN}; END IF;
    IF NEW.voucher_number <> COALESCE((SELECT MAX(e.voucher_number) FROM entries e WHERE e.unit_id = NEW.unit_id
         AND e.voucher_series = NEW.voucher_series AND e.voucher_year = NEW.voucher_year), 0) + 1 THEN
      ${VOUCHER}; END IF;
    RETURN NEW; END $$ LANGUAGE plpgsql`);
}

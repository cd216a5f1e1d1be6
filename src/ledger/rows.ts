import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { dialectOf } from "../db/knex";

// Money read back exactly: sqlite3 hands integers to JS as doubles, so a sum past 2^53 would be
// rounded before we see it; as TEXT it arrives digit for digit. pg returns SUM(bigint) as a string.
export function exact(db: Db, sql: string, alias: string, bindings: Knex.RawBinding[] = []) {
  return dialectOf(db) === "postgres"
    ? db.raw(`${sql} AS ${alias}`, bindings)
    : db.raw(`CAST(${sql} AS TEXT) AS ${alias}`, bindings);
}

// Rows of the ledger's tables as the drivers hand them over (numbers may come as strings).

export interface AccountRow {
  id: number;
  unit_id: number;
  code: string;
  name: string;
  type: string;
  parent_code: string | null;
  no_overdraft: boolean | number;
  is_active: boolean | number;
  created_at: string;
}

export interface EntryRow {
  id: number | string;
  unit_id: number;
  seq: number | string;
  voucher_series: string;
  voucher_year: number;
  voucher_number: number;
  voucher_no: string;
  entry_date: string;
  kind: string;
  description: string;
  household_id: number | null;
  campaign_id: number | null;
  work_id: number | null;
  reverses_id: number | string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  prev_hash: string;
  hash: string;
  hash_version: number | string;
  payee: string | null;
}

/** An account's movements summed from account_days (amounts exact: strings, see exact()). */
export interface TrialSumRow {
  account_id: number;
  opening: string | null;
  debit: string | null;
  credit: string | null;
}

export interface RegisterPostingRow {
  id: number | string;
  amount: number | string;
  memo: string | null;
  entry_date: string;
  seq: number | string;
  entry_id: number | string;
  voucher_no: string;
  description: string;
  kind: string;
}

export interface ClosingRow {
  id: number;
  unit_id: number;
  through: string;
  chain_seq: number | string;
  chain_hash: string;
  /** JSON [{account, balance}] at the end of `through`. */
  balances: string;
  created_by: number | null;
  created_at: string;
}

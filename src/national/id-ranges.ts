import type { Knex } from "knex";
import { dialectOf } from "../db/knex";
import { REPLICATED } from "./tables";

// Ids that merge: every province's database hands out ids for NEW rows from a range of its own, so
// that all provinces' rows sit side by side in the national copy with the ids they were given
// (rows that exist keep theirs: the hash chains cover them). The range follows the column's type:
// a bigint id (entries, postings, contributions, opinions) gets INSTALLATION_ID × 10^12 and 10^12
// ids; an integer id gets INSTALLATION_ID × 2^21 and 2,097,152 ids, the most 999 installations
// can share below 2^31.
// Each sequence's MAXVALUE ends its range: running out fails loudly instead of taking another
// province's ids. Applied at every start, idempotently. SQLite installations do not join a
// national copy (config.ts refuses INSTALLATION_ID there).

export const BIGINT_RANGE = 1_000_000_000_000n;
export const INTEGER_RANGE = 2_097_152n;

// Any constant will do: servers started together on one database set the ranges once.
const ID_RANGES_LOCK = 7_202_500_022;

export interface IdRange { sequence: string; table: string; column: string; from: bigint; to: bigint }

interface SequenceRow { schema: string; sequence: string; table: string; column: string; type: string; last_value: string | null }

/** The range a column of this type gets for this installation. */
export function rangeFor(installationId: number, type: string): { from: bigint; to: bigint } {
  const size = type === "bigint" ? BIGINT_RANGE : INTEGER_RANGE;
  const from = BigInt(installationId) * size;
  return { from, to: from + size - 1n };
}

/** The sequences behind the id columns of replicated tables, in the database's current schema. */
async function sequences(db: Knex | Knex.Transaction): Promise<SequenceRow[]> {
  const rows = (
    await db.raw(
      `SELECT ns.nspname AS schema, s.relname AS sequence, t.relname AS "table", a.attname AS "column",
              format_type(a.atttypid, NULL) AS type, ps.last_value::text AS last_value
         FROM pg_class s
         JOIN pg_namespace ns ON ns.oid = s.relnamespace
         JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
         JOIN pg_class t ON t.oid = d.refobjid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
         JOIN pg_sequences ps ON ps.schemaname = ns.nspname AND ps.sequencename = s.relname
        WHERE s.relkind = 'S' AND ns.nspname = current_schema()
        ORDER BY t.relname`,
    )
  ).rows as SequenceRow[];
  return rows.filter((r) => r.table in REPLICATED);
}

const quoted = (schema: string, name: string) => `"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`;

/**
 * Moves every replicated table's id sequence into this installation's range (never back: a
 * sequence already in it stays where it is). A sequence past the range means INSTALLATION_ID was
 * changed to a smaller one: refused, naming it.
 */
export async function applyIdRanges(db: Knex, installationId: number): Promise<IdRange[]> {
  if (dialectOf(db) !== "postgres") throw new Error("INSTALLATION_ID applies to PostgreSQL databases only");
  return db.transaction(async (trx) => {
    await trx.raw("SELECT pg_advisory_xact_lock(?)", [ID_RANGES_LOCK]);
    const out: IdRange[] = [];
    for (const s of await sequences(trx)) {
      const { from, to } = rangeFor(installationId, s.type);
      const last = s.last_value === null ? null : BigInt(s.last_value);
      if (last !== null && last > to) {
        throw new Error(`INSTALLATION_ID=${installationId}: ${s.table}.${s.column} has already given ids up to ${last}, past this installation's range ${from}-${to} (was INSTALLATION_ID changed?)`);
      }
      const name = quoted(s.schema, s.sequence);
      await trx.raw(`ALTER SEQUENCE ${name} MAXVALUE ${to.toString()}`);
      if (last === null || last < from) await trx.raw("SELECT setval(?::regclass, ?, false)", [name, from.toString()]);
      out.push({ sequence: s.sequence, table: s.table, column: s.column, from, to });
    }
    return out;
  });
}

import type { Knex } from "knex";
import { isPg } from "./lib/triggers";

// Ids that merge for a province's ten years. With INSTALLATION_ID set (src/national/id-ranges.ts) a
// replicated table's integer id has 2,097,152 ids per province, a bigint id 10^12. A large province
// (3,000 hamlets; per hamlet and year ~200 households, ~330 contributions, ~12 expenses, ~3
// publications, a few works and findings) over ten years, per replicated table with an integer id:
//   contributions   ~1,000,000 a year: past its range in about two years.                  bigint
//   opinions        every answer is kept (a changed one too): a consultation or two a year
//                   reaching each hamlet, answered by a third to all of its households:
//                   0.2-1.2 M a year, past it within two to ten years.                      bigint
//   attachments, attachment_links  the nearest of the rest: an invoice per payment, photos of
//                   progress and of postings, ~40 a hamlet a year, ~1.2 M in ten years.     integer
//   work_lines      rewritten when an estimate changes, ~15 a work, one or two works a
//                   hamlet a year: 0.5-0.9 M.                                               integer
//   households      600,000 and a few per cent new a year: ~0.8 M.                          integer
//   expenses ~0.36 M, cash counts and postings of publications ~0.3 M, works, their
//   progress and transitions, campaigns, exemptions, reductions, findings, decisions,
//   consultations, units, accounts: each below ~0.5 M.                                      integer
// A range that runs out fails loudly (the sequence's MAXVALUE), never takes another province's ids.
// So contributions.id and opinions.id become bigint, their sequences AS bigint, and so does the one
// column that names a contribution: outbox_events.ref_id (a receipt's notification); no foreign key
// points at either table. Rows keep their ids. A sequence an earlier start gave an integer range
// keeps that MAXVALUE until the next start, when applyIdRanges reads the bigint type and moves it to
// INSTALLATION_ID × 10^12 (MAXVALUE first, then the next id). PostgreSQL returns bigint as a
// string: the modules read these ids through Number().
// A publication with column lists (a province that joined a national copy) forbids changing a
// published column's type: each table leaves its publications and comes back with the same columns
// and row filter in this same transaction, so the subscription goes on without a copy. DDL is not
// replicated: migrate the national copy first, as for every release.
// Rewrites both tables under an exclusive lock (a minute or so for millions of rows): upgrade at a
// quiet hour. SQLite's integers are 64-bit already: nothing changes there.
// Runs in a transaction; reversible while no id is above 2^31-1 (down refuses otherwise, naming it).

const WIDENED: { table: string; column: string; sequence: boolean }[] = [
  { table: "contributions", column: "id", sequence: true },
  { table: "opinions", column: "id", sequence: true },
  { table: "outbox_events", column: "ref_id", sequence: false },
];

const INT_MAX = 2_147_483_647n;

interface Published { pubname: string; cols: string[] | null; qual: string | null }

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The publications `table` is in by name, with its column list and row filter. */
async function publicationsOf(knex: Knex, table: string): Promise<Published[]> {
  return (
    await knex.raw(
      `SELECT p.pubname,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(r.prattrs::int2[]) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = r.prrelid AND a.attnum = k.attnum) AS cols,
              pg_get_expr(r.prqual, r.prrelid) AS qual
         FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid
        WHERE r.prrelid = ?::regclass`,
      [table],
    )
  ).rows as Published[];
}

/** Changes the column's type, its table out of its publications meanwhile (they forbid it otherwise). */
async function retype(knex: Knex, table: string, column: string, type: "bigint" | "integer"): Promise<void> {
  const published = await publicationsOf(knex, table);
  for (const p of published) await knex.raw(`ALTER PUBLICATION ${ident(p.pubname)} DROP TABLE ${ident(table)}`);
  await knex.raw(`ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} TYPE ${type}`);
  for (const p of published) {
    const cols = p.cols ? ` (${p.cols.map(ident).join(", ")})` : "";
    const where = p.qual ? ` WHERE (${p.qual})` : "";
    await knex.raw(`ALTER PUBLICATION ${ident(p.pubname)} ADD TABLE ${ident(table)}${cols}${where}`);
  }
}

const sequenceOf = async (knex: Knex, table: string, column: string): Promise<string> =>
  (await knex.raw("SELECT pg_get_serial_sequence(?, ?) AS seq", [table, column])).rows[0].seq as string;

export async function up(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  for (const { table, column, sequence } of WIDENED) {
    await retype(knex, table, column, "bigint");
    // Its MAXVALUE follows the type only where it was integer's own (not an installation's range).
    if (sequence) await knex.raw(`ALTER SEQUENCE ${await sequenceOf(knex, table, column)} AS bigint`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  for (const { table, column } of WIDENED) {
    const { max } = (await knex.raw(`SELECT max(${ident(column)})::text AS max FROM ${ident(table)}`)).rows[0] as { max: string | null };
    if (max !== null && BigInt(max) > INT_MAX) {
      throw new Error(`${table}.${column} holds ids up to ${max}, past 2147483647: it cannot go back to integer (this migration cannot be undone on this database)`);
    }
  }
  for (const { table, column, sequence } of WIDENED) {
    if (sequence) {
      const seq = await sequenceOf(knex, table, column);
      const s = (await knex.raw("SELECT seqmax::text AS max, pg_sequence_last_value(seqrelid)::text AS last FROM pg_sequence WHERE seqrelid = ?::regclass", [seq])).rows[0] as { max: string; last: string | null };
      // An installation's bigint range (no row took an id of it yet, checked above): back to just
      // after the last row; the next start with INSTALLATION_ID gives it its integer range.
      if (s.last !== null && BigInt(s.last) > INT_MAX) {
        await knex.raw(`SELECT setval(?::regclass, coalesce((SELECT max(${ident(column)}) FROM ${ident(table)}), 0) + 1, false)`, [seq]);
      }
      const maxValue = BigInt(s.max) > INT_MAX ? INT_MAX : BigInt(s.max);
      await knex.raw(`ALTER SEQUENCE ${seq} AS integer MAXVALUE ${maxValue.toString()}`);
    }
    await retype(knex, table, column, "integer");
  }
}

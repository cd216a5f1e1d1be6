import type { Knex } from "knex";

// What someone holding the database (the SQLite file, or PostgreSQL's superuser) can do: drop the
// ledger's guards and cut or change rows the application would never touch. The attack tests use
// it to show that such a change is seen, not that it is impossible.

const LEDGER_TABLES = ["entries", "postings"];

/** Drops every trigger on entries and postings (append-only, chain and voucher checks). */
export async function dropLedgerTriggers(db: Knex): Promise<void> {
  if (db.client.config.client === "pg") {
    const rows: { tgname: string; relname: string }[] = (
      await db.raw(
        `SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE NOT t.tgisinternal AND c.relname = ANY(?) AND c.relnamespace = current_schema()::regnamespace`,
        [LEDGER_TABLES],
      )
    ).rows;
    for (const r of rows) await db.raw(`DROP TRIGGER ${r.tgname} ON ${r.relname}`);
  } else {
    const rows: { name: string }[] = await db.raw(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${LEDGER_TABLES.map(() => "?").join(",")})`, LEDGER_TABLES);
    for (const r of rows) await db.raw(`DROP TRIGGER "${r.name}"`);
  }
}

/**
 * Runs `fn` with foreign keys unchecked, as the holder of the database can: SQLite with
 * foreign_keys off (outside a transaction, on its one writing connection); PostgreSQL in a
 * transaction as a replica session, which fires no trigger (the foreign keys' own included).
 */
async function unchecked(db: Knex, fn: (q: Knex | Knex.Transaction) => Promise<void>): Promise<void> {
  if (db.client.config.client === "pg") {
    await db.transaction(async (trx) => {
      await trx.raw("SET LOCAL session_replication_role = replica");
      await fn(trx);
    });
  } else {
    await db.raw("PRAGMA foreign_keys = OFF");
    try {
      await fn(db);
    } finally {
      await db.raw("PRAGMA foreign_keys = ON");
    }
  }
}

/** Deletes a unit's entries from `fromSeq` on, with their postings: the tail of its chain cut off. */
export async function cutTail(db: Knex, unitId: number, fromSeq: number): Promise<void> {
  await dropLedgerTriggers(db);
  await unchecked(db, async (q) => {
    await q("postings").where({ unit_id: unitId }).where("seq", ">=", fromSeq).delete();
    await q("entries").where({ unit_id: unitId }).where("seq", ">=", fromSeq).delete();
  });
}

/** Changes rows of a ledger table (the triggers dropped first). */
export async function tamper(db: Knex, table: string, where: Record<string, unknown>, patch: Record<string, unknown>): Promise<void> {
  await dropLedgerTriggers(db);
  await unchecked(db, async (q) => {
    await q(table).where(where).update(patch);
  });
}

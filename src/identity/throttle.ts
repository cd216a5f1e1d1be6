import type { Knex } from "knex";
import type { Db } from "../db/knex";
import type { Clock } from "../shared/dates";

// Slows password guessing: after `limit` failures inside `windowMs` for one key (a username or an
// address) that key is refused until the window since its first counted failure has passed.
// Unknown usernames count like known ones, so a 429 never tells whether a username exists.
// In memory, per process, bounded: a restart forgets, which only helps a legitimate user.
export class Throttle {
  private hits = new Map<string, { first: number; count: number }>();

  constructor(
    private clock: Clock,
    private limit: number,
    private windowMs: number,
    private maxKeys = 100_000,
  ) {}

  /** Seconds to wait before trying again, or 0 when the key may try now. */
  retryAfter(key: string): number {
    const h = this.hits.get(key);
    if (!h) return 0;
    const now = this.clock.now().getTime();
    if (now - h.first >= this.windowMs) {
      this.hits.delete(key);
      return 0;
    }
    return h.count >= this.limit ? Math.ceil((h.first + this.windowMs - now) / 1000) : 0;
  }

  fail(key: string): void {
    const now = this.clock.now().getTime();
    const h = this.hits.get(key);
    if (!h || now - h.first >= this.windowMs) {
      if (this.hits.size >= this.maxKeys) this.prune(now);
      this.hits.set(key, { first: now, count: 1 });
    } else h.count++;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private prune(now: number) {
    for (const [k, h] of this.hits) if (now - h.first >= this.windowMs) this.hits.delete(k);
    // Still full: drop the oldest entries rather than grow without bound.
    while (this.hits.size >= this.maxKeys) this.hits.delete(this.hits.keys().next().value as string);
  }
}

// ---------------------------------------------------------------- broad attacks, in the database

/**
 * Wrong PINs for one household, or wrong passwords for one username, from all addresses together in
 * any 24 hours that suspend the PIN or account until a person restores it. A rolling 24 hours, not
 * the Vietnamese calendar day: a calendar day would let an attacker spend twice the allowance in the
 * minutes around midnight.
 */
export const BROAD_LIMIT = 20;
export const BROAD_WINDOW_MS = 24 * 3600_000;

export type AttemptKind = "pin" | "password";

const attempts = (db: Db) => db("failed_attempts");

/**
 * Records one wrong PIN or password for `subject` (whether or not it names a household or user, so
 * both paths cost the same) and answers how many there were in the last 24 hours, this one included.
 * The subject's older rows are pruned here, which keeps the table to a day of failures.
 */
export async function recordFailure(db: Knex, kind: AttemptKind, subject: string, unitId: number | null, ip: string, at: string): Promise<number> {
  const since = new Date(Date.parse(at) - BROAD_WINDOW_MS).toISOString();
  return db.transaction(async (trx) => {
    await attempts(trx).where({ kind, subject }).where("failed_at", "<=", since).delete();
    await attempts(trx).insert({ kind, subject, unit_id: unitId, ip: ip.slice(0, 64), failed_at: at });
    const row = await attempts(trx).where({ kind, subject }).where("failed_at", ">", since).count({ n: "*" }).first();
    return Number(row?.n ?? 0);
  });
}

/** Wrong attempts for `subject` in the 24 hours before `at`. */
export async function recentFailures(db: Db, kind: AttemptKind, subject: string, at: string): Promise<number> {
  const since = new Date(Date.parse(at) - BROAD_WINDOW_MS).toISOString();
  const row = await attempts(db).where({ kind, subject }).where("failed_at", ">", since).count({ n: "*" }).first();
  return Number(row?.n ?? 0);
}

/** A person restored the PIN or account: its earlier failures no longer count towards a suspension. */
export async function forgetFailures(trx: Knex.Transaction, kind: AttemptKind, subject: string): Promise<void> {
  await attempts(trx).where({ kind, subject }).delete();
}

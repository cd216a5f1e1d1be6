import type { Db } from "../db/knex";
import * as q from "./queries";

export type SessionRow = Awaited<ReturnType<typeof q.findSessionActor>>[number];

interface Slot {
  running: Promise<SessionRow[]>;
  /** The query that starts once `running` settles, shared by every request that arrived meanwhile. */
  next?: Promise<SessionRow[]>;
}

const ignore = () => undefined;

/**
 * Reads the session behind a token hash for each signed-in request, coalescing concurrent requests
 * that carry the same token (a client loading several resources at once).
 *
 * Not a cache: a request never takes the answer of a query that was already running when it
 * arrived, because that query may predate a logout, a deactivation or a revoked grant committed
 * since (by this process or another one on the same database). It joins the next query instead,
 * which starts after the running one settles, so every request sees all that was committed before
 * it arrived. Nothing is kept once no query for the token is in flight.
 */
export class SessionLookup {
  private slots = new Map<string, Slot>();

  /** `query` reads the rows for a token hash (tests give a controllable one). */
  constructor(private query: (tokenHash: string) => PromiseLike<SessionRow[]>) {}

  static over(db: Db): SessionLookup {
    return new SessionLookup((tokenHash) => q.findSessionActor(db, tokenHash));
  }

  rows(tokenHash: string): Promise<SessionRow[]> {
    const slot = this.slots.get(tokenHash);
    if (!slot) return this.begin(tokenHash);
    return (slot.next ??= slot.running.then(ignore, ignore).then(() => this.begin(tokenHash)));
  }

  private begin(tokenHash: string): Promise<SessionRow[]> {
    const running = Promise.resolve(this.query(tokenHash));
    const slot: Slot = { running };
    this.slots.set(tokenHash, slot);
    running
      .finally(() => {
        // A slot with a follower stays: the follower replaces it when it begins.
        if (this.slots.get(tokenHash) === slot && !slot.next) this.slots.delete(tokenHash);
      })
      .catch(ignore);
    return running;
  }
}

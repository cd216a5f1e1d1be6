import { dialectOf, readerOf } from "../db/knex";
import type { Knex } from "knex";
import * as q from "./queries";

export type SessionRow = q.SessionActorRow;

interface Slot {
  /** Queries for this token running now. */
  inFlight: number;
  /** The query not started yet, shared by every request that arrives until it starts. */
  pending?: Promise<SessionRow[]>;
  /** Starts `pending` once a running query settles (when `inFlight` is at the most allowed). */
  startPending?: () => void;
}

/**
 * Reads the session behind a token hash for each signed-in request, coalescing concurrent requests
 * that carry the same token (a client loading several resources at once).
 *
 * Not a cache: a request never takes the answer of a query that was already running when it
 * arrived, because that query may predate a logout, a deactivation or a revoked grant committed
 * since (by this process or another one on the same database). It joins a query that has not
 * started yet, so every request sees all that was committed before it arrived. Nothing is kept
 * once no query for the token is in flight.
 *
 * `maxInFlight` queries per token may run at once: 1 on SQLite (one connection: a second query
 * would only queue behind the first, so waiting gathers more requests into it); more on PostgreSQL,
 * whose pool runs them side by side while the event loop would otherwise wait on the socket.
 */
export class SessionLookup {
  private slots = new Map<string, Slot>();

  /** `query` reads the rows for a token hash (tests give a controllable one). */
  constructor(
    private query: (tokenHash: string) => PromiseLike<SessionRow[]>,
    private maxInFlight = 1,
  ) {}

  static over(db: Knex): SessionLookup {
    // SQLite: on the reader connection, so a request authenticates while a write transaction runs.
    const reader = readerOf(db);
    return new SessionLookup((tokenHash) => q.findSessionActor(reader, tokenHash), dialectOf(db) === "postgres" ? 4 : 1);
  }

  rows(tokenHash: string): Promise<SessionRow[]> {
    let slot = this.slots.get(tokenHash);
    if (!slot) this.slots.set(tokenHash, (slot = { inFlight: 0 }));
    if (slot.pending) return slot.pending;
    if (slot.inFlight === 0) return this.run(tokenHash, slot); // nothing to wait for: start now
    const s = slot;
    let start!: () => void;
    const gate = new Promise<void>((resolve) => (start = resolve));
    const pending = gate.then(() => {
      s.pending = undefined; // from here on, arrivals need a later query
      return this.run(tokenHash, s);
    });
    s.pending = pending;
    // Below the limit: start on the next turn of the event loop, with the requests of this one.
    if (s.inFlight < this.maxInFlight) setImmediate(start);
    else s.startPending = start;
    return pending;
  }

  private run(tokenHash: string, slot: Slot): Promise<SessionRow[]> {
    slot.inFlight++;
    const running = Promise.resolve(this.query(tokenHash));
    const settled = () => {
      slot.inFlight--;
      const start = slot.startPending;
      slot.startPending = undefined;
      if (start) start();
      else if (slot.inFlight === 0 && !slot.pending && this.slots.get(tokenHash) === slot) this.slots.delete(tokenHash);
    };
    running.then(settled, settled);
    return running;
  }
}

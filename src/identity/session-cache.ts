import fs from "node:fs";
import type { Knex } from "knex";
import pg from "pg";
import { dialectOf, onDestroy } from "../db/knex";
import { SessionLookup, type SessionRow } from "./session-lookup";

/**
 * What the other processes on the database have committed, as a marker that changes when they
 * commit something; `undefined` when that cannot be known now (the cache then stays out of the way).
 */
export interface ChangeWatch {
  marker(): unknown | Promise<unknown>;
}

interface Entry {
  rows: SessionRow[];
  marker: unknown;
}

/**
 * The session behind each token, kept between requests (the joined session query was most of a
 * signed-in request's cost) without weakening "a deactivated user's tokens die at once":
 *
 * - this process's writes: every write request calls `changed()` before it answers, which drops
 *   everything kept, so a request that follows a logout, deactivation or revoked grant reads afresh;
 * - other processes' writes (a second server, the CLI): an entry is used only while the database's
 *   change marker is what it was when the entry was read. SQLite: the WAL index header, which every
 *   commit of any connection rewrites (SqliteWalHeader). PostgreSQL: a count of notifications on
 *   `cfl_sessions`, which triggers on sessions, users, grants, board_units and units send when a
 *   transaction that changed them commits (migration 20251205000000); delivery takes a moment, the
 *   one window in which another server's change is not yet seen. While the listening connection is
 *   down, nothing is kept.
 *
 * Unknown, revoked and expired tokens are never kept; expiry is checked by the caller per request.
 */
export class SessionCache {
  private entries = new Map<string, Entry>();
  private gen = 0;

  constructor(
    private lookup: SessionLookup,
    private watch: ChangeWatch,
    private maxEntries = 10_000,
  ) {}

  static over(db: Knex): SessionCache {
    const watch = dialectOf(db) === "postgres" ? new PgNotifyWatch(db) : new SqliteWalHeader(db);
    return new SessionCache(SessionLookup.over(db), watch);
  }

  async rows(tokenHash: string): Promise<SessionRow[]> {
    const gen = this.gen;
    const marker = await this.watch.marker();
    if (marker !== undefined && gen === this.gen) {
      const e = this.entries.get(tokenHash);
      if (e && e.marker === marker) return e.rows; // changed() empties the map: e is of this gen
    }
    const rows = await this.lookup.rows(tokenHash);
    // Read before any write of this process ended (gen) and after the marker: keep it under that marker.
    if (marker !== undefined && rows.length && gen === this.gen) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(tokenHash, { rows, marker });
    }
    return rows;
  }

  /** This process wrote something: whatever was read before may be stale. */
  changed(): void {
    this.gen++;
    this.entries.clear();
  }
}

/**
 * SQLite in WAL mode: the wal-index header, the first 48 bytes of the `-shm` file, kept twice
 * (https://www.sqlite.org/walformat.html §2.2). A commit is visible to other connections exactly when
 * a writer has rewritten it (its `iChange` counter, `mxFrame`), so while both copies read the same as
 * when an entry was kept, no connection of any process has committed since. A read is one `pread`;
 * `PRAGMA data_version` would be a driver round trip, dearer than the lookup the cache saves on SQLite. Two copies that differ (a writer is rewriting them) or no `-shm` file (not WAL, an
 * in-memory database): the caller reads afresh, or asks `PRAGMA data_version` when there is no file.
 */
class SqliteWalHeader implements ChangeWatch {
  private fd?: number;
  private buf = Buffer.alloc(96);

  constructor(private db: Knex) {
    onDestroy(db, async () => {
      if (this.fd !== undefined) fs.closeSync(this.fd);
      this.fd = undefined;
    });
  }

  marker(): unknown {
    if (this.fd === undefined && !this.open()) return this.dataVersion();
    if (fs.readSync(this.fd!, this.buf, 0, 96, 0) < 96) return undefined;
    const b = this.buf;
    if (b[12] !== 1 || !b.subarray(0, 48).equals(b.subarray(48, 96))) return undefined; // isInit, torn
    return b.toString("latin1", 0, 48);
  }

  private open(): boolean {
    const file = (this.db.client.config.connection as { filename: string }).filename;
    if (!file || file === ":memory:") return false;
    try {
      this.fd = fs.openSync(`${file}-shm`, "r");
      return true;
    } catch {
      return false; // not created yet (no connection opened), or not WAL: asked again next time
    }
  }

  private async dataVersion(): Promise<unknown> {
    const rows = (await this.db.raw("PRAGMA data_version")) as { data_version: number }[];
    return rows[0] === undefined ? undefined : `v${rows[0].data_version}`;
  }
}

/** PostgreSQL: one connection of its own LISTENs on `cfl_sessions`; each notification moves the marker. */
class PgNotifyWatch implements ChangeWatch {
  private epoch = 0;
  /** The connection being opened or listening; a lost one is replaced, never two at once. */
  private current?: pg.Client;
  private live = false;
  private nextTry = 0;
  private closed = false;

  constructor(private db: Knex) {
    onDestroy(db, () => this.close());
  }

  marker(): unknown {
    if (this.live) return this.epoch;
    this.connect();
    return undefined;
  }

  private connect(): void {
    if (this.current || this.closed || Date.now() < this.nextTry) return;
    this.nextTry = Date.now() + 1000; // a database that is down is asked again a second later
    const client = new pg.Client(this.db.client.config.connection);
    this.current = client;
    // Only the current connection's loss counts: an old one's late "end" must not stop a new one.
    const lost = () => {
      if (this.current !== client) return;
      this.current = undefined;
      this.live = false;
      this.epoch++;
      client.end().catch(() => {});
    };
    client.on("notification", () => this.epoch++);
    client.on("error", lost);
    client.on("end", lost);
    client
      .connect()
      .then(() => client.query("LISTEN cfl_sessions"))
      .then(() => {
        if (this.current !== client) return; // closed meanwhile
        this.epoch++; // whatever was committed while nobody listened
        this.live = true;
      })
      .catch(lost);
  }

  private async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    const c = this.current;
    this.current = undefined;
    if (c) await c.end().catch(() => {});
  }
}

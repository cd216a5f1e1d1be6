import type { Knex } from "knex";
import type { Actor } from "../identity";
import * as svc from "./service";

interface Waiting {
  actor: Actor;
  input: svc.EntryInput;
  resolve: (e: svc.Entry) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for single entries. A unit's entries are posted one
 * transaction at a time anyway (the unit's lock; on SQLite the one connection), and a transaction
 * of one entry is a dozen statements, each a wait on the driver. So an entry that arrives while its
 * unit's transaction runs waits for it to end, and all that waited are then posted together in the
 * next one: one set of reads, one insert per table, one audit statement, one commit.
 *
 * Nothing is weakened: the group is checked as a batch is (every rule, in arrival order, with each
 * entry's own poster and instant), each entry keeps its own audit record, and a request is answered
 * only once its transaction has committed. If the group is refused as a whole, for whatever reason,
 * its entries are posted again one by one, each in a transaction of its own, so that each request
 * gets exactly the answer it would have had alone (the overdraft of one payment refuses that one).
 * An entry that arrives while nothing runs for its unit is posted at once, alone.
 */
export class EntryGroups {
  /** Per unit, the entries waiting for its next transaction; present while one runs or is about to. */
  private units = new Map<number, Waiting[]>();

  constructor(
    private db: Knex,
    private maxGroup = 64,
  ) {}

  post(actor: Actor, unitId: number, input: svc.EntryInput): Promise<svc.Entry> {
    return new Promise((resolve, reject) => {
      const queue = this.units.get(unitId);
      if (queue) return void queue.push({ actor, input, resolve, reject }); // its transaction runs: wait
      const mine: Waiting[] = [{ actor, input, resolve, reject }];
      this.units.set(unitId, mine);
      void this.drain(unitId, mine);
    });
  }

  private async drain(unitId: number, queue: Waiting[]): Promise<void> {
    while (queue.length) {
      let group: Waiting[] = [];
      try {
        const entries = await this.db.transaction((trx) => {
          // Taken once the transaction has its connection: on SQLite the requests whose session
          // reads queued behind the last transaction have joined by now.
          group = queue.splice(0, this.maxGroup);
          return group.length === 1
            ? svc.recordEntries(trx, group[0].actor, unitId, [group[0].input])
            : svc.recordEntriesTogether(trx, unitId, group);
        });
        group.forEach((w, i) => w.resolve(entries[i]));
      } catch (err) {
        if (!group.length) group = queue.splice(0); // no transaction could begin: nobody waits forever
        if (group.length === 1) group[0].reject(err);
        else await this.oneByOne(unitId, group); // one of them is refused, or the database refused the group
      }
    }
    this.units.delete(unitId);
  }

  private async oneByOne(unitId: number, group: Waiting[]): Promise<void> {
    for (const w of group) {
      try {
        w.resolve((await this.db.transaction((trx) => svc.recordEntries(trx, w.actor, unitId, [w.input])))[0]);
      } catch (err) {
        w.reject(err);
      }
    }
  }
}

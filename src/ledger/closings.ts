import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, authorize, audit } from "../identity";
import { ConflictError, RuleViolation, ValidationError } from "../shared/errors";
import { fromDb, toWire, ZERO } from "../shared/money";
import { isValidDate, localDate } from "../shared/dates";
import * as q from "./queries";
import { registerAnchors } from "./anchors";
import { chainHead } from "./verify";
import { READERS } from "./types";
import type { ClosingWire } from "./wire";

// Closing a period: balances and the chain head stored; no entry on or before it afterwards.

// A closing stores the head it closed on: an anchor (anchors.ts).
registerAnchors("closing", q.closingHeads);

// A closing carries no money to convert: it is read in its wire shape.
export type Closing = ClosingWire;

const toClosing = (r: q.ClosingRow): Closing => ({
  id: r.id,
  through: r.through,
  chainHead: { seq: Number(r.chain_seq), hash: r.chain_hash },
  balances: JSON.parse(r.balances),
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Closes every date up to `through` (head or admin): stores the balances and the chain head. No reopening. */
export async function closePeriod(trx: Knex.Transaction, actor: Actor, unitId: number, through: string): Promise<Closing> {
  await authorize(trx, actor, ["head", "admin"], unitId);
  await q.lockUnitBooks(trx, unitId);
  return recordClosing(trx, actor, unitId, through);
}

/** closePeriod's checks and record, for a caller that has authorized and locked the books (the year's closing). */
export async function recordClosing(trx: Knex.Transaction, actor: Actor, unitId: number, through: string): Promise<Closing> {
  if (!isValidDate(through)) throw new ValidationError([{ path: "/through", code: "invalid_date" }]);
  const today = localDate(new Date(actor.at));
  if (through >= today) throw new RuleViolation("period_not_over", { through, today });
  const closed = await q.lastClosed(trx, unitId);
  if (closed && through <= closed) throw new ConflictError("already_closed", { closedThrough: closed });
  const accounts = await q.listAccounts(trx, unitId);
  const sums = new Map((await q.balancesAt(trx, unitId, through)).map((s) => [s.account_id, fromDb(s.bal)]));
  const balances = accounts.map((a) => ({ account: a.code, balance: toWire(sums.get(a.id) ?? ZERO) }));
  const h = await chainHead(trx, unitId);
  const id = await q.insertClosing(trx, {
    unit_id: unitId,
    through,
    chain_seq: h.seq,
    chain_hash: h.hash,
    balances: JSON.stringify(balances),
    created_by: actor.userId,
    created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "closing.created", entity: "closing", entityId: id, unitId, details: { through, chainHead: h } });
  return toClosing((await q.listClosings(trx, unitId)).find((c) => c.id === id)!);
}

export async function listClosings(db: Db, actor: Actor, unitId: number): Promise<Closing[]> {
  await authorize(db, actor, READERS, unitId);
  return (await q.listClosings(db, unitId)).map(toClosing);
}

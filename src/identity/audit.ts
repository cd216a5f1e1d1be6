import type { Db } from "../db/knex";
import type { Actor } from "./actor";
import * as q from "./queries";

export interface AuditInput {
  /** `<entity>.<past verb>`: unit.created, user.deactivated, entry.posted ... */
  action: string;
  entity: string;
  entityId?: string | number | null;
  unitId?: number | null;
  details?: Record<string, unknown>;
}

/** Records who did what, when and from where, in the caller's transaction (so it commits or fails with the write). */
export async function record(trx: Db, actor: Actor, input: AuditInput): Promise<void> {
  await q.insertAudit(trx, row(actor, input));
}

/** Several records in one statement: writes of several requests committed together, each its own. */
export async function recordMany(trx: Db, items: { actor: Actor; input: AuditInput }[]): Promise<void> {
  if (items.length) await q.insertAudit(trx, items.map((it) => row(it.actor, it.input)));
}

function row(actor: Actor, input: AuditInput) {
  return {
    at: actor.at,
    actor_id: actor.userId,
    actor_name: actor.displayName ?? actor.username,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    unit_id: input.unitId ?? null,
    ip: actor.ip,
    request_id: actor.requestId,
    details: input.details ? JSON.stringify(input.details) : null,
  };
}

import type { Db } from "../db/knex";
import { ForbiddenError } from "../shared/errors";
import type { Actor } from "./actor";
import * as q from "./queries";
import { authorize } from "./units";
import type { AuditEventWire } from "./wire";

// Reading the audit trail (audit.ts writes it).

// The wire shape is the event itself: rows are read already in it.
export type AuditEvent = AuditEventWire;

/** The audit trail: installation admins see all; unit admins and inspectors what happened in their units. */
export async function listAudit(
  db: Db,
  actor: Actor,
  f: { unitId?: number; from?: string; to?: string; cursor?: number; limit: number },
): Promise<{ data: AuditEvent[]; nextCursor: string | null }> {
  let paths: string[] | "all";
  let unitIds: number[] | undefined;
  if (f.unitId !== undefined) {
    const unit = await authorize(db, actor, ["admin", "inspector"], f.unitId);
    paths = [unit.path];
  } else {
    const p = actor.scopes.filter((s) => s.role === "admin" || s.role === "inspector").map((s) => s.path);
    if (p.length === 0) throw new ForbiddenError();
    paths = p.includes("/") ? "all" : p;
  }
  const rows = await q.listAudit(db, { paths, unitIds, from: f.from, to: f.to, beforeId: f.cursor, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return {
    data: page.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      unitId: r.unit_id,
      ip: r.ip,
      requestId: r.request_id,
      details: r.details ? JSON.parse(r.details) : null,
    })),
    nextCursor: rows.length > f.limit ? String(page[page.length - 1].id) : null,
  };
}

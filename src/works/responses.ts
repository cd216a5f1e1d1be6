import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, audit, authorize, Role } from "../identity";
import { ConflictError, NotFoundError, RuleViolation } from "../shared/errors";
import * as q from "./queries";
import type { ConsultationResponseWire } from "./wire";

// The commune's response to residents' opinions (law.md L10, giải trình, tiếp thu): once a
// consultation has closed, the unit's head (or the commune's admin) writes which opinions were
// taken up and which not, and why, then publishes it on the work's public page. A work that was
// consulted is approved only once every closed consultation of it has a published response.
// A published response is never edited: residents and the approval rested on that text (the
// database refuses the change too), so it stays exactly as it was read.

/** Who answers the residents: the unit's head, or the commune's admin (scope covers its hamlets). */
export const RESPONDERS: Role[] = ["head", "admin"];

export interface ResponseInput {
  summary: string;
  items: { topic: string; takenUp: boolean; reason?: string }[];
}

async function closedConsultation(db: Db, actor: Actor, unitId: number, workId: number, consultationId: number) {
  const c = await q.findConsultation(db, consultationId);
  if (!c || c.unit_id !== unitId || c.work_id !== workId) throw new NotFoundError("consultation", { id: consultationId });
  if (actor.at < c.closes_at) throw new ConflictError("consultation_not_closed", { closesAt: c.closes_at });
  return c;
}

/** Writes (or rewrites) the draft response of a closed consultation. 409 once published. */
export async function writeResponse(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, consultationId: number, input: ResponseInput): Promise<ConsultationResponseWire> {
  await authorize(trx, actor, RESPONDERS, unitId);
  const c = await closedConsultation(trx, actor, unitId, workId, consultationId);
  const missing = input.items.map((it, i) => (!it.takenUp && !it.reason?.trim() ? i : -1)).filter((i) => i >= 0);
  if (missing.length) throw new RuleViolation("response_reason_required", { path: `/items/${missing[0]}/reason`, item: missing[0] + 1 });
  const [existing] = await q.responsesOf(trx, [c.id]);
  if (existing?.published_at) throw new ConflictError("response_published", { publishedAt: existing.published_at });
  let id: number;
  if (existing) {
    id = existing.id;
    await q.updateResponse(trx, id, { summary: input.summary, updated_at: actor.at });
    await q.deleteResponseItems(trx, id);
  } else {
    id = await q.insertResponse(trx, {
      consultation_id: c.id, unit_id: unitId, work_id: workId, summary: input.summary, created_by: actor.userId, created_at: actor.at, updated_at: actor.at,
      published_at: null, published_by: null, published_by_name: null,
    });
  }
  await q.insertResponseItems(trx, input.items.map((it, i) => ({
    response_id: id, unit_id: unitId, position: i + 1, topic: it.topic, taken_up: it.takenUp, reason: it.takenUp ? it.reason?.trim() || null : it.reason!.trim(),
  })));
  await audit.record(trx, actor, { action: existing ? "consultation_response.revised" : "consultation_response.written", entity: "consultation", entityId: c.id, unitId, details: { workId, items: input.items.length } });
  return (await responsesFor(trx, [c.id], false)).get(c.id)!;
}

/** Publishes the draft response: from now on it shows on the work's public page and never changes. */
export async function publishResponse(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, consultationId: number): Promise<ConsultationResponseWire> {
  await authorize(trx, actor, RESPONDERS, unitId);
  const c = await closedConsultation(trx, actor, unitId, workId, consultationId);
  const [r] = await q.responsesOf(trx, [c.id]);
  if (!r) throw new NotFoundError("response", { consultationId });
  if (r.published_at) throw new ConflictError("response_published", { publishedAt: r.published_at });
  await q.updateResponse(trx, r.id, { published_at: actor.at, published_by: actor.userId, published_by_name: actor.displayName ?? actor.username });
  await audit.record(trx, actor, { action: "consultation_response.published", entity: "consultation", entityId: c.id, unitId, details: { workId } });
  return (await responsesFor(trx, [c.id], false)).get(c.id)!;
}

/** Each consultation's response: staff see drafts too, the public only what was published. */
export async function responsesFor(db: Db, consultationIds: number[], publishedOnly: boolean): Promise<Map<number, ConsultationResponseWire>> {
  const out = new Map<number, ConsultationResponseWire>();
  if (!consultationIds.length) return out;
  const rows = (await q.responsesOf(db, consultationIds)).filter((r) => !publishedOnly || r.published_at);
  const items = rows.length ? await q.responseItemsOf(db, rows.map((r) => r.id)) : [];
  for (const r of rows) {
    out.set(r.consultation_id, {
      summary: r.summary,
      items: items.filter((i) => i.response_id === r.id).map((i) => ({ topic: i.topic, takenUp: Boolean(i.taken_up), reason: i.reason })),
      updatedAt: r.updated_at,
      publishedAt: r.published_at,
      publishedBy: r.published_by_name,
    });
  }
  return out;
}

/** `approved` waits for a published response to every closed consultation of the work (422). */
export async function checkResponses(db: Db, workId: number, at: string) {
  const consultationIds = await q.unansweredConsultations(db, workId, at);
  if (consultationIds.length) throw new RuleViolation("consultation_response_required", { consultationIds, missing: consultationIds.length });
}

import type { Knex } from "knex";
import { Actor, audit, authorize, resolveRefs } from "../identity";
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from "../shared/errors";
import * as q from "./queries";
import { loadPublication, PostingRecord } from "./records";
import type { PostingInput } from "./schemas";

// Proof of posting: where, when and by whom the paper went up, and when it came down.

const EDITORS = ["treasurer", "head"] as const;

/** Records that the paper went up somewhere (treasurer or head of the unit); published publications only (409). */
export async function recordPosting(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, input: PostingInput): Promise<PostingRecord> {
  await authorize(trx, actor, [...EDITORS], unitId);
  const row = await q.findPublication(trx, unitId, id);
  if (!row) throw new NotFoundError("publication", { id });
  if (row.status !== "published") throw new ConflictError("publication_not_published", { id });
  if (input.postedAt > actor.at) throw new RuleViolation("future_date", { date: input.postedAt, today: actor.at });
  await resolveRefs(trx, unitId, [{ entity: "attachment", id: input.photoAttachmentId, path: "/photoAttachmentId" }]);
  const postingId = await q.insertPosting(trx, {
    unit_id: unitId,
    publication_id: id,
    place: input.place,
    posted_at: new Date(input.postedAt).toISOString(),
    photo_attachment_id: input.photoAttachmentId ?? null,
    posted_by: input.by,
    taken_down_at: null,
    recorded_by: actor.userId,
    created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "publication.posted", entity: "publication", entityId: id, unitId, details: { postingId, place: input.place, postedAt: input.postedAt } });
  return (await loadPublication(trx, unitId, id)).postings.find((p) => p.id === postingId)!;
}

/** Records that a posted paper came down; flags it when that is before the legal minimum. 409 if already recorded. */
export async function recordTakenDown(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, postingId: number, takenDownAt: string): Promise<PostingRecord> {
  await authorize(trx, actor, [...EDITORS], unitId);
  const row = await q.findPublication(trx, unitId, id);
  if (!row) throw new NotFoundError("publication", { id });
  const posting = await q.findPosting(trx, id, postingId);
  if (!posting) throw new NotFoundError("posting", { id: postingId });
  const at = new Date(takenDownAt).toISOString();
  if (at < posting.posted_at) throw new ValidationError([{ path: "/takenDownAt", code: "before_posted" }]);
  if (at > actor.at) throw new RuleViolation("future_date", { date: takenDownAt, today: actor.at });
  if ((await q.markTakenDown(trx, postingId, at)) !== 1) throw new ConflictError("already_taken_down", { id: postingId });
  const rec = (await loadPublication(trx, unitId, id)).postings.find((p) => p.id === postingId)!;
  await audit.record(trx, actor, { action: "publication.taken_down", entity: "publication", entityId: id, unitId, details: { postingId, takenDownAt: at, removedEarly: rec.removedEarly } });
  return rec;
}

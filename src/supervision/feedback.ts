import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { Actor, audit, findUnit, Throttle, type Unit } from "../identity";
import * as notify from "../notify/tell";
import type { Upload } from "../http/upload";
import { addDays, localDateOf } from "../shared/dates";
import { AppError, ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from "../shared/errors";
import { checkAttachments, cleanUpload, findWork, linkAttachments, PHOTO_TYPES, provePin, PinThrottles, sniff, storeAttachment, type Work } from "../works";
import { boardFor, worksOfBoard } from "./boards";
import * as q from "./queries";
import type { FeedbackWire } from "./wire";

// Residents' feedback (phản ánh, kiến nghị) on a work, and the photos they send with it: public,
// throttled per address, answered publicly by a board overseeing the work. Public data shows the
// text and the answer, never the name, contact or household.
//
// A resident's submission is checked first (throttles, the work, a PIN's scrypt, a photo's
// re-encoding: slow, and no write), then recorded in the transaction the route opens for it, so
// the write lock is never held while a PIN is hashed or an image decoded.

export interface FeedbackInput {
  householdCode?: string;
  pin?: string;
  name?: string;
  contact?: string;
  text: string;
  photos?: number[];
}

/** Feedback that has passed every check, ready to record. */
export interface CheckedFeedback {
  work: Work;
  unit: Unit;
  household: { id: number } | undefined;
  photos: number[];
  uploaded: q.ResidentPhotoRow[];
  input: FeedbackInput;
}

/**
 * Checks a resident's feedback on a work (public; anonymous allowed, or with a household code and
 * PIN). Rate-limited per address: 429 with Retry-After past the limit. `photos`: ids of photos the
 * resident uploaded for feedback on this work (each cited once), or, as before, of attachments of
 * the work's unit. Writes nothing: `receiveFeedback` records what it returns.
 */
export async function checkFeedback(db: Knex, actor: Actor, throttles: { byAddress: Throttle; pins: PinThrottles }, workId: number, input: FeedbackInput): Promise<CheckedFeedback> {
  const wait = throttles.byAddress.retryAfter(actor.ip);
  if (wait > 0) throw new TooManyRequestsError(wait);
  throttles.byAddress.fail(actor.ip); // every submission counts
  const work = await findWork(db, workId);
  if (!work) throw new NotFoundError("work", { id: workId });
  if (input.householdCode && !input.pin) throw new ValidationError([{ path: "/pin", code: "required", params: { missingProperty: "pin" } }]);
  if (input.pin && !input.householdCode) throw new ValidationError([{ path: "/householdCode", code: "required", params: { missingProperty: "householdCode" } }]);
  const household = input.householdCode ? await provePin(db, actor, throttles.pins, work.unitId, input.householdCode, input.pin!) : undefined;
  const photos = input.photos ?? [];
  const uploaded = photos.length ? await q.residentPhotosByIds(db, photos) : [];
  for (const p of uploaded) {
    // A resident's photo serves one feedback, on the work it was sent for.
    if (p.work_id !== work.id || p.feedback_id !== null) throw new NotFoundError("attachment", { id: p.attachment_id, path: "/photos" });
  }
  await checkAttachments(db, [work.unitId], photos.filter((id) => !uploaded.some((p) => p.attachment_id === id)), "/photos");
  const unit = (await findUnit(db, work.unitId))!;
  return { work, unit, household, photos, uploaded, input };
}

/**
 * Records checked feedback, in the caller's transaction. Due for an answer within the work's unit's
 * `feedbackAnswerDays` (read when the feedback came in: a later change moves no due date).
 */
export async function receiveFeedback(trx: Knex.Transaction, actor: Actor, f: CheckedFeedback) {
  const { work, unit, household, photos, uploaded, input } = f;
  const due = addDays(localDateOf(actor.at), unit.feedbackAnswerDays);
  const id = await q.insertFeedback(trx, {
    unit_id: work.unitId, work_id: work.id, household_id: household?.id ?? null, name: input.name || null, contact: input.contact || null, text: input.text,
    photos: JSON.stringify(photos), created_at: actor.at, due_date: due, answer: null, answered_at: null, answered_by: null, answered_by_name: null, board_id: null, finding_id: null,
  });
  if (uploaded.length) {
    // Claimed only if still unclaimed: two feedbacks citing one photo at once cannot both have it.
    const n = await q.claimResidentPhotos(trx, uploaded.map((p) => p.attachment_id), id);
    if (n !== uploaded.length) throw new ConflictError("duplicate", { entity: "attachment", field: "photos" });
  }
  await audit.record(trx, actor, { action: "feedback.received", entity: "feedback", entityId: id, unitId: work.unitId, details: { workId: work.id, withHousehold: Boolean(household), photos: photos.length } });
  return { id, workId: work.id, dueDate: due, receivedAt: actor.at };
}

/** A resident's photo: ≤ 10 MB, jpeg, png or webp by its content. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** A resident's photo that has passed every check, re-encoded, ready to store. */
export interface CheckedPhoto {
  work: Work;
  /** Re-encoded without its metadata. */
  photo: Upload;
}

/**
 * A resident uploads one photo for feedback on a work (public; rate-limited per address). The upload
 * is read only once the address and the work have passed; the photo is refused (and nothing stored)
 * unless it is a jpeg, png or webp by content, ≤ 10 MB, with a plain name. Writes nothing:
 * `receiveFeedbackPhoto` stores what it returns.
 */
export async function checkFeedbackPhoto(db: Knex, actor: Actor, byAddress: Throttle, workId: number, read: () => Promise<Upload>): Promise<CheckedPhoto> {
  const wait = byAddress.retryAfter(actor.ip);
  if (wait > 0) throw new TooManyRequestsError(wait);
  byAddress.fail(actor.ip); // every upload counts
  const work = await findWork(db, workId);
  if (!work) throw new NotFoundError("work", { id: workId });
  const file = await read();
  const type = sniff(file.bytes);
  // A PDF is a staff document, not a resident's photo.
  if (!type || !PHOTO_TYPES.includes(type.mime)) throw new AppError(415, "unsupported_file_type", { allowed: PHOTO_TYPES });
  // Re-encoded without its metadata (where it was taken) before any transaction takes the connection.
  return { work, photo: await cleanUpload(file) };
}

/**
 * Stores a checked photo, in the caller's transaction. Its id may then be cited in `photos` by one
 * feedback on this work, and by nothing else of the resident's. Stored by works for the resident
 * themself, with the reason stated: a resident's feedback on this work.
 */
export async function receiveFeedbackPhoto(trx: Knex.Transaction, actor: Actor, checked: CheckedPhoto, filesDir: string) {
  const { work, photo } = checked;
  const a = await storeAttachment(trx, actor, work.unitId, photo, filesDir, { reason: "resident_feedback", workId: work.id });
  await q.insertResidentPhoto(trx, { attachment_id: a.id, unit_id: work.unitId, work_id: work.id, feedback_id: null, created_at: actor.at });
  return { id: a.id, workId: work.id, type: a.mime, size: a.size };
}

const feedbackView = (f: q.FeedbackRow, day: string): FeedbackWire => ({
  id: f.id,
  unitId: f.unit_id,
  workId: f.work_id,
  householdId: f.household_id,
  name: f.name,
  contact: f.contact,
  text: f.text,
  photos: JSON.parse(f.photos) as number[],
  /** Where the board's inspectors (staff of the unit) read each photo. */
  photoUrls: (JSON.parse(f.photos) as number[]).map((id) => `/api/v1/units/${f.unit_id}/attachments/${id}`),
  receivedAt: f.created_at,
  dueDate: f.due_date,
  overdue: !f.answered_at && f.due_date < day,
  answer: f.answer,
  answeredAt: f.answered_at,
  answeredBy: f.answered_by_name,
  findingId: f.finding_id,
});

/** Feedback on the works the board oversees, newest first (its inspectors). */
export async function listFeedback(db: Db, actor: Actor, boardId: number) {
  const b = await boardFor(db, actor, boardId);
  return (await q.feedbackFor(db, await worksOfBoard(db, b))).map((f) => feedbackView(f, localDateOf(actor.at)));
}

/** The board answers a resident's feedback, publicly (once). */
export async function answerFeedback(trx: Knex.Transaction, actor: Actor, boardId: number, feedbackId: number, text: string) {
  const b = await boardFor(trx, actor, boardId);
  const f = await q.findFeedback(trx, feedbackId);
  const scope = await worksOfBoard(trx, b);
  if (!f || !(scope.workIds.includes(f.work_id) || scope.unitIds.includes(f.unit_id))) throw new NotFoundError("feedback", { id: feedbackId });
  if (f.answered_at) throw new ConflictError("already_answered", { answeredAt: f.answered_at });
  await q.updateFeedback(trx, f.id, { answer: text, answered_at: actor.at, answered_by: actor.userId, answered_by_name: actor.displayName ?? actor.username, board_id: boardId });
  // Answered feedback is public, and so are the photos the resident sent with it (not staff documents it cited).
  const sent = (await q.residentPhotosOf(trx, f.id)).map((p) => p.attachment_id);
  await linkAttachments(trx, sent, "feedback", f.id, true, actor.at);
  await audit.record(trx, actor, { action: "feedback.answered", entity: "feedback", entityId: f.id, unitId: f.unit_id, details: { boardId } });
  await notify.enqueue(trx, actor.at, { kind: "feedback_answer", unitId: f.unit_id, refId: f.id, householdId: f.household_id });
  return feedbackView((await q.findFeedback(trx, f.id))!, localDateOf(actor.at));
}

import type { Knex } from "knex";
import { together, type Db } from "../db/knex";
import { PinGuard, proveHouseholdPin } from "../contributions";
import { Actor, audit, authorize, findUnit, listPublicUnits } from "../identity";
import * as notify from "../notify/tell";
import { localDate } from "../shared/dates";
import { ConflictError, NotFoundError, RuleViolation } from "../shared/errors";
import { attachmentsOf, checkAttachments, linkAttachments } from "./attachments";
import * as q from "./queries";
import { inFavour, Tally, tallyOf, zeroTally } from "./consent";
import { WRITERS } from "./works";
import { responsesFor } from "./responses";
import type { ConsultationResponseWire } from "./wire";

// Consultations (lấy ý kiến, law.md L10): a question with its documents, open between two instants;
// each household answers with its code and PIN, may change its answer until closing, and only its
// latest answer counts. The public sees the tally, never who chose what.

export interface ConsultationInput {
  question: string;
  documents?: number[];
  opensAt: string;
  closesAt: string;
}

/** Opens a consultation on a work (treasurer or head); a proposed work moves to consulting. */
export async function openConsultation(trx: Knex.Transaction, actor: Actor, unitId: number, workId: number, input: ConsultationInput) {
  await authorize(trx, actor, WRITERS, unitId);
  const w = await q.findWorkIn(trx, unitId, workId);
  if (!w) throw new NotFoundError("work", { id: workId });
  if (w.status === "settled" || w.status === "cancelled") throw new ConflictError("work_closed", { state: w.status });
  const opensAt = new Date(input.opensAt).toISOString();
  const closesAt = new Date(input.closesAt).toISOString();
  if (closesAt <= opensAt) throw new RuleViolation("closes_before_opens", { opensAt, closesAt });
  const documents = await checkAttachments(trx, [unitId], input.documents ?? [], "/documents");
  const id = await q.insertConsultation(trx, { unit_id: unitId, work_id: workId, question: input.question, opens_at: opensAt, closes_at: closesAt, created_by: actor.userId, created_at: actor.at });
  await linkAttachments(trx, documents, "consultation", id, true, actor.at);
  if (w.status === "proposed") {
    // Opening a consultation moves a proposed work to consulting.
    await q.updateWork(trx, workId, { status: "consulting", updated_at: actor.at });
    await q.insertTransition(trx, {
      work_id: workId, unit_id: unitId, from_status: "proposed", to_status: "consulting", date: localDate(new Date(actor.at)),
      note: `Lấy ý kiến: ${input.question}`.slice(0, 2000), decision: null, created_by: actor.userId, created_by_name: actor.displayName ?? actor.username, created_at: actor.at,
    });
  }
  await audit.record(trx, actor, { action: "consultation.opened", entity: "consultation", entityId: id, unitId, details: { workId, opensAt, closesAt } });
  // Residents are told when they can answer: a consultation that opens later is announced then.
  await notify.enqueue(trx, opensAt > actor.at ? opensAt : actor.at, { kind: "consultation", unitId, refId: id, work: w.name, question: input.question, closesAt });
  return view(trx, (await q.findConsultation(trx, id))!, actor.at);
}

export type ConsultationStatus = "upcoming" | "open" | "closed";
const statusAt = (c: q.ConsultationRow, at: string): ConsultationStatus => (at < c.opens_at ? "upcoming" : at < c.closes_at ? "open" : "closed");

export interface ConsultationView {
  id: number;
  unitId: number;
  workId: number;
  question: string;
  documents: { id: number; mime: string; size: number }[];
  opensAt: string;
  closesAt: string;
  status: ConsultationStatus;
  tally: Tally;
  result: (Tally & { opinions: number; outcome: "in_favour" | "not_in_favour" }) | null;
  response: ConsultationResponseWire | null;
}

/** `drafts`: staff also see a response not yet published. */
async function views(db: Db, rows: q.ConsultationRow[], at: string, drafts = false): Promise<ConsultationView[]> {
  const ids = rows.map((r) => r.id);
  const [tallies, docs, responses] = await together(db, () => tallyOf(db, ids), () => attachmentsOf(db, "consultation", ids), () => responsesFor(db, ids, !drafts));
  return rows.map((c) => {
    const tally = tallies.get(c.id) ?? zeroTally();
    const status = statusAt(c, at);
    return {
      id: c.id,
      unitId: c.unit_id,
      workId: c.work_id,
      question: c.question,
      documents: (docs.get(c.id) ?? []).map((d) => ({ id: d.id, mime: d.mime, size: d.size })),
      opensAt: c.opens_at,
      closesAt: c.closes_at,
      status,
      tally,
      result: status === "closed" ? { ...tally, opinions: tally.agree + tally.disagree + tally.abstain, outcome: inFavour(tally) ? "in_favour" : "not_in_favour" } : null,
      response: responses.get(c.id) ?? null,
    };
  });
}
const view = async (db: Db, c: q.ConsultationRow, at: string) => (await views(db, [c], at))[0];

/** Consultations of works, as the public sees them (question, documents, tally, result once closed). */
export async function consultationsOfWork(db: Db, workId: number, at: string): Promise<ConsultationView[]> {
  return views(db, await q.consultationsOf(db, workId), at);
}

export async function publicConsultation(db: Db, id: number, at: string): Promise<ConsultationView & { workName: string }> {
  const c = await q.findConsultation(db, id);
  if (!c) throw new NotFoundError("consultation", { id });
  const w = (await q.findWork(db, c.work_id))!;
  return { ...(await view(db, c, at)), workName: w.name };
}

/** Staff see the latest comments too (still without who wrote them). */
export async function consultationForStaff(db: Db, actor: Actor, unitId: number, workId: number) {
  await authorize(db, actor, ["admin", "treasurer", "head", "inspector"], unitId);
  const rows = await q.consultationsOf(db, workId);
  const out = [];
  for (const v of await views(db, rows.filter((r) => r.unit_id === unitId), actor.at, true)) {
    out.push({ ...v, comments: (await q.latestComments(db, v.id)).map((c) => ({ choice: c.choice, comment: c.comment, at: c.created_at })) });
  }
  return out;
}

/** The PIN limits (contributions/pins.ts): per household and address, per address, and the hash cost. */
export type PinThrottles = PinGuard;

/** The hamlets whose households answer a consultation of this unit: itself, or a commune's hamlets. */
async function eligibleUnits(db: Db, unitId: number): Promise<number[]> {
  const unit = await findUnit(db, unitId);
  if (!unit) return [];
  if (unit.kind === "hamlet") return [unit.id];
  return (await listPublicUnits(db)).filter((u) => u.parentId === unit.id).map((u) => u.id);
}

/**
 * A household's code and PIN for a consultation or feedback of `unitId` (its hamlets' households, for
 * a commune): 403 invalid_pin, 429 for an address past its limit, 423 pin_locked for a suspended PIN.
 */
export async function provePin(db: Knex, actor: Actor, throttles: PinThrottles, unitId: number, code: string, pin: string) {
  return proveHouseholdPin(db, actor, throttles, await eligibleUnits(db, unitId), unitId, code, pin);
}

export interface OpinionInput {
  householdCode: string;
  pin: string;
  choice: "agree" | "disagree" | "abstain";
  comment?: string;
}

/**
 * A household's opinion (no account: code and PIN). One counts per household: a later one replaces
 * the earlier in the tally. 409 when the consultation is not open; 403 invalid_pin; 429 when throttled.
 * The PIN is checked before the write transaction opens (scrypt takes a while).
 */
export async function giveOpinion(db: Knex, actor: Actor, throttles: PinThrottles, consultationId: number, input: OpinionInput) {
  const c = await q.findConsultation(db, consultationId);
  if (!c) throw new NotFoundError("consultation", { id: consultationId });
  const status = statusAt(c, actor.at);
  if (status === "upcoming") throw new ConflictError("consultation_not_open", { opensAt: c.opens_at });
  if (status === "closed") throw new ConflictError("consultation_closed", { closesAt: c.closes_at });
  const household = await provePin(db, actor, throttles, c.unit_id, input.householdCode, input.pin);
  return db.transaction(async (trx) => {
    const earlier = await q.hasOpinion(trx, c.id, household.id);
    const id = await q.insertOpinion(trx, {
      consultation_id: c.id, unit_id: c.unit_id, household_id: household.id, choice: input.choice, comment: input.comment || null, created_at: actor.at,
    });
    // The audit trail says that the household answered, not what: the choice stays in opinions.
    await audit.record(trx, actor, { action: earlier ? "opinion.changed" : "opinion.given", entity: "opinion", entityId: id, unitId: c.unit_id, details: { consultationId: c.id } });
    return { consultationId: c.id, householdCode: household.code, choice: input.choice, replaced: Boolean(earlier), at: actor.at };
  });
}

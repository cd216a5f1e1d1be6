import type { Knex } from "knex";
import type { StatementKind } from "../../reports/statements";
import type { Db } from "../db/knex";
import { Actor, audit, authorize, findBoard, STAFF } from "../identity";
import { canonicalJson } from "../shared/canonical-json";
import { addDays, localDate } from "../shared/dates";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation } from "../shared/errors";
import { DATA_HASH_VERSION, Scan, spool, StatementModel, StatementParams } from "./model";
import * as q from "./queries";
import { DEFAULT_MIN_POSTING_DAYS, hydrate, loadPublication, Publication, PublicationEnv } from "./records";
import type { OpinionInput, PublicationInput } from "./schemas";
import { buildStatement, checkParams, checkSubject } from "./statements";
import { draftFigures } from "./approval";

// Statements for staff and boards, and a publication before approval: drafted by a treasurer of the
// unit, read by staff and boards, and the board's opinions recorded on the draft.

/**
 * A statement of a unit as staff or a board overseeing it download it (not published): its model
 * and the scan of its data (hash, totals). 404 for a unit the caller has nothing to do with;
 * 400 for missing parameters; 404 for an unknown campaign, entry or fund.
 */
export async function staffStatement(db: Db, actor: Actor, env: PublicationEnv, unitId: number, kind: StatementKind, query: StatementParams): Promise<{ model: StatementModel; scan: Scan; cleanup: () => void }> {
  const unit = await authorize(db, actor, STAFF, unitId);
  const params = checkParams(kind, query, "/query");
  return spool(await buildStatement(db, unit, kind, params, { actor, at: new Date(actor.at), code: null, publicBaseUrl: env.publicBaseUrl }));
}

/** Statements whose scope is the same: the kind and its parameters other than the period. */
function scopeOf(kind: string, params: StatementParams): string {
  const { from: _f, to: _t, ...rest } = params;
  return canonicalJson({ kind, ...rest });
}

/**
 * Drafts a publication (treasurer of the unit): the statement, where it is posted, from when until
 * when (at least the unit's minimum, default 30 days: 422 posting_too_short), and optionally the
 * published publication of the same kind and scope it corrects.
 */
export async function draftPublication(trx: Knex.Transaction, actor: Actor, unitId: number, input: PublicationInput): Promise<Publication> {
  const unit = await authorize(trx, actor, ["treasurer"], unitId);
  const params = checkParams(input.statement.kind, input.statement.params, "/statement/params");
  await checkSubject(trx, unit, input.statement.kind, params); // the campaign, entry or fund exists now
  const minDays = (await q.minPostingDays(trx, unitId)) ?? DEFAULT_MIN_POSTING_DAYS;
  if (input.postedUntil < addDays(input.postedFrom, minDays)) {
    throw new RuleViolation("posting_too_short", { postedFrom: input.postedFrom, postedUntil: input.postedUntil, minimumDays: minDays, earliestUntil: addDays(input.postedFrom, minDays) });
  }
  if (input.supersedes !== undefined) {
    const old = await q.findPublication(trx, unitId, input.supersedes);
    if (!old || old.status !== "published") throw new NotFoundError("publication", { id: input.supersedes });
    if (scopeOf(old.kind, JSON.parse(old.params)) !== scopeOf(input.statement.kind, params)) throw new RuleViolation("supersedes_other_scope", { supersedes: old.id });
    if (old.superseded_by_id) throw new ConflictError("already_superseded", { supersededBy: old.superseded_by_id });
  }
  const id = await q.insertPublication(trx, {
    unit_id: unitId,
    kind: input.statement.kind,
    params: canonicalJson(params),
    places: JSON.stringify(input.places),
    posted_from: input.postedFrom,
    posted_until: input.postedUntil,
    status: "draft",
    supersedes_id: input.supersedes ?? null,
    superseded_by_id: null,
    drafted_by: actor.userId,
    drafted_by_name: actor.displayName ?? actor.username,
    drafted_at: actor.at,
    approved_by: null,
    approved_by_name: null,
    published_at: null,
    code: null,
    data_hash: null,
    hash_version: DATA_HASH_VERSION,
    figures: null,
    chain_seq: null,
    chain_hash: null,
    period_from: null,
    period_to: null,
    pdf_file: null,
    pdf_sha256: null,
    xlsx_file: null,
    xlsx_sha256: null,
    subject: null,
    announcement: null,
  });
  await audit.record(trx, actor, { action: "publication.drafted", entity: "publication", entityId: id, unitId, details: { kind: input.statement.kind, params, supersedes: input.supersedes ?? null } });
  return loadPublication(trx, unitId, id);
}

/** One publication of a unit, drafts included (staff and boards of the unit). */
export async function getPublication(db: Db, actor: Actor, unitId: number, id: number): Promise<Publication> {
  const unit = await authorize(db, actor, STAFF, unitId);
  const p = await loadPublication(db, unitId, id, localDate(new Date(actor.at)));
  // A draft shows the figures its approval would publish: the head reads them before approving.
  if (p.status === "draft") p.figures = await draftFigures(db, actor, unit, p);
  return p;
}

/** A unit's publications, drafts included, newest first (staff and boards of the unit). */
export async function listPublications(db: Db, actor: Actor, unitId: number): Promise<Publication[]> {
  await authorize(db, actor, STAFF, unitId);
  return hydrate(db, await q.listPublications(db, unitId), localDate(new Date(actor.at)));
}

/**
 * Records a supervision board's sign-off or objection on a draft (an inspector of a board that
 * oversees the unit). Opinions are taken before approval, so the published document prints them and
 * its hash covers them: on a published publication it is a 409. Receipts-and-payments statements only (422).
 */
export async function recordBoardOpinion(trx: Knex.Transaction, actor: Actor, unitId: number, id: number, input: OpinionInput): Promise<Publication> {
  const unit = await authorize(trx, actor, ["inspector"], unitId);
  const scope = actor.scopes.find((s) => s.role === "inspector" && s.boardId && unit.path.startsWith(s.path));
  const board = scope?.boardId ? await findBoard(trx, scope.boardId) : undefined;
  if (!board) throw new ForbiddenError("forbidden", { needs: ["inspector"] });
  const row = await q.findPublication(trx, unitId, id);
  if (!row) throw new NotFoundError("publication", { id });
  if (row.status !== "draft") throw new ConflictError("publication_published", { id });
  if (row.kind !== "receipts-payments" && row.kind !== "work-settlement") throw new RuleViolation("opinion_not_applicable", { kind: row.kind });
  const opinionId = await q.insertOpinion(trx, {
    unit_id: unitId,
    publication_id: id,
    board_id: board.id,
    board_name: board.name,
    stance: input.stance,
    text: input.text,
    by_user: actor.userId,
    by_name: actor.displayName ?? actor.username,
    created_at: actor.at,
  });
  await audit.record(trx, actor, { action: "publication.opinion_recorded", entity: "publication", entityId: id, unitId, details: { opinionId, boardId: board.id, stance: input.stance } });
  return loadPublication(trx, unitId, id);
}

import type { Deps } from "../deps";
import { idempotent } from "../http/idempotency";
import { route, RouteDef } from "../http/route";
import { UnitParams } from "../http/schema-kit";
import { readUpload } from "../http/upload";
import { STAFF } from "../identity";
import { parseDong } from "../shared/money";
import { checkUploadAccess, cleanUpload, MAX_BYTES, readAttachment, readAttachmentThumbnail, readPublicAttachment, readPublicThumbnail, storeAttachment, EXT } from "./attachments";
import { consultationForStaff, giveOpinion, openConsultation, publicConsultation } from "./consultations";
import { publishResponse, RESPONDERS, writeResponse } from "./responses";
import { attachmentDto, budgetDto, consultationDto, expenseDto, publicExpenseDto, workDto } from "./dto";
import {
  AdvanceBody, AttachmentIdParams, AttachmentParams, AttachmentQuery, ConsultationBody, ConsultationIdParams, ConsultationParams, ExpenseBody, ResponseBody, PublicExpensesQuery, ExpenseParams, OpinionBody, ProgressBody,
  RejectBody, TransitionBody, WorkBody, WorkIdParams, WorkParams, WorkPatchBody,
} from "./schemas";
import * as svc from "./service";
import type { Request, Response } from "express";
import type { PublicWorksWire, WorkDetailWire, WorkMovedWire } from "./wire";

const WRITE = svc.WRITERS;
const READ = STAFF;

/** Sends a stored file: its detected type, a download name of ours, never sniffed, never run. */
function sendFile(res: Response, f: { attachment: { id: number; mime: string }; bytes: Buffer }) {
  const name = `tep-${f.attachment.id}.${EXT[f.attachment.mime] ?? "bin"}`;
  res.setHeader("Content-Type", f.attachment.mime);
  res.setHeader("Content-Disposition", `${f.attachment.mime === "application/pdf" ? "attachment" : "inline"}; filename="${name}"`);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  res.setHeader("Cache-Control", "private, max-age=0");
  res.status(200).end(f.bytes);
}

/**
 * Sends a thumbnail (always a JPEG of ours). Its URL names an attachment, which never changes (stored
 * by content hash, rows append-only), so it is cached for a year; a published one by anyone.
 */
function sendThumbnail(req: Request, res: Response, f: { attachment: { id: number; sha256: string }; mime: string; bytes: Buffer }, scope: "public" | "private") {
  const etag = `"${f.attachment.sha256.slice(0, 32)}-t"`;
  res.setHeader("Content-Type", f.mime);
  res.setHeader("Content-Disposition", `inline; filename="tep-${f.attachment.id}-nho.jpg"`);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  res.setHeader("Cache-Control", `${scope}, max-age=31536000, immutable`);
  res.setHeader("ETag", etag);
  if (req.headers["if-none-match"] === etag) return void res.status(304).end();
  res.status(200).end(f.bytes);
}

export function worksRoutes(deps: Deps, oversight: svc.Oversight): RouteDef[] {
  const { db, config } = deps;
  const pins = deps.throttles.pins;
  const U = "/units/:unitId";
  const W = `${U}/works/:workId`;
  const ids = (p: { unitId: number; workId: number }) => [p.unitId, p.workId] as const;
  return [
    route({ method: "post", path: `${U}/works`, tag: "works", summary: "Propose a work (opens its expense accounts 8nn1-8nn4)", access: WRITE, params: UnitParams, body: WorkBody, status: 201,
      handler: async ({ actor, params, body }) => workDto(await db.transaction((trx) => svc.proposeWork(trx, actor, params.unitId, body))) }),
    route({ method: "get", path: `${U}/works`, tag: "works", summary: "Works of a unit", access: READ, params: UnitParams,
      handler: async ({ actor, params }) => ({ data: (await svc.listWorks(db, actor, params.unitId)).map(workDto) }) }),
    route({ method: "get", path: W, tag: "works", summary: "One work with its moves, progress and consultations", access: READ, params: WorkParams,
      handler: async ({ actor, params }): Promise<WorkDetailWire> => {
        const [unitId, workId] = ids(params);
        const r = await svc.getWork(db, actor, unitId, workId);
        const consultations = await consultationForStaff(db, actor, unitId, workId);
        return { ...workDto(r.work), transitions: r.transitions, progressUpdates: r.progress, consultations: consultations.map((c) => ({ ...consultationDto(c), comments: c.comments })) };
      } }),
    route({ method: "patch", path: W, tag: "works", summary: "Correct a work's details, estimate or funding plan", access: WRITE, params: WorkParams, body: WorkPatchBody,
      handler: async ({ actor, params, body }) => workDto(await db.transaction((trx) => svc.reviseWork(trx, actor, ...ids(params), body))) }),
    route({ method: "post", path: `${W}/transitions`, tag: "works", summary: "Move a work (proposed → … → settled, or cancelled)", access: ["head"], params: WorkParams, body: TransitionBody,
      handler: async ({ actor, params, body }): Promise<WorkMovedWire> => {
        const moved = await db.transaction((trx) => svc.moveWork(trx, actor, ...ids(params), body, oversight));
        const next = body.to === "approved" ? await oversight.boardNeeded(db, moved) : null;
        return next ? { ...workDto(moved), next } : workDto(moved);
      } }),
    route({ method: "post", path: `${W}/progress`, tag: "works", summary: "Record progress (date, %, note, photos)", access: WRITE, params: WorkParams, body: ProgressBody, status: 201,
      handler: async ({ actor, params, body }) => db.transaction((trx) => svc.recordProgress(trx, actor, ...ids(params), body)) }),
    route({ method: "get", path: `${W}/budget`, tag: "works", summary: "Budget vs actual per category and per source", access: READ, params: WorkParams,
      handler: async ({ actor, params }) => budgetDto(await svc.workBudget(db, actor, ...ids(params))) }),

    // A voucher is money out: a double tap or a retry after a dropped connection must not pay twice.
    route({ method: "post", path: `${W}/expenses`, tag: "works", summary: "Record a payment voucher (PC); above the threshold a draft for a head; Idempotency-Key honoured", access: WRITE, params: WorkParams, body: ExpenseBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        const input = { ...body, amount: parseDong(body.amount, "/amount") };
        const out = await idempotent(db, req, params.unitId, async (trx) => ({ status: 201, body: await svc.recordExpense(trx, actor, ...ids(params), input) }));
        res.status(out.status).json(out.body);
      } }),
    route({ method: "get", path: `${W}/expenses`, tag: "works", summary: "A work's vouchers (drafts, posted, rejected)", access: READ, params: WorkParams,
      handler: async ({ actor, params }) => ({ data: (await svc.listExpenses(db, actor, ...ids(params))).map(expenseDto) }) }),
    route({ method: "post", path: `${W}/advances`, tag: "works", summary: "Advance money to the work's crew (Dr 141); Idempotency-Key honoured", access: WRITE, params: WorkParams, body: AdvanceBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        const input = { ...body, amount: parseDong(body.amount, "/amount") };
        const out = await idempotent(db, req, params.unitId, async (trx) => ({ status: 201, body: await svc.recordAdvance(trx, actor, ...ids(params), input) }));
        res.status(out.status).json(out.body);
      } }),
    route({ method: "post", path: `${U}/expenses/:expenseId/approve`, tag: "works", summary: "A head approves a draft voucher (never its drafter; a head's own also the commune's admin)", access: ["head", "admin"], params: ExpenseParams,
      handler: async ({ actor, params }) => db.transaction((trx) => svc.approveExpense(trx, actor, params.unitId, params.expenseId)) }),
    route({ method: "post", path: `${U}/expenses/:expenseId/reject`, tag: "works", summary: "A head rejects a draft voucher with a reason", access: ["head", "admin"], params: ExpenseParams, body: RejectBody,
      handler: async ({ actor, params, body }) => db.transaction((trx) => svc.rejectExpense(trx, actor, params.unitId, params.expenseId, body.reason)) }),

    route({ method: "post", path: `${U}/attachments`, tag: "works", summary: "Upload a photo or PDF (field `file`, ≤ 10 MB; jpeg, png, webp, pdf by content)", access: [...WRITE, "inspector"], params: UnitParams, upload: true, status: 201,
      handler: async ({ req, actor, params }) => {
        const unitId = params.unitId;
        await checkUploadAccess(db, actor, unitId); // before a byte of the file is read
        // An image is re-encoded (its metadata dropped) before the transaction takes the connection.
        const file = await cleanUpload(await readUpload(req, { maxBytes: MAX_BYTES, preservePath: true }));
        return attachmentDto(await db.transaction((trx) => storeAttachment(trx, actor, unitId, file, config.filesDir)));
      } }),
    route({ method: "get", path: `${U}/attachments/:attachmentId`, tag: "works", summary: "Download an attachment (its detected type, nosniff); `?size=thumb`: a JPEG ≤ 320 px of an image", access: READ, params: AttachmentParams, query: AttachmentQuery,
      handler: async ({ actor, params, query, req, res }) => {
        const [unitId, attachmentId] = [params.unitId, params.attachmentId];
        if (query.size === "thumb") sendThumbnail(req, res, await readAttachmentThumbnail(db, actor, unitId, attachmentId, config.filesDir), "private");
        else sendFile(res, await readAttachment(db, actor, unitId, attachmentId, config.filesDir));
        return undefined;
      } }),

    route({ method: "post", path: `${W}/consultations`, tag: "works", summary: "Open a consultation on the work's plan or design", access: WRITE, params: WorkParams, body: ConsultationBody, status: 201,
      handler: async ({ actor, params, body }) => consultationDto(await db.transaction((trx) => openConsultation(trx, actor, ...ids(params), body))) }),
    route({ method: "post", path: `${W}/consultations/:consultationId/response`, tag: "works", summary: "Write the response to a closed consultation's opinions (taken up or not, and why); a draft until published", access: RESPONDERS, params: ConsultationParams, body: ResponseBody,
      handler: async ({ actor, params, body }) => db.transaction((trx) => writeResponse(trx, actor, ...ids(params), params.consultationId, body)) }),
    route({ method: "post", path: `${W}/consultations/:consultationId/response/publish`, tag: "works", summary: "Publish the response on the work's public page (never edited after)", access: RESPONDERS, params: ConsultationParams,
      handler: async ({ actor, params }) => db.transaction((trx) => publishResponse(trx, actor, ...ids(params), params.consultationId)) }),

    route({ method: "get", path: "/public/units/:unitId/works", tag: "public", summary: "Works of a unit: status, estimate, spent, progress, findings (public)", access: "public", params: UnitParams,
      handler: async ({ params, actor }): Promise<PublicWorksWire> => svc.publicWorksView(db, params.unitId, actor.at, oversight) }),
    route({ method: "get", path: "/public/works/:workId", tag: "public", summary: "A work's public page data (public)", access: "public", params: WorkIdParams,
      handler: async ({ params, actor }) => svc.publicWorkView(db, params.workId, actor.at, oversight) }),
    route({ method: "get", path: "/public/works/:workId/expenses", tag: "public", summary: "A work's posted vouchers, newest first, a page at a time (public)", access: "public", params: WorkIdParams, query: PublicExpensesQuery,
      handler: async ({ params, query }) => {
        const p = await svc.publicExpenses(db, params.workId, query.limit ?? svc.PUBLIC_EXPENSES, query.cursor);
        return { data: p.data.map(publicExpenseDto), total: p.total, nextCursor: p.nextCursor };
      } }),
    route({ method: "get", path: "/public/consultations/:consultationId", tag: "public", summary: "A consultation: question, documents, live tally, result after closing (public)", access: "public", params: ConsultationIdParams,
      handler: async ({ params, actor }) => {
        const c = await publicConsultation(db, params.consultationId, actor.at);
        return { ...consultationDto(c), workName: c.workName };
      } }),
    route({ method: "post", path: "/public/consultations/:consultationId/opinions", tag: "public", summary: "A household gives or changes its opinion with its code and PIN (public, throttled)", access: "public", params: ConsultationIdParams, body: OpinionBody, status: 201,
      handler: async ({ actor, params, body }) => giveOpinion(db, actor, pins, params.consultationId, body) }),
    route({ method: "get", path: "/public/attachments/:attachmentId", tag: "public", summary: "A document of a consultation or a work's progress (public); `?size=thumb`: a JPEG ≤ 320 px of an image", access: "public", params: AttachmentIdParams, query: AttachmentQuery,
      handler: async ({ params, query, req, res }) => {
        if (query.size === "thumb") sendThumbnail(req, res, await readPublicThumbnail(db, params.attachmentId, config.filesDir), "public");
        else sendFile(res, await readPublicAttachment(db, params.attachmentId, config.filesDir));
        return undefined;
      } }),
  ];
}

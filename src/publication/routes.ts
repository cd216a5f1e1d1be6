import fs from "node:fs";
import type { Response } from "express";
import type { Deps } from "../deps";
import { idempotent } from "../http/idempotency";
import { route, RouteDef } from "../http/route";
import { readUpload } from "../http/upload";
import { STAFF } from "../identity";
import { publicationDto, postingDto, publicPublicationDto, verificationDto } from "./dto";
import type { Scan, StatementModel } from "./model";
import { renderPdf } from "./render/pdf";
import type { Paper } from "./render/painter";
import { ValidationError } from "../shared/errors";
import { renderXlsx } from "./render/xlsx";
import {
  OpinionBody, PostingBody, PostingParams, PublicationBody, PublicationParams, PublicFileParams, PublicUnitParams, StatementParamsSchema,
  StatementQuery, TakenDownBody, VerifyParams, VerifyQuery,
} from "./schemas";
import * as svc from "./service";
import { UnitParams } from "../http/schema-kit";

const TYPES = { pdf: "application/pdf", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;
type Ext = keyof typeof TYPES;

/** The vouchers a household or payee keeps, which also come on A5 or an 80 mm roll (`?paper=`). */
const PAPER_KINDS: readonly string[] = ["receipt", "bank-receipt", "payment-voucher"];

/**
 * `attachment` named `name`: as it is when plain ASCII, else an ASCII fallback and the UTF-8 name
 * (RFC 6266 filename*), so a voucher's file is named after its number as printed.
 */
export function attachmentName(name: string): string {
  const ascii = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^A-Za-z0-9._-]+/g, "-");
  return ascii === name ? `attachment; filename="${name}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Streams a statement: the hash and chain head go out as headers first, then the document as it is made. */
async function sendStatement(res: Response, model: StatementModel, s: Scan, ext: Ext, paper: Paper = "a4") {
  res.setHeader("X-Data-Hash", s.dataHash);
  res.setHeader("X-Chain-Head", `${model.chainHead.seq}:${model.chainHead.hash}`);
  res.setHeader("Content-Type", TYPES[ext]);
  // a voucher by its number (PT-2026-000123.pdf), any other statement by its kind and unit
  res.setHeader("Content-Disposition", model.form ? attachmentName(`${model.form.number}.${ext}`) : `attachment; filename="${model.kind}-${model.unit.code.replace(/[^A-Za-z0-9_-]/g, "")}.${ext}"`);
  res.setHeader("Cache-Control", "no-store");
  try {
    await (ext === "pdf" ? renderPdf(model, s, res, paper) : renderXlsx(model, s, res));
  } catch (err) {
    // Once the first bytes are out a problem+json cannot follow: cut the response so it is seen as broken.
    if (!res.headersSent) throw err;
    res.destroy(err as Error);
  }
}

async function sendStored(res: Response, f: Awaited<ReturnType<typeof svc.publishedFile>>, ext: Ext) {
  const stat = await fs.promises.stat(f.file);
  res.setHeader("X-Data-Hash", f.publication.dataHash!);
  res.setHeader("X-Chain-Head", f.publication.chainHead!);
  res.setHeader("X-File-Sha256", f.sha256);
  res.setHeader("Content-Type", TYPES[ext]);
  res.setHeader("Content-Length", String(stat.size));
  res.setHeader("Content-Disposition", `attachment; filename="cong-khai-${f.publication.id}-${f.publication.code}.${ext}"`);
  await new Promise<void>((resolve, reject) => {
    const stream = fs.createReadStream(f.file);
    stream.once("error", reject);
    res.once("finish", resolve);
    res.once("close", resolve);
    stream.pipe(res);
  });
}

export function publicationRoutes(deps: Deps): RouteDef[] {
  const { db, config } = deps;
  const env: svc.PublicationEnv = { filesDir: config.filesDir, publicBaseUrl: config.publicBaseUrl };
  const U = "/units/:unitId";
  const P = `${U}/publications/:publicationId`;
  const statement = (ext: Ext) =>
    route({ method: "get", path: `${U}/statements/:kind.${ext}`, tag: "publication", summary: `A statement as ${ext === "pdf" ? "PDF" : "Excel"} (not published); X-Data-Hash, X-Chain-Head`, access: STAFF, params: StatementParamsSchema, query: StatementQuery,
      handler: async ({ res, actor, params, query }) => {
        const { paper = "a4", ...statementParams } = query;
        if (paper !== "a4" && (ext !== "pdf" || !PAPER_KINDS.includes(params.kind))) throw new ValidationError([{ path: "/query/paper", code: "not_for_kind", params: { kind: params.kind } }]);
        const st = await svc.staffStatement(db, actor, env, params.unitId, params.kind, statementParams);
        try {
          await sendStatement(res, st.model, st.scan, ext, paper);
        } finally {
          st.cleanup();
        }
      } });
  const download = (ext: Ext) =>
    route({ method: "get", path: `/public/publications/:publicationId.${ext}`, tag: "publication", summary: `A published statement's stored ${ext === "pdf" ? "PDF" : "Excel file"}`, access: "public", params: PublicFileParams,
      handler: async ({ res, params }) => sendStored(res, await svc.publishedFile(db, env, params.publicationId, ext), ext) });
  return [
    statement("pdf"),
    statement("xlsx"),
    route({ method: "get", path: `${U}/publications`, tag: "publication", summary: "A unit's publications, drafts included", access: STAFF, params: UnitParams,
      handler: async ({ actor, params }) => ({ data: (await svc.listPublications(db, actor, params.unitId)).map(publicationDto) }) }),
    route({ method: "post", path: `${U}/publications`, tag: "publication", summary: "Draft a publication (treasurer)", access: ["treasurer"], params: UnitParams, body: PublicationBody, status: 201,
      // Idempotency-Key honoured: a retry after a dropped answer returns the first draft, not a second.
      handler: async ({ req, res, actor, params, body }) => {
        const unitId = params.unitId;
        const out = await idempotent(db, req, unitId, async (trx) => ({ status: 201, body: publicationDto(await svc.draftPublication(trx, actor, unitId, body)) }));
        res.status(out.status).json(out.body);
      } }),
    route({ method: "get", path: P, tag: "publication", summary: "One publication with its opinions, postings and announcement", access: STAFF, params: PublicationParams,
      handler: async ({ actor, params }) => publicationDto(await svc.getPublication(db, actor, params.unitId, params.publicationId)) }),
    route({ method: "post", path: `${P}/approve`, tag: "publication", summary: "Approve and publish (a head who did not draft it): generates, stores and hashes the documents", access: ["head"], params: PublicationParams,
      handler: async ({ actor, params }) => {
        // A posted paper's QR code must lead residents somewhere: refused before anything is drawn.
        await deps.installation.assertPublicLinks();
        return publicationDto(await db.transaction((trx) => svc.approvePublication(trx, actor, env, params.unitId, params.publicationId)));
      } }),
    route({ method: "post", path: `${P}/board-opinions`, tag: "publication", summary: "A supervision board's sign-off or objection, on the draft (printed, covered by the hash)", access: ["inspector"], params: PublicationParams, body: OpinionBody, status: 201,
      handler: async ({ actor, params, body }) => publicationDto(await db.transaction((trx) => svc.recordBoardOpinion(trx, actor, params.unitId, params.publicationId, body))) }),
    route({ method: "post", path: `${P}/postings`, tag: "publication", summary: "Proof of posting: where, when, by whom (and a photo)", access: ["treasurer", "head"], params: PublicationParams, body: PostingBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        const unitId = params.unitId;
        const out = await idempotent(db, req, unitId, async (trx) => ({ status: 201, body: postingDto(await svc.recordPosting(trx, actor, unitId, params.publicationId, body)) }));
        res.status(out.status).json(out.body);
      } }),
    route({ method: "post", path: `${P}/postings/:postingId/taken-down`, tag: "publication", summary: "The paper came down (flagged when before the legal minimum)", access: ["treasurer", "head"], params: PostingParams, body: TakenDownBody,
      handler: async ({ actor, params, body }) =>
        postingDto(await db.transaction((trx) => svc.recordTakenDown(trx, actor, params.unitId, params.publicationId, params.postingId, body.takenDownAt))) }),

    route({ method: "get", path: "/public/units/:unitId/publications", tag: "publication", summary: "A unit's published statements (no login)", access: "public", params: PublicUnitParams,
      handler: async ({ params }) => ({ data: (await svc.listPublished(db, params.unitId)).map(publicPublicationDto) }) }),
    download("pdf"),
    download("xlsx"),
    route({ method: "get", path: "/public/verify/:code", tag: "publication", summary: "Is a copy genuine (its printed hash) and current?", access: "public", params: VerifyParams, query: VerifyQuery,
      handler: async ({ actor, params, query }) => verificationDto(await svc.verifyCode(db, params.code, query.hash, actor.at)) }),
    route({ method: "post", path: "/public/verify", tag: "publication", summary: "Check an uploaded PDF (field `file`, ≤ 20 MB) by its embedded hash and its bytes", access: "public", upload: true,
      handler: async ({ req, actor }) => verificationDto(await svc.verifyPdf(db, (await readUpload(req, { maxBytes: 20 * 1024 * 1024 })).bytes, actor.at)) }),
  ];
}

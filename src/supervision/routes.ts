import type { Deps } from "../deps";
import { idempotent } from "../http/idempotency";
import { route, RouteDef } from "../http/route";
import { UnitParams } from "../http/schema-kit";
import { readUpload } from "../http/upload";
import { findBoard, STAFF } from "../identity";
import { boardDto, cashCountDto } from "./dto";
import {
  AddendumBody, AnswerBody, BoardBody, BoardMemberBody, BoardParams, CashCountBody, FeedbackBody, FeedbackParams, FindingBody, FindingParams, FindingsQuery,
  FindingTransitionBody, InspectionBody, InspectionParams, InspectionPatchBody, InspectionTransitionBody, PublicWorkParams,
} from "./schemas";
import * as svc from "./service";

const B = "/boards/:boardId";

export function supervisionRoutes(deps: Deps): RouteDef[] {
  const { db } = deps;
  const tx = <T>(fn: (trx: import("knex").Knex.Transaction) => Promise<T>) => db.transaction(fn);
  const throttles = { byAddress: deps.throttles.feedbackByAddress, pins: deps.throttles.pins };
  const insp = (p: { boardId: number; inspectionId: number }) => [p.boardId, p.inspectionId] as const;

  // A create retried after its answer was lost replays the first answer (Idempotency-Key).
  // Keys are stored per unit: a board's commune, a finding's unit; the write checks the caller's access
  // as always (idempotent() replays only the same user's answer). No such board or finding: unkeyed, 404.
  const boardUnit = async (boardId: number) => (await findBoard(db, boardId))?.unitId;
  const findingUnit = (findingId: number) => svc.unitOfFinding(db, findingId);
  const once = async (ctx: { req: import("express").Request; res: import("express").Response }, unitId: number | undefined, status: number, write: (trx: import("knex").Knex.Transaction) => Promise<unknown>) => {
    const run = async (trx: import("knex").Knex.Transaction) => ({ status, body: await write(trx) });
    const out = unitId === undefined ? await tx(run) : await idempotent(db, ctx.req, unitId, run);
    ctx.res.status(out.status).json(out.body);
  };
  return [
    route({ method: "post", path: "/units/:unitId/boards", tag: "supervision", summary: "Set up a board of a commune and what it oversees (units, works)", access: ["admin"], params: UnitParams, body: BoardBody, status: 201,
      handler: async ({ actor, params, body }) => boardDto(await tx((trx) => svc.setUpBoard(trx, actor, params.unitId, body))) }),
    route({ method: "get", path: "/units/:unitId/boards", tag: "supervision", summary: "A commune's boards, their members and what they oversee", access: ["admin"], params: UnitParams,
      handler: async ({ actor, params }) => ({ data: (await svc.listBoards(db, actor, params.unitId)).map(boardDto) }) }),

    route({ method: "post", path: `${B}/members`, tag: "supervision", summary: "Make a user a member of the board with a role (chair, vice chair, member) and whether they represent the Fatherland Front, or change a member's; answers the board", access: ["admin"], params: BoardParams, body: BoardMemberBody,
      handler: async ({ actor, params, body }) => boardDto(await tx((trx) => svc.setMember(trx, actor, params.boardId, body))) }),
    // The board's screen needs it: an inspector's grant names the board, not what it oversees.
    route({ method: "get", path: B, tag: "supervision", summary: "One board, its members and what it oversees", access: ["inspector", "admin"], params: BoardParams,
      handler: async ({ actor, params }) => boardDto(await svc.getBoard(db, actor, params.boardId)) }),

    route({ method: "post", path: `${B}/inspections`, tag: "supervision", summary: "Record an inspection (a draft) of a work or a unit's funds; Idempotency-Key honoured", access: ["inspector"], params: BoardParams, body: InspectionBody, status: 201,
      handler: async (ctx) => {
        const { actor, params, body } = ctx;
        await once(ctx, await boardUnit(params.boardId), 201, (trx) => svc.recordInspection(trx, actor, params.boardId, body));
      } }),
    route({ method: "get", path: `${B}/inspections`, tag: "supervision", summary: "The board's inspections, newest first", access: ["inspector", "admin"], params: BoardParams,
      handler: async ({ actor, params }) => ({ data: await svc.listInspections(db, actor, params.boardId) }) }),
    route({ method: "get", path: `${B}/inspections/:inspectionId`, tag: "supervision", summary: "One inspection with its findings and addenda", access: ["inspector", "admin"], params: InspectionParams,
      handler: async ({ actor, params }) => svc.getInspection(db, actor, ...insp(params)) }),
    route({ method: "patch", path: `${B}/inspections/:inspectionId`, tag: "supervision", summary: "Correct a draft inspection (a filed one is immutable)", access: ["inspector"], params: InspectionParams, body: InspectionPatchBody,
      handler: async ({ actor, params, body }) => tx((trx) => svc.reviseInspection(trx, actor, ...insp(params), body)) }),
    route({ method: "post", path: `${B}/inspections/:inspectionId/transitions`, tag: "supervision", summary: "File or publish an inspection (draft → filed → published)", access: ["inspector"], params: InspectionParams, body: InspectionTransitionBody,
      handler: async ({ actor, params, body }) => tx((trx) => svc.moveInspection(trx, actor, ...insp(params), body.to)) }),
    route({ method: "post", path: `${B}/inspections/:inspectionId/addenda`, tag: "supervision", summary: "Add an addendum to an inspection; Idempotency-Key honoured", access: ["inspector"], params: InspectionParams, body: AddendumBody, status: 201,
      handler: async (ctx) => {
        const { actor, params, body } = ctx;
        await once(ctx, await boardUnit(params.boardId), 201, (trx) => svc.addAddendum(trx, actor, ...insp(params), body));
      } }),
    route({ method: "post", path: `${B}/inspections/:inspectionId/findings`, tag: "supervision", summary: "Record a finding; a critical one holds its work's payments; Idempotency-Key honoured", access: ["inspector"], params: InspectionParams, body: FindingBody, status: 201,
      handler: async (ctx) => {
        const { actor, params, body } = ctx;
        await once(ctx, await boardUnit(params.boardId), 201, (trx) => svc.recordFinding(trx, actor, ...insp(params), body));
      } }),
    route({ method: "post", path: "/findings/:findingId/transitions", tag: "supervision", summary: "Answer (the unit), resolve, escalate or reopen (the board) a finding; Idempotency-Key honoured", access: ["treasurer", "head", "inspector"], params: FindingParams, body: FindingTransitionBody,
      handler: async (ctx) => {
        const { actor, params, body } = ctx;
        await once(ctx, await findingUnit(params.findingId), 200, (trx) => svc.moveFinding(trx, actor, params.findingId, body));
      } }),
    route({ method: "get", path: "/units/:unitId/findings", tag: "supervision", summary: "A unit's findings by status, overdue, work; overdue flagged", access: STAFF, params: UnitParams, query: FindingsQuery,
      handler: async ({ actor, params, query }) =>
        svc.listFindings(db, actor, params.unitId, { status: query.status, overdue: query.overdue, workId: query.workId }) }),
    route({ method: "post", path: `${B}/cash-counts`, tag: "supervision", summary: "Record a cash count; a difference opens a finding as serious as the unit's thresholds; Idempotency-Key honoured", access: ["inspector"], params: BoardParams, body: CashCountBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        // A count retried after the answer was lost (a weak signal) must not record a second count and finding.
        const out = await idempotent(db, req, body.unitId, async (trx) => ({ status: 201, body: cashCountDto(await svc.countCash(trx, actor, params.boardId, body)) }));
        res.status(out.status).json(out.body);
      } }),

    route({ method: "post", path: "/public/works/:workId/feedback", tag: "public", summary: "A resident's feedback on a work (public; anonymous allowed; rate-limited)", access: "public", params: PublicWorkParams, body: FeedbackBody, status: 201,
      handler: async ({ actor, params, body }) => {
        // Checked (a PIN's scrypt) before the write transaction opens.
        const checked = await svc.checkFeedback(db, actor, throttles, params.workId, body);
        return tx((trx) => svc.receiveFeedback(trx, actor, checked));
      } }),
    // JSON feedback stays as it is; its photos are uploaded here first, one per request, and cited by id in `photos`.
    route({ method: "post", path: "/public/works/:workId/feedback/photos", tag: "public", summary: "A resident uploads a photo for feedback on a work (field `file`, ≤ 10 MB; jpeg, png, webp by content; public; rate-limited); cite its id in the feedback's `photos`", access: "public", params: PublicWorkParams, upload: true, status: 201,
      handler: async ({ req, actor, params }) => {
        // Checked and re-encoded before the write transaction opens.
        const read = () => readUpload(req, { maxBytes: svc.PHOTO_MAX_BYTES, preservePath: true });
        const checked = await svc.checkFeedbackPhoto(db, actor, deps.throttles.feedbackPhotosByAddress, params.workId, read);
        return tx((trx) => svc.receiveFeedbackPhoto(trx, actor, checked, deps.config.filesDir));
      } }),
    route({ method: "get", path: `${B}/feedback`, tag: "supervision", summary: "Feedback on the works the board oversees", access: ["inspector"], params: BoardParams,
      handler: async ({ actor, params }) => ({ data: await svc.listFeedback(db, actor, params.boardId) }) }),
    route({ method: "post", path: `${B}/feedback/:feedbackId/answer`, tag: "supervision", summary: "Answer a resident's feedback publicly; Idempotency-Key honoured", access: ["inspector"], params: FeedbackParams, body: AnswerBody,
      handler: async (ctx) => {
        const { actor, params, body } = ctx;
        await once(ctx, await boardUnit(params.boardId), 200, (trx) => svc.answerFeedback(trx, actor, params.boardId, params.feedbackId, body.text));
      } }),
  ];
}

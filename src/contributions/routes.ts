import type { Deps } from "../deps";
import { idempotent } from "../http/idempotency";
import { route, RouteDef } from "../http/route";
import { UnitParams } from "../http/schema-kit";
import { STAFF } from "../identity";
import { entryDto } from "../ledger";
import { parseDong, toWire } from "../shared/money";
import { campaignDto, householdDto, householdHistoryDto, standingPageDto, summaryDto } from "./dto";
import {
  ImportCommitBody, ImportParams, ReductionBody, CampaignBody, CampaignParams, CampaignPatchBody, ContributionParams, ContributionReversalBody, ExemptionBody, HouseholdBody,
  HouseholdParams, HouseholdPatchBody, HouseholdQuery, InKindBody, ListQuery, MoveBody, PledgeBody, ReceiptBody,
} from "./schemas";
import * as svc from "./service";
import { checkImportAccess, commitImport, previewImport, readSheet } from "./import";
import type { ImportCommitWire } from "./wire";
import { sendJsonStreamed } from "../http/json-stream";
import { readUpload } from "../http/upload";
import { analyzeSoon } from "../db/knex";
import { receiptNotified } from "../notify/tell";

const WRITE = ["treasurer", "admin"] as const;
// An import this large is a bulk load: the planner's statistics are refreshed after it.
const BULK_ROWS = 1000;
const READ = STAFF;

export function contributionRoutes(deps: Deps, decisions?: svc.DecisionLink): RouteDef[] {
  const { db, config } = deps;
  const U = "/units/:unitId";
  // money into the bank is printed as its credit advice, never as a cash receipt voucher
  const receiptUrl = (unitId: number, entryId: number, method: string) => `/api/v1/units/${unitId}/statements/${method === "bank" ? "bank-receipt" : "receipt"}.pdf?entryId=${entryId}`;
  return [
    route({ method: "post", path: `${U}/households`, tag: "contributions", summary: "Register a household in a hamlet", access: [...WRITE], params: UnitParams, body: HouseholdBody, status: 201,
      handler: async ({ actor, params, body }) => householdDto(await db.transaction((trx) => svc.registerHousehold(trx, actor, params.unitId, body))) }),
    route({ method: "get", path: `${U}/households`, tag: "contributions", summary: "Households, searched by code or name without diacritics", access: READ, params: UnitParams, query: HouseholdQuery,
      handler: async ({ actor, params, query }) => {
        const r = await svc.listHouseholds(db, actor, params.unitId, { q: query.q, cursor: query.cursor, limit: query.limit ?? 100, includeInactive: query.inactive === true });
        return { data: r.data.map(householdDto), nextCursor: r.nextCursor };
      } }),
    route({ method: "get", path: `${U}/households/:householdId`, tag: "contributions", summary: "One household", access: READ, params: HouseholdParams,
      handler: async ({ actor, params }) => householdDto(await svc.getHousehold(db, actor, params.unitId, params.householdId)) }),
    route({ method: "patch", path: `${U}/households/:householdId`, tag: "contributions", summary: "Correct a household's details", access: [...WRITE], params: HouseholdParams, body: HouseholdPatchBody,
      handler: async ({ actor, params, body }) => householdDto(await db.transaction((trx) => svc.updateHousehold(trx, actor, params.unitId, params.householdId, body))) }),
    route({ method: "post", path: `${U}/households/:householdId/move`, tag: "contributions", summary: "Move a household to another hamlet of the commune", access: [...WRITE], params: HouseholdParams, body: MoveBody,
      handler: async ({ actor, params, body }) => householdDto(await db.transaction((trx) => svc.moveHousehold(trx, actor, params.unitId, params.householdId, body))) }),
    route({ method: "post", path: `${U}/households/:householdId/pin`, tag: "contributions", summary: "Issue or reset the household's PIN (shown once)", access: [...WRITE], params: HouseholdParams, status: 201,
      handler: async ({ actor, params }) => db.transaction((trx) => svc.issuePin(trx, actor, params.unitId, params.householdId, config.scryptCost)) }),
    route({ method: "get", path: `${U}/households/:householdId/history`, tag: "contributions", summary: "A household's contributions in every campaign", access: READ, params: HouseholdParams,
      handler: async ({ actor, params }) => {
        return householdHistoryDto(await svc.householdHistory(db, actor, params.unitId, params.householdId));
      } }),

    route({ method: "post", path: `${U}/campaigns`, tag: "contributions", summary: "Open a campaign on a passed, recognised decision (decisionId), or a paper meeting's figures (≥ 2/3 of all households; warned)", access: [...WRITE], params: UnitParams, body: CampaignBody, status: 201,
      handler: async ({ actor, params, body }) => campaignDto(await db.transaction((trx) => svc.openCampaign(trx, actor, params.unitId, body, decisions))) }),
    route({ method: "get", path: `${U}/campaigns`, tag: "contributions", summary: "Campaigns of a unit", access: READ, params: UnitParams,
      handler: async ({ actor, params }) => ({ data: (await svc.listCampaigns(db, actor, params.unitId)).map(campaignDto) }) }),
    route({ method: "get", path: `${U}/campaigns/:campaignId`, tag: "contributions", summary: "One campaign", access: READ, params: CampaignParams,
      handler: async ({ actor, params }) => campaignDto(await svc.getCampaign(db, actor, params.unitId, params.campaignId)) }),
    route({ method: "patch", path: `${U}/campaigns/:campaignId`, tag: "contributions", summary: "Change name, purpose, end, target or status (open/closed)", access: [...WRITE], params: CampaignParams, body: CampaignPatchBody,
      handler: async ({ actor, params, body }) => campaignDto(await db.transaction((trx) => svc.updateCampaign(trx, actor, params.unitId, params.campaignId, body))) }),
    route({ method: "get", path: `${U}/campaigns/:campaignId/summary`, tag: "contributions", summary: "Target, pledged, paid, outstanding; households per status; in-kind", access: READ, params: CampaignParams,
      handler: async ({ actor, params }) => summaryDto(await svc.campaignSummary(db, actor, params.unitId, params.campaignId)) }),
    route({ method: "get", path: `${U}/campaigns/:campaignId/contributions`, tag: "contributions", summary: "The campaign's contribution list, sorted and paged", access: READ, params: CampaignParams, query: ListQuery,
      handler: async ({ actor, params, query }) => {
        const r = await svc.contributionList(db, actor, params.unitId, params.campaignId, {
          sort: query.sort ?? "code", order: query.order ?? "asc", page: query.page ?? 1, limit: query.limit ?? 100,
        });
        return standingPageDto(r);
      } }),

    route({ method: "post", path: `${U}/contributions`, tag: "contributions", summary: "Record a receipt (phiếu thu); Idempotency-Key honoured", access: [...WRITE], params: UnitParams, body: ReceiptBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        const unitId = params.unitId;
        const input = { ...body, amount: parseDong(body.amount, "/amount") };
        const out = await idempotent(db, req, unitId, async (trx) => {
          const r = await svc.recordReceipt(trx, actor, unitId, input);
          return { status: 201, body: { id: r.id, entry: entryDto(r.entry), voucherNo: r.voucherNo, receiptUrl: receiptUrl(unitId, r.entry.id, body.method), notified: await receiptNotified(trx, actor, unitId, r.id) } };
        });
        res.status(out.status).json(out.body);
      } }),
    route({ method: "post", path: `${U}/contributions/:contributionId/reversal`, tag: "contributions", summary: "Correct a receipt or pledge by reversing it (with a reason); Idempotency-Key honoured", access: [...WRITE], params: ContributionParams, body: ContributionReversalBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        // A retried form (the answer lost on a weak signal) replays the reversal instead of a 409.
        const unitId = params.unitId;
        const out = await idempotent(db, req, unitId, async (trx) => ({ status: 201, body: entryDto(await svc.reverseContribution(trx, actor, unitId, params.contributionId, body)) }));
        res.status(out.status).json(out.body);
      } }),
    route({ method: "post", path: `${U}/pledges`, tag: "contributions", summary: "Record a pledge (Dr 131 / Cr revenue)", access: [...WRITE], params: UnitParams, body: PledgeBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        const unitId = params.unitId;
        const input = { ...body, amount: parseDong(body.amount, "/amount") };
        const out = await idempotent(db, req, unitId, async (trx) => {
          const r = await svc.recordPledge(trx, actor, unitId, input);
          return { status: 201, body: { id: r.id, entry: entryDto(r.entry), voucherNo: r.voucherNo } };
        });
        res.status(out.status).json(out.body);
      } }),
    route({ method: "post", path: `${U}/exemptions`, tag: "contributions", summary: "Exempt a household from a campaign; Idempotency-Key honoured", access: [...WRITE], params: UnitParams, body: ExemptionBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        const unitId = params.unitId;
        const out = await idempotent(db, req, unitId, async (trx) => ({ status: 201, body: await svc.recordExemption(trx, actor, unitId, body) }));
        res.status(out.status).json(out.body);
      } }),
    route({ method: "post", path: `${U}/reductions`, tag: "contributions", summary: "Lower the amount suggested to a household in a campaign, with its reason; Idempotency-Key honoured", access: [...WRITE], params: UnitParams, body: ReductionBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        const unitId = params.unitId;
        const out = await idempotent(db, req, unitId, async (trx) => {
          const r = await svc.recordReduction(trx, actor, unitId, { ...body, suggestedAmount: parseDong(body.suggestedAmount, "/suggestedAmount") });
          return { status: 201, body: { ...r, suggestedAmount: toWire(r.suggestedAmount) } };
        });
        res.status(out.status).json(out.body);
      } }),
    route({ method: "post", path: `${U}/in-kind`, tag: "contributions", summary: "Record labour days, land or materials given; Idempotency-Key honoured", access: [...WRITE], params: UnitParams, body: InKindBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        // Labour days have no natural key: only the Idempotency-Key keeps a retried form from recording them twice.
        const unitId = params.unitId;
        const out = await idempotent(db, req, unitId, async (trx) => {
          const r = await svc.recordInKind(trx, actor, unitId, body);
          return { status: 201, body: { id: r.id, value: r.value !== null ? toWire(r.value) : null, entry: r.entry ? entryDto(r.entry) : null } };
        });
        res.status(out.status).json(out.body);
      } }),
    route({ method: "post", path: `${U}/campaigns/:campaignId/imports`, tag: "contributions", summary: "Upload the treasurer's sheet (xlsx or csv, ≤ 5 MB, field `file`): a preview", access: [...WRITE], params: CampaignParams, upload: true, status: 201,
      handler: async ({ req, res, actor, params }) => {
        // The 5 MB limit is enforced while reading; the file type is told by its content, not its name.
        await checkImportAccess(db, actor, params.unitId, params.campaignId);
        const file = await readUpload(req, { maxBytes: 5 * 1024 * 1024 });
        // Parsed before the transaction: seconds of work that must not hold SQLite's write lock.
        const sheet = await readSheet(file.bytes);
        const preview = await db.transaction((trx) => previewImport(trx, actor, params.unitId, params.campaignId, file, sheet));
        // 100,000 rows: written a slice at a time, never as one string
        await sendJsonStreamed(res, 201, preview, "rows");
        return undefined;
      } }),
    route({ method: "post", path: `${U}/campaigns/:campaignId/imports/:importId/commit`, tag: "contributions", access: [...WRITE], params: ImportParams, body: ImportCommitBody, status: 201,
      summary: "Record every row of the preview but those in `skipRows`, or nothing. Each row whose name differs from the register's (warning name_mismatch) must be confirmed: all at once with `confirm: [\"name_mismatch\"]`, or by row number in `confirmRows`; otherwise 422 name_mismatch_unconfirmed naming the rows. A row left with an error is 422 import_invalid. The answer lists the rows skipped.",
      handler: async ({ res, actor, params, body }) => {
        const out = await db.transaction((trx) => commitImport(trx, actor, params.unitId, params.campaignId, params.importId, body ?? {}));
        if (out.recorded === 0) {
          const nothing: ImportCommitWire = { id: out.id, recorded: 0, duplicateOf: out.duplicateOf };
          res.status(200).json(nothing);
          return;
        }
        const done: ImportCommitWire = { id: out.id, status: "committed", recorded: out.recorded, skipped: out.skipped };
        res.status(201).json(done);
        if (out.recorded.cash + out.recorded.pledges + out.recorded.households >= BULK_ROWS) {
          analyzeSoon(db, ["households", "contributions", "entries", "postings", "account_days"], (err) => deps.logger.error("analyze after import failed", { err: String(err) }));
        }
      } }),
  ];
}

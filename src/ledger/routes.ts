import type { Deps } from "../deps";
import { idempotent } from "../http/idempotency";
import { route, RouteDef } from "../http/route";
import { UnitParams, type Static } from "../http/schema-kit";
import { localDate } from "../shared/dates";
import { toWire } from "../shared/money";
import { accountDto, closingDto, entryDto, registerRowDto, trialRowDto } from "./dto";
import type { RegisterWire } from "./wire";
import {
  AccountBody, AccountParams, AccountPatchBody, AtQuery, BatchBody, ClosingBody, EntriesQuery, EntryBody, EntryParams,
  JournalQuery, PeriodQuery, RegisterQuery, ReversalBody, AnchorQuery,
} from "./schemas";
import { findUnit } from "../identity";
import { NotFoundError } from "../shared/errors";
import { EntryGroups } from "./group-commit";
import * as svc from "./service";
import { TrialBalanceQuery, yearCloseRoutes } from "./year-close-routes";
import { trialBalanceAt } from "./year-close";

const READ = [...svc.READERS];
const POST = [...svc.POSTERS];

function toInput(b: Static<typeof EntryBody>): svc.EntryInput {
  return {
    date: b.date,
    kind: b.kind,
    description: b.description,
    householdId: b.householdId,
    campaignId: b.campaignId,
    workId: b.workId,
    // Amounts stay the wire strings they are: the schema (Money) admits whole đồng only, and
    // checkEntry parses them (with the path of the posting in a batch when one is wrong).
    postings: b.postings.map((p) => ({ account: p.account, amount: p.amount, memo: p.memo ?? null })),
  };
}

export function ledgerRoutes(deps: Deps): RouteDef[] {
  const { db, clock } = deps;
  const today = () => localDate(clock.now());
  const yearStart = (d: string) => `${d.slice(0, 4)}-01-01`;
  const U = "/units/:unitId";
  const groups = new EntryGroups(db);
  const publicUnit = async (unitId: number) => {
    if (!(await findUnit(db, unitId))) throw new NotFoundError("unit", { id: unitId });
    return unitId;
  };
  return [
    route({ method: "get", path: `${U}/accounts`, tag: "ledger", summary: "Chart of accounts", access: READ, params: UnitParams,
      handler: async ({ actor, params }) => ({ data: (await svc.listAccounts(db, actor, params.unitId)).map(accountDto) }) }),
    route({ method: "post", path: `${U}/accounts`, tag: "ledger", summary: "Open an account", access: POST, params: UnitParams, body: AccountBody, status: 201,
      handler: async ({ actor, params, body }) => accountDto(await db.transaction((trx) => svc.openAccount(trx, actor, params.unitId, body))) }),
    route({ method: "patch", path: `${U}/accounts/:code`, tag: "ledger", summary: "Rename or (de)activate an account", access: POST, params: AccountParams, body: AccountPatchBody,
      handler: async ({ actor, params, body }) => accountDto(await db.transaction((trx) => svc.updateAccount(trx, actor, params.unitId, params.code, body))) }),
    route({ method: "get", path: `${U}/accounts/:code/balance`, tag: "ledger", summary: "Balance of an account at the end of a day", access: READ, params: AccountParams, query: AtQuery,
      handler: async ({ actor, params, query }) => {
        const b = await svc.balance(db, actor, params.unitId, params.code, query.at ?? today());
        return { account: b.account.code, name: b.account.name, at: b.at, balance: toWire(b.balance) };
      } }),
    route({ method: "get", path: `${U}/accounts/:code/register`, tag: "ledger", summary: "Account register (sổ chi tiết) with running balance (`order=desc`: the newest first)", access: READ, params: AccountParams, query: RegisterQuery,
      handler: async ({ actor, params, query }): Promise<RegisterWire> => {
        const to = query.to ?? today();
        const r = await svc.register(db, actor, params.unitId, params.code, { from: query.from ?? yearStart(to), to, cursor: query.cursor, limit: query.limit ?? 100, order: query.order ?? "asc" });
        return { account: r.account.code, name: r.account.name, from: r.from, to: r.to, opening: toWire(r.opening), rows: r.rows.map(registerRowDto), nextCursor: r.nextCursor };
      } }),

    route({ method: "post", path: `${U}/entries`, tag: "ledger", summary: "Post an entry (Idempotency-Key honoured)", access: POST, params: UnitParams, body: EntryBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        const unitId = params.unitId;
        const input = toInput(body);
        // Without a key, posted with the unit's other entries of the moment (group commit); a key's
        // stored answer belongs to its own transaction.
        if (req.headers["idempotency-key"] === undefined) return entryDto(await groups.post(actor, unitId, input));
        const out = await idempotent(db, req, unitId, async (trx) => {
          const [e] = await svc.recordEntries(trx, actor, unitId, [input]);
          return { status: 201, body: entryDto(e) };
        });
        res.status(out.status).json(out.body);
      } }),
    route({ method: "post", path: `${U}/entries/batch`, tag: "ledger", summary: "Post up to 1,000 entries, all or none, in order (`Prefer: return=minimal`: only the count and the first and last entry)", access: POST, params: UnitParams, body: BatchBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        const unitId = params.unitId;
        const inputs = body.entries.map(toInput);
        // RFC 7240: a bulk loader that keeps its own copy need not have 1,000 entries echoed back
        // (building and parsing the echo is a large share of a batch: bench/README.md).
        const minimal = /(^|[,;\s])return=minimal\b/i.test(req.get("prefer") ?? "");
        const out = await idempotent(db, req, unitId, async (trx) => {
          if (minimal) return { status: 201, body: await svc.recordEntriesBrief(trx, actor, unitId, inputs) };
          return { status: 201, body: { data: (await svc.recordEntries(trx, actor, unitId, inputs)).map(entryDto) } };
        });
        // A replay answers what was stored, whatever this request prefers.
        if (minimal && typeof out.body === "object" && out.body !== null && "count" in out.body) res.setHeader("Preference-Applied", "return=minimal");
        res.status(out.status).json(out.body);
      } }),
    route({ method: "get", path: `${U}/entries`, tag: "ledger", summary: "Entries in chain order (`order=desc`: the newest first), filtered, paged by cursor", access: READ, params: UnitParams, query: EntriesQuery,
      handler: async ({ actor, params, query }) => {
        const r = await svc.listEntries(db, actor, params.unitId, {
          from: query.from, to: query.to, account: query.account, kind: query.kind, q: query.q,
          afterSeq: query.cursor, limit: query.limit ?? 100, order: query.order ?? "asc",
        });
        return { data: r.data.map(entryDto), nextCursor: r.nextCursor };
      } }),
    route({ method: "get", path: `${U}/entries/:entryId`, tag: "ledger", summary: "One entry with its postings", access: READ, params: EntryParams,
      handler: async ({ actor, params }) => entryDto(await svc.getEntry(db, actor, params.unitId, params.entryId)) }),
    route({ method: "post", path: `${U}/entries/:entryId/reversal`, tag: "ledger", summary: "Reverse an entry (once)", access: POST, params: EntryParams, body: ReversalBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        const unitId = params.unitId;
        const out = await idempotent(db, req, unitId, async (trx) => ({
          status: 201,
          body: entryDto(await svc.reverseEntry(trx, actor, unitId, params.entryId, body)),
        }));
        res.status(out.status).json(out.body);
      } }),

    route({ method: "get", path: `${U}/trial-balance`, tag: "ledger", summary: "Trial balance (bảng cân đối tài khoản) for a period; `stage=before` leaves out the year's closing entries in it (a closed year before closing)", access: READ, params: UnitParams, query: TrialBalanceQuery,
      handler: async ({ actor, params, query }) => {
        const to = query.to ?? today();
        const stage = query.stage ?? "after";
        const tb = await trialBalanceAt(db, actor, params.unitId, query.from ?? yearStart(to), to, stage);
        return {
          from: tb.from, to: tb.to, stage, rows: tb.rows.map(trialRowDto),
          totals: { opening: toWire(tb.totals.opening), debit: toWire(tb.totals.debit), credit: toWire(tb.totals.credit), closing: toWire(tb.totals.closing) },
        };
      } }),
    route({ method: "get", path: `${U}/journal`, tag: "ledger", summary: "Journal (sổ nhật ký) in date order", access: READ, params: UnitParams, query: JournalQuery,
      handler: async ({ actor, params, query }) => {
        const j = await svc.journal(db, actor, params.unitId, { from: query.from, to: query.to, cursor: query.cursor, limit: query.limit ?? 100 });
        return { from: j.from, to: j.to, data: j.data.map(entryDto), nextCursor: j.nextCursor };
      } }),
    route({ method: "get", path: `${U}/journal.hledger`, tag: "ledger", summary: "The journal as an hledger/ledger-cli file", access: READ, params: UnitParams, query: PeriodQuery,
      handler: async ({ actor, params, query, res }) => {
        const chunks = svc.streamHledger(db, actor, params.unitId, { from: query.from, to: query.to });
        const first = await chunks.next(); // authorization errors surface before any byte is sent
        res.type("text/plain; charset=utf-8");
        res.setHeader("Content-Disposition", `attachment; filename="journal-${params.unitId}.journal"`);
        if (!first.done) res.write(first.value);
        for await (const c of chunks) if (!res.write(c)) await new Promise((r) => res.once("drain", r));
        res.end();
      } }),
    route({ method: "get", path: `${U}/ledger/verify`, tag: "ledger", summary: "Recompute the hash chain; names the first broken entry", access: READ, params: UnitParams,
      handler: async ({ actor, params }) => svc.verifyChain(db, actor, params.unitId) }),
    // Anyone may pin the head (write it down, print it) and later ask whether it is still in the books.
    route({ method: "get", path: "/public/units/:unitId/chain-head", tag: "ledger", summary: "The unit's chain head {seq, hash, at} (no login): note it down to check the books later", access: "public", params: UnitParams,
      handler: async ({ params }) => svc.publicChainHead(db, await publicUnit(params.unitId)) }),
    route({ method: "get", path: "/public/units/:unitId/anchor", tag: "ledger", summary: "Is a head noted down earlier (seq, hash) still in the books? {matches, seq} (no login)", access: "public", params: UnitParams, query: AnchorQuery,
      handler: async ({ params, query }) => {
        const unitId = await publicUnit(params.unitId);
        return { matches: await svc.anchorHolds(db, unitId, query.seq, query.hash), seq: query.seq };
      } }),
    route({ method: "post", path: `${U}/closings`, tag: "ledger", summary: "Close every date up to `through`", access: ["head", "admin"], params: UnitParams, body: ClosingBody, status: 201,
      handler: async ({ actor, params, body }) => closingDto(await db.transaction((trx) => svc.closePeriod(trx, actor, params.unitId, body.through))) }),
    route({ method: "get", path: `${U}/closings`, tag: "ledger", summary: "Closed periods", access: READ, params: UnitParams,
      handler: async ({ actor, params }) => ({ data: (await svc.listClosings(db, actor, params.unitId)).map(closingDto) }) }),
    ...yearCloseRoutes(deps),
  ];
}

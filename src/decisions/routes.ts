import type { Deps } from "../deps";
import { idempotent } from "../http/idempotency";
import { route, RouteDef } from "../http/route";
import { UnitParams } from "../http/schema-kit";
import { STAFF } from "../identity";
import { BallotBody, DecisionBody, DecisionIdParams, DecisionListQuery, DecisionParams, DecisionTransitionBody, SettingsBody, TallyBody, VoteBody } from "./schemas";
import * as svc from "./service";

const WRITE = svc.WRITERS;
const READ = STAFF;

export function decisionRoutes(deps: Deps): RouteDef[] {
  const { db } = deps;
  const U = "/units/:unitId";
  const D = `${U}/decisions/:decisionId`;
  return [
    route({ method: "post", path: `${U}/decisions`, tag: "decisions", summary: "Record a residents' decision (draft); householdsTotal from the register on heldOn; Idempotency-Key honoured", access: WRITE, params: UnitParams, body: DecisionBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        // A retried form (the answer lost on a weak signal) replays the first record instead of a second decision.
        const out = await idempotent(db, req, params.unitId, async (trx) => ({ status: 201, body: await svc.recordDecision(trx, actor, params.unitId, body) }));
        res.status(out.status).json(out.body);
      } }),
    route({ method: "get", path: `${U}/decisions`, tag: "decisions", summary: "Decisions of a unit, newest meeting first (below=true: its hamlets' too)", access: READ, params: UnitParams, query: DecisionListQuery,
      handler: async ({ actor, params, query }) => ({ data: await svc.listDecisions(db, actor, params.unitId, query.below === true) }) }),
    route({ method: "get", path: D, tag: "decisions", summary: "One decision: counts, householdsTotal, threshold, passed, moves and ballots", access: READ, params: DecisionParams,
      handler: async ({ actor, params }) => svc.getDecision(db, actor, params.unitId, params.decisionId) }),
    route({ method: "post", path: `${D}/tally`, tag: "decisions", summary: "Record a meeting's counts {present, agree, disagree, abstain}", access: WRITE, params: DecisionParams, body: TallyBody,
      handler: async ({ actor, params, body }) => db.transaction((trx) => svc.recordTally(trx, actor, params.unitId, params.decisionId, body)) }),
    route({ method: "post", path: `${D}/ballots`, tag: "decisions", summary: "Enter a household's paper ballot (once per household); Idempotency-Key honoured", access: WRITE, params: DecisionParams, body: BallotBody, status: 201,
      handler: async ({ req, res, actor, params, body }) => {
        const out = await idempotent(db, req, params.unitId, async (trx) => ({ status: 201, body: await svc.recordBallot(trx, actor, params.unitId, params.decisionId, body) }));
        res.status(out.status).json(out.body);
      } }),
    route({ method: "post", path: `${D}/transitions`, tag: "decisions", summary: "Move a decision: voted, submitted (the hamlet), recognised or returned with a reason (the commune)", access: ["admin", "head", "treasurer"], params: DecisionParams, body: DecisionTransitionBody,
      handler: async ({ actor, params, body }) => db.transaction((trx) => svc.moveDecision(trx, actor, params.unitId, params.decisionId, body)) }),
    route({ method: "get", path: `${U}/decision-settings`, tag: "decisions", summary: "The unit's decision settings (work investment threshold, working days to submit)", access: READ, params: UnitParams,
      handler: async ({ actor, params }) => svc.getSettings(db, actor, params.unitId) }),
    route({ method: "patch", path: `${U}/decision-settings`, tag: "decisions", summary: "Change the unit's decision settings (its admins)", access: ["admin"], params: UnitParams, body: SettingsBody,
      handler: async ({ actor, params, body }) => db.transaction((trx) => svc.changeSettings(trx, actor, params.unitId, body)) }),
    route({ method: "get", path: "/public/decisions/:decisionId", tag: "public", summary: "A decision as a household sees it before voting online", access: "public", params: DecisionIdParams,
      handler: async ({ params }) => svc.publicDecision(db, params.decisionId) }),
    route({ method: "post", path: "/public/decisions/:decisionId/votes", tag: "public", summary: "A household votes online with its code and PIN (once; throttled like the other PIN routes)", access: "public", params: DecisionIdParams, body: VoteBody, status: 201,
      handler: async ({ actor, params, body }) => svc.voteOnline(db, actor, deps.throttles.pins, params.decisionId, body) }),
  ];
}

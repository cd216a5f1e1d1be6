import express, { Request, Response } from "express";
import type { PageKit as PublicPageKit } from "../http/page-kit";
import type { Deps } from "../deps";
import type { Db } from "../db/knex";
import { crossSite, formField, FormTokens, HOUSEHOLD_CODE, PATH_ID, PIN, refusalSentence, UNIT_CODE } from "../http/page-forms";
import { anonymous, findUnit, findUnitByCode, type Unit } from "../identity";
import { DECISION_SUBJECT_NAMES } from "../../reports/statements";
import { formatDateVi } from "../shared/dates";
import { AppError, NotFoundError } from "../shared/errors";
import { decisionIn, publicDecision, voteOnline } from "./decisions";
import * as q from "./queries";
import { CHOICES, TAKES, type Choice, type Method } from "./rules";
import type { PublicDecisionWire } from "./wire";

// A decision's public page, where a household votes online without the API and without JavaScript:
// the decision as GET /public/decisions/:id gives it and, while online votes are taken, a form
// (household code, PIN, choice) posting to a page route that calls voteOnline, the API's own
// service: once per household, the PIN's guard and limits are its rules, not this page's. The
// answer (recorded, or what was wrong, the fields kept but never the PIN) is the page again.
// Publication mounts it on its public pages' router (the stylesheet, the policy, the layout).

// The API's VoteBody patterns, checked here to answer on the page instead of with a 400 problem.
const CHOICE_NAMES: Record<Choice, string> = { agree: "Đồng ý", disagree: "Không đồng ý", abstain: "Không có ý kiến" };

/** A decision open for online votes, as a unit's page links it. */
export interface OpenVoteLink {
  href: string;
  title: string;
  unitName: string;
  subject: string;
  heldOn: string;
}

const pageOf = (unitCode: string, id: number) => `/u/${encodeURIComponent(unitCode)}/decisions/${id}`;

/**
 * The decisions a unit's households may vote on online now: the unit's own and, for a hamlet, its
 * commune's (voteOnline takes a commune's decision from the households of its hamlets).
 */
export async function openVoteLinks(db: Db, unitId: number): Promise<OpenVoteLink[]> {
  const unit = await findUnit(db, unitId);
  if (!unit) return [];
  const parent = unit.kind === "hamlet" && unit.parentId ? await findUnit(db, unit.parentId) : undefined;
  const units = new Map([unit, ...(parent?.isActive ? [parent] : [])].map((u) => [u.id, u]));
  const open = (await q.listDecisions(db, [...units.keys()])).filter((d) => d.status === "draft" && TAKES[d.method as Method].online);
  return open.map((d) => {
    const u = units.get(d.unit_id)!;
    return { href: pageOf(u.code, d.id), title: d.title, unitName: u.name, subject: DECISION_SUBJECT_NAMES[d.subject] ?? d.subject, heldOn: formatDateVi(d.held_on) };
  });
}

/** What the household typed, given back with what was wrong (never the PIN). */
interface Typed {
  householdCode: string;
  choice: string;
  error: string;
}

/** A refusal said in words a resident understands (the API's catalog, a few in plainer words). */
function sayRefusal(err: AppError, heldOn: string): string {
  const plain: Record<string, string> = {
    invalid_pin: "Mã hộ hoặc mã PIN không đúng. Hãy xem lại giấy báo mã PIN của hộ.",
    form_expired: "Trang đã mở quá lâu hoặc không phải trang của hệ thống. Mã hộ và lựa chọn vẫn còn dưới đây: hãy nhập lại mã PIN và gửi lại.",
    decision_voted: "Thôn đã chốt kết quả biểu quyết: không nhận thêm phiếu.",
    not_for_method: "Quyết định này không lấy biểu quyết trực tuyến.",
    household_not_in_register: `Hộ ${String(err.params.code ?? "")} không có trong sổ hộ ngày ${formatDateVi(heldOn)}, nên không biểu quyết quyết định này.`,
  };
  if (err.code === "page_form_invalid") return String(err.params.why);
  return plain[err.code] ?? refusalSentence(err);
}

const field = (fields: Record<string, string>, name: string) => formField(fields, name);

/** Adds a decision's page and its vote form to the public pages' router (where the route table sees them). */
export function decisionPages(deps: Deps, kit: PublicPageKit, router: express.Router): void {
  const { db } = deps;
  const { page, html } = kit;
  const tokens = new FormTokens();
  const now = () => deps.clock.now();
  const purpose = (id: number) => `decision-vote:${id}`;

  /** The unit and decision the address names, or 404 (a decision of another unit is not found under this one). */
  const decisionOf = async (req: Request): Promise<{ unit: Unit; decision: PublicDecisionWire }> => {
    const code = String(req.params.unitCode);
    const id = String(req.params.decisionId);
    const unit = UNIT_CODE.test(code) && PATH_ID.test(id) ? await findUnitByCode(db, code) : undefined;
    if (!unit || !unit.isActive) throw new NotFoundError("decision", { id });
    await decisionIn(db, unit.id, Number(id));
    return { unit, decision: await publicDecision(db, Number(id)) };
  };

  const show = async (res: Response, unit: Unit, d: PublicDecisionWire, opts: { typed?: Typed; voted?: { householdCode: string; choice: Choice } } = {}, status = 200) => {
    const parent = unit.parentId ? await findUnit(db, unit.parentId) : undefined;
    const view = {
      self: pageOf(unit.code, d.id),
      back: { href: `/u/${encodeURIComponent(unit.code)}`, name: unit.name },
      decision: { title: d.title, unitName: d.unitName, subject: DECISION_SUBJECT_NAMES[d.subject] ?? d.subject, heldOn: formatDateVi(d.heldOn), open: d.open },
      // a commune's decision is voted on by the households of its hamlets (voteOnline)
      voters: unit.kind === "hamlet" ? `các hộ trong sổ hộ của ${d.unitName}` : `các hộ trong sổ hộ của các thôn thuộc ${d.unitName}`,
      parentName: parent?.name ?? "",
      choices: CHOICES.map((value) => ({ value, label: CHOICE_NAMES[value] })),
      token: d.open && !opts.voted ? tokens.issue(purpose(d.id), now()) : "",
      typed: opts.typed ?? null,
      voted: opts.voted ? { householdCode: opts.voted.householdCode, choice: CHOICE_NAMES[opts.voted.choice] } : null,
    };
    page(res, "decision", d.title, view, status);
  };

  router.get("/u/:unitCode/decisions/:decisionId", html(async (req, res) => {
    const { unit, decision } = await decisionOf(req);
    await show(res, unit, decision);
  }));

  const urlencoded = express.urlencoded({ extended: false, limit: "16kb", parameterLimit: 10 });
  router.post("/u/:unitCode/decisions/:decisionId/vote", urlencoded, html(async (req, res) => {
    const { unit, decision } = await decisionOf(req);
    const body = (typeof req.body === "object" && req.body ? req.body : {}) as Record<string, unknown>;
    const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<string, string>;
    let vote;
    try {
      if (crossSite(req, deps.config.publicBaseUrl) || !tokens.holds(fields.token, purpose(decision.id), now())) throw new AppError(403, "form_expired");
      const householdCode = field(fields, "householdCode");
      const pin = field(fields, "pin");
      const choice = fields.choice as Choice;
      if (!CHOICES.includes(choice)) throw new AppError(400, "page_form_invalid", { why: "Hãy chọn Đồng ý, Không đồng ý hoặc Không có ý kiến." });
      if (!HOUSEHOLD_CODE.test(householdCode) || !PIN.test(pin)) throw new AppError(400, "page_form_invalid", { why: "Hãy ghi mã hộ và mã PIN 6 chữ số in trên giấy báo của hộ." });
      const actor = anonymous(req.id, req.ip ?? "unknown", now().toISOString());
      vote = await voteOnline(db, actor, deps.throttles.pins, decision.id, { householdCode, pin, choice });
    } catch (err) {
      // a 5xx is not the household's doing: the error handler answers it
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      if (err.status === 429) res.setHeader("Retry-After", String(err.params.retryAfter ?? 60));
      const typed = { householdCode: (fields.householdCode ?? "").slice(0, 40), choice: fields.choice ?? "", error: sayRefusal(err, decision.heldOn) };
      // read again: a refusal because voting closed shows the page without its form
      return show(res, unit, await publicDecision(db, decision.id), { typed }, err.status);
    }
    // The answer is this page, not a redirect: an address saying "recorded for household X" could be
    // made by anyone. Sent again (reload), it is refused as already counted.
    await show(res, unit, decision, { voted: { householdCode: vote.householdCode, choice: vote.choice } });
  }));
}

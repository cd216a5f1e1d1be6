import express, { Request, Response } from "express";
import type { Deps } from "../deps";
import { anonymous, findUnit } from "../identity";
import { COST_CATEGORY_NAMES, FINDING_STATUS_NAMES, SEVERITY_NAMES, WORK_STATUS_NAMES } from "../../reports/statements";
import { checkFeedback, checkFeedbackPhoto, oversight, PHOTO_MAX_BYTES, receiveFeedback, receiveFeedbackPhoto } from "../supervision";
import { giveOpinion, publicConsultation, publicExpensePage, publicWorkView, PUBLIC_EXPENSES, type PublicWorkView } from "../works";
import { formatDateVi, formatInstantVi } from "../shared/dates";
import { AppError, NotFoundError, ValidationError } from "../shared/errors";
import { CODE, dong, PageKit, PATH_ID } from "./pages-kit";
import { crossSite, FormTokens, readForm } from "./page-forms";
import { formField, HOUSEHOLD_CODE, PIN, refusalSentence } from "../http/page-forms";

// A work's public page, and what a resident sends from it without JavaScript: feedback with photos
// (to the supervision board) and a household's opinion in an open consultation. Each form posts to
// a page route that calls the same services as the API, with the same limits; the answer (thanks,
// or what was wrong) shows on the page, beside the form.

/** Payments a page of the work's list shows. */
export const PAYMENTS_PER_PAGE = 20;
/** Photos one feedback may carry (as the API's `photos`). */
const MAX_PHOTOS = 5;

const CHOICES = { agree: "Đồng ý", disagree: "Không đồng ý", abstain: "Không có ý kiến" } as const;
type Choice = keyof typeof CHOICES;
const ORDER = { open: 0, upcoming: 1, closed: 2 } as const;

/** What a resident typed, given back with the page that says what was wrong (never the PIN). */
interface Typed {
  feedback?: { text: string; name: string; contact: string; householdCode: string; error: string };
  opinion?: { id: number; householdCode: string; choice: string; comment: string; error: string };
}

/** A refusal said in Vietnamese words a resident understands (the API's catalog, a few in plainer words). */
function sayRefusal(err: AppError, form: "feedback" | "opinion"): string {
  const plain: Record<string, string> = {
    invalid_pin: `Mã hộ hoặc mã PIN không đúng. Hãy xem lại giấy báo mã PIN của hộ${form === "feedback" ? ", hoặc gửi mà không ghi mã hộ" : ""}.`,
    unsupported_file_type: "Chỉ nhận ảnh JPEG, PNG hoặc WebP. Hãy chọn lại ảnh.",
    invalid_image: "Không đọc được ảnh (tệp hỏng). Chỉ nhận ảnh JPEG, PNG hoặc WebP: hãy chọn lại ảnh.",
    file_too_large: `Mỗi ảnh tối đa ${PHOTO_MAX_BYTES / 1024 / 1024} MB. Hãy chọn ảnh nhỏ hơn.`,
    too_many_photos: `Gửi tối đa ${MAX_PHOTOS} ảnh một lần.`,
    form_expired: "Trang đã mở quá lâu hoặc không phải trang của hệ thống. Nội dung vẫn còn dưới đây: hãy bấm gửi lại.",
  };
  return plain[err.code] ?? refusalSentence(err);
}

const field = formField;

/** Adds the work's page and its forms to the public pages' router (where the route table sees them). */
export function workPages(deps: Deps, kit: PageKit, router: express.Router): void {
  const { db } = deps;
  const { page, html } = kit;
  const tokens = new FormTokens();
  const now = () => deps.clock.now();
  const actorOf = (req: Request) => anonymous(req.id, req.ip ?? "unknown", now().toISOString());

  /** The work the address names, or 404 (a work of another unit is not found under this unit). */
  const workOf = async (req: Request): Promise<PublicWorkView> => {
    const code = String(req.params.unitCode);
    const workId = String(req.params.workId);
    if (!CODE.test(code) || !PATH_ID.test(workId)) throw new NotFoundError("work", { id: workId });
    const w = await publicWorkView(db, Number(workId), now().toISOString(), oversight);
    if (w.unit.code !== code) throw new NotFoundError("work", { id: workId });
    return w;
  };
  const home = (w: PublicWorkView) => `/u/${encodeURIComponent(w.unit.code)}/works/${w.id}`;

  const show = async (req: Request, res: Response, w: PublicWorkView, typed: Typed = {}, status = 200) => {
    const when = (d: string | null) => (d ? formatDateVi(d) : "");
    const pages = Math.max(1, Math.ceil(w.expensesTotal / PAYMENTS_PER_PAGE));
    const asked = typeof req.query.page === "string" && PATH_ID.test(req.query.page) ? Number(req.query.page) : 1;
    const at = Math.min(asked, pages);
    const shown = at * PAYMENTS_PER_PAGE <= PUBLIC_EXPENSES ? w.expenses.slice((at - 1) * PAYMENTS_PER_PAGE, at * PAYMENTS_PER_PAGE) : (await publicExpensePage(db, w.id, at, PAYMENTS_PER_PAGE)).data;
    const sent = typeof req.query.sent === "string" ? req.query.sent : "";
    const view = {
      unit: w.unit,
      self: home(w),
      work: {
        name: w.name,
        location: w.location ?? "",
        category: w.category ?? "",
        description: w.description ?? "",
        contractor: w.contractor ?? "",
        selfBuilt: w.selfBuilt,
        status: WORK_STATUS_NAMES[w.status] ?? w.status,
        progress: w.progress,
        planned: [when(w.plannedStart), when(w.plannedEnd)].filter(Boolean).join(" – "),
        actual: [when(w.actualStart), when(w.actualEnd)].filter(Boolean).join(" – "),
      },
      totals: {
        planned: dong(w.budget.totals.planned), received: dong(w.budget.totals.received), spent: dong(w.budget.totals.spent), remaining: dong(w.budget.totals.remaining), overspent: w.budget.totals.overspent,
        paid: dong(w.budget.totals.paid), owed: dong(w.budget.totals.owed), owes: w.budget.totals.owed !== "0", balance: dong(w.budget.totals.balance),
      },
      byCategory: w.budget.byCategory.map((c) => ({ name: COST_CATEGORY_NAMES[c.category] ?? c.category, planned: dong(c.planned), spent: dong(c.spent) })),
      payments: {
        total: w.expensesTotal,
        page: at,
        pages,
        rows: shown.map((e) => ({
          date: formatDateVi(e.date), voucherNo: e.voucherNo, payee: e.payee, purpose: e.description ?? "", category: e.category ? COST_CATEGORY_NAMES[e.category] ?? "" : "",
          amount: dong(e.amount), negative: e.amount.startsWith("-"),
        })),
      },
      progress: w.progressUpdates.map((p) => ({ date: when(p.date), percent: p.percent, note: p.note ?? "" })),
      // open first, then those still to open, then the closed ones; newest first within each
      consultations: [...w.consultations]
        .sort((a, b) => (a.status === b.status ? b.opensAt.localeCompare(a.opensAt) : ORDER[a.status] - ORDER[b.status]))
        .map((c) => ({
          id: c.id, question: c.question, open: c.status === "open", upcoming: c.status === "upcoming", closesAt: formatInstantVi(c.closesAt), opensAt: formatInstantVi(c.opensAt),
          documents: c.documents.map((d, i) => ({ url: d.url, name: `Tài liệu ${i + 1} (${d.mime === "application/pdf" ? "PDF" : "ảnh"}, ${Math.max(1, Math.round(d.size / 1024))} kB)` })),
          tally: c.tally, result: c.result ? { inFavour: c.result.outcome === "in_favour", opinions: c.result.opinions } : null,
          token: c.status === "open" ? tokens.issue(`opinion:${c.id}`, now()) : "",
          typed: typed.opinion?.id === c.id ? typed.opinion : null,
          thanks: sent === `opinion-${c.id}`,
          // The commune's published response to the opinions (works shows only a published one here).
          response: c.response ? { summary: c.response.summary, items: c.response.items, publishedAt: formatInstantVi(c.response.publishedAt ?? c.response.updatedAt), by: c.response.publishedBy ?? "" } : null,
        })),
      choices: Object.entries(CHOICES).map(([value, label]) => ({ value, label })),
      feedbackForm: { token: tokens.issue(`feedback:${w.id}`, now()), typed: typed.feedback ?? null, thanks: sent === "feedback", maxPhotos: MAX_PHOTOS, maxMb: PHOTO_MAX_BYTES / 1024 / 1024 },
      findings: w.findings,
      inspections: w.inspections.map((i) => ({
        id: i.id,
        board: i.board?.name ?? "",
        date: when(i.date),
        publishedOn: i.publishedAt ? formatInstantVi(i.publishedAt) : "",
        findings: i.findings.map((f) => ({
          id: f.id,
          category: f.category,
          severity: SEVERITY_NAMES[f.severity] ?? f.severity,
          description: f.description,
          recommendation: f.recommendation,
          addressedTo: f.addressedTo,
          dueDate: when(f.dueDate),
          status: FINDING_STATUS_NAMES[f.status] ?? f.status,
          statusKey: f.status,
          overdue: f.overdue,
          timeline: f.transitions.map((t) => ({ status: FINDING_STATUS_NAMES[t.to] ?? t.to, text: t.text, at: formatInstantVi(t.at) })),
        })),
        addenda: i.addenda.map((a) => ({ text: a.text, at: formatInstantVi(a.at) })),
      })),
      feedback: w.feedback.map((f) => ({ text: f.text, answer: f.answer ?? "", receivedOn: formatInstantVi(f.receivedAt), answeredOn: f.answeredAt ? formatInstantVi(f.answeredAt) : "", late: f.answeredLate })),
    };
    page(res, "work", w.name, view, status);
  };

  router.get("/u/:unitCode/works/:workId", html(async (req, res) => show(req, res, await workOf(req))));

  // A staff screen's link to a consultation opens it on its work's page.
  router.get("/consultations/:consultationId", html(async (req, res) => {
    const id = String(req.params.consultationId);
    if (!PATH_ID.test(id)) throw new NotFoundError("consultation", { id });
    const c = await publicConsultation(db, Number(id), now().toISOString());
    const unit = await findUnit(db, c.unitId);
    if (!unit || !unit.isActive) throw new NotFoundError("consultation", { id });
    res.redirect(302, `/u/${encodeURIComponent(unit.code)}/works/${c.workId}#y-kien-${c.id}`);
  }));

  /** Answers a refused form with the page, what was typed and why (a 5xx is not the resident's doing). */
  const refused = async (req: Request, res: Response, w: PublicWorkView, err: unknown, typed: (why: string) => Typed) => {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const why = err.code === "page_form_invalid" ? String(err.params.why) : sayRefusal(err, typed("").feedback ? "feedback" : "opinion");
    if (err.status === 429) res.setHeader("Retry-After", String(err.params.retryAfter ?? 60));
    await show(req, res, w, typed(why), err.status);
  };

  router.post("/u/:unitCode/works/:workId/feedback", html(async (req, res) => {
    const w = await workOf(req);
    const actor = actorOf(req);
    let fields: Record<string, string> = {};
    let photosSent = 0;
    // a page cannot give the chosen photos back: the resident is told to choose them again
    const typed = (why: string): Typed => ({
      feedback: { text: fields.text ?? "", name: fields.name ?? "", contact: fields.contact ?? "", householdCode: fields.householdCode ?? "", error: photosSent ? `${why} Hãy chọn lại ảnh trước khi gửi.` : why },
    });
    try {
      if (crossSite(req, deps.config.publicBaseUrl)) throw new AppError(403, "form_expired");
      const form = await readForm(req, { field: "photos", maxFiles: MAX_PHOTOS, maxFileBytes: PHOTO_MAX_BYTES });
      fields = form.fields;
      photosSent = form.files.length;
      if (!tokens.holds(fields.token, `feedback:${w.id}`, now())) throw new AppError(403, "form_expired");
      const text = field(fields, "text", true);
      const name = field(fields, "name");
      const contact = field(fields, "contact");
      const householdCode = field(fields, "householdCode");
      const pin = field(fields, "pin");
      if (!text) throw new AppError(400, "page_form_invalid", { why: "Hãy viết nội dung phản ánh." });
      if (text.length > 4000) throw new AppError(400, "page_form_invalid", { why: "Nội dung dài quá 4.000 ký tự: hãy viết ngắn lại." });
      if (name.length > 200 || contact.length > 200) throw new AppError(400, "page_form_invalid", { why: "Họ tên và cách liên lạc, mỗi mục tối đa 200 ký tự." });
      if (householdCode && !HOUSEHOLD_CODE.test(householdCode)) throw new AppError(400, "page_form_invalid", { why: "Mã hộ chỉ gồm chữ không dấu, số và các dấu . _ / - (ví dụ DT-012)." });
      if (pin && !PIN.test(pin)) throw new AppError(400, "page_form_invalid", { why: "Mã PIN gồm đúng 6 chữ số." });
      if (Boolean(householdCode) !== Boolean(pin)) throw new AppError(400, "page_form_invalid", { why: "Ghi cả mã hộ và mã PIN, hoặc để trống cả hai." });
      const input = { text, ...(name ? { name } : {}), ...(contact ? { contact } : {}), ...(householdCode ? { householdCode, pin } : {}) };
      // Everything slow (the PIN's hash, each photo's re-encoding) before the one write transaction.
      const checked = await checkFeedback(db, actor, { byAddress: deps.throttles.feedbackByAddress, pins: deps.throttles.pins }, w.id, input);
      const photos: Awaited<ReturnType<typeof checkFeedbackPhoto>>[] = [];
      for (const file of form.files) photos.push(await checkFeedbackPhoto(db, actor, deps.throttles.feedbackPhotosByAddress, w.id, async () => file));
      await db.transaction(async (trx) => {
        const stored = [];
        for (const p of photos) stored.push(await receiveFeedbackPhoto(trx, actor, p, deps.config.filesDir));
        const uploaded = stored.map((s) => ({ attachment_id: s.id, unit_id: w.unitId, work_id: w.id, feedback_id: null, created_at: actor.at }));
        await receiveFeedback(trx, actor, { ...checked, photos: stored.map((s) => s.id), uploaded, input: { ...input, photos: stored.map((s) => s.id) } });
      });
    } catch (err) {
      if (err instanceof ValidationError) return refused(req, res, w, new AppError(400, "page_form_invalid", { why: "Hãy xem lại nội dung đã ghi." }), typed);
      return refused(req, res, w, err, typed);
    }
    res.redirect(303, `${home(w)}?sent=feedback#gui-phan-anh`);
  }));

  const urlencoded = express.urlencoded({ extended: false, limit: "16kb", parameterLimit: 10 });
  router.post("/u/:unitCode/works/:workId/consultations/:consultationId/opinion", urlencoded, html(async (req, res) => {
    const w = await workOf(req);
    const id = String(req.params.consultationId);
    const c = PATH_ID.test(id) ? w.consultations.find((x) => x.id === Number(id)) : undefined;
    if (!c) throw new NotFoundError("consultation", { id });
    const body = (typeof req.body === "object" && req.body ? req.body : {}) as Record<string, unknown>;
    const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<string, string>;
    const typed = (why: string): Typed => ({ opinion: { id: c.id, householdCode: fields.householdCode ?? "", choice: fields.choice ?? "", comment: fields.comment ?? "", error: why } });
    try {
      if (crossSite(req, deps.config.publicBaseUrl) || !tokens.holds(fields.token, `opinion:${c.id}`, now())) throw new AppError(403, "form_expired");
      const householdCode = field(fields, "householdCode");
      const pin = field(fields, "pin");
      const comment = field(fields, "comment", true);
      const choice = fields.choice as Choice;
      if (!(choice in CHOICES)) throw new AppError(400, "page_form_invalid", { why: "Hãy chọn Đồng ý, Không đồng ý hoặc Không có ý kiến." });
      if (!HOUSEHOLD_CODE.test(householdCode) || !PIN.test(pin)) throw new AppError(400, "page_form_invalid", { why: "Hãy ghi mã hộ và mã PIN 6 chữ số in trên giấy báo của hộ." });
      if (comment.length > 2000) throw new AppError(400, "page_form_invalid", { why: "Góp ý dài quá 2.000 ký tự: hãy viết ngắn lại." });
      await giveOpinion(db, actorOf(req), deps.throttles.pins, c.id, { householdCode, pin, choice, ...(comment ? { comment } : {}) });
    } catch (err) {
      return refused(req, res, w, err, typed);
    }
    res.redirect(303, `${home(w)}?sent=opinion-${c.id}#y-kien-${c.id}`);
  }));
}

import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import express, { Request, Response } from "express";
import { Eta } from "eta";
import type { Deps } from "../deps";
import { readUpload } from "../http/upload";
import { findUnit, findUnitByCode, listPublicUnits } from "../identity";
import { COST_CATEGORY_NAMES, FINDING_STATUS_NAMES, PLACE_NAMES, SEVERITY_NAMES, STATEMENTS, StatementKind, WORK_STATUS_NAMES } from "../../reports/statements";
import { oversight } from "../supervision";
import { publicWorksView, publicWorkView } from "../works";
import { formatDateVi, formatInstantVi } from "../shared/dates";
import { AppError } from "../shared/errors";
import { formatDong, fromDb, parseDong } from "../shared/money";
import * as svc from "./service";
import * as ledger from "../ledger";

// The public pages: server-rendered Vietnamese HTML, readable on a cheap phone, no build
// step. Every value goes through the template engine's escaping (eta, autoEscape: & < > " ' only;
// Vietnamese letters are written as they are): nothing here escapes by hand.

/**
 * The public pages' policy, as strict as /app's: their one stylesheet, no script at all, no inline
 * style or script, forms only back to this site, never in a frame.
 */
export const PUBLIC_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

// The stylesheet under a name that carries its content hash: a changed sheet is a new name, so
// browsers may keep it for a year.
const CSS = fs.readFileSync(path.join(__dirname, "views", "public.css"));
const CSS_PATH = `/assets/public-${crypto.createHash("sha256").update(CSS).digest("hex").slice(0, 12)}.css`;

const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const HASH = /^[0-9a-fA-F]{64}$/;

export function publicPages(deps: Deps): express.Router {
  const { db } = deps;
  const eta = new Eta({ views: path.join(__dirname, "views"), autoEscape: true, cache: true });
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader("Content-Security-Policy", PUBLIC_CSP);
    next();
  });
  router.get(CSS_PATH, (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.type("text/css; charset=utf-8").send(CSS);
  });

  // A work's page shows exactly what GET /api/v1/public/works/:workId (and the unit's list) give a
  // resident: the same reads of works, with supervision's part of them.
  const publicWorks = (unitId: number) => publicWorksView(db, unitId, deps.clock.now().toISOString(), oversight);
  const publicWork = (workId: number) => publicWorkView(db, workId, deps.clock.now().toISOString(), oversight);
  const dong = (s: string | null | undefined) => (s === null || s === undefined ? "" : formatDong(fromDb(s)));

  const page = (res: Response, view: string, title: string, data: object, status = 200) => {
    const body = eta.render(view, data);
    res.status(status).type("text/html; charset=utf-8").send(eta.render("layout", { title, body, css: CSS_PATH }));
  };
  // A refused page answers as a page (the API answers problem+json).
  const html = (fn: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const status = err.status;
      page(res, "verify", "Không tìm thấy", { notFound: status === 404, code: null, result: status === 404 ? null : { genuine: false }, reason: err.code }, status);
    }
  };

  router.get("/", html(async (_req, res) => {
    const units = await listPublicUnits(db);
    const byId = new Map(units.map((u) => [u.id, u]));
    const communes = units
      .filter((u) => u.kind === "commune")
      .map((c) => ({
        code: c.code,
        name: c.name,
        province: c.parentId ? byId.get(c.parentId)?.name ?? null : null,
        hamlets: units.filter((h) => h.kind === "hamlet" && h.parentId === c.id).map((h) => ({ code: h.code, name: h.name })),
      }));
    page(res, "home", "Các xã, thôn", { communes });
  }));

  router.get("/u/:unitCode", html(async (req, res) => {
    const code = String(req.params.unitCode);
    const unit = CODE.test(code) ? await findUnitByCode(db, code) : undefined;
    if (!unit || !unit.isActive) throw new AppError(404, "not_found", { entity: "unit" });
    const parent = unit.parentId ? await findUnit(db, unit.parentId) : undefined;
    const publications = (await svc.listPublished(db, unit.id)).map((p) => ({
      id: p.id,
      code: p.code,
      title: STATEMENTS[p.kind as StatementKind]?.title.vi ?? p.kind,
      subject: p.subject ?? "",
      publishedOn: p.publishedAt ? formatInstantVi(p.publishedAt) : "",
      postedFrom: formatDateVi(p.postedFrom),
      postedUntil: formatDateVi(p.postedUntil),
      places: p.places.map((x) => PLACE_NAMES[x] ?? x).join(", "),
      dataHash: p.dataHash,
      supersedes: p.supersedes,
      supersededBy: p.supersededBy,
      postings: p.postings.map((s) => ({
        place: PLACE_NAMES[s.place] ?? s.place,
        postedAt: formatInstantVi(s.postedAt),
        by: s.by,
        takenDownAt: s.takenDownAt ? formatInstantVi(s.takenDownAt) : null,
        removedEarly: s.removedEarly,
        minimumUntil: formatDateVi(s.minimumUntil),
      })),
    }));
    const works = (await publicWorks(unit.id)).data.map((w) => ({
      id: w.id,
      name: w.name,
      status: WORK_STATUS_NAMES[w.status] ?? w.status,
      progress: w.progress,
      estimated: dong(w.estimated),
      spent: dong(w.spent),
      raised: dong(w.raised),
      paid: dong(w.paid),
      findingsOpen: w.findings.open,
      findingsOverdue: w.findings.overdue,
    }));
    const head = await ledger.publicChainHead(db, unit.id);
    const chainHead = { ...head, atVi: head.at ? formatInstantVi(head.at) : "" };
    page(res, "unit", unit.name, { unit, parent, publications, works, chainHead });
  }));

  router.get("/u/:unitCode/works/:workId", html(async (req, res) => {
    const code = String(req.params.unitCode);
    const workId = String(req.params.workId);
    if (!CODE.test(code) || !/^[1-9][0-9]{0,9}$/.test(workId)) throw new AppError(404, "not_found", { entity: "work" });
    const w = await publicWork(Number(workId));
    // The address names the unit: a work of another unit is not found here.
    if (w.unit.code !== code) throw new AppError(404, "not_found", { entity: "work" });
    const when = (d: string | null) => (d ? formatDateVi(d) : "");
    const view = {
      unit: w.unit,
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
      progress: w.progressUpdates.map((p) => ({ date: when(p.date), percent: p.percent, note: p.note ?? "" })),
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
    page(res, "work", w.name, view);
  }));

  const REASONS: Record<string, string> = {
    hash: "mã băm không trùng với bản đã công bố (nội dung đã bị thay đổi, hoặc mã băm nhập sai).",
    hash_differs: "dữ liệu trong tệp khác với bản đã công bố.",
    bytes_differ: "tệp đã bị sửa: nội dung không còn trùng từng byte với bản đã công bố.",
    not_published: "đây là bản trích xuất nội bộ, chưa được công bố.",
    not_a_statement: "tệp này không phải bản công khai của hệ thống.",
  };

  // The headline figures as the paper should print them (1.250.000 đồng), to be compared by eye.
  const figures = (fs: svc.Verification["figures"]) => (fs ?? []).map((f) => ({ label: f.label, value: "amount" in f ? `${formatDong(parseDong(f.amount))} đồng` : f.text }));
  const now = () => deps.clock.now().toISOString();

  // `status`: what a code alone says (no hash given: nothing of the copy checked).
  const result = async (res: Response, code: string | null, hash: string | null, v: svc.Verification | null, reason?: string, status?: Omit<svc.Verification, "genuine">) => {
    const unit = v?.unit ?? status?.unit ?? (code ? (await svc.findPublishedByCode(db, code))?.unit : undefined);
    const published = v?.publishedAt ?? status?.publishedAt;
    page(res, "verify", "Kiểm tra bản công khai", {
      code,
      hash,
      result: v,
      status: status ?? null,
      figures: figures(v?.figures ?? status?.figures),
      reason: REASONS[reason ?? v?.reason ?? "hash"] ?? reason,
      publishedOn: published ? formatInstantVi(published) : "",
      receipt: v?.receipt ? { ...v.receipt, date: formatDateVi(v.receipt.date), amount: formatDong(fromDb(v.receipt.amount)) } : null,
      unitCode: unit?.code ?? null,
    });
  };

  // The box a resident types a code into (the unit's page, this page): a plain GET form, no script.
  router.get("/verify", html(async (req, res) => {
    const typed = typeof req.query.code === "string" ? req.query.code.slice(0, 64) : "";
    if (!typed.trim()) return page(res, "verify", "Kiểm tra bản công khai", { askCode: true });
    const hash = typeof req.query.hash === "string" && HASH.test(req.query.hash.trim()) ? `?hash=${req.query.hash.trim().toLowerCase()}` : "";
    res.redirect(303, `/verify/${encodeURIComponent(svc.normalizeCode(typed))}${hash}`);
  }));

  router.get("/verify/:code", html(async (req, res) => {
    const raw = String(req.params.code);
    const hash = typeof req.query.hash === "string" && HASH.test(req.query.hash) ? req.query.hash.toLowerCase() : null;
    if (raw === "not-published") return page(res, "verify", "Bản chưa công bố", { notPublished: true, code: raw, hash });
    // any case, spaces or dashes as typed: the page answers under the code as printed
    const code = svc.normalizeCode(raw);
    if (code !== raw && CODE.test(code)) return res.redirect(302, `/verify/${encodeURIComponent(code)}${hash ? `?hash=${hash}` : ""}`);
    if (/^R-/.test(code)) return result(res, code, hash, await svc.verifyCode(db, code, hash ?? "", now()));
    if (!CODE.test(code) || !(await svc.findPublishedByCode(db, code))) return page(res, "verify", "Không tìm thấy", { notFound: true, code }, 404);
    if (!hash) return result(res, code, null, null, undefined, await svc.statusOfCode(db, code, now()));
    await result(res, code, hash, await svc.verifyCode(db, code, hash, now()));
  }));

  router.post("/verify", html(async (req, res) => {
    const file = await readUpload(req, { maxBytes: 20 * 1024 * 1024 });
    try {
      const v = await svc.verifyPdf(db, file.bytes, now());
      await result(res, v.code ?? null, null, v);
    } catch (err) {
      if (err instanceof AppError && err.code === "not_a_statement") return result(res, null, null, { genuine: false }, "not_a_statement");
      throw err;
    }
  }));
  return router;
}

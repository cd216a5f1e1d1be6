import express, { Response } from "express";
import type { Deps } from "../deps";
import { readUpload } from "../http/upload";
import { findUnit, findUnitByCode, listPublicUnits } from "../identity";
import { PLACE_NAMES, STATEMENTS, StatementKind, WORK_STATUS_NAMES } from "../../reports/statements";
import { oversight } from "../supervision";
import { publicWorksView } from "../works";
import { formatDateVi, formatInstantVi } from "../shared/dates";
import { AppError } from "../shared/errors";
import { formatDong, fromDb, parseDong } from "../shared/money";
import * as svc from "./service";
import * as ledger from "../ledger";
import { CODE, CSS, CSS_PATH, dong, pageKit, PUBLIC_CSP } from "./pages-kit";
import { workPages } from "./pages-work";
import { decisionPages, openVoteLinks } from "../decisions";
import { canSubscribe, notifyPages } from "../notify";

// The public pages: server-rendered Vietnamese HTML, readable on a cheap phone, no build step, no
// script. This file: the home page, a unit's page, the verification pages; pages-work.ts: a work's
// page and its forms.

export { PUBLIC_CSP } from "./pages-kit";

const HASH = /^[0-9a-fA-F]{64}$/;

export function publicPages(deps: Deps): express.Router {
  const { db } = deps;
  const { page, html } = pageKit();
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader("Content-Security-Policy", PUBLIC_CSP);
    next();
  });
  router.get(CSS_PATH, (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.type("text/css; charset=utf-8").send(CSS);
  });

  // A unit's works as GET /api/v1/public/units/:unitId/works gives them to a resident: the same read.
  const publicWorks = (unitId: number) => publicWorksView(db, unitId, deps.clock.now().toISOString(), oversight);

  // The headline figures as the paper prints them (1.250.000 đồng): read on the unit's page, compared
  // by eye with the paper on the verification page.
  const figures = (fs: svc.Verification["figures"] | null) => (fs ?? []).map((f) => ({ label: f.label, value: "amount" in f ? `${formatDong(parseDong(f.amount))} đồng` : f.text, negative: "amount" in f && f.amount.startsWith("-") }));

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
      publishBy: formatDateVi(p.publishBy),
      late: p.late,
      places: p.places.map((x) => PLACE_NAMES[x] ?? x).join(", "),
      dataHash: p.dataHash,
      figures: figures(p.figures),
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
    // decisions its households may vote on online now, each linking its page (decisions/pages.ts)
    const votes = await openVoteLinks(db, unit.id);
    const head = await ledger.publicChainHead(db, unit.id);
    const chainHead = { ...head, atVi: head.at ? formatInstantVi(head.at) : "" };
    // A hamlet leads back to its commune; a commune to the home page, which lists the communes.
    const back = unit.kind === "hamlet" && parent ? { href: `/u/${encodeURIComponent(parent.code)}`, name: parent.name } : { href: "/", name: "Các xã, thôn" };
    // The card to subscribe only where a message can be sent; withdrawing stays on each message's link.
    page(res, "unit", unit.name, { unit, parent, back, publications, works, chainHead, votes, subscribe: canSubscribe(deps) });
  }));

  workPages(deps, { page, html }, router);
  decisionPages(deps, { page, html }, router);
  notifyPages(deps, { page, html }, router);

  const REASONS: Record<string, string> = {
    hash: "mã băm không trùng với bản đã công bố (nội dung đã bị thay đổi, hoặc mã băm nhập sai).",
    hash_differs: "dữ liệu trong tệp khác với bản đã công bố.",
    bytes_differ: "tệp đã bị sửa: nội dung không còn trùng từng byte với bản đã công bố.",
    not_published: "đây là bản trích xuất nội bộ, chưa được công bố.",
    not_a_statement: "tệp này không phải bản công khai của hệ thống.",
  };

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
      unitName: unit?.name ?? "",
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

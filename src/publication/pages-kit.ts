import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Eta } from "eta";
import type { PageKit } from "../http/page-kit";
import { AppError } from "../shared/errors";
import { formatDong, fromDb } from "../shared/money";

export type { PageKit };

// What every public page shares: the template engine (eta, autoEscape: & < > " ' only; Vietnamese
// letters are written as they are, nothing is escaped by hand), the stylesheet, and the answer of
// a refused page.

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
export const CSS = fs.readFileSync(path.join(__dirname, "views", "public.css"));
export const CSS_PATH = `/assets/public-${crypto.createHash("sha256").update(CSS).digest("hex").slice(0, 12)}.css`;

/** A unit code or a path id as the addresses carry them. */
export { UNIT_CODE as CODE, PATH_ID } from "../http/page-forms";

/** An amount of the database as a resident reads it (1.250.000), empty for none. */
export const dong = (s: string | null | undefined) => (s === null || s === undefined ? "" : formatDong(fromDb(s)));


export function pageKit(): PageKit {
  const eta = new Eta({ views: path.join(__dirname, "views"), autoEscape: true, cache: true });
  const page: PageKit["page"] = (res, view, title, data, status = 200) => {
    const body = eta.render(view, data);
    res.status(status).type("text/html; charset=utf-8").send(eta.render("layout", { title, body, css: CSS_PATH }));
  };
  const html: PageKit["html"] = (fn) => async (req, res) => {
    try {
      await fn(req, res);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const status = err.status;
      page(res, "verify", "Không tìm thấy", { notFound: status === 404, code: null, result: status === 404 ? null : { genuine: false }, reason: err.code }, status);
    }
  };
  return { page, html };
}

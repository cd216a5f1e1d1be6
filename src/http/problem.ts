import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import { AppError, TooManyRequestsError } from "../shared/errors";
import { translateDbError } from "../db/errors";
import { Lang, fieldMessage, problemText } from "./messages";
import type { Logger } from "./logger";
import type { ProblemWire } from "./wire";

export function langOf(req: Request): Lang {
  const h = req.headers["accept-language"];
  return typeof h === "string" && /^\s*en\b/i.test(h) ? "en" : "vi";
}

/** What body-parser and http-errors put on what they throw (any of it may be missing). */
interface HttpErrorLike {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
}

/** Normalises anything thrown into AppError; what is not ours becomes a 500 `internal`. */
function normalise(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e: HttpErrorLike = typeof err === "object" && err !== null ? err : {};
  if (e.type === "entity.parse.failed") return new AppError(400, "malformed_json");
  if (e.type === "entity.too.large") return new AppError(413, "payload_too_large", { limit: "1 MB" });
  if (e.type === "charset.unsupported" || e.type === "encoding.unsupported") return new AppError(415, "unsupported_media_type");
  const db = translateDbError(err);
  if (db) return db;
  // What express or body-parser refused on its own (a body that does not decompress, a path that
  // is not valid percent-encoding) is the client's mistake: a 4xx, never a 500.
  const status = Number(e.status ?? e.statusCode);
  if (status >= 400 && status < 500 && (e.expose === true || err instanceof URIError)) return new AppError(status, "bad_request");
  return new AppError(500, "internal");
}

/** Last in the chain: writes application/problem+json (RFC 9457) in the caller's language. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = normalise(err);
    const lang = langOf(req);
    if (e.status >= 500) logger.error("request failed", { requestId: req.id, err: err?.stack ?? String(err) });
    const { title, detail } = problemText(e.code, lang, e.params);
    const body: ProblemWire = {
      type: `/problems/${e.code}`,
      title,
      status: e.status,
      detail,
      instance: req.id,
      code: e.code,
    };
    // Stable, non-sensitive params travel with the problem (e.g. state, allowed, findingId);
    // a 500 carries nothing.
    if (e.status < 500) {
      for (const [k, v] of Object.entries(e.params)) if (!(k in body) && k !== "detail") body[k] = v;
    }
    if (e.errors) {
      body.errors = e.errors.map((f) => ({
        path: f.path,
        code: f.code,
        message: f.message ?? fieldMessage(f.code, lang, f.params as Record<string, unknown>),
      }));
    }
    if (e instanceof TooManyRequestsError) res.setHeader("Retry-After", String(e.retryAfterSeconds));
    res.status(e.status).type("application/problem+json").send(JSON.stringify(body));
  };
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new AppError(404, "route_not_found", { method: req.method, path: req.path }));
};

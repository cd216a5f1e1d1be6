import crypto from "node:crypto";
import busboy from "busboy";
import type { Request } from "express";
import type { Upload } from "../http/upload";
import { AppError } from "../shared/errors";
import { nfc } from "../shared/text";

// The public pages' own forms (a resident's feedback, an opinion): HTML forms posted without
// JavaScript, so their answers are pages too. Two guards make a post from another site fail: the
// browser's own word on where it comes from (Sec-Fetch-Site, Origin), and a token the page put in
// the form, signed by this server and bound to the form's purpose and subject.

/** Fields and photos of a posted form. */
export interface PostedForm {
  fields: Record<string, string>;
  files: Upload[];
}

const FIELD_BYTES = 8 * 1024;

/**
 * Reads a multipart form: its text fields (each ≤ 8 kB) and up to `maxFiles` files of `field`
 * (each ≤ `maxFileBytes`: 413 file_too_large beyond). A file input left empty sends no file.
 */
export function readForm(req: Request, opts: { field: string; maxFiles: number; maxFileBytes: number }): Promise<PostedForm> {
  return new Promise((resolve, reject) => {
    if (!/^multipart\/form-data/i.test(req.headers["content-type"] ?? "")) return reject(new AppError(415, "unsupported_media_type"));
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, defParamCharset: "utf8", limits: { files: opts.maxFiles + 1, fileSize: opts.maxFileBytes, fields: 20, parts: 30, fieldSize: FIELD_BYTES } });
    } catch {
      return reject(new AppError(400, "malformed_upload", { reason: "no_boundary" }));
    }
    const fields: Record<string, string> = {};
    const files: Upload[] = [];
    let failed: AppError | undefined;
    let settled = false;
    const stop = (err: AppError) => {
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      bb.destroy();
      if (!req.destroyed) req.resume();
      reject(err);
    };
    bb.on("field", (name, value) => {
      if (!(name in fields)) fields[name] = value;
    });
    bb.on("file", (name, stream, info) => {
      stream.on("error", () => stop(new AppError(400, "malformed_upload", { reason: "ends_inside_file" })));
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => {
        if (name === opts.field && !failed) chunks.push(c);
      });
      stream.on("limit", () => {
        failed ??= new AppError(413, "file_too_large", { limit: `${Math.round(opts.maxFileBytes / 1024 / 1024)} MB` });
        chunks.length = 0;
      });
      stream.on("end", () => {
        const bytes = Buffer.concat(chunks);
        if (name !== opts.field || failed || !bytes.length) return;
        if (files.length >= opts.maxFiles) failed ??= new AppError(400, "too_many_photos", { limit: opts.maxFiles });
        else files.push({ bytes, filename: nfc(info.filename ?? "").slice(0, 200), declaredType: info.mimeType ?? "" });
      });
    });
    bb.on("filesLimit", () => (failed ??= new AppError(400, "too_many_photos", { limit: opts.maxFiles })));
    bb.on("error", () => stop(new AppError(400, "malformed_upload", { reason: "does_not_parse" })));
    bb.on("close", () => {
      if (settled) return;
      settled = true;
      if (failed) reject(failed);
      else resolve({ fields, files });
    });
    req.pipe(bb);
  });
}

/** How long a page's form may be sent after the page was opened. */
const TOKEN_MS = 6 * 60 * 60_000;

/** Signs and checks the forms' tokens with a key of this process (a restart asks to send again). */
export class FormTokens {
  private readonly key = crypto.randomBytes(32);

  private sign(purpose: string, at: number): string {
    return crypto.createHmac("sha256", this.key).update(`${purpose}|${at}`).digest("base64url");
  }

  /** A token for the form of `purpose` (e.g. "feedback:12"), made at the instant `now`. */
  issue(purpose: string, now: Date): string {
    const at = now.getTime();
    return `${at.toString(36)}.${this.sign(purpose, at)}`;
  }

  /** Whether `token` was issued here for `purpose` within the last hours. */
  holds(token: string | undefined, purpose: string, now: Date): boolean {
    const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? "");
    if (!m) return false;
    const at = parseInt(m[1], 36);
    const age = now.getTime() - at;
    if (!(age >= -60_000 && age <= TOKEN_MS)) return false;
    const want = Buffer.from(this.sign(purpose, at));
    const got = Buffer.from(m[2]);
    return got.length === want.length && crypto.timingSafeEqual(got, want);
  }
}

/**
 * Whether the browser says the post comes from another site. A page's own post says same-origin
 * (Sec-Fetch-Site) or names this host (Origin); the public pages send no referrer, so a browser
 * may send "Origin: null" for them, which says nothing either way.
 */
export function crossSite(req: Request, publicBaseUrl: string): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") return true;
  const origin = req.headers.origin;
  if (!origin || origin === "null") return false;
  try {
    const host = new URL(origin).host;
    return host !== req.headers.host && host !== new URL(publicBaseUrl).host;
  } catch {
    return true;
  }
}

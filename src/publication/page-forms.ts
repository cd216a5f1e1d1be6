import busboy from "busboy";
import type { Request } from "express";
import type { Upload } from "../http/upload";
import { AppError } from "../shared/errors";
import { nfc } from "../shared/text";

// The public pages' own forms (a resident's feedback, an opinion): HTML forms posted without
// JavaScript, so their answers are pages too. Two guards make a post from another site fail
// (src/http/page-forms.ts): the browser's own word on where it comes from, and a signed form token.

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

// The form token and the cross-site check serve notify's pages too: they live in src/http.
export { crossSite, FormTokens } from "../http/page-forms";

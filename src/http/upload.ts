import busboy from "busboy";
import type { Request } from "express";
import { AppError, ValidationError } from "../shared/errors";

// One uploaded file from a multipart/form-data request, read into memory up to `maxBytes`.
// busboy stops counting at the limit and we answer 413 without reading the rest into memory.
// The file's name and declared type are kept only as information: callers decide by content.

export interface Upload {
  bytes: Buffer;
  filename: string;
  declaredType: string;
}

// `preservePath`: keep the directory part of the file name as sent ("../../x.jpg"), so that a caller
// can refuse it; busboy otherwise strips it silently.
export function readUpload(req: Request, opts: { field?: string; maxBytes: number; preservePath?: boolean }): Promise<Upload> {
  const field = opts.field ?? "file";
  return new Promise((resolve, reject) => {
    const type = req.headers["content-type"] ?? "";
    if (!/^multipart\/form-data/i.test(type)) {
      return reject(new AppError(415, "unsupported_media_type"));
    }
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, preservePath: opts.preservePath ?? false, limits: { files: 1, fileSize: opts.maxBytes, fields: 10, parts: 12, fieldSize: 1024 } });
    } catch {
      return reject(new ValidationError([{ path: `/${field}`, code: "multipart_invalid" }]));
    }
    let found: Upload | undefined;
    let failed: Error | undefined;
    bb.on("file", (name, stream, info) => {
      if (name !== field) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => {
        failed = new AppError(413, "file_too_large", { limit: `${Math.round(opts.maxBytes / 1024 / 1024)} MB` });
        chunks.length = 0;
        stream.resume();
      });
      stream.on("end", () => {
        if (!failed) found = { bytes: Buffer.concat(chunks), filename: (info.filename ?? "").slice(0, 200), declaredType: info.mimeType ?? "" };
      });
    });
    bb.on("error", () => reject(new ValidationError([{ path: `/${field}`, code: "multipart_invalid" }])));
    bb.on("close", () => {
      if (failed) return reject(failed);
      if (!found || found.bytes.length === 0) return reject(new ValidationError([{ path: `/${field}`, code: "required", params: { missingProperty: field } }]));
      resolve(found);
    });
    req.pipe(bb);
  });
}

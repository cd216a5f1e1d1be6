import busboy from "busboy";
import type { Request } from "express";
import { AppError, ValidationError } from "../shared/errors";
import { isWellFormedText, nfc } from "../shared/text";
import { registerProblems } from "./messages";

// One uploaded file from a multipart/form-data request, read into memory up to `maxBytes`.
// busboy stops counting at the limit and we answer 413 without reading the rest into memory.
// The file's name and declared type are kept only as information: callers decide by content.
//
// Every route that takes a file reads it here, so this is the one place where a broken body must
// end in an answer: busboy and each of its file streams emit `error` on a body that ends early or
// does not parse, and an `error` with no listener stops the whole process. Each gets its listener
// as it is created, and the promise settles exactly once, whatever arrives first.

export interface Upload {
  bytes: Buffer;
  filename: string;
  declaredType: string;
}

registerProblems(
  {
    malformed_upload: {
      vi: ["Tệp gửi lên bị hỏng", "Không đọc được nội dung tải lên (multipart/form-data): {@reason}. Hãy chọn lại tệp và gửi lại."],
      en: ["Malformed upload", "The upload (multipart/form-data) could not be read: {@reason}. Choose the file again and resend it."],
    },
  },
  {
    // `reason` of malformed_upload: a stable code in the answer, said in words in its detail.
    no_boundary: { vi: "thiếu ranh giới (boundary) trong Content-Type", en: "no boundary in Content-Type" },
    ends_inside_file: { vi: "nội dung dừng giữa chừng khi đang gửi tệp", en: "the body ends inside the file" },
    ends_before_boundary: { vi: "nội dung dừng trước ranh giới kết thúc", en: "the body ends before its closing boundary" },
    does_not_parse: { vi: "nội dung không đúng dạng multipart", en: "the body does not parse" },
    connection_closed: { vi: "kết nối bị ngắt trước khi gửi xong", en: "the connection closed before the body ended" },
  },
);

// Room for the part headers and the few small fields a form sends beside the file.
const ENVELOPE = 64 * 1024;

const malformed = (reason: string) => new AppError(400, "malformed_upload", { reason });

// `preservePath`: keep the directory part of the file name as sent ("../../x.jpg"), so that a caller
// can refuse it; busboy otherwise strips it silently.
export function readUpload(req: Request, opts: { field?: string; maxBytes: number; preservePath?: boolean }): Promise<Upload> {
  const field = opts.field ?? "file";
  const tooLarge = () => new AppError(413, "file_too_large", { limit: `${Math.round(opts.maxBytes / 1024 / 1024)} MB` });
  return new Promise((resolve, reject) => {
    const type = req.headers["content-type"] ?? "";
    if (!/^multipart\/form-data/i.test(type)) {
      return reject(new AppError(415, "unsupported_media_type"));
    }
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > opts.maxBytes + ENVELOPE) return reject(tooLarge());
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, preservePath: opts.preservePath ?? false, defParamCharset: "utf8", limits: { files: 1, fileSize: opts.maxBytes, fields: 10, parts: 12, fieldSize: 1024 } });
    } catch {
      return reject(malformed("no_boundary"));
    }
    const files = new Set<NodeJS.ReadableStream & { destroy(): void }>();
    let settled = false;
    let found: Upload | undefined;
    let failed: Error | undefined;
    let received = 0;

    // Stops reading: what is still on the wire is drained and dropped by Node (bounded by its request
    // timeout), so the answer can be sent; a client that hung up has nothing left to drain.
    const stop = (err: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      req.off("data", count);
      for (const f of files) f.destroy();
      bb.destroy();
      if (!req.destroyed) req.resume();
      reject(err);
    };
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > opts.maxBytes + ENVELOPE) stop(tooLarge());
    };

    bb.on("file", (name, stream, info) => {
      // Before anything else: a file stream errors when the body ends inside it.
      stream.on("error", () => stop(malformed("ends_inside_file")));
      files.add(stream);
      stream.on("close", () => files.delete(stream));
      if (name !== field || found || failed) {
        stream.resume();
        return;
      }
      // The file's name is text like any other (browsers send it as UTF-8, hence defParamCharset):
      // one that cannot be stored is refused, the rest kept in NFC.
      const filename = info.filename ?? "";
      if (!isWellFormedText(filename)) {
        failed = new ValidationError([{ path: `/${field}`, code: "malformed_text" }]);
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => {
        failed = tooLarge();
        chunks.length = 0;
        stream.resume();
      });
      stream.on("end", () => {
        if (!failed) found = { bytes: Buffer.concat(chunks), filename: nfc(filename).slice(0, 200), declaredType: info.mimeType ?? "" };
      });
    });
    bb.on("error", (err: Error) => stop(malformed(/end of form/i.test(err.message) ? "ends_before_boundary" : "does_not_parse")));
    bb.on("close", () => {
      if (settled) return;
      settled = true;
      req.off("data", count);
      if (failed) return reject(failed);
      if (!found || found.bytes.length === 0) return reject(new ValidationError([{ path: `/${field}`, code: "required", params: { missingProperty: field } }]));
      resolve(found);
    });
    // A client that hangs up mid-file: busboy never sees the end, so nothing else would settle this.
    req.on("error", () => stop(malformed("connection_closed")));
    req.on("close", () => {
      if (!req.complete) stop(malformed("connection_closed"));
    });
    req.on("data", count);
    req.pipe(bb);
  });
}

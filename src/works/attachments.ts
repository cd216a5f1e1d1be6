import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { registerProblems } from "../http/messages";
import type { Upload } from "../http/upload";
import { Actor, audit, authorize, Role, STAFF } from "../identity";
import { AppError, NotFoundError, ValidationError } from "../shared/errors";
import * as q from "./queries";

// Attachments: photos of invoices and sites, minutes. The type is told by the content (magic
// bytes), never by the name or the declared type; the file is stored under its sha256, never under
// the uploaded name; rows and links are append-only, so an attachment never changes once linked.

export const MAX_BYTES = 10 * 1024 * 1024;
export const UPLOADERS: Role[] = ["treasurer", "head", "inspector"];

export interface FileType {
  mime: string;
  ext: string;
}

/** jpeg, png, webp or pdf by their first bytes; anything else (SVG, HTML, scripts) is undefined. */
export function sniff(b: Buffer): FileType | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: "image/jpeg", ext: "jpg" };
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { mime: "image/png", ext: "png" };
  if (b.length >= 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") return { mime: "image/webp", ext: "webp" };
  if (b.length >= 5 && b.toString("latin1", 0, 5) === "%PDF-") return { mime: "application/pdf", ext: "pdf" };
  return undefined;
}
export const EXT: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf" };

export interface Attachment {
  id: number;
  unitId: number;
  sha256: string;
  mime: string;
  size: number;
  name: string | null;
  createdAt: string;
}
export const toAttachment = (r: q.AttachmentRow): Attachment => ({ id: r.id, unitId: r.unit_id, sha256: r.sha256, mime: r.mime, size: r.size, name: r.original_name, createdAt: r.created_at });

/** Where a content hash lives under the files directory: ab/cd/abcd… (no part of it from the user). */
export function filePath(filesDir: string, sha256: string): string {
  return path.join(filesDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Checked before the upload is read: the unit's treasurer, head, or an inspector of a board overseeing it. */
export async function checkUploadAccess(db: Db, actor: Actor, unitId: number): Promise<void> {
  await authorize(db, actor, UPLOADERS, unitId);
}

// ---- Images keep no metadata -------------------------------------------------------------------
// A phone photo carries where it was taken (EXIF GPS), the phone, the time, often XMP and IPTC too: a
// resident's location is personal data the service has no use for (Decree 13/2023, data
// minimisation). Every image is decoded and encoded again before it is stored, its EXIF orientation
// applied to the pixels first: what is stored (and so every copy served, thumbnails included) is
// pixels only. Re-encoding also turns a file that merely starts like an image into a real one.

/** Image types stored as their own type again, re-encoded. */
const REENCODE: Record<string, (img: import("sharp").Sharp) => import("sharp").Sharp> = {
  "image/jpeg": (img) => img.jpeg({ quality: 90, chromaSubsampling: "4:4:4" }),
  "image/png": (img) => img.png({ compressionLevel: 6 }),
  "image/webp": (img) => img.webp({ quality: 90 }),
};

/** Buffers this module re-encoded itself (cleanUpload): storeAttachment does not encode them again. */
const clean = new WeakSet<Buffer>();

/** The image's pixels, upright, in a new file of the same type and nothing else (invalid_image if it is no image). */
export async function reencodeImage(bytes: Buffer, mime: string): Promise<Buffer> {
  const encode = REENCODE[mime];
  if (!encode) throw new Error(`not an image type: ${mime}`);
  try {
    // No keepMetadata/withMetadata: sharp writes no EXIF, XMP, IPTC, ICC nor comments.
    const out = await encode(sharp()(bytes, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS, animated: false }).rotate()).toBuffer();
    clean.add(out);
    return out;
  } catch {
    throw new AppError(422, "invalid_image", { type: mime });
  }
}

/**
 * The upload with its image re-encoded (a PDF or anything else as it came). Callers do this before
 * their transaction opens (SQLite has one connection: seconds of encoding must not hold it);
 * storeAttachment does it itself for an upload that did not pass here.
 */
export async function cleanUpload(file: Upload): Promise<Upload> {
  checkName(file);
  const type = sniff(file.bytes);
  if (!type || !REENCODE[type.mime] || clean.has(file.bytes)) return file;
  return { ...file, bytes: await reencodeImage(file.bytes, type.mime) };
}

/** A resident's photo (feedback on a work): jpeg, png or webp by its content; a PDF is a staff document. */
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
/** How a resident's upload is named in its row and the audit log (no user stands behind it). */
const RESIDENT_NAME = "Người dân (phản ánh)";

/**
 * Why a caller who holds no uploader's role may store a file, stated by the module that lets them:
 * a resident's photo for feedback on a work of the unit (supervision has throttled the address).
 */
export type UploadReason = { reason: "resident_feedback"; workId: number };

/** A resident's photo goes only to a work of the unit (404 work) and is a photo (415 for anything else). */
async function checkResidentPhoto(db: Db, unitId: number, type: FileType, why: UploadReason): Promise<void> {
  if (!(await q.findWorkIn(db, unitId, why.workId))) throw new NotFoundError("work", { id: why.workId });
  if (!PHOTO_TYPES.includes(type.mime)) throw new AppError(415, "unsupported_file_type", { allowed: PHOTO_TYPES });
}

/**
 * Stores an uploaded file (≤ 10 MB, jpeg/png/webp/pdf by content) and records it in the unit; an
 * image is stored re-encoded, without metadata. Without a reason, only the unit's uploaders may
 * (403); with one, see checkResidentPhoto. 400 unsafe_filename for a name with a path in it; 415
 * unsupported_file_type for anything else; 422 invalid_image for an image that does not decode.
 * Nothing is written before every check has passed.
 */
export async function storeAttachment(trx: Knex.Transaction, actor: Actor, unitId: number, upload: Upload, filesDir: string, why?: UploadReason): Promise<Attachment> {
  if (!why) await authorize(trx, actor, UPLOADERS, unitId);
  checkName(upload);
  const type = sniff(upload.bytes);
  if (!type) throw new AppError(415, "unsupported_file_type", { allowed: ["image/jpeg", "image/png", "image/webp", "application/pdf"] });
  if (why) await checkResidentPhoto(trx, unitId, type, why);
  const file = await cleanUpload(upload);
  const sha256 = crypto.createHash("sha256").update(file.bytes).digest("hex");
  const target = filePath(filesDir, sha256);
  if (!fs.existsSync(target)) await writeAside(target, file.bytes);
  // A resident is anonymous (no user, no role): the row and the audit record name them for what they are.
  const by: Actor = why ? { ...actor, displayName: RESIDENT_NAME } : actor;
  const id = await q.insertAttachment(trx, {
    unit_id: unitId, sha256, mime: type.mime, size: file.bytes.length, original_name: file.filename.normalize("NFC").slice(0, 200) || null,
    uploaded_by: actor.userId, uploaded_by_name: by.displayName ?? by.username, created_at: actor.at,
  });
  await audit.record(trx, by, { action: "attachment.uploaded", entity: "attachment", entityId: id, unitId, details: { sha256, mime: type.mime, size: file.bytes.length } });
  return toAttachment((await q.findAttachment(trx, id))!);
}

/** A name with a path in it ("../../x.jpg") is an attack on whoever saves it later: refused outright. */
function checkName(file: Upload): void {
  if (/[/\\\x00-\x1f\x7f]|\.\./.test(file.filename)) throw new ValidationError([{ path: "/file", code: "unsafe_filename" }]);
}

/** Writes aside, then renames: a reader never sees half a file, and a second writer of the same bytes is harmless. */
async function writeAside(target: string, bytes: Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${crypto.randomBytes(6).toString("hex")}.tmp`;
  await fs.promises.writeFile(tmp, bytes, { flag: "wx", mode: 0o640 });
  await fs.promises.rename(tmp, target);
}

/** The row of an attachment, for staff of its unit and inspectors of its boards (404 to anyone else). */
async function staffRow(db: Db, actor: Actor, unitId: number, attachmentId: number) {
  await authorize(db, actor, STAFF, unitId);
  const row = await q.findAttachment(db, attachmentId);
  if (!row || row.unit_id !== unitId) throw new NotFoundError("attachment", { id: attachmentId });
  return row;
}

/** The row of an attachment that documents something public (404 while it documents nothing public). */
async function publicRow(db: Db, attachmentId: number) {
  const row = await q.findAttachment(db, attachmentId);
  if (!row || !(await q.publicLink(db, attachmentId))) throw new NotFoundError("attachment", { id: attachmentId });
  return row;
}

/** An attachment with its bytes, for staff of its unit and inspectors of its boards. */
export async function readAttachment(db: Db, actor: Actor, unitId: number, attachmentId: number, filesDir: string) {
  return withBytes(await staffRow(db, actor, unitId, attachmentId), filesDir);
}

/** An attachment that documents something public (a consultation, a work's move or progress). */
export async function readPublicAttachment(db: Db, attachmentId: number, filesDir: string) {
  return withBytes(await publicRow(db, attachmentId), filesDir);
}

/** The thumbnail of an image attachment, for whoever may read the attachment itself. */
export async function readAttachmentThumbnail(db: Db, actor: Actor, unitId: number, attachmentId: number, filesDir: string) {
  return withThumbnail(await staffRow(db, actor, unitId, attachmentId), filesDir);
}

/** The thumbnail of a public attachment's image (public, like the attachment). */
export async function readPublicThumbnail(db: Db, attachmentId: number, filesDir: string) {
  return withThumbnail(await publicRow(db, attachmentId), filesDir);
}

async function withBytes(row: q.AttachmentRow, filesDir: string) {
  const bytes = await fs.promises.readFile(filePath(filesDir, row.sha256)).catch(() => undefined);
  if (!bytes) throw new NotFoundError("file", { id: row.id });
  return { attachment: toAttachment(row), bytes };
}

// ---- Thumbnails -------------------------------------------------------------------------------
// A small JPEG of an image attachment: longest side ≤ 320 px, EXIF orientation applied, every bit of
// metadata (EXIF with a phone's GPS, XMP, ICC, comments) dropped, so the public route never leaks
// where a photo was taken. JPEG rather than WebP: every phone browser still in use in the hamlets
// decodes it (WebP needs iOS 14+); transparency is flattened onto white. Made on first request from
// the stored original and kept beside it as <sha256>.thumb320.jpg: the original never changes (it is
// stored under its hash), so neither does its thumbnail. sharp (libvips) is loaded on the first
// image uploaded or thumbnail asked for: start-up does not pay for it.

export const THUMB_SIZE = 320;
const THUMB_MIME = "image/jpeg";
/** Refuse to decode more pixels than a 60-megapixel photo: a small file can claim a huge canvas. */
const MAX_INPUT_PIXELS = 60_000_000;

registerProblems({
  no_thumbnail: {
    vi: ["Không có ảnh thu nhỏ", "Chỉ ảnh JPEG, PNG và WebP có ảnh thu nhỏ; tệp này là {type}: hãy tải tệp gốc."],
    en: ["No thumbnail", "Only JPEG, PNG and WebP images have thumbnails; this file is {type}: download the original."],
  },
  invalid_image: {
    vi: ["Ảnh không đọc được", "Tệp có dạng {type} nhưng không đọc được thành ảnh (hỏng, bị cắt dở hoặc lớn quá 60 triệu điểm ảnh); hãy chụp hoặc xuất lại ảnh."],
    en: ["Unreadable image", "The file looks like {type} but does not decode as an image (damaged, cut short or over 60 megapixels); take or export the picture again."],
  },
  unreadable_image: {
    vi: ["Không đọc được ảnh", "Tệp ảnh đã lưu bị hỏng hoặc quá lớn nên không làm được ảnh thu nhỏ; tệp gốc vẫn tải được."],
    en: ["Unreadable image", "The stored image is damaged or too large to make a thumbnail of; the original can still be downloaded."],
  },
});

// Types only at compile time; the module itself is required on first use. (sharp's CommonJS entry is
// the function itself, with cache(), versions, ... on it, as its ESM types' default and named exports.)
type Sharp = typeof import("sharp").default;
let sharpLib: Sharp | undefined;
function sharp(): Sharp {
  if (!sharpLib) {
    const lib = require("sharp") as Sharp & typeof import("sharp");
    lib.cache(false); // one thumbnail per original, cached on disk: libvips' operation cache would only hold memory
    sharpLib = lib;
  }
  return sharpLib;
}

export const thumbnailPath = (filesDir: string, sha256: string) => `${filePath(filesDir, sha256)}.thumb${THUMB_SIZE}.jpg`;

/** Makes the thumbnail of an image (throws sharp's error on a damaged or oversized image). */
export async function makeThumbnail(bytes: Buffer): Promise<Buffer> {
  return sharp()(bytes, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS, animated: false })
    .rotate() // by EXIF orientation, before the metadata goes
    .resize(THUMB_SIZE, THUMB_SIZE, { fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 75, mozjpeg: true })
    .toBuffer(); // no keepMetadata/withMetadata: sharp writes no EXIF, XMP, IPTC nor ICC
}

// Two requests for the same new thumbnail make it once.
const making = new Map<string, Promise<Buffer>>();

async function withThumbnail(row: q.AttachmentRow, filesDir: string) {
  const attachment = toAttachment(row);
  if (!attachment.mime.startsWith("image/")) throw new AppError(404, "no_thumbnail", { id: row.id, type: attachment.mime });
  const target = thumbnailPath(filesDir, row.sha256);
  const cached = await fs.promises.readFile(target).catch(() => undefined);
  if (cached) return { attachment, mime: THUMB_MIME, bytes: cached };
  let job = making.get(row.sha256);
  if (!job) {
    job = (async () => {
      const { bytes: original } = await withBytes(row, filesDir);
      let thumb: Buffer;
      try {
        thumb = await makeThumbnail(original);
      } catch {
        throw new AppError(422, "unreadable_image", { id: row.id });
      }
      // Write aside, then rename: a reader never sees half a thumbnail.
      // A cache that cannot be written (a full disk) costs the next request a resize, not this answer.
      const tmp = `${target}.${crypto.randomBytes(6).toString("hex")}.tmp`;
      await fs.promises
        .writeFile(tmp, thumb, { flag: "wx", mode: 0o640 })
        .then(() => fs.promises.rename(tmp, target))
        .catch(() => fs.promises.rm(tmp, { force: true }).catch(() => undefined));
      return thumb;
    })().finally(() => making.delete(row.sha256));
    making.set(row.sha256, job);
  }
  return { attachment, mime: THUMB_MIME, bytes: await job };
}

/** Checks that every id names an attachment of one of the units (404 otherwise); returns the ids. */
export async function checkAttachments(db: Db, unitIds: number[], ids: number[], pointer = "/attachmentIds"): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await q.attachmentsByIds(db, ids);
  for (const id of ids) {
    const r = rows.find((x) => x.id === id);
    if (!r || !unitIds.includes(r.unit_id)) throw new NotFoundError("attachment", { id, path: pointer });
  }
  return ids;
}

/** Links attachments to what they document (append-only: a link is never undone). */
export async function linkAttachments(trx: Db, ids: number[], kind: string, refId: number, isPublic: boolean, at: string): Promise<void> {
  if (!ids.length) return;
  const rows = await q.attachmentsByIds(trx, ids);
  await q.insertLinks(trx, ids.map((id) => ({ attachment_id: id, unit_id: rows.find((r) => r.id === id)!.unit_id, kind, ref_id: refId, is_public: isPublic, created_at: at })));
}

/** Attachments linked to these records, by record id. */
export async function attachmentsOf(db: Db, kind: string, refIds: number[]): Promise<Map<number, Attachment[]>> {
  const out = new Map<number, Attachment[]>();
  if (!refIds.length) return out;
  for (const r of await q.linksOf(db, kind, refIds)) {
    const list = out.get(r.ref_id) ?? [];
    list.push(toAttachment(r));
    out.set(r.ref_id, list);
  }
  return out;
}

import type { RequestHandler } from "express";
import type { Knex } from "knex";
import { dialectOf } from "../db/knex";
import { AppError } from "../shared/errors";
import { registerProblems } from "../http/messages";
import { INTEGER_RANGE } from "./id-ranges";
import { provincesOf } from "./registry";

registerProblems({
  read_only_copy: {
    vi: [
      "Đây là bản sao chỉ đọc",
      "Máy chủ này là bản sao toàn quốc, chỉ để xem: mọi ghi chép được thực hiện tại máy chủ của tỉnh ({publicUrl}).",
    ],
    en: [
      "This is a read-only copy",
      "This server is the national read-only copy: every record is made on the province's own server ({publicUrl}).",
    ],
  },
});

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
// Checking a paper's PDF is a read that travels as an upload: the national copy answers it too.
const VERIFY = new Set(["/api/v1/public/verify", "/verify"]);

/** The unit a request is about, when its path names one (/api/v1/units/:unitId/…, public pages alike). */
function unitOf(path: string): number | undefined {
  const m = /\/units\/([0-9]{1,10})(?:\/|$)/.exec(path);
  return m ? Number(m[1]) : undefined;
}

/**
 * READ_ONLY_COPY: the national copy is written only by replication. Every write, on the API or a
 * page's form, is refused with 403 read_only_copy naming where it can be made: the public address
 * of the province that holds the unit (its ids are in that installation's range), or every
 * province's when the path names no unit.
 */
export function readOnlyCopy(db: Knex): RequestHandler {
  return async (req, _res, next) => {
    if (READS.has(req.method) || (req.method === "POST" && VERIFY.has(req.path))) return next();
    try {
      const provinces = dialectOf(db) === "postgres" ? await provincesOf(db) : [];
      const unit = unitOf(req.path);
      const own = unit === undefined ? undefined : provinces.find((p) => BigInt(p.installationId) === BigInt(unit) / INTEGER_RANGE);
      const publicUrl = own?.publicUrl ?? (provinces.map((p) => p.publicUrl).filter(Boolean).join(", ") || "—");
      next(new AppError(403, "read_only_copy", { publicUrl, provinces: provinces.map((p) => ({ installationId: p.installationId, name: p.name, publicUrl: p.publicUrl })) }));
    } catch (err) {
      next(err);
    }
  };
}

import crypto from "node:crypto";
import type { Knex } from "knex";
import type { Request } from "express";
import { canonicalJson } from "../shared/canonical-json";
import { AppError, ConflictError, ValidationError } from "../shared/errors";

// DESIGN §4.7: a create request with an Idempotency-Key already used in that unit returns the
// original result (same status and body); the same key with another body is a 409. The key is
// stored with the response in the write's own transaction, so it exists exactly when the write does.

export interface Outcome {
  status: number;
  body: unknown;
}

function keyOf(req: Request): string | undefined {
  const k = req.headers["idempotency-key"];
  if (k === undefined) return undefined;
  if (typeof k !== "string" || !/^[\x21-\x7e]{1,200}$/.test(k)) {
    throw new ValidationError([{ path: "/headers/idempotency-key", code: "pattern" }]);
  }
  return k;
}

/** Runs `write` in one transaction, or replays the stored outcome of the same key and request. */
export async function idempotent(db: Knex, req: Request, unitId: number, write: (trx: Knex.Transaction) => Promise<Outcome>): Promise<Outcome> {
  const key = keyOf(req);
  if (!key) return db.transaction(write);
  const requestHash = crypto
    .createHash("sha256")
    .update(canonicalJson({ method: req.method, path: req.baseUrl + req.path, body: req.body ?? null, user: req.actor?.userId ?? null }))
    .digest("hex");
  const replay = (row: { request_hash: string; status: number; response: string }): Outcome => {
    if (row.request_hash !== requestHash) throw new ConflictError("idempotency_conflict", { key });
    return { status: row.status, body: JSON.parse(row.response) };
  };
  const attempt = () =>
    db.transaction(async (trx) => {
      const seen = await trx("idempotency_keys").where({ unit_id: unitId, key }).first();
      const mine = seen && (seen.user_id === null ? null : Number(seen.user_id)) === (req.actor?.userId ?? null);
      if (mine) return replay(seen);
      const out = await write(trx);
      // Another user's key is not this caller's to replay or to learn of: the write has just checked
      // the caller's access (refusing an outsider with its own 403/404); one it lets through collides
      // with the stored key, and the write is rolled back with this transaction.
      if (seen) throw new ConflictError("idempotency_conflict", { key });
      await trx("idempotency_keys").insert({
        unit_id: unitId,
        key,
        request_hash: requestHash,
        status: out.status,
        response: JSON.stringify(out.body),
        user_id: req.actor?.userId ?? null,
        created_at: req.actor?.at ?? new Date().toISOString(),
      });
      return out;
    });
  try {
    return await attempt();
  } catch (err) {
    // Two requests with one key raced: the loser's insert hit the key's primary key. The winner
    // has committed by now, so its outcome is what this caller gets.
    if (err instanceof AppError && err.code !== "conflict") throw err;
    const seen = await db("idempotency_keys").where({ unit_id: unitId, key }).first();
    if (seen) return replay(seen);
    throw err;
  }
}

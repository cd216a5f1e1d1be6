import type { Knex } from "knex";
import type { Db } from "../db/knex";
import type { PinGuard } from "../deps";
import { Actor, audit, BROAD_LIMIT, forgetFailures, hashPassword, recordFailure, verifyPassword } from "../identity";
import { AppError, ForbiddenError, TooManyRequestsError } from "../shared/errors";
import { householdCode } from "./household-code";

// A household proves who it is with its code and 6-digit PIN (consultations, feedback). Unknown
// codes, households without a PIN and wrong PINs all answer the same 403 invalid_pin, after the
// same work: one scrypt verification and one recorded failure.
//
// Limits, so that a stranger cannot lock a resident out: in memory, 5 wrong PINs for one household
// from one address (or 50 from one address for any households) in 15 minutes hold back that address
// only (429). In the database, 20 wrong PINs for one household in any 24 hours, from all addresses
// together, suspend the PIN (423 pin_locked) until the treasurer issues a new one: the PIN has only
// a million values, and a spread-out attack must not go on guessing.

export interface VerifiedHousehold {
  id: number;
  unitId: number;
  code: string;
}

export type { PinGuard } from "../deps";

/** What the failures of a household's PIN are counted under: its hamlet and its code, upper-case. */
export const pinSubject = (unitId: number, code: string) => `${unitId}|${code.trim().toUpperCase()}`;

const dummyHashes = new Map<number, Promise<string>>();
const dummyHash = (cost: number) => {
  let h = dummyHashes.get(cost);
  if (!h) dummyHashes.set(cost, (h = hashPassword("000000", cost)));
  return h;
};

interface PinCheck {
  /** The one active household with the code and a PIN, if any. */
  household?: VerifiedHousehold & { pinLocked: boolean };
  ok: boolean;
}

/**
 * Looks the code up in `unitIds` and checks the PIN: always exactly one scrypt verification (against
 * a fixed hash when the code is unknown, ambiguous or has no PIN), so the time taken does not tell
 * which. A code found in two of the units (two hamlets of a commune) matches nothing.
 */
export async function verifyHouseholdPin(db: Db, unitIds: number[], code: string, pin: string, guard: Pick<PinGuard, "scryptCost" | "verify">): Promise<PinCheck> {
  const rows = unitIds.length
    ? await db("households").select("id", "unit_id", "code", "pin_hash", "pin_locked_at").whereIn("unit_id", unitIds).where({ code: householdCode(code), is_active: true }).limit(2)
    : [];
  const found = rows.length === 1 && rows[0].pin_hash ? rows[0] : undefined;
  const verify = guard.verify ?? verifyPassword;
  const matches = await verify(/^[0-9]{6}$/.test(pin) ? pin : "-", found ? found.pin_hash : await dummyHash(guard.scryptCost ?? 16384));
  if (!found) return { ok: false };
  return { household: { id: found.id, unitId: found.unit_id, code: found.code, pinLocked: Boolean(found.pin_locked_at) }, ok: matches };
}

/**
 * A household's code and PIN, checked against the limits above: 429 with Retry-After for an address
 * past its limit, 423 pin_locked for a suspended PIN (even the right one), 403 invalid_pin for a
 * wrong PIN, an unknown code or a household without a PIN. `askedUnitId` is the unit the resident
 * answers (a failure for an unknown code is counted there).
 */
export async function proveHouseholdPin(db: Knex, actor: Actor, guard: PinGuard, unitIds: number[], askedUnitId: number, code: string, pin: string): Promise<VerifiedHousehold> {
  const perAddress = (subject: string) => `${subject}|${actor.ip}`;
  const asked = pinSubject(askedUnitId, code);
  const wait = Math.max(guard.byHousehold.retryAfter(perAddress(asked)), guard.byAddress.retryAfter(actor.ip));
  if (wait > 0) throw new TooManyRequestsError(wait);
  const { household, ok } = await verifyHouseholdPin(db, unitIds, code, pin, guard);
  if (household?.pinLocked) throw new AppError(423, "pin_locked");
  const subject = household ? pinSubject(household.unitId, household.code) : asked;
  if (!ok || !household) {
    guard.byHousehold.fail(perAddress(asked));
    guard.byAddress.fail(actor.ip);
    const failures = await recordFailure(db, "pin", subject, household?.unitId ?? askedUnitId, actor.ip, actor.at);
    if (household && failures >= BROAD_LIMIT) await suspendPin(db, actor, household);
    throw new ForbiddenError("invalid_pin");
  }
  guard.byHousehold.reset(perAddress(asked));
  return { id: household.id, unitId: household.unitId, code: household.code };
}

async function suspendPin(db: Knex, actor: Actor, h: VerifiedHousehold) {
  await db.transaction(async (trx) => {
    const n = await trx("households").where({ id: h.id }).whereNull("pin_locked_at").update({ pin_locked_at: actor.at });
    if (Number(n) === 1) await audit.record(trx, actor, { action: "household.pin_locked", entity: "household", entityId: h.id, unitId: h.unitId, details: { failures: BROAD_LIMIT } });
  });
}

/** A new PIN lifts a suspension and starts the count afresh. */
export async function clearPinSuspension(trx: Knex.Transaction, unitId: number, code: string): Promise<void> {
  await forgetFailures(trx, "pin", pinSubject(unitId, code));
}

import type { Db } from "../db/knex";
import { verifyPassword } from "../identity";

// A household proves who it is with its code and 6-digit PIN (consultations, feedback). Unknown
// codes, households without a PIN and wrong PINs all answer the same: undefined. The caller
// throttles the attempts (the PIN has only a million values).

export interface VerifiedHousehold {
  id: number;
  unitId: number;
  code: string;
}

/**
 * The active household with `code` in one of `unitIds` whose PIN is `pin`, or undefined. A code
 * found in two of the units (two hamlets of a commune) is ambiguous and matches nothing.
 */
export async function verifyHouseholdPin(db: Db, unitIds: number[], code: string, pin: string): Promise<VerifiedHousehold | undefined> {
  if (!unitIds.length || !/^[0-9]{6}$/.test(pin)) return undefined;
  const rows = await db("households").select("id", "unit_id", "code", "pin_hash").whereIn("unit_id", unitIds).where({ code: code.trim(), is_active: true }).limit(2);
  if (rows.length !== 1 || !rows[0].pin_hash) return undefined;
  if (!(await verifyPassword(pin, rows[0].pin_hash))) return undefined;
  return { id: rows[0].id, unitId: rows[0].unit_id, code: rows[0].code };
}

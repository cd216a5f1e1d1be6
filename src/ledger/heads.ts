import type { Db } from "../db/knex";

/** Is the entry at `seq` of the unit's chain the one with this hash? (A head noted down earlier.) */
export async function headMatches(db: Db, unitId: number, seq: number, hash: string): Promise<boolean> {
  const r = await db("entries").select("hash").where({ unit_id: unitId, seq }).first();
  return r?.hash === hash;
}

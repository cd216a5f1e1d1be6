import type { Db } from "../db/knex";

// knex on year_closings (the ledger's table of closed years).

export interface YearClosingRow {
  id: number;
  unit_id: number;
  year: number;
  entry_id: number | string | null;
  closing_id: number;
  opening_balances: string;
  created_by: number | null;
  created_at: string;
}

export const findYearClosing = (db: Db, unitId: number, year: number) => db<YearClosingRow>("year_closings").where({ unit_id: unitId, year }).first();
export const listYearClosings = (db: Db, unitId: number) => db<YearClosingRow>("year_closings").where({ unit_id: unitId }).orderBy("year");
export async function insertYearClosing(db: Db, row: Omit<YearClosingRow, "id">): Promise<number> {
  const [r] = await db("year_closings").insert(row, ["id"]);
  return typeof r === "object" ? (r as { id: number }).id : (r as number);
}

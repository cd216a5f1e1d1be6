// What supervision's endpoints answer, as the web client reads it. Types only, no imports from the
// server side: the client's compiler reads this file without Node or knex, and dto.ts is checked
// to build exactly these shapes.

export type BoardKind = "gsdtcd" | "ttnd";

export interface BoardWire {
  id: number;
  unitId: number;
  kind: BoardKind;
  name: string;
  termStart: string | null;
  termEnd: string | null;
  oversees: { unitIds: number[]; workIds: number[] };
  members: { userId: number; username: string; displayName: string }[];
  createdAt: string;
}

/** A cash count: amounts are whole đồng as decimal strings, the difference signed (counted − books). */
export interface CashCountWire {
  id: number;
  unitId: number;
  at: string;
  date: string;
  counted: string;
  ledger: string;
  difference: string;
  findingId: number | null;
  chainHead: string | null;
}

import type { FindingSeverity } from "../shared/inspection-words";
import { toWire, Dong } from "../shared/money";
import type { Board } from "./boards";
import type { BoardWire, CashCountWire } from "./wire";

// Wire shapes by hand. Inspection, finding and feedback views are built by the service (they carry
// no money), typed with their wire types; boards and cash counts are mapped here, to their types in
// wire.ts (which the web client imports).

export const boardDto = (b: Board): BoardWire => ({
  id: b.id,
  unitId: b.unitId,
  kind: b.kind,
  name: b.name,
  termStart: b.termStart,
  termEnd: b.termEnd,
  oversees: { unitIds: b.unitIds, workIds: b.workIds },
  members: b.members,
  composition: b.composition,
  createdAt: b.createdAt,
});

export const cashCountDto = (c: { id: number; unitId: number; at: string; date: string; counted: Dong; ledger: Dong; difference: Dong; findingId: number | null; findingSeverity: FindingSeverity | null; chainHead: string | null }): CashCountWire => ({
  id: c.id,
  unitId: c.unitId,
  at: c.at,
  date: c.date,
  counted: toWire(c.counted),
  ledger: toWire(c.ledger),
  difference: toWire(c.difference),
  findingId: c.findingId,
  findingSeverity: c.findingSeverity,
  chainHead: c.chainHead,
});

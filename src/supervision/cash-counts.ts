import type { Knex } from "knex";
import { Actor, asSystem, audit, userNames } from "../identity";
import * as ledger from "../ledger";
import { addDays, formatDateVi, localDateOf } from "../shared/dates";
import { NotFoundError, RuleViolation, ValidationError } from "../shared/errors";
import { cashDifferenceSeverity } from "../shared/inspection-words";
import { dong, formatDong, parseDong, sum, toDb, toWire, ZERO, Dong } from "../shared/money";
import { boardFor, checkMembers, headNow, overseenUnit } from "./boards";
import { insertFinding } from "./findings";
import * as q from "./queries";

// Cash counts (kiểm kê quỹ): counted cash against the ledger's cash at the end of the count's day in
// Vietnam. A count records the unit's chain head, an anchor the ledger's verify holds the books to.
ledger.registerAnchors("cash_count", q.cashCountHeads);

/** A cash count's finding is due this many days after the count. */
export const CASH_FINDING_DAYS = 15;

export interface CashCountInput {
  unitId: number;
  at: string;
  denominations: { value: string; count: number }[];
  counters: number[];
}

/**
 * Records a cash count (kiểm kê quỹ) and compares it with the cash account (CHART.cash) at the end
 * of the count's day in Vietnam; any difference, even 1 đồng, opens a finding "cash" linked to the
 * count, as serious as the unit's thresholds make it (shared cashDifferenceSeverity).
 */
export async function countCash(trx: Knex.Transaction, actor: Actor, boardId: number, input: CashCountInput) {
  const b = await boardFor(trx, actor, boardId);
  const unit = await overseenUnit(trx, b, input.unitId);
  const at = new Date(input.at).toISOString();
  if (at > actor.at) throw new RuleViolation("future_date", { date: at, today: actor.at });
  const day = localDateOf(at);
  checkMembers(b, [], "/counters");
  const known = new Set((await userNames(trx, input.counters)).map((u) => u.id));
  const unknown = input.counters.find((id) => !known.has(id));
  if (unknown !== undefined) throw new NotFoundError("user", { id: unknown, path: "/counters" });
  const counted = sum(input.denominations.map((d) => dong(parseDong(d.value, "/denominations") * BigInt(d.count))));
  if (toWire(counted).length > 15) throw new ValidationError([{ path: "/denominations", code: "invalid_amount" }]);
  const tb = await ledger.trialBalance(trx, asSystem("a cash count against the books"), unit.id, day, day);
  const book: Dong = tb.rows.find((r) => r.account === ledger.CHART.cash)?.closing ?? ZERO;
  const difference = dong(counted - book);
  const chainHead = await headNow(trx, unit.id);
  const id = await q.insertCashCount(trx, {
    board_id: boardId, unit_id: unit.id, counted_at: at, count_date: day, denominations: JSON.stringify(input.denominations), counted: toDb(counted),
    ledger_balance: toDb(book), difference: toDb(difference), counters: JSON.stringify(input.counters), created_by: actor.userId, created_at: actor.at,
    chain_head: chainHead,
  });
  let findingId: number | null = null;
  const severity = difference === 0n ? null : cashDifferenceSeverity(difference, { minor: unit.cashDifferenceMinor, critical: unit.cashDifferenceCritical });
  if (severity) {
    findingId = await insertFinding(trx, actor, {
      board_id: boardId, unit_id: unit.id, work_id: null, inspection_id: null, cash_count_id: id, feedback_id: null,
      category: "cash", severity,
      description: `Kiểm kê quỹ tiền mặt ngày ${formatDateVi(day)}: thực tế ${formatDong(counted)} đồng, sổ sách (TK ${ledger.CHART.cash}) ${formatDong(book)} đồng, chênh lệch ${formatDong(difference)} đồng.`,
      recommendation: "Làm rõ nguyên nhân chênh lệch; điều chỉnh sổ sách hoặc bồi hoàn, báo cáo Ban.",
      addressed_to: `Thủ quỹ ${unit.name}`.slice(0, 200), due_date: addDays(localDateOf(actor.at), CASH_FINDING_DAYS), evidence: JSON.stringify({ attachmentIds: [], entryIds: [] }),
    });
  }
  await audit.record(trx, actor, { action: "cash_count.recorded", entity: "cash_count", entityId: id, unitId: unit.id, details: { boardId, counted: toWire(counted), ledger: toWire(book), findingId } });
  return { id, unitId: unit.id, at, date: day, counted, ledger: book, difference, findingId, findingSeverity: severity, chainHead };
}

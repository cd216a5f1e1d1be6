import type { Knex } from "knex";
import { Actor, asSystem, authorize, SystemReason } from "../identity";
import { ConflictError, RuleViolation } from "../shared/errors";
import { fromDb } from "../shared/money";
import * as q from "./queries";
import { postEntries } from "./posting";
import { reversalPostings } from "./postings";
import { getEntryRow } from "./reads";
import { POSTERS } from "./types";
import type { Entry } from "./types";

/**
 * Reverses an entry with its mirror (sides swapped) on `date`; once only, never a reversal. The
 * unit's treasurer or an admin; or, `because`, for another module that has authorized its caller
 * (a receipt corrected) and, with `audit: false`, records the write in its own audit event.
 */
export async function reverseEntry(
  trx: Knex.Transaction,
  actor: Actor,
  unitId: number,
  entryId: number,
  input: { date: string; reason: string },
  opts: { audit?: boolean; because?: SystemReason } = {},
): Promise<Entry> {
  if (!opts.because) await authorize(trx, actor, [...POSTERS], unitId);
  await q.lockUnitBooks(trx, unitId);
  const original = await getEntryRow(trx, unitId, entryId);
  if (original.kind === "reversal") throw new ConflictError("cannot_reverse_reversal", { entryId });
  const already = await q.reversalOf(trx, entryId);
  if (already) throw new ConflictError("already_reversed", { entryId, reversalId: Number(already.id) });
  if (input.date < original.entry_date) throw new RuleViolation("reversal_before_original", { date: input.date, originalDate: original.entry_date });
  const postings = await q.postingsOf(trx, [entryId]);
  const [entry] = await postEntries(
    trx,
    actor,
    unitId,
    [
    {
      date: input.date,
      kind: "reversal",
      description: `Đảo bút toán ${original.voucher_no}: ${input.reason}`,
      householdId: original.household_id,
      campaignId: original.campaign_id,
      workId: original.work_id,
      reversesId: entryId,
      postings: reversalPostings(postings.map((p) => ({ account: p.code, amount: fromDb(p.amount), memo: p.memo }))),
    },
    ],
    // authorized above, or by the module that states its reason
    { audit: opts.audit, because: opts.because ?? asSystem("a reversal the ledger has authorized") },
  );
  return entry;
}

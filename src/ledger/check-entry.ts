import { RuleViolation, ValidationError } from "../shared/errors";
import { parseDong, toWire, type Dong } from "../shared/money";
import { isValidDate } from "../shared/dates";
import { paidOut } from "./approvals";
import type { AccountRow } from "./queries";
import type { CheckedEntry, EntryInput } from "./types";

/** The unit's accounts an entry may name, by code (of the unit only) and by id. */
export interface EntryAccounts {
  byCode: Map<string, AccountRow>;
  byId: Map<number, AccountRow>;
}

/** What an entry is checked against besides its accounts. */
export interface EntryState {
  unitId: number;
  /** Today in Vietnam for whoever posts this entry: no entry is dated after it. */
  today: string;
  /** The last closed date (null when none): no entry on or before it. */
  closedThrough: string | null;
  /** Manual entries (the raw routes) pay out nothing above the unit's approval threshold (DESIGN §6). */
  approvalLimit?: Dong;
  /** Where the entry stands among those posted together: named in problems, and in paths when several. */
  entry: number;
  several: boolean;
}

/**
 * Decides whether one entry may be posted, from its input and what it needs to know: a valid date,
 * not in the future, not in a closed period; at least two postings, none zero, each on an active
 * account of the unit, summing to zero; within the approval limit when one applies. Pure: no
 * database, no clock. Returns the entry with its postings resolved (amounts as exact đồng), or
 * throws the problem (RuleViolation / ValidationError) the API answers with.
 *
 * The database checks the same again (src/ledger/CONTEXT.md lists where); the overdraft, split
 * payments and voucher numbers need the books and are decided by posting.ts with their rooms.
 */
export function checkEntry(e: EntryInput, accounts: EntryAccounts, s: EntryState): CheckedEntry {
  const i = s.entry;
  const at = (p: string) => (s.several ? `/entries/${i}${p}` : p);
  if (!isValidDate(e.date)) throw new ValidationError([{ path: at("/date"), code: "invalid_date" }]);
  if (e.date > s.today) throw new RuleViolation("future_date", { date: e.date, today: s.today, entry: i });
  if (s.closedThrough && e.date <= s.closedThrough) throw new RuleViolation("period_closed", { date: e.date, closedThrough: s.closedThrough, entry: i });
  if (e.postings.length < 2) throw new RuleViolation("unbalanced_entry", { reason: "too_few_postings", entry: i });
  let sum = 0n;
  const postings = e.postings.map((p, j) => {
    const acc = p.accountId !== undefined ? accounts.byId.get(p.accountId) : accounts.byCode.get(p.account!);
    if (!acc || acc.unit_id !== s.unitId) throw new RuleViolation("unknown_account", { account: p.account ?? p.accountId, path: at(`/postings/${j}/account`), entry: i });
    if (!acc.is_active) throw new RuleViolation("account_inactive", { account: acc.code, path: at(`/postings/${j}/account`), entry: i });
    const dong = typeof p.amount === "string" ? parseDong(p.amount, at(`/postings/${j}/amount`)) : p.amount;
    if (dong === 0n) throw new RuleViolation("zero_amount", { path: at(`/postings/${j}/amount`), entry: i });
    const wire = typeof p.amount === "string" ? p.amount : toWire(dong);
    sum += dong;
    return { acc, wire, dong, memo: p.memo ?? null };
  });
  if (sum !== 0n) throw new RuleViolation("unbalanced_entry", { difference: sum.toString(), entry: i });
  if (s.approvalLimit !== undefined) {
    const paid = paidOut(postings);
    if (paid > s.approvalLimit) throw new RuleViolation("approval_required", { amount: paid.toString(), threshold: s.approvalLimit.toString(), entry: i });
  }
  return { input: e, postings };
}

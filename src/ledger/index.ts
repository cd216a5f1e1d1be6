// ledger: accounts, entries, postings, the hash chain, balances and closings. Only the ledger
// writes its tables; other modules post through postEntries and read through these functions.
// Verbs that check roles take an actor, or a stated reason (identity's asSystem) from a module that
// has authorized its own caller: openAccount, postEntries, reverseEntry, trialBalance, verifyChain.
export {
  openBooks, openAccount, postEntries, reverseEntry, hydrate, chainHead, verifyChain,
  trialBalance, SERIES_OF, POSTERS, READERS, campaignSums, workSums, campaignHouseholdTotals, householdSums, findAccount, entriesByIds, reversedAmong, nextFreeCode, findAccountById, voucherNumbers,
  streamEntries, cashFlows, countEntriesAfter, findEntry, anchorHolds, publicChainHead,
  SPLIT_WINDOW_DAYS, entriesOnAccounts, streamJournalByDate, moneyBook, streamHledger, listClosings, closeYear, listYearClosings, trialBalanceAt,
} from "./service";
export type { AccountEntry, VerifyResult, Account, Entry, EntryInput, PostingInput, EntryKind, Series, AccountSum, CashFlows, EntryScope, TrialBalanceRow, JournalLine, MoneyBook, MoneyBookKind, MoneyMovement } from "./service";
import "./messages";
export { ledgerRoutes } from "./routes";
export { canonicalEntry, entryHash, ZERO_HASH } from "./hash-chain";
export { entryDto } from "./dto";
export { registerAnchors, parseHead } from "./anchors";
export { registerFundSource } from "./year-close";
export type { FundSource } from "./year-close";
export type { Anchor, AnchorSource } from "./anchors";
export { CHART, MONEY_ACCOUNTS } from "./chart";
export type { FixedAccount } from "./chart";
export { receiptPostings, pledgePostings, inKindPostings, expensePostings, transferPostings, reversalPostings, CREDIT_OF, PLEDGE_SETTLED_MEMO } from "./postings";
export type { MoneyMethod, PaymentMethod } from "./postings";

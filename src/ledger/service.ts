// The ledger's use cases, one room each; routes.ts, group-commit.ts and index.ts import them from here.
export { POSTERS, READERS, SERIES_OF } from "./types";
export type { AccountType, EntryKind, Series, Account, Posting, Entry, PostingInput, PostedBrief, EntryInput } from "./types";
export { openBooks, listAccounts, openAccount, updateAccount, findAccount, nextFreeCode, findAccountById } from "./accounts";
export type { AccountInput } from "./accounts";
export { recordEntries, recordEntriesBrief, recordEntriesTogether, postEntries } from "./posting";
export { paidOut, SPLIT_WINDOW_DAYS } from "./approvals";
export { reverseEntry } from "./reversal";
export { hydrate, getEntry, listEntries, balance, trialBalance, register, journal } from "./reads";
export type { EntryQuery, TrialBalanceRow, RegisterRow } from "./reads";
export { streamHledger } from "./journal-export";
export { verifyChain, anchorHolds, publicChainHead, chainHead } from "./verify";
export type { VerifyResult } from "./verify";
export { closePeriod, listClosings } from "./closings";
export type { Closing } from "./closings";
export { campaignSums, householdSums, entriesByIds, reversedAmong, voucherNumbers, findEntry, campaignHouseholdTotals } from "./lookups";
export type { AccountSum } from "./lookups";
export { streamEntries, cashFlows, countEntriesAfter, streamJournal, entriesOnAccounts } from "./statement-reads";
export type { EntryScope, CashFlows, JournalLine, AccountEntry } from "./statement-reads";

import type { Actor } from "../identity";
import { STAFF } from "../identity";
import type { Dong } from "../shared/money";
import type { ChainedEntry } from "./hash-chain";
import type { AccountRow } from "./queries";

// The ledger's values: what an account, an entry and a posting are, in and out.

export type AccountType = "asset" | "liability" | "net_assets" | "revenue" | "expense";
export type EntryKind = "contribution" | "expense" | "transfer" | "opening" | "adjustment" | "reversal";
export type Series = "PT" | "PC" | "PK";

/** Who may post to a unit's books, and who may read them (DESIGN §2). */
export const POSTERS = ["treasurer", "admin"] as const;
export const READERS = STAFF;

// DESIGN §4.5: receipts PT, payments PC, everything else PK.
export const SERIES_OF: Record<EntryKind, Series> = {
  contribution: "PT",
  expense: "PC",
  transfer: "PK",
  opening: "PK",
  adjustment: "PK",
  reversal: "PK",
};

export interface Account {
  id: number;
  unitId: number;
  code: string;
  name: string;
  type: AccountType;
  parentCode: string | null;
  noOverdraft: boolean;
  isActive: boolean;
}

export interface Posting {
  account: string;
  accountName: string;
  amount: Dong;
  memo: string | null;
}

export interface Entry extends Omit<ChainedEntry, "postings"> {
  id: number;
  hashVersion: number;
  createdByName: string | null;
  payee: string | null;
  prevHash: string;
  hash: string;
  postings: Posting[];
  reversedBy?: number | null;
}

export interface PostingInput {
  /** The account's code in the entry's unit ("111"), or its id (other modules). */
  account?: string;
  accountId?: number;
  /** Whole đồng, or the wire string as received (a batch's, "1250000"), which checkEntry parses. */
  amount: Dong | string;
  memo?: string | null;
}

/** What a batch that asked for `return=minimal` gets back: how many, and the two ends. */
export interface PostedBrief {
  count: number;
  first: { id: number; seq: number; voucherNo: string; hash: string };
  last: { id: number; seq: number; voucherNo: string; hash: string };
}

export interface EntryInput {
  date: string;
  kind: EntryKind;
  description: string;
  postings: PostingInput[];
  householdId?: number | null;
  campaignId?: number | null;
  workId?: number | null;
  /** Whom a payment pays (shown with its voucher, so in its hash). */
  payee?: string | null;
  /** Defaults to the kind's series (SERIES_OF). */
  series?: Series;
  reversesId?: number | null;
  /** Who posts this one, when entries of several requests are posted together (defaults to the caller). */
  by?: Actor;
}

export const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  unitId: r.unit_id,
  code: r.code,
  name: r.name,
  type: r.type as AccountType,
  parentCode: r.parent_code,
  noOverdraft: Boolean(r.no_overdraft),
  isActive: Boolean(r.is_active),
});

/** A posting that passed checkEntry: its account found, its amount as the wire string and as exact đồng. */
export interface CheckedPosting {
  acc: AccountRow;
  wire: string;
  dong: Dong;
  memo: string | null;
}

/** An entry that passed checkEntry, with its postings resolved. */
export interface CheckedEntry {
  input: EntryInput;
  postings: CheckedPosting[];
}

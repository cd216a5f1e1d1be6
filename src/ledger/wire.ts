// What the ledger's endpoints answer, as the web client reads it. Types only, no imports from the
// server side: the client's compiler reads this file without Node or knex, and dto.ts is checked
// to build exactly these shapes. Amounts are whole đồng as decimal strings, signed on postings
// and balances (debit positive).

export type AccountTypeName = "asset" | "liability" | "net_assets" | "revenue" | "expense";

export interface AccountWire {
  id: number;
  code: string;
  name: string;
  type: AccountTypeName;
  parentCode: string | null;
  noOverdraft: boolean;
  isActive: boolean;
}

export interface PostingWire {
  account: string;
  accountName: string;
  amount: string;
  memo: string | null;
}

export interface EntryWire {
  id: number;
  unitId: number;
  seq: number;
  voucherNo: string;
  date: string;
  kind: string;
  description: string;
  householdId: number | null;
  campaignId: number | null;
  workId: number | null;
  reverses: number | null;
  payee: string | null;
  /** Present when the read looked it up: the entry that reverses this one, or null. */
  reversedBy?: number | null;
  postings: PostingWire[];
  hash: string;
  prevHash: string;
  hashVersion: number;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
}

export interface TrialRowWire {
  account: string;
  name: string;
  type: AccountTypeName;
  opening: string;
  debit: string;
  credit: string;
  closing: string;
}

export interface RegisterRowWire {
  entryId: number;
  seq: number;
  voucherNo: string;
  date: string;
  kind: string;
  description: string;
  memo: string | null;
  debit: string;
  credit: string;
  balance: string;
}

/** A closed period: every date through `through` is frozen. */
export interface ClosingWire {
  id: number;
  through: string;
  chainHead: { seq: number; hash: string };
  balances: { account: string; balance: string }[];
  createdBy: number | null;
  createdAt: string;
}

/** A page of an account's register, with the balance it opens on. */
export interface RegisterWire {
  account: string;
  name: string;
  from: string;
  to: string;
  opening: string;
  rows: RegisterRowWire[];
  nextCursor: string | null;
}

import crypto from "node:crypto";
import { canonicalJson } from "../shared/canonical-json";

// DESIGN §4.8: entries of a unit form a hash chain.
//   hash = sha256_hex(prevHash + canonical(entry))        prevHash of seq 1 = 64 zeros
// canonical(entry) is JSON with object keys sorted, no whitespace, of exactly these fields (as the
// API returns them): campaignId, createdAt, createdBy, date, description, householdId, kind,
// postings [{account, amount, memo}] in posting order, reverses, seq, unitId, voucherNo, workId.
// Amounts are decimal strings of đồng. bin/verify-chain.mjs recomputes it from the API alone.

export const ZERO_HASH = "0".repeat(64);

export interface ChainedEntry {
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
  createdBy: number | null;
  createdAt: string;
  postings: { account: string; amount: string; memo: string | null }[];
}

/**
 * canonicalJson of the entry's fields, written out directly: the keys are fixed and already in
 * sorted order, so the bytes are the same (a test compares the two) at a third of the cost, which
 * matters to batches and to verifying millions of entries.
 */
export function canonicalEntry(e: ChainedEntry): string {
  const j = JSON.stringify;
  let postings = "";
  for (const p of e.postings) {
    postings += `${postings ? "," : ""}{"account":${j(p.account)},"amount":${j(p.amount)},"memo":${j(p.memo)}}`;
  }
  return (
    `{"campaignId":${j(e.campaignId)},"createdAt":${j(e.createdAt)},"createdBy":${j(e.createdBy)},"date":${j(e.date)},` +
    `"description":${j(e.description)},"householdId":${j(e.householdId)},"kind":${j(e.kind)},"postings":[${postings}],` +
    `"reverses":${j(e.reverses)},"seq":${j(e.seq)},"unitId":${j(e.unitId)},"voucherNo":${j(e.voucherNo)},"workId":${j(e.workId)}}`
  );
}

/** The definition canonicalEntry must agree with (used by its test). */
export function canonicalEntryByDefinition(e: ChainedEntry): string {
  return canonicalJson({
    campaignId: e.campaignId,
    createdAt: e.createdAt,
    createdBy: e.createdBy,
    date: e.date,
    description: e.description,
    householdId: e.householdId,
    kind: e.kind,
    postings: e.postings.map((p) => ({ account: p.account, amount: p.amount, memo: p.memo })),
    reverses: e.reverses,
    seq: e.seq,
    unitId: e.unitId,
    voucherNo: e.voucherNo,
    workId: e.workId,
  });
}

export function entryHash(prevHash: string, e: ChainedEntry): string {
  // One-shot: no Hash object per entry (half the time of createHash().update().digest()).
  return crypto.hash("sha256", prevHash + canonicalEntry(e), "hex");
}

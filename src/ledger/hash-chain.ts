import crypto from "node:crypto";
import { canonicalJson } from "../shared/canonical-json";

// DESIGN §4.8: entries of a unit form a hash chain.
//   hash = sha256_hex(prevHash + canonical(entry))        prevHash of seq 1 = 64 zeros
// canonical(entry) is JSON with object keys sorted, no whitespace, of the entry's fields as the API
// returns them. Which fields depends on the entry's hash version (CONTEXT.md gives both byte for byte):
//  1: campaignId, createdAt, createdBy, date, description, householdId, kind,
//     postings [{account, amount, memo}] in posting order, reverses, seq, unitId, voucherNo, workId.
//  2: version 1's, and createdByName, hashVersion (2), id, payee: everything an entry shows.
// Amounts are decimal strings of đồng. bin/verify-chain.mjs recomputes both from the API alone.

export const ZERO_HASH = "0".repeat(64);

/** The version new entries are hashed with; older entries keep verifying under their own. */
export const HASH_VERSION = 2;
export const HASH_VERSIONS: readonly number[] = [1, 2];

export interface ChainedEntry {
  /** 1 when absent: what entries were hashed with before versions existed. */
  hashVersion?: number;
  /** Version 2 on. */
  id?: number;
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
  /** Version 2 on: the recorder's name as shown, as it was at posting. */
  createdByName?: string | null;
  createdAt: string;
  /** Version 2 on. */
  payee?: string | null;
  postings: { account: string; amount: string; memo: string | null }[];
}

const v2 = (e: ChainedEntry) => (e.hashVersion ?? 1) >= 2;

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
  const two = v2(e);
  return (
    `{"campaignId":${j(e.campaignId)},"createdAt":${j(e.createdAt)},"createdBy":${j(e.createdBy)},` +
    (two ? `"createdByName":${j(e.createdByName ?? null)},` : "") +
    `"date":${j(e.date)},"description":${j(e.description)},` +
    (two ? `"hashVersion":${j(e.hashVersion)},` : "") +
    `"householdId":${j(e.householdId)},` +
    (two ? `"id":${j(e.id ?? null)},` : "") +
    `"kind":${j(e.kind)},` +
    (two ? `"payee":${j(e.payee ?? null)},` : "") +
    `"postings":[${postings}],` +
    `"reverses":${j(e.reverses)},"seq":${j(e.seq)},"unitId":${j(e.unitId)},"voucherNo":${j(e.voucherNo)},"workId":${j(e.workId)}}`
  );
}

/** The definition canonicalEntry must agree with (used by its test). */
export function canonicalEntryByDefinition(e: ChainedEntry): string {
  const fields: Record<string, unknown> = {
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
  };
  if (v2(e)) Object.assign(fields, { createdByName: e.createdByName ?? null, hashVersion: e.hashVersion, id: e.id ?? null, payee: e.payee ?? null });
  return canonicalJson(fields);
}

export function entryHash(prevHash: string, e: ChainedEntry): string {
  return crypto.hash("sha256", hashInput(prevHash, e), "hex");
}

// entryHash's bytes, prevHash then canonicalEntry(e) in UTF-8, written into one reused buffer: the
// string form cost ~3.5 KB of short-lived strings per entry (a 1,000-entry batch's largest share of
// garbage, and verify's), this one nothing but the escaped text fields. A test holds the two equal.
let scratch = Buffer.allocUnsafe(64 * 1024);
let at = 0;

// Text JSON.stringify would write as is: no quote, backslash, control character or surrogate
// (a lone one is escaped; a pair is written as is, so either way the general path is right).
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

// Short ASCII text (the literals, numbers, and below dates, kinds, codes, amounts, voucher numbers)
// is copied a character at a time: a Buffer.write per field, ~40 an entry, cost more than the hashing.
function ascii(s: string) {
  for (let i = 0; i < s.length; i++) scratch[at++] = s.charCodeAt(i);
}

/** JSON.stringify(v)'s bytes, for whatever a row holds (a tampered one too). */
function json(v: unknown) {
  if (typeof v === "string") {
    if (v.length <= 64) {
      let plain = true;
      for (let i = 0; i < v.length; i++) {
        const c = v.charCodeAt(i);
        if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) {
          plain = false;
          break;
        }
      }
      if (plain) {
        scratch[at++] = 0x22; // "
        for (let i = 0; i < v.length; i++) scratch[at++] = v.charCodeAt(i);
        scratch[at++] = 0x22;
        return;
      }
    }
    if (PLAIN.test(v)) {
      scratch[at++] = 0x22;
      at += scratch.write(v, at, "utf8");
      scratch[at++] = 0x22;
    } else at += scratch.write(JSON.stringify(v), at, "utf8");
  } else if (typeof v === "number" && Number.isSafeInteger(v)) ascii(String(v));
  else if (v === null) ascii("null");
  else at += scratch.write(String(JSON.stringify(v)), at, "utf8");
}

function most(v: unknown): number {
  return typeof v === "string" ? 6 * v.length + 2 : typeof v === "number" || v == null ? 24 : 3 * String(JSON.stringify(v)).length;
}

function hashInput(prevHash: string, e: ChainedEntry): Buffer {
  // Bytes at most: 6 a character of text (\u001f), 24 a number, the literals well within 1 KB.
  let bound = 1024 + 3 * prevHash.length;
  bound += most(e.campaignId) + most(e.createdAt) + most(e.createdBy) + most(e.date) + most(e.description) + most(e.householdId);
  bound += most(e.kind) + most(e.reverses) + most(e.seq) + most(e.unitId) + most(e.voucherNo) + most(e.workId);
  const two = v2(e);
  if (two) bound += most(e.createdByName) + most(e.hashVersion) + most(e.id) + most(e.payee);
  for (const p of e.postings) bound += 64 + most(p.account) + most(p.amount) + most(p.memo);
  if (bound > scratch.length) scratch = Buffer.allocUnsafe(bound);
  at = 0;
  at += scratch.write(prevHash, at, "utf8");
  ascii('{"campaignId":');
  json(e.campaignId);
  ascii(',"createdAt":');
  json(e.createdAt);
  ascii(',"createdBy":');
  json(e.createdBy);
  if (two) {
    ascii(',"createdByName":');
    json(e.createdByName ?? null);
  }
  ascii(',"date":');
  json(e.date);
  ascii(',"description":');
  json(e.description);
  if (two) {
    ascii(',"hashVersion":');
    json(e.hashVersion);
  }
  ascii(',"householdId":');
  json(e.householdId);
  if (two) {
    ascii(',"id":');
    json(e.id ?? null);
  }
  ascii(',"kind":');
  json(e.kind);
  if (two) {
    ascii(',"payee":');
    json(e.payee ?? null);
  }
  ascii(',"postings":[');
  for (let i = 0; i < e.postings.length; i++) {
    const p = e.postings[i];
    ascii(i ? ',{"account":' : '{"account":');
    json(p.account);
    ascii(',"amount":');
    json(p.amount);
    ascii(',"memo":');
    json(p.memo);
    ascii("}");
  }
  ascii('],"reverses":');
  json(e.reverses);
  ascii(',"seq":');
  json(e.seq);
  ascii(',"unitId":');
  json(e.unitId);
  ascii(',"voucherNo":');
  json(e.voucherNo);
  ascii(',"workId":');
  json(e.workId);
  ascii("}");
  return scratch.subarray(0, at);
}

import crypto from "node:crypto";
import { canonicalJson } from "../shared/canonical-json";
import type { EntryWire } from "./wire";

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

/** The fields an entry's hash covers: those it shows on the wire, the later versions' optional. */
export interface ChainedEntry
  extends Pick<EntryWire, "unitId" | "seq" | "voucherNo" | "date" | "kind" | "description" | "householdId" | "campaignId" | "workId" | "reverses" | "createdBy" | "createdAt"> {
  /** 1 when absent: what entries were hashed with before versions existed. */
  hashVersion?: number;
  /** Version 2 on. */
  id?: number;
  /** Version 2 on: the recorder's name as shown, as it was at posting. */
  createdByName?: string | null;
  /** Version 2 on. */
  payee?: string | null;
  postings: { account: string; amount: string; memo: string | null }[];
}

const v2 = (e: ChainedEntry) => (e.hashVersion ?? 1) >= 2;

/** The definition: canonicalJson of the entry's fields for its version. */
export function canonicalEntry(e: ChainedEntry): string {
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

// The fast path: hashInput(prevHash, e) is the UTF-8 of prevHash + canonicalEntry(e), written
// straight into one buffer, keys already in sorted order. Batches and verify hash every entry, and
// the string form makes short-lived strings for each (bench/README.md). test/ledger/hash-chain.test.ts holds
// the two byte-identical over seeded random entries.

// Text JSON.stringify would write as is: no quote, backslash, control character or surrogate
// (a lone one is escaped; a pair is written as is, so either way the general path is right).
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** Bytes at most that JSON.stringify(v) takes in UTF-8: 6 a character of text (\u001f), 24 a number. */
function most(v: unknown): number {
  return typeof v === "string" ? 6 * v.length + 2 : typeof v === "number" || v == null ? 24 : 3 * String(JSON.stringify(v)).length;
}

class Bytes {
  at = 0;
  constructor(readonly buf: Buffer) {}

  // Short ASCII text (the literals, numbers, and below dates, kinds, codes, amounts, voucher numbers)
  // is copied a character at a time: a Buffer.write per field, ~40 an entry, cost more than the hashing.
  ascii(s: string) {
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < s.length; i++) b[at++] = s.charCodeAt(i);
    this.at = at;
  }

  /** JSON.stringify(v)'s bytes, for whatever a row holds (a tampered one too). */
  json(v: unknown) {
    const b = this.buf;
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
          let at = this.at;
          b[at++] = 0x22; // "
          for (let i = 0; i < v.length; i++) b[at++] = v.charCodeAt(i);
          b[at++] = 0x22;
          this.at = at;
          return;
        }
      }
      if (PLAIN.test(v)) {
        b[this.at++] = 0x22;
        this.at += b.write(v, this.at, "utf8");
        b[this.at++] = 0x22;
      } else this.at += b.write(JSON.stringify(v), this.at, "utf8");
    } else if (typeof v === "number" && Number.isSafeInteger(v)) this.ascii(String(v));
    else if (v === null) this.ascii("null");
    else this.at += b.write(String(JSON.stringify(v)), this.at, "utf8");
  }
}

/** prevHash then canonicalEntry(e), in UTF-8: what entryHash hashes. */
export function hashInput(prevHash: string, e: ChainedEntry): Buffer {
  // Below 4 KB (most entries) Buffer.allocUnsafe slices node's shared pool: no allocation of its own.
  let bound = 1024 + 3 * prevHash.length;
  bound += most(e.campaignId) + most(e.createdAt) + most(e.createdBy) + most(e.date) + most(e.description) + most(e.householdId);
  bound += most(e.kind) + most(e.reverses) + most(e.seq) + most(e.unitId) + most(e.voucherNo) + most(e.workId);
  const two = v2(e);
  if (two) bound += most(e.createdByName) + most(e.hashVersion) + most(e.id) + most(e.payee);
  for (const p of e.postings) bound += 64 + most(p.account) + most(p.amount) + most(p.memo);
  const w = new Bytes(Buffer.allocUnsafe(bound));
  w.at += w.buf.write(prevHash, 0, "utf8");
  w.ascii('{"campaignId":');
  w.json(e.campaignId);
  w.ascii(',"createdAt":');
  w.json(e.createdAt);
  w.ascii(',"createdBy":');
  w.json(e.createdBy);
  if (two) {
    w.ascii(',"createdByName":');
    w.json(e.createdByName ?? null);
  }
  w.ascii(',"date":');
  w.json(e.date);
  w.ascii(',"description":');
  w.json(e.description);
  if (two) {
    w.ascii(',"hashVersion":');
    w.json(e.hashVersion);
  }
  w.ascii(',"householdId":');
  w.json(e.householdId);
  if (two) {
    w.ascii(',"id":');
    w.json(e.id ?? null);
  }
  w.ascii(',"kind":');
  w.json(e.kind);
  if (two) {
    w.ascii(',"payee":');
    w.json(e.payee ?? null);
  }
  w.ascii(',"postings":[');
  for (let i = 0; i < e.postings.length; i++) {
    const p = e.postings[i];
    w.ascii(i ? ',{"account":' : '{"account":');
    w.json(p.account);
    w.ascii(',"amount":');
    w.json(p.amount);
    w.ascii(',"memo":');
    w.json(p.memo);
    w.ascii("}");
  }
  w.ascii('],"reverses":');
  w.json(e.reverses);
  w.ascii(',"seq":');
  w.json(e.seq);
  w.ascii(',"unitId":');
  w.json(e.unitId);
  w.ascii(',"voucherNo":');
  w.json(e.voucherNo);
  w.ascii(',"workId":');
  w.json(e.workId);
  w.ascii("}");
  return w.buf.subarray(0, w.at);
}

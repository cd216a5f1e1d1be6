import type { Db } from "../db/knex";
import { Actor, authorize, isSystem, SystemReason } from "../identity";
import { ZERO_HASH, HASH_VERSIONS, entryHash } from "./hash-chain";
import * as q from "./queries";
import { Anchor, anchorsOf } from "./anchors";
import { chainedFields } from "./reads";
import { voucherAgrees } from "./vouchers";
import { READERS } from "./types";
import { fromDb } from "../shared/money";

// The hash chain checked (DESIGN §4.8) and its head read.

export interface VerifyResult {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  /**
   * The first link that does not hold. reason: seq_gap, prev_hash_mismatch, unbalanced, posting_mismatch,
   * voucher_mismatch, unknown_hash_version, hash_version_downgrade, hash_mismatch; and against an anchor
   * (a head recorded elsewhere, named): anchor_mismatch (the entry at its seq has another hash),
   * missing_after_anchor (the chain ends before its seq: entries were cut).
   */
  firstBroken?: { seq: number; reason: string; anchor?: Anchor };
}

/**
 * DESIGN §4.8: recomputes the unit's chain, holds it to every anchor, and names the first broken
 * link. Anyone who works on or oversees the unit; or a stated reason (a restored copy checked).
 */
export async function verifyChain(db: Db, who: Actor | SystemReason, unitId: number): Promise<VerifyResult> {
  if (!isSystem(who)) await authorize(db, who, READERS, unitId);
  let prev = ZERO_HASH;
  let expected = 1;
  let count = 0;
  let version = 1;
  const codes = new Map((await q.listAccounts(db, unitId)).map((a) => [a.id, a.code]));
  const anchors = await anchorsOf(db, unitId);
  let nextAnchor = 0; // anchors are by seq: the walk passes them in order
  const PAGE = 5000;
  for (;;) {
    const rows = await q.entriesBySeq(db, unitId, expected, PAGE);
    if (!rows.length) break;
    // Entries of a unit get increasing ids as their seq grows, so their postings lie in one id range.
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      lo = Math.min(lo, Number(r.id));
      hi = Math.max(hi, Number(r.id));
    }
    const byEntry = new Map<number, q.ChainPostingRow[]>();
    for (const p of await q.postingsInIdRange(db, unitId, lo, hi)) {
      const id = Number(p.entry_id);
      let list = byEntry.get(id);
      if (!list) byEntry.set(id, (list = []));
      list.push(p);
    }
    for (const r of rows) {
      const seq = Number(r.seq);
      const broken = (reason: string, anchor?: Anchor): VerifyResult => ({
        ok: false, entries: count, head: count ? { seq: expected - 1, hash: prev } : null, firstBroken: anchor ? { seq, reason, anchor } : { seq, reason },
      });
      if (seq !== expected) return { ...broken("seq_gap"), firstBroken: { seq: expected, reason: "seq_gap" } };
      if (r.prev_hash !== prev) return broken("prev_hash_mismatch");
      const ps = byEntry.get(Number(r.id)) ?? [];
      let sum = 0n;
      for (const p of ps) sum += fromDb(p.amount);
      if (ps.length < 2 || sum !== 0n) return broken("unbalanced");
      // A posting's copies of its entry's date and seq are what registers and balances read.
      if (ps.some((p) => p.entry_date !== r.entry_date || Number(p.seq) !== seq)) return broken("posting_mismatch");
      if (!voucherAgrees(r)) return broken("voucher_mismatch");
      const v = Number(r.hash_version);
      if (!HASH_VERSIONS.includes(v)) return broken("unknown_hash_version");
      if (v < version) return broken("hash_version_downgrade"); // an entry claiming an older form to hide a field
      const postings = ps.map((p) => ({ account: codes.get(p.account_id) ?? "?", amount: String(p.amount), memo: p.memo }));
      const hash = entryHash(prev, chainedFields(r, postings));
      if (hash !== r.hash) return broken("hash_mismatch");
      for (; nextAnchor < anchors.length && anchors[nextAnchor].seq === seq; nextAnchor++) {
        if (anchors[nextAnchor].hash !== hash) return broken("anchor_mismatch", anchors[nextAnchor]);
      }
      version = v;
      prev = hash;
      expected++;
      count++;
    }
    if (rows.length < PAGE) break;
  }
  const head = count ? { seq: expected - 1, hash: prev } : null;
  // An anchor past the last entry: the books once went further.
  if (nextAnchor < anchors.length) return { ok: false, entries: count, head, firstBroken: { seq: expected, reason: "missing_after_anchor", anchor: anchors[nextAnchor] } };
  return { ok: true, entries: count, head };
}

/**
 * Does the unit's chain hold, at `seq`, the entry with this hash? (A head noted down or printed
 * earlier; seq 0 is the empty books.) Compares with the stored hash: verify recomputes the chain.
 */
export async function anchorHolds(db: Db, unitId: number, seq: number, hash: string): Promise<boolean> {
  if (seq === 0) return hash === ZERO_HASH;
  return (await q.hashAt(db, unitId, seq)) === hash;
}

/** The unit's chain head and when its entry was recorded (null with no entries). */
export async function publicChainHead(db: Db, unitId: number): Promise<{ seq: number; hash: string; at: string | null }> {
  const h = await q.headWithTime(db, unitId);
  if (!h) return { seq: 0, hash: ZERO_HASH, at: null };
  const at = new Date(h.created_at);
  return { seq: Number(h.seq), hash: h.hash, at: Number.isNaN(at.getTime()) ? h.created_at : at.toISOString() };
}

export async function chainHead(db: Db, unitId: number): Promise<{ seq: number; hash: string }> {
  return (await q.head(db, unitId)) ?? { seq: 0, hash: ZERO_HASH };
}

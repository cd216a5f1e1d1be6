import type { Db } from "../db/knex";

// Anchors: chain heads the system recorded elsewhere (a closing's head, a publication's, a receipt's
// entry, the head a cash count or an inspection saw). Each is a promise that the entry at `seq` had
// `hash`; the ledger's verify holds the books to all of them, so cutting the tail of the chain (and
// recomputing it) is seen as long as one anchor above the cut survives. A module that records a
// chain head registers where its heads are, once, beside its tables: verify then checks them
// without the ledger reading another module's tables, and no caller can forget a kind.

export interface Anchor {
  kind: string;
  id: number;
  seq: number;
  hash: string;
}

/** A module's anchors of one unit: its rows' ids and their "<seq>:<hash>" heads (null: none). */
export type AnchorSource = (db: Db, unitId: number) => Promise<{ id: number | string; chainHead: string | null }[]>;

const SOURCES = new Map<string, AnchorSource>();

export function registerAnchors(kind: string, source: AnchorSource): void {
  SOURCES.set(kind, source);
}

/** "<seq>:<hash>" as written by the modules; undefined for anything else (a tampered row too). */
export function parseHead(s: string | null | undefined): { seq: number; hash: string } | undefined {
  const m = /^([0-9]{1,15}):([0-9a-f]{64})$/.exec(s ?? "");
  return m ? { seq: Number(m[1]), hash: m[2] } : undefined;
}

/** Every anchor the system holds for a unit, by seq (seq 0, the empty books, anchors nothing). */
export async function anchorsOf(db: Db, unitId: number): Promise<Anchor[]> {
  const out: Anchor[] = [];
  for (const [kind, source] of SOURCES) {
    for (const r of await source(db, unitId)) {
      const h = parseHead(r.chainHead);
      if (h && h.seq > 0) out.push({ kind, id: Number(r.id), seq: h.seq, hash: h.hash });
    }
  }
  return out.sort((a, b) => a.seq - b.seq || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id - b.id));
}

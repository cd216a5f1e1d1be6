import crypto from "node:crypto";
import path from "node:path";
import { sum, toWire } from "../shared/money";
import { STATEMENTS, StatementKind } from "../../reports/statements";
import * as contributions from "../contributions";
import type { Db } from "../db/knex";
import { asSystem, findUnit, Unit } from "../identity";
import * as ledger from "../ledger";
import { AppError, NotFoundError, RuleViolation } from "../shared/errors";
import { Figure, scan } from "./model";
import * as q from "./queries";
import { hydrate, Publication, PublicationEnv } from "./records";
import { embeddedFields } from "./render/pdf";
import { buildStatement, countChanges, RECEIPT_CODE, statementScope } from "./statements";

// What the public sees without signing in: published publications and their files, and the
// verification of a copy by its code and hash or by its bytes. A published statement's chain head
// is an anchor the ledger's verify checks.
ledger.registerAnchors("publication", q.publicationHeads);

/**
 * A code as a resident may type it off the paper: any case, with spaces, dashes or dots between its
 * letters ("abcde-fghjk"); a household receipt's code keeps its form, its hash part in lower case.
 */
export function normalizeCode(raw: string): string {
  const t = raw.trim();
  const receipt = /^r[\s.-]*([0-9]{1,15})[\s.-]+([0-9a-f]{10})$/i.exec(t);
  if (receipt) return `R-${receipt[1]}-${receipt[2].toLowerCase()}`;
  return t.replace(/[\s._-]+/g, "").toUpperCase();
}

async function publicUnit(db: Db, unitId: number): Promise<Unit> {
  const unit = await findUnit(db, unitId);
  if (!unit) throw new NotFoundError("unit", { id: unitId });
  return unit;
}

/** A unit's published publications, newest first (no login; drafts never). */
export async function listPublished(db: Db, unitId: number): Promise<Publication[]> {
  await publicUnit(db, unitId);
  return hydrate(db, await q.listPublished(db, unitId));
}

/** The stored file of a published publication; 404 for a draft or an unknown id. */
export async function publishedFile(db: Db, env: PublicationEnv, id: number, ext: "pdf" | "xlsx") {
  const row = await q.findPublished(db, id);
  if (!row) throw new NotFoundError("publication", { id });
  const rel = ext === "pdf" ? row.pdf_file! : row.xlsx_file!;
  return { file: path.resolve(env.filesDir, rel), sha256: ext === "pdf" ? row.pdf_sha256! : row.xlsx_sha256!, publication: (await hydrate(db, [row]))[0] };
}

export interface Verification {
  genuine: boolean;
  code?: string;
  publicationId?: number;
  unit?: { id: number; code: string; name: string };
  kind?: string;
  title?: string;
  period?: { from: string | null; to: string | null };
  publishedAt?: string;
  chainHead?: string;
  /** The chain head it was made from is still in the books (false: entries up to it are gone or differ). */
  chainIntact?: boolean;
  current?: boolean;
  newerEntries?: number;
  supersededBy?: number | null;
  /** The statement's headline figures as published, to hold beside the paper (none for a copy published before they were kept). */
  figures?: Figure[];
  reason?: string;
  /** A household receipt (code R-…): the receipt as the public ledger shows it. */
  receipt?: { voucherNo: string; date: string; amount: string; household: string | null; reversed: boolean };
}

/**
 * A household receipt's code names its entry and the start of the entry's chain hash: genuine when
 * both match (the hash printed on a receipt depends on when it was printed, so it is not checked);
 * current while the receipt has not been reversed. 404 when no such receipt.
 */
async function verifyReceipt(db: Db, entryId: number, hashStart: string): Promise<Verification> {
  const [e] = await ledger.entriesByIds(db, undefined, [entryId]);
  if (!e || e.kind !== "contribution" || !e.voucherNo.startsWith("PT-") || !e.hash.startsWith(hashStart)) throw new NotFoundError("receipt", { id: entryId });
  const unit = (await findUnit(db, e.unitId))!;
  const household = e.householdId ? await contributions.findHousehold(db, e.householdId) : undefined;
  const amount = sum(e.postings.filter((p) => p.amount > 0n).map((p) => p.amount));
  return {
    genuine: true,
    code: `R-${e.id}-${hashStart}`,
    unit: { id: unit.id, code: unit.code, name: unit.name },
    kind: "receipt",
    title: STATEMENTS.receipt.title.vi,
    period: { from: e.date, to: e.date },
    publishedAt: e.createdAt,
    chainHead: `${e.seq}:${e.hash}`,
    current: !e.reversedBy,
    newerEntries: await ledger.countEntriesAfter(db, e.unitId, e.seq),
    receipt: { voucherNo: e.voucherNo, date: e.date, amount: toWire(amount), household: household?.code ?? null, reversed: Boolean(e.reversedBy) },
  };
}

/** A statement verified by its hash and already being rebuilt for another request: that one rebuild answers both. */
const rebuilding = new Map<number, Promise<string | null>>();

/**
 * The data hash the statement would have if made now from the same parameters, board opinions and
 * superseded copy as the published one; null when it can no longer be made (its subject is gone).
 */
function hashNow(db: Db, unit: Unit, row: q.PublicationRow, at: string): Promise<string | null> {
  const key = row.id;
  const running = rebuilding.get(key);
  if (running) return running;
  const made = (async () => {
    const [p] = await hydrate(db, [row]);
    const old = row.supersedes_id ? await q.findPublication(db, row.unit_id, row.supersedes_id) : undefined;
    try {
      const model = await buildStatement(db, unit, p.kind, p.params, {
        actor: asSystem("a published statement rebuilt to verify it"),
        at: new Date(at),
        code: row.code,
        publicBaseUrl: "",
        opinions: p.opinions.map(({ id: _id, ...o }) => o),
        supersedes: old ? { code: old.code!, seq: Number(old.chain_seq) } : undefined,
      });
      return (await scan(model)).dataHash;
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return null;
      throw err;
    }
  })().finally(() => rebuilding.delete(key));
  rebuilding.set(key, made);
  return made;
}

/**
 * Whether a published statement is current, and its newer entries. Version 2 (its hash covers its
 * own data): current exactly when the statement made now hashes the same, and the newer entries are
 * those of its scope since its chain head (an entry and its reversal both since count as none).
 * Version 1 (its hash covered the chain head), as it was published: current while the unit has no
 * entry after that head, and every such entry is newer.
 */
async function currency(db: Db, unit: Unit, row: q.PublicationRow, chainIntact: boolean, at: string): Promise<{ current: boolean; newerEntries: number }> {
  const seq = Number(row.chain_seq);
  if (Number(row.hash_version) < 2) {
    const newerEntries = await ledger.countEntriesAfter(db, unit.id, seq);
    return { current: chainIntact && newerEntries === 0, newerEntries };
  }
  const now = await ledger.chainHead(db, unit.id);
  const scope = await statementScope(db, unit, row.kind as StatementKind, JSON.parse(row.params));
  const newerEntries = await countChanges(db, unit.id, scope, seq, now.seq);
  // Books cut below its head are not "unchanged since", whatever a rebuild says.
  return { current: chainIntact && (await hashNow(db, unit, row, at)) === row.data_hash, newerEntries };
}

async function verification(db: Db, row: q.PublicationRow, at: string): Promise<Verification> {
  const unit = (await findUnit(db, row.unit_id))!;
  const chainIntact = await ledger.anchorHolds(db, row.unit_id, Number(row.chain_seq), row.chain_hash!);
  const { current, newerEntries } = await currency(db, unit, row, chainIntact, at);
  return {
    genuine: true,
    code: row.code!,
    publicationId: row.id,
    unit: { id: unit.id, code: unit.code, name: unit.name },
    kind: row.kind,
    title: STATEMENTS[row.kind as StatementKind]?.title.vi,
    period: { from: row.period_from, to: row.period_to },
    publishedAt: row.published_at!,
    chainHead: `${Number(row.chain_seq)}:${row.chain_hash}`,
    chainIntact,
    current,
    newerEntries,
    supersededBy: row.superseded_by_id,
    ...(row.figures ? { figures: JSON.parse(row.figures) as Figure[] } : {}),
  };
}

/**
 * Checks a copy by its code (as typed: normalizeCode) and the data hash printed on it, at the instant
 * `at`: 404 for an unknown code; {genuine: false} for another hash.
 */
export async function verifyCode(db: Db, code: string, hash: string, at: string): Promise<Verification> {
  const c = normalizeCode(code);
  const receipt = RECEIPT_CODE.exec(c);
  if (receipt) return verifyReceipt(db, Number(receipt[1]), receipt[2]);
  const row = await q.findByCode(db, c);
  if (!row) throw new NotFoundError("publication", { code });
  if (hash.toLowerCase() !== row.data_hash) return { genuine: false };
  return verification(db, row, at);
}

/** The published publication a code (as typed) names and its unit, without checking a hash. */
export async function findPublishedByCode(db: Db, code: string): Promise<{ publication: Publication; unit: Unit } | undefined> {
  const row = await q.findByCode(db, normalizeCode(code));
  if (!row) return undefined;
  return { publication: (await hydrate(db, [row]))[0], unit: (await findUnit(db, row.unit_id))! };
}

/**
 * What the public learns from a code alone (a resident typed it off the paper, no hash): the
 * published statement, its figures to compare with the paper by eye, and whether it is current.
 * `genuine` is left out: nothing of the copy was checked. Undefined for an unknown code.
 */
export async function statusOfCode(db: Db, code: string, at: string): Promise<Omit<Verification, "genuine"> | undefined> {
  const row = await q.findByCode(db, normalizeCode(code));
  if (!row) return undefined;
  const { genuine: _g, ...status } = await verification(db, row, at);
  return status;
}

/**
 * Checks an uploaded PDF: the hash and code embedded in it name a publication, and its bytes must be
 * the stored file's. 422 not_a_statement when the file carries neither; 404 for an unknown code.
 */
export async function verifyPdf(db: Db, bytes: Buffer, at: string): Promise<Verification> {
  const f = embeddedFields(bytes);
  if (!f.code || !f.dataHash) throw new RuleViolation("not_a_statement");
  if (f.code === "not-published") return { genuine: false, reason: "not_published" };
  const receipt = RECEIPT_CODE.exec(f.code);
  if (receipt) return verifyReceipt(db, Number(receipt[1]), receipt[2]); // a receipt is checked by its entry
  const row = await q.findByCode(db, f.code);
  if (!row) throw new NotFoundError("publication", { code: f.code });
  if (f.dataHash !== row.data_hash) return { genuine: false, reason: "hash_differs" };
  const sha = crypto.createHash("sha256").update(bytes).digest("hex");
  if (sha !== row.pdf_sha256) return { genuine: false, reason: "bytes_differ" };
  return verification(db, row, at);
}

import crypto from "node:crypto";
import path from "node:path";
import Decimal from "decimal.js";
import { STATEMENTS, StatementKind } from "../../reports/statements";
import * as contributions from "../contributions";
import type { Db } from "../db/knex";
import { findUnit, Unit } from "../identity";
import * as ledger from "../ledger";
import { NotFoundError, RuleViolation } from "../shared/errors";
import * as q from "./queries";
import { hydrate, Publication, PublicationEnv } from "./records";
import { embeddedFields } from "./render/pdf";
import { RECEIPT_CODE } from "./statements";

// What the public sees without signing in: published publications and their files, and the
// verification of a copy by its code and hash or by its bytes. A published statement's chain head
// is an anchor the ledger's verify checks.
ledger.registerAnchors("publication", q.publicationHeads);

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
  const amount = e.postings.filter((p) => p.amount.isPositive()).reduce((a, p) => a.plus(p.amount), new Decimal(0));
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
    receipt: { voucherNo: e.voucherNo, date: e.date, amount: amount.toFixed(0), household: household?.code ?? null, reversed: Boolean(e.reversedBy) },
  };
}

async function verification(db: Db, row: q.PublicationRow): Promise<Verification> {
  const unit = (await findUnit(db, row.unit_id))!;
  const newerEntries = await ledger.countEntriesAfter(db, row.unit_id, Number(row.chain_seq));
  const chainIntact = await ledger.anchorHolds(db, row.unit_id, Number(row.chain_seq), row.chain_hash!);
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
    // Books cut below its head are not "unchanged since": no count of newer entries can say so.
    current: chainIntact && newerEntries === 0,
    newerEntries,
    supersededBy: row.superseded_by_id,
  };
}

/** Checks a copy by its code and the data hash printed on it: 404 for an unknown code; {genuine: false} for another hash. */
export async function verifyCode(db: Db, code: string, hash: string): Promise<Verification> {
  const receipt = RECEIPT_CODE.exec(code);
  if (receipt) return verifyReceipt(db, Number(receipt[1]), receipt[2]);
  const row = await q.findByCode(db, code);
  if (!row) throw new NotFoundError("publication", { code });
  if (hash.toLowerCase() !== row.data_hash) return { genuine: false };
  return verification(db, row);
}

/** The published publication a code names and its unit, without checking a hash (the verify page). */
export async function findPublishedByCode(db: Db, code: string): Promise<{ publication: Publication; unit: Unit } | undefined> {
  const row = await q.findByCode(db, code);
  if (!row) return undefined;
  return { publication: (await hydrate(db, [row]))[0], unit: (await findUnit(db, row.unit_id))! };
}

/**
 * Checks an uploaded PDF: the hash and code embedded in it name a publication, and its bytes must be
 * the stored file's. 422 not_a_statement when the file carries neither; 404 for an unknown code.
 */
export async function verifyPdf(db: Db, bytes: Buffer): Promise<Verification> {
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
  return verification(db, row);
}

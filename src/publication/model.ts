import crypto from "node:crypto";
import Decimal from "decimal.js";
import type { StatementDef, StatementKind, TableDef } from "../../reports/statements";
import { canonicalJson } from "../shared/canonical-json";
import { Dong, toWire } from "../shared/money";

// The statement model (STYLE §2): what a statement says, built by statements.ts from the modules'
// services and handed to render/pdf.ts and render/xlsx.ts, which never query. Rows are an async
// iterable made afresh for each pass (hash, layout, drawing), so memory stays bounded however long
// the book: a long journal is read from the database page by page on every pass.

/** A cell: text, a whole number (STT), an amount (Decimal, never a JS number), a date (YYYY-MM-DD) or empty. */
export type Cell = string | number | Dong | null;
export type Row = Record<string, Cell>;

export interface StatementTable {
  def: TableDef;
  rows: () => AsyncIterable<Row>;
}

export interface Person {
  name: string;
  at: string;
}

export interface Opinion {
  board: string;
  stance: "sign_off" | "objection";
  text: string;
  by: string;
  at: string;
}

export interface StatementParams {
  campaignId?: number;
  entryId?: number;
  from?: string;
  to?: string;
  fund?: string;
}

export interface StatementModel {
  kind: StatementKind;
  def: StatementDef;
  params: StatementParams;
  unit: { id: number; code: string; name: string; kind: string };
  /** The issuing body's parent, upper line of the heading ("UBND XÃ TÂN LINH"); null for a province. */
  parentLine: string | null;
  /** The unit with its commune, as in running text (documents.md §5): "Thôn Đồng Tâm, xã Tân Linh". */
  unitFullName: string;
  /** The place in the place-and-date line ("Tân Linh"). */
  place: string;
  /** The date of the document (YYYY-MM-DD, Vietnam), from the clock. */
  date: string;
  /** Lines under the title: the subject, then the period. */
  subtitle: string[];
  period: { from: string | null; to: string | null };
  /** Labelled lines before the table (a receipt's payer, a campaign's decision). */
  fields: { label: string; value: string }[];
  /** The accounting form's number block (receipt): Số, Nợ, Có. */
  form?: { number: string; debit: string; credit: string; dateLine: string };
  tables: StatementTable[];
  /** Lines after the main table's totals (opening and closing balances, household counts). */
  summary: { label: string; value: Dong | string }[];
  /** The amount printed in words (bằng chữ). */
  words: { label: string; amount: Dong };
  opinions: Opinion[];
  /** A correction: the publication it supersedes (its code and chain head seq); tables[1] lists the changes since. */
  changesSince?: { code: string; seq: number };
  drafted?: Person;
  approved?: Person;
  chainHead: { seq: number; hash: string };
  /** UTC instant the document was generated (the clock's), printed and used as the PDF's dates. */
  generatedAt: string;
  /** The verification code of a publication; null on a staff download (not published). */
  code: string | null;
  verifyUrl: string;
}

/** What one pass over the data yields: the data hash, each table's totals and row count. */
export interface Scan {
  dataHash: string;
  totals: Record<string, Dong>[];
  rowCounts: number[];
}

/** A cell as it enters the hash: amounts as decimal strings of đồng, the rest as is. */
function wireCell(v: Cell): string | number | null {
  return Decimal.isDecimal(v) ? toWire(v as Dong) : (v as string | number | null);
}

export function wireRow(r: Row): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(r)) out[k] = wireCell(v);
  return out;
}

/**
 * One pass over the statement's data: totals of each table's summed columns, and the data hash.
 * The hash is sha256 over the canonical statement data as JSON lines (canonical JSON, sorted keys,
 * amounts as strings of đồng): a header line (kind, params, unit, period, fields, summary, words,
 * opinions, chain head), then per table its name, each row, and its totals. It leaves out when and
 * by whom the document was generated, so the same data at the same chain head always hashes the same.
 */
export async function scan(model: StatementModel): Promise<Scan> {
  const h = crypto.createHash("sha256");
  const line = (v: unknown) => h.update(canonicalJson(v) + "\n");
  line({
    kind: model.kind,
    params: model.params,
    unit: { id: model.unit.id, code: model.unit.code, name: model.unit.name },
    period: model.period,
    fields: model.fields,
    form: model.form ?? null,
    summary: model.summary.map((s) => ({ label: s.label, value: typeof s.value === "string" ? s.value : toWire(s.value) })),
    words: { label: model.words.label, amount: toWire(model.words.amount) },
    opinions: model.opinions,
    changesSince: model.changesSince ?? null,
    chainHead: model.chainHead,
  });
  const totals: Record<string, Dong>[] = [];
  const rowCounts: number[] = [];
  for (const t of model.tables) {
    line({ table: t.def.sheet });
    const sums: Record<string, Dong> = {};
    const summed = t.def.columns.filter((c) => c.total).map((c) => c.key);
    for (const k of summed) sums[k] = new Decimal(0);
    let n = 0;
    for await (const r of t.rows()) {
      line(wireRow(r));
      for (const k of summed) if (r[k] !== null && r[k] !== undefined) sums[k] = sums[k].plus(r[k] as Dong);
      n++;
    }
    line({ totals: Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, toWire(v)])) });
    totals.push(sums);
    rowCounts.push(n);
  }
  return { dataHash: h.digest("hex"), totals, rowCounts };
}

/** Async iterable over an array (statements whose rows are already in memory). */
export function fromArray(rows: Row[]): () => AsyncIterable<Row> {
  return async function* () {
    yield* rows;
  };
}

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import type { StatementDef, StatementKind, TableDef } from "../../reports/statements";
import { canonicalJson, flatWriter } from "../shared/canonical-json";
import { Dong, dong, fromDb, toWire, ZERO } from "../shared/money";
import type { Opinion, StatementParams } from "./wire";

// The statement model (STYLE §2): what a statement says, built by statements.ts from the modules'
// services and handed to render/pdf.ts and render/xlsx.ts, which never query. Rows are an async
// iterable made afresh for each pass (hash, layout, drawing), so memory stays bounded however long
// the book: a long journal is read from the database page by page on every pass.

/** A cell: text, a whole number (STT), an amount (Dong, never a JS number), a date (YYYY-MM-DD) or empty. */
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

// A board's opinion and what a statement covers are said on the wire as they are here.
export type { Opinion, StatementParams };

/** Where a summary line's amount comes from, for Excel to recompute: other summary lines (by index) and the main table's totals (by column key). */
export interface SummaryCalc {
  plus: (number | string)[];
  minus?: (number | string)[];
}

export interface SummaryLine {
  label: string;
  /** An amount, or text (a count is a string of digits). */
  value: Dong | string;
  /** The amount is this sum (the closing balance: opening + receipts - payments): Excel writes it as a formula. */
  calc?: SummaryCalc;
}

export interface StatementModel {
  kind: StatementKind;
  def: StatementDef;
  params: StatementParams;
  unit: { id: number; code: string; name: string; kind: string };
  /** The issuing body's parent, upper line of the heading ("UBND XÃ TÂN LINH"); null for a province. */
  parentLine: string | null;
  /** The issuing body when it is not the unit (minutes: the board), with its own upper line. */
  issuer?: { parentLine: string | null; name: string };
  /** "Nơi nhận" of a posted statement (national heading), each line as printed; "- Lưu: VT." ends it. */
  recipients: string[];
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
  form?: { book: string; number: string; debit: string; credit: string; dateLine: string };
  tables: StatementTable[];
  /** Lines after the main table's totals (opening and closing balances, household counts). */
  summary: SummaryLine[];
  /** The amount printed in words (bằng chữ). */
  words: { label: string; amount: Dong };
  /** The words say the main table's total of this column: scan() sets words.amount from it (no extra pass). */
  wordsTotal?: string;
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
  return typeof v === "bigint" ? toWire(v as Dong) : (v as string | number | null);
}

export function wireRow(r: Row): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(r)) out[k] = wireCell(v);
  return out;
}

/**
 * How the data hash is made; a publication records the version its hash was made with. 1: the header
 * also held the period and the chain head (any entry of the unit made a new hash); 2: the statement's
 * own data only, so the same figures hash the same whatever else the books record meanwhile.
 */
export const DATA_HASH_VERSION = 2;

/**
 * One pass over the statement's data: totals of each table's summed columns, and the data hash.
 * The hash is sha256 over the canonical statement data as JSON lines (canonical JSON, sorted keys,
 * amounts as strings of đồng): a header line (version, kind, params, unit, fields, form, summary,
 * opinions, the correction's reference), then per table its name, each row, and its totals, and last
 * the amount in words. It leaves out the chain head (printed and recorded beside the hash as its
 * anchor), the day the statement is made as of, and when and by whom it was generated: the same data
 * always hashes the same, and a statement made later hashes the same exactly when it says the same.
 */
export async function scan(model: StatementModel, sink?: (table: number, line: string) => Promise<void> | void): Promise<Scan> {
  const h = crypto.createHash("sha256");
  const line = (v: unknown) => h.update(canonicalJson(v) + "\n");
  line({
    v: DATA_HASH_VERSION,
    kind: model.kind,
    params: model.params,
    unit: { id: model.unit.id, code: model.unit.code, name: model.unit.name },
    fields: model.fields,
    form: model.form ?? null,
    summary: model.summary.map((s) => ({ label: s.label, value: typeof s.value === "string" ? s.value : toWire(s.value) })),
    opinions: model.opinions,
    changesSince: model.changesSince ?? null,
  });
  const totals: Record<string, Dong>[] = [];
  const rowCounts: number[] = [];
  for (const [ti, t] of model.tables.entries()) {
    line({ table: t.def.sheet });
    const sums: Record<string, Dong> = {};
    const summed = t.def.columns.filter((c) => c.total).map((c) => c.key);
    for (const k of summed) sums[k] = ZERO;
    let n = 0;
    // a row is flat: its canonical JSON written by the shared fast path
    const write = flatWriter<Row>(t.def.columns.map((c) => c.key), (r, k) => (r[k] === undefined ? undefined : wireCell(r[k])));
    for await (const r of t.rows()) {
      const json = `${write(r)}\n`;
      h.update(json);
      if (sink) {
        // the sink waits only when its buffer is written out: no promise per row
        const wait = sink(ti, json);
        if (wait) await wait;
      }
      for (const k of summed) if (r[k] !== null && r[k] !== undefined) sums[k] = dong(sums[k] + (r[k] as Dong));
      n++;
    }
    line({ totals: Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, toWire(v)])) });
    totals.push(sums);
    rowCounts.push(n);
  }
  if (model.wordsTotal) model.words.amount = totals[0][model.wordsTotal];
  line({ words: { label: model.words.label, amount: toWire(model.words.amount) } });
  return { dataHash: h.digest("hex"), totals, rowCounts };
}

/** A headline figure of a statement: an amount (decimal string of đồng) or a text (a count, "3 / 5"). */
export type Figure = { label: string; amount: string } | { label: string; text: string };

/**
 * The figures a resident compares with the paper (the public verification shows them): the summary
 * lines (a balance's opening, receipts, payments and closing; a work's raised, paid and owed), led by
 * the main table's totals when the summary carries no amount (a campaign's asked, paid and
 * outstanding; a trial balance's or journal's totals), and the amount in words when neither has one.
 */
export function headlineFigures(model: StatementModel, s: Scan): Figure[] {
  const summary: Figure[] = model.summary.map((x) => (typeof x.value === "string" ? { label: x.label, text: x.value } : { label: x.label, amount: toWire(x.value) }));
  if (summary.some((f) => "amount" in f)) return summary;
  const main = model.tables[0];
  const totals: Figure[] = main ? main.def.columns.filter((c) => c.total && s.totals[0]?.[c.key] !== undefined).map((c) => ({ label: `${c.title} (tổng cộng)`, amount: toWire(s.totals[0][c.key]) })) : [];
  if (!totals.length && model.words.label) totals.push({ label: model.words.label.replace(/ bằng chữ$/i, ""), amount: toWire(model.words.amount) });
  return [...totals, ...summary];
}

/** Async iterable over an array (statements whose rows are already in memory). */
export function fromArray(rows: Row[]): () => AsyncIterable<Row> {
  return async function* () {
    yield* rows;
  };
}

/**
 * Scans the statement once and keeps each table's rows, exactly as hashed, in a temporary file: the
 * documents are then drawn from that file, not from a second read of the database. So what a
 * document shows is what its hash covers, even when the books move on meanwhile, and a long journal
 * is read from the database once. Returns the model reading from the spool, the scan, and a cleanup.
 */
export async function spool(model: StatementModel): Promise<{ model: StatementModel; scan: Scan; cleanup: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfl-statement-"));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const files = model.tables.map((_t, i) => path.join(dir, `${i}.jsonl`));
    const outs = files.map((f) => fs.createWriteStream(f));
    // A spool that cannot be written (a full disk) fails this statement, not the process.
    let broken: Error | undefined;
    for (const o of outs) o.on("error", (err) => (broken ??= err));
    const buffers: string[][] = model.tables.map(() => []);
    const flush = async (i: number) => {
      if (broken) throw broken;
      const chunk = buffers[i].join("");
      buffers[i] = [];
      if (chunk && !outs[i].write(chunk)) {
        await new Promise<void>((resolve, reject) => {
          const failed = (err: Error) => reject(err);
          outs[i].once("error", failed);
          outs[i].once("drain", () => {
            outs[i].off("error", failed);
            resolve();
          });
        });
      }
    };
    const s = await scan(model, (i, line) => {
      buffers[i].push(line);
      if (buffers[i].length >= 500) return flush(i);
    });
    for (let i = 0; i < outs.length; i++) {
      await flush(i);
      await new Promise<void>((resolve, reject) => outs[i].end((err?: Error | null) => (err ? reject(err) : resolve())));
    }
    const tables = model.tables.map((t, i) => {
      const money = new Set(t.def.columns.filter((c) => c.kind === "money").map((c) => c.key));
      return {
        def: t.def,
        rows: async function* (): AsyncGenerator<Row> {
          const lines = readline.createInterface({ input: fs.createReadStream(files[i]), crlfDelay: Infinity });
          for await (const l of lines) {
            if (!l) continue;
            const r = JSON.parse(l) as Record<string, string | number | null>;
            for (const k of money) if (typeof r[k] === "string") (r as Row)[k] = fromDb(r[k] as string);
            yield r as Row;
          }
        },
      };
    });
    return { model: { ...model, tables }, scan: s, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}

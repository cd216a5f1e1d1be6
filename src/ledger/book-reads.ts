import type { Knex } from "knex";
import type { Db } from "../db/knex";
import { dong, fromDb, type Dong } from "../shared/money";
import { CHART } from "./chart";
import { exact } from "./rows";

// The books a treasurer keeps on paper, read in the order they are written: by date, then voucher
// number (the chain's order is the order of posting, which a back-dated entry breaks). A voucher
// number is unique in a unit, so (date, voucher) is a total order and pages follow it by keyset:
// memory stays bounded however long the book. Up to a chain head, like every statement read.

type Cursor = { date: string; voucherNo: string };

export interface JournalLine {
  seq: number;
  date: string;
  voucherNo: string;
  kind: string;
  description: string;
  reversesVoucherNo: string | null;
  postings: { account: string; amount: Dong }[];
}

function after(q: Knex.QueryBuilder, c: Cursor | undefined) {
  if (c) q.where((w) => w.where("e.entry_date", ">", c.date).orWhere((x) => x.where("e.entry_date", c.date).where("e.voucher_no", ">", c.voucherNo)));
  return q;
}

/** The journal (sổ nhật ký) of a unit within dates, in date then voucher order, up to a chain head. */
export async function* streamJournalByDate(db: Db, unitId: number, f: { from?: string; to?: string; throughSeq: number; pageSize?: number }): AsyncGenerator<JournalLine> {
  const size = f.pageSize ?? 1000;
  let cursor: Cursor | undefined;
  for (;;) {
    const q = db("entries as e")
      .leftJoin("entries as r", "r.id", "e.reverses_id")
      .select("e.id", "e.seq", "e.entry_date", "e.voucher_no", "e.kind", "e.description", "r.voucher_no as reverses_voucher_no")
      .where("e.unit_id", unitId)
      .where("e.seq", "<=", f.throughSeq)
      .orderBy([{ column: "e.entry_date" }, { column: "e.voucher_no" }])
      .limit(size);
    if (f.from) q.where("e.entry_date", ">=", f.from);
    if (f.to) q.where("e.entry_date", "<=", f.to);
    const rows = (await after(q, cursor)) as { id: number | string; seq: number | string; entry_date: string; voucher_no: string; kind: string; description: string; reverses_voucher_no: string | null }[];
    if (!rows.length) return;
    const postings = (await db("postings as p")
      .join("accounts as a", "a.id", "p.account_id")
      .select("p.entry_id", "p.amount", "a.code")
      .whereIn("p.entry_id", rows.map((r) => Number(r.id)))
      .orderBy("p.id")) as { entry_id: number | string; amount: number | string; code: string }[];
    const byEntry = new Map<number, { account: string; amount: Dong }[]>();
    for (const p of postings) {
      const list = byEntry.get(Number(p.entry_id)) ?? [];
      list.push({ account: p.code, amount: fromDb(p.amount) });
      byEntry.set(Number(p.entry_id), list);
    }
    for (const r of rows) {
      yield { seq: Number(r.seq), date: r.entry_date, voucherNo: r.voucher_no, kind: r.kind, description: r.description, reversesVoucherNo: r.reverses_voucher_no, postings: byEntry.get(Number(r.id)) ?? [] };
    }
    const last = rows[rows.length - 1];
    cursor = { date: last.entry_date, voucherNo: last.voucher_no };
    if (rows.length < size) return;
  }
}

/** Which money a book follows: cash (111) or the bank and treasury accounts (112), each with its sub-accounts. */
export type MoneyBookKind = "cash" | "bank";

/** A line of a cash or bank book: the journal's line of the entry, with its net on the book's money instead of its postings. */
export interface MoneyMovement extends Omit<JournalLine, "postings"> {
  id: number;
  /** The entry's net on the book's accounts: positive money in, negative money out. */
  amount: Dong;
  /** The entry's other accounts (its counter-accounts), each once, in posting order. */
  counterAccounts: string[];
  payee: string | null;
}

export interface MoneyBook {
  /** The book's balance at the end of the day before `from`. */
  opening: Dong;
  movements: AsyncIterable<MoneyMovement>;
}

function moneyAccountIds(db: Db, unitId: number, kind: MoneyBookKind) {
  const code = kind === "cash" ? CHART.cash : CHART.bank;
  return db("accounts").select("id").where("unit_id", unitId).where((w) => w.where("code", code).orWhere("parent_code", code));
}

/**
 * A cash book (sổ quỹ tiền mặt) or a bank book (sổ tiền gửi): the balance carried in, then every
 * entry of the period that moves that money, in date then voucher order, up to a chain head. An entry
 * whose postings on the book's accounts net to zero (between two of its own sub-accounts) is left out.
 */
export async function moneyBook(db: Db, unitId: number, kind: MoneyBookKind, f: { from: string; to: string; throughSeq: number; pageSize?: number }): Promise<MoneyBook> {
  const opening = await db("postings")
    .select(exact(db, "SUM(postings.amount)", "total"))
    .where("postings.unit_id", unitId)
    .whereIn("postings.account_id", moneyAccountIds(db, unitId, kind))
    .where("postings.entry_date", "<", f.from)
    .where("postings.seq", "<=", f.throughSeq)
    .first();
  const size = f.pageSize ?? 1000;
  async function* movements(): AsyncGenerator<MoneyMovement> {
    let cursor: Cursor | undefined;
    for (;;) {
      const q = db("entries as e")
        .join("postings as p", "p.entry_id", "e.id")
        .leftJoin("entries as r", "r.id", "e.reverses_id")
        .select("e.id", "e.seq", "e.entry_date", "e.voucher_no", "e.kind", "e.description", "e.payee", "r.voucher_no as reverses_voucher_no")
        .select(exact(db, "SUM(p.amount)", "net"))
        .where("e.unit_id", unitId)
        .where("e.seq", "<=", f.throughSeq)
        .where("e.entry_date", ">=", f.from)
        .where("e.entry_date", "<=", f.to)
        .whereIn("p.account_id", moneyAccountIds(db, unitId, kind))
        .groupBy("e.id", "e.seq", "e.entry_date", "e.voucher_no", "e.kind", "e.description", "e.payee", "r.voucher_no")
        .orderBy([{ column: "e.entry_date" }, { column: "e.voucher_no" }])
        .limit(size);
      const rows = (await after(q, cursor)) as { id: number | string; seq: number | string; entry_date: string; voucher_no: string; kind: string; description: string; payee: string | null; reverses_voucher_no: string | null; net: number | string }[];
      if (!rows.length) return;
      const others = (await db("postings as p")
        .join("accounts as a", "a.id", "p.account_id")
        .select("p.entry_id", "a.code")
        .whereIn("p.entry_id", rows.map((r) => Number(r.id)))
        .whereNotIn("p.account_id", moneyAccountIds(db, unitId, kind))
        .orderBy("p.id")) as { entry_id: number | string; code: string }[];
      const counter = new Map<number, string[]>();
      for (const o of others) {
        const list = counter.get(Number(o.entry_id)) ?? [];
        if (!list.includes(o.code)) list.push(o.code);
        counter.set(Number(o.entry_id), list);
      }
      for (const r of rows) {
        const amount = fromDb(r.net);
        if (amount === 0n) continue;
        yield {
          id: Number(r.id), seq: Number(r.seq), date: r.entry_date, voucherNo: r.voucher_no, kind: r.kind, description: r.description,
          reversesVoucherNo: r.reverses_voucher_no, amount, counterAccounts: counter.get(Number(r.id)) ?? [], payee: r.payee,
        };
      }
      const last = rows[rows.length - 1];
      cursor = { date: last.entry_date, voucherNo: last.voucher_no };
      if (rows.length < size) return;
    }
  }
  return { opening: dong(fromDb(opening?.total as number | string | null)), movements: movements() };
}

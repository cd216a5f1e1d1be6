import { STATEMENTS } from "../../../reports/statements";
import * as ledger from "../../ledger";
import { dong, negate, type Dong } from "../../shared/money";
import type { Row, StatementModel } from "../model";
import { Built, KindContext, periodLine } from "./context";

// The cash book (sổ quỹ tiền mặt) and the bank book (sổ tiền gửi) as the treasurer keeps them
// (accounting.md §4): the balance carried in, every movement of the period in date then voucher
// order (a day's receipts before its payments) with money in, money out and the balance after it,
// and the closing balance. The rows are
// streamed from the ledger on every pass; the closing balance is read once beforehand, so the
// summary is known before the table is drawn.

type Book = "cash-book" | "bank-book";

async function moneyBook(k: KindContext, kind: Book): Promise<Built> {
  const { db, unit, params, base, head } = k;
  const money: ledger.MoneyBookKind = kind === "cash-book" ? "cash" : "bank";
  const read = () => ledger.moneyBook(db, unit.id, money, { from: params.from!, to: params.to!, throughSeq: head.seq });
  const { opening, movements } = await read();
  let totalIn = 0n;
  let totalOut = 0n;
  for await (const m of movements) {
    if (m.amount > 0n) totalIn += m.amount;
    else totalOut -= m.amount;
  }
  const closing = dong(opening + totalIn - totalOut);
  const description = (m: ledger.MoneyMovement) => (m.kind === "reversal" && m.reversesVoucherNo ? `${m.description} (đảo ${m.reversesVoucherNo})` : m.description);
  const model: StatementModel = {
    ...base,
    subtitle: [unit.name, periodLine(params.from!, params.to!)],
    period: { from: params.from!, to: params.to! },
    tables: [
      {
        def: STATEMENTS[kind].table,
        rows: async function* () {
          const book = await read();
          let balance: Dong = book.opening;
          yield { date: params.from!, voucherIn: "", voucherOut: "", description: "Số dư đầu kỳ", counterAccounts: "", receipts: null, payments: null, balance } satisfies Row;
          // Within a day, the money that came in before the money that went out (each by voucher
          // number): the ledger keeps no day's end below zero, so no line of the book shows a
          // negative balance either. One day's movements are held at a time.
          let day: ledger.MoneyMovement[] = [];
          const flush = function* () {
            for (const m of [...day.filter((x) => x.amount > 0n), ...day.filter((x) => x.amount < 0n)]) {
              balance = dong(balance + m.amount);
              yield {
                date: m.date,
                voucherIn: m.amount > 0n ? m.voucherNo : "",
                voucherOut: m.amount < 0n ? m.voucherNo : "",
                description: description(m),
                counterAccounts: m.counterAccounts.join(", "),
                receipts: m.amount > 0n ? m.amount : null,
                payments: m.amount < 0n ? negate(m.amount) : null,
                balance,
              } satisfies Row;
            }
            day = [];
          };
          for await (const m of book.movements) {
            if (day.length && day[0].date !== m.date) yield* flush();
            day.push(m);
          }
          yield* flush();
        },
      },
    ],
    summary: [
      { label: "Số dư đầu kỳ", value: opening },
      { label: kind === "cash-book" ? "Tổng thu trong kỳ" : "Tổng gửi vào trong kỳ", value: dong(totalIn) },
      { label: kind === "cash-book" ? "Tổng chi trong kỳ" : "Tổng rút ra trong kỳ", value: dong(totalOut) },
      { label: "Số dư cuối kỳ", value: closing },
    ],
    words: { label: STATEMENTS[kind].wordsLabel, amount: closing },
  };
  return { model };
}

/** Sổ quỹ tiền mặt: cash (111) of the period, with its running balance. */
export const cashBook = (k: KindContext) => moneyBook(k, "cash-book");
/** Sổ tiền gửi ngân hàng, kho bạc: the bank and treasury accounts (112) of the period, with their running balance. */
export const bankBook = (k: KindContext) => moneyBook(k, "bank-book");

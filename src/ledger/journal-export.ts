import type { Db } from "../db/knex";
import { Actor, authorize } from "../identity";
import { toWire } from "../shared/money";
import * as q from "./queries";
import { hydrate } from "./reads";
import { READERS } from "./types";

// The journal as hledger / ledger-cli text: anyone can check the books with a tool we did not write.

const HLEDGER_TOP: Record<string, string> = { asset: "assets", liability: "liabilities", net_assets: "equity", revenue: "revenues", expense: "expenses" };

/** hledger/ledger-cli account name: "assets:111 Tiền mặt" (a colon or two spaces would change its meaning). */
function hledgerName(a: q.AccountRow): string {
  const name = a.name.replace(/[:;\t]/g, " ").replace(/\s+/g, " ").trim();
  return `${HLEDGER_TOP[a.type]}:${a.code} ${name}`;
}

/** Streams the journal as hledger text, a chunk of entries at a time (memory stays bounded). */
export async function* streamHledger(db: Db, actor: Actor, unitId: number, f: { from?: string; to?: string }): AsyncGenerator<string> {
  const unit = await authorize(db, actor, READERS, unitId);
  const accounts = await q.listAccounts(db, unitId);
  const names = new Map(accounts.map((a) => [a.code, hledgerName(a)]));
  yield `; ${unit.name} (${unit.code}): sổ nhật ký${f.from ? ` từ ${f.from}` : ""}${f.to ? ` đến ${f.to}` : ""}\n`;
  yield "; Nợ (debit) là số dương, Có (credit) là số âm; đơn vị: đồng.\n\n";
  for (const a of accounts) yield `account ${names.get(a.code)}\n`;
  yield "\n";
  let after: { date: string; seq: number } | undefined;
  for (;;) {
    const rows = await q.journalPage(db, unitId, f.from, f.to, after, 1000);
    if (!rows.length) break;
    const entries = await hydrate(db, rows);
    let out = "";
    for (const e of entries) {
      const desc = `${e.voucherNo} ${e.description}`.replace(/[;\r\n]/g, ",");
      out += `${e.date} ${desc}  ; kind:${e.kind}, seq:${e.seq}\n`;
      for (const p of e.postings) out += `    ${names.get(p.account)}  ${toWire(p.amount)}${p.memo ? `  ; ${p.memo.replace(/[\r\n]/g, " ")}` : ""}\n`;
      out += "\n";
    }
    yield out;
    const last = rows[rows.length - 1];
    after = { date: last.entry_date, seq: Number(last.seq) };
    if (rows.length < 1000) break;
  }
}

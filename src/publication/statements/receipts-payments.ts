import { RECEIPTS_PAYMENTS_MEMO_TABLE, STATEMENTS } from "../../../reports/statements";
import * as contributions from "../../contributions";
import * as ledger from "../../ledger";
import * as works from "../../works";
import { NotFoundError } from "../../shared/errors";
import { ACCOUNT_NAMES, costPhrase, TERMS } from "../../shared/glossary";
import { sum } from "../../shared/money";
import { fromArray, Row, StatementModel } from "../model";
import { Built, KindContext, periodLine } from "./context";

// Báo cáo thu chi as a commune accountant reads it: the opening balance (cash and bank), receipts by
// fund and campaign, payments by work and category, the closing balance, and under it, as memo lines,
// what the balance does not show: pledges not yet paid (per campaign) and what is owed to suppliers
// (per work). A reversal is not a line of its own: it reduces the line it corrects, which says how
// many corrections it carries.

type Line = ledger.CashFlows["receipts"][number];

const fixedName = (code: string): string | undefined => (ACCOUNT_NAMES as Record<string, string>)[code];

/** Báo cáo thu chi: every fund of the unit, or one (`fund=`), for a period. */
export async function receiptsPayments(k: KindContext): Promise<Built> {
  const { db, unit, params, base, head } = k;
  let scope: ledger.EntryScope | undefined;
  let subject = `Tiền mặt và tiền gửi của ${unit.name} (tất cả các quỹ)`;
  if (params.fund) {
    const fund = await ledger.findAccount(db, unit.id, params.fund);
    if (!fund || fund.type !== "net_assets") throw new NotFoundError("account", { code: params.fund });
    const campaignIds = await contributions.campaignIdsOfFund(db, unit.id, fund.code);
    scope = { campaignIds, accountIds: [fund.id] };
    subject = `Quỹ: ${fund.code} ${fund.name}`;
  }
  const flows = await ledger.cashFlows(db, unit.id, params.from!, params.to!, head.seq, scope);

  // the names the lines need: campaigns (and their funds), works (and their cost accounts)
  const campaignIds = new Set([...flows.receipts, ...flows.payments, ...flows.pledges].map((l) => l.campaignId).filter((id): id is number => id !== null));
  const campaigns = new Map<number, contributions.Campaign>();
  for (const id of campaignIds) {
    const c = await contributions.findCampaign(db, unit.id, id);
    if (c) campaigns.set(id, c);
  }
  const workIds = new Set([...flows.payments, ...flows.receipts].map((l) => l.workId).concat(flows.payables.map((p) => p.workId)).filter((id): id is number => id !== null));
  const workOf = new Map<number, works.Work>();
  for (const id of workIds) {
    const w = await works.findWork(db, id);
    if (w && w.unitId === unit.id) workOf.set(id, w);
  }
  const fundNames = new Map<string, string>();
  const fundName = async (code: string) => {
    if (!fundNames.has(code)) fundNames.set(code, (await ledger.findAccount(db, unit.id, code))?.name ?? code);
    return fundNames.get(code)!;
  };
  const corrected = (text: string, l: Line) => (l.corrections ? `${text} (đã trừ ${l.corrections} bút toán đảo)` : text);

  // Receipts, by fund: a campaign's receipts go to the fund it raises for; money credited to a fund
  // itself (an opening balance, a grant) to that fund; the rest (a campaign for no fund, money held
  // for others) under its own heading.
  const receiptGroups = new Map<string, { title: string; lines: { text: string; account: string; amount: Line["amount"] }[] }>();
  for (const l of flows.receipts) {
    const c = l.campaignId !== null ? campaigns.get(l.campaignId) : undefined;
    const fundCode = c?.fundAccount ?? (l.type === "net_assets" ? l.account : null);
    const key = fundCode ?? "";
    if (!receiptGroups.has(key)) receiptGroups.set(key, { title: fundCode ? `Quỹ ${fundCode} ${await fundName(fundCode)}` : TERMS.otherReceipts, lines: [] });
    const text = c
      ? `${TERMS.contributions}: đợt ${c.name}`
      : l.type === "net_assets" ? `Nhận vào quỹ ${l.account} ${await fundName(l.account)}` : fixedName(l.account) ?? l.name;
    receiptGroups.get(key)!.lines.push({ text: corrected(text, l), account: l.account, amount: l.amount });
  }
  // Payments, by work: a work's cost by category, its advances and what it paid its suppliers.
  const paymentGroups = new Map<string, { title: string; lines: { text: string; account: string; amount: Line["amount"] }[] }>();
  for (const l of flows.payments) {
    const w = l.workId !== null ? workOf.get(l.workId) : undefined;
    const key = w ? `w${w.id}` : "";
    if (!paymentGroups.has(key)) paymentGroups.set(key, { title: w ? `Công trình: ${w.name}` : TERMS.otherPayments, lines: [] });
    const category = w?.accounts.find((a) => a.code === l.account)?.category;
    const text = category
      ? costPhrase(category)
      // a payable settled: the supplier paid what it was owed
      : l.account === ledger.CHART.payables ? "Trả người bán" : fixedName(l.account) ?? l.name;
    paymentGroups.get(key)!.lines.push({ text: corrected(text, l), account: l.account, amount: l.amount });
  }

  // funds in the order of their codes, then what belongs to none
  const byCode = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b))).map(([, v]) => v);
  const rows: Row[] = [];
  let stt = 0;
  const section = (title: string) => rows.push({ stt: null, content: title, account: null, receipts: null, payments: null });
  section("A. CÁC KHOẢN THU");
  for (const g of byCode(receiptGroups)) {
    section(g.title);
    for (const l of g.lines) rows.push({ stt: ++stt, content: l.text, account: l.account, receipts: l.amount, payments: null });
  }
  section("B. CÁC KHOẢN CHI");
  for (const g of byCode(paymentGroups)) {
    section(g.title);
    for (const l of g.lines) rows.push({ stt: ++stt, content: l.text, account: l.account, receipts: null, payments: l.amount });
  }

  const memo: Row[] = [];
  for (const p of flows.pledges) {
    const c = p.campaignId !== null ? campaigns.get(p.campaignId) : undefined;
    memo.push({ stt: memo.length + 1, content: `${TERMS.pledgedUnpaid}: đợt ${c?.name ?? "không ghi đợt"}`, account: ledger.CHART.pledges, amount: p.amount });
  }
  for (const p of flows.payables) {
    const w = p.workId !== null ? workOf.get(p.workId) : undefined;
    memo.push({ stt: memo.length + 1, content: `${TERMS.payables}: ${w ? `công trình ${w.name}` : "không ghi công trình"}`, account: ledger.CHART.payables, amount: p.amount });
  }

  const totalIn = sum(flows.receipts.map((r) => r.amount));
  const totalOut = sum(flows.payments.map((r) => r.amount));
  const model: StatementModel = {
    ...base,
    subtitle: [subject, periodLine(params.from!, params.to!)],
    period: { from: params.from!, to: params.to! },
    tables: [
      { def: STATEMENTS["receipts-payments"].table, rows: fromArray(rows) },
      { def: RECEIPTS_PAYMENTS_MEMO_TABLE, rows: fromArray(memo) },
    ],
    summary: [
      { label: "Số dư đầu kỳ", value: flows.opening, calc: { plus: [1, 2] } },
      { label: "Trong đó, tiền mặt", value: flows.openingCash },
      { label: "Trong đó, tiền gửi ngân hàng, kho bạc", value: flows.openingBank },
      { label: "Tổng thu trong kỳ", value: totalIn, calc: { plus: ["receipts"] } },
      { label: "Tổng chi trong kỳ", value: totalOut, calc: { plus: ["payments"] } },
      { label: "Số dư cuối kỳ", value: flows.closing, calc: { plus: [0, 3], minus: [4] } },
    ],
    words: { label: STATEMENTS["receipts-payments"].wordsLabel, amount: flows.closing },
  };
  return { model };
}

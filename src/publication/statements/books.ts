import { STATEMENTS } from "../../../reports/statements";
import * as contributions from "../../contributions";
import { asSystem } from "../../identity";
import * as ledger from "../../ledger";
import { dateLineVi, formatDateVi } from "../../shared/dates";
import { NotFoundError, RuleViolation } from "../../shared/errors";
import { dong, formatDong, negate, sum, ZERO, type Dong } from "../../shared/money";
import { fromArray, Row, StatementModel } from "../model";
import { Built, KindContext, periodLine } from "./context";
import { receiptCode, voucherEntry, voucherForm } from "./vouchers";

// The statements of the books: the contribution list (from contributions), the trial balance, the
// journal and a household's receipt (from the ledger).

/** Danh sách đóng góp: every household of a campaign, what was asked, paid and outstanding. */
export async function contributionList(k: KindContext): Promise<Built> {
  const { db, unit, params, base, date } = k;
  const campaign = await contributions.findCampaign(db, unit.id, params.campaignId!);
  if (!campaign) throw new NotFoundError("campaign", { id: params.campaignId });
  const list = await contributions.contributionList(db, null, unit.id, campaign.id, { sort: "code", order: "asc", page: 1, limit: Number.MAX_SAFE_INTEGER });
  // law.md L20: public lists show code, head's name and amounts; an exemption shows as "Miễn", never its reason.
  const rows: Row[] = list.data.map((r, i) => ({
    stt: i + 1,
    code: r.code,
    name: r.name,
    suggested: r.suggested,
    paid: r.paid,
    outstanding: r.outstanding,
    exempt: r.exempt ? "Miễn" : "",
    inKind: r.inKind.map((k) => `${k.quantity} ${k.unit}`).join("; "),
    receipts: r.receipts.join(", "),
  }));
  const counts = { paid: 0, pledged: 0, exempt: 0, notYet: 0 } as Record<string, number>;
  for (const r of list.data) counts[r.status]++;
  const model: StatementModel = {
    ...base,
    subtitle: [`Đợt vận động: ${campaign.name}`, `(Tính đến ${dateLineVi(date)})`],
    period: { from: campaign.startDate, to: date },
    fields: [
      { label: "Mục đích", value: campaign.purpose },
      {
        label: "Căn cứ",
        value: `${campaign.decision.minutesRef} ngày ${formatDateVi(campaign.decision.date)}: ${campaign.decision.householdsAgreeing}/${campaign.decision.householdsTotal} hộ đồng ý`,
      },
      ...(campaign.level ? [{ label: "Mức vận động", value: `${formatDong(campaign.level.amount)} đồng/${campaign.level.per === "person" ? "khẩu" : "hộ"} (tự nguyện)` }] : []),
    ],
    tables: [{ def: STATEMENTS["contribution-list"].table, rows: fromArray(rows) }],
    summary: [
      { label: "Số hộ trong danh sách", value: String(list.total) },
      { label: "Số hộ đã đóng góp", value: String(counts.paid) },
      { label: "Số hộ đã đăng ký, chưa đóng", value: String(counts.pledged) },
      { label: "Số hộ được miễn", value: String(counts.exempt) },
      { label: "Số hộ chưa đóng góp", value: String(counts.notYet) },
    ],
    words: { label: STATEMENTS["contribution-list"].wordsLabel, amount: list.totals.paid },
  };
  return { model };
}

// Báo cáo thu chi has a file of its own (receipts-payments.ts).
export { receiptsPayments } from "./receipts-payments";

/** Bảng cân đối tài khoản: each account's opening, movements and closing in the period. */
export async function trialBalance(k: KindContext): Promise<Built> {
  const { db, unit, params, base } = k;
  const tb = await ledger.trialBalance(db, asSystem("a statement's trial balance"), unit.id, params.from!, params.to!);
  const split = (d: Dong) => (d < 0n ? [ZERO, negate(d)] : [d, ZERO]);
  const rows: Row[] = tb.rows.map((r) => {
    const [od, oc] = split(r.opening);
    const [cd, cc] = split(r.closing);
    return { account: r.account, name: r.name, openingDebit: od, openingCredit: oc, debit: r.debit, credit: r.credit, closingDebit: cd, closingCredit: cc };
  });
  const model: StatementModel = {
    ...base,
    subtitle: [unit.name, periodLine(params.from!, params.to!)],
    period: { from: params.from!, to: params.to! },
    tables: [{ def: STATEMENTS["trial-balance"].table, rows: fromArray(rows) }],
    words: { label: STATEMENTS["trial-balance"].wordsLabel, amount: tb.totals.debit },
  };
  return { model };
}

/** Sổ nhật ký: every entry of the period, streamed (never held whole). */
export async function journal(k: KindContext): Promise<Built> {
  const { db, unit, params, base, head } = k;
  const model: StatementModel = {
    ...base,
    subtitle: [unit.name, periodLine(params.from!, params.to!)],
    period: { from: params.from!, to: params.to! },
    tables: [
      {
        def: STATEMENTS["journal"].table,
        rows: async function* () {
          // in the order a journal is written, by date then voucher number (a back-dated entry sits on
          // its day), numbered as the lines of the book; the voucher number names the entry
          let line = 0;
          for await (const e of ledger.streamJournalByDate(db, unit.id, { from: params.from, to: params.to, throughSeq: head.seq })) {
            // one pass over the postings: the debit and credit accounts (each once, in order) and the debits' sum
            const debitAccounts: string[] = [];
            const creditAccounts: string[] = [];
            let amount: Dong | null = null;
            for (const p of e.postings) {
              if (p.amount > 0n) {
                if (!debitAccounts.includes(p.account)) debitAccounts.push(p.account);
                amount = amount === null ? p.amount : dong(amount + p.amount);
              } else if (p.amount < 0n && !creditAccounts.includes(p.account)) creditAccounts.push(p.account);
            }
            yield {
              seq: ++line,
              date: e.date,
              voucher: e.voucherNo,
              description: e.kind === "reversal" && e.reversesVoucherNo ? `${e.description} (đảo ${e.reversesVoucherNo})` : e.description,
              debitAccounts: debitAccounts.join(", "),
              creditAccounts: creditAccounts.join(", "),
              amount: amount ?? ZERO,
            };
          }
        },
      },
    ],
    // the total is the table's: scan() fills it in, so the journal is read once for it, not twice
    words: { label: STATEMENTS["journal"].wordsLabel, amount: ZERO },
    wordsTotal: "amount",
  };
  return { model };
}

/** Phiếu thu: one household receipt on the accounting form. */
export async function receipt(k: KindContext): Promise<Built> {
  const { db, unit, params, o, base, ctx } = k;
  // a cash receipt only: money into the bank prints as its credit advice (vouchers.ts)
  const e = await voucherEntry(db, unit.id, "receipt", params.entryId!);
  const household = e.householdId ? await contributions.findHousehold(db, e.householdId) : undefined;
  const debit = e.postings.filter((p) => p.amount > 0n);
  const credit = e.postings.filter((p) => p.amount < 0n);
  const amount = sum(debit.map((p) => p.amount));
  const rows: Row[] = e.postings.map((p) => ({
    account: p.account,
    name: p.accountName,
    debit: p.amount > 0n ? p.amount : null,
    credit: p.amount < 0n ? negate(p.amount) : null,
  }));
  // A receipt carries its own code (its entry and the start of its chain hash): it shows that
  // receipt in the public ledger, published or not.
  const code = o.code ?? receiptCode(e.id, e.hash);
  const model: StatementModel = {
    ...base,
    code,
    verifyUrl: `${o.publicBaseUrl}/verify/${code}`,
    subtitle: [e.voucherNo],
    period: { from: e.date, to: e.date },
    form: voucherForm(e),
    fields: [
      { label: "Họ và tên người nộp tiền", value: household ? `${household.headName} (hộ ${household.code})` : "—" },
      { label: "Địa chỉ", value: ctx.fullName },
      { label: "Lý do nộp", value: e.description },
      { label: "Số tiền", value: `${formatDong(amount)} đồng` },
      { label: "Kèm theo", value: "…… chứng từ gốc" },
      ...(e.reversedBy ? [{ label: "Ghi chú", value: "Phiếu thu này đã được hủy bằng bút toán đảo; số tiền không còn được ghi nhận." }] : []),
    ],
    tables: [{ def: STATEMENTS["receipt"].table, rows: fromArray(rows) }],
    words: { label: STATEMENTS["receipt"].wordsLabel, amount },
  };
  return { model };
}


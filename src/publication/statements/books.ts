import { STATEMENTS } from "../../../reports/statements";
import * as contributions from "../../contributions";
import { asSystem } from "../../identity";
import * as ledger from "../../ledger";
import { dateLineVi, formatDateVi } from "../../shared/dates";
import { NotFoundError } from "../../shared/errors";
import { dong, formatDong, negate, sum, ZERO, type Dong } from "../../shared/money";
import { fromArray, Row, StatementModel } from "../model";
import { Built, KindContext, periodLine } from "./context";

// The statements of the books: the contribution list (from contributions), the trial balance and
// the journal (from the ledger).

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


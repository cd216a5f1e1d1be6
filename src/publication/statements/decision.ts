import { ZERO } from "../../shared/money";
import { DECISION_METHOD_NAMES, DECISION_SUBJECT_NAMES, STATEMENTS } from "../../../reports/statements";
import * as decisions from "../../decisions";
import { dateLineVi, formatDateVi } from "../../shared/dates";
import { fromArray, Row, StatementModel } from "../model";
import { Built, KindContext, runningName } from "./context";

// Thông báo kết quả quyết định của cộng đồng (law.md L3, L7–L8): what the households of a unit
// decided, told to them once the commune recognised it — the counts against the register's total
// and the threshold the subject needs, whether it passed, and who recognised it and when. Counts
// only: never a household's own choice.

const RULE_WORDS: Record<string, { words: string; fraction: string }> = {
  two_thirds: { words: "ít nhất 2/3 tổng số hộ", fraction: "2/3" },
  more_than_half: { words: "quá nửa (trên 50%) tổng số hộ", fraction: "trên 1/2" },
};

export async function decisionResult(k: KindContext): Promise<Built> {
  const { db, unit, params, base } = k;
  const r = await decisions.decisionResult(db, unit.id, params.decisionId!);
  const d = r.decision;
  const def = STATEMENTS.decision;
  const total = d.householdsTotal;
  const rule = RULE_WORDS[d.threshold.rule] ?? { words: d.threshold.rule, fraction: "" };
  const threshold = `${rule.words}: ${d.threshold.needed}/${total}`;
  const ballots = d.ballots.paper + d.ballots.online;
  const share = (n: number) => `${Math.round((n * 1000) / total) / 10}% tổng số hộ`.replace(".", ",");
  const rows: Row[] = [
    { item: "Tổng số hộ trong sổ hộ ngày biểu quyết", households: total, note: "Theo sổ hộ của đơn vị" },
    { item: d.tally ? "Số hộ dự họp hoặc đã bỏ phiếu" : "Số hộ đã bỏ phiếu", households: d.counts.present, note: share(d.counts.present) },
    { item: "Số hộ đồng ý", households: d.counts.agree, note: share(d.counts.agree) },
    { item: "Số hộ không đồng ý", households: d.counts.disagree, note: share(d.counts.disagree) },
    { item: "Số hộ không có ý kiến", households: d.counts.abstain, note: share(d.counts.abstain) },
    { item: `Số hộ đồng ý cần có (${rule.fraction})`, households: d.threshold.needed, note: rule.words },
  ].map((row, n) => ({ stt: n + 1, ...row }));
  const outcome = d.passed
    ? `Đã thông qua: ${d.counts.agree}/${total} hộ đồng ý (cần ${threshold}).`
    : `Không thông qua: ${d.counts.agree}/${total} hộ đồng ý, chưa đạt ${threshold}.`;
  const commune = runningName(r.communeName);
  const model: StatementModel = {
    ...base,
    def,
    subtitle: [`Về việc: ${d.title}`],
    period: { from: d.heldOn, to: d.heldOn },
    fields: [
      // the unit heads the page and the subject is under the title ("Về việc")
      { label: "Loại việc", value: DECISION_SUBJECT_NAMES[d.subject] ?? d.subject },
      { label: "Hình thức lấy ý kiến", value: DECISION_METHOD_NAMES[d.method] ?? d.method },
      { label: "Ngày họp / biểu quyết", value: dateLineVi(d.heldOn) },
      ...(ballots ? [{ label: "Phiếu của hộ", value: `${d.ballots.paper} phiếu giấy, ${d.ballots.online} phiếu trực tuyến` }] : []),
      { label: "Ngưỡng thông qua", value: threshold },
      { label: "Công nhận", value: `UBND ${commune} công nhận ngày ${formatDateVi(r.recognisedOn)}${r.recognisedBy ? ` (${r.recognisedBy})` : ""}` },
    ],
    tables: [{ def: def.table, rows: fromArray(rows) }],
    summary: [{ label: "Kết quả", value: outcome }],
    words: { label: def.wordsLabel, amount: ZERO },
  };
  return { model };
}

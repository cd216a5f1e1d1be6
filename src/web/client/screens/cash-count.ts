import Decimal from "decimal.js";
import { instantOfLocal, localDateTime } from "../../../shared/dates";
import type { CashCountWire } from "../../../supervision/wire";
import { api, get } from "../api";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { checkbox, field, form, heading, input, money, newestOnly, notice, select, spinner, today, words } from "../ui";
import { CHART } from "../../../shared/chart";
import { cashDifferenceSeverity } from "../../../shared/inspection-words";
import { boardName } from "../roles";
import { badge, boardWithScope, DENOMINATIONS, isMember, st } from "./_supervision-widgets";

// A cash count (kiểm kê quỹ tiền mặt) by the board: the count of each note typed in, the total and
// its difference from the book (account 111 at the end of that day) shown as one types, then
// recorded; any difference, even one đồng, opens a finding for the unit to answer, as serious as the
// unit's thresholds make it (shown before recording, with the thresholds).

const t = texts({
  vi: {
    title: "Kiểm kê quỹ tiền mặt", unit: "Đơn vị kiểm kê", date: "Ngày kiểm kê", time: "Giờ kiểm kê", notes: "Số tờ theo mệnh giá", note: "Tờ {value} đồng", count: "số tờ",
    counters: "Người kiểm đếm", counted: "Tiền thực tế đếm được", book: "Số dư sổ sách (TK 111) cuối ngày", difference: "Chênh lệch (thực tế − sổ sách)", match: "Khớp sổ sách", over: "Thừa so với sổ", short: "Thiếu so với sổ",
    noBook: "Chưa đọc được số dư sổ sách.", record: "Ghi biên bản kiểm kê", recorded: "Đã ghi biên bản kiểm kê: thực tế {counted} đồng, sổ sách {book} đồng, chênh lệch {difference} đồng.",
    finding: "Chênh lệch đã được ghi thành kiến nghị mức “{severity}” gửi đơn vị:", seeFindings: "xem kiến nghị",
    severity: "Mức kiến nghị nếu ghi", none: "Không có (khớp sổ)", thresholds: "Theo ngưỡng của {unit}: chênh lệch dưới {minor} đ là “{observation}”, từ {minor} đ là “{minorName}”, từ {critical} đ là “{major}”, từ {tenfold} đ là “{criticalName}”.", nothing: "Hãy nhập số tờ của ít nhất một mệnh giá.", pickCounter: "Chọn ít nhất một người kiểm đếm.",
    notMember: "Chỉ thành viên của Ban được ghi biên bản kiểm kê.", subtotal: "Thành tiền {value}",
  },
  en: {
    title: "Cash count", unit: "Unit counted", date: "Date of the count", time: "Time of the count", notes: "Notes by denomination", note: "{value} dong notes", count: "count",
    counters: "Counted by", counted: "Cash counted", book: "Book balance (account 111) at the end of the day", difference: "Difference (counted − book)", match: "Matches the book", over: "More than the book", short: "Less than the book",
    noBook: "The book balance could not be read.", record: "Record the count", recorded: "Count recorded: counted {counted} dong, book {book} dong, difference {difference} dong.",
    finding: "The difference was recorded as a “{severity}” finding for the unit:", seeFindings: "see findings",
    severity: "Finding's severity if recorded", none: "None (matches the book)", thresholds: "By the thresholds of {unit}: a difference below {minor} đ is “{observation}”, from {minor} đ “{minorName}”, from {critical} đ “{major}”, from {tenfold} đ “{criticalName}”.", nothing: "Type the count of at least one denomination.", pickCounter: "Choose at least one person who counted.",
    notMember: "Only the board's members record a cash count.", subtotal: "Subtotal {value}",
  },
});

/** Now in Vietnam as HH:MM (the default time of the count). */

/** A signed amount with separators: "-1.250.000". */
const signed = (d: Decimal) => (d.isNegative() ? `−${money(d.abs().toFixed(0))}` : money(d.toFixed(0)));

export default async function cashCountScreen({ root, params, me }: ScreenCtx): Promise<void> {
  fill(root, spinner());
  const { board, units } = await boardWithScope(params.boardId);
  const head = [h("p", { class: "crumbs" }, h("a", { href: `/app/boards/${board.id}` }, `← ${boardName(board)}`)), heading(t("title"))];
  if (!isMember(me, board.id)) return fill(root, ...head, notice("info", t("notMember")));

  const unit = select("unitId", units.map((u) => [String(u.id), u.name]));
  const date = input("date", { type: "date", value: today(), max: today(), required: true });
  const time = input("time", { type: "time", value: localDateTime(new Date()).slice(11), required: true });
  const counts = DENOMINATIONS.map((value) => ({ value, el: input(`count-${value}`, { inputmode: "numeric", autocomplete: "off", pattern: "[0-9]*", class: "count" }), out: h("output", { class: "num" }) }));
  const countedEl = h("dd", { class: "stat" });
  const bookEl = h("dd", { class: "stat" });
  const diffEl = h("dd", { class: "stat" });
  const severityEl = h("dd");
  const thresholdsEl = h("p", { class: "hint" });
  const chosen = () => units.find((u) => String(u.id) === unit.value);
  const limits = () => {
    const u = chosen();
    return u ? { minor: BigInt(u.cashDifferenceMinor), critical: BigInt(u.cashDifferenceCritical) } : null;
  };
  const showThresholds = () => {
    const u = chosen();
    fill(thresholdsEl, u ? t("thresholds", {
      unit: u.name, minor: money(u.cashDifferenceMinor), critical: money(u.cashDifferenceCritical), tenfold: money((BigInt(u.cashDifferenceCritical) * 10n).toString()),
      observation: st("observation"), minorName: st("minor"), major: st("major"), criticalName: st("critical"),
    }) : "");
  };
  const saidEl = h("p", { class: "in-words" });
  let book: Decimal | null = null;

  const counted = () => counts.reduce((sum, c) => sum.plus(new Decimal(c.value).times(Number(c.el.value.replace(/\D/g, "") || "0"))), new Decimal(0));
  const show = () => {
    for (const c of counts) {
      const n = c.el.value.replace(/\D/g, "");
      if (c.el.value !== n) c.el.value = n;
      fill(c.out, n ? `= ${money(new Decimal(c.value).times(n).toFixed(0))}` : "");
    }
    const total = counted();
    fill(countedEl, `${money(total.toFixed(0))} đ`);
    fill(saidEl, total.isZero() ? "" : words(total.toFixed(0)));
    if (book === null) {
      fill(bookEl, "—");
      fill(diffEl, "—");
      fill(severityEl, "—");
      return;
    }
    fill(bookEl, `${money(book.toFixed(0))} đ`);
    const diff = total.minus(book);
    fill(diffEl, `${signed(diff)} đ `, diff.isZero() ? badge("ok", t("match")) : diff.isPositive() ? badge("warn", t("over")) : badge("bad", t("short")));
    const l = limits();
    const severity = diff.isZero() || !l ? null : cashDifferenceSeverity(BigInt(diff.toFixed(0)), l);
    fill(severityEl, severity ? badge(severity === "observation" ? "" : severity === "minor" ? "warn" : "bad", st(severity)) : t("none"));
  };
  const askBook = newestOnly();
  const loadBook = async () => {
    const fresh = askBook();
    book = null;
    fill(bookEl, "…");
    try {
      const b = await get<{ balance: string }>(`/units/${unit.value}/accounts/${CHART.cash}/balance`, { at: date.value || today() });
      if (!fresh()) return;
      book = new Decimal(b.balance);
    } catch {
      if (!fresh()) return;
      fill(bookEl, t("noBook"));
    }
    show();
  };

  const counterBoxes = board.members.map((m) => ({ userId: m.userId, ...checkbox(`counter-${m.userId}`, m.displayName, m.userId === me.id, { value: String(m.userId) }) }));
  const f = form(
    {
      draftKey: `cash-count:${board.id}`,
      submitLabel: t("record"),
      restored: () => {
        showThresholds();
        show();
        void loadBook();
      },
      onSubmit: async (key) => {
        const denominations = counts.map((c) => ({ value: c.value, count: Number(c.el.value || "0") })).filter((d) => d.count > 0);
        if (!denominations.length) throw new Error(t("nothing"));
        const counters = counterBoxes.filter((c) => c.box.checked).map((c) => c.userId);
        if (!counters.length) throw new Error(t("pickCounter"));
        const at = instantOfLocal(`${date.value}T${time.value}`);
        const r = await api<CashCountWire>("POST", `/boards/${board.id}/cash-counts`, { unitId: Number(unit.value), at, denominations, counters }, { idempotencyKey: key });
        for (const c of counts) c.el.value = "";
        show();
        // the answer at the top of the form, in view and focused (form())
        return {
          message: [
            t("recorded", { counted: money(r.counted), book: money(r.ledger), difference: signed(new Decimal(r.difference)) }),
            r.findingSeverity ? [" ", t("finding", { severity: st(r.findingSeverity) })] : null,
          ],
          actions: r.findingId ? [h("a", { href: `/app/units/${r.unitId}/findings?status=open` }, t("seeFindings"))] : [],
        };
      },
    },
    h("div", { class: "filters" }, field(t("unit"), unit), field(t("date"), date), field(t("time"), time)),
    h(
      "fieldset",
      { class: "denoms" },
      h("legend", null, t("notes")),
      counts.map((c) => h("div", { class: "denom" }, h("label", { for: c.el.id }, t("note", { value: money(c.value) })), c.el, c.out)),
    ),
    h(
      "fieldset",
      { class: "checks" },
      h("legend", null, t("counters")),
      counterBoxes.map((c) => c.el),
    ),
    h(
      "section",
      { class: "card totals", "aria-live": "polite", "aria-label": t("difference") },
      h("dl", { class: "facts" }, h("dt", null, t("counted")), countedEl, h("dt", null, t("book")), bookEl, h("dt", null, t("difference")), diffEl),
      saidEl,
      h("dl", { class: "facts" }, h("dt", null, t("severity")), severityEl),
      thresholdsEl,
    ),
  );
  f.addEventListener("input", show);
  f.addEventListener("change", show);
  unit.addEventListener("change", () => {
    showThresholds();
    void loadBook();
  });
  date.addEventListener("change", () => void loadBook());
  fill(root, ...head, f);
  showThresholds();
  show();
  await loadBook();
}

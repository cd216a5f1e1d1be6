import { api, ApiError, get, newKey, upload } from "../api";
import type { ImportCommitWire } from "../../../contributions/wire";
import type { Preview, PreviewRow } from "../../../contributions/preview";
import { Child, fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { hasAny, rolesOn, Unit } from "../roles";
import { field, heading, money, notice, progressBar, sheet, spinner, ui } from "../ui";
import { crumbs } from "./_books";
import type { Campaign } from "./campaigns";

// Importing the treasurer's own sheet (DESIGN §5 "Import"): choose the file, upload it with a
// progress bar, read the preview — every row, the bad ones marked with what is wrong — and commit
// all rows or none. A sheet with any bad row cannot be committed: fix it in Excel and upload again.

const t = texts({
  vi: {
    title: "Nhập bảng kê đóng góp", campaigns: "Đợt vận động", intro: "Chọn tệp Excel (.xlsx) hoặc CSV của thủ quỹ, tối đa 5 MB. Hệ thống đọc thử và cho xem trước từng dòng; chưa ghi gì vào sổ cho tới khi bạn bấm ghi.",
    file: "Tệp bảng kê (.xlsx, .csv)", upload: "Tải lên và xem trước", uploading: "Đang tải tệp lên…", reading: "Đang đọc bảng kê…", tooBig: "Tệp lớn hơn 5 MB. Hãy tách bảng kê thành nhiều tệp.",
    wrongType: "Chỉ nhận tệp .xlsx hoặc .csv.", pickFile: "Hãy chọn một tệp.", closed: "Đợt vận động đã kết thúc: không nhập thêm được.", notAllowed: "Chỉ thủ quỹ hoặc cán bộ quản trị được nhập bảng kê.",
    preview: "Xem trước", file2: "Tệp", sheet: "Trang tính", header: "Dòng tiêu đề", households: "Số hộ", cash: "Số hộ nộp tiền", cashTotal: "Tổng tiền thu", exempt: "Hộ được miễn", pledge: "Hộ đăng ký (hứa nộp)", inKind: "Hộ góp ngày công, hiện vật",
    valid: "Bảng kê hợp lệ: {n} dòng sẽ được ghi vào sổ cùng một lúc.", invalid: "Có {n} dòng lỗi. Không dòng nào được ghi: hãy sửa các dòng được đánh dấu trong tệp rồi tải lên lại.",
    already: "Tệp này đã được nhập trước đây (lần nhập số {id}); ghi lại sẽ không thêm gì.", warnings: "{n} dòng có thể trùng với phiếu thu đã ghi; hãy kiểm tra trước khi ghi.",
    onlyErrors: "Chỉ hiện các dòng lỗi", rows: "Các dòng của bảng kê", row: "Dòng", kind: "Loại", code: "Mã hộ", name: "Chủ hộ", amount: "Số tiền (đ)", date: "Ngày nộp", note: "Ghi chú", problems: "Lỗi, lưu ý",
    k_cash: "Nộp tiền", k_bank: "Chuyển khoản", k_pledge: "Hứa nộp", k_exempt: "Miễn", k_in_kind: "Ngày công, hiện vật", k_blank: "Dòng trống", k_total: "Dòng tổng",
    newHousehold: "Hộ mới, sẽ được tạo", error: "Lỗi", possibleDup: "Có thể trùng phiếu thu đã ghi", ok: "Hợp lệ",
    commit: "Ghi tất cả vào sổ", committing: "Đang ghi vào sổ… (tất cả hoặc không dòng nào)", done: "Đã ghi vào sổ", recorded: "Đã ghi {cash} phiếu thu, {pledges} đăng ký, {exemptions} miễn, {inKind} hiện vật; tạo mới {households} hộ.",
    nothing: "Không ghi thêm gì: tệp này đã được nhập (lần nhập số {id}).", back: "Về đợt vận động", another: "Nhập tệp khác", prev: "Trang trước", next: "Trang sau", pageOf: "Trang {n}/{of}",
  },
  en: {
    title: "Import a contribution sheet", campaigns: "Campaigns", intro: "Choose the treasurer's Excel (.xlsx) or CSV file, up to 5 MB. It is read and previewed row by row; nothing is recorded until you commit.",
    file: "Sheet file (.xlsx, .csv)", upload: "Upload and preview", uploading: "Uploading the file…", reading: "Reading the sheet…", tooBig: "The file is larger than 5 MB. Split the sheet into several files.",
    wrongType: "Only .xlsx or .csv files.", pickFile: "Choose a file.", closed: "This campaign is closed: nothing more can be imported.", notAllowed: "Only a treasurer or an administrator may import a sheet.",
    preview: "Preview", file2: "File", sheet: "Worksheet", header: "Header row", households: "Households", cash: "Households paying cash", cashTotal: "Cash total", exempt: "Exempt households", pledge: "Pledging households", inKind: "Households giving labour or goods",
    valid: "The sheet is valid: {n} rows will be recorded together.", invalid: "{n} rows have errors. Nothing will be recorded: fix the marked rows in the file and upload it again.",
    already: "This file was imported before (import {id}); committing again adds nothing.", warnings: "{n} rows may duplicate receipts already recorded; check them first.",
    onlyErrors: "Show only rows with errors", rows: "Rows of the sheet", row: "Row", kind: "Kind", code: "Code", name: "Head of household", amount: "Amount (dong)", date: "Date paid", note: "Note", problems: "Errors, warnings",
    k_cash: "Cash", k_bank: "Bank transfer", k_pledge: "Pledge", k_exempt: "Exempt", k_in_kind: "Labour, goods", k_blank: "Blank row", k_total: "Total row",
    newHousehold: "New household, will be created", error: "Error", possibleDup: "May duplicate a recorded receipt", ok: "Valid",
    commit: "Record everything", committing: "Recording… (all rows or none)", done: "Recorded", recorded: "Recorded {cash} receipts, {pledges} pledges, {exemptions} exemptions, {inKind} in-kind gifts; {households} new households.",
    nothing: "Nothing more recorded: this file was imported already (import {id}).", back: "Back to the campaign", another: "Import another file", prev: "Previous page", next: "Next page", pageOf: "Page {n} of {of}",
  },
});

type Committed = ImportCommitWire;

const MAX = 5 * 1024 * 1024;
const PAGE = 100;

const message = (err: unknown) => (err instanceof ApiError ? (err.network ? ui("networkLost") : err.detail || err.code) : String((err as Error)?.message ?? err));

export default async function importScreen({ root, params, me }: ScreenCtx): Promise<void> {
  const { unitId, campaignId } = params;
  root.classList.add("books");
  fill(root, spinner());
  const [unit, c] = await Promise.all([get<Unit>(`/units/${unitId}`), get<Campaign>(`/units/${unitId}/campaigns/${campaignId}`)]);
  const base = `/app/units/${unit.id}`;
  const back = `${base}/campaigns/${c.id}`;
  const head: Child[] = [crumbs([base, unit.name], [`${base}/campaigns`, t("campaigns")], [back, c.name]), heading(t("title"))];
  if (!hasAny(rolesOn(me, unit), "treasurer", "admin")) return fill(root, ...head, notice("info", t("notAllowed")), h("p", null, h("a", { href: back }, t("back"))));
  if (c.status !== "open") return fill(root, ...head, notice("info", t("closed")), h("p", null, h("a", { href: back }, t("back"))));

  const file = h("input", { type: "file", name: "file", accept: ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv", required: true });
  const msg = h("div", { class: "form-summary" });
  const go = h("button", { type: "submit" }, t("upload"));
  const bar = progressBar(t("uploading"));
  bar.el.hidden = true;
  const out = h("div", { class: "import-result" });
  // One key per chosen file: a retried upload of the same choice is the same request.
  let key = newKey();
  file.addEventListener("change", () => {
    key = newKey();
    msg.replaceChildren();
  });

  const pick = h(
    "form",
    { class: "card", novalidate: true },
    msg,
    field(t("file"), file),
    h("div", { class: "form-actions" }, go),
    bar.el,
  );
  pick.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (go.disabled) return;
    const f = file.files?.[0];
    msg.replaceChildren();
    if (!f) return fill(msg, notice("error", t("pickFile")));
    if (!/\.(xlsx|csv)$/i.test(f.name)) return fill(msg, notice("error", t("wrongType")));
    if (f.size > MAX) return fill(msg, notice("error", t("tooBig")));
    go.disabled = true;
    bar.el.hidden = false;
    bar.set(0);
    bar.say(t("uploading"));
    out.replaceChildren();
    try {
      const data = new FormData();
      data.append("file", f, f.name);
      const p = await upload<Preview>(`/units/${unitId}/campaigns/${campaignId}/imports`, data, (fraction) => {
        bar.set(fraction);
        // Sent: the server now reads the sheet, which the bar cannot measure.
        if (fraction >= 1) {
          bar.say(t("reading"));
          bar.set(null);
        }
      }, key);
      showPreview(p, f.name);
    } catch (err) {
      fill(msg, notice("error", message(err)));
    } finally {
      go.disabled = false;
      bar.el.hidden = true;
    }
  });

  const showPreview = (p: Preview, name: string) => {
    const bad = p.rows.filter((r) => r.errors.length);
    const warned = p.rows.filter((r) => r.warnings?.length);
    const data = p.rows.filter((r) => r.kind !== "blank" && r.kind !== "total");
    const onlyErrors = h("input", { type: "checkbox", id: "only-errors", checked: bad.length > 0 });
    const tableBox = h("div");
    let page = 1;
    const showRows = () => {
      const shown = onlyErrors.checked ? bad : p.rows;
      const pages = Math.max(1, Math.ceil(shown.length / PAGE));
      page = Math.min(page, pages);
      fill(
        tableBox,
        rowsTable(shown.slice((page - 1) * PAGE, page * PAGE)),
        pages > 1
          ? h(
              "div",
              { class: "pager-nav" },
              page > 1 ? h("button", { type: "button", class: "secondary", on: { click: () => { page--; showRows(); } } }, t("prev")) : null,
              h("span", { class: "page-of" }, t("pageOf", { n: page, of: pages })),
              page < pages ? h("button", { type: "button", class: "secondary", on: { click: () => { page++; showRows(); } } }, t("next")) : null,
            )
          : null,
      );
    };
    onlyErrors.addEventListener("change", () => { page = 1; showRows(); });
    showRows();

    const commitBox = h("div", { class: "commit", "aria-live": "polite" });
    const canCommit = p.valid && !p.alreadyImported;
    if (canCommit) {
      const b = h("button", { type: "button" }, t("commit"));
      const cbar = progressBar(t("committing"));
      cbar.el.hidden = true;
      const cmsg = h("div");
      b.addEventListener("click", async () => {
        if (b.disabled) return;
        b.disabled = true;
        cbar.el.hidden = false;
        cbar.set(null); // one request, all or nothing: the bar says it is working, not how far
        cmsg.replaceChildren();
        try {
          // Committing is safe to retry: an import already committed answers "nothing more recorded".
          const r = await api<Committed>("POST", `/units/${unitId}/campaigns/${campaignId}/imports/${p.id}/commit`);
          // Done: the preview gives way to what was recorded.
          const title = h("h2", { tabindex: "-1" }, t("done"));
          fill(
            out,
            title,
            notice("ok", "status" in r ? t("recorded", r.recorded) : t("nothing", { id: r.duplicateOf })),
            h("p", { class: "actions" }, h("a", { class: "button", href: back }, t("back"))),
          );
          pick.hidden = true;
          title.focus();
        } catch (err) {
          fill(cmsg, notice("error", message(err)));
          b.disabled = false;
        } finally {
          cbar.el.hidden = true;
        }
      });
      fill(commitBox, cmsg, b, cbar.el);
    }

    const stat = (k: string, v: string | number) => [h("dt", null, k), h("dd", null, String(v))];
    const title = h("h2", { tabindex: "-1" }, t("preview"));
    fill(
      out,
      title,
      h(
        "dl",
        { class: "facts" },
        stat(t("file2"), `${name} (${p.fileType.toUpperCase()})`),
        p.sheet ? stat(t("sheet"), p.sheet) : null,
        stat(t("header"), p.header.row),
        stat(t("households"), p.totals.households),
        stat(t("cash"), p.totals.cashCount),
        stat(t("cashTotal"), `${money(p.totals.cashTotal)} đ`),
        stat(t("exempt"), p.totals.exemptCount),
        stat(t("pledge"), p.totals.pledgeCount),
        stat(t("inKind"), p.totals.inKindCount),
      ),
      p.alreadyImported ? notice("info", t("already", { id: p.duplicateOf ?? "" })) : null,
      bad.length ? notice("error", t("invalid", { n: bad.length })) : notice("ok", t("valid", { n: data.length })),
      warned.length ? notice("info", t("warnings", { n: warned.length })) : null,
      commitBox,
      h("div", { class: "field check" }, onlyErrors, " ", h("label", { for: "only-errors" }, t("onlyErrors"))),
      tableBox,
      h("p", null, h("a", { href: back }, t("back"))),
    );
    title.focus();
  };

  fill(root, ...head, h("p", null, t("intro")), pick, out);
}

const KIND: Record<PreviewRow["kind"], "k_cash" | "k_pledge" | "k_exempt" | "k_in_kind" | "k_blank" | "k_total"> = {
  cash: "k_cash", pledge: "k_pledge", exempt: "k_exempt", in_kind: "k_in_kind", blank: "k_blank", total: "k_total",
};

/** The preview's rows; a row with errors is marked (colour AND the word "Lỗi") and followed by its messages. */
function rowsTable(rows: PreviewRow[]): HTMLElement {
  if (!rows.length) return h("p", { class: "empty" }, ui("noRows"));
  const cols: [string, boolean][] = [[t("row"), true], [t("kind"), false], [t("code"), false], [t("name"), false], [t("amount"), true], [t("date"), false], [t("note"), false], [t("problems"), false]];
  return sheet(
    t("rows"),
    "preview",
    cols,
    rows.map((r) => {
      const bad = r.errors.length > 0;
      const kind = r.kind === "cash" && r.bank ? t("k_bank") : t(KIND[r.kind]);
      // A bad row's messages also run the table's full width underneath: on a phone the last
      // column is off screen, and what is wrong must be read without scrolling sideways.
      const why = bad
        ? h("tr", { class: "error error-detail" }, h("td", { colspan: "8" }, h("div", { class: "sticky-msg" }, h("strong", null, `${t("row")} ${r.row}: `), r.errors.map((e, i) => [i ? "; " : "", e.column ? `${e.column}: ` : "", e.message]))))
        : null;
      return [h(
        "tr",
        { class: bad ? "error" : r.warnings?.length ? "warning" : undefined, "data-row": r.row },
        h("th", { scope: "row", class: "num" }, String(r.row)),
        h("td", null, kind, r.inKind ? ` (${r.inKind.quantity} ${r.inKind.unit})` : ""),
        h("td", null, r.code ?? ""),
        h("td", { class: "who" }, r.name ?? "", r.newHousehold ? h("small", { class: "hint" }, t("newHousehold")) : null),
        h("td", { class: "num" }, r.amount ? money(r.amount) : ""),
        h("td", null, r.date ? r.date.split("-").reverse().join("/") : ""),
        h("td", null, r.note ?? ""),
        h(
          "td",
          { class: "problems" },
          bad
            ? h("span", { class: "badge bad" }, t("error"), ` (${r.errors.length})`)
            : r.warnings?.length
              ? h("span", { class: "badge warn" }, t("possibleDup"))
              : r.kind === "blank" || r.kind === "total" ? "" : h("span", { class: "badge ok" }, t("ok")),
        ),
      ), why];
    }),
  );
}

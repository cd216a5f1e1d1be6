import { api, ApiError, get, newKey, upload } from "../api";
import type { ImportCommitWire } from "../../../contributions/wire";
import type { Preview } from "../../../contributions/preview";
import { Child, fill, h } from "../dom";
import type { ScreenCtx } from "../screen";
import { hasAny, rolesOn, Unit } from "../roles";
import { field, heading, money, notice, progressBar, spinner, ui } from "../ui";
import { attentionList, commitBody, nameMismatch, pagerNav, rowsTable, totalText, type Choice } from "./_import-rows";
import { t } from "./_import-words";
import { crumbs } from "./_books";
import type { Campaign } from "./campaigns";

// Importing the treasurer's own sheet (DESIGN §5 "Import"): choose the file, upload it with a
// progress bar, read the preview — warnings first, then every row, the bad ones marked with what is
// wrong and the cell as written — and commit all rows kept or none. A bad row is skipped (fixed in
// Excel and imported later); a name that differs from the register is confirmed or skipped: the
// money goes to the register's household of that code.

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
    const data = p.rows.filter((r) => r.kind !== "blank" && r.kind !== "total");
    const bad = data.filter((r) => r.errors.length);
    const mismatched = data.filter((r) => nameMismatch(r));
    const warned = data.filter((r) => r.warnings?.some((w) => w.problem === "possible_duplicate"));
    // What the treasurer decides here goes with the commit: rows left out, name differences confirmed.
    const choice: Choice = { skip: new Set(), confirmed: new Set(), confirmAll: false };

    const onlyErrors = h("input", { type: "checkbox", id: "only-errors", checked: bad.length > 0 });
    const tableBox = h("div");
    let page = 1;
    const showRows = () => {
      const shown = onlyErrors.checked ? bad : p.rows;
      const pages = Math.max(1, Math.ceil(shown.length / PAGE));
      page = Math.min(page, pages);
      fill(tableBox, rowsTable(shown.slice((page - 1) * PAGE, page * PAGE), choice), pagerNav(page, pages, (n) => { page = n; showRows(); }));
    };
    onlyErrors.addEventListener("change", () => { page = 1; showRows(); });

    const newCount = h("dd");
    const commitBox = h("div", { class: "commit" });
    const refresh = () => {
      newCount.textContent = String(new Set(data.filter((r) => r.newHousehold && !r.errors.length && !choice.skip.has(r.row)).map((r) => r.code)).size);
      updateCommit();
      showRows();
    };
    const attention = attentionList([...new Set([...bad, ...mismatched])].sort((a, b) => a.row - b.row), bad, mismatched, choice, refresh);

    // Committing: enabled once every bad row is skipped and every name difference confirmed or skipped.
    const b = h("button", { type: "button" }, t("commit"));
    const left = h("p", { class: "hint", id: "commit-left" });
    const cbar = progressBar(t("committing"));
    cbar.el.hidden = true;
    const cmsg = h("div", { tabindex: "-1", class: "commit-msg" });
    const updateCommit = () => {
      const badLeft = bad.filter((r) => !choice.skip.has(r.row)).length;
      const namesLeft = mismatched.filter((r) => !choice.skip.has(r.row) && !choice.confirmed.has(r.row)).length;
      const kept = data.length - choice.skip.size;
      b.disabled = badLeft > 0 || namesLeft > 0 || kept === 0;
      b.textContent = choice.skip.size ? t("commitSome", { n: kept, k: choice.skip.size }) : t("commit");
      fill(left, badLeft ? t("leftBad", { n: badLeft }) + " " : "", namesLeft ? t("leftNames", { n: namesLeft }) : "", kept === 0 ? t("leftNothing") : "");
      left.hidden = !b.disabled;
    };
    b.setAttribute("aria-describedby", "commit-left");
    b.addEventListener("click", async () => {
      if (b.disabled) return;
      b.disabled = true;
      cbar.el.hidden = false;
      cbar.set(null); // one request, all or nothing: the bar says it is working, not how far
      cmsg.replaceChildren();
      try {
        // Committing is safe to retry: an import already committed answers "nothing more recorded".
        const r = await api<Committed>("POST", `/units/${unitId}/campaigns/${campaignId}/imports/${p.id}/commit`, commitBody(choice, mismatched));
        showDone(r);
      } catch (err) {
        // Rows refused that this preview showed as fine: the register changed since it was read.
        const refused = err instanceof ApiError && Array.isArray(err.body.rows) ? (err.body.rows as unknown[]) : [];
        const seenHere = new Set([...bad, ...mismatched].map((r) => r.row));
        const stale = refused.some((n) => typeof n === "number" && !seenHere.has(n));
        fill(cmsg, notice("error", message(err), stale ? [" ", t("registerChanged")] : null));
        cmsg.scrollIntoView({ block: "center" });
        cmsg.focus({ preventScroll: true });
        updateCommit();
      } finally {
        cbar.el.hidden = true;
      }
    });
    if (!p.alreadyImported) fill(commitBox, cmsg, b, left, cbar.el);

    const stat = (k: string, v: Child) => [h("dt", null, k), h("dd", null, v)];
    const title = h("h2", { tabindex: "-1" }, t("preview"));
    fill(
      out,
      title,
      // Warnings first: what the treasurer must know before reading any figure.
      p.warnings?.map((w) => notice("warn", totalText(w))),
      mismatched.length ? notice("warn", t("mismatches", { n: mismatched.length })) : null,
      p.alreadyImported ? notice("info", t("already", { id: p.duplicateOf ?? "" })) : null,
      bad.length ? notice("error", t("invalid", { n: bad.length })) : notice("ok", t("valid", { n: data.length })),
      warned.length ? notice("info", t("warnings", { n: warned.length })) : null,
      h(
        "dl",
        { class: "facts" },
        stat(t("file2"), `${name} (${p.fileType.toUpperCase()})`),
        p.sheet ? stat(t("sheet"), p.sheet) : null,
        stat(t("header"), p.header.row),
        stat(t("households"), p.totals.households),
        [h("dt", null, t("newHouseholds")), newCount],
        stat(t("cash"), p.totals.cashCount),
        stat(t("cashTotal"), `${money(p.totals.cashTotal)} đ`),
        p.sheetTotal ? stat(t("sheetTotal"), [`${money(p.sheetTotal)} đ `, h("span", { class: p.totalMatches ? "badge ok" : "badge warn" }, p.totalMatches ? t("matches") : t("differs"))]) : null,
        stat(t("exempt"), p.totals.exemptCount),
        stat(t("pledge"), p.totals.pledgeCount),
        stat(t("inKind"), p.totals.inKindCount),
      ),
      attention,
      commitBox,
      h("div", { class: "field check" }, onlyErrors, " ", h("label", { for: "only-errors" }, t("onlyErrors"))),
      tableBox,
      h("p", null, h("a", { href: back }, t("back"))),
    );
    refresh();
    title.focus();
  };

  /** What was recorded and what was left out, in view and focused: the preview gives way to it. */
  const showDone = (r: Committed) => {
    const title = h("h2", { tabindex: "-1" }, t("done"));
    const skipped = "status" in r ? r.skipped : [];
    fill(
      out,
      h(
        "section",
        { class: "card done", "aria-labelledby": "import-done" },
        title,
        notice("ok", "status" in r ? t("recorded", r.recorded) : t("nothing", { id: r.duplicateOf })),
        "status" in r
          ? skipped.length
            ? [h("p", null, t("skippedRows", { n: skipped.length })), h("ul", { class: "skipped-rows" }, skipped.map((x) => h("li", null, `${t("row")} ${x.row}: ${x.code ?? ""} ${x.name ?? ""}`)))]
            : h("p", null, t("noneSkipped"))
          : null,
        h("p", { class: "actions" }, h("a", { class: "button", href: back }, t("back")), h("button", { type: "button", class: "secondary", on: { click: another } }, t("another"))),
      ),
    );
    title.id = "import-done";
    pick.hidden = true;
    title.scrollIntoView({ block: "start" });
    title.focus({ preventScroll: true });
  };
  const another = () => {
    out.replaceChildren();
    pick.reset();
    key = newKey();
    pick.hidden = false;
    file.focus();
  };

  fill(root, ...head, h("p", null, t("intro")), pick, out);
}


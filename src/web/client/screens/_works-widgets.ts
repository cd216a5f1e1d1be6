import { api, ApiError, fetchFile, saveFile, upload } from "../api";
import { Child, fill, h, uid } from "../dom";
import { texts } from "../i18n";
import { bindWidget, dmy, downloadButton, field, form, money, notice, progressBar, textarea, ui, words } from "../ui";
import { COST_CATEGORY_NAMES } from "../../../shared/glossary";
import { confirmStep } from "./_admin-widgets";
import { t, type Voucher } from "./_work-words";

// What the works list and the work screen share: the names of statuses, cost categories, funding
// sources and payment methods; the moves a work may make (shared/work-life.ts, only to offer
// buttons — the server decides); the invoice photo taken with the phone's camera, uploaded with a
// progress bar before the voucher that cites it; a voucher's files as thumbnails; and the card of
// a draft voucher on which a head approves (after confirming what is paid, to whom, for what) or
// rejects it (with a reason).

export { STATUSES, MOVES, SOURCES, COST_CATEGORIES as CATEGORIES } from "../../../shared/work-life";
export type { WorkStatus } from "../../../shared/work-life";

export const names = texts({
  vi: {
    proposed: "Đề xuất", consulting: "Đang lấy ý kiến", approved: "Đã duyệt", in_progress: "Đang thi công", completed: "Đã hoàn thành", accepted: "Đã nghiệm thu", settled: "Đã quyết toán", cancelled: "Đã huỷ",
    ...COST_CATEGORY_NAMES,
    state: "Ngân sách nhà nước", commune: "Ngân sách xã", community: "Nhân dân đóng góp", sponsor: "Tài trợ", in_kind: "Hiện vật, ngày công",
    cash: "Tiền mặt", bank: "Chuyển khoản", payable: "Ghi vào phải trả người bán (331)", advance: "Trừ vào tạm ứng (141)",
    draft: "Chờ duyệt", posted: "Đã ghi sổ", rejected: "Bị từ chối", expense: "Phiếu chi", advanceKind: "Tạm ứng",
    open: "Đang mở", closed: "Đã kết thúc", upcoming: "Sắp mở", in_favour: "Đa số đồng ý", not_in_favour: "Không đạt đa số",
    photo: "Ảnh hoá đơn, chứng từ", photoHint: "Chụp bằng máy ảnh của điện thoại hoặc chọn ảnh / tệp PDF (tối đa 10 MB).", uploading: "Đang tải ảnh lên…", uploaded: "Đã tải lên tệp số {id}.",
  },
  en: {
    proposed: "Proposed", consulting: "Consulting residents", approved: "Approved", in_progress: "In progress", completed: "Completed", accepted: "Accepted", settled: "Settled", cancelled: "Cancelled",
    materials: "Materials", labour: "Labour", machinery: "Machinery", other: "Other costs",
    state: "State budget", commune: "Commune budget", community: "Residents' contributions", sponsor: "Sponsors", in_kind: "In kind, labour days",
    cash: "Cash", bank: "Bank transfer", payable: "Owed to the supplier (331)", advance: "From the advance (141)",
    draft: "Awaiting approval", posted: "Posted", rejected: "Rejected", expense: "Payment voucher", advanceKind: "Advance",
    open: "Open", closed: "Closed", upcoming: "Not yet open", in_favour: "Majority in favour", not_in_favour: "No majority in favour",
    photo: "Photo of the invoice or receipt", photoHint: "Take it with the phone's camera or choose a photo / PDF (at most 10 MB).", uploading: "Uploading the photo…", uploaded: "File no. {id} uploaded.",
  },
});

type Name = Parameters<typeof names>[0];
/** The word for a status, category, source or method the API sends (the code itself if unknown). */
export const nameOf = (code: string): string => names(code as Name);

const TONE: Record<string, string> = { settled: "ok", accepted: "ok", cancelled: "bad", posted: "ok", rejected: "bad", draft: "warn", consulting: "warn", open: "warn" };
export function badge(code: string): HTMLElement {
  return h("span", { class: `badge ${TONE[code] ?? ""}`.trim(), "data-status": code }, nameOf(code));
}

/** What the API said when it refused (its own localised detail), or that the network dropped. */
export function refusal(err: unknown): string {
  if (err instanceof ApiError) return err.network ? ui("networkLost") : err.detail || err.code;
  return String((err as Error)?.message ?? err);
}

/** Sums decimal strings of whole đồng exactly (BigInt: never a float). */
export function sum(amounts: (string | null | undefined)[]): string {
  return amounts.reduce<bigint>((a, x) => a + BigInt(x || "0"), 0n).toString();
}

/** A section with its h2: the screens' parts, in heading order. */
export function section(text: string, ...children: Child[]): { el: HTMLElement; title: HTMLHeadingElement } {
  const id = uid("sec");
  const title = h("h2", { id }, text);
  return { el: h("section", { "aria-labelledby": id }, title, ...children), title };
}

/**
 * A file input that opens the phone's rear camera (or lets one pick a photo or a PDF). `ids()`
 * uploads the chosen file once — with a progress bar — and returns its attachment id; the id is
 * kept in a hidden field, so a voucher retried after a failure does not upload the photo again,
 * and a restored draft still cites it.
 */
export function photoField(unitId: string | number, name = "attachmentId", opts: { multiple?: boolean; label?: string } = {}) {
  const file = h("input", { type: "file", name: `${name}File`, accept: "image/*,application/pdf", capture: "environment", multiple: opts.multiple });
  const kept = h("input", { type: "hidden", name });
  const bar = progressBar(names("uploading"));
  // .progress is display:flex, which would beat the hidden attribute: hide a plain wrapper instead.
  const barBox = h("div", { hidden: true }, bar.el);
  const said = h("p", { class: "muted", "aria-live": "polite" });
  const box = field(opts.label ?? names("photo"), file, names("photoHint"));
  box.append(barBox, said, kept);
  const keep = (ids: string) => {
    kept.value = ids;
    fill(said, ids ? names("uploaded", { id: ids }) : "");
  };
  // A new choice replaces what was uploaded for the old one.
  file.addEventListener("change", () => keep(""));
  const clear = () => {
    file.value = "";
    keep("");
  };
  const changed = bindWidget(kept, box, file, ["attachmentIds", name], { set: keep, clear });
  return {
    el: box,
    async ids(): Promise<number[]> {
      if (kept.value) return kept.value.split(",").map(Number);
      const files = Array.from(file.files ?? []);
      if (!files.length) return [];
      const got: number[] = [];
      barBox.hidden = false;
      try {
        for (const [i, f] of files.entries()) {
          const fd = new FormData();
          fd.append("file", f, f.name);
          bar.set(i / files.length);
          const r = await upload<{ id: number }>(`/units/${unitId}/attachments`, fd, (x) => bar.set((i + x) / files.length));
          got.push(r.id);
        }
      } finally {
        barBox.hidden = true;
      }
      keep(got.join(","));
      changed();
      return got;
    },
    clear,
  };
}

/**
 * A form behind a button (aria-expanded), so a phone's page stays short: open from the start when
 * the form holds a kept draft (what was typed before a failure or a reload). Opening it calls
 * `focusFirst` (the form's first control takes the focus).
 */
export function collapsible(openLabel: string, closeLabel: string, content: HTMLElement, draftKey: string | undefined, focusFirst: () => void): HTMLElement {
  const kept = draftKey ? sessionStorage.getItem(`draft:${draftKey}`) !== null : false;
  content.hidden = !kept;
  const toggle = h("button", { type: "button", class: "secondary", "aria-expanded": String(kept) }, kept ? closeLabel : openLabel);
  toggle.addEventListener("click", () => {
    content.hidden = !content.hidden;
    toggle.setAttribute("aria-expanded", String(!content.hidden));
    toggle.textContent = content.hidden ? openLabel : closeLabel;
    if (!content.hidden) focusFirst();
  });
  return h("div", { class: "collapsible" }, toggle, content);
}

const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"];

/**
 * A voucher's files: each image as its thumbnail (fetched with the token: the files are not
 * public), a tap showing the whole image in a viewer over the page; a PDF as a download button
 * named by its file name.
 */
export function voucherFiles(unitId: string | number, files: Voucher["attachments"]): HTMLElement {
  let images = 0;
  return h(
    "div",
    { class: "photos voucher-files" },
    files.map((f, i) => {
      const path = `/units/${unitId}/attachments/${f.id}`;
      if (!IMAGE_TYPES.includes(f.type)) {
        const name = f.name ?? `${t("fileN", { n: i + 1 })}.pdf`;
        return downloadButton(name, async () => {
          const file = await fetchFile(path);
          saveFile({ ...file, name: f.name ?? file.name }, `tep-${f.id}.pdf`);
        });
      }
      const alt = f.name ?? t("imageN", { n: ++images });
      const img = h("img", { class: "thumb", alt, width: "96", height: "96" });
      const open = h("button", { type: "button", class: "thumb-button", "aria-label": t("viewImage", { name: alt }) }, img);
      void fetchFile(path, { size: "thumb" }).then(
        (file) => {
          const url = URL.createObjectURL(file.blob);
          // drawn once it has loaded: the blob is no longer needed
          img.addEventListener("load", () => URL.revokeObjectURL(url), { once: true });
          img.src = url;
        },
        () => (img.alt = `${alt} — ${ui("failed")}`),
      );
      open.addEventListener("click", () => void viewImage(open, path, alt));
      return open;
    }),
  );
}

/** The whole image in a modal dialog (Esc or "Đóng" closes it; the focus goes back to its thumbnail). */
async function viewImage(from: HTMLButtonElement, path: string, alt: string): Promise<void> {
  from.disabled = true;
  from.setAttribute("aria-busy", "true");
  let url: string;
  try {
    url = URL.createObjectURL((await fetchFile(path)).blob);
  } catch (err) {
    from.after(h("span", { class: "field-error", role: "alert" }, refusal(err)));
    return;
  } finally {
    from.disabled = false;
    from.removeAttribute("aria-busy");
  }
  const close = h("button", { type: "button", class: "secondary" }, t("close"));
  const title = h("h2", { id: uid("viewer") }, alt);
  const dialog = h("dialog", { class: "viewer", "aria-labelledby": title.id }, title, h("img", { class: "full", src: url, alt }), h("div", { class: "actions" }, close));
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    dialog.remove();
    URL.revokeObjectURL(url);
    from.focus();
  });
  from.after(dialog);
  dialog.showModal();
  close.focus();
}

export interface VoucherCardOptions {
  unitId: string | number;
  /** A head of the unit (the server still refuses their own drafts). */
  isHead: boolean;
  /** The work's name and address, where the card is listed outside its work. */
  work?: { name: string; href: string };
  /** After a decision: the list is read again and shows what was said (focused). */
  decided: (said: HTMLElement) => Promise<void>;
}

/**
 * A draft voucher awaiting a head: its amount in figures and in words, payee, purpose and files.
 * "Duyệt và ghi sổ" opens a confirmation repeating what is paid, to whom and for what; rejecting
 * asks for the reason.
 */
export function voucherCard(e: Voucher, o: VoucherCardOptions): HTMLElement {
  const kind = e.kind === "advance" ? nameOf("advanceKind") : nameOf(e.category ?? "other");
  const msg = h("div", { "aria-live": "polite" });
  const buttons = h("div", { class: "actions" });
  const confirmBox = h("div");
  const headingId = uid("voucher");
  const card = h(
    "li",
    { class: "card", "data-expense": String(e.id), tabindex: "-1", "aria-labelledby": headingId },
    h("h3", { id: headingId }, `${money(e.amount)} đ — ${e.payee}`),
    h("p", { class: "in-words" }, words(e.amount)),
    o.work ? h("p", null, `${t("work")}: `, h("a", { href: o.work.href }, o.work.name)) : null,
    h("p", null, `${dmy(e.date)} · ${kind} · ${nameOf(e.method)}`),
    h("p", null, e.description),
    h("p", { class: "muted" }, t("draftedBy", { name: e.draftedByName ?? "—" })),
    e.attachments.length ? voucherFiles(o.unitId, e.attachments) : null,
    msg,
    buttons,
    confirmBox,
  );
  if (!o.isHead) {
    fill(buttons, h("p", { class: "muted" }, t("waitHead")));
    return card;
  }
  const approve = h("button", { type: "button" }, t("approve"));
  const reject = h("button", { type: "button", class: "secondary", "aria-expanded": "false" }, t("reject"));
  approve.addEventListener("click", () => {
    msg.replaceChildren();
    rejectForm.hidden = true;
    reject.setAttribute("aria-expanded", "false");
    buttons.hidden = true;
    const facts = h(
      "dl",
      { class: "facts" },
      h("dt", null, t("amount")), h("dd", null, h("strong", null, `${money(e.amount)} đ`)),
      h("dt", null, ui("inWords")), h("dd", { class: "in-words" }, words(e.amount)),
      h("dt", null, t("payee")), h("dd", null, e.payee),
      h("dt", null, t("purpose")), h("dd", null, e.description),
      o.work ? [h("dt", null, t("work")), h("dd", null, o.work.name)] : null,
      h("dt", null, t("paidBy")), h("dd", null, `${kind} · ${nameOf(e.method)}`),
    );
    confirmStep(
      confirmBox,
      [h("p", null, h("strong", null, t("confirmApprove"))), facts, h("p", { class: "muted" }, t("confirmApproveNote"))],
      t("confirmApproveButton"),
      async () => {
        const r = await api<{ voucherNo: string }>("POST", `/units/${o.unitId}/expenses/${e.id}/approve`);
        await o.decided(notice("ok", t("approved", { no: r.voucherNo })));
      },
      () => {
        buttons.hidden = false;
        approve.focus();
      },
    );
  });
  const reason = textarea("reason", { required: true, maxlength: "2000" });
  const rejectForm = form(
    {
      submitLabel: t("confirmReject"),
      danger: true,
      onSubmit: async () => {
        await api("POST", `/units/${o.unitId}/expenses/${e.id}/reject`, { reason: reason.value.trim() });
        await o.decided(notice("ok", t("rejected")));
      },
    },
    field(t("reason"), reason),
  );
  rejectForm.hidden = true;
  reject.addEventListener("click", () => {
    rejectForm.hidden = !rejectForm.hidden;
    reject.setAttribute("aria-expanded", String(!rejectForm.hidden));
    if (!rejectForm.hidden) reason.focus();
  });
  fill(buttons, approve, reject);
  card.append(rejectForm);
  return card;
}

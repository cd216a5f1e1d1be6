import { api, fetchFile, get, upload } from "../api";
import { instantOfLocal, localDateTimeInput } from "../../../shared/dates";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import type { Unit } from "../roles";
import { bringIntoView, dmy, field, form, heading, input, notice, progressBar, select, spinner, table, textarea } from "../ui";
import { confirmStep, errorText, rolesAt } from "./_admin-widgets";
import { figureList, kindName, paramsText, placeName, POSTING_PLACES, previewButtons, pt, Publication } from "./_publication-widgets";

// One publication: what it covers, its state and headline figures; on the draft the boards' opinions
// and the head's approval, which repeats the figures it publishes (it makes and stores the documents
// once and gives the verification code); once
// published the public files, the code, the loudspeaker script, and the proof that the paper
// went up (where, when, by whom, a photo) and came down.

const t = texts({
  vi: {
    back: "← Công khai tài chính", status: "Trạng thái", covers: "Nội dung", places: "Nơi niêm yết", posting: "Thời gian niêm yết", drafted: "Người lập", approved: "Duyệt công bố",
    code: "Mã xác minh", hash: "Mã băm dữ liệu (SHA-256)", chain: "Đầu chuỗi sổ cái", supersedes: "Đính chính cho", supersededBy: "Đã được đính chính bởi",
    draftedNote: "Đã lưu bản nháp. Trưởng thôn (không phải người lập) sẽ duyệt và công bố.", publishedNote: "Đã duyệt và công bố. Tệp PDF và Excel đã được tạo và lưu.",
    preview: "Xem trước số liệu", approveTitle: "Duyệt và công bố", approve: "Duyệt và công bố",
    approveQuestion: "Duyệt và công bố bản này?",
    approveText: "Hệ thống sẽ tạo tệp PDF và Excel từ sổ sách tại thời điểm này, cấp mã xác minh và đưa lên trang công khai. Bản đã công bố không sửa được — muốn sửa phải lập bản đính chính.",
    figures: "Số liệu chính", figuresDraft: "Số liệu sẽ công bố, tính từ sổ sách lúc này (nếu sổ có thêm bút toán trước khi duyệt, tệp công bố in số mới).",
    noFigures: "Chưa tính được số liệu của bản này; khi duyệt, hệ thống sẽ báo lý do.",
    ownDraft: "Bạn là người lập bản này nên không thể tự duyệt; một trưởng thôn khác phải duyệt.",
    files: "Tệp đã công bố", pdf: "Bản công khai (PDF)", xlsx: "Số liệu (Excel)", verify: "Trang xác minh", publicPage: "Trang công khai của đơn vị",
    opinions: "Ý kiến của ban giám sát", noOpinions: "Chưa có ý kiến nào.", sign_off: "Xác nhận", objection: "Phản đối", stance: "Ý kiến", text: "Nội dung ý kiến", giveOpinion: "Ghi ý kiến của ban",
    opinionHint: "Ý kiến được in trên bản công khai và nằm trong mã băm.", opinionsClosed: "Ban giám sát chỉ cho ý kiến trên bản nháp của báo cáo thu, chi và quyết toán công trình.",
    announcement: "Thông báo trên loa truyền thanh", postings: "Niêm yết", noPostings: "Chưa ghi lần niêm yết nào.", place: "Nơi niêm yết", postedAt: "Thời điểm niêm yết", by: "Người niêm yết",
    photo: "Ảnh chụp", takenDown: "Gỡ xuống", stillUp: "Đang niêm yết", removedEarly: "Gỡ sớm (trước {date})", showPhoto: "Xem ảnh", photoAlt: "Ảnh niêm yết tại {place}, {at}",
    recordTakenDown: "Ghi đã gỡ", takenDownAt: "Thời điểm gỡ xuống", addPosting: "Ghi niêm yết", photoField: "Ảnh chụp bản niêm yết (tuỳ chọn)", photoHint: "Chụp bằng điện thoại; ảnh JPEG/PNG tối đa 10 MB.",
    uploading: "Đang tải ảnh lên…", saveTakenDown: "Lưu", notYet: "Ghi niêm yết sau khi bản đã được công bố.",
    savedOpinion: "Đã ghi ý kiến của ban.", savedPosting: "Đã ghi lần niêm yết.", savedTakenDown: "Đã ghi thời điểm gỡ xuống.",
  },
  en: {
    back: "← Publications", status: "Status", covers: "Covers", places: "Posted at", posting: "Posting period", drafted: "Drafted by", approved: "Approved by",
    code: "Verification code", hash: "Data hash (SHA-256)", chain: "Ledger chain head", supersedes: "Corrects", supersededBy: "Corrected by",
    draftedNote: "Draft saved. A head (not the drafter) approves and publishes it.", publishedNote: "Approved and published. The PDF and Excel files were made and stored.",
    preview: "Preview the figures", approveTitle: "Approve and publish", approve: "Approve and publish",
    approveQuestion: "Approve and publish this?",
    approveText: "The PDF and Excel files are made from the books as they are now, a verification code is issued and it goes on the public page. A published statement cannot change — a correction is a new publication.",
    figures: "Headline figures", figuresDraft: "The figures it will publish, from the books as they are now (should an entry be recorded before the approval, the published file prints the new ones).",
    noFigures: "Its figures cannot be worked out now; approving it says why.",
    ownDraft: "You drafted this, so you cannot approve it; another head must.",
    files: "Published files", pdf: "Publication (PDF)", xlsx: "Figures (Excel)", verify: "Verification page", publicPage: "The unit's public page",
    opinions: "Supervision boards' opinions", noOpinions: "No opinion yet.", sign_off: "Sign-off", objection: "Objection", stance: "Opinion", text: "What the board says", giveOpinion: "Record the board's opinion",
    opinionHint: "The opinion is printed on the publication and covered by its hash.", opinionsClosed: "Boards give opinions only on drafts of receipts-and-payments and work settlements.",
    announcement: "Loudspeaker announcement", postings: "Postings", noPostings: "No posting recorded yet.", place: "Place", postedAt: "Posted at", by: "Posted by",
    photo: "Photo", takenDown: "Taken down", stillUp: "Still up", removedEarly: "Taken down early (before {date})", showPhoto: "Show photo", photoAlt: "Posting at {place}, {at}",
    recordTakenDown: "Record taken down", takenDownAt: "Taken down at", addPosting: "Record a posting", photoField: "Photo of the posted paper (optional)", photoHint: "Take it with the phone; JPEG/PNG up to 10 MB.",
    uploading: "Uploading the photo…", saveTakenDown: "Save", notYet: "Postings are recorded once the publication is published.",
    savedOpinion: "The board's opinion is recorded.", savedPosting: "The posting is recorded.", savedTakenDown: "The taking down is recorded.",
  },
});

const OPINABLE = ["receipts-payments", "work-settlement"];

export default async function publication({ root, params, me, go, query }: ScreenCtx): Promise<void> {
  const { unitId, publicationId } = params;
  root.classList.add("admin-area");
  fill(root, spinner());
  const [unit, p, units] = await Promise.all([
    get<Unit>(`/units/${unitId}`),
    get<Publication>(`/units/${unitId}/publications/${publicationId}`),
    get<{ data: Unit[] }>("/units").then((r) => r.data, () => [] as Unit[]),
  ]);
  const here = `/app/units/${unit.id}/publications/${p.id}`;
  const roles = rolesAt(me, unit, new Map(units.map((u) => [u.id, u])));
  const editor = roles.has("treasurer") || roles.has("head");
  const inspector = me.grants.some((g) => g.role === "inspector");
  const isDraft = p.status === "draft";

  const facts = h(
    "dl",
    { class: "facts" },
    h("dt", null, t("status")),
    h("dd", null, isDraft ? h("span", { class: "badge warn" }, pt("draft")) : p.supersededBy ? h("span", { class: "badge" }, pt("superseded")) : h("span", { class: "badge ok" }, pt("published"))),
    h("dt", null, t("covers")), h("dd", null, p.subject ?? paramsText(p.params)),
    h("dt", null, t("places")), h("dd", null, p.places.map(placeName).join(", ")),
    h("dt", null, t("posting")), h("dd", null, `${dmy(p.postedFrom)} – ${dmy(p.postedUntil)}`),
    h("dt", null, t("drafted")), h("dd", null, `${p.drafted.name ?? ""} · ${dmy(p.drafted.at)}`),
    p.approved ? [h("dt", null, t("approved")), h("dd", null, `${p.approved.name ?? ""} · ${dmy(p.approved.at)}`)] : null,
    p.code ? [h("dt", null, t("code")), h("dd", null, h("code", { class: "code" }, p.code))] : null,
    p.dataHash ? [h("dt", null, t("hash")), h("dd", null, h("code", { class: "hash" }, p.dataHash))] : null,
    p.chainHead ? [h("dt", null, t("chain")), h("dd", null, h("code", { class: "hash" }, p.chainHead))] : null,
    p.supersedes ? [h("dt", null, t("supersedes")), h("dd", null, h("a", { href: `/app/units/${unit.id}/publications/${p.supersedes}` }, `#${p.supersedes}`))] : null,
    p.supersededBy ? [h("dt", null, t("supersededBy")), h("dd", null, h("a", { href: `/app/units/${unit.id}/publications/${p.supersededBy}` }, `#${p.supersededBy}`))] : null,
  );

  // What the last save did (the screen is drawn again after it): said where it happened, in view and focused.
  const saved = query.get("saved");
  const said = (key: "savedOpinion" | "savedPosting" | "savedTakenDown") => (saved === key ? notice("ok", t(key)) : null);
  const top = (query.get("drafted") && isDraft ? notice("ok", t("draftedNote")) : null) ?? (query.get("published") && !isDraft ? notice("ok", t("publishedNote")) : null);
  const opinionSaid = said("savedOpinion");
  const postingSaid = said("savedPosting") ?? said("savedTakenDown");
  fill(
    root,
    h("p", { class: "crumbs" }, h("a", { href: `/app/units/${unit.id}/publications` }, t("back"))),
    heading(`${kindName(p.kind)} #${p.id}`),
    top,
    facts,
    isDraft || p.figures ? figuresPart(p) : null,
    isDraft ? draftPart(p, unit, roles.has("head"), me.id, here, go) : publishedPart(p, unit),
    opinionsPart(p, unit, inspector, here, go, opinionSaid),
    p.announcement ? [h("h2", null, t("announcement")), h("p", { class: "announcement" }, p.announcement)] : null,
    postingsPart(p, unit, editor, me.displayName, here, go, postingSaid),
  );
  const answer = top ?? opinionSaid ?? postingSaid;
  if (answer) bringIntoView(answer);
}

/** The headline figures: on a draft, what approving it would publish; once published, what was. */
function figuresPart(p: Publication): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "pub-figures" },
    h("h2", { id: "pub-figures" }, t("figures")),
    p.status === "draft" ? h("p", { class: "muted" }, t("figuresDraft")) : null,
    p.figures?.length ? figureList(p.figures) : h("p", { class: "muted" }, t("noFigures")),
  );
}

function draftPart(p: Publication, unit: Unit, head: boolean, myId: number, here: string, go: (path: string) => void): HTMLElement {
  const box = h("section", { "aria-labelledby": "pub-draft" }, h("h2", { id: "pub-draft" }, t("preview")));
  box.append(previewButtons(unit.id, () => p.kind, () => ({ ...p.params })));
  if (!head) return box;
  box.append(h("h2", null, t("approveTitle")));
  if (p.drafted.by === myId) {
    box.append(notice("info", t("ownDraft")));
    return box;
  }
  const confirmBox = h("div");
  const b = h("button", { type: "button" }, t("approve"));
  b.addEventListener("click", () => {
    b.hidden = true;
    confirmStep(
      confirmBox,
      [h("p", null, h("strong", null, t("approveQuestion"))), p.figures?.length ? figureList(p.figures) : null, h("p", null, t("approveText"))],
      t("approve"),
      async () => {
        await api("POST", `/units/${unit.id}/publications/${p.id}/approve`);
        go(`${here}?published=1`);
      },
      () => {
        b.hidden = false;
        b.focus();
      },
    );
  });
  box.append(h("div", { class: "actions" }, b), confirmBox);
  return box;
}

function publishedPart(p: Publication, unit: Unit): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "pub-files" },
    h("h2", { id: "pub-files" }, t("files")),
    h(
      "ul",
      { class: "tiles" },
      h("li", null, h("a", { href: `/api/v1/public/publications/${p.id}.pdf`, download: "" }, t("pdf"))),
      h("li", null, h("a", { href: `/api/v1/public/publications/${p.id}.xlsx`, download: "" }, t("xlsx"))),
      p.code ? h("li", null, h("a", { href: `/verify/${encodeURIComponent(p.code)}${p.dataHash ? `?hash=${p.dataHash}` : ""}` }, t("verify"))) : null,
      h("li", null, h("a", { href: `/u/${encodeURIComponent(unit.code)}` }, t("publicPage"))),
    ),
  );
}

function opinionsPart(p: Publication, unit: Unit, inspector: boolean, here: string, go: (path: string) => void, said: HTMLElement | null): HTMLElement {
  const box = h("section", { "aria-labelledby": "pub-opinions" }, h("h2", { id: "pub-opinions" }, t("opinions")), said);
  box.append(
    p.opinions.length
      ? h(
          "ul",
          { class: "timeline" },
          p.opinions.map((o) =>
            h(
              "li",
              null,
              h("span", { class: o.stance === "sign_off" ? "badge ok" : "badge bad" }, t(o.stance)),
              " ",
              h("strong", null, o.board),
              h("br"),
              o.text,
              h("br"),
              h("small", { class: "muted" }, `${o.by} · ${dmy(o.at)}`),
            ),
          ),
        )
      : h("p", { class: "muted" }, t("noOpinions")),
  );
  if (!inspector) return box;
  if (p.status !== "draft" || !OPINABLE.includes(p.kind)) {
    box.append(h("p", { class: "muted" }, t("opinionsClosed")));
    return box;
  }
  const stance = select("stance", [["sign_off", t("sign_off")], ["objection", t("objection")]]);
  const text = textarea("text", { required: true, maxlength: "2000" });
  box.append(
    h("h3", null, t("giveOpinion")),
    form(
      {
        draftKey: `opinion:${unit.id}:${p.id}`,
        submitLabel: t("giveOpinion"),
        onSubmit: async (key) => {
          await api("POST", `/units/${unit.id}/publications/${p.id}/board-opinions`, { stance: stance.value, text: text.value.trim() }, { idempotencyKey: key });
          go(`${here}?saved=savedOpinion`);
        },
      },
      field(t("stance"), stance),
      field(t("text"), text, t("opinionHint")),
    ),
  );
  return box;
}

/** Shows an attachment (token-protected) as an image in place of its button. */
function photoButton(unitId: number, attachmentId: number, alt: string): HTMLElement {
  const slot = h("span");
  const b = h("button", { type: "button", class: "secondary" }, t("showPhoto"));
  b.addEventListener("click", async () => {
    b.disabled = true;
    try {
      const url = URL.createObjectURL((await fetchFile(`/units/${unitId}/attachments/${attachmentId}`)).blob);
      fill(slot, h("img", { class: "thumb", src: url, alt }));
    } catch (err) {
      fill(slot, h("span", { class: "field-error" }, errorText(err)));
      b.disabled = false;
    }
  });
  fill(slot, b);
  return slot;
}

function postingsPart(p: Publication, unit: Unit, editor: boolean, myName: string, here: string, go: (path: string) => void, said: HTMLElement | null): HTMLElement {
  type Posting = Publication["postings"][number];
  const box = h("section", { "aria-labelledby": "pub-postings" }, h("h2", { id: "pub-postings" }, t("postings")), said);
  const takenDownCell = (s: Posting) => {
    if (s.takenDownAt) return [dmy(s.takenDownAt), s.removedEarly ? [" ", h("span", { class: "badge bad" }, t("removedEarly", { date: dmy(s.minimumUntil) }))] : null];
    if (!editor) return h("span", { class: "badge ok" }, t("stillUp"));
    const slot = h("div");
    const b = h("button", { type: "button", class: "secondary" }, t("recordTakenDown"));
    b.addEventListener("click", () => {
      const at = input("takenDownAt", { type: "datetime-local", value: localDateTimeInput(new Date()), required: true });
      const f = form(
        {
          submitLabel: t("saveTakenDown"),
          onSubmit: async () => {
            await api("POST", `/units/${unit.id}/publications/${p.id}/postings/${s.id}/taken-down`, { takenDownAt: instantOfLocal(at.value) });
            go(`${here}?saved=savedTakenDown`);
          },
        },
        field(t("takenDownAt"), at),
      );
      fill(slot, f);
      at.focus();
    });
    fill(slot, h("span", { class: "badge ok" }, t("stillUp")), " ", b);
    return slot;
  };
  box.append(
    p.postings.length
      ? table<Posting>(
          [
            { label: t("place"), cell: (s) => placeName(s.place) },
            { label: t("postedAt"), cell: (s) => h("time", { datetime: s.postedAt }, dmy(s.postedAt)) },
            { label: t("by"), cell: (s) => s.by },
            { label: t("photo"), cell: (s) => (s.photoAttachmentId ? photoButton(unit.id, s.photoAttachmentId, t("photoAlt", { place: placeName(s.place), at: dmy(s.postedAt) })) : "—") },
            { label: t("takenDown"), cell: takenDownCell },
          ],
          p.postings,
          t("postings"),
        )
      : h("p", { class: "muted" }, t("noPostings")),
  );
  if (!editor) return box;
  if (p.status !== "published") {
    box.append(h("p", { class: "muted" }, t("notYet")));
    return box;
  }
  const progress = h("div", { "aria-live": "polite" });
  const photo = h("input", { type: "file", name: "photo", accept: "image/*", capture: "environment" });
  const place = select("place", POSTING_PLACES.map((x) => [x, placeName(x)]));
  const postedAt = input("postedAt", { type: "datetime-local", value: localDateTimeInput(new Date()), required: true });
  const by = input("by", { value: myName, required: true, maxlength: "200" });
  // The photo goes up first (with progress, its own key: a retry does not store it twice), then the posting.
  let photoKey: string | undefined;
  let photoId: number | undefined;
  photo.addEventListener("change", () => {
    photoKey = undefined;
    photoId = undefined;
  });
  box.append(
    h("h3", null, t("addPosting")),
    form(
      {
        draftKey: `posting:${unit.id}:${p.id}`,
        submitLabel: t("addPosting"),
        onSubmit: async (key) => {
          const body: { place: string; postedAt: string; by: string; photoAttachmentId?: number } = { place: place.value, postedAt: instantOfLocal(postedAt.value), by: by.value.trim() };
          const file = photo.files?.[0];
          if (file && photoId === undefined) {
            const bar = progressBar(t("uploading"));
            fill(progress, bar.el);
            photoKey ??= `${key}-photo`;
            const fd = new FormData();
            fd.append("file", file);
            const a = await upload<{ id: number }>(`/units/${unit.id}/attachments`, fd, (f) => bar.set(f), photoKey).finally(() => fill(progress, ""));
            photoId = a.id;
          }
          if (photoId !== undefined) body.photoAttachmentId = photoId;
          await api("POST", `/units/${unit.id}/publications/${p.id}/postings`, body, { idempotencyKey: key });
          go(`${here}?saved=savedPosting`);
        },
      },
      field(t("place"), place),
      field(t("postedAt"), postedAt),
      field(t("by"), by),
      field(t("photoField"), photo, t("photoHint")),
      progress,
    ),
  );
  return box;
}

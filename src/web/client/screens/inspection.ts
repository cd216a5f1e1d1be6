import { api, download, get } from "../api";
import type { ChecklistLineWire, InspectionWire } from "../../../supervision/wire";
import { addDays } from "../../../shared/dates";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { bringIntoView, checkbox, dmy, downloadButton, dropDraft, field, form, heading, input, notice, select, spinner, table, textarea, today } from "../ui";
import { boardName } from "../roles";
import { confirmStep } from "./_admin-widgets";
import { Board, Finding, findingCard, isMember, photoField, recordFields, st, statusBadge, UnitLite, word } from "./_supervision-widgets";

// One inspection (biên bản giám sát): a draft is corrected freely — date, members present, the
// checklist — and takes findings with photos from the phone's camera; filing freezes it (only
// addenda after that), publishing shows it and its findings to residents on the work's public page.
// Both moves cannot be undone, so each asks first, in the page, saying what it does. Once filed,
// the minutes' PDF is one tap away at the top.

const t = texts({
  vi: {
    title: "Biên bản giám sát", of: "Đối tượng", funds: "Quỹ của {unit}", date: "Ngày giám sát", present: "Thành viên có mặt", status: "Tình trạng", filedAt: "Nộp lúc", publishedAt: "Công bố lúc",
    checklist: "Nội dung kiểm tra", item: "Nội dung", result: "Kết quả", note: "Ghi chú", resultOf: "Kết quả: {item}", noteOf: "Ghi chú: {item}", saveDraft: "Lưu bản nháp", savedDraft: "Đã lưu bản nháp.",
    findings: "Kiến nghị", noFindings: "Chưa có kiến nghị nào.", addFinding: "Thêm kiến nghị", category: "Lĩnh vực (vd: chất lượng, tiến độ, công khai)", description: "Nội dung phát hiện",
    recommendation: "Kiến nghị", addressedTo: "Gửi đến (người, bộ phận phải xử lý)", dueDate: "Hạn xử lý", evidence: "Ảnh chứng cứ", saveFinding: "Ghi kiến nghị", namesPublic: "Ban đã thống nhất công khai tên hộ gia đình nêu trong phát hiện (không chọn: tên và mã hộ được che khi công khai)", criticalHint: "Mức “Rất nghiêm trọng” tạm dừng mọi khoản chi của công trình cho đến khi kiến nghị được xử lý.",
    file: "Nộp biên bản", fileHint: "Sau khi nộp, biên bản không sửa được nữa (chỉ thêm phụ lục bổ sung).", publish: "Công bố cho người dân", publishHint: "Người dân sẽ thấy biên bản và các kiến nghị trên trang công khai của công trình.",
    publishHintUnit: "Biên bản được công bố; đơn vị đăng biên bản lên bảng tin công khai như các báo cáo khác.",
    fileAsk: "Nộp biên bản giám sát ngày {date}?", fileWhat: "Biên bản sẽ được khoá như đang thấy: ngày, thành viên có mặt và nội dung kiểm tra không sửa được nữa, chỉ thêm được phụ lục. Biên bản (PDF) có ngay sau khi nộp. Không hoàn tác được.",
    publishAsk: "Công bố biên bản giám sát ngày {date} cho người dân?", publishWhat: "Biên bản và {n} kiến nghị sẽ công khai cho mọi người xem. Đã công bố thì không rút lại được.",
    fileYes: "Xác nhận nộp", publishYes: "Xác nhận công bố",
    filed: "Đã nộp biên bản. Biên bản giám sát (PDF) tải được ngay bên dưới.", published: "Đã công bố biên bản cho người dân.",
    findingSaved: "Đã ghi kiến nghị “{what}” (hạn {due}). Biểu mẫu đã để trống cho kiến nghị tiếp theo.", seeFinding: "Xem kiến nghị vừa ghi",
    publicPage: "Xem trang công khai của công trình", minutesPdf: "Tải biên bản (PDF)", addenda: "Phụ lục bổ sung", noAddenda: "Chưa có phụ lục.", addAddendum: "Thêm phụ lục", addendumText: "Nội dung bổ sung", saveAddendum: "Ghi phụ lục", photos: "Ảnh kèm theo", byAt: "{who}, {at}",
    members: "Chọn ít nhất một thành viên có mặt.",
  },
  en: {
    title: "Inspection record", of: "Subject", funds: "Funds of {unit}", date: "Inspection date", present: "Members present", status: "Status", filedAt: "Filed at", publishedAt: "Published at",
    checklist: "Checklist", item: "Item", result: "Result", note: "Note", resultOf: "Result: {item}", noteOf: "Note: {item}", saveDraft: "Save draft", savedDraft: "Draft saved.",
    findings: "Findings", noFindings: "No findings yet.", addFinding: "Add a finding", category: "Area (e.g. quality, schedule, disclosure)", description: "What was found",
    recommendation: "Recommendation", addressedTo: "Addressed to (who must act)", dueDate: "Due date", evidence: "Evidence photos", saveFinding: "Record finding", namesPublic: "The board agreed to publish the households named in this finding (unticked: their names and codes are masked in public)", criticalHint: "A “critical” finding holds every payment of the work until it is dealt with.",
    file: "File the record", fileHint: "Once filed the record cannot be changed (only addenda can be added).", publish: "Publish to residents", publishHint: "Residents will see the record and its findings on the work's public page.",
    publishHintUnit: "The record is published; the unit posts its minutes on the notice board like its other statements.",
    fileAsk: "File the inspection record of {date}?", fileWhat: "The record is locked as it is: its date, members present and checklist can no longer change, only addenda can be added. The minutes (PDF) are ready once filed. This cannot be undone.",
    publishAsk: "Publish the inspection record of {date} to residents?", publishWhat: "The record and its {n} findings become public for everyone to read. Once published it cannot be withdrawn.",
    fileYes: "Yes, file it", publishYes: "Yes, publish it",
    filed: "Record filed. The inspection minutes (PDF) can be downloaded just below.", published: "Record published to residents.",
    findingSaved: "Finding “{what}” recorded (due {due}). The form is empty for the next one.", seeFinding: "See the finding just recorded",
    publicPage: "See the work's public page", minutesPdf: "Download the minutes (PDF)", addenda: "Addenda", noAddenda: "No addenda.", addAddendum: "Add an addendum", addendumText: "Addendum", saveAddendum: "Record addendum", photos: "Photos", byAt: "{who}, {at}",
    members: "Choose at least one member present.",
  },
});

type Inspection = InspectionWire;
type ChecklistLine = ChecklistLineWire;

export default async function inspectionScreen(ctx: ScreenCtx): Promise<void> {
  const { root, params, me } = ctx;
  fill(root, spinner());
  const [board, first] = await Promise.all([get<Board>(`/boards/${params.boardId}`), get<Inspection>(`/boards/${params.boardId}/inspections/${params.inspectionId}`)]);
  const [unit, work] = await Promise.all([
    get<UnitLite>(`/units/${first.unitId}`),
    first.workId ? get<{ id: number; name: string }>(`/units/${first.unitId}/works/${first.workId}`) : Promise.resolve(null),
  ]);
  const member = isMember(me, board.id);
  const path = `/boards/${board.id}/inspections/${first.id}`;
  const memberName = (id: number) => board.members.find((m) => m.userId === id)?.displayName ?? `#${id}`;
  const flash = h("div", { "aria-live": "polite" });
  const minutesButton = (i: Inspection) =>
    downloadButton(t("minutesPdf"), () => download(`/units/${unit.id}/statements/inspection-minutes.pdf`, `bien-ban-giam-sat-${i.date}-${i.id}.pdf`, { inspectionId: i.id }));
  /** What a move did, said at the top of the screen, in view and focused. */
  const announce = (n: HTMLElement) => {
    fill(flash, n);
    bringIntoView(n);
  };

  const render = (i: Inspection) => {
    const draft = i.status === "draft";
    const line = (item: string) => i.checklist.find((l) => l.item === item);

    // ---- the record: editable while a draft, read-only after
    let record: HTMLElement;
    if (draft && member) {
      const date = input("date", { type: "date", value: i.date, max: today(), required: true });
      const fields = recordFields(board, (id) => i.membersPresent.includes(id), line);
      record = form(
        {
          draftKey: `inspection:${i.id}`,
          submitLabel: t("saveDraft"),
          onSubmit: async () => {
            const present = fields.present();
            if (!present.length) throw new Error(t("members"));
            const r = await api<Inspection>("PATCH", path, { date: date.value, membersPresent: present, checklist: fields.checklist() });
            fill(flash, notice("ok", t("savedDraft")));
            render(r);
          },
        },
        field(t("date"), date),
        fields.el,
      );
    } else {
      record = h(
        "div",
        null,
        h("dl", { class: "facts" }, h("dt", null, t("date")), h("dd", null, dmy(i.date)), h("dt", null, t("present")), h("dd", null, i.membersPresent.map(memberName).join(", "))),
        table<ChecklistLine>(
          [
            { label: t("item"), cell: (l) => word(l.item) },
            { label: t("result"), cell: (l) => word(l.result) },
            { label: t("note"), cell: (l) => l.note ?? "" },
          ],
          i.checklist,
          t("checklist"),
        ),
      );
    }

    // ---- findings (redrawn alone when one is added: the form below keeps its place)
    const findings = h("div", { class: "findings" });
    const findingsTitle = h("h2", null);
    const cards = new Map<number, HTMLElement>();
    const showFindings = (list: Finding[]) => {
      cards.clear();
      for (const f of list) cards.set(f.id, findingCard(f, me, new Set(), () => void reload()));
      fill(findingsTitle, `${t("findings")} (${list.length})`);
      fill(findings, list.length ? [...cards.values()] : h("p", { class: "muted" }, t("noFindings")));
    };
    showFindings(i.findings);
    let addFinding: HTMLElement | null = null;
    if (draft && member) {
      const severity = select("severity", [["observation", st("observation")], ["minor", st("minor")], ["major", st("major")], ["critical", st("critical")]], "minor");
      const category = input("category", { required: true, maxlength: "100" });
      const description = textarea("description", { required: true, maxlength: "4000" });
      const recommendation = textarea("recommendation", { required: true, maxlength: "4000" });
      const addressedTo = input("addressedTo", { required: true, maxlength: "200" });
      const dueDefault = () => addDays(today(), 15);
      const dueDate = input("dueDate", { type: "date", value: dueDefault(), required: true });
      const evidence = photoField(i.unitId, "evidence", t("evidence"));
      // law.md L9: households are named in public only when the board agreed
      const namesPublic = checkbox("namesPublic", t("namesPublic"));
      addFinding = h(
        "section",
        { class: "card", "aria-labelledby": "add-finding-h" },
        h("h3", { id: "add-finding-h" }, t("addFinding")),
        form(
          {
            draftKey: `finding-new:${i.id}`,
            submitLabel: t("saveFinding"),
            // each finding is a new one: the form empties after a save (never after a refusal)
            creates: true,
            afterReset: () => {
              severity.value = "minor";
              dueDate.value = dueDefault();
            },
            onSubmit: async (key) => {
              const photos = evidence.ids();
              const made = await api<Finding>("POST", `${path}/findings`, {
                category: category.value.trim(), severity: severity.value, description: description.value.trim(), recommendation: recommendation.value.trim(), addressedTo: addressedTo.value.trim(), dueDate: dueDate.value,
                ...(photos.length ? { evidence: { attachmentIds: photos } } : {}),
                ...(namesPublic.box.checked ? { namesPublic: true } : {}),
              }, { idempotencyKey: key });
              showFindings((await get<Inspection>(path)).findings);
              return {
                message: t("findingSaved", { what: `${made.category} · ${word(made.severity)}`, due: dmy(made.dueDate) }),
                // a button, not a #fragment link: the address is the screen, a fragment would reload it
                actions: [h("button", { type: "button", class: "linklike", on: { click: () => { const c = cards.get(made.id); if (c) bringIntoView(c); } } }, t("seeFinding"))],
              };
            },
          },
          field(t("category"), category),
          field(st("severity"), severity, t("criticalHint")),
          field(t("description"), description),
          field(t("recommendation"), recommendation),
          field(t("addressedTo"), addressedTo),
          field(t("dueDate"), dueDate),
          namesPublic.el,
          evidence.el,
        ),
      );
    }

    // ---- file → publish
    let move: HTMLElement | null = null;
    const next = i.status === "draft" ? "filed" : i.status === "filed" ? "published" : null;
    if (member && next) {
      const label = next === "filed" ? t("file") : t("publish");
      const asking = h("div");
      const ask = h("button", { type: "button" }, label);
      ask.addEventListener("click", () =>
        confirmStep(
          asking,
          next === "filed"
            ? [h("strong", null, t("fileAsk", { date: dmy(i.date) })), " ", t("fileWhat")]
            : [h("strong", null, t("publishAsk", { date: dmy(i.date) })), " ", t("publishWhat", { n: i.findings.length })],
          next === "filed" ? t("fileYes") : t("publishYes"),
          async () => {
            const moved = await api<Inspection>("POST", `${path}/transitions`, { to: next });
            dropDraft(`inspection:${i.id}`);
            render(moved);
            announce(notice("ok", next === "filed" ? t("filed") : t("published")));
          },
          () => ask.focus(),
        ),
      );
      move = h(
        "section",
        { class: "card", "aria-labelledby": "move-h" },
        h("h2", { id: "move-h" }, label),
        h("p", null, next === "filed" ? t("fileHint") : work ? t("publishHint") : t("publishHintUnit")),
        h("div", { class: "form-actions" }, ask),
        asking,
      );
    }

    // ---- addenda (the only change a filed record takes)
    const addendumForm = () => {
      const text = textarea("text", { required: true, maxlength: "4000" });
      const photos = photoField(i.unitId, "photos", t("photos"));
      return form(
        {
          draftKey: `addendum:${i.id}`,
          submitLabel: t("saveAddendum"),
          onSubmit: async (key) => {
            await api("POST", `${path}/addenda`, { text: text.value.trim(), ...(photos.ids().length ? { attachmentIds: photos.ids() } : {}) }, { idempotencyKey: key });
            await reload();
          },
        },
        field(t("addendumText"), text),
        photos.el,
      );
    };
    const addenda = h(
      "section",
      { "aria-labelledby": "addenda-h" },
      h("h2", { id: "addenda-h" }, t("addenda")),
      i.addenda.length
        ? h("ul", { class: "timeline" }, i.addenda.map((a) => h("li", null, h("span", { class: "muted" }, t("byAt", { who: a.by ?? "", at: dmy(a.createdAt) })), h("br"), a.text, a.attachmentIds.length ? h("span", { class: "muted" }, ` (${st("evidence", { n: a.attachmentIds.length })})`) : null)))
        : h("p", { class: "muted" }, t("noAddenda")),
      member && !draft ? addendumForm() : null,
    );

    fill(
      root,
      h("p", { class: "crumbs" }, h("a", { href: `/app/boards/${board.id}` }, `← ${boardName(board)}`)),
      heading(`${t("title")} ${dmy(i.date)}`),
      flash,
      h(
        "dl",
        { class: "facts" },
        h("dt", null, t("of")),
        h("dd", null, work ? h("a", { href: `/app/units/${unit.id}/works/${work.id}` }, work.name) : t("funds", { unit: unit.name })),
        h("dt", null, t("status")),
        h("dd", null, statusBadge(i.status)),
        i.filedAt ? [h("dt", null, t("filedAt")), h("dd", null, dmy(i.filedAt))] : null,
        i.publishedAt ? [h("dt", null, t("publishedAt")), h("dd", null, dmy(i.publishedAt))] : null,
      ),
      i.status === "published" && work ? h("p", null, h("a", { href: `/u/${encodeURIComponent(unit.code)}/works/${work.id}` }, t("publicPage"))) : null,
      // the minutes exist once the board has filed the inspection (a draft makes none)
      i.status === "draft" ? null : h("p", { class: "minutes" }, minutesButton(i)),
      h("h2", null, t("checklist")),
      record,
      findingsTitle,
      findings,
      addFinding,
      move,
      addenda,
    );
  };
  const reload = async () => render(await get<Inspection>(path));
  render(first);
}

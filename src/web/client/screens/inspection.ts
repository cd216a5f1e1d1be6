import { api, download, get } from "../api";
import type { ChecklistLineWire, InspectionWire } from "../../../supervision/wire";
import { addDays } from "../../../shared/dates";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import type { ScreenCtx } from "../screen";
import { dmy, downloadButton, dropDraft, field, form, heading, input, notice, select, spinner, table, textarea, today } from "../ui";
import { Board, Finding, findingCard, isMember, photoField, recordFields, st, statusBadge, UnitLite, word } from "./_supervision-widgets";

// One inspection (biên bản giám sát): a draft is corrected freely — date, members present, the
// checklist — and takes findings with photos from the phone's camera; filing freezes it (only
// addenda after that), publishing shows it and its findings to residents on the work's public page.

const t = texts({
  vi: {
    title: "Biên bản giám sát", of: "Đối tượng", funds: "Quỹ của {unit}", date: "Ngày giám sát", present: "Thành viên có mặt", status: "Tình trạng", filedAt: "Nộp lúc", publishedAt: "Công bố lúc",
    checklist: "Nội dung kiểm tra", item: "Nội dung", result: "Kết quả", note: "Ghi chú", resultOf: "Kết quả: {item}", noteOf: "Ghi chú: {item}", saveDraft: "Lưu bản nháp", savedDraft: "Đã lưu bản nháp.",
    findings: "Kiến nghị", noFindings: "Chưa có kiến nghị nào.", addFinding: "Thêm kiến nghị", category: "Lĩnh vực (vd: chất lượng, tiến độ, công khai)", description: "Nội dung phát hiện",
    recommendation: "Kiến nghị", addressedTo: "Gửi đến (người, bộ phận phải xử lý)", dueDate: "Hạn xử lý", evidence: "Ảnh chứng cứ", saveFinding: "Ghi kiến nghị", criticalHint: "Mức “Rất nghiêm trọng” tạm dừng mọi khoản chi của công trình cho đến khi kiến nghị được xử lý.",
    file: "Nộp biên bản", fileHint: "Sau khi nộp, biên bản không sửa được nữa (chỉ thêm phụ lục bổ sung).", publish: "Công bố cho người dân", publishHint: "Người dân sẽ thấy biên bản và các kiến nghị trên trang công khai của công trình.",
    publicPage: "Xem trang công khai của công trình", minutesPdf: "Tải biên bản (PDF)", addenda: "Phụ lục bổ sung", noAddenda: "Chưa có phụ lục.", addAddendum: "Thêm phụ lục", addendumText: "Nội dung bổ sung", saveAddendum: "Ghi phụ lục", photos: "Ảnh kèm theo", byAt: "{who}, {at}",
    members: "Chọn ít nhất một thành viên có mặt.",
  },
  en: {
    title: "Inspection record", of: "Subject", funds: "Funds of {unit}", date: "Inspection date", present: "Members present", status: "Status", filedAt: "Filed at", publishedAt: "Published at",
    checklist: "Checklist", item: "Item", result: "Result", note: "Note", resultOf: "Result: {item}", noteOf: "Note: {item}", saveDraft: "Save draft", savedDraft: "Draft saved.",
    findings: "Findings", noFindings: "No findings yet.", addFinding: "Add a finding", category: "Area (e.g. quality, schedule, disclosure)", description: "What was found",
    recommendation: "Recommendation", addressedTo: "Addressed to (who must act)", dueDate: "Due date", evidence: "Evidence photos", saveFinding: "Record finding", criticalHint: "A “critical” finding holds every payment of the work until it is dealt with.",
    file: "File the record", fileHint: "Once filed the record cannot be changed (only addenda can be added).", publish: "Publish to residents", publishHint: "Residents will see the record and its findings on the work's public page.",
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

    // ---- findings
    const findings = h(
      "div",
      { class: "findings" },
      i.findings.length ? i.findings.map((f) => findingCard(f, me, new Set(), () => void reload())) : h("p", { class: "muted" }, t("noFindings")),
    );
    let addFinding: HTMLElement | null = null;
    if (draft && member) {
      const severity = select("severity", [["observation", st("observation")], ["minor", st("minor")], ["major", st("major")], ["critical", st("critical")]], "minor");
      const category = input("category", { required: true, maxlength: "100" });
      const description = textarea("description", { required: true, maxlength: "4000" });
      const recommendation = textarea("recommendation", { required: true, maxlength: "4000" });
      const addressedTo = input("addressedTo", { required: true, maxlength: "200" });
      const dueDate = input("dueDate", { type: "date", value: addDays(today(), 15), required: true });
      const evidence = photoField(i.unitId, "evidence", t("evidence"));
      addFinding = h(
        "section",
        { class: "card", "aria-labelledby": "add-finding-h" },
        h("h3", { id: "add-finding-h" }, t("addFinding")),
        form(
          {
            draftKey: `finding-new:${i.id}`,
            submitLabel: t("saveFinding"),
            onSubmit: async (key) => {
              const photos = evidence.ids();
              await api("POST", `${path}/findings`, {
                category: category.value.trim(), severity: severity.value, description: description.value.trim(), recommendation: recommendation.value.trim(), addressedTo: addressedTo.value.trim(), dueDate: dueDate.value,
                ...(photos.length ? { evidence: { attachmentIds: photos } } : {}),
              }, { idempotencyKey: key });
              await reload();
            },
          },
          field(t("category"), category),
          field(st("severity"), severity, t("criticalHint")),
          field(t("description"), description),
          field(t("recommendation"), recommendation),
          field(t("addressedTo"), addressedTo),
          field(t("dueDate"), dueDate),
          evidence.el,
        ),
      );
    }

    // ---- file → publish
    let move: HTMLElement | null = null;
    const next = i.status === "draft" ? "filed" : i.status === "filed" ? "published" : null;
    if (member && next) {
      move = h(
        "section",
        { class: "card", "aria-labelledby": "move-h" },
        h("h2", { id: "move-h" }, next === "filed" ? t("file") : t("publish")),
        h("p", null, next === "filed" ? t("fileHint") : t("publishHint")),
        form({ submitLabel: next === "filed" ? t("file") : t("publish"), onSubmit: async () => { dropDraft(`inspection:${i.id}`); render(await api<Inspection>("POST", `${path}/transitions`, { to: next })); } }),
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
      h("p", { class: "crumbs" }, h("a", { href: `/app/boards/${board.id}` }, `← ${board.name}`)),
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
      i.status === "draft" ? null : h("p", null, downloadButton(t("minutesPdf"), () => download(`/units/${unit.id}/statements/inspection-minutes.pdf`, `bien-ban-giam-sat-${i.id}.pdf`, { inspectionId: i.id }))),
      h("h2", null, t("checklist")),
      record,
      h("h2", null, `${t("findings")} (${i.findings.length})`),
      findings,
      addFinding,
      move,
      addenda,
    );
  };
  const reload = async () => render(await get<Inspection>(path));
  render(first);
}

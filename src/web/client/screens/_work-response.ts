import { api } from "../api";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import { dmy, field, form, input, notice, select, textarea } from "../ui";
import { confirmStep } from "./_admin-widgets";
import type { Work } from "./_work-words";

// A consultation's opinions and the commune's response to them (giải trình, tiếp thu ý kiến, law.md
// L10), on the work screen: staff read the households' comments (never who wrote them); once the
// consultation has closed, the unit's head or the commune's admin writes, theme by theme, what was
// taken up and why the rest was not, saves it as a draft, and publishes it after a confirmation —
// then it shows on the work's public page and never changes, and the work may be approved.

type Consultation = Work["consultations"][number];
type Response = NonNullable<Consultation["response"]>;

const t = texts({
  vi: {
    opinions: "Góp ý của các hộ", noComments: "Không hộ nào ghi góp ý.", agree: "Đồng ý", disagree: "Không đồng ý", abstain: "Không có ý kiến",
    response: "Giải trình, tiếp thu ý kiến", draft: "Bản nháp (chưa công khai)", published: "Đã công khai {at}, bởi {by}",
    takenUp: "Tiếp thu", notTakenUp: "Không tiếp thu", why: "Lý do: {reason}",
    afterClose: "Giải trình sau khi đợt lấy ý kiến kết thúc.", waiting: "Chờ trưởng thôn hoặc xã viết và công khai giải trình (cần có trước khi duyệt công trình).",
    summary: "Tóm tắt giải trình", item: "Ý kiến {n}", topic: "Nội dung ý kiến (theo nhóm)", decisionOn: "Tiếp thu?", reason: "Lý do (bắt buộc khi không tiếp thu)",
    addItem: "Thêm một ý kiến", save: "Lưu bản giải trình", saved: "Đã lưu bản nháp. Kiểm tra lại rồi công khai.",
    publish: "Công khai giải trình", confirm: "Công khai bản giải trình này?",
    confirmNote: "Bản đã lưu (ở trên) sẽ hiện trên trang công khai của công trình cho mọi người dân và không sửa được nữa.", confirmButton: "Xác nhận công khai",
    done: "Đã công khai giải trình trên trang công khai của công trình.",
  },
  en: {
    opinions: "Households' comments", noComments: "No household wrote a comment.", agree: "Agree", disagree: "Disagree", abstain: "Abstain",
    response: "Response to the opinions", draft: "Draft (not published)", published: "Published {at}, by {by}",
    takenUp: "Taken up", notTakenUp: "Not taken up", why: "Why: {reason}",
    afterClose: "The response is written once the consultation has closed.", waiting: "Waiting for the head or the commune to write and publish the response (needed before the work is approved).",
    summary: "Summary of the response", item: "Opinion {n}", topic: "What was asked (by theme)", decisionOn: "Taken up?", reason: "Why not (required when not taken up)",
    addItem: "Add an opinion", save: "Save the response", saved: "Draft saved. Check it, then publish it.",
    publish: "Publish the response", confirm: "Publish this response?",
    confirmNote: "The saved text (above) will show on the work's public page for every resident and can no longer be changed.", confirmButton: "Confirm and publish",
    done: "The response is published on the work's public page.",
  },
});

/** The response as read: its summary, then each theme taken up or not (with why). */
function shown(r: Response): HTMLElement {
  return h(
    "div",
    { class: "response" },
    h("p", { class: "muted" }, r.publishedAt ? t("published", { at: dmy(r.publishedAt), by: r.publishedBy ?? "—" }) : t("draft")),
    h("p", { class: "pre" }, r.summary),
    r.items.length
      ? h("ul", null, r.items.map((i) => h("li", null, h("strong", null, `${i.takenUp ? t("takenUp") : t("notTakenUp")}: `), i.topic, i.reason ? [" — ", i.takenUp ? i.reason : t("why", { reason: i.reason })] : null)))
      : null,
  );
}

interface Row {
  el: HTMLElement;
  topic: HTMLInputElement;
  takenUp: HTMLSelectElement;
  reason: HTMLTextAreaElement;
}

/** The form of the draft: a summary and one line per theme of opinions (more may be added). */
function responseForm(c: Consultation, base: string, done: ResponseOptions["done"]): HTMLFormElement {
  const summary = textarea("summary", { required: true, maxlength: "4000", rows: "4" });
  summary.value = c.response?.summary ?? "";
  const rows: Row[] = [];
  const list = h("div");
  const addRow = (item?: Response["items"][number]) => {
    const topic = input("topic", { required: true, maxlength: "500", value: item?.topic ?? "" });
    const takenUp = select("takenUp", [["yes", t("takenUp")], ["no", t("notTakenUp")]], item && !item.takenUp ? "no" : "yes");
    const reason = textarea("reason", { maxlength: "2000", rows: "2" });
    reason.value = item?.reason ?? "";
    const el = h("fieldset", { class: "response-item" }, h("legend", null, t("item", { n: rows.length + 1 })), field(t("topic"), topic), field(t("decisionOn"), takenUp), field(t("reason"), reason));
    rows.push({ el, topic, takenUp, reason });
    list.append(el);
    return topic;
  };
  for (const item of c.response?.items ?? []) addRow(item);
  if (!rows.length) addRow();
  const more = h("button", { type: "button", class: "secondary" }, t("addItem"));
  more.addEventListener("click", () => addRow().focus());
  return form(
    {
      submitLabel: t("save"),
      onSubmit: async () => {
        const items = rows
          .filter((r) => r.topic.value.trim())
          .map((r) => {
            const reason = r.reason.value.trim();
            return { topic: r.topic.value.trim(), takenUp: r.takenUp.value === "yes", ...(reason ? { reason } : {}) };
          });
        await api("POST", base, { summary: summary.value.trim(), items });
        // The screen redraws the consultation (the draft, the publish button) and says so there.
        await done(c.id, t("saved"));
      },
    },
    field(t("summary"), summary),
    list,
    h("p", null, more),
  );
}

export interface ResponseOptions {
  /** `/units/:unitId/works/:workId` */
  W: string;
  /** A head of the unit or an admin over it (the server decides). */
  responder: boolean;
  /** Reads the work again, redraws its consultations and shows `message` in this one's panel, in view and focused. */
  done: (consultationId: number, message: string) => Promise<void>;
  /** What the last save or publication of this consultation's response said, shown at the top of its panel. */
  said: HTMLElement | null;
}

/** A consultation's comments and response, with the form and the publish step for a responder. */
export function responsePanel(c: Consultation, o: ResponseOptions): HTMLElement {
  const base = `${o.W}/consultations/${c.id}/response`;
  const comments = c.comments ?? [];
  const box = h("div", { class: "response-panel" });
  const confirmBox = h("div");
  const parts: (HTMLElement | null)[] = [
    o.said,
    h("h4", null, t("opinions")),
    comments.length
      ? h("ul", null, comments.map((x) => h("li", null, h("strong", null, `${t(x.choice === "agree" || x.choice === "disagree" ? x.choice : "abstain")}: `), x.comment)))
      : h("p", { class: "muted" }, t("noComments")),
    h("h4", null, t("response")),
    c.response ? shown(c.response) : null,
  ];
  if (c.status !== "closed") parts.push(h("p", { class: "muted" }, t("afterClose")));
  else if (!c.response?.publishedAt && !o.responder) parts.push(notice("info", t("waiting")));
  else if (!c.response?.publishedAt) {
    parts.push(responseForm(c, base, o.done));
    if (c.response) {
      const publish = h("button", { type: "button" }, t("publish"));
      publish.addEventListener("click", () => {
        publish.hidden = true;
        confirmStep(
          confirmBox,
          [h("p", null, h("strong", null, t("confirm"))), h("p", null, t("confirmNote"))],
          t("confirmButton"),
          async () => {
            await api("POST", `${base}/publish`);
            await o.done(c.id, t("done"));
          },
          () => {
            publish.hidden = false;
            publish.focus();
          },
        );
      });
      parts.push(h("div", { class: "actions" }, publish), confirmBox);
    }
  }
  fill(box, ...parts);
  return box;
}

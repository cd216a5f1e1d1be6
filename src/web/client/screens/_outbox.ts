import type { OutboxMessageWire as Message, OutboxWire as Outbox, ReceiptNotifiedWire as ReceiptNotified } from "../../../notify/wire";
import { api, ApiError, get } from "../api";
import { fill, h } from "../dom";
import { texts } from "../i18n";
import { dmy, notice, table } from "../ui";

// The administration screen's panel of messages to residents (a unit's admins): which channels can
// send, how many messages are waiting, failing, sent or parked, and the failing and parked ones with
// a "Gửi lại" (retry) button each. With no channel configured it says the messages are being kept.

const t = texts({
  vi: {
    title: "Tin nhắn gửi người dân", channels: "Kênh gửi: {list}.", none: "chưa có kênh nào",
    noChannel: "Chưa cấu hình kênh gửi tin nào (thư điện tử SMTP_URL, Zalo ZNS_APP_ID…, SMS_URL): các tin nhắn đang được giữ lại và sẽ gửi khi có kênh.",
    counts: "Chờ gửi: {pending} · Đang lỗi: {failing} · Đã gửi: {sent} · Tạm dừng: {parked}", quiet: "Không gửi tin từ {from} giờ đến {to} giờ.",
    list: "Tin đang lỗi hoặc tạm dừng", kind: "Loại tin", household: "Hộ", channel: "Kênh", state: "Trạng thái", tries: "Số lần thử", error: "Lỗi gần nhất", next: "Thử lại lúc",
    retry: "Gửi lại", retried: "Đã xếp tin {id} gửi lại ngay.", failing: "Đang lỗi", parked: "Tạm dừng", pending: "Chờ gửi", sent: "Đã gửi",
    email: "thư điện tử", zalo: "Zalo", sms: "SMS",
    receipt: "Phiếu thu", work_moved: "Công trình chuyển trạng thái", work_progress: "Tiến độ công trình", work_payment: "Chi cho công trình", publication: "Công khai", consultation: "Lấy ý kiến", feedback_answer: "Trả lời phản ánh",
  },
  en: {
    title: "Messages to residents", channels: "Channels: {list}.", none: "none yet",
    noChannel: "No channel is configured (e-mail SMTP_URL, Zalo ZNS_APP_ID…, SMS_URL): messages are being kept and will go out once one is.",
    counts: "Waiting: {pending} · Failing: {failing} · Sent: {sent} · Parked: {parked}", quiet: "Nothing is sent from {from}:00 to {to}:00.",
    list: "Failing or parked messages", kind: "Message", household: "Household", channel: "Channel", state: "State", tries: "Tries", error: "Last error", next: "Next try",
    retry: "Retry", retried: "Message {id} will be sent again now.", failing: "Failing", parked: "Parked", pending: "Waiting", sent: "Sent",
    email: "e-mail", zalo: "Zalo", sms: "SMS",
    receipt: "Receipt", work_moved: "Work state", work_progress: "Work progress", work_payment: "Work payment", publication: "Publication", consultation: "Consultation", feedback_answer: "Feedback answer",
  },
});

type Key = Parameters<typeof t>[0];
const word = (k: string) => t(k as Key);

/** The outbox of `unitId`, for its admins; hidden when the caller may not read it. */
export function outboxPanel(unitId: number): HTMLElement {
  const box = h("section", { class: "card", "aria-labelledby": "outbox", hidden: true });
  const state = h("div", { "aria-live": "polite" });
  const list = h("div");
  const show = (o: Outbox, done?: string) => {
    box.hidden = false;
    const on = (["email", "zalo", "sms"] as const).filter((c) => o.channels[c]).map(word);
    const [from, to] = (o.quietHours ?? "").split("-");
    fill(
      state,
      done ? notice("ok", done) : null,
      on.length ? h("p", null, t("channels", { list: on.join(", ") })) : notice("warn", t("noChannel")),
      h("p", null, t("counts", o.counts)),
      o.quietHours ? h("p", { class: "muted" }, t("quiet", { from, to })) : null,
    );
    const troubled = o.data.filter((m) => m.status === "failing" || m.status === "parked");
    fill(
      list,
      troubled.length
        ? table<Message>(
            [
              { label: t("kind"), cell: (m) => word(m.kind) },
              { label: t("household"), cell: (m) => m.householdCode },
              { label: t("channel"), cell: (m) => `${word(m.channel)} ${m.address}` },
              { label: t("state"), cell: (m) => h("span", { class: "badge warn" }, word(m.status)) },
              { label: t("tries"), cell: (m) => String(m.tries) },
              { label: t("error"), cell: (m) => m.lastError ?? m.reason ?? "" },
              { label: t("next"), cell: (m) => (m.status === "parked" ? "—" : dmy(m.nextAt)) },
              { label: t("retry"), cell: (m) => retryButton(m) },
            ],
            troubled,
            t("list"),
          )
        : null,
    );
  };
  const retryButton = (m: Message) => {
    const b = h("button", { type: "button", "aria-label": `${t("retry")} ${m.id}` }, t("retry"));
    b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        await api("POST", `/units/${unitId}/outbox/${m.id}/retry`);
        await load(t("retried", { id: m.id }));
      } catch (err) {
        b.disabled = false;
        state.prepend(notice("error", err instanceof ApiError ? err.detail || err.code : String(err)));
      }
    });
    return b;
  };
  const load = (done?: string) =>
    get<Outbox>(`/units/${unitId}/outbox`).then(
      (o) => show(o, done),
      () => undefined, // not an admin of this unit: nothing to show
    );
  void load();
  fill(box, h("h2", { id: "outbox" }, t("title")), state, list);
  return box;
}

const said = texts({
  vi: { none: "Hộ chưa đăng ký nhận tin phiếu thu.", pending: "Đang gửi tin báo cho hộ.", sent: "Đã gửi tin báo cho hộ.", failed: "Chưa gửi được tin báo cho hộ (xem mục Tin nhắn gửi người dân của quản trị)." },
  en: { none: "The household has not subscribed to receipts.", pending: "The household is being told.", sent: "The household was told.", failed: "The household could not be told (see Messages to residents in administration)." },
});

/** A line saying whether a receipt's household was told (the receipt screen, after a save). */
export function receiptNotifiedLine(unitId: number | string, contributionId: number): HTMLElement {
  const line = h("span", { class: "muted" });
  get<ReceiptNotified>(`/units/${unitId}/contributions/${contributionId}/notification`).then(
    (r) => fill(line, said(r.notified)),
    () => undefined, // the receipt is recorded; whether it was told can wait for the next look
  );
  return line;
}

import { expect } from "chai";
import { issuePinForTests } from "../helpers/pins";
import { expectNoProblems, phoneIt, look, openWeb, signIn } from "../web/browser";

// The commune's admin sees, on a phone, that no channel can send yet, what is waiting, and a
// parked message with its error, and sends it again with one tap.

describe("web: messages to residents in administration", () => {
  phoneIt("[360px] when no channel is configured and a message is parked, then the admin is told so and 'Gửi lại' queues it again", async function () {
    this.timeout(90_000);
    const web = await openWeb(this, { name: "phone", width: 360, height: 740 });
    try {
      const { page, url, w, t } = web;
      const h = await issuePinForTests(t, w.hamletA, "H01");
      const at = t.clock.now().toISOString();
      const [s] = await t.db("subscriptions").insert({ unit_id: w.hamletA, household_id: h.id, channel: "sms", address: "0912345678", topics: '["receipts"]', status: "active", code_tries: 0, purpose: "thử", consented_at: at, token: "abcdefghijklmnopqrstuvwxyz", created_at: at }).returning("id");
      const [e] = await t.db("outbox_events").insert({ unit_id: w.hamletA, kind: "receipt", ref_id: 1, payload: "{}", created_at: at, fanned_at: at }).returning("id");
      const id = (x: unknown) => (typeof x === "object" && x ? (x as { id: number }).id : (x as number));
      const [m] = await t.db("outbox").insert({ event_id: id(e), unit_id: w.hamletA, subscription_id: id(s), household_id: h.id, channel: "sms", status: "parked", tries: 8, next_at: at, last_error: "sms: gateway answered 500", created_at: at }).returning("id");
      await signIn(page, url, "commune.admin", `/app/admin?unit=${w.hamletA}`);
      const section = page.locator("section", { has: page.getByRole("heading", { name: "Tin nhắn gửi người dân" }) });
      await section.getByText(/Chưa cấu hình kênh gửi tin nào/).waitFor();
      await section.getByText("Chờ gửi: 0 · Đang lỗi: 0 · Đã gửi: 0 · Tạm dừng: 1").waitFor();
      await section.getByText("sms: gateway answered 500").waitFor();
      await section.getByText("SMS 09xx xxx 678").waitFor();
      await look(page, { name: "phone", width: 360, height: 740 }, "admin-outbox");
      await section.getByRole("button", { name: `Gửi lại ${id(m)}` }).click();
      await section.getByText(`Đã xếp tin ${id(m)} gửi lại ngay.`).waitFor();
      await section.getByText("Chờ gửi: 1 · Đang lỗi: 0 · Đã gửi: 0 · Tạm dừng: 0").waitFor();
      expect((await t.db("outbox").where({ id: id(m) }).first()).status).to.equal("pending");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });

  phoneIt("[360px] when a resident opens the 'Hủy đăng ký' link of a message, then one button withdraws the subscription and the page says so", async function () {
    this.timeout(90_000);
    const vp = { name: "phone", width: 360, height: 740 } as const;
    const web = await openWeb(this, vp);
    try {
      const { page, url, w, t } = web;
      const h = await issuePinForTests(t, w.hamletA, "H01");
      const at = t.clock.now().toISOString();
      const [s] = await t.db("subscriptions").insert({ unit_id: w.hamletA, household_id: h.id, channel: "zalo", address: "0912345678", topics: '["receipts"]', status: "active", code_tries: 0, purpose: "thử", consented_at: at, token: "abcdefghijklmnopqrstuvwxyz", created_at: at }).returning("id");
      const id = typeof s === "object" ? s.id : s;
      await page.goto(`${url}/notify/unsubscribe/${id}/abcdefghijklmnopqrstuvwxyz`);
      await page.getByRole("heading", { name: "Hủy đăng ký nhận tin" }).waitFor();
      await look(page, vp, "unsubscribe-ask");
      await page.getByRole("button", { name: "Hủy đăng ký" }).click();
      await page.getByRole("heading", { name: "Đã hủy đăng ký nhận tin" }).waitFor();
      await look(page, vp, "unsubscribe-done");
      expect((await t.db("subscriptions").where({ id }).first()).status).to.equal("withdrawn");
      expectNoProblems(web);
    } finally {
      await web.close();
    }
  });
});

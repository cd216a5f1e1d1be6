import { expect } from "chai";
import { rowCounts, testApp, type TestApp } from "../helpers/app";
import { world } from "../helpers/given";
import { codeIn, httpFake } from "./fakes";
import { emailWorld, receipt, subscribeByEmail, worker } from "./given";

// A resident subscribes from the hamlet's public page on a phone, without JavaScript: the form
// sends a code to the address, the code typed back activates the subscription; refusals come back
// as the page with the reason in Vietnamese and what was typed (never the PIN); a post without the
// page's token or from another site is refused; the withdraw form withdraws with code and PIN.

/** The hidden token of the form posting to `action` on `html`. */
const tokenOf = (html: string, action: string) => {
  const form = html.slice(html.indexOf(`action="${action}`));
  return /name="token" value="([^"]+)"/.exec(form)![1];
};

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};

const ALL_TOPICS = ["receipts", "works", "publications", "consultations", "feedback"];

async function openForm(t: TestApp) {
  const page = await t.api.get("/u/ha/subscribe");
  expect(page.status).to.equal(200);
  return { page, token: tokenOf(page.text, "/u/ha/subscribe#"), withdrawToken: tokenOf(page.text, "/u/ha/subscribe/withdraw") };
}

describe("notify: a household subscribes from the hamlet's public page", function () {
  this.timeout(30_000);

  it("when a resident fills in the page's form and types back the code the e-mail brought, then the household is subscribed and its next receipt is mailed to it", async () => {
    const { t, w, sink, campaign, household, close } = await emailWorld();
    try {
      const unitPage = await t.api.get("/u/ha");
      expect(unitPage.text, "the hamlet's page links the form").to.include('href="/u/ha/subscribe"');

      const { page, token } = await openForm(t);
      expect(page.text).to.include("<h1>Nhận tin của thôn</h1>");
      expect(page.text, "only the channel this installation has").to.include('value="email" required checked> Thư điện tử (e-mail)');
      expect(page.text).to.not.include('value="zalo" required');
      expect(page.text).to.not.include('value="sms" required');
      for (const topic of ALL_TOPICS) expect(page.text, `${topic} ticked`).to.include(`name="topics" value="${topic}" checked>`);
      expect(page.text).to.include("Phiếu thu khi hộ đóng góp");
      expect(page.text, "consent and how to withdraw").to.include("gia đình đồng ý để Thôn Đồng Tâm dùng số điện thoại hoặc địa chỉ thư này chỉ để gửi các tin đã chọn");
      expect(page.text).to.include("Hủy đăng ký nhận tin");

      const sent = await t.api.post("/u/ha/subscribe").type("form")
        .send(form({ token, householdCode: household.code, pin: household.pin, channel: "email", address: "Nguyen.Van.A@Example.vn", topics: ["receipts", "works"] }));
      expect(sent.status, sent.text).to.equal(200);
      expect(sent.text).to.include("<h1>Đã gửi mã xác nhận</h1>");
      expect(sent.text, "the address shown masked").to.include("n***@example.vn").and.not.include("nguyen.van.a");
      expect(sent.text).to.not.include(household.pin);
      expect(sink.mails).to.have.length(1);
      expect(sink.mails[0].to).to.deep.equal(["nguyen.van.a@example.vn"]);
      const s = await t.db("subscriptions").first();
      expect(s.status).to.equal("pending");
      expect(JSON.parse(s.topics)).to.deep.equal(["receipts", "works"]);

      const action = `/u/ha/subscribe/${s.id}/confirm`;
      const confirmed = await t.api.post(action).type("form").send(form({ token: tokenOf(sent.text, action), code: codeIn(sink.mails[0].text) }));
      expect(confirmed.status, confirmed.text).to.equal(200);
      expect(confirmed.text).to.include("<h1>Đã đăng ký nhận tin</h1>");
      expect(confirmed.text).to.include("Công trình hộ đã góp tiền");
      expect((await t.db("subscriptions").first()).status).to.equal("active");

      await receipt(t, w.treasurerA.token, w.hamletA, household.id, campaign.id);
      await worker(t).drain();
      expect(sink.mails).to.have.length(2);
      expect(sink.mails[1].text).to.include("Hộ H01 đã đóng góp 200.000 đồng");
    } finally {
      await close();
    }
  });

  it("when the PIN is wrong, then the page comes back 403 with the reason and what was typed but not the PIN, nothing is written or sent, and the sixth try is held back", async () => {
    const { t, sink, household, close } = await emailWorld();
    try {
      const { token } = await openForm(t);
      const wrongPin = household.pin === "000000" ? "111111" : "000000";
      const before = await rowCounts(t.db);
      const fields = { token, householdCode: household.code, pin: wrongPin, channel: "email", address: "chi.lan@example.vn", topics: ["receipts", "feedback"] };
      for (let i = 0; i < 5; i++) {
        const r = await t.api.post("/u/ha/subscribe").type("form").send(form(fields));
        expect(r.status).to.equal(403);
        expect(r.text).to.include("Chưa gửi được: Mã hộ hoặc mã PIN không đúng. Hãy xem lại giấy báo mã PIN của hộ.");
        expect(r.text, "the code kept").to.include(`name="householdCode" value="${household.code}"`);
        expect(r.text, "the address kept").to.include('value="chi.lan@example.vn"');
        expect(r.text, "the topics kept").to.include('value="feedback" checked>').and.include('value="works">');
        expect(r.text, "never the PIN").to.not.include(wrongPin);
      }
      const held = await t.api.post("/u/ha/subscribe").type("form").send(form({ ...fields, pin: household.pin }));
      expect(held.status).to.equal(429);
      expect(held.headers["retry-after"]).to.match(/^[0-9]+$/);
      expect(held.text).to.include("Đã thử sai quá nhiều lần. Xin đợi khoảng");
      expect(await rowCounts(t.db)).to.deep.equal(before);
      expect(sink.mails).to.have.length(0);
    } finally {
      await close();
    }
  });

  it("when the address or the form is wrong, then the page says what to fix (422, 400) and nothing is written", async () => {
    const { t, sink, household, close } = await emailWorld();
    try {
      const { token } = await openForm(t);
      const before = await rowCounts(t.db);
      const base = { token, householdCode: household.code, pin: household.pin, channel: "email", topics: ALL_TOPICS };
      const bad = await t.api.post("/u/ha/subscribe").type("form").send(form({ ...base, address: "chi.lan@example" }));
      expect(bad.status).to.equal(422);
      expect(bad.text).to.include("Địa chỉ thư điện tử chưa đúng. Hãy ghi đủ, ví dụ ten.ho@gmail.com.");
      expect(bad.text).to.include('value="chi.lan@example"');
      const noTopic = await t.api.post("/u/ha/subscribe").type("form").send(form({ ...base, address: "chi.lan@example.vn", topics: [] }));
      expect(noTopic.status).to.equal(400);
      expect(noTopic.text).to.include("Hãy chọn ít nhất một loại tin muốn nhận.");
      const sms = await t.api.post("/u/ha/subscribe").type("form").send(form({ ...base, channel: "sms", address: "0912345678" }));
      expect(sms.status, "a channel this installation does not have").to.equal(400);
      expect(sms.text).to.include("Hãy chọn nhận tin qua kênh nào.");
      const markup = await t.api.post("/u/ha/subscribe").type("form").send(form({ ...base, householdCode: "<b>x</b>", address: '"><i>a@example.vn' }));
      expect(markup.status).to.equal(400);
      expect(markup.text, "what was typed comes back as text").to.include('name="householdCode" value="&lt;b&gt;x&lt;/b&gt;"').and.include('value="&quot;&gt;&lt;i&gt;a@example.vn"');
      expect(markup.text).to.not.include("<b>x</b>").and.not.include("<i>a@");
      expect(await rowCounts(t.db)).to.deep.equal(before);
      expect(sink.mails).to.have.length(0);
    } finally {
      await close();
    }
  });

  it("when the code is wrong, then the code's page comes back with the tries left; after 15 minutes it says to subscribe again", async () => {
    const { t, sink, household, close } = await emailWorld();
    try {
      const { token } = await openForm(t);
      const sent = await t.api.post("/u/ha/subscribe").type("form").send(form({ token, householdCode: household.code, pin: household.pin, channel: "email", address: "a@example.vn", topics: ALL_TOPICS }));
      const s = await t.db("subscriptions").first();
      const action = `/u/ha/subscribe/${s.id}/confirm`;
      const confirmToken = tokenOf(sent.text, action);
      const right = codeIn(sink.mails[0].text);
      const wrong = await t.api.post(action).type("form").send(form({ token: confirmToken, code: right === "000000" ? "000001" : "000000" }));
      expect(wrong.status).to.equal(403);
      expect(wrong.text).to.include("Chưa gửi được: Mã xác nhận không đúng. Còn 4 lần thử.");
      expect(wrong.text).to.include(`action="${action}`);
      expect((await t.db("subscriptions").first()).status).to.equal("pending");

      t.clock.advance(16 * 60_000);
      const late = await t.api.post(action).type("form").send(form({ token: confirmToken, code: right }));
      expect(late.status).to.equal(410);
      expect(late.text).to.include("Mã xác nhận đã hết hạn hoặc đã nhập sai quá nhiều lần. Hãy đăng ký lại để nhận mã mới.");
      expect(late.text).to.include('href="/u/ha/subscribe"');
      expect((await t.db("subscriptions").first()).status).to.equal("pending");

      expect((await t.api.post("/u/hb/subscribe/" + s.id + "/confirm").type("form").send(form({ token: confirmToken, code: right }))).status, "another hamlet's page").to.equal(404);
    } finally {
      await close();
    }
  });

  it("when a post has no token of the page, a token of another form, or comes from another site, then it is refused (403) and nothing is sent or written", async () => {
    const { t, sink, household, close } = await emailWorld();
    try {
      const { token, withdrawToken } = await openForm(t);
      const before = await rowCounts(t.db);
      const fields = { householdCode: household.code, pin: household.pin, channel: "email", address: "a@example.vn", topics: ALL_TOPICS };
      const none = await t.api.post("/u/ha/subscribe").type("form").send(form(fields));
      expect(none.status).to.equal(403);
      expect(none.text).to.include("Trang đã mở quá lâu hoặc không phải trang của hệ thống.");
      expect(none.text).to.include('value="a@example.vn"');
      expect((await t.api.post("/u/ha/subscribe").type("form").send(form({ ...fields, token: withdrawToken }))).status, "the withdraw form's token").to.equal(403);
      expect((await t.api.post("/u/ha/subscribe").set("Sec-Fetch-Site", "cross-site").type("form").send(form({ ...fields, token }))).status).to.equal(403);
      expect((await t.api.post("/u/ha/subscribe").set("Origin", "https://evil.example").type("form").send(form({ ...fields, token }))).status).to.equal(403);
      expect((await t.api.post("/u/hb/subscribe").type("form").send(form({ ...fields, token }))).status, "another hamlet's form").to.equal(403);
      expect((await t.api.post("/u/ha/subscribe/withdraw").type("form").send(form({ householdCode: household.code, pin: household.pin }))).status).to.equal(403);
      expect(await rowCounts(t.db)).to.deep.equal(before);
      expect(sink.mails).to.have.length(0);
      expect((await t.api.get("/u/nope/subscribe")).status).to.equal(404);
    } finally {
      await close();
    }
  });

  it("when a household withdraws with the page's form (code and PIN), then it is told nothing more", async () => {
    const { t, w, sink, campaign, household, close } = await emailWorld();
    try {
      await subscribeByEmail(t, sink, w.hamletA, household);
      const { withdrawToken } = await openForm(t);
      const wrong = await t.api.post("/u/ha/subscribe/withdraw").type("form").send(form({ token: withdrawToken, householdCode: household.code, pin: household.pin === "000000" ? "111111" : "000000", channel: "" }));
      expect(wrong.status).to.equal(403);
      expect(wrong.text).to.include("Mã hộ hoặc mã PIN không đúng.");
      expect((await t.db("subscriptions").first()).status).to.equal("active");
      const done = await t.api.post("/u/ha/subscribe/withdraw").type("form").send(form({ token: withdrawToken, householdCode: household.code, pin: household.pin, channel: "" }));
      expect(done.status, done.text).to.equal(200);
      expect(done.text).to.include("Đã hủy 1 đăng ký. Gia đình sẽ không nhận tin nhắn từ sổ quỹ nữa.");
      const s = await t.db("subscriptions").first();
      expect(s.status).to.equal("withdrawn");
      expect(s.withdrawn_how).to.equal("pin");
      await receipt(t, w.treasurerA.token, w.hamletA, household.id, campaign.id);
      await worker(t).drain();
      expect(sink.mails).to.have.length(1); // the code only
    } finally {
      await close();
    }
  });

  it("when the SMS gateway fails to take the code, then the page offers the phone channels, says to try later or choose another (503), keeps what was typed and writes nothing", async () => {
    const sms = await httpFake(() => ({ status: 500, json: { ok: false } }));
    const { t, sink, household, close } = await emailWorld({ SMS_URL: `${sms.url}/send`, SMS_TOKEN: "sms-secret" });
    try {
      const { page, token } = await openForm(t);
      expect(page.text, "the first channel chosen").to.include('value="sms" required checked> Tin nhắn SMS').and.include('value="email" required> Thư điện tử');
      expect(page.text).to.include("Số điện thoại hoặc địa chỉ thư điện tử").and.include("SMS: số di động, ví dụ 0912 345 678.");
      const before = await rowCounts(t.db);
      const r = await t.api.post("/u/ha/subscribe").type("form").send(form({ token, householdCode: household.code, pin: household.pin, channel: "sms", address: "0912 345 678", topics: ["receipts"] }));
      expect(r.status).to.equal(503);
      expect(r.text).to.include("Chưa gửi được mã xác nhận qua tin nhắn SMS: kênh này đang trục trặc. Xin thử lại sau ít phút, hoặc chọn kênh khác.");
      expect(r.text).to.include('value="sms" required checked>').and.include('value="0912 345 678"');
      expect(sms.got, "the gateway was asked").to.have.length.above(0);
      expect(await rowCounts(t.db)).to.deep.equal(before);
      expect(sink.mails).to.have.length(0);
    } finally {
      await close();
      await sms.close();
    }
  });

  it("when the installation has no channel configured, then the page says so instead of a form that cannot send", async () => {
    const t = await testApp();
    await world(t, { only: ["treasurerA"] });
    const page = await t.api.get("/u/ha/subscribe");
    expect(page.status).to.equal(200);
    expect(page.text).to.include("Hệ thống chưa được cài đặt kênh gửi tin nào (Zalo, SMS hay thư điện tử), nên chưa đăng ký được.");
    expect(page.text).to.not.include('action="/u/ha/subscribe#');
    expect(page.text, "withdrawing still works").to.include('action="/u/ha/subscribe/withdraw');
    const unitPage = await t.api.get("/u/ha");
    expect(unitPage.status).to.equal(200);
    expect(unitPage.text, "the hamlet's page offers no subscription that cannot be sent").to.not.include('href="/u/ha/subscribe"');
  });
});

import { expect } from "chai";
import { rowCounts } from "../helpers/app";
import { emailWorld, receipt, subscribeByEmail, worker } from "./given";

describe("notify: a household told of its receipts by e-mail", function () {
  this.timeout(30_000);

  it("when a household subscribes, confirms the code and then pays, then it gets one e-mail with the amount in figures and words and a link that withdraws it", async () => {
    const { t, w, sink, campaign, household, close } = await emailWorld();
    try {
      await subscribeByEmail(t, sink, w.hamletA, household);
      expect(sink.mails[0].to).to.deep.equal(["nguyen.van.a@example.vn"]);
      expect(sink.mails[0].text).to.match(/mã xác nhận .* là [0-9]{6}/);

      const r = await receipt(t, w.treasurerA.token, w.hamletA, household.id, campaign.id);
      expect(r.notified, "the receipt's own answer").to.equal("pending");
      const state = await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/contributions/${r.id}/notification`);
      expect(state.body).to.deep.equal({ notified: "pending" });

      await worker(t).drain();
      expect(sink.mails).to.have.length(2);
      const mail = sink.mails[1].text;
      expect(mail).to.include("Hộ H01 đã đóng góp 200.000 đồng (Hai trăm nghìn đồng)");
      expect(mail).to.include(`Phiếu thu số ${r.voucherNo}, ngày 10/06/2025`);
      const link = /Hủy đăng ký: (\S+)/.exec(mail)?.[1] ?? "";
      expect(link).to.match(/^https:\/\/soquy\.tanlinh\.example\/notify\/unsubscribe\/[0-9]+\/[A-Za-z0-9_-]+$/);
      expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/contributions/${r.id}/notification`)).body).to.deep.equal({ notified: "sent" });

      await worker(t).drain();
      expect(sink.mails, "sent once").to.have.length(2);

      const page = await t.api.get(new URL(link).pathname);
      expect(page.status).to.equal(200);
      expect(page.text, "opening the link only asks").to.include('<form method="post"><button class="btn" type="submit">Hủy đăng ký</button></form>');
      expect((await t.db("subscriptions").first()).status).to.equal("active");
      const done = await t.api.post(new URL(link).pathname);
      expect(done.status).to.equal(200);
      expect(done.text).to.include("Đã hủy đăng ký nhận tin");
      expect((await t.api.post(new URL(link).pathname.replace(/[^/]+$/, "wrong-token-1234"))).status).to.equal(404);
      const r2 = await receipt(t, w.treasurerA.token, w.hamletA, household.id, campaign.id, "50000");
      await worker(t).drain();
      expect(sink.mails, "nothing after withdrawal").to.have.length(2);
      expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/contributions/${r2.id}/notification`)).body).to.deep.equal({ notified: "none" });
    } finally {
      await close();
    }
  });

  it("when the treasurer imports a sheet with the household's receipt, then the household is told of it as of one recorded alone, and nobody else is", async () => {
    const { t, w, sink, campaign, household, close } = await emailWorld();
    try {
      await subscribeByEmail(t, sink, w.hamletA, household);
      const csv = Buffer.from(["STT,Mã hộ,Họ và tên chủ hộ,Số tiền (đồng),Ngày nộp,Ghi chú", "1,H01,Nguyễn Văn A,150.000,09/06/2025,", "2,H77,Trần Thị Bảy,80.000,09/06/2025,"].join("\n") + "\n", "utf8");
      const pre = await t.api.post(`/api/v1/units/${w.hamletA}/campaigns/${campaign.id}/imports`).set("Authorization", `Bearer ${w.treasurerA.token}`).attach("file", csv, "thu.csv");
      expect(pre.status, JSON.stringify(pre.body)).to.equal(201);
      const done = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/campaigns/${campaign.id}/imports/${pre.body.id}/commit`, { confirm: ["name_mismatch"] });
      expect(done.status, JSON.stringify(done.body)).to.equal(201);
      const mine = await t.db("contributions").where({ household_id: household.id, kind: "receipt" }).first();
      expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/contributions/${mine.id}/notification`)).body).to.deep.equal({ notified: "pending" });

      await worker(t).drain();
      expect(sink.mails).to.have.length(2);
      expect(sink.mails[1].to).to.deep.equal(["nguyen.van.a@example.vn"]);
      expect(sink.mails[1].text).to.include("Hộ H01 đã đóng góp 150.000 đồng (Một trăm năm mươi nghìn đồng)");
      expect(sink.mails[1].text).to.include("ngày 09/06/2025");
      expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/contributions/${mine.id}/notification`)).body).to.deep.equal({ notified: "sent" });
    } finally {
      await close();
    }
  });

  it("when the code is wrong five times, then the subscription cannot be confirmed and stays inactive", async () => {
    const { t, w, sink, household, close } = await emailWorld();
    try {
      const r = await t.as().post(`/public/units/${w.hamletA}/subscriptions`, { householdCode: "H01", pin: household.pin, channel: "email", address: "a@example.vn", topics: ["receipts"] });
      expect(r.status).to.equal(202);
      const right = /\b([0-9]{6})\b/.exec(sink.mails[0].text)![1];
      const wrong = right === "000000" ? "000001" : "000000";
      for (let i = 0; i < 5; i++) {
        const c = await t.as().post(`/public/subscriptions/${r.body.id}/confirm`, { code: wrong });
        expect(c.status).to.equal(403);
        expect(c.body.code).to.equal("invalid_code");
      }
      const late = await t.as().post(`/public/subscriptions/${r.body.id}/confirm`, { code: right });
      expect(late.status).to.equal(410);
      expect(late.body.code).to.equal("code_expired");
    } finally {
      await close();
    }
  });

  it("when the code is typed after 15 minutes, then it has expired", async () => {
    const { t, w, sink, household, close } = await emailWorld();
    try {
      const r = await t.as().post(`/public/units/${w.hamletA}/subscriptions`, { householdCode: "H01", pin: household.pin, channel: "email", address: "a@example.vn", topics: ["receipts"] });
      t.clock.advance(16 * 60_000);
      const c = await t.as().post(`/public/subscriptions/${r.body.id}/confirm`, { code: /\b([0-9]{6})\b/.exec(sink.mails[0].text)![1] });
      expect(c.status).to.equal(410);
    } finally {
      await close();
    }
  });

  it("when the PIN is wrong, then nothing is written or sent, and the sixth wrong try from one address is held back", async () => {
    const { t, w, sink, household, close } = await emailWorld();
    try {
      const wrongPin = household.pin === "000000" ? "111111" : "000000";
      const before = await rowCounts(t.db);
      const body = { householdCode: "H01", pin: wrongPin, channel: "email", address: "a@example.vn", topics: ["receipts"] };
      for (let i = 0; i < 5; i++) {
        const r = await t.as().post(`/public/units/${w.hamletA}/subscriptions`, body);
        expect(r.status).to.equal(403);
        expect(r.body.code).to.equal("invalid_pin");
      }
      const held = await t.as().post(`/public/units/${w.hamletA}/subscriptions`, { ...body, pin: household.pin });
      expect(held.status).to.equal(429);
      expect(await rowCounts(t.db)).to.deep.equal(before);
      expect(sink.mails).to.have.length(0);
    } finally {
      await close();
    }
  });

  it("when an address does not fit its channel, then 422 invalid_address and nothing is written", async () => {
    const { t, w, sink, household, close } = await emailWorld();
    try {
      const r = await t.as().post(`/public/units/${w.hamletA}/subscriptions`, { householdCode: "H01", pin: household.pin, channel: "sms", address: "a@example.vn", topics: ["receipts"] });
      expect(r.status).to.equal(422);
      expect(r.body.code).to.equal("invalid_address");
      expect(Number((await t.db("subscriptions").count({ n: "*" }).first())?.n)).to.equal(0);
    } finally {
      await close();
    }
  });

  it("when a household withdraws with its code and PIN (DELETE), then it is told nothing more", async () => {
    const { t, w, sink, campaign, household, close } = await emailWorld();
    try {
      await subscribeByEmail(t, sink, w.hamletA, household);
      const d = await t.as().delete(`/public/units/${w.hamletA}/subscriptions`).send({ householdCode: "H01", pin: household.pin });
      expect(d.status, JSON.stringify(d.body)).to.equal(200);
      expect(d.body).to.deep.equal({ withdrawn: 1 });
      await receipt(t, w.treasurerA.token, w.hamletA, household.id, campaign.id);
      await worker(t).drain();
      expect(sink.mails).to.have.length(1); // the code only
      const s = await t.db("subscriptions").first();
      expect(s.status).to.equal("withdrawn");
      expect(s.withdrawn_how).to.equal("pin");
      expect(s.consented_at).to.be.a("string");
      expect(s.purpose).to.include("phiếu thu của hộ");
    } finally {
      await close();
    }
  });

  it("when an address is subscribed, then admins see it masked and the audit trail never holds it", async () => {
    const { t, w, sink, household, close } = await emailWorld();
    try {
      const r = await t.as().post(`/public/units/${w.hamletA}/subscriptions`, { householdCode: "H01", pin: household.pin, channel: "email", address: "Nguyen.Van.A@Example.vn", topics: ["receipts"] });
      expect(r.status).to.equal(202);
      const list = await t.as(w.communeAdmin.token).get(`/units/${w.hamletA}/subscriptions`);
      expect(list.status).to.equal(200);
      expect(list.body.data[0]).to.deep.include({ householdCode: "H01", channel: "email", address: "n***@example.vn", status: "pending" });
      const audit = await t.db("audit_events").select("details");
      expect(JSON.stringify(audit).toLowerCase()).not.to.include("nguyen.van.a");
      expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/subscriptions`)).status).to.equal(403);
    } finally {
      await close();
    }
  });
});

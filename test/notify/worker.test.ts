import { expect } from "chai";
import { NotifyWorker } from "../../src/notify";
import { scrub } from "../../src/notify/worker";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { campaign } from "../helpers/given-contributions";
import { work } from "../helpers/given-works";
import { issuePinForTests } from "../helpers/pins";
import { emailWorld, receipt, subscribeByEmail, worker } from "./given";

describe("notify: the outbox's worker", function () {
  this.timeout(30_000);

  it("when the mail server refuses, then the message is tried again after 30 s, parked after NOTIFY_MAX_TRIES, shown to admins, and sent once retried", async () => {
    let refuse: number | undefined;
    const { t, w, sink, campaign: c, household, close } = await emailWorld({ NOTIFY_MAX_TRIES: "2" }, { refuse: () => refuse });
    try {
      await subscribeByEmail(t, sink, w.hamletA, household);
      refuse = 451;
      const r = await receipt(t, w.treasurerA.token, w.hamletA, household.id, c.id);
      await worker(t).drain();
      const admin = t.as(w.communeAdmin.token);
      let box = (await admin.get(`/units/${w.hamletA}/outbox`)).body;
      expect(box.counts).to.deep.equal({ pending: 0, failing: 1, sent: 0, parked: 0 });
      expect(box.data[0]).to.deep.include({ status: "failing", tries: 1, channel: "email", householdCode: "H01", address: "n***@example.vn", kind: "receipt" });
      expect(box.data[0].lastError).to.match(/^smtp: /);
      expect(Date.parse(box.data[0].nextAt) - t.clock.now().getTime()).to.equal(30_000);

      await worker(t).drain();
      expect((await admin.get(`/units/${w.hamletA}/outbox`)).body.data[0].tries, "not due yet").to.equal(1);
      t.clock.advance(31_000);
      await worker(t).drain();
      box = (await admin.get(`/units/${w.hamletA}/outbox?status=parked`)).body;
      expect(box.data).to.have.length(1);
      expect(box.data[0]).to.deep.include({ status: "parked", tries: 2 });
      expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/contributions/${r.id}/notification`)).body).to.deep.equal({ notified: "failed" });

      refuse = undefined;
      const retried = await admin.post(`/units/${w.hamletA}/outbox/${box.data[0].id}/retry`);
      expect(retried.status).to.equal(200);
      expect(retried.body).to.deep.include({ status: "pending", tries: 0 });
      await worker(t).drain();
      expect(sink.mails.filter((m) => m.text.includes("Đã nhận đóng góp"))).to.have.length(1);
      expect((await admin.get(`/units/${w.hamletA}/outbox`)).body.counts).to.deep.equal({ pending: 0, failing: 0, sent: 1, parked: 0 });
      const again = await admin.post(`/units/${w.hamletA}/outbox/${box.data[0].id}/retry`);
      expect(again.status).to.equal(409);
      expect(again.body.code).to.equal("not_parked");
    } finally {
      await close();
    }
  });

  it("when an event happens in the quiet hours (default 21-7), then its message waits for 7:00 local time", async () => {
    const { t, w, sink, campaign: c, household, close } = await emailWorld({ NOTIFY_QUIET_HOURS: "", SESSION_TTL_HOURS: "72" });
    try {
      await subscribeByEmail(t, sink, w.hamletA, household);
      t.clock.set("2025-06-15T15:30:00.000Z"); // 22:30 in Vietnam
      await receipt(t, w.treasurerA.token, w.hamletA, household.id, c.id);
      await worker(t).drain();
      t.clock.set("2025-06-15T23:59:00.000Z"); // 06:59
      await worker(t).drain();
      expect(sink.mails).to.have.length(1);
      t.clock.set("2025-06-16T00:00:00.000Z"); // 07:00
      await worker(t).drain();
      expect(sink.mails).to.have.length(2);
    } finally {
      await close();
    }
  });

  it("when no channel is configured, then the outbox keeps the message, says why, and the admins' outbox says no channel can send", async () => {
    const t = await testApp({ env: { NOTIFY_QUIET_HOURS: "none" } });
    try {
      const w = await world(t, { only: ["treasurerA", "communeAdmin"] as const });
      const c = await campaign(t, w);
      const h = await issuePinForTests(t, w.hamletA, "H01");
      // A subscription made while a channel was configured.
      await t.db("subscriptions").insert({ unit_id: w.hamletA, household_id: h.id, channel: "zalo", address: "0912345678", topics: '["receipts"]', status: "active", code_tries: 0, purpose: "thử", consented_at: t.clock.now().toISOString(), token: "abcdefghijklmnopqrstuvwxyz", created_at: t.clock.now().toISOString() });
      const r = await receipt(t, w.treasurerA.token, w.hamletA, h.id, c.id);
      await worker(t).drain();
      const box = (await t.as(w.communeAdmin.token).get(`/units/${w.hamletA}/outbox`)).body;
      expect(box.channels).to.deep.equal({ email: false, zalo: false, sms: false });
      expect(box.data[0]).to.deep.include({ status: "pending", tries: 0, reason: "no channel configured", address: "09xx xxx 678" });
      expect((await t.as(w.treasurerA.token).get(`/units/${w.hamletA}/contributions/${r.id}/notification`)).body).to.deep.equal({ notified: "pending" });
    } finally {
      await worker(t).stop();
    }
  });

  it("when two workers drain the same outbox at once, then each message is sent exactly once", async () => {
    const { t, w, sink, campaign: c, household, close } = await emailWorld();
    try {
      await subscribeByEmail(t, sink, w.hamletA, household);
      for (let i = 0; i < 5; i++) await receipt(t, w.treasurerA.token, w.hamletA, household.id, c.id, String(100000 + i));
      const other = new NotifyWorker(worker(t).deps);
      await Promise.all([worker(t).drain(), other.drain(), worker(t).drain()]);
      expect(sink.mails.filter((m) => m.text.includes("Đã nhận đóng góp"))).to.have.length(5);
      expect(Number((await t.db("outbox").count({ n: "*" }).first())?.n)).to.equal(5);
    } finally {
      await close();
    }
  });

  it("when a receipt is refused, then no event is written with it", async () => {
    const { t, w, sink, household, close } = await emailWorld();
    try {
      await subscribeByEmail(t, sink, w.hamletA, household);
      const r = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/contributions`, { householdId: household.id, campaignId: 999999, amount: "100000", date: "2025-06-10", method: "cash" });
      expect(r.status).to.equal(404);
      expect(Number((await t.db("outbox_events").count({ n: "*" }).first())?.n)).to.equal(0);
    } finally {
      await close();
    }
  });

  it("when a work funded by a campaign progresses, then households that paid into it are told and others are not; a consultation reaches every subscriber", async () => {
    const { t, w, sink, campaign: c, household, close } = await emailWorld();
    try {
      const other = await issuePinForTests(t, w.hamletA, "H02");
      await subscribeByEmail(t, sink, w.hamletA, household, "payer@example.vn");
      await subscribeByEmail(t, sink, w.hamletA, other, "other@example.vn");
      await receipt(t, w.treasurerA.token, w.hamletA, household.id, c.id);
      const wk = await work(t, w, { funding: [{ source: "community", amount: "50000000", campaignId: c.id }] });
      const p = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${wk.id}/progress`, { date: "2025-06-14", percent: 40 });
      expect(p.status, JSON.stringify(p.body)).to.equal(201);
      await worker(t).drain();
      const progress = sink.mails.filter((m) => m.text.includes("Tiến độ công trình"));
      expect(progress.map((m) => m.to[0])).to.deep.equal(["payer@example.vn"]);
      expect(progress[0].text).to.include('Công trình "Đường bê tông xóm 3" đạt 40% khối lượng (cập nhật ngày 14/06/2025).');

      const o = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${wk.id}/consultations`, { question: "Đồng ý làm đường?", opensAt: "2025-06-15T00:00:00Z", closesAt: "2025-06-30T00:00:00Z" });
      expect(o.status, JSON.stringify(o.body)).to.equal(201);
      await worker(t).drain();
      expect(sink.mails.filter((m) => m.text.includes("Lấy ý kiến người dân")).map((m) => m.to[0]).sort()).to.deep.equal(["other@example.vn", "payer@example.vn"]);

      // one that opens next week is announced when it opens, not when it is set up
      const later = await work(t, w, { funding: [{ source: "community", amount: "30000000", campaignId: c.id }] });
      const n = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/works/${later.id}/consultations`, { question: "Làm cống thoát nước?", opensAt: "2025-06-22T00:00:00Z", closesAt: "2025-06-30T00:00:00Z" });
      expect(n.status, JSON.stringify(n.body)).to.equal(201);
      await worker(t).drain();
      expect(sink.mails.filter((m) => m.text.includes("Làm cống thoát nước?"))).to.deep.equal([]);
      const waiting = (await t.db("outbox").where({ status: "pending" }).select("next_at")) as { next_at: string }[];
      expect(waiting.map((m) => m.next_at)).to.deep.equal(["2025-06-22T00:00:00.000Z", "2025-06-22T00:00:00.000Z"]);
    } finally {
      await close();
    }
  });
});

describe("notify: a resident's feedback answered", function () {
  this.timeout(30_000);

  it("when the board answers feedback a household sent with its PIN, then that household is told, if it subscribed to feedback", async () => {
    const { t, w, sink, household, close } = await emailWorld();
    try {
      await subscribeByEmail(t, sink, w.hamletA, household, "nguyen.van.a@example.vn", ["feedback"]);
      const wk = await work(t, w);
      const f = await t.as().post(`/public/works/${wk.id}/feedback`, { householdCode: "H01", pin: household.pin, text: "Đường bị nứt ở đầu xóm." });
      expect(f.status, JSON.stringify(f.body)).to.equal(201);
      const a = await t.as(w.inspector.token).post(`/boards/${w.board}/feedback/${f.body.id}/answer`, { text: "Ban đã kiểm tra và đề nghị đơn vị thi công sửa." });
      expect(a.status, JSON.stringify(a.body)).to.equal(200);
      await worker(t).drain();
      const told = sink.mails.filter((m) => m.text.includes("Phản ánh đã được trả lời"));
      expect(told.map((m) => m.to[0])).to.deep.equal(["nguyen.van.a@example.vn"]);
      expect(told[0].text).to.include("Ban giám sát đã trả lời phản ánh của gia đình.");
    } finally {
      await close();
    }
  });
});

describe("notify: a statement published", function () {
  this.timeout(60_000);

  it("when the head approves a statement, then the unit's subscribers to publications are told its title and code, others are not", async () => {
    const { t, w, sink, campaign: c, household, close } = await emailWorld();
    try {
      const other = await issuePinForTests(t, w.hamletA, "H02");
      await subscribeByEmail(t, sink, w.hamletA, household, "reader@example.vn", ["publications"]);
      await subscribeByEmail(t, sink, w.hamletA, other, "receipts-only@example.vn", ["receipts"]);
      const d = await t.as(w.treasurerA.token).post(`/units/${w.hamletA}/publications`, { statement: { kind: "contribution-list", params: { campaignId: c.id } }, places: ["culture_house"], postedFrom: "2025-06-16", postedUntil: "2025-07-16" });
      expect(d.status, JSON.stringify(d.body)).to.equal(201);
      const a = await t.as(w.headA.token).post(`/units/${w.hamletA}/publications/${d.body.id}/approve`);
      expect(a.status, JSON.stringify(a.body)).to.equal(200);
      await worker(t).drain();
      const told = sink.mails.filter((m) => m.text.includes("Công khai tài chính"));
      expect(told.map((m) => m.to[0])).to.deep.equal(["reader@example.vn"]);
      expect(told[0].text).to.include(`Mã kiểm tra: ${a.body.code}.`);
    } finally {
      await close();
    }
  });
});

describe("notify: what admins and logs see of a failure", () => {
  it("when a channel's error names the address, then the address is scrubbed from it", async () => {
    expect(scrub("550 5.1.1 <nguyen.van.a@example.vn>: Recipient address rejected")).to.equal("550 5.1.1 <<địa chỉ>>: Recipient address rejected");
    expect(scrub("zns: error -108 phone 84912345678 invalid")).to.equal("zns: error -108 phone <số> invalid");
  });
});

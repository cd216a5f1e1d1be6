import { expect } from "chai";
import { testApp } from "../helpers/app";
import { world } from "../helpers/given";
import { campaign } from "../helpers/given-contributions";
import { issuePinForTests } from "../helpers/pins";
import { codeIn, httpFake } from "./fakes";
import { channelsOf } from "../../src/notify/channels";
import { receipt, worker } from "./given";

// The ZNS and SMS adapters against local fakes that check what they receive.

async function phoneWorld(env: Record<string, string>, channel: "zalo" | "sms", codeOf: () => string) {
  const t = await testApp({ env: { NOTIFY_QUIET_HOURS: "none", ...env } });
  const w = await world(t, { only: ["treasurerA"] as const });
  const c = await campaign(t, w);
  const h = await issuePinForTests(t, w.hamletA, "H01");
  const s = await t.as().post(`/public/units/${w.hamletA}/subscriptions`, { householdCode: "H01", pin: h.pin, channel, address: "0912 345 678", topics: ["receipts"] });
  expect(s.status, JSON.stringify(s.body)).to.equal(202);
  const ok = await t.as().post(`/public/subscriptions/${s.body.id}/confirm`, { code: codeOf() });
  expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
  return { t, w, c, h };
}

describe("notify: channels against local fakes", function () {
  this.timeout(30_000);

  it("when SMS is configured, then the code and each message go to the gateway as {to, text} with the bearer token", async () => {
    let status = 200;
    const sms = await httpFake(() => ({ status, json: { ok: status === 200 } }));
    const text = (i: number) => JSON.parse(sms.got[i].body).text as string;
    try {
      const { t, w, c, h } = await phoneWorld({ SMS_URL: `${sms.url}/send`, SMS_TOKEN: "sms-secret" }, "sms", () => codeIn(text(0)));
      expect(sms.got[0]).to.deep.include({ method: "POST", path: "/send" });
      expect(sms.got[0].headers.authorization).to.equal("Bearer sms-secret");
      expect(JSON.parse(sms.got[0].body).to).to.equal("84912345678");
      await receipt(t, w.treasurerA.token, w.hamletA, h.id, c.id, "1250000");
      await worker(t).drain();
      expect(sms.got).to.have.length(2);
      expect(text(1)).to.include("1.250.000 đồng (Một triệu hai trăm năm mươi nghìn đồng)");
      expect(text(1)).to.match(/Hủy đăng ký: https:\/\/soquy\.tanlinh\.example\/notify\/unsubscribe\/[0-9]+\/\S+$/);

      status = 500;
      await receipt(t, w.treasurerA.token, w.hamletA, h.id, c.id);
      await worker(t).drain();
      const failing = await t.db("outbox").where({ status: "pending" }).first();
      expect(failing).to.deep.include({ tries: 1, last_error: "sms: gateway answered 500" });
      await worker(t).stop();
    } finally {
      await sms.close();
    }
  });

  it("when Zalo ZNS is configured, then the OA token is refreshed once with the app's secret, templates are sent with it, and a token Zalo refuses is refreshed again", async () => {
    let tokens = 0;
    let refuseToken = false;
    const zns = await httpFake((r) => {
      if (r.path === "/v4/oa/access_token") {
        tokens++;
        return { json: { access_token: `at${tokens}`, refresh_token: `r${tokens + 1}`, expires_in: "90000" } };
      }
      if (refuseToken && r.headers.access_token === "at1") return { json: { error: -124, message: "Access token is invalid" } };
      return { json: { error: 0, message: "Success", data: { msg_id: "m" } } };
    });
    const sends = () => zns.got.filter((r) => r.path === "/message/template").map((r) => ({ token: r.headers.access_token, ...JSON.parse(r.body) }));
    try {
      const { t, w, c, h } = await phoneWorld({ ZNS_URL: zns.url, ZNS_APP_ID: "app-1", ZNS_SECRET: "oa-secret", ZNS_REFRESH_TOKEN: "r1" }, "zalo", () => sends()[0].template_data.otp);
      const refresh = zns.got[0];
      expect(refresh).to.deep.include({ method: "POST", path: "/v4/oa/access_token" });
      expect(refresh.headers.secret_key).to.equal("oa-secret");
      expect(Object.fromEntries(new URLSearchParams(refresh.body))).to.deep.equal({ app_id: "app-1", grant_type: "refresh_token", refresh_token: "r1" });
      expect(sends()[0]).to.deep.include({ token: "at1", phone: "84912345678", template_id: "confirm_code" });
      expect(sends()[0].template_data.otp).to.match(/^[0-9]{6}$/);

      await receipt(t, w.treasurerA.token, w.hamletA, h.id, c.id);
      await worker(t).drain();
      expect(tokens, "the token is reused while it lives").to.equal(1);
      expect(sends()[1]).to.deep.include({ token: "at1", template_id: "receipt", tracking_id: sends()[1].tracking_id });
      expect(sends()[1].template_data).to.deep.include({ household: "H01", amount: "200000", date: "10/06/2025" });
      expect(sends()[1].template_data.unsubscribe_url).to.match(/^https:\/\/soquy\.tanlinh\.example\/notify\/unsubscribe\//);

      refuseToken = true;
      await receipt(t, w.treasurerA.token, w.hamletA, h.id, c.id);
      await worker(t).drain();
      expect(tokens).to.equal(2);
      expect(Object.fromEntries(new URLSearchParams(zns.got.filter((r) => r.path === "/v4/oa/access_token")[1].body)).refresh_token, "the refresh token Zalo gave last").to.equal("r2");
      expect(sends().at(-1)).to.deep.include({ token: "at2", template_id: "receipt" });
      expect(Number((await t.db("outbox").where({ status: "sent" }).count({ n: "*" }).first())?.n)).to.equal(2);
      await worker(t).stop();
    } finally {
      await zns.close();
    }
  });

  it("when the server restarts, then it refreshes Zalo's token with the refresh token Zalo gave last (kept in the database), and with the environment's when Zalo has retired the kept one", async () => {
    const live = new Set(["r1"]);
    let n = 0;
    const zns = await httpFake((r) => {
      if (r.path === "/v4/oa/access_token") {
        const given = new URLSearchParams(r.body).get("refresh_token") ?? "";
        // Zalo retires a refresh token once it is used.
        if (!live.delete(given)) return { json: { error: -14014, message: "Invalid refresh token" } };
        n++;
        live.add(`r${n + 1}`);
        return { json: { access_token: `at${n}`, refresh_token: `r${n + 1}`, expires_in: "90000" } };
      }
      return { json: { error: 0, message: "Success", data: { msg_id: "m" } } };
    });
    const t = await testApp();
    const message = { subject: "s", text: "t", zns: { templateId: "receipt", params: {} } };
    const refreshedWith = () => zns.got.filter((r) => r.path === "/v4/oa/access_token").map((r) => new URLSearchParams(r.body).get("refresh_token"));
    try {
      const cfg = { url: zns.url, appId: "app-1", secret: "s", refreshToken: "r1" };
      await channelsOf({ zns: cfg } as Parameters<typeof channelsOf>[0], t.db).zalo!.send("0912345678", message, "a");
      // a restart: a new channel, the same environment
      await channelsOf({ zns: cfg } as Parameters<typeof channelsOf>[0], t.db).zalo!.send("0912345678", message, "b");
      expect(refreshedWith()).to.deep.equal(["r1", "r2"]);
      expect((await t.db("channel_tokens").where({ channel: "zalo" }).first()).refresh_token).to.equal("r3");

      // the kept token retired elsewhere; the operator issued r9 and put it in the environment
      live.clear();
      live.add("r9");
      await channelsOf({ zns: { ...cfg, refreshToken: "r9" } } as Parameters<typeof channelsOf>[0], t.db).zalo!.send("0912345678", message, "c");
      expect(refreshedWith().slice(2)).to.deep.equal(["r3", "r9"]);
      expect((await t.db("channel_tokens").where({ channel: "zalo" }).first()).refresh_token).to.equal(`r${n + 1}`);
    } finally {
      await zns.close();
    }
  });
});

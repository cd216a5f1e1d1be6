import { expect } from "chai";
import { ConfigError, loadConfig } from "../../src/config";

describe("notify: its settings", () => {
  it("when nothing is set, then quiet hours are 21-7, 8 tries, and no channel", () => {
    const c = loadConfig({});
    expect(c.notify).to.deep.equal({ quietHours: { from: 21, to: 7 }, maxTries: 8, smtp: null, zns: null, sms: null });
    expect(loadConfig({ NOTIFY_QUIET_HOURS: "none" }).notify.quietHours).to.equal(null);
  });

  it("when settings are wrong, then the start names every one of them", () => {
    const bad = () => loadConfig({ NOTIFY_QUIET_HOURS: "25-3", NOTIFY_MAX_TRIES: "0", SMTP_URL: "http://mail", ZNS_APP_ID: "1", SMS_URL: "https://sms.example.vn/send" });
    expect(bad).to.throw(ConfigError);
    try {
      bad();
    } catch (err) {
      const m = (err as Error).message;
      for (const name of ["NOTIFY_QUIET_HOURS", "NOTIFY_MAX_TRIES", "SMTP_URL", "SMTP_FROM", "ZNS_SECRET", "ZNS_REFRESH_TOKEN", "SMS_TOKEN"]) expect(m).to.include(name);
    }
  });

  it("when every channel is set, then each is read as given", () => {
    const c = loadConfig({ SMTP_URL: "smtp://u:p@mail.example.vn:587", SMTP_FROM: "Sổ quỹ <soquy@example.vn>", ZNS_APP_ID: "a", ZNS_SECRET: "s", ZNS_REFRESH_TOKEN: "r", SMS_URL: "https://sms.example.vn/send", SMS_TOKEN: "t", NOTIFY_MAX_TRIES: "5", NOTIFY_QUIET_HOURS: "22-6" });
    expect(c.notify).to.deep.equal({
      quietHours: { from: 22, to: 6 }, maxTries: 5, smtp: { url: "smtp://u:p@mail.example.vn:587", from: "Sổ quỹ <soquy@example.vn>" },
      zns: { url: "", appId: "a", secret: "s", refreshToken: "r" }, sms: { url: "https://sms.example.vn/send", token: "t" },
    });
  });
});

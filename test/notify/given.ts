import { expect } from "chai";
import type { NotifyWorker } from "../../src/notify";
import { testApp, type TestApp } from "../helpers/app";
import { world } from "../helpers/given";
import { campaign } from "../helpers/given-contributions";
import { issuePinForTests } from "../helpers/pins";
import { codeIn, smtpSink } from "./fakes";

// A hamlet with a treasurer, an open campaign and households with PINs, on an app that e-mails
// through a local SMTP sink (quiet hours off unless a test sets them).

export const worker = (t: TestApp) => t.app.locals.notifier as NotifyWorker;

export async function emailWorld(env: Record<string, string> = {}, opts: { refuse?: () => number | undefined } = {}) {
  const sink = await smtpSink(opts);
  const t = await testApp({ env: { SMTP_URL: sink.url, SMTP_FROM: "soquy@tanlinh.example", NOTIFY_QUIET_HOURS: "none", ...env } });
  const w = await world(t, { only: ["treasurerA", "communeAdmin", "inspector", "headA"] as const });
  const c = await campaign(t, w);
  const h = await issuePinForTests(t, w.hamletA, "H01");
  // The worker holds a pooled SMTP connection: stop it before the sink, or the sink waits on it.
  const close = async () => {
    await worker(t).stop();
    await sink.close();
  };
  return { t, w, sink, campaign: c, household: h, close };
}

/** Subscribes `h` by e-mail and confirms it with the code the sink received; returns the subscription id. */
export async function subscribeByEmail(t: TestApp, sink: Awaited<ReturnType<typeof smtpSink>>, unitId: number, h: { code: string; pin: string }, address = "nguyen.van.a@example.vn", topics = ["receipts", "works", "publications", "consultations", "feedback"]) {
  const before = sink.mails.length;
  const r = await t.as().post(`/public/units/${unitId}/subscriptions`, { householdCode: h.code, pin: h.pin, channel: "email", address, topics });
  expect(r.status, JSON.stringify(r.body)).to.equal(202);
  expect(sink.mails.length).to.equal(before + 1);
  const c = await t.as().post(`/public/subscriptions/${r.body.id}/confirm`, { code: codeIn(sink.mails[before].text) });
  expect(c.status, JSON.stringify(c.body)).to.equal(200);
  return r.body.id as number;
}

export async function receipt(t: TestApp, token: string, unitId: number, householdId: number, campaignId: number, amount = "200000") {
  const r = await t.as(token).post(`/units/${unitId}/contributions`, { householdId, campaignId, amount, date: "2025-06-10", method: "cash" });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body as { id: number; voucherNo: string; notified: string };
}

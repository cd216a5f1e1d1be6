import type { Knex } from "knex";
import type { Logger } from "../http/logger";
import { localDateTime, type Clock } from "../shared/dates";
import type { NotifyConfig } from "./config";
import { SendError, type Channels } from "./channels";
import type { EventKind } from "./events";
import * as q from "./queries";
import { messageOf } from "./templates";

// The outbox's worker: fans each event out to its recipients (one message per event and
// subscription, a unique key), then sends due messages through their channel. Each pass claims a
// batch with a lease (claimed_until), so two servers on one database never send a message twice;
// a pass that dies leaves its claims to run out and be taken again. A failed send is tried again
// after 30 s, 1 min, 2 min, … (at most 6 h), and parked after NOTIFY_MAX_TRIES for an admin.
// Nothing is sent in the quiet hours (local time); events still fan out, and wait.

const LEASE_MS = 5 * 60_000;
const BATCH = 500;
const CONCURRENCY = 32;
const IDLE_MS = 2_000;
/** With no channel for a message, look again this much later (a restart with one configured sends at once). */
const NO_CHANNEL_WAIT_MS = 10 * 60_000;
export const NO_CHANNEL = "no channel configured";

/** A channel's error without any address in it (a mail server names the recipient it refused): admins and logs see this. */
export function scrub(text: string): string {
  return text.replace(/[^\s<>@"']+@[^\s<>@"']+/g, "<địa chỉ>").replace(/\+?\b[0-9](?:[ .-]?[0-9]){8,}\b/g, "<số>").slice(0, 500);
}

export function backoffMs(tries: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, tries - 1), 6 * 3_600_000);
}

/** Whether `now` falls in the quiet hours (local time in Vietnam). */
export function isQuiet(quiet: NotifyConfig["quietHours"], now: Date): boolean {
  if (!quiet) return false;
  const hour = Number(localDateTime(now).slice(11, 13));
  return quiet.from < quiet.to ? hour >= quiet.from && hour < quiet.to : hour >= quiet.from || hour < quiet.to;
}

export interface WorkerDeps {
  db: Knex;
  clock: Clock;
  logger: Logger;
  config: NotifyConfig;
  channels: Channels;
  /** Base of the "Hủy đăng ký" links and of the unit's public page. */
  publicBaseUrl: string;
}

export class NotifyWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;

  constructor(readonly deps: WorkerDeps) {}

  /** Which channels can send, for the admins' screen. */
  configured(): Record<"email" | "zalo" | "sms", boolean> {
    const c = this.deps.channels;
    return { email: Boolean(c.email), zalo: Boolean(c.zalo), sms: Boolean(c.sms) };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(1_000);
  }

  /** Stops the timer and waits for a pass in flight to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => 0);
    for (const c of Object.values(this.deps.channels)) c?.close?.();
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      let done = 0;
      try {
        done = await this.pass();
      } catch (err) {
        this.deps.logger.error("notify pass failed", { error: String((err as Error)?.message ?? err).split("\n")[0] });
      }
      // A full batch: more is waiting, go on at once.
      this.schedule(done >= BATCH ? 0 : IDLE_MS);
    }, ms);
    this.timer.unref();
  }

  /** One pass: fan out new events, then send one batch. Answers how many messages it handled. */
  pass(): Promise<number> {
    this.running ??= (async () => {
      await this.fanOut();
      return this.sendBatch();
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Passes until nothing more is due now (tests and the bench). */
  async drain(): Promise<void> {
    while ((await this.pass()) > 0);
  }

  /** Writes the messages of events not yet fanned out. */
  async fanOut(): Promise<void> {
    const { db, clock } = this.deps;
    for (;;) {
      const n = await db.transaction(async (trx) => {
        const events = await q.claimEvents(trx, 100);
        if (!events.length) return 0;
        const at = clock.now().toISOString();
        for (const e of events) {
          // A page of recipients at a time: an event for 100,000 subscribers never sits in memory whole.
          for (let after = 0; ; ) {
            const to = await q.recipientsOf(trx, e, after);
            await q.insertMessages(trx, to.map((s) => ({ event_id: e.id, unit_id: e.unit_id, subscription_id: s.id, household_id: s.household_id, channel: s.channel, next_at: e.created_at, claimed_until: null, created_at: at })));
            if (to.length < 5000) break;
            after = to[to.length - 1].id;
          }
        }
        await q.markFanned(trx, events.map((e) => e.id), at);
        return events.length;
      });
      if (n < 100) return;
    }
  }

  /** Claims and sends one batch of due messages. */
  async sendBatch(): Promise<number> {
    const { db, clock, config } = this.deps;
    const now = clock.now();
    if (isQuiet(config.quietHours, now)) return 0;
    const ids = await q.claimMessages(db, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString(), BATCH);
    if (!ids.length) return 0;
    const claimed = await q.claimedMessages(db, ids);
    const sent: number[] = [];
    const waiting: number[] = [];
    const failed: { m: q.ClaimedMessage; error: string; permanent: boolean }[] = [];
    let next = 0;
    const work = async () => {
      for (let i = next++; i < claimed.length; i = next++) {
        const m = claimed[i];
        const channel = this.deps.channels[m.channel];
        if (!channel) {
          waiting.push(m.id);
          continue;
        }
        try {
          await channel.send(m.address, this.compose(m), `outbox-${m.id}`);
          sent.push(m.id);
        } catch (err) {
          failed.push({ m, error: scrub(String((err as Error)?.message ?? err)), permanent: err instanceof SendError && err.permanent });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, work));
    const at = clock.now().toISOString();
    for (let i = 0; i < sent.length; i += 500) await q.markSent(db, sent.slice(i, i + 500), at);
    if (waiting.length) await q.markWaiting(db, waiting, new Date(now.getTime() + NO_CHANNEL_WAIT_MS).toISOString(), NO_CHANNEL);
    for (const f of failed) {
      const tries = f.m.tries + 1;
      const park = f.permanent || tries >= config.maxTries;
      await q.markFailed(db, f.m.id, { status: park ? "parked" : "pending", tries, next_at: new Date(now.getTime() + backoffMs(tries)).toISOString(), last_error: f.error });
    }
    // Addresses are never logged: ids and counts only.
    if (failed.length) this.deps.logger.error("notify: messages failed", { failed: failed.length, parked: failed.filter((f) => f.permanent || f.m.tries + 1 >= config.maxTries).map((f) => f.m.id) });
    return claimed.length - waiting.length;
  }

  private compose(m: q.ClaimedMessage) {
    const base = this.deps.publicBaseUrl;
    return messageOf(m.kind as EventKind, JSON.parse(m.payload), {
      unitName: m.unit_name,
      householdCode: m.household_code,
      unsubscribeUrl: `${base}/notify/unsubscribe/${m.subscription_id}/${m.token}`,
      publicUrl: `${base}/`,
    });
  }
}

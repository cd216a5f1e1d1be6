import type { NotifyConfig } from "../config";
import type { Channel, ChannelName } from "./channel";
import { emailChannel } from "./email";
import { smsChannel } from "./sms";
import { znsChannel, type TokenStore } from "./zns";
import type { Db } from "../../db/knex";

export type Channels = Partial<Record<ChannelName, Channel>>;

/** The channels the configuration names; one not configured is absent (its messages wait). */
export function channelsOf(cfg: NotifyConfig, db?: Db): Channels {
  const out: Channels = {};
  if (cfg.smtp) out.email = emailChannel(cfg.smtp);
  if (cfg.zns) out.zalo = znsChannel(cfg.zns, Date.now, db && tokenStore(db, "zalo"));
  if (cfg.sms) out.sms = smsChannel(cfg.sms);
  return out;
}

/** A channel's rotating credential in the database (channel_tokens), read before each refresh. */
function tokenStore(db: Db, channel: string): TokenStore {
  return {
    async load() {
      const row = (await db("channel_tokens").where({ channel }).first("refresh_token")) as { refresh_token: string } | undefined;
      return row?.refresh_token;
    },
    async save(refreshToken) {
      await db("channel_tokens").insert({ channel, refresh_token: refreshToken, updated_at: new Date().toISOString() }).onConflict("channel").merge();
    },
  };
}

export type { Channel, ChannelName, Composed } from "./channel";
export { SendError } from "./channel";

import type { NotifyConfig } from "../config";
import type { Channel, ChannelName } from "./channel";
import { emailChannel } from "./email";
import { smsChannel } from "./sms";
import { znsChannel } from "./zns";

export type Channels = Partial<Record<ChannelName, Channel>>;

/** The channels the configuration names; one not configured is absent (its messages wait). */
export function channelsOf(cfg: NotifyConfig): Channels {
  const out: Channels = {};
  if (cfg.smtp) out.email = emailChannel(cfg.smtp);
  if (cfg.zns) out.zalo = znsChannel(cfg.zns);
  if (cfg.sms) out.sms = smsChannel(cfg.sms);
  return out;
}

export type { Channel, ChannelName, Composed } from "./channel";
export { SendError } from "./channel";

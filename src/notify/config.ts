// The notification settings, read from the environment by src/config.ts (the only reader of
// process.env) through this function. Every channel is optional: none configured, the outbox keeps
// its messages until one is.

export interface NotifyConfig {
  /** Local hours (Asia/Ho_Chi_Minh) in which nothing is sent: from `from`:00 up to `to`:00; null sends at any hour. */
  quietHours: { from: number; to: number } | null;
  /** Tries before a message is parked for an admin to look at. */
  maxTries: number;
  smtp: { url: string; from: string } | null;
  zns: { url: string; appId: string; secret: string; refreshToken: string } | null;
  sms: { url: string; token: string } | null;
}

const env1 = (env: NodeJS.ProcessEnv, k: string) => (env[k] === undefined || env[k] === "" ? undefined : (env[k] as string));

function quietHours(v: string, bad: string[]): NotifyConfig["quietHours"] {
  if (v === "none") return null;
  const m = /^([0-9]{1,2})-([0-9]{1,2})$/.exec(v);
  const from = m ? Number(m[1]) : NaN, to = m ? Number(m[2]) : NaN;
  if (!m || from > 23 || to > 23 || from === to) {
    bad.push(`NOTIFY_QUIET_HOURS must be two different hours 0-23 as "from-to" (e.g. 21-7) or none (got "${v}")`);
    return null;
  }
  return { from, to };
}

const isHttpUrl = (v: string) => /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v);

/** Reads NOTIFY_*, SMTP_*, ZNS_* and SMS_*; pushes a line to `bad` for each wrong one. */
export function notifyConfig(env: NodeJS.ProcessEnv, bad: string[]): NotifyConfig {
  const get = (k: string) => env1(env, k);
  const tries = get("NOTIFY_MAX_TRIES") ?? "8";
  const maxTries = /^[0-9]{1,3}$/.test(tries) && Number(tries) >= 1 && Number(tries) <= 100 ? Number(tries) : NaN;
  if (Number.isNaN(maxTries)) bad.push(`NOTIFY_MAX_TRIES must be a whole number from 1 to 100 (got "${tries}")`);
  let smtp: NotifyConfig["smtp"] = null;
  const smtpUrl = get("SMTP_URL");
  if (smtpUrl) {
    if (!/^smtps?:\/\/([^\s@/]+@)?[^\s@/:]+(:[0-9]{1,5})?\/?$/.test(smtpUrl)) bad.push("SMTP_URL must be smtp://[user:password@]host:port (or smtps://)");
    const from = get("SMTP_FROM");
    if (!from || !/^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>$/.test(from)) bad.push("SMTP_FROM must be set to the sender's address when SMTP_URL is");
    smtp = { url: smtpUrl, from: from ?? "" };
  }
  let zns: NotifyConfig["zns"] = null;
  const znsKeys = ["ZNS_APP_ID", "ZNS_SECRET", "ZNS_REFRESH_TOKEN"] as const;
  if (znsKeys.some((k) => get(k))) {
    const missing = znsKeys.filter((k) => !get(k));
    if (missing.length) bad.push(`ZNS_APP_ID, ZNS_SECRET and ZNS_REFRESH_TOKEN must be set together (missing ${missing.join(", ")})`);
    const url = get("ZNS_URL");
    if (url !== undefined && !isHttpUrl(url)) bad.push("ZNS_URL must be an http(s) address");
    zns = { url: (url ?? "").replace(/\/+$/, ""), appId: get("ZNS_APP_ID") ?? "", secret: get("ZNS_SECRET") ?? "", refreshToken: get("ZNS_REFRESH_TOKEN") ?? "" };
  }
  let sms: NotifyConfig["sms"] = null;
  const smsUrl = get("SMS_URL");
  if (smsUrl) {
    if (!isHttpUrl(smsUrl)) bad.push("SMS_URL must be an http(s) address");
    if (!get("SMS_TOKEN")) bad.push("SMS_TOKEN must be set when SMS_URL is");
    sms = { url: smsUrl, token: get("SMS_TOKEN") ?? "" };
  }
  return { quietHours: quietHours(get("NOTIFY_QUIET_HOURS") ?? "21-7", bad), maxTries: maxTries || 8, smtp, zns, sms };
}

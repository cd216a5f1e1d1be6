import type { Channel, Composed } from "./channel";
import { internationalPhone, SendError } from "./channel";

// Zalo Notification Service: registered templates sent to a phone number linked to Zalo.
// - The OA access token comes from POST oauth.zaloapp.com/v4/oa/access_token (form: app_id,
//   grant_type=refresh_token, refresh_token; header secret_key): it lives about 25 hours, and each
//   refresh answers a new refresh token (the old one stops working), kept here for the next.
// - POST business.openapi.zalo.me/message/template (header access_token; JSON phone, template_id,
//   template_data, tracking_id) answers {error: 0, data: {msg_id}} when sent.
// ZNS_URL, when set, is the base address of both (tests run a local fake).

const OAUTH = "https://oauth.zaloapp.com";
const API = "https://business.openapi.zalo.me";
// Zalo's codes for an access token that is invalid or expired: refresh it and try once more.
const TOKEN_ERRORS = new Set([-124, -216]);

/** Where the newest refresh token is kept between restarts and shared by the installation's servers. */
export interface TokenStore {
  load(): Promise<string | undefined>;
  save(refreshToken: string): Promise<void>;
}

export function znsChannel(cfg: { url: string; appId: string; secret: string; refreshToken: string }, now: () => number = Date.now, store?: TokenStore): Channel {
  let refreshToken = cfg.refreshToken;
  let token: { value: string; until: number } | undefined;
  let refreshing: Promise<string> | undefined;

  async function refreshWith(current: string) {
    const res = await fetch(`${cfg.url || OAUTH}/v4/oa/access_token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", secret_key: cfg.secret },
      body: new URLSearchParams({ app_id: cfg.appId, grant_type: "refresh_token", refresh_token: current }).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string; expires_in?: string | number; error?: number; error_name?: string };
    return { ok: res.ok && !!body.access_token, status: res.status, body };
  }

  async function refresh(): Promise<string> {
    refreshToken = (await store?.load()) ?? refreshToken;
    let r = await refreshWith(refreshToken);
    // The operator may have put a newly issued token in the environment since the kept one was retired.
    if (!r.ok && refreshToken !== cfg.refreshToken) {
      refreshToken = cfg.refreshToken;
      r = await refreshWith(refreshToken);
    }
    if (!r.ok) throw new SendError(`zns: token refresh refused (${r.body.error ?? r.status})`);
    if (r.body.refresh_token) {
      refreshToken = r.body.refresh_token;
      await store?.save(refreshToken);
    }
    // A minute early, so a token never expires between reading it and Zalo checking it.
    token = { value: r.body.access_token!, until: now() + (Number(r.body.expires_in ?? 3600) - 60) * 1000 };
    return token.value;
  }
  const accessToken = (force = false) => {
    if (!force && token && token.until > now()) return Promise.resolve(token.value);
    refreshing ??= refresh().finally(() => (refreshing = undefined));
    return refreshing;
  };

  async function post(m: Composed, to: string, trackingId: string, at: string) {
    const res = await fetch(`${cfg.url || API}/message/template`, {
      method: "POST",
      headers: { "content-type": "application/json", access_token: at },
      body: JSON.stringify({ phone: internationalPhone(to), template_id: m.zns.templateId, template_data: m.zns.params, tracking_id: trackingId }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: number; message?: string };
    return { status: res.status, error: body.error, message: body.message };
  }

  return {
    async send(to: string, m: Composed, trackingId: string) {
      let r;
      try {
        r = await post(m, to, trackingId, await accessToken());
        if (r.error !== undefined && TOKEN_ERRORS.has(r.error)) r = await post(m, to, trackingId, await accessToken(true));
      } catch (err) {
        if (err instanceof SendError) throw err;
        throw new SendError(`zns: ${(err as Error).message}`);
      }
      if (r.status >= 400 || r.error !== 0) throw new SendError(`zns: error ${r.error ?? r.status} ${String(r.message ?? "").slice(0, 100)}`);
    },
  };
}

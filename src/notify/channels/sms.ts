import type { Channel, Composed } from "./channel";
import { internationalPhone, SendError } from "./channel";

// SMS through the installation's HTTP gateway (SMS_URL, SMS_TOKEN): POST JSON {to, text} with a
// bearer token; any 2xx is accepted.

export function smsChannel(cfg: { url: string; token: string }): Channel {
  return {
    async send(to: string, m: Composed) {
      let res: Response;
      try {
        res = await fetch(cfg.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${cfg.token}` },
          body: JSON.stringify({ to: internationalPhone(to), text: m.text }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        throw new SendError(`sms: ${(err as Error).message}`);
      }
      await res.arrayBuffer();
      if (!res.ok) throw new SendError(`sms: gateway answered ${res.status}`, res.status === 400 || res.status === 422);
    },
  };
}

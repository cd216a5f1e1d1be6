import nodemailer from "nodemailer";
import type { Channel, Composed } from "./channel";
import { SendError } from "./channel";

// E-mail over SMTP (SMTP_URL, SMTP_FROM), through nodemailer: one pooled connection reused
// between messages, so draining a long outbox does not open a connection per message.

export function emailChannel(cfg: { url: string; from: string }): Channel {
  const transport = nodemailer.createTransport(`${cfg.url}${cfg.url.includes("?") ? "&" : "?"}pool=true&maxConnections=4`);
  return {
    async send(to: string, m: Composed, trackingId: string) {
      try {
        await transport.sendMail({ from: cfg.from, to, subject: m.subject, text: m.text, messageId: `<${trackingId}@notify.soquy>` });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        // 5xx on a recipient is the server refusing the address: trying again will not help.
        throw new SendError(`smtp: ${String((err as Error).message).split("\n")[0].slice(0, 200)}`, code !== undefined && code >= 500 && code < 600);
      }
    },
    close: () => transport.close(),
  };
}

// A channel sends one composed message to one address. Adapters throw on failure (the worker
// retries with backoff); `permanent` failures (a refused address) park at once.

export type ChannelName = "zalo" | "sms" | "email";

export interface Composed {
  /** E-mail subject. */
  subject: string;
  /** The whole text, ending with the "Hủy đăng ký" link (e-mail, SMS). */
  text: string;
  /** The ZNS template of the event and its parameters (Zalo sends only registered templates). */
  zns: { templateId: string; params: Record<string, string> };
}

export interface Channel {
  send(to: string, message: Composed, trackingId: string): Promise<void>;
  close?(): void;
}

export class SendError extends Error {
  constructor(message: string, readonly permanent = false) {
    super(message);
  }
}

/** Vietnamese phone numbers as gateways want them: 84xxxxxxxxx. */
export function internationalPhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, "");
  return digits.startsWith("0") ? `84${digits.slice(1)}` : digits;
}

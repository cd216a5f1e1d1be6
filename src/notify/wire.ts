// What notify's routes answer: types only, which the web client imports.

export type Channel = "zalo" | "sms" | "email";
export type Topic = "receipts" | "works" | "publications" | "consultations" | "feedback";

export interface SubscriptionStartedWire {
  id: number;
  status: "pending";
}

export interface SubscriptionStatusWire {
  status: "active" | "withdrawn";
}

/** Whether a receipt's household was told: none (it did not subscribe to receipts), pending, sent, failed (parked). */
export type Notified = "none" | "pending" | "sent" | "failed";

export interface ReceiptNotifiedWire {
  notified: Notified;
}

export interface OutboxMessageWire {
  id: number;
  kind: string;
  channel: Channel;
  householdCode: string;
  /** Masked: "09xx xxx 123", "n***@example.vn". */
  address: string;
  status: "pending" | "failing" | "sent" | "parked";
  tries: number;
  nextAt: string;
  lastError: string | null;
  /** Why it waits without trying (no channel configured). */
  reason: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxWire {
  /** Which channels this installation can send through. */
  channels: Record<Channel, boolean>;
  /** Local hours without messages, e.g. "21-7"; null: any hour. */
  quietHours: string | null;
  counts: { pending: number; failing: number; sent: number; parked: number };
  data: OutboxMessageWire[];
}

export interface SubscriptionWire {
  id: number;
  householdCode: string;
  channel: Channel;
  address: string;
  topics: Topic[];
  status: "pending" | "active" | "withdrawn";
  consentedAt: string | null;
  withdrawnAt: string | null;
}

import { BigId, Id, Obj, OneOf, Type } from "../http/schema-kit";
import { TOPICS } from "./events";

// The requests of notify's routes. An address is checked for its channel by the service (a phone
// for zalo and sms, an e-mail address for email); here only its shape and length.

const HouseholdCode = Type.String({ pattern: "^\\s*[A-Za-z0-9][A-Za-z0-9._/-]{0,31}\\s*$", maxLength: 40 });
const Pin = Type.String({ pattern: "^[0-9]{6}$", maxLength: 6 });
export const CHANNELS = ["zalo", "sms", "email"] as const;

export const SubscribeBody = Obj({
  householdCode: HouseholdCode,
  pin: Pin,
  channel: OneOf(CHANNELS),
  address: Type.String({ minLength: 3, maxLength: 200, pattern: "^[^\\s<>\"][^<>\"\\r\\n]*$" }),
  topics: Type.Array(OneOf(TOPICS), { minItems: 1, maxItems: 5, uniqueItems: true }),
});
export const WithdrawBody = Obj({ householdCode: HouseholdCode, pin: Pin, channel: Type.Optional(OneOf(CHANNELS)) });
export const ConfirmBody = Obj({ code: Type.String({ pattern: "^[0-9]{6}$", maxLength: 6 }) });
export const SubscriptionParams = Obj({ subscriptionId: Id });
export const OutboxParams = Obj({ unitId: Id, messageId: Id });
export const ReceiptParams = Obj({ unitId: Id, contributionId: BigId });
export const OutboxQuery = Obj({ status: Type.Optional(OneOf(["pending", "failing", "sent", "parked"] as const)) });

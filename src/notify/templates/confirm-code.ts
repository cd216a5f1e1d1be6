import type { Composed } from "../channels/channel";

/** The 6-digit code that confirms a subscription, sent through the channel being subscribed. */
export function confirmCodeMessage(code: string, unitName: string, minutes: number): Composed {
  return {
    subject: `Mã xác nhận đăng ký nhận tin — ${unitName}`,
    text: `${unitName}: mã xác nhận đăng ký nhận tin của gia đình là ${code} (hiệu lực ${minutes} phút). Nếu không phải gia đình đăng ký, xin bỏ qua tin này.`,
    zns: { templateId: "confirm_code", params: { otp: code } },
  };
}

import express, { Request, Response, Router } from "express";
import type { Deps } from "../deps";
import { crossSite, formField, FormTokens, HOUSEHOLD_CODE, PATH_ID, PIN, refusalSentence, UNIT_CODE } from "../http/page-forms";
import { anonymous, findUnit, findUnitByCode, type Unit } from "../identity";
import type { PageKit as PublicPageKit } from "../http/page-kit";
import { formatInstantVi } from "../shared/dates";
import { AppError, NotFoundError } from "../shared/errors";
import { TOPICS, type Topic } from "./events";
import { findSubscription, type SubscriptionRow } from "./queries";
import { confirmSubscription, maskAddress, subscribe, withdrawByPin } from "./subscriptions";
import type { Channel } from "./wire";
import type { NotifyWorker } from "./worker";

// A resident subscribes from the hamlet's (or commune's) public page, on a phone, without
// JavaScript: the form posts to a page route that calls the same service as the API (its PIN
// guard and throttles included), and the answer is a page too: the confirmation code's form, then
// "Đã đăng ký". A refusal shows the form again with its reason and what was typed (never the PIN
// or the code). Guarded as the notice board's own forms: a signed form token bound to the form and
// its subject, and the browser's word on where the post comes from.

const CHANNEL_ORDER: Channel[] = ["zalo", "sms", "email"];
const CHANNEL_NAMES: Record<Channel, string> = { zalo: "Zalo", sms: "Tin nhắn SMS", email: "Thư điện tử (e-mail)" };
/** The same inside a sentence ("qua thư điện tử"). */
const CHANNEL_WORDS: Record<Channel, string> = { zalo: "Zalo", sms: "tin nhắn SMS", email: "thư điện tử" };
// Each on one line of a phone's screen: a label that wraps squeezes its checkbox.
const TOPIC_LABELS: Record<Topic, string> = {
  receipts: "Phiếu thu khi hộ đóng góp",
  works: "Công trình hộ đã góp tiền",
  publications: "Bản công khai thu chi mới",
  consultations: "Lấy ý kiến người dân",
  feedback: "Trả lời phản ánh của hộ",
};

// As the API's schemas (notify/schemas.ts) have them.
const CONFIRM_CODE = /^[0-9]{6}$/;
const ADDRESS = /^[^\s<>"][^<>"\r\n]{2,199}$/;

/** What a resident typed into the subscribe form, given back with the reason it was refused. */
interface Typed {
  householdCode: string;
  channel: string;
  address: string;
  topics: string[];
}

const home = (u: Unit) => `/u/${encodeURIComponent(u.code)}`;
const place = (u: Unit) => (u.kind === "commune" ? "xã" : "thôn");
const back = (u: Unit) => ({ href: home(u), name: u.name });

/** The page's refusal, in words a resident understands; a 5xx other than a failing channel is not theirs to read. */
function sayRefusal(err: unknown, channel?: string): { status: number; text: string; retryAfter?: number } {
  if (!(err instanceof AppError) || (err.status >= 500 && err.code !== "channel_unavailable")) throw err;
  const via = CHANNEL_WORDS[(err.params.channel ?? channel) as Channel] ?? "kênh này";
  const plain: Record<string, () => string> = {
    page_form_invalid: () => String(err.params.why),
    form_expired: () => "Trang đã mở quá lâu hoặc không phải trang của hệ thống. Những gì đã ghi vẫn còn dưới đây: hãy ghi lại mã PIN rồi bấm gửi lại.",
    invalid_pin: () => "Mã hộ hoặc mã PIN không đúng. Hãy xem lại giấy báo mã PIN của hộ.",
    invalid_address: () => (err.params.channel === "email"
      ? "Địa chỉ thư điện tử chưa đúng. Hãy ghi đủ, ví dụ ten.ho@gmail.com."
      : `Để nhận tin qua ${via}, hãy ghi một số điện thoại di động Việt Nam, ví dụ 0912 345 678.`),
    channel_unavailable: () => `Chưa gửi được mã xác nhận qua ${via}: kênh này đang trục trặc. Xin thử lại sau ít phút, hoặc chọn kênh khác.`,
    too_many_requests: () => `Đã thử sai quá nhiều lần. Xin đợi khoảng ${Math.max(1, Math.ceil(Number(err.params.retryAfter ?? 60) / 60))} phút rồi thử lại.`,
    invalid_code: () => `Mã xác nhận không đúng. Còn ${String(err.params.left ?? 0)} lần thử.`,
    code_expired: () => "Mã xác nhận đã hết hạn hoặc đã nhập sai quá nhiều lần. Hãy đăng ký lại để nhận mã mới.",
  };
  const text = plain[err.code]?.() ?? refusalSentence(err);
  return { status: err.status, text, ...(err.status === 429 ? { retryAfter: Number(err.params.retryAfter ?? 60) } : {}) };
}

const invalid = (why: string) => new AppError(400, "page_form_invalid", { why });

/** The posted form's text fields (a repeated one as its first value), and the ticked topics. */
function posted(req: Request): { fields: Record<string, string>; topics: string[] } {
  const body = (typeof req.body === "object" && req.body ? req.body : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") fields[k] = first;
  }
  const t = body.topics;
  const topics = (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === "string");
  return { fields, topics };
}

const field = (fields: Record<string, string>, name: string) => formField(fields, name);

/**
 * Adds the subscribe page's routes to publication's public router (its layout, stylesheet and
 * policy; the views are publication/views/subscribe*.eta); `notifier` gives the configured channels.
 */
export function subscribePages(deps: Deps, kit: PublicPageKit, router: Router, notifier: () => NotifyWorker): void {
  const { db } = deps;
  const tokens = new FormTokens();
  const now = () => deps.clock.now();
  const actorOf = (req: Request) => anonymous(req.id, req.ip ?? "unknown", now().toISOString());
  const offered = () => {
    const on = notifier().configured();
    return CHANNEL_ORDER.filter((c) => on[c]);
  };
  const urlencoded = express.urlencoded({ extended: false, limit: "16kb", parameterLimit: 20 });
  const BASE = "/u/:unitCode/subscribe";

  /** The unit the address names: an active hamlet or commune (whose hamlets' households subscribe there), or 404. */
  const unitOf = async (req: Request): Promise<Unit> => {
    const code = String(req.params.unitCode);
    const unit = UNIT_CODE.test(code) ? await findUnitByCode(db, code) : undefined;
    if (!unit || !unit.isActive || unit.kind === "province") throw new NotFoundError("unit");
    return unit;
  };

  /** The subscription the address names, if it was made at this unit's page (its hamlet, or a hamlet of this commune). */
  const subscriptionOf = async (req: Request, unit: Unit): Promise<SubscriptionRow> => {
    const id = String(req.params.subscriptionId);
    const s = PATH_ID.test(id) ? await findSubscription(db, Number(id)) : undefined;
    const its = s && (s.unit_id === unit.id ? unit : await findUnit(db, s.unit_id));
    if (!s || !its || (its.id !== unit.id && its.parentId !== unit.id)) throw new NotFoundError("subscription");
    return s;
  };

  /** A handler whose not-found answers this page's not-found page; other refusals are answered by each route. */
  const page = (fn: (req: Request, res: Response) => Promise<void>) => kit.html(async (req, res) => {
    try {
      await fn(req, res);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return kit.page(res, "subscribe", "Không tìm thấy", { notFound: true }, 404);
      throw err;
    }
  });

  const answer = (res: Response, refusal: { status: number; retryAfter?: number }) => {
    if (refusal.retryAfter) res.setHeader("Retry-After", String(refusal.retryAfter));
    return refusal.status;
  };

  /** The subscribe form and the withdraw form; each shows its own refusal and what was typed in it. */
  const showForms = (res: Response, unit: Unit, opts: { typed?: Typed; error?: string; withdrawTyped?: { householdCode: string; channel: string }; withdrawError?: string; status?: number } = {}) => {
    const channels = offered();
    const typed: Typed = opts.typed ?? { householdCode: "", channel: channels[0] ?? "", address: "", topics: [...TOPICS] };
    const phones = channels.some((c) => c !== "email");
    const mail = channels.includes("email");
    const w = opts.withdrawTyped ?? { householdCode: "", channel: "" };
    const heading = `Nhận tin của ${place(unit)}`;
    kit.page(res, "subscribe", heading, {
      back: back(unit),
      heading,
      place: place(unit),
      unitName: unit.name,
      self: `${home(unit)}/subscribe`,
      error: opts.error ?? "",
      token: channels.length ? tokens.issue(`subscribe:${unit.id}`, now()) : "",
      typed,
      channels: channels.map((c) => ({ value: c, name: CHANNEL_NAMES[c], checked: typed.channel === c })),
      addressLabel: phones && mail ? "Số điện thoại hoặc địa chỉ thư điện tử" : phones ? "Số điện thoại di động" : "Địa chỉ thư điện tử",
      addressHint: (phones ? `${channels.filter((c) => c !== "email").map((c) => (c === "sms" ? "SMS" : CHANNEL_WORDS[c])).join(" và ")}: số di động, ví dụ 0912 345 678. ` : "") + (mail ? "Thư điện tử: ví dụ ten.ho@gmail.com." : ""),
      topics: TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t], checked: typed.topics.includes(t) })),
      withdraw: {
        token: tokens.issue(`withdraw:${unit.id}`, now()),
        householdCode: w.householdCode,
        error: opts.withdrawError ?? "",
        channels: [{ value: "", name: "Tất cả các kênh", checked: !w.channel }, ...CHANNEL_ORDER.map((c) => ({ value: c, name: CHANNEL_NAMES[c], checked: w.channel === c }))],
      },
    }, opts.status);
  };

  /** The page that asks for the code sent to the address (or, `expired`, says to subscribe again). */
  const showConfirm = (res: Response, unit: Unit, s: SubscriptionRow, opts: { error?: string; expired?: string; status?: number } = {}) => {
    const self = `${home(unit)}/subscribe`;
    kit.page(res, "subscribe-code", opts.expired ? "Mã xác nhận đã hết hạn" : "Đã gửi mã xác nhận", {
      back: back(unit),
      subscribeHref: self,
      expired: opts.expired ?? "",
      error: opts.error ?? "",
      address: maskAddress(s.channel, s.address),
      via: CHANNEL_WORDS[s.channel],
      until: s.code_expires_at ? formatInstantVi(s.code_expires_at) : "",
      action: `${self}/${s.id}/confirm`,
      token: opts.expired ? "" : tokens.issue(`confirm:${s.id}`, now()),
    }, opts.status);
  };

  router.get(BASE, page(async (req, res) => showForms(res, await unitOf(req))));

  router.post(BASE, urlencoded, page(async (req, res) => {
    const unit = await unitOf(req);
    const { fields, topics } = posted(req);
    const typed: Typed = { householdCode: fields.householdCode ?? "", channel: fields.channel ?? "", address: fields.address ?? "", topics };
    let started: { id: number };
    try {
      if (crossSite(req, deps.config.publicBaseUrl) || !tokens.holds(fields.token, `subscribe:${unit.id}`, now())) throw new AppError(403, "form_expired");
      const householdCode = field(fields, "householdCode");
      const pin = field(fields, "pin");
      const address = field(fields, "address");
      const channel = fields.channel as Channel;
      const chosen = TOPICS.filter((t) => topics.includes(t));
      if (!HOUSEHOLD_CODE.test(householdCode) || !PIN.test(pin)) throw invalid("Hãy ghi mã hộ và mã PIN 6 chữ số in trên giấy báo của hộ.");
      if (!offered().includes(channel)) throw invalid("Hãy chọn nhận tin qua kênh nào.");
      if (!ADDRESS.test(address)) throw invalid(channel === "email" ? "Hãy ghi địa chỉ thư điện tử." : "Hãy ghi số điện thoại di động.");
      if (!chosen.length) throw invalid("Hãy chọn ít nhất một loại tin muốn nhận.");
      started = await subscribe(db, actorOf(req), deps.throttles.pins, notifier().deps.channels, unit.id, { householdCode, pin, channel, address, topics: chosen });
    } catch (err) {
      const why = sayRefusal(err, typed.channel);
      return showForms(res, unit, { typed, error: why.text, status: answer(res, why) });
    }
    showConfirm(res, unit, (await findSubscription(db, started.id))!);
  }));

  router.post(`${BASE}/:subscriptionId/confirm`, urlencoded, page(async (req, res) => {
    const unit = await unitOf(req);
    const s = await subscriptionOf(req, unit);
    const { fields } = posted(req);
    let topics: Topic[];
    try {
      if (crossSite(req, deps.config.publicBaseUrl) || !tokens.holds(fields.token, `confirm:${s.id}`, now())) throw new AppError(403, "form_expired");
      const code = field(fields, "code").replace(/\s/g, "");
      if (!CONFIRM_CODE.test(code)) throw invalid("Mã xác nhận gồm đúng 6 chữ số.");
      await confirmSubscription(db, actorOf(req), s.id, code);
      topics = JSON.parse(s.topics) as Topic[];
    } catch (err) {
      const why = sayRefusal(err);
      if (err instanceof AppError && err.code === "code_expired") return showConfirm(res, unit, s, { expired: why.text, status: why.status });
      return showConfirm(res, unit, s, { error: why.text, status: answer(res, why) });
    }
    kit.page(res, "subscribed", "Đã đăng ký nhận tin", {
      back: back(unit),
      subscribeHref: `${home(unit)}/subscribe`,
      subscribed: { via: CHANNEL_WORDS[s.channel], address: maskAddress(s.channel, s.address), topics: topics.map((t) => TOPIC_LABELS[t] ?? t) },
    });
  }));

  router.post(`${BASE}/withdraw`, urlencoded, page(async (req, res) => {
    const unit = await unitOf(req);
    const { fields } = posted(req);
    const withdrawTyped = { householdCode: fields.householdCode ?? "", channel: fields.channel ?? "" };
    let withdrawn: number;
    let channel: Channel | undefined;
    try {
      if (crossSite(req, deps.config.publicBaseUrl) || !tokens.holds(fields.token, `withdraw:${unit.id}`, now())) throw new AppError(403, "form_expired");
      const householdCode = field(fields, "householdCode");
      const pin = field(fields, "pin");
      if (!HOUSEHOLD_CODE.test(householdCode) || !PIN.test(pin)) throw invalid("Hãy ghi mã hộ và mã PIN 6 chữ số in trên giấy báo của hộ.");
      if (fields.channel && !CHANNEL_ORDER.includes(fields.channel as Channel)) throw invalid("Hãy chọn kênh muốn thôi nhận tin.");
      channel = (fields.channel || undefined) as Channel | undefined;
      ({ withdrawn } = await withdrawByPin(db, actorOf(req), deps.throttles.pins, unit.id, { householdCode, pin, ...(channel ? { channel } : {}) }));
    } catch (err) {
      const why = sayRefusal(err);
      return showForms(res, unit, { withdrawTyped, withdrawError: why.text, status: answer(res, why) });
    }
    kit.page(res, "subscribed", "Đã hủy đăng ký nhận tin", {
      back: back(unit),
      subscribeHref: `${home(unit)}/subscribe`,
      withdrawn: { count: withdrawn, via: channel ? ` qua ${CHANNEL_WORDS[channel]}` : "" },
    });
  }));
}

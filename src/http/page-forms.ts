import crypto from "node:crypto";
import type { Request } from "express";
import { AppError } from "../shared/errors";
import { problemText } from "./messages";
import { isWellFormedText, nfc } from "../shared/text";

// The guards of a server-rendered page's form posted without JavaScript (publication's and notify's
// public pages): a post from another site fails on the browser's own word on where it comes from
// (Sec-Fetch-Site, Origin), and on a token the page put in the form, signed by this server and bound
// to the form's purpose and subject.

// What a public page's path and forms take: a unit's code, a row's id, a household's code and PIN
// (the API's own patterns, checked here so that the page answers instead of a 400 problem).
export const UNIT_CODE = /^[A-Za-z0-9_-]{1,32}$/;
export const PATH_ID = /^[1-9][0-9]{0,9}$/;
export const HOUSEHOLD_CODE = /^\s*[A-Za-z0-9][A-Za-z0-9._/-]{0,31}\s*$/;
export const PIN = /^[0-9]{6}$/;

/** A refusal as one sentence of the problem catalog (Vietnamese), for a page that has no plainer words for it. */
export function refusalSentence(err: AppError): string {
  const { title, detail } = problemText(err.code, "vi", err.params);
  return `${title}. ${detail}`;
}

/** How long a page's form may be sent after the page was opened. */
const TOKEN_MS = 6 * 60 * 60_000;

/** Signs and checks the forms' tokens with a key of this process (a restart asks to send again). */
export class FormTokens {
  private readonly key = crypto.randomBytes(32);

  private sign(purpose: string, at: number): string {
    return crypto.createHmac("sha256", this.key).update(`${purpose}|${at}`).digest("base64url");
  }

  /** A token for the form of `purpose` (e.g. "feedback:12"), made at the instant `now`. */
  issue(purpose: string, now: Date): string {
    const at = now.getTime();
    return `${at.toString(36)}.${this.sign(purpose, at)}`;
  }

  /** Whether `token` was issued here for `purpose` within the last hours. */
  holds(token: string | undefined, purpose: string, now: Date): boolean {
    const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? "");
    if (!m) return false;
    const at = parseInt(m[1], 36);
    const age = now.getTime() - at;
    if (!(age >= -60_000 && age <= TOKEN_MS)) return false;
    const want = Buffer.from(this.sign(purpose, at));
    const got = Buffer.from(m[2]);
    return got.length === want.length && crypto.timingSafeEqual(got, want);
  }
}

/**
 * Whether the browser says the post comes from another site. A page's own post says same-origin
 * (Sec-Fetch-Site) or names this host (Origin); the public pages send no referrer, so a browser
 * may send "Origin: null" for them, which says nothing either way.
 */
export function crossSite(req: Request, publicBaseUrl: string): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") return true;
  const origin = req.headers.origin;
  if (!origin || origin === "null") return false;
  try {
    const host = new URL(origin).host;
    return host !== req.headers.host && host !== new URL(publicBaseUrl).host;
  } catch {
    return true;
  }
}

/**
 * A posted form's text field, trimmed and in NFC (a multi-line one with its line ends as \n); text
 * that is not well formed (a lone surrogate, a control character) is 400 page_form_invalid, which the
 * page answers in Vietnamese.
 */
export function formField(fields: Record<string, string>, name: string, multiLine = false): string {
  const v = nfc((fields[name] ?? "").replace(/\r\n/g, "\n")).trim();
  if (!isWellFormedText(v, multiLine)) throw new AppError(400, "page_form_invalid", { why: "Nội dung có ký tự không hợp lệ." });
  return v;
}

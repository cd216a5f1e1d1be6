import type { Knex } from "knex";
import type { Config } from "./config";
import type { InstallationWarning } from "./backup/wire";
import { holdsDemoData } from "./identity";
import { RuleViolation } from "./shared/errors";
import { registerProblems } from "./http/messages";

registerProblems({
  public_base_url_loopback: {
    vi: [
      "Mã QR sẽ không mở được",
      "Địa chỉ công khai (PUBLIC_BASE_URL) đang là {publicBaseUrl}: cư dân quét mã QR trên bản niêm yết sẽ không mở được. Hãy đặt PUBLIC_BASE_URL là địa chỉ mà cư dân truy cập được (ví dụ https://soquy.xa-tanlinh.gov.vn) rồi khởi động lại máy chủ.",
    ],
    en: [
      "The QR codes would lead nowhere",
      "The public address (PUBLIC_BASE_URL) is {publicBaseUrl}: residents scanning the QR code on a posted statement would reach nothing. Set PUBLIC_BASE_URL to an address residents can reach (e.g. https://fund.example-commune.vn) and restart the server.",
    ],
  },
});

// What an installation's own settings put at risk, told to whoever can fix it: the start-up log,
// /healthz, the admins' screen; and refused where it would do harm (publishing a statement whose
// QR code leads nowhere).

export type Warning = InstallationWarning;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;
// A server listening on every interface is reached from the network; a link to one leads nowhere.
const ANY = /^(0\.0\.0\.0|\[?::\]?)$/;

/** Only this machine reaches it (unset counts: a link with no host leads nowhere either). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim()) || host.trim() === "";
}

function baseUrlHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

export class Installation {
  private demo: Promise<boolean> | undefined;

  constructor(
    private readonly db: Knex,
    private readonly config: Readonly<Config>,
  ) {}

  /** The demo installation (demo data loaded at first start): its links are for this machine only. */
  isDemo(): Promise<boolean> {
    // Demo data is loaded once, at the first start, and never later: the answer cannot change.
    this.demo ??= holdsDemoData(this.db).catch((err) => {
      this.demo = undefined;
      throw err;
    });
    return this.demo;
  }

  /** Printed links (QR codes) lead nowhere but this machine, on an installation residents reach. */
  async warnings(): Promise<Warning[]> {
    const linkHost = baseUrlHost(this.config.publicBaseUrl);
    if (!isLoopbackHost(linkHost) && !ANY.test(linkHost)) return [];
    if (!isLoopbackHost(this.config.host) || !(await this.isDemo())) return ["public_base_url_loopback"];
    return [];
  }

  /** Refuses to publish a statement whose QR code would point at this machine (the demo aside). */
  async assertPublicLinks(): Promise<void> {
    if ((await this.warnings()).includes("public_base_url_loopback") && !(await this.isDemo())) {
      throw new RuleViolation("public_base_url_loopback", { publicBaseUrl: this.config.publicBaseUrl });
    }
  }
}

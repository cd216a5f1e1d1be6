// The only reader of process.env. Validates everything at start-up, names every bad variable,
// and returns a frozen typed object that the rest of the program is given (never imports).

import { createHash } from "node:crypto";
import net from "node:net";
import { notifyConfig, type NotifyConfig } from "./notify/config";

export type DbConfig =
  | { client: "sqlite"; filename: string }
  | { client: "postgres"; connectionString: string; searchPath?: string };

export interface Config {
  port: number;
  host: string;
  database: DbConfig;
  databaseUrl: string;
  demoData: boolean;
  adminUsername?: string;
  adminPassword?: string;
  sessionTtlHours: number;
  /** scrypt cost (N). Tests lower it; production keeps the default. */
  scryptCost: number;
  publicBaseUrl: string;
  filesDir: string;
  /** The server's own backups: unset, off. */
  backup: { dir: string; everyHours: number; keep: number } | null;
  logLevel: "silent" | "info";
  /**
   * Which proxies' X-Forwarded-For is believed (express's "trust proxy"): false (none), a hop count,
   * or the proxies' addresses/CIDRs/named ranges. Never plain true: that believes the left-most
   * address, which any client writes itself.
   */
  trustProxy: false | number | string[];
  /** Residents' notifications: quiet hours, tries, and the channels configured (src/notify/config.ts). */
  notify: NotifyConfig;
  /**
   * The prefix of the OC4IDS project ids this installation publishes (OC4IDS_PREFIX): "oc4ids-"
   * and a registered or chosen part; by default one derived from PUBLIC_BASE_URL, stable while the
   * address is, so two installations' projects never share an id.
   */
  oc4idsPrefix: string;
  /**
   * INSTALLATION_ID (1-999): this database's own range of ids for new rows, so that provinces merge
   * into one national copy without renumbering (src/national/id-ranges.ts). Unset: no range.
   */
  installationId?: number;
  /** READ_ONLY_COPY: this server reads the national copy; every write is refused (src/national/read-only.ts). */
  readOnlyCopy?: boolean;
}

export class ConfigError extends Error {}

const DEFAULTS = {
  PORT: "3000",
  HOST: "127.0.0.1",
  DATABASE_URL: "sqlite:data/fund.sqlite",
  DEMO_DATA: "true",
  SESSION_TTL_HOURS: "12",
  SCRYPT_COST: "16384",
  PUBLIC_BASE_URL: "http://localhost:3000",
  FILES_DIR: "data/files",
  BACKUP_DIR: "",
  BACKUP_EVERY_HOURS: "24",
  BACKUP_KEEP: "14",
  LOG_LEVEL: "info",
  TRUST_PROXY: "false",
};

export function parseDatabaseUrl(url: string): DbConfig | undefined {
  if (url.startsWith("sqlite:")) {
    const filename = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    return filename ? { client: "sqlite", filename } : undefined;
  }
  if (/^postgres(ql)?:\/\/[^\s]+$/.test(url)) return { client: "postgres", connectionString: url };
  return undefined;
}

function bool(name: string, v: string, bad: string[]): boolean {
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  bad.push(`${name} must be true or false (got "${v}")`);
  return false;
}

const NAMED_RANGES = ["loopback", "linklocal", "uniquelocal"];

/** "false"/"0" (none), a hop count, or a comma-separated list of addresses, CIDRs and named ranges. */
function trustProxy(v: string, bad: string[]): Config["trustProxy"] {
  const s = v.trim();
  if (s === "false" || s === "0") return false;
  if (s === "true") {
    bad.push('TRUST_PROXY=true would let any client choose its own address (the left-most X-Forwarded-For); give the number of proxies in front of the server (e.g. 1) or their addresses (e.g. loopback or 10.0.0.0/8)');
    return false;
  }
  if (/^[0-9]+$/.test(s)) {
    const n = Number(s);
    if (n <= 10) return n;
    bad.push(`TRUST_PROXY hop count must be from 0 to 10 (got "${v}")`);
    return false;
  }
  const items = s.split(",").map((x) => x.trim());
  const wrong = items.filter((x) => !NAMED_RANGES.includes(x) && !isAddressOrCidr(x));
  if (wrong.length || !items.length) {
    bad.push(`TRUST_PROXY must be false, a hop count, or a comma-separated list of proxy addresses, CIDRs or ${NAMED_RANGES.join("/")} (bad: "${wrong.join(", ") || v}")`);
    return false;
  }
  return items;
}

function isAddressOrCidr(x: string): boolean {
  const [addr, bits, more] = x.split("/");
  const kind = net.isIP(addr);
  if (!kind || more !== undefined) return false;
  if (bits === undefined) return true;
  return /^[0-9]{1,3}$/.test(bits) && Number(bits) <= (kind === 4 ? 32 : 128);
}

function int(name: string, v: string, min: number, max: number, bad: string[]): number {
  const n = /^[0-9]+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    bad.push(`${name} must be a whole number from ${min} to ${max} (got "${v}")`);
    return min;
  }
  return n;
}

/** loadConfig for a process's start: a bad variable ends it with one line and exit status 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`configuration error: ${err.message}\n`);
    process.exit(2);
  }
}

/** Reads and checks the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const get = (k: keyof typeof DEFAULTS) => (env[k] === undefined || env[k] === "" ? DEFAULTS[k] : (env[k] as string));
  const bad: string[] = [];
  const databaseUrl = get("DATABASE_URL");
  const database = parseDatabaseUrl(databaseUrl);
  if (!database) bad.push(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl}")`);
  const logLevel = get("LOG_LEVEL");
  if (logLevel !== "silent" && logLevel !== "info") bad.push(`LOG_LEVEL must be info or silent (got "${logLevel}")`);
  const adminUsername = env.ADMIN_USERNAME || undefined;
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (Boolean(adminUsername) !== Boolean(adminPassword)) bad.push("ADMIN_USERNAME and ADMIN_PASSWORD must be set together");
  if (adminPassword && adminPassword.length < 10) bad.push("ADMIN_PASSWORD must have at least 10 characters");
  if (adminUsername && !/^[a-z0-9._-]{3,64}$/.test(adminUsername)) bad.push("ADMIN_USERNAME must be 3-64 of a-z 0-9 . _ -");
  const config: Config = {
    port: int("PORT", get("PORT"), 0, 65535, bad),
    host: get("HOST"),
    database: database ?? { client: "sqlite", filename: "" },
    databaseUrl,
    demoData: bool("DEMO_DATA", get("DEMO_DATA"), bad),
    adminUsername,
    adminPassword,
    sessionTtlHours: int("SESSION_TTL_HOURS", get("SESSION_TTL_HOURS"), 1, 24 * 90, bad),
    scryptCost: int("SCRYPT_COST", get("SCRYPT_COST"), 1024, 1 << 20, bad),
    publicBaseUrl: get("PUBLIC_BASE_URL").replace(/\/+$/, ""),
    filesDir: get("FILES_DIR"),
    backup: get("BACKUP_DIR")
      ? { dir: get("BACKUP_DIR"), everyHours: int("BACKUP_EVERY_HOURS", get("BACKUP_EVERY_HOURS"), 1, 24 * 31, bad), keep: int("BACKUP_KEEP", get("BACKUP_KEEP"), 1, 1000, bad) }
      : null,
    logLevel: logLevel as Config["logLevel"],
    trustProxy: trustProxy(get("TRUST_PROXY"), bad),
    notify: notifyConfig(env, bad),
    oc4idsPrefix: "",
  };
  const oc4idsPrefix = env.OC4IDS_PREFIX || `oc4ids-${createHash("sha256").update(config.publicBaseUrl).digest("hex").slice(0, 6)}-`;
  if (!/^oc4ids-[A-Za-z0-9-]{1,40}$/.test(oc4idsPrefix)) bad.push(`OC4IDS_PREFIX must be "oc4ids-" followed by 1-40 of A-Z a-z 0-9 - (got "${oc4idsPrefix}")`);
  config.oc4idsPrefix = oc4idsPrefix;
  if (env.INSTALLATION_ID) config.installationId = int("INSTALLATION_ID", env.INSTALLATION_ID, 1, 999, bad);
  if (env.READ_ONLY_COPY) config.readOnlyCopy = bool("READ_ONLY_COPY", env.READ_ONLY_COPY, bad);
  // Only PostgreSQL databases join a national copy (logical replication); SQLite stays on its own.
  if (config.database.client === "sqlite" && config.installationId !== undefined) bad.push("INSTALLATION_ID needs a PostgreSQL DATABASE_URL: only PostgreSQL databases join a national copy");
  if ((config.scryptCost & (config.scryptCost - 1)) !== 0) bad.push("SCRYPT_COST must be a power of two");
  if (bad.length) throw new ConfigError(bad.join("; "));
  return Object.freeze(config);
}
